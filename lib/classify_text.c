/* Classifying a message: cue matching over normalised words, negation scope,
 * scores, the decision and its evidence. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "alloc_internal.h"
#include "classify_internal.h"
#include "error_internal.h"
#include "hash_internal.h"
#include "ids_internal.h"
#include "json_internal.h"

#define GAP_WORDS 3
#define NEGATION_WINDOW 6
#define MAX_CANDIDATES 512
/* The words or pairs of words that weighed most for the model's kind against the
 * runner-up, given as evidence (ukc_classification_word). */
#define UKC__WEIGHED_WORDS 3
/* The n-grams and the dense features listed as contributions. */
#define TOP_NGRAMS 8
#define TOP_DENSE 4
/* A decision is uncertain when the top two probabilities are closer than this. */
#define UNCERTAIN_MARGIN 0.2
/* VADER turns a negated word's valence by this factor. */
#define VALENCE_NEGATED (-0.74)
/* A report of a fault reads as a request until the signs of failure reach this share
 * of the request's score: "please fix the light, reported three weeks ago" is a
 * complaint. */
#define REQUEST_SHARE 0.75
/* A message with no word of the writer's own stake ("my", "we", "caller", ...) speaks
 * of things in general: "standards in rented flats round here are shocking" is a view,
 * not a complaint. In such a message named dissatisfaction counts as a view (for the
 * comment), and the other signs of a complaint (failure told as a story, sarcasm)
 * weigh this share in the decision. */
#define GENERAL_SHARE 0.5
#define PRAISE_GENERAL_SHARE 0.5

struct ukc_classification {
    ukc_feedback_kind kind;
    const char *route;
    ukc_id reason;
    ukc_feedback_kind rule_kind;   /* the cue rule's answer */
    const char *rule_route;
    double probability[UKC_FEEDBACK_KIND_COUNT]; /* the model's, or all 0 */
    ukc_feedback_kind runner_up;
    bool uncertain;
    ukc_evidence words[UKC__WEIGHED_WORDS]; /* the n-grams that weighed most */
    size_t nwords;
    ukc_contribution contrib[TOP_NGRAMS + TOP_DENSE];
    size_t ncontrib;
    char *word_strings;
    double score[UKC_FEEDBACK_KIND_COUNT];
    ukc_evidence *ev;
    size_t nev;
    const char **areas;
    size_t nareas;
    size_t nsentences;
    char *strings;
};

static const char *const kind_names[UKC_FEEDBACK_KIND_COUNT] = {
    "complaint", "comment", "compliment", "request", "other",
};

/* A match of one pattern over tokens first..last (inclusive). */
typedef struct match {
    uint32_t pattern, first, last;
    int32_t negated_by; /* index of the negation match, or -1 */
    bool accepted;
} match;

typedef struct matches {
    match *m;
    size_t n, cap;
} matches;

/* ------------------------------------------------------------------ matching */

static bool alt_accepts(const ukc_lex_alt *a, const char *w, uint32_t n)
{
    /* The first byte rules out most alternatives without a call to memcmp. */
    if (a->prefix)
        return n >= a->len && w[0] == a->word[0] && memcmp(w, a->word, a->len) == 0;
    return n == a->len && w[0] == a->word[0] && memcmp(w, a->word, n) == 0;
}

static bool slot_accepts(const ukc_lexicon *lex, const ukc_lex_slot *s, const ukc_tokens *t,
                         size_t ti)
{
    if (s->kind == UKC_SLOT_ANY)
        return true;
    const char *w = t->norm + t->tok[ti].norm;
    uint32_t n = t->tok[ti].nlen;
    for (uint32_t a = s->alt; a < s->alt + s->nalt; a++)
        if (alt_accepts(&lex->alts[a], w, n))
            return true;
    return false;
}

/* The end (exclusive) of the longest match of slots si.. from token ti within a
 * sentence, or -1. */
static int64_t match_from(const ukc_lexicon *lex, const ukc_lex_pattern *p, uint32_t si,
                          const ukc_tokens *t, size_t ti, uint32_t sentence)
{
    if (si == p->nslot)
        return (int64_t)ti;
    const ukc_lex_slot *s = &lex->slots[p->slot + si];
    int64_t best = -1, r;
    if (s->kind == UKC_SLOT_START) {
        bool starts = ti < t->n && (ti == 0 || t->tok[ti].sentence != t->tok[ti - 1].sentence ||
                                    t->tok[ti].clause_start);
        return starts ? match_from(lex, p, si + 1, t, ti, sentence) : -1;
    }
    if (s->kind == UKC_SLOT_QUESTION)
        return ti > 0 && t->tok[ti - 1].question ? match_from(lex, p, si + 1, t, ti, sentence) : -1;
    if (s->kind == UKC_SLOT_GAP) {
        for (size_t k = 0; k <= GAP_WORDS; k++) {
            if (k > 0 && (ti + k > t->n || t->tok[ti + k - 1].sentence != sentence))
                break;
            if ((r = match_from(lex, p, si + 1, t, ti + k, sentence)) > best)
                best = r;
        }
        return best;
    }
    if (s->optional)
        best = match_from(lex, p, si + 1, t, ti, sentence);
    if (ti < t->n && t->tok[ti].sentence == sentence && slot_accepts(lex, s, t, ti) &&
        (r = match_from(lex, p, si + 1, t, ti + 1, sentence)) > best)
        best = r;
    return best;
}

/* The key w[0..n) in an index, given its hash h (ukc__fnv). */
static const struct ukc_lex_key *index_find(const ukc_lex_index *ix, const char *w, uint32_t n,
                                            uint32_t h)
{
    for (h &= ix->cap - 1; ix->heads[h]; h = (h + 1) & (ix->cap - 1)) {
        const struct ukc_lex_key *k = &ix->keys[ix->heads[h] - 1];
        if (k->len == n && memcmp(k->word, w, n) == 0)
            return k;
    }
    return NULL;
}

static size_t add_candidates(const ukc_lex_index *ix, const struct ukc_lex_key *k, uint32_t *c,
                             size_t n)
{
    for (uint32_t i = 0; k && i < k->count && n < MAX_CANDIDATES; i++)
        c[n++] = ix->ids[k->first + i];
    return n;
}

/* Insertion sort: a word has a handful of candidate patterns. */
static void sort_u32(uint32_t *v, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        uint32_t x = v[i];
        size_t j = i;
        for (; j > 0 && v[j - 1] > x; j--)
            v[j] = v[j - 1];
        v[j] = x;
    }
}

