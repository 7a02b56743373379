/* Finding the lexicon's cues in a message: pattern matching over its normalised
 * words, overlaps between cues, negation scope and the emphasis of position. */
#include <string.h>

#include "util.h"
#include "classify_internal.h"

#define GAP_WORDS 3
#define MAX_CANDIDATES 512

/* ------------------------------------------------------------------ matching */

#define NO_ID UINT32_MAX

/* What the lexicon knows of one word: the ID of the word itself and of each of its
 * stems (see ukc_lexicon), looked up once per message so that testing a word against
 * a slot compares integers. */
typedef struct word_ids {
    uint32_t word;        /* NO_ID when no slot holds the word itself */
    uint32_t stem, nstem; /* range in scan.stem_ids, shortest stem first */
} word_ids;

/* A message being matched. */
typedef struct scan {
    const ukc_lexicon *lex;
    const ukc_tokens *t;
    word_ids *w;        /* one per token */
    uint64_t *mask;     /* one per token: ukc__lex_id_bit of its word's IDs, or-ed */
    uint32_t *hash;     /* one per token: its word's hash */
    ukc_scratch *sc;    /* stem_ids lives in its UKC__SCRATCH_STEMS */
    uint32_t *stem_ids;
    size_t nstem_ids;
} scan;

static bool push_stem(scan *sc, uint32_t id)
{
    if ((sc->nstem_ids + 1) * sizeof *sc->stem_ids > sc->sc->cap[UKC__SCRATCH_STEMS] &&
        !ukc__scratch(sc->sc, UKC__SCRATCH_STEMS, 2 * (sc->nstem_ids + 1) * sizeof *sc->stem_ids))
        return false;
    sc->stem_ids = sc->sc->buf[UKC__SCRATCH_STEMS];
    sc->stem_ids[sc->nstem_ids++] = id;
    return true;
}

/* A thread's memory of the words it has looked up in a lexicon (ukc_scratch's
 * lexwords): each word's IDs, so that a word met again is not looked up in the
 * lexicon's indexes, whose slots are spread over memory. Full, it is emptied. */
#define MEMO_STEMS (4 * UKC__WORDTAB_WORDS)
#define MEMO_MAX_LEN 64 /* longer words are looked up each time */

typedef struct memo_word {
    uint32_t word;  /* its ID or NO_ID */
    uint32_t stem, nstem; /* its stems' IDs in stems[], shortest first */
    uint64_t mask;
} memo_word;

struct ukc_lex_memo {
    const ukc_lexicon *lex;
    ukc_wordtab tab;
    memo_word word[UKC__WORDTAB_WORDS];
    uint32_t nstems;
    uint32_t stems[MEMO_STEMS];
};

void ukc__lex_memo_free(ukc_lex_memo *m)
{
    ukc__free(m);
}

static void memo_clear(ukc_lex_memo *m, const ukc_lexicon *lex)
{
    ukc__wordtab_clear(&m->tab);
    m->nstems = 0;
    m->lex = lex;
}

/* The scratch's memory for lex; NULL when out of memory. */
static ukc_lex_memo *memo_ready(ukc_scratch *sc, const ukc_lexicon *lex)
{
    ukc_lex_memo *m = sc->lexwords;
    if (!m) {
        if (!(m = sc->lexwords = ukc__malloc(sizeof *m)))
            return NULL;
        m->lex = NULL;
    }
    if (m->lex != lex)
        memo_clear(m, lex);
    return m;
}

/* Look up word ti in the lexicon: its ID, its stems (pushed on sc's stem_ids) and
 * its mask; its hash into sc->hash[ti]. */
static bool lookup_word(scan *sc, size_t ti)
{
    const ukc_lexicon *lex = sc->lex;
    const char *w = sc->t->norm + sc->t->tok[ti].norm;
    uint32_t n = sc->t->tok[ti].nlen;
    word_ids *id = &sc->w[ti];
    *id = (word_ids){ NO_ID, (uint32_t)sc->nstem_ids, 0 };
    sc->mask[ti] = 0;
    sc->hash[ti] = UKC__FNV_START;
    if (n == 0)
        return true;
    /* the stems are the word's prefixes: hash them in one pass, up to the first
     * that begins no stem */
    uint32_t h = UKC__FNV_START, l = 0;
    while (l < n) {
        h = ukc__fnv_byte(h, (unsigned char)w[l++]);
        if (!ukc__lex_stem_prefix(lex, h))
            break;
        if (l >= 128 || !((lex->any_stem_lengths[l / 64] >> (l % 64)) & 1u))
            continue;
        const struct ukc_lex_key *k = ukc__lex_find(&lex->stems, w, l, h);
        if (!k)
            continue;
        uint32_t stem = lex->exact.nkeys + (uint32_t)(k - lex->stems.keys);
        if (!push_stem(sc, stem))
            return false;
        id->nstem++;
        sc->mask[ti] |= ukc__lex_id_bit(stem);
    }
    h = ukc__fnv_more(h, w + l, n - l);
    sc->hash[ti] = h;
    const struct ukc_lex_key *k = ukc__lex_find(&lex->exact, w, n, h);
    if (k) {
        id->word = (uint32_t)(k - lex->exact.keys);
        sc->mask[ti] |= ukc__lex_id_bit(id->word);
    }
    return true;
}

