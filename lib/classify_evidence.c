/* The evidence of a message and the tally of its cues, from the accepted matches. */
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "classify_internal.h"
#include "ids_internal.h"

static ukc_id cue_id(const ukc_lex_pattern *p)
{
    switch (p->cat) {
    case UKC_CUE_DISSATISFACTION: return UKC_C001_DISSATISFACTION;
    case UKC_CUE_BREACHED: return UKC_C002_BREACHED_EXPECTATION;
    case UKC_CUE_SARCASM: return UKC_C003_SARCASM;
    case UKC_CUE_PRAISE: return UKC_C004_PRAISE;
    case UKC_CUE_THANKS: return UKC_C005_THANKS;
    case UKC_CUE_SUGGESTION: return UKC_C006_SUGGESTION;
    case UKC_CUE_OPINION: return UKC_C007_OPINION;
    case UKC_CUE_REQUEST: return UKC_C008_SERVICE_REQUEST;
    case UKC_CUE_DECLARED: return UKC_C062_DECLARED_COMPLAINT;
    case UKC_CUE_ROUTE: return ukc__route_ids[p->route]; /* checked when parsed */
    case UKC_CUE_AREA: return UKC_C020_SERVICE_AREA;
    default: return UKC_C009_NEGATION;
    }
}

/* Which kind a cue counts for, or -1 when it counts for none. */
static int counts_for(ukc_cue_cat cat, bool negated)
{
    switch (cat) {
    case UKC_CUE_DISSATISFACTION:
    case UKC_CUE_DECLARED:
    case UKC_CUE_BREACHED:
    case UKC_CUE_SARCASM:
        return negated ? -1 : UKC_KIND_COMPLAINT;
    case UKC_CUE_PRAISE:
    case UKC_CUE_THANKS:
        return negated ? UKC_KIND_COMPLAINT : UKC_KIND_COMPLIMENT;
    case UKC_CUE_SUGGESTION:
        return negated ? -1 : UKC_KIND_COMMENT;
    case UKC_CUE_OPINION:
        return UKC_KIND_COMMENT; /* "I don't think ..." is still a view */
    case UKC_CUE_REQUEST:
        return negated ? -1 : UKC_KIND_REQUEST;
    case UKC_CUE_ROUTE:
        return negated ? -1 : UKC_KIND_OTHER;
    default:
        return -1;
    }
}

static int cmp_evidence(const void *a, const void *b)
{
    const ukc_evidence *x = a, *y = b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    if (x->end != y->end)
        return x->end > y->end ? -1 : 1;
    return (x->id > y->id) - (x->id < y->id);
}

/* Sort by cmp_evidence, keeping equal items in their order: a message has a
 * handful of cues (a merge sort for the rare long one). */
static void sort_evidence(ukc_evidence *ev, size_t n)
{
    if (n > 32) {
        qsort(ev, n, sizeof *ev, cmp_evidence);
        return;
    }
    for (size_t i = 1; i < n; i++) {
        if (cmp_evidence(&ev[i - 1], &ev[i]) <= 0)
            continue;
        ukc_evidence x = ev[i];
        size_t j = i;
        for (; j > 0 && cmp_evidence(&ev[j - 1], &x) > 0; j--)
            ev[j] = ev[j - 1];
        ev[j] = x;
    }
}

static void fill_evidence(ukc_evidence *e, ukc_id id, const ukc_lex_pattern *p,
                          const ukc_token *first, const ukc_token *last, double weight)
{
    const ukc_id_entry *entry = ukc__id_lookup(id);
    memset(e, 0, sizeof *e);
    e->size = sizeof *e;
    e->id = id;
    e->code = entry ? entry->code : "";
    e->category = entry ? entry->slug : "";
    e->detail = p->detail;
    e->start = first->start;
    e->end = last->end;
    e->sentence = first->sentence;
    e->weight = weight;
    e->counts_for = UKC_KIND_OTHER;
    e->pattern = p->text;
    e->lexicon_line = p->line;
}

/* Whether two matches consist of the same normalised words. */
static bool same_words(const ukc_tokens *t, const ukc_match *a, const ukc_match *b)
{
    if (a->last - a->first != b->last - b->first)
        return false;
    for (uint32_t i = 0; i <= a->last - a->first; i++) {
        const ukc_token *x = &t->tok[a->first + i], *y = &t->tok[b->first + i];
        if (x->nlen != y->nlen || memcmp(t->norm + x->norm, t->norm + y->norm, x->nlen) != 0)
            return false;
    }
    return true;
}

static uint32_t words_hash(const ukc_tokens *t, const ukc_match *m)
{
    uint32_t h = UKC__FNV_START ^ m->pattern;
    for (uint32_t i = m->first; i <= m->last; i++)
        h = ukc__fnv_byte(ukc__fnv_more(h, t->norm + t->tok[i].norm, t->tok[i].nlen), ' ');
    return h;
}

/* Mark each accepted cue that repeats, with the same words, an earlier match of
 * its pattern. A hash table keeps this linear in the number of matches. */
static bool mark_repeats(const ukc_lexicon *lex, const ukc_matches *ms, const ukc_tokens *t,
                         bool *repeat, ukc_scratch *sc)
{
    size_t n = 0, cap = 8;
    for (size_t k = 0; k < ms->n; k++)
        n += ms->m[k].accepted;
    while (cap < 2 * n)
        cap *= 2;
    uint32_t *slot = ukc__scratch(sc, UKC__SCRATCH_REPEATS, cap * sizeof *slot);
    if (!slot)
        return false;
    memset(slot, 0, cap * sizeof *slot); /* match index + 1, or 0 */
    for (size_t k = 0; k < ms->n; k++) {
        const ukc_match *m = &ms->m[k];
        ukc_cue_cat cat = lex->patterns[m->pattern].cat;
        if (!m->accepted || cat == UKC_CUE_NEUTRAL || cat == UKC_CUE_AREA)
            continue;
        size_t i = words_hash(t, m) & (cap - 1);
        while (slot[i] && !(ms->m[slot[i] - 1].pattern == m->pattern &&
                            same_words(t, &ms->m[slot[i] - 1], m)))
            i = (i + 1) & (cap - 1);
        if (slot[i])
            repeat[k] = true;
        else
            slot[i] = (uint32_t)k + 1;
    }
    return true;
}