static bool push_match(matches *ms, uint32_t pattern, size_t first, size_t last)
{
    if (ms->n == ms->cap) {
        size_t cap = ms->cap ? ms->cap * 2 : 32;
        match *p = ukc__realloc(ms->m, cap * sizeof *p);
        if (!p)
            return false;
        ms->m = p;
        ms->cap = cap;
    }
    ms->m[ms->n++] = (match){ pattern, (uint32_t)first, (uint32_t)last, -1, false };
    return true;
}

/* Every pattern that matches at every token, longest match per pattern and start. */
static bool find_matches(const ukc_lexicon *lex, const ukc_tokens *t, matches *ms)
{
    uint32_t cand[MAX_CANDIDATES];
    for (size_t ti = 0; ti < t->n; ti++) {
        const char *w = t->norm + t->tok[ti].norm;
        uint32_t n = t->tok[ti].nlen;
        if (n == 0)
            continue;
        size_t nc = add_candidates(&lex->exact, index_find(&lex->exact, w, n, ukc__fnv(w, n)),
                                   cand, 0);
        /* the stems are the word's prefixes: hash them in one pass */
        uint64_t lengths = lex->stem_lengths;
        uint32_t h = UKC__FNV_START;
        for (uint32_t l = 1; l <= n && l < 64; l++) {
            h = ukc__fnv_byte(h, (unsigned char)w[l - 1]);
            if ((lengths >> l) & 1u)
                nc = add_candidates(&lex->stems, index_find(&lex->stems, w, l, h), cand, nc);
        }
        sort_u32(cand, nc);
        for (size_t i = 0; i < nc; i++) {
            if (i > 0 && cand[i] == cand[i - 1])
                continue;
            int64_t end = match_from(lex, &lex->patterns[cand[i]], 0, t, ti, t->tok[ti].sentence);
            if (end > (int64_t)ti && !push_match(ms, cand[i], ti, (size_t)end - 1))
                return false;
        }
    }
    return true;
}

/* ------------------------------------------------------------------ resolving */

enum {
    CLASS_CUE,
    CLASS_ROUTE,
    CLASS_AREA,
    CLASS_NEGATION,
    CLASS_PSEUDO,
    CLASS_TERMINATOR,
    CLASS_NOT_ROUTE,
    CLASS_STAKE
};

static int class_of(ukc_cue_cat c)
{
    switch (c) {
    case UKC_CUE_ROUTE: return CLASS_ROUTE;
    case UKC_CUE_AREA: return CLASS_AREA;
    case UKC_CUE_NEGATION: return CLASS_NEGATION;
    case UKC_CUE_PSEUDO_NEGATION: return CLASS_PSEUDO;
    case UKC_CUE_TERMINATOR: return CLASS_TERMINATOR;
    case UKC_CUE_NOT_ROUTE: return CLASS_NOT_ROUTE;
    case UKC_CUE_STAKE: return CLASS_STAKE;
    default: return CLASS_CUE;
    }
}

/* Longest first, then heavier, then earlier, then the lexicon's order. */
static int cmp_priority(const match *x, const match *y, const ukc_lexicon *lex)
{
    uint32_t lx = x->last - x->first, ly = y->last - y->first;
    if (lx != ly)
        return lx > ly ? -1 : 1;
    double wx = lex->patterns[x->pattern].weight, wy = lex->patterns[y->pattern].weight;
    if (wx != wy)
        return wx > wy ? -1 : 1;
    if (x->first != y->first)
        return x->first < y->first ? -1 : 1;
    return (x->pattern > y->pattern) - (x->pattern < y->pattern);
}

/* Insertion sort of match indices by priority (stable, no global comparator state). */
static void sort_by_priority(uint32_t *idx, size_t n, const match *m, const ukc_lexicon *lex)
{
    for (size_t i = 1; i < n; i++) {
        uint32_t v = idx[i];
        size_t j = i;
        while (j > 0 && cmp_priority(&m[v], &m[idx[j - 1]], lex) < 0) {
            idx[j] = idx[j - 1];
            j--;
        }
        idx[j] = v;
    }
}

/* Merge sort of match indices by priority: O(n log n) for long messages. */
static void merge_sort(uint32_t *idx, uint32_t *tmp, size_t n, const match *m,
                       const ukc_lexicon *lex)
{
    if (n <= 16) {
        sort_by_priority(idx, n, m, lex);
        return;
    }
    size_t h = n / 2;
    merge_sort(idx, tmp, h, m, lex);
    merge_sort(idx + h, tmp, n - h, m, lex);
    size_t i = 0, j = h, k = 0;
    while (i < h && j < n)
        tmp[k++] = cmp_priority(&m[idx[j]], &m[idx[i]], lex) < 0 ? idx[j++] : idx[i++];
    while (i < h)
        tmp[k++] = idx[i++];
    while (j < n)
        tmp[k++] = idx[j++];
    memcpy(idx, tmp, n * sizeof *idx);
}

/* Per-token flags. */
enum {
    TF_CUE = 1,        /* covered by an accepted cue */
    TF_ROUTE = 2,      /* covered by an accepted route cue */
    TF_AREA = 4,       /* covered by an accepted area */
    TF_PSEUDO = 8,     /* inside a pseudo-negation */
    TF_TERMINATOR = 16, /* starts a terminator */
    TF_NOT_ROUTE = 32   /* inside a not-route phrase: no route cue may cover it */
};

/* Accept, within each class, the highest-priority matches that do not overlap. */
static bool resolve_overlaps(const ukc_lexicon *lex, matches *ms, uint8_t *flags)
{
    uint32_t *idx = ukc__malloc((ms->n ? ms->n : 1) * 2 * sizeof *idx);
    if (!idx)
        return false;
    for (size_t i = 0; i < ms->n; i++)
        idx[i] = (uint32_t)i;
    merge_sort(idx, idx + ms->n, ms->n, ms->m, lex);
    for (size_t k = 0; k < ms->n; k++) {
        const match *m = &ms->m[k];
        if (lex->patterns[m->pattern].cat == UKC_CUE_NOT_ROUTE)
            for (uint32_t i = m->first; i <= m->last; i++)
                flags[i] |= TF_NOT_ROUTE;
    }
    for (size_t k = 0; k < ms->n; k++) {
        match *m = &ms->m[idx[k]];
        int cls = class_of(lex->patterns[m->pattern].cat);
        if (cls == CLASS_PSEUDO) {
            for (uint32_t i = m->first; i <= m->last; i++)
                flags[i] |= TF_PSEUDO;
            continue;
        }
        if (cls == CLASS_TERMINATOR) {
            flags[m->first] |= TF_TERMINATOR;
            continue;
        }
        if (cls == CLASS_NEGATION || cls == CLASS_NOT_ROUTE || cls == CLASS_STAKE)
            continue;
        uint8_t bit = cls == CLASS_CUE ? TF_CUE : cls == CLASS_ROUTE ? TF_ROUTE : TF_AREA;
        uint8_t taken = bit == TF_ROUTE ? TF_ROUTE | TF_NOT_ROUTE : bit;
        bool free_span = true;
        for (uint32_t i = m->first; i <= m->last && free_span; i++)
            free_span = !(flags[i] & taken);
        if (!free_span)
            continue;
        m->accepted = true;
        for (uint32_t i = m->first; i <= m->last; i++)
            flags[i] |= bit;
    }
    ukc__free(idx);
    return true;
}