/* Look up every token's word and stems, each word met before from the memory. */
static bool intern_words(scan *sc)
{
    ukc_lex_memo *m = memo_ready(sc->sc, sc->lex);
    for (size_t ti = 0; ti < sc->t->n; ti++) {
        const char *w = sc->t->norm + sc->t->tok[ti].norm;
        uint32_t n = sc->t->tok[ti].nlen;
        if (!m || n == 0 || n > MEMO_MAX_LEN) {
            if (!lookup_word(sc, ti))
                return false;
            continue;
        }
        uint32_t h = ukc__fnv(w, n), slot;
        int32_t at = ukc__wordtab_find(&m->tab, w, n, h, &slot);
        if (at >= 0) { /* met before */
            const memo_word *e = &m->word[at];
            sc->w[ti] = (word_ids){ e->word, (uint32_t)sc->nstem_ids, e->nstem };
            for (uint32_t k = 0; k < e->nstem; k++)
                if (!push_stem(sc, m->stems[e->stem + k]))
                    return false;
            sc->mask[ti] = e->mask;
            sc->hash[ti] = h;
            continue;
        }
        if (!lookup_word(sc, ti))
            return false;
        const word_ids *id = &sc->w[ti];
        if (!ukc__wordtab_room(&m->tab, 1, n) || id->nstem > MEMO_STEMS - m->nstems) {
            memo_clear(m, sc->lex);
            ukc__wordtab_find(&m->tab, w, n, h, &slot); /* its slot in the empty table */
        }
        m->word[ukc__wordtab_add(&m->tab, slot, w, n, h)] =
            (memo_word){ id->word, m->nstems, id->nstem, sc->mask[ti] };
        if (id->nstem) /* no stems: stem_ids may not exist yet */
            memcpy(m->stems + m->nstems, sc->stem_ids + id->stem, id->nstem * sizeof *m->stems);
        m->nstems += id->nstem;
    }
    return true;
}

/* Whether a slot's sorted IDs hold id. */
static bool ids_hold(const uint32_t *ids, uint32_t n, uint32_t id)
{
    uint32_t lo = 0, hi = n;
    while (hi - lo > 8) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (ids[mid] <= id)
            lo = mid;
        else
            hi = mid;
    }
    for (; lo < hi && ids[lo] <= id; lo++)
        if (ids[lo] == id)
            return true;
    return false;
}

static bool slot_accepts(const scan *sc, const ukc_lex_slot *s, size_t ti)
{
    if (s->kind == UKC_SLOT_ANY)
        return true;
    const word_ids *w = &sc->w[ti];
    if (!(s->mask & sc->mask[ti])) /* no ID of the word can be one of the slot's */
        return false;
    const uint32_t *ids = sc->lex->alt_ids + s->alt;
    if (w->word != NO_ID && ids_hold(ids, s->nalt, w->word))
        return true;
    for (uint32_t k = 0; k < w->nstem; k++)
        if (ids_hold(ids, s->nalt, sc->stem_ids[w->stem + k]))
            return true;
    return false;
}

/* The end (exclusive) of the longest match of slots si.. from token ti within a
 * sentence, or -1. */
