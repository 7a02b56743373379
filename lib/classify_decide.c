/* The decision: the cue rule, the weighing model's features and choice, and the
 * contributions that explain it. */
#include <math.h>
#include <string.h>

#include "util.h"
#include "classify_internal.h"
#include "ids_internal.h"

/* A decision is uncertain when the top two probabilities are closer than this. */
#define UNCERTAIN_MARGIN UKC__RULE_STANDS_MARGIN
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

size_t ukc__best_route(const ukc_tally *ta)
{
    size_t best = 0;
    for (size_t r = 1; r < ukc__route_count; r++)
        if (ta->route[r] > ta->route[best])
            best = r;
    return best;
}

void ukc__decide_by_cues(ukc_classification *c, const ukc_tally *ta, size_t ntokens,
                         const ukc_classify_options *o)
{
    double threshold = o->route_threshold > 0 ? o->route_threshold : UKC__DEFAULT_ROUTE_THRESHOLD;
    size_t best = ukc__best_route(ta);
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
    } else if (ta->cat[UKC_CUE_DECLARED] > 0) {
        c->kind = UKC_KIND_COMPLAINT;
        c->reason = UKC_C063_DECIDED_DECLARED;
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
void ukc__dense_features(const ukc_tally *ta, const ukc_tokens *t, ukc_feedback_kind rule,
                         double *x)
{
    double best = ta->route[ukc__best_route(ta)], root = sqrt(1.0 + (double)t->n);
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

static void insert_best(candidate *best, size_t *n, size_t cap, const candidate *c)
{
    size_t at = *n < cap ? (*n)++ : *n - 1;
    for (; at > 0 && best[at - 1].gain < c->gain; at--)
        best[at] = best[at - 1];
    best[at] = *c;
}

/* Keep the n largest gains in best[] (largest first). Most candidates are turned
 * away here, without a call. */
static inline void keep_best(candidate *best, size_t *n, size_t cap, const candidate *c)
{
    if (c->gain <= 0 || (*n == cap && c->gain <= best[*n - 1].gain))
        return;
    insert_best(best, n, cap, c);
}

/* Text written as snprintf(buf, cap, ...) writes it: what fits and a NUL, while
 * counting the whole length; without a format to parse. */
typedef struct text_out {
    char *buf;
    size_t cap, len;
} text_out;

/* Append s[0..n), stopping at a NUL as "%.*s" does. */
static void put(text_out *o, const char *s, size_t n)
{
    n = strnlen(s, n);
    if (o->len + 1 < o->cap) {
        size_t room = o->cap - 1 - o->len;
        memcpy(o->buf + o->len, s, n < room ? n : room);
    }
    o->len += n;
}

static size_t put_end(text_out *o)
{
    if (o->cap)
        o->buf[o->len < o->cap ? o->len : o->cap - 1] = '\0';
    return o->len;
}

/* N-gram i of a message as a feature, in *buf: its word is the last whose first
 * n-gram is not after it. */
static const ukc_hfeat *ngram_at(const ukc_ngrams *ng, const ukc_tokens *t, size_t i,
                                 ukc_hfeat *buf)
{
    size_t lo = 0, hi = t->n; /* first[lo] <= i < first[hi] */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (ng->first[mid] <= i)
            lo = mid;
        else
            hi = mid;
    }
    ukc__ngram_feature(ng->meta[i], ng->scale, (uint32_t)lo, buf);
    return buf;
}

/* The n-gram's text as the model saw it: a word (with "not:" in a negation's scope,
 * "question:" for its copy in a question), "a b", or chars with < > marks. */
static size_t ngram_text(const ukc_tokens *t, const ukc_hfeat *f, char *buf, size_t cap)
{
    const ukc_token *a = &t->tok[f->tok];
    const char *w = t->norm + a->norm;
    text_out o = { buf, cap, 0 };
    if (f->group == UKC__GROUP_WORD) {
        if (f->off == UKC__MARK_NEGATED)
            put(&o, "not:", 4);
        else if (f->off == UKC__MARK_QUESTION)
            put(&o, "question:", 9);
        put(&o, w, a->nlen);
    } else if (f->group == UKC__GROUP_PAIR) {
        const ukc_token *b = &t->tok[f->tok + 1];
        put(&o, w, a->nlen);
        put(&o, " ", 1);
        put(&o, t->norm + b->norm, b->nlen);
    } else {
        char m[128];
        text_out mo = { m, sizeof m, 0 };
        put(&mo, "<", 1);
        put(&mo, w, a->nlen);
        put(&mo, ">", 1);
        size_t ml = put_end(&mo);
        if ((size_t)f->off + f->len <= ml && f->off < sizeof m)
            put(&o, m + f->off, f->len);
    }
    return put_end(&o);
}

/* At least the length ngram_text() gives the n-gram, without writing it. */
static size_t ngram_text_room(const ukc_tokens *t, const ukc_hfeat *f)
{
    const ukc_token *a = &t->tok[f->tok];
    if (f->group == UKC__GROUP_WORD)
        return sizeof "question:" - 1 + a->nlen;
    if (f->group == UKC__GROUP_PAIR)
        return a->nlen + 1 + t->tok[f->tok + 1].nlen;
    return f->len;
}

/* A bucket in the explanation's lists as they fill: its gain, its summed value
 * (signed) and its first n-gram. Its weights are read when the lists are done. */
typedef struct ranked {
    double gain, value;
    size_t hashed;
} ranked;

/* Whether a ranks before b: a larger gain, or an equal one and an earlier
 * n-gram (as when the buckets are tried in order). */
static inline bool ranks_before(const ranked *a, const ranked *b)
{
    return a->gain > b->gain || (a->gain == b->gain && a->hashed < b->hashed);
}

/* Keep a bucket among the cap best of best[] (best first) when its gain is
 * positive: the same lists whatever order the buckets come in. */
static void keep_ranked(ranked *best, size_t *n, size_t cap, const ranked *c)
{
    if (!(c->gain > 0) || (*n == cap && !ranks_before(c, &best[cap - 1])))
        return;
    size_t at = *n < cap ? (*n)++ : cap - 1;
    for (; at > 0 && ranks_before(c, &best[at - 1]); at--)
        best[at] = best[at - 1];
    best[at] = *c;
}

/* The explanation's lists of n-grams as they fill: the buckets with the largest
 * gains for the chosen kind against the runner-up (words and pairs apart). */
typedef struct ranking {
    ranked ng[UKC__TOP_NGRAMS], wd[UKC__WEIGHED_WORDS];
    size_t nng, nwd;
    /* a gain below low_ng enters neither list; below low, no list a word's or a
     * pair's bucket may enter (a bucket of chars enters only ng) */
    double low_ng, low;
    const ukc_ngrams *grams;
    double sk, sr;
    unsigned kb, rb;
} ranking;

/* Offer the bucket whose first n-gram is i and whose summed value is value. */
static inline void offer(ranking *rk, size_t i, double value)
{
    double gain = ukc__kept_gain(value, rk->grams->kept[i], rk->sk, rk->kb, rk->sr, rk->rb);
    bool chars = ukc__meta_group(rk->grams->meta[i]) == UKC__GROUP_CHARS;
    if (!(gain >= (chars ? rk->low_ng : rk->low)))
        return;
    ranked cd = { gain, value, i };
    keep_ranked(rk->ng, &rk->nng, UKC__TOP_NGRAMS, &cd);
    if (!chars)
        keep_ranked(rk->wd, &rk->nwd, UKC__WEIGHED_WORDS, &cd);
    double lng = rk->nng == UKC__TOP_NGRAMS ? rk->ng[rk->nng - 1].gain : 0.0;
    double lwd = rk->nwd == UKC__WEIGHED_WORDS ? rk->wd[rk->nwd - 1].gain : 0.0;
    rk->low_ng = lng;
    rk->low = lng < lwd ? lng : lwd;
}

/* A ranked bucket as a contribution: its value, weights and gain. */
static candidate ranked_candidate(const ukc_model *model, const uint64_t *kept, int k, int r,
                                  const ranked *b)
{
    double value = b->value, chosen = ukc__model_kept_weight(model, kept[b->hashed], k),
           other = ukc__model_kept_weight(model, kept[b->hashed], r);
    if (value < 0) { /* the hash's sign belongs to the weight: report |value| */
        value = -value;
        chosen = -chosen;
        other = -other;
    }
    return (candidate){ value, chosen, other, b->gain, (int64_t)b->hashed, 0 };
}

/* Rank every bucket of the message. The model sees a bucket, not an n-gram: the
 * values of the n-grams that share one add up, and the first of them stands for
 * it. Most buckets hold one n-gram, found by a bitmap of the buckets' low bits
 * and offered at once; the others are summed in a table and offered after. */
#define SHARE_BITS 13
static bool rank_buckets(ranking *rk, ukc_scratch *sc)
{
    const ukc_ngrams *ng = rk->grams;
    const uint32_t *meta = ng->meta;
    uint64_t once[(1u << SHARE_BITS) / 64], twice[(1u << SHARE_BITS) / 64];
    memset(once, 0, sizeof once);
    memset(twice, 0, sizeof twice);
    for (size_t i = 0; i < ng->n; i++) {
        uint32_t b = meta[i] & ((1u << SHARE_BITS) - 1);
        uint64_t bit = (uint64_t)1 << (b % 64);
        twice[b / 64] |= once[b / 64] & bit;
        once[b / 64] |= bit;
    }
    size_t nf = ng->n ? ng->n : 1;
    double *sum = ukc__scratch(sc, UKC__SCRATCH_SUMS, nf * sizeof *sum + nf * sizeof(uint32_t));
    if (!sum || !ukc__scratch_buckets(sc, 2 * nf))
        return false;
    uint32_t *first = (uint32_t *)(sum + nf);
    size_t nshared = 0;
    /* An open-addressing table keyed by the bucket itself (its bits are a hash
     * already), at most half full: a key is the bucket with this message's stamp
     * above it (a key of another stamp is an empty slot), beside the index of its
     * sum. */
    uint32_t *key = sc->bucket_key, *at = key + sc->bucket_cap;
    const uint32_t stamp = sc->bucket_stamp, tag = stamp << UKC__MODEL_BITS;
    const size_t mask = sc->bucket_cap - 1;
    for (size_t i = 0; i < ng->n; i++) {
        uint32_t b = meta[i] & (UKC__MODEL_BUCKETS - 1), low = b & ((1u << SHARE_BITS) - 1);
        if (!((twice[low / 64] >> (low % 64)) & 1u)) {
            offer(rk, i, ukc__ngram_value(ng->scale, meta[i]));
            continue;
        }
        uint32_t kb = tag | b;
        size_t h = b & mask;
        while (key[h] != kb && (key[h] >> UKC__MODEL_BITS) == stamp)
            h = (h + 1) & mask;
        if (key[h] == kb) {
            sum[at[h]] += ukc__ngram_value(ng->scale, meta[i]);
            continue;
        }
        key[h] = kb;
        at[h] = (uint32_t)nshared;
        first[nshared] = (uint32_t)i;
        sum[nshared++] = 0.0 + ukc__ngram_value(ng->scale, meta[i]);
    }
    for (size_t u = 0; u < nshared; u++)
        offer(rk, first[u], sum[u]);
    return true;
}

/* Fill the contributions and the weighed words: the hashed n-grams and dense
 * features whose value times the difference of their weights for the chosen kind
 * and the runner-up is largest. */
static bool explain(ukc_classification *c, const ukc_model *model, const ukc_tokens *t,
                    const ukc_ngrams *grams, const double *x,
                    const char *text, ukc_scratch *sc)
{
    candidate dn[UKC__TOP_DENSE];
    size_t ndn = 0;
    int k = (int)c->kind, r = (int)c->runner_up;
    /* value * (chosen - other) with the signs of offer() is sum * (wk - wr)
     * exactly (negating both weights and the value changes no rounding). */
    ranking rk; /* its lists fill from empty: no need to clear them */
    rk.nng = rk.nwd = 0;
    rk.low_ng = rk.low = 0.0;
    rk.grams = grams;
    ukc__model_gain_terms(model, k, &rk.sk, &rk.kb);
    ukc__model_gain_terms(model, r, &rk.sr, &rk.rb);
    if (!rank_buckets(&rk, sc))
        return false;
    candidate ng[UKC__TOP_NGRAMS], wd[UKC__WEIGHED_WORDS];
    size_t nng = rk.nng, nwd = rk.nwd;
    for (size_t i = 0; i < nng; i++)
        ng[i] = ranked_candidate(model, grams->kept, k, r, &rk.ng[i]);
    for (size_t i = 0; i < nwd; i++)
        wd[i] = ranked_candidate(model, grams->kept, k, r, &rk.wd[i]);
    for (size_t j = 0; j < UKC__MODEL_FEATURES; j++) {
        if (x[j] == 0.0) /* a gain of 0, which no list takes */
            continue;
        candidate cd = { x[j], ukc__model_dense_weight(model, j, k),
                         ukc__model_dense_weight(model, j, r), 0, -1, j };
        cd.gain = cd.value * (cd.chosen - cd.other);
        keep_best(dn, &ndn, UKC__TOP_DENSE, &cd);
    }
    /* strings: each n-gram's text and quoted bytes, each word's quoted bytes */
    size_t bytes = 0;
    candidate all[UKC__TOP_NGRAMS + UKC__TOP_DENSE];
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
            ukc_hfeat fb;
            const ukc_hfeat *f = ngram_at(grams, t, (size_t)all[i].hashed, &fb);
            const ukc_token *first = &t->tok[f->tok];
            const ukc_token *last = &t->tok[f->tok + (f->group == UKC__GROUP_PAIR)];
            bytes += (last->end - first->start) + ngram_text_room(t, f) + 2;
        }
    for (size_t i = 0; i < nall; i++)
        if (all[i].hashed < 0)
            bytes += 64; /* a composed feature name */
    for (size_t i = 0; i < nwd; i++) {
        ukc_hfeat fb;
        const ukc_hfeat *f = ngram_at(grams, t, (size_t)wd[i].hashed, &fb);
        bytes += t->tok[f->tok + (f->group == UKC__GROUP_PAIR)].end - t->tok[f->tok].start + 1;
    }
    c->word_strings = ukc__malloc(bytes ? bytes : 1);
    if (!c->word_strings)
        return false;
    char *s = c->word_strings, *end = c->word_strings + bytes;
    char buf[64];
    for (size_t i = 0; i < nall; i++) {
        ukc_contribution *o = &c->contrib[i];
        *o = (ukc_contribution){ .size = sizeof *o, .value = all[i].value,
                                 .weight = all[i].chosen, .runner_up_weight = all[i].other,
                                 .contribution = all[i].gain };
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
        ukc_hfeat fb;
        const ukc_hfeat *f = ngram_at(grams, t, (size_t)all[i].hashed, &fb);
        const ukc_token *first = &t->tok[f->tok];
        const ukc_token *last = &t->tok[f->tok + (f->group == UKC__GROUP_PAIR)];
        o->group = group_names[f->group];
        o->has_span = true;
        o->start = first->start;
        o->end = last->end;
        o->feature = s;
        s += ngram_text(t, f, s, (size_t)(end - s)) + 1; /* room counted above */
        memcpy(s, text + o->start, o->end - o->start);
        s[o->end - o->start] = '\0';
        o->text = s;
        s += o->end - o->start + 1;
    }
    c->ncontrib = nall;
    const ukc_id_entry *entry = ukc__id_lookup(UKC_C059_WEIGHED_WORD);
    for (size_t j = 0; j < nwd; j++) {
        ukc_hfeat fb;
        const ukc_hfeat *f = ngram_at(grams, t, (size_t)wd[j].hashed, &fb);
        const ukc_token *first = &t->tok[f->tok];
        const ukc_token *last = &t->tok[f->tok + (f->group == UKC__GROUP_PAIR)];
        ukc_evidence *e = &c->words[j];
        *e = (ukc_evidence){ .size = sizeof *e };
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
bool ukc__decide(ukc_classification *c, const ukc_tally *ta, const ukc_tokens *t,
                 const char *text, const ukc_model *model, const ukc_classify_options *o,
                 ukc_scratch *sc)
{
    ukc__decide_by_cues(c, ta, t->n, o);
    c->rule_kind = c->kind;
    c->rule_route = c->route;
    c->runner_up = c->kind;
    if (t->n == 0)
        return true;
    double threshold = o->route_threshold > 0 ? o->route_threshold : UKC__DEFAULT_ROUTE_THRESHOLD;
    size_t best = ukc__best_route(ta);
    double x[UKC__MODEL_FEATURES];
    ukc__dense_features(ta, t, c->kind, x);
    unsigned allowed = 0x0fu;
    if (!o->no_routes && ta->route[best] >= UKC__MODEL_ROUTE_SHARE * threshold)
        allowed |= 1u << UKC_KIND_OTHER;
    ukc_ngrams grams;
    /* the words' hashes are the matcher's, made for this message */
    const uint32_t *hash = sc->buf[UKC__SCRATCH_HASH];
    if (!ukc__model_ngrams(model, t, hash, sc, &grams))
        return false;
    int kind = ukc__model_choose_ngrams(model, x, &grams, allowed, c->probability);
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
    return explain(c, model, t, &grams, x, text, sc);
}