/* NegEx-style scope: a trigger negates the words after it up to a terminator, the
 * end of the sentence, or NEGATION_WINDOW words. A trigger inside an accepted cue
 * or route cue ("no one has", "can not fault", "not welcome here") or a
 * pseudo-negation does not negate. */
static void apply_negation(const ukc_lexicon *lex, matches *ms, const ukc_tokens *t,
                           const uint8_t *flags, int32_t *neg_by)
{
    for (size_t i = 0; i < t->n; i++)
        neg_by[i] = -1;
    for (size_t k = 0; k < ms->n; k++) { /* matches are in order of their first token */
        match *m = &ms->m[k];
        if (lex->patterns[m->pattern].cat != UKC_CUE_NEGATION)
            continue;
        bool void_trigger = false;
        for (uint32_t i = m->first; i <= m->last; i++)
            void_trigger |= (flags[i] & (TF_CUE | TF_ROUTE | TF_PSEUDO)) != 0;
        if (void_trigger)
            continue;
        uint32_t sentence = t->tok[m->first].sentence;
        for (size_t i = (size_t)m->last + 1;
             i < t->n && i <= (size_t)m->last + NEGATION_WINDOW && t->tok[i].sentence == sentence &&
             !(flags[i] & TF_TERMINATOR) && !t->tok[i].clause_start;
             i++)
            neg_by[i] = (int32_t)k;
    }
    for (size_t k = 0; k < ms->n; k++) {
        match *m = &ms->m[k];
        if (m->accepted)
            m->negated_by = neg_by[m->first];
    }
}

/* ------------------------------------------------------------------ emphasis */

/* Where a cue stands changes how much it says about the message as a whole: after
 * a contrast ("but", "however": a terminator row of weight w above 1) comes the
 * writer's real point, so cues from there to the end of the sentence weigh w times
 * as much in the decision. emphasis[i] is the extra share (w - 1) of the weight of
 * a cue that starts at token i. */

static void compute_emphasis(const ukc_lexicon *lex, const matches *ms, const ukc_tokens *t,
                             float *emphasis)
{
    for (size_t i = 0; i < t->n; i++)
        emphasis[i] = 0.0f;
    for (size_t k = 0; k < ms->n; k++) { /* contrast triggers, in order of position */
        const ukc_lex_pattern *p = &lex->patterns[ms->m[k].pattern];
        if (p->cat == UKC_CUE_TERMINATOR && p->weight > 1.0 &&
            emphasis[ms->m[k].first] < (float)(p->weight - 1.0))
            emphasis[ms->m[k].first] = (float)(p->weight - 1.0);
    }
    float run = 0.0f;
    for (size_t i = 0; i < t->n; i++) {
        if (i > 0 && t->tok[i].sentence != t->tok[i - 1].sentence)
            run = 0.0f;
        if (emphasis[i] > run)
            run = emphasis[i];
        emphasis[i] = run;
    }
}

/* ------------------------------------------------------------------ scoring */

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
    case UKC_CUE_ROUTE: return (ukc_id)(UKC_C010_ROUTE_FOI + p->route);
    case UKC_CUE_AREA: return UKC_C020_SERVICE_AREA;
    default: return UKC_C009_NEGATION;
    }
}