static int64_t match_from(const scan *sc, const ukc_lex_pattern *p, uint32_t si, size_t ti,
                          uint32_t sentence)
{
    if (si == p->nslot)
        return (int64_t)ti;
    const ukc_tokens *t = sc->t;
    const ukc_lex_slot *s = &sc->lex->slots[p->slot + si];
    int64_t best = -1, r;
    if (s->kind == UKC_SLOT_START) {
        bool starts = ti < t->n && (ti == 0 || t->tok[ti].sentence != t->tok[ti - 1].sentence ||
                                    t->tok[ti].clause_start);
        return starts ? match_from(sc, p, si + 1, ti, sentence) : -1;
    }
    if (s->kind == UKC_SLOT_QUESTION)
        return ti > 0 && t->tok[ti - 1].question ? match_from(sc, p, si + 1, ti, sentence) : -1;
    if (s->kind == UKC_SLOT_GAP) {
        for (size_t k = 0; k <= GAP_WORDS; k++) {
            if (k > 0 && (ti + k > t->n || t->tok[ti + k - 1].sentence != sentence))
                break;
            if ((r = match_from(sc, p, si + 1, ti + k, sentence)) > best)
                best = r;
        }
        return best;
    }
    if (s->optional)
        best = match_from(sc, p, si + 1, ti, sentence);
    if (ti < t->n && t->tok[ti].sentence == sentence && slot_accepts(sc, s, ti) &&
        (r = match_from(sc, p, si + 1, ti + 1, sentence)) > best)
        best = r;
    return best;
}

/* Match a candidate at token ti, whose first word slot holds the token's word or
 * one of its stems (the index says so, and the lexicon makes that slot a required
 * one): only a leading `^` and the slots after it remain to test. */
static int64_t match_candidate(const scan *sc, const ukc_lex_cand *cd, size_t ti)
{
    const ukc_tokens *t = sc->t;
    if ((cd->flags & UKC__CAND_START) &&
        !(ti == 0 || t->tok[ti].sentence != t->tok[ti - 1].sentence || t->tok[ti].clause_start))
        return -1;
    uint32_t key = (cd->flags & UKC__CAND_START) ? 1 : 0;
    return match_from(sc, &sc->lex->patterns[cd->pattern], key + 1, ti + 1, t->tok[ti].sentence);
}

/* Add a key's candidates, leaving out those that the two words after ti rule out
 * (next, next2: their masks, 0 when there is none in the sentence); counts every
 * candidate seen against MAX_CANDIDATES. */
static size_t add_candidates(const ukc_lex_index *ix, const struct ukc_lex_key *k, uint64_t next,
                             uint64_t next2, const ukc_lex_cand **c, size_t n, size_t *seen)
{
    for (uint32_t i = 0; i < k->count && *seen < MAX_CANDIDATES; i++, ++*seen) {
        const ukc_lex_cand *cd = &ix->cands[k->first + i];
        if (!(cd->flags & UKC__CAND_NEXT) ||
            ((cd->next & next) && (!(cd->flags & UKC__CAND_NEXT2) || (cd->next2 & next2))))
            c[n++] = cd;
    }
    return n;
}

/* The patterns that may start at token ti: those whose first slot holds its word,
 * then those whose first slot holds one of its stems (shortest first). */
static size_t candidates(const scan *sc, size_t ti, const ukc_lex_cand **cand)
{
    const ukc_lexicon *lex = sc->lex;
    const ukc_tokens *t = sc->t;
    const word_ids *w = &sc->w[ti];
    uint32_t sentence = t->tok[ti].sentence;
    uint64_t next = ti + 1 < t->n && t->tok[ti + 1].sentence == sentence ? sc->mask[ti + 1] : 0;
    uint64_t next2 = ti + 2 < t->n && t->tok[ti + 2].sentence == sentence ? sc->mask[ti + 2] : 0;
    size_t nc = 0, seen = 0;
    if (w->word != NO_ID)
        nc = add_candidates(&lex->exact, &lex->exact.keys[w->word], next, next2, cand, nc,
                            &seen);
    for (uint32_t k = 0; k < w->nstem; k++) {
        const struct ukc_lex_key *key =
            &lex->stems.keys[sc->stem_ids[w->stem + k] - lex->exact.nkeys];
        if (key->len < 64)
            nc = add_candidates(&lex->stems, key, next, next2, cand, nc, &seen);
    }
    return nc;
}

/* Insertion sort by pattern: a word has a handful of candidate patterns. */
static void sort_cands(const ukc_lex_cand **v, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        const ukc_lex_cand *x = v[i];
        size_t j = i;
        for (; j > 0 && v[j - 1]->pattern > x->pattern; j--)
            v[j] = v[j - 1];
        v[j] = x;
    }
}

static bool push_match(ukc_matches *ms, uint32_t pattern, size_t first, size_t last)
{
    if (!ukc__grow((void **)&ms->m, &ms->cap, ms->n + 1, sizeof *ms->m, 32))
        return false;
    ms->m[ms->n++] = (ukc_match){ pattern, (uint32_t)first, (uint32_t)last, -1, false };
    return true;
}