/* Build the evidence list and scores from the accepted matches. */
ukc_status ukc__build_evidence(const ukc_lexicon *lex, const ukc_matches *ms,
                               const ukc_tokens *t, const float *emphasis, const char *text,
                               ukc_classification *c, ukc_tally *ta, ukc_scratch *sc)
{
    size_t nev = 0, nareas = 0, bytes = 0;
    /* negates[k]: match k negates another; repeat[k]: match k repeats an earlier one */
    bool *negates = ukc__scratch(sc, UKC__SCRATCH_MARKS, (ms->n ? 2 * ms->n : 1) * sizeof *negates);
    if (!negates)
        return ukc__classify_oom();
    memset(negates, 0, (ms->n ? 2 * ms->n : 1) * sizeof *negates);
    bool *repeat = negates + ms->n;
    if (!mark_repeats(lex, ms, t, repeat, sc))
        return ukc__classify_oom();
    for (size_t k = 0; k < ms->n; k++) {
        if (lex->patterns[ms->m[k].pattern].cat == UKC_CUE_STAKE)
            ta->stake = true;
        if (ms->m[k].accepted && lex->patterns[ms->m[k].pattern].cat != UKC_CUE_NEUTRAL) {
            nev++;
            if (ms->m[k].negated_by >= 0 && !negates[ms->m[k].negated_by]) {
                negates[ms->m[k].negated_by] = true;
                nev++;
            }
        }
    }
    c->ev = ukc__calloc(nev ? nev : 1, sizeof *c->ev);
    c->areas = ukc__calloc(nev ? nev : 1, sizeof *c->areas);
    if (!c->ev || !c->areas)
        return ukc__classify_oom();
    for (size_t k = 0; k < ms->n; k++) {
        const ukc_match *m = &ms->m[k];
        const ukc_lex_pattern *p = &lex->patterns[m->pattern];
        if (negates[k]) {
            fill_evidence(&c->ev[c->nev++], UKC_C009_NEGATION, p, &t->tok[m->first],
                          &t->tok[m->last], p->weight);
            continue;
        }
        if (!m->accepted || p->cat == UKC_CUE_NEUTRAL)
            continue;
        ukc_evidence *e = &c->ev[c->nev++];
        fill_evidence(e, cue_id(p), p, &t->tok[m->first], &t->tok[m->last], p->weight);
        if (m->negated_by >= 0) {
            const ukc_match *n = &ms->m[m->negated_by];
            e->negated = true;
            e->negation_start = t->tok[n->first].start;
            e->negation_end = t->tok[n->last].end;
        }
        int kind = counts_for(p->cat, e->negated);
        if (!repeat[k] && (unsigned)p->cat < UKC__MODEL_CUES) {
            /* "How do I make a complaint?" asks; it declares nothing. */
            ukc_cue_cat cat = p->cat == UKC_CUE_DECLARED && t->tok[m->first].question
                                  ? UKC_CUE_DISSATISFACTION
                                  : p->cat;
            if (e->negated) {
                ta->cat_negated[cat] += p->weight;
            } else {
                ta->cat[cat] += p->weight;
                ta->cat_emphasis[cat] += p->weight * emphasis[m->first];
            }
        }
        /* A cue counts once however often the same words repeat it: naming the
         * councillor twice is not two signs of misconduct, nor is a letter that
         * says "permit" five times five requests ("freak" and "pervert" are two). */
        if (repeat[k])
            kind = -1;
        if (kind >= 0) {
            e->counted = true;
            e->counts_for = (ukc_feedback_kind)kind;
            if (p->cat == UKC_CUE_ROUTE) {
                ta->route[p->route] += p->weight;
            } else {
                ta->score[kind] += p->weight;
                ta->weighed[kind] += p->weight * (1.0 + emphasis[m->first]);
                if ((p->cat == UKC_CUE_DISSATISFACTION || p->cat == UKC_CUE_DECLARED) &&
                    !e->negated)
                    ta->named += p->weight * (1.0 + emphasis[m->first]);
                if (p->cat == UKC_CUE_PRAISE && !e->negated)
                    ta->praised += p->weight * (1.0 + emphasis[m->first]);
            }
        }
    }
    sort_evidence(c->ev, c->nev);
    for (size_t i = 0; i < c->nev; i++) {
        bytes += c->ev[i].end - c->ev[i].start + 1;
        if (c->ev[i].id != UKC_C020_SERVICE_AREA)
            continue;
        size_t a = 0;
        while (a < nareas && strcmp(c->areas[a], c->ev[i].detail) != 0)
            a++;
        if (a == nareas)
            c->areas[nareas++] = c->ev[i].detail;
    }
    c->nareas = nareas;
    c->strings = ukc__malloc(bytes ? bytes : 1);
    if (!c->strings)
        return ukc__classify_oom();
    char *s = c->strings;
    for (size_t i = 0; i < c->nev; i++) {
        size_t n = c->ev[i].end - c->ev[i].start;
        memcpy(s, text + c->ev[i].start, n);
        s[n] = '\0';
        c->ev[i].text = s;
        s += n + 1;
    }
    return UKC_OK;
}