/* Which kind a cue counts for, or -1 when it counts for none. */
static int counts_for(ukc_cue_cat cat, bool negated)
{
    switch (cat) {
    case UKC_CUE_DISSATISFACTION:
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

typedef struct tally {
    double score[UKC_FEEDBACK_KIND_COUNT];  /* the sums of the lexicon's weights */
    double weighed[UKC_FEEDBACK_KIND_COUNT]; /* the same, with the emphasis of position */
    double route[16];
    bool stake;   /* a word ties the message to the writer's own case */
    double named; /* the weighed share of the complaint score from named dissatisfaction */
    double praised; /* the weighed share of the compliment score from praise (not thanks) */
    /* for the weighing model, by scoring cue category: counted weight, negated weight,
     * and the extra weight of cues after a contrast */
    double cat[UKC__MODEL_CUES], cat_negated[UKC__MODEL_CUES], cat_emphasis[UKC__MODEL_CUES];
    double valence_pos, valence_neg; /* summed word valence, negation applied */
    bool question;                   /* a sentence asks a question */
} tally;

/* The route with the highest score (the first of equals). */
static size_t best_route(const tally *ta)
{
    size_t best = 0;
    for (size_t r = 1; r < ukc__route_count; r++)
        if (ta->route[r] > ta->route[best])
            best = r;
    return best;
}

static void decide_by_cues(ukc_classification *c, const tally *ta, size_t ntokens,
                           const ukc_classify_options *o)
{
    double threshold = o->route_threshold > 0 ? o->route_threshold : UKC__DEFAULT_ROUTE_THRESHOLD;
    size_t best = best_route(ta);
    memcpy(c->score, ta->score, sizeof c->score);
    c->score[UKC_KIND_OTHER] = ta->route[best];
    double C = ta->weighed[UKC_KIND_COMPLAINT], P = ta->weighed[UKC_KIND_COMPLIMENT],
           R = ta->weighed[UKC_KIND_REQUEST], M = ta->weighed[UKC_KIND_COMMENT];
    if (!ta->stake) {
        C = (C - ta->named) * GENERAL_SHARE;
        M += ta->named;
        P -= ta->praised * PRAISE_GENERAL_SHARE;
        M += ta->praised * PRAISE_GENERAL_SHARE;
    }
    /* Thanks and praise are never another procedure's business: a message that is
     * mostly praise stays a compliment whatever route it mentions. */
    bool praise_first = P >= 2.0 && P > C + R + M;
    if (!o->no_routes && ta->route[best] >= threshold && !praise_first) {
        c->kind = UKC_KIND_OTHER;
        c->route = ukc__routes[best];
        c->reason = UKC_C027_DECIDED_ALTERNATIVE_ROUTE;
    } else if (ta->score[UKC_KIND_COMPLAINT] >= 1.0 && C >= P && C >= M &&
               C >= REQUEST_SHARE * R) {
        c->kind = UKC_KIND_COMPLAINT;
        c->reason = P > 0   ? UKC_C022_DECIDED_COMPLAINT_MIXED
                    : R > 0 ? UKC_C023_DECIDED_COMPLAINT_REPEAT_REQUEST
                            : UKC_C021_DECIDED_COMPLAINT;
    } else if (C + P + R + M > 0) {
        /* The largest score; ties go to complaint, then request, compliment, comment. */
        static const ukc_feedback_kind order[] = { UKC_KIND_COMPLAINT, UKC_KIND_REQUEST,
                                                   UKC_KIND_COMPLIMENT, UKC_KIND_COMMENT };
        static const ukc_id reasons[] = { UKC_C021_DECIDED_COMPLAINT, UKC_C026_DECIDED_REQUEST,
                                          UKC_C024_DECIDED_COMPLIMENT, UKC_C025_DECIDED_COMMENT };
        const double w[] = { C, R, P, M };
        size_t k = 0;
        for (size_t i = 1; i < 4; i++)
            if (w[i] > w[k])
                k = i;
        c->kind = order[k];
        c->reason = reasons[k];
        if (c->kind == UKC_KIND_COMPLAINT && P > 0)
            c->reason = UKC_C022_DECIDED_COMPLAINT_MIXED;
    } else if (ntokens > 0) {
        c->kind = UKC_KIND_COMMENT;
        c->reason = UKC_C028_DECIDED_NO_CUE;
    } else {
        c->kind = UKC_KIND_OTHER;
        c->reason = UKC_C029_DECIDED_EMPTY;
    }
}

/* The dense features the model reads (see classify_internal.h), given the cue
 * rule's kind. */
static void model_features(const tally *ta, const ukc_tokens *t, ukc_feedback_kind rule,
                           double *x)
{
    double best = ta->route[best_route(ta)], root = sqrt(1.0 + (double)t->n);
    memset(x, 0, UKC__MODEL_FEATURES * sizeof *x);
    for (size_t i = 0; i < UKC__MODEL_CUES; i++) {
        x[i] = ta->cat[i];
        x[UKC__MODEL_CUES + i] = ta->cat_negated[i];
        x[2 * UKC__MODEL_CUES + i] = ta->cat_emphasis[i];
    }
    x[UKC__FEAT_ROUTE] = best;
    x[UKC__FEAT_ROUTE_OVER] = best >= UKC__DEFAULT_ROUTE_THRESHOLD;
    x[UKC__FEAT_STAKE] = ta->stake;
    x[UKC__FEAT_WORDS] = log1p((double)t->n);
    x[UKC__FEAT_SENTENCES] = log1p((double)t->nsentences);
    x[UKC__FEAT_RULE + rule] = 1.0;
    x[UKC__FEAT_VALENCE_POS] = ta->valence_pos / root;
    x[UKC__FEAT_VALENCE_NEG] = ta->valence_neg / root;
    x[UKC__FEAT_QUESTION] = ta->question;
}

/* ------------------------------------------------------------------ explaining */

static const char *const group_names[UKC__GROUP_COUNT] = { "word", "pair", "chars" };

/* One candidate contribution: a hashed n-gram (index into the features) or a
 * dense feature. */
typedef struct candidate {
    double value, chosen, other, gain;
    int64_t hashed; /* index into the hashed features, or -1 */
    size_t dense;
} candidate;

/* Keep the n largest gains in best[] (largest first). */
static void keep_best(candidate *best, size_t *n, size_t cap, const candidate *c)
{
    if (c->gain <= 0 || (*n == cap && c->gain <= best[*n - 1].gain))
        return;
    size_t at = *n < cap ? (*n)++ : *n - 1;
    for (; at > 0 && best[at - 1].gain < c->gain; at--)
        best[at] = best[at - 1];
    best[at] = *c;
}

/* The n-gram's text as the model saw it: a word, "a b", or chars with < > marks. */
static size_t ngram_text(const ukc_tokens *t, const ukc_hfeat *f, char *buf, size_t cap)
{
    const ukc_token *a = &t->tok[f->tok];
    const char *w = t->norm + a->norm;
    if (f->group == UKC__GROUP_WORD)
        return (size_t)snprintf(buf, cap, "%.*s", (int)a->nlen, w);
    if (f->group == UKC__GROUP_PAIR)
        return (size_t)snprintf(buf, cap, "%.*s %.*s", (int)a->nlen, w, (int)t->tok[f->tok + 1].nlen,
                                t->norm + t->tok[f->tok + 1].norm);
    char m[128];
    int ml = snprintf(m, sizeof m, "<%.*s>", (int)a->nlen, w);
    if (ml < 0 || (size_t)f->off + f->len > (size_t)ml)
        return (size_t)snprintf(buf, cap, "%s", "");
    return (size_t)snprintf(buf, cap, "%.*s", (int)f->len, m + f->off);
}

/* Fill the contributions and the weighed words: the hashed n-grams and dense
 * features whose value times the difference of their weights for the chosen kind
 * and the runner-up is largest. */
static bool explain(ukc_classification *c, const ukc_model *model, const ukc_tokens *t,
                    const ukc_hfeats *hf, const double *x, const char *text)
{
    candidate ng[TOP_NGRAMS], dn[TOP_DENSE], wd[UKC__WEIGHED_WORDS];
    size_t nng = 0, ndn = 0, nwd = 0;
    int k = (int)c->kind, r = (int)c->runner_up;
    /* The model sees a bucket, not an n-gram: the values of the n-grams that share
     * one add up, and the first of them stands for it. An open-addressing table
     * of buckets keeps this linear. */
    size_t cap = 16;
    while (cap < 2 * hf->n)
        cap *= 2;
    uint32_t *slot = ukc__calloc(cap, sizeof *slot); /* first index + 1, or 0 */
    double *sum = ukc__malloc((hf->n ? hf->n : 1) * sizeof *sum);
    if (!slot || !sum) {
        ukc__free(slot);
        ukc__free(sum);
        return false;
    }
    for (size_t i = 0; i < hf->n; i++) {
        size_t h = (hf->f[i].bucket * 2654435761u) & (cap - 1);
        while (slot[h] && hf->f[slot[h] - 1].bucket != hf->f[i].bucket)
            h = (h + 1) & (cap - 1);
        if (slot[h]) {
            sum[slot[h] - 1] += hf->f[i].value;
            sum[i] = NAN; /* counted with the first */
        } else {
            slot[h] = (uint32_t)i + 1;
            sum[i] = hf->f[i].value;
        }
    }
    for (size_t i = 0; i < hf->n; i++) {
        if (isnan(sum[i]))
            continue;
        const ukc_hfeat *f = &hf->f[i];
        candidate cd = { sum[i], ukc__model_bucket_weight(model, f->bucket, k),
                         ukc__model_bucket_weight(model, f->bucket, r), 0, (int64_t)i, 0 };
        if (cd.value < 0) { /* the hash's sign belongs to the weight: report |value| */
            cd.value = -cd.value;
            cd.chosen = -cd.chosen;
            cd.other = -cd.other;
        }
        cd.gain = cd.value * (cd.chosen - cd.other);
        keep_best(ng, &nng, TOP_NGRAMS, &cd);
        if (f->group != UKC__GROUP_CHARS)
            keep_best(wd, &nwd, UKC__WEIGHED_WORDS, &cd);
    }
    ukc__free(slot);
    ukc__free(sum);
    for (size_t j = 0; j < UKC__MODEL_FEATURES; j++) {
        candidate cd = { x[j], ukc__model_dense_weight(model, j, k),
                         ukc__model_dense_weight(model, j, r), 0, -1, j };
        cd.gain = cd.value * (cd.chosen - cd.other);
        keep_best(dn, &ndn, TOP_DENSE, &cd);
    }
    /* strings: each n-gram's text and quoted bytes, each word's quoted bytes */
    size_t bytes = 0;
    candidate all[TOP_NGRAMS + TOP_DENSE];
    size_t nall = 0;
    for (size_t i = 0; i < nng; i++)
        all[nall++] = ng[i];
    for (size_t i = 0; i < ndn; i++)
        all[nall++] = dn[i];
    for (size_t i = 1; i < nall; i++) /* largest gain first */
        for (size_t j = i; j > 0 && all[j - 1].gain < all[j].gain; j--) {
            candidate tmp = all[j];
            all[j] = all[j - 1];
            all[j - 1] = tmp;
        }
    for (size_t i = 0; i < nall; i++)
        if (all[i].hashed >= 0) {
            const ukc_hfeat *f = &hf->f[all[i].hashed];
            const ukc_token *first = &t->tok[f->tok];
            const ukc_token *last = &t->tok[f->tok + (f->group == UKC__GROUP_PAIR)];
            bytes += (last->end - first->start) + ngram_text(t, f, NULL, 0) + 2;
        }
    for (size_t i = 0; i < nall; i++)
        if (all[i].hashed < 0)
            bytes += 64; /* a composed feature name */
    for (size_t i = 0; i < nwd; i++) {
        const ukc_hfeat *f = &hf->f[wd[i].hashed];
        bytes += t->tok[f->tok + (f->group == UKC__GROUP_PAIR)].end - t->tok[f->tok].start + 1;
    }
    c->word_strings = ukc__malloc(bytes ? bytes : 1);
    if (!c->word_strings)
        return false;
    char *s = c->word_strings, *end = c->word_strings + bytes;
    char buf[64];
    for (size_t i = 0; i < nall; i++) {
        ukc_contribution *o = &c->contrib[i];
        memset(o, 0, sizeof *o);
        o->size = sizeof *o;
        o->value = all[i].value;
        o->weight = all[i].chosen;
        o->runner_up_weight = all[i].other;
        o->contribution = all[i].gain;
        if (all[i].hashed < 0) {
            o->group = "feature";
            o->feature = ukc__model_feature_name(all[i].dense, buf, sizeof buf);
            if (o->feature == buf) { /* composed names live in the strings */
                size_t n = strlen(buf) + 1;
                memcpy(s, buf, n);
                o->feature = s;
                s += n;
            }
            o->text = "";
            continue;
        }
        const ukc_hfeat *f = &hf->f[all[i].hashed];
        const ukc_token *first = &t->tok[f->tok];
        const ukc_token *last = &t->tok[f->tok + (f->group == UKC__GROUP_PAIR)];
        o->group = group_names[f->group];
        o->has_span = true;
        o->start = first->start;
        o->end = last->end;
        o->feature = s;
        s += ngram_text(t, f, s, (size_t)(end - s)) + 1; /* counted exactly above */
        memcpy(s, text + o->start, o->end - o->start);
        s[o->end - o->start] = '\0';
        o->text = s;
        s += o->end - o->start + 1;
    }
    c->ncontrib = nall;
    const ukc_id_entry *entry = ukc__id_lookup(UKC_C059_WEIGHED_WORD);
    for (size_t j = 0; j < nwd; j++) {
        const ukc_hfeat *f = &hf->f[wd[j].hashed];
        const ukc_token *first = &t->tok[f->tok];
        const ukc_token *last = &t->tok[f->tok + (f->group == UKC__GROUP_PAIR)];
        ukc_evidence *e = &c->words[j];
        memset(e, 0, sizeof *e);
        e->id = UKC_C059_WEIGHED_WORD;
        e->code = entry ? entry->code : "";
        e->category = entry ? entry->slug : "";
        e->detail = "";
        e->pattern = "";
        e->start = first->start;
        e->end = last->end;
        memcpy(s, text + e->start, e->end - e->start);
        s[e->end - e->start] = '\0';
        e->text = s;
        s += e->end - e->start + 1;
        e->sentence = first->sentence;
        e->weight = wd[j].gain;
        e->counted = true;
        e->counts_for = c->kind;
    }
    c->nwords = nwd;
    return true;
}

/* The decision. The cue rule decides first (its answer is a feature, and is kept
 * as the rule's); then the model weighs the dense cue features with the message's
 * hashed n-grams and chooses among complaint, comment, compliment and request, and
 * `other` when the best route scores at least three quarters of the threshold (the
 * route is then the best one) and routes are on: a route must be evidenced. A
 * message without words stays `other` without a route. */
static bool decide(ukc_classification *c, const tally *ta, const ukc_tokens *t, const char *text,
                   const ukc_model *model, const ukc_classify_options *o)
{
    decide_by_cues(c, ta, t->n, o);
    c->rule_kind = c->kind;
    c->rule_route = c->route;
    c->runner_up = c->kind;
    if (t->n == 0)
        return true;
    double threshold = o->route_threshold > 0 ? o->route_threshold : UKC__DEFAULT_ROUTE_THRESHOLD;
    size_t best = best_route(ta);
    double x[UKC__MODEL_FEATURES];
    model_features(ta, t, c->kind, x);
    unsigned allowed = 0x0fu;
    if (!o->no_routes && ta->route[best] >= UKC__MODEL_ROUTE_SHARE * threshold)
        allowed |= 1u << UKC_KIND_OTHER;
    ukc_hfeats hf = { 0 };
    if (!ukc__model_hashed(t, &hf)) {
        ukc__free(hf.f);
        return false;
    }
    int kind = ukc__model_choose(model, x, hf.f, hf.n, allowed, c->probability);
    int runner = -1;
    for (int k = 0; k < UKC_FEEDBACK_KIND_COUNT; k++)
        if (k != kind && (allowed >> k & 1u) &&
            (runner < 0 || c->probability[k] > c->probability[runner]))
            runner = k;
    c->runner_up = (ukc_feedback_kind)runner;
    c->uncertain = c->probability[kind] - c->probability[runner] < UNCERTAIN_MARGIN;
    if ((ukc_feedback_kind)kind != c->kind) {
        c->kind = (ukc_feedback_kind)kind;
        c->route = c->kind == UKC_KIND_OTHER ? ukc__routes[best] : NULL;
        c->reason = UKC_C058_DECIDED_WEIGHED;
    } else if (c->kind == UKC_KIND_OTHER) {
        c->route = ukc__routes[best];
    }
    bool ok = explain(c, model, t, &hf, x, text);
    ukc__free(hf.f);
    return ok;
}

/* ------------------------------------------------------------------ result */

static ukc_status oom(void)
{
    return ukc__fail(UKC_ERR_NO_MEMORY, "out of memory classifying text");
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

static void fill_evidence(ukc_evidence *e, ukc_id id, const ukc_lex_pattern *p,
                          const ukc_token *first, const ukc_token *last, double weight)
{
    const ukc_id_entry *entry = ukc__id_lookup(id);
    memset(e, 0, sizeof *e);
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
static bool same_words(const ukc_tokens *t, const match *a, const match *b)
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

static uint32_t words_hash(const ukc_tokens *t, const match *m)
{
    uint32_t h = UKC__FNV_START ^ m->pattern;
    for (uint32_t i = m->first; i <= m->last; i++)
        h = ukc__fnv_byte(ukc__fnv_more(h, t->norm + t->tok[i].norm, t->tok[i].nlen), ' ');
    return h;
}

/* Mark each accepted cue that repeats, with the same words, an earlier match of
 * its pattern. A hash table keeps this linear in the number of matches. */
static bool mark_repeats(const ukc_lexicon *lex, const matches *ms, const ukc_tokens *t,
                         bool *repeat)
{
    size_t n = 0, cap = 8;
    for (size_t k = 0; k < ms->n; k++)
        n += ms->m[k].accepted;
    while (cap < 2 * n)
        cap *= 2;
    uint32_t *slot = ukc__calloc(cap, sizeof *slot); /* match index + 1, or 0 */
    if (!slot)
        return false;
    for (size_t k = 0; k < ms->n; k++) {
        const match *m = &ms->m[k];
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
    ukc__free(slot);
    return true;
}

/* Build the evidence list and scores from the accepted matches. */
static ukc_status build_result(const ukc_lexicon *lex, const matches *ms, const ukc_tokens *t,
                               const float *emphasis, const char *text, ukc_classification *c,
                               tally *ta)
{
    size_t nev = 0, nareas = 0, bytes = 0;
    /* negates[k]: match k negates another; repeat[k]: match k repeats an earlier one */
    bool *negates = ukc__calloc(ms->n ? 2 * ms->n : 1, sizeof *negates);
    bool *repeat = negates + ms->n;
    if (!negates || !mark_repeats(lex, ms, t, repeat)) {
        ukc__free(negates);
        return oom();
    }
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
    if (!c->ev || !c->areas) {
        ukc__free(negates);
        return oom();
    }
    for (size_t k = 0; k < ms->n; k++) {
        const match *m = &ms->m[k];
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
            const match *n = &ms->m[m->negated_by];
            e->negated = true;
            e->negation_start = t->tok[n->first].start;
            e->negation_end = t->tok[n->last].end;
        }
        int kind = counts_for(p->cat, e->negated);
        if (!repeat[k] && (unsigned)p->cat < UKC__MODEL_CUES) {
            if (e->negated) {
                ta->cat_negated[p->cat] += p->weight;
            } else {
                ta->cat[p->cat] += p->weight;
                ta->cat_emphasis[p->cat] += p->weight * emphasis[m->first];
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
                if (p->cat == UKC_CUE_DISSATISFACTION && !e->negated)
                    ta->named += p->weight * (1.0 + emphasis[m->first]);
                if (p->cat == UKC_CUE_PRAISE && !e->negated)
                    ta->praised += p->weight * (1.0 + emphasis[m->first]);
            }
        }
    }
    ukc__free(negates);
    if (c->nev > 1)
        qsort(c->ev, c->nev, sizeof *c->ev, cmp_evidence);
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
        return oom();
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

static void destroy(ukc_classification *c)
{
    if (!c)
        return;
    ukc__free(c->ev);
    ukc__free((void *)c->areas);
    ukc__free(c->strings);
    ukc__free(c->word_strings);
    ukc__free(c);
}

static ukc_status check_options(const ukc_classify_options *o)
{
    if (o->version != UKC_CLASSIFY_OPTIONS_VERSION)
        return ukc__fail(UKC_ERR_VERSION, "classify options version %u (this library knows %u)",
                         o->version, UKC_CLASSIFY_OPTIONS_VERSION);
    if (o->max_length > UKC_CLASSIFY_MAX_LENGTH)
        return ukc__fail(UKC_ERR_INVALID_ARGUMENT, "max_length %zu exceeds %zu", o->max_length,
                         UKC_CLASSIFY_MAX_LENGTH);
    if (!(o->route_threshold >= 0.0 && o->route_threshold <= 1e6))
        return ukc__fail(UKC_ERR_INVALID_ARGUMENT, "route_threshold must be 0 or positive");
    return UKC_OK;
}

/* Everything up to the decision: words, cues, negation, evidence and scores. The
 * caller frees t and c. */
static ukc_status analyse(const ukc_lexicon *lex, const char *text, size_t len,
                          ukc_tokens *t, ukc_classification *c, tally *ta)
{
    matches ms = { 0 };
    ukc_status st = ukc__tokenise(lex, text, len, t);
    if (st)
        return st;
    uint8_t *flags = ukc__calloc(t->n ? t->n : 1, 1);
    int32_t *neg_by = ukc__malloc((t->n ? t->n : 1) * sizeof *neg_by);
    float *emphasis = ukc__malloc((t->n ? t->n : 1) * sizeof *emphasis);
    if (!flags || !neg_by || !emphasis || !find_matches(lex, t, &ms) ||
        !resolve_overlaps(lex, &ms, flags)) {
        st = oom();
        goto done;
    }
    apply_negation(lex, &ms, t, flags, neg_by);
    for (size_t i = 0; i < t->n; i++) {
        double v = ukc__valence(lex, t->norm + t->tok[i].norm, t->tok[i].nlen);
        if (neg_by[i] >= 0)
            v *= VALENCE_NEGATED;
        if (v > 0)
            ta->valence_pos += v;
        else
            ta->valence_neg -= v;
        ta->question |= t->tok[i].question;
    }
    compute_emphasis(lex, &ms, t, emphasis);
    if ((st = build_result(lex, &ms, t, emphasis, text, c, ta)))
        goto done;
    c->nsentences = t->nsentences;
done:
    ukc__free(flags);
    ukc__free(neg_by);
    ukc__free(emphasis);
    ukc__free(ms.m);
    return st;
}

static ukc_status classify(const ukc_lexicon *lex, const ukc_model *model, const char *text,
                           size_t len, const ukc_classify_options *o, ukc_classification **out)
{
    ukc_tokens t = { 0 };
    tally ta;
    memset(&ta, 0, sizeof ta);
    ukc_classification *c = ukc__calloc(1, sizeof *c);
    ukc_status st = c ? analyse(lex, text, len, &t, c, &ta) : oom();
    if (!st && !decide(c, &ta, &t, text, model, o))
        st = oom();
    if (!st) {
        *out = c;
        c = NULL;
    }
    destroy(c);
    ukc__tokens_free(&t);
    return st;
}

ukc_status ukc__classify_features(const char *text, size_t len, double *x, ukc_tokens *t,
                                  ukc_hfeats *f)
{
    memset(t, 0, sizeof *t);
    memset(f, 0, sizeof *f);
    size_t bad;
    if (!ukc__utf8_valid(text, len, &bad))
        return ukc__fail(UKC_ERR_INVALID_UTF8, "invalid UTF-8 or a NUL byte at byte %zu", bad);
    const ukc_lexicon *lex;
    ukc_status st = ukc__lexicon_builtin(&lex);
    if (st)
        return st;
    tally ta;
    memset(&ta, 0, sizeof ta);
    ukc_classification *c = ukc__calloc(1, sizeof *c);
    st = c ? analyse(lex, text, len, t, c, &ta) : oom();
    if (!st) {
        ukc_classify_options o = UKC_CLASSIFY_OPTIONS_INIT;
        decide_by_cues(c, &ta, t->n, &o);
        model_features(&ta, t, c->kind, x);
        if (!ukc__model_hashed(t, f))
            st = oom();
    }
    destroy(c);
    return st;
}

/* ------------------------------------------------------------------ public API */

ukc_status ukc_classify_options_init(ukc_classify_options *opts, unsigned int version)
{
    ukc__error_reset();
    if (!opts)
        return ukc__fail(UKC_ERR_INVALID_ARGUMENT, "opts is NULL");
    if (version != UKC_CLASSIFY_OPTIONS_VERSION)
        return ukc__fail(UKC_ERR_VERSION, "classify options version %u (this library knows %u)",
                         version, UKC_CLASSIFY_OPTIONS_VERSION);
    *opts = (ukc_classify_options)UKC_CLASSIFY_OPTIONS_INIT;
    return UKC_OK;
}

ukc_status ukc_classify_text(const char *text, size_t len, const ukc_classify_options *opts,
                             ukc_classification **out)
{
    ukc__error_reset();
    if (out)
        *out = NULL;
    if (!out)
        return ukc__fail(UKC_ERR_INVALID_ARGUMENT, "out is NULL");
    if (!text && len)
        return ukc__fail(UKC_ERR_INVALID_ARGUMENT, "text is NULL with a length of %zu", len);
    ukc_classify_options defaults = UKC_CLASSIFY_OPTIONS_INIT;
    const ukc_classify_options *o = opts ? opts : &defaults;
    ukc_status st = check_options(o);
    if (st)
        return st;
    size_t max = o->max_length ? o->max_length : UKC_CLASSIFY_MAX_LENGTH;
    if (len > max)
        return ukc__fail(UKC_ERR_TOO_LONG, "text of %zu bytes exceeds the maximum of %zu", len,
                         max);
    size_t bad;
    if (!ukc__utf8_valid(text, len, &bad)) {
        st = ukc__fail(UKC_ERR_INVALID_UTF8,
                       text[bad] ? "invalid UTF-8 at byte %zu" : "a NUL byte at byte %zu", bad);
        ukc__error_position(0, 0, (int64_t)bad);
        return st;
    }
    const ukc_lexicon *lex;
    const ukc_model *model;
    if ((st = ukc__lexicon_builtin(&lex)) || (st = ukc__model_builtin(&model)))
        return st;
    return classify(lex, model, text, len, o, out);
}

ukc_feedback_kind ukc_classification_kind(const ukc_classification *c)
{
    ukc__error_reset();
    return c ? c->kind : UKC_KIND_OTHER;
}

const char *ukc_classification_route(const ukc_classification *c)
{
    ukc__error_reset();
    return c ? c->route : NULL;
}

ukc_id ukc_classification_reason(const ukc_classification *c)
{
    ukc__error_reset();
    return c ? c->reason : UKC_ID_NONE;
}

double ukc_classification_score(const ukc_classification *c, ukc_feedback_kind kind)
{
    ukc__error_reset();
    if (!c || (unsigned)kind >= UKC_FEEDBACK_KIND_COUNT)
        return 0.0;
    return c->score[kind];
}

ukc_feedback_kind ukc_classification_rule_kind(const ukc_classification *c)
{
    ukc__error_reset();
    return c ? c->rule_kind : UKC_KIND_OTHER;
}

const char *ukc_classification_rule_route(const ukc_classification *c)
{
    ukc__error_reset();
    return c ? c->rule_route : NULL;
}

double ukc_classification_probability(const ukc_classification *c, ukc_feedback_kind kind)
{
    ukc__error_reset();
    if (!c || (unsigned)kind >= UKC_FEEDBACK_KIND_COUNT)
        return 0.0;
    return c->probability[kind];
}

ukc_feedback_kind ukc_classification_runner_up(const ukc_classification *c)
{
    ukc__error_reset();
    return c ? c->runner_up : UKC_KIND_OTHER;
}

bool ukc_classification_uncertain(const ukc_classification *c)
{
    ukc__error_reset();
    return c ? c->uncertain : false;
}

size_t ukc_classification_contribution_count(const ukc_classification *c)
{
    ukc__error_reset();
    return c ? c->ncontrib : 0;
}

const ukc_contribution *ukc_classification_contribution(const ukc_classification *c, size_t i)
{
    ukc__error_reset();
    return c && i < c->ncontrib ? &c->contrib[i] : NULL;
}

size_t ukc_classification_word_count(const ukc_classification *c)
{
    ukc__error_reset();
    return c ? c->nwords : 0;
}

const ukc_evidence *ukc_classification_word(const ukc_classification *c, size_t i)
{
    ukc__error_reset();
    return c && i < c->nwords ? &c->words[i] : NULL;
}

size_t ukc_classification_evidence_count(const ukc_classification *c)
{
    ukc__error_reset();
    return c ? c->nev : 0;
}

const ukc_evidence *ukc_classification_evidence(const ukc_classification *c, size_t i)
{
    ukc__error_reset();
    return c && i < c->nev ? &c->ev[i] : NULL;
}

size_t ukc_classification_area_count(const ukc_classification *c)
{
    ukc__error_reset();
    return c ? c->nareas : 0;
}

const char *ukc_classification_area(const ukc_classification *c, size_t i)
{
    ukc__error_reset();
    return c && i < c->nareas ? c->areas[i] : NULL;
}

size_t ukc_classification_sentence_count(const ukc_classification *c)
{
    ukc__error_reset();
    return c ? c->nsentences : 0;
}

void ukc_classification_free(ukc_classification *c)
{
    ukc__error_reset();
    destroy(c);
}

const char *ukc_feedback_kind_name(ukc_feedback_kind kind)
{
    ukc__error_reset();
    return (unsigned)kind < UKC_FEEDBACK_KIND_COUNT ? kind_names[kind] : "unknown";
}

ukc_status ukc_feedback_kind_from_name(const char *name, ukc_feedback_kind *out)
{
    ukc__error_reset();
    if (out)
        *out = UKC_KIND_OTHER;
    if (!name || !out)
        return ukc__fail(UKC_ERR_INVALID_ARGUMENT, "%s is NULL", name ? "out" : "name");
    for (int k = 0; k < UKC_FEEDBACK_KIND_COUNT; k++)
        if (strcmp(name, kind_names[k]) == 0) {
            *out = (ukc_feedback_kind)k;
            return UKC_OK;
        }
    return ukc__fail(UKC_ERR_NOT_FOUND,
                     "no feedback kind '%s' (complaint, comment, compliment, request, other)",
                     name);
}

static json_t *evidence_json(const ukc_evidence *e)
{
    json_t *neg = e->negated ? json_pack("[I, I]", (json_int_t)e->negation_start,
                                         (json_int_t)e->negation_end)
                             : json_null();
    return json_pack("{s:s, s:s, s:s, s:I, s:I, s:s, s:I, s:b, s:o, s:f, s:b, s:o, s:s, s:I}",
                     "id", e->code, "category", e->category, "detail", e->detail, "start",
                     (json_int_t)e->start, "end", (json_int_t)e->end, "text", e->text,
                     "sentence", (json_int_t)e->sentence, "negated", e->negated, "negation",
                     neg ? neg : json_null(), "weight", e->weight, "counted", e->counted,
                     "counts_for",
                     e->counted ? json_string(kind_names[e->counts_for]) : json_null(),
                     "pattern", e->pattern, "line", (json_int_t)e->lexicon_line);
}

ukc_status ukc_classification_to_json(const ukc_classification *c, char **out)
{
    ukc__error_reset();
    if (out)
        *out = NULL;
    if (!c || !out)
        return ukc__fail(UKC_ERR_INVALID_ARGUMENT, "a NULL argument");
    const ukc_id_entry *reason = ukc__id_lookup(c->reason);
    json_t *scores = ukc__json_object(), *probs = ukc__json_object(), *areas = json_array(),
           *ev = json_array(), *words = json_array(), *contrib = json_array();
    json_t *root = json_pack(
        "{s:s, s:o, s:{s:s, s:s}, s:{s:s, s:o}, s:O, s:O, s:s, s:b, s:O, s:I, s:O, s:O, s:O}",
        "kind",
        kind_names[c->kind], "route", c->route ? json_string(c->route) : json_null(), "reason",
        "id", reason ? reason->code : "", "slug", reason ? reason->slug : "", "rule", "kind",
        kind_names[c->rule_kind], "route",
        c->rule_route ? json_string(c->rule_route) : json_null(), "scores",
        scores ? scores : json_null(), "probabilities", probs ? probs : json_null(),
        "runner_up", kind_names[c->runner_up], "uncertain", c->uncertain, "areas",
        areas ? areas : json_null(), "sentences", (json_int_t)c->nsentences, "evidence",
        ev ? ev : json_null(), "words", words ? words : json_null(), "contributions",
        contrib ? contrib : json_null());
    bool ok = root && scores && probs && areas && ev && words && contrib;
    for (int k = 0; ok && k < UKC_FEEDBACK_KIND_COUNT; k++)
        ok = json_object_set_new(scores, kind_names[k], json_real(c->score[k])) == 0 &&
             json_object_set_new(probs, kind_names[k], json_real(c->probability[k])) == 0;
    for (size_t i = 0; ok && i < c->nareas; i++)
        ok = json_array_append_new(areas, json_string(c->areas[i])) == 0;
    for (size_t i = 0; ok && i < c->nev; i++) {
        json_t *j = evidence_json(&c->ev[i]);
        ok = j && json_array_append_new(ev, j) == 0;
    }
    for (size_t i = 0; ok && i < c->nwords; i++) {
        json_t *j = evidence_json(&c->words[i]);
        ok = j && json_array_append_new(words, j) == 0;
    }
    for (size_t i = 0; ok && i < c->ncontrib; i++) {
        const ukc_contribution *o = &c->contrib[i];
        json_t *span = o->has_span ? json_pack("[I, I]", (json_int_t)o->start,
                                               (json_int_t)o->end)
                                   : json_null();
        json_t *j = json_pack("{s:s, s:s, s:o, s:s, s:f, s:f, s:f, s:f}", "group", o->group,
                              "feature", o->feature, "span", span ? span : json_null(), "text",
                              o->text, "value", o->value, "weight", o->weight,
                              "runner_up_weight", o->runner_up_weight, "contribution",
                              o->contribution);
        ok = j && json_array_append_new(contrib, j) == 0;
    }
    char *text = ok ? json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER) : NULL;
    json_decref(contrib);
    json_decref(scores);
    json_decref(probs);
    json_decref(areas);
    json_decref(ev);
    json_decref(words);
    json_decref(root);
    if (!text)
        return oom();
    /* json_dumps uses the C library's malloc, which ukc_free releases. */
    *out = text;
    return UKC_OK;
}