/* Every pattern that matches at every token, longest match per pattern and start. */
bool ukc__find_matches(const ukc_lexicon *lex, const ukc_tokens *t, ukc_matches *ms,
                       uint32_t *hash, ukc_scratch *scratch)
{
    const ukc_lex_cand *cand[MAX_CANDIDATES];
    size_t nt = t->n ? t->n : 1;
    scan sc = { lex, t, NULL,
                ukc__scratch(scratch, UKC__SCRATCH_SCAN, nt * (sizeof *sc.mask + sizeof *sc.w)),
                hash, scratch, scratch->buf[UKC__SCRATCH_STEMS], 0 };
    sc.w = sc.mask ? (word_ids *)(sc.mask + nt) : NULL;
    bool ok = sc.w && intern_words(&sc);
    for (size_t ti = 0; ok && ti < t->n; ti++) {
        size_t nc = candidates(&sc, ti, cand);
        sort_cands(cand, nc);
        for (size_t i = 0; ok && i < nc; i++) {
            if (i > 0 && cand[i]->pattern == cand[i - 1]->pattern)
                continue;
            int64_t end = match_candidate(&sc, cand[i], ti);
            ok = end <= (int64_t)ti || push_match(ms, cand[i]->pattern, ti, (size_t)end - 1);
        }
    }
    return ok;
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
static int cmp_priority(const ukc_match *x, const ukc_match *y, const ukc_lexicon *lex)
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
static void sort_by_priority(uint32_t *idx, size_t n, const ukc_match *m, const ukc_lexicon *lex)
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
static void merge_sort(uint32_t *idx, uint32_t *tmp, size_t n, const ukc_match *m,
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

/* Accept, within each class, the highest-priority matches that do not overlap. */
bool ukc__resolve_overlaps(const ukc_lexicon *lex, ukc_matches *ms, uint8_t *flags,
                           ukc_scratch *sc)
{
    uint32_t *idx = ukc__scratch(sc, UKC__SCRATCH_ORDER, (ms->n ? ms->n : 1) * 2 * sizeof *idx);
    if (!idx)
        return false;
    for (size_t i = 0; i < ms->n; i++)
        idx[i] = (uint32_t)i;
    merge_sort(idx, idx + ms->n, ms->n, ms->m, lex);
    for (size_t k = 0; k < ms->n; k++) {
        const ukc_match *m = &ms->m[k];
        if (lex->patterns[m->pattern].cat == UKC_CUE_NOT_ROUTE)
            for (uint32_t i = m->first; i <= m->last; i++)
                flags[i] |= TF_NOT_ROUTE;
    }
    for (size_t k = 0; k < ms->n; k++) {
        ukc_match *m = &ms->m[idx[k]];
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
    return true;
}

/* NegEx-style scope: a trigger negates the words after it up to a terminator, the
 * end of the sentence, or UKC__NEGATION_WINDOW words. A trigger inside an accepted cue
 * or route cue ("no one has", "can not fault", "not welcome here") or a
 * pseudo-negation does not negate. */
void ukc__apply_negation(const ukc_lexicon *lex, ukc_matches *ms, const ukc_tokens *t,
                         const uint8_t *flags, int32_t *neg_by)
{
    for (size_t i = 0; i < t->n; i++)
        neg_by[i] = -1;
    for (size_t k = 0; k < ms->n; k++) { /* matches are in order of their first token */
        ukc_match *m = &ms->m[k];
        if (lex->patterns[m->pattern].cat != UKC_CUE_NEGATION)
            continue;
        bool void_trigger = false;
        for (uint32_t i = m->first; i <= m->last; i++)
            void_trigger |= (flags[i] & (TF_CUE | TF_ROUTE | TF_PSEUDO)) != 0;
        if (void_trigger)
            continue;
        uint32_t sentence = t->tok[m->first].sentence;
        for (size_t i = (size_t)m->last + 1;
             i < t->n && i <= (size_t)m->last + UKC__NEGATION_WINDOW && t->tok[i].sentence == sentence &&
             !(flags[i] & TF_TERMINATOR) && !t->tok[i].clause_start;
             i++)
            neg_by[i] = (int32_t)k;
    }
    for (size_t k = 0; k < ms->n; k++) {
        ukc_match *m = &ms->m[k];
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

void ukc__compute_emphasis(const ukc_lexicon *lex, const ukc_matches *ms, const ukc_tokens *t,
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
