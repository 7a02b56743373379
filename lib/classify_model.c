/* The classifier's model (lib/data/model.bin): a multinomial logistic regression
 * over dense cue features and hashed word and character n-grams, fitted by
 * tools/train-classify; nothing here learns. See classify_internal.h for the
 * features and the file format. */
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "classify_internal.h"
#include "error_internal.h"

extern const unsigned char ukc__model_bin[];
extern const size_t ukc__model_bin_len;

#define K UKC_FEEDBACK_KIND_COUNT
_Static_assert(K == 5, "the integer sums below are written out for five kinds");
#define NF UKC__MODEL_FEATURES
#define MAGIC "UKCMODL2"
/* How many hashed features ahead of its use a bucket is fetched. */
#define PREFETCH 12
#if defined(__GNUC__) || defined(__clang__)
#define prefetch(p) __builtin_prefetch(p)
/* the kinds' sums stay in registers */
#define UNROLL_K _Pragma("GCC unroll 8")
#else
#define UNROLL_K
#define prefetch(p) ((void)(p))
#endif
/* Bytes after the bucket table, so that a bucket's weights are read in one load. */
#define BUCKET_PAD 8
/* Character n-grams are taken inside words of at most this many bytes. */
#define CHARS_MAX_WORD 60

struct ukc_model {
    double temperature;
    double weight[NF + 1][K]; /* the last row is the bias */
    double scale[K];
    int8_t *bucket;           /* [UKC__MODEL_BUCKETS][K] */
};

static const char *const cue_names[UKC__MODEL_CUES] = {
    "dissatisfaction", "breached", "sarcasm", "praise",   "thanks",
    "suggestion",      "opinion",  "request", "declared",
};
static const char *const kind_names[K] = { "complaint", "comment", "compliment", "request", "other" };

const char *ukc__model_feature_name(size_t i, char *buf, size_t cap)
{
    if (i < UKC__MODEL_CUES)
        return cue_names[i];
    if (i < 2 * UKC__MODEL_CUES) {
        snprintf(buf, cap, "negated-%s", cue_names[i - UKC__MODEL_CUES]);
        return buf;
    }
    if (i < 3 * UKC__MODEL_CUES) {
        snprintf(buf, cap, "after-contrast-%s", cue_names[i - 2 * UKC__MODEL_CUES]);
        return buf;
    }
    switch (i) {
    case UKC__FEAT_ROUTE: return "route";
    case UKC__FEAT_ROUTE_OVER: return "route-over-threshold";
    case UKC__FEAT_STAKE: return "stake";
    case UKC__FEAT_WORDS: return "words";
    case UKC__FEAT_SENTENCES: return "sentences";
    case UKC__FEAT_VALENCE_POS: return "valence-positive";
    case UKC__FEAT_VALENCE_NEG: return "valence-negative";
    case UKC__FEAT_QUESTION: return "question";
    case NF: return "bias";
    default:
        if (i >= UKC__FEAT_RULE && i < UKC__FEAT_RULE + K) {
            snprintf(buf, cap, "rule-%s", kind_names[i - UKC__FEAT_RULE]);
            return buf;
        }
        return "";
    }
}

/* ------------------------------------------------------------------ hashing */

/* The feature of an n-gram's hash: its bucket, and its group's scale with the sign
 * the hash gives it. */
static inline void set_feature(ukc_hfeat *f, uint32_t h, float scale, uint32_t tok, int group,
                               size_t off, size_t len)
{
    uint32_t m = h ^ (h >> 15);
    m *= 0x2c1b3c6du;
    m ^= m >> 12;
    /* -scale when the top bit is set: a float's sign is its top bit */
    uint32_t bits;
    memcpy(&bits, &scale, sizeof bits);
    bits ^= m & 0x80000000u;
    *f = (ukc_hfeat){ .bucket = m & (UKC__MODEL_BUCKETS - 1), .tok = tok,
                      .group = (uint8_t)group, .off = (uint8_t)off, .len = (uint8_t)len };
    memcpy(&f->value, &bits, sizeof f->value);
}

static size_t utf8_step(const char *s, size_t i, size_t n)
{
    do
        i++;
    while (i < n && ((unsigned char)s[i] & 0xC0) == 0x80);
    return i;
}

/* The characters of a word: its bytes that do not continue a UTF-8 sequence. */
static size_t utf8_chars(const char *w, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        c += ((unsigned char)w[i] & 0xC0) != 0x80;
    return c;
}

/* How many character 2- to 5-grams a word of c characters has, with its two marks:
 * from each of its c + 2 starts, one for each length from 2 that fits (at most 4). */
static size_t chars_ngrams(size_t c)
{
    size_t marked = c + 2, n = 0;
    for (size_t r = 2; r <= marked && r < 5; r++)
        n += r - 1; /* the starts from which only r characters remain */
    return n + (marked >= 5 ? 4 * (marked - 4) : 0);
}

/* The character 2- to 5-grams of "<" w ">" into f, each hashed as it grows from its
 * start; returns how many. */
static size_t chars_features(ukc_hfeat *f, const char *w, uint32_t n, float scale, uint32_t tok)
{
    char m[CHARS_MAX_WORD + 2];
    size_t ml = n + 2, k = 0;
    const uint32_t seed = ukc__fnv_byte(UKC__FNV_START, 'c');
    unsigned char high = 0; /* or-ed bytes: below 0x80 when the word is ASCII */
    m[0] = '<';
    for (size_t i = 0; i < n; i++)
        high |= (unsigned char)(m[i + 1] = w[i]);
    m[n + 1] = '>';
    if (high < 0x80) { /* one byte a character */
        for (size_t a = 0; a < ml; a++) {
            size_t end = a + 5 < ml ? a + 5 : ml;
            uint32_t h = ukc__fnv_byte(seed, (unsigned char)m[a]);
            for (size_t b = a + 1; b < end; b++) {
                h = ukc__fnv_byte(h, (unsigned char)m[b]);
                set_feature(&f[k++], h, scale, tok, UKC__GROUP_CHARS, a, b + 1 - a);
            }
        }
        return k;
    }
    for (size_t a = 0; a < ml; a = utf8_step(m, a, ml)) {
        uint32_t h = seed;
        size_t b = a, chars = 0;
        while (b < ml && chars < 5) {
            size_t nb = utf8_step(m, b, ml);
            h = ukc__fnv_more(h, m + b, nb - b);
            b = nb;
            if (++chars >= 2)
                set_feature(&f[k++], h, scale, tok, UKC__GROUP_CHARS, a, b - a);
        }
    }
    return k;
}

/* Whether token i has a pair: the next word is in its sentence. */
static bool has_pair(const ukc_tokens *t, size_t i)
{
    return i + 1 < t->n && t->tok[i + 1].sentence == t->tok[i].sentence;
}

bool ukc__model_hashed(const ukc_tokens *t, ukc_hfeats *out)
{
    /* Each group's count first, so that each feature is written once with its
     * value: 1/sqrt(the count), one square root a group. */
    size_t count[UKC__GROUP_COUNT] = { t->n, 0, 0 };
    for (size_t i = 0; i < t->n; i++) {
        count[UKC__GROUP_WORD] += t->tok[i].question;
        count[UKC__GROUP_PAIR] += has_pair(t, i);
        if (t->tok[i].nlen <= CHARS_MAX_WORD)
            count[UKC__GROUP_CHARS] +=
                chars_ngrams(utf8_chars(t->norm + t->tok[i].norm, t->tok[i].nlen));
    }
    size_t need = count[0] + count[1] + count[2];
    out->n = 0;
    if (!ukc__grow((void **)&out->f, &out->cap, need, sizeof *out->f, need))
        return false;
    float *scale = out->scale;
    for (size_t g = 0; g < UKC__GROUP_COUNT; g++) {
        scale[g] = count[g] ? (float)(1.0 / sqrt((double)count[g])) : 0.0f;
        out->count[g] = count[g];
    }
    ukc_hfeat *f = out->f;
    size_t k = 0;
    for (size_t i = 0; i < t->n; i++) {
        const char *w = t->norm + t->tok[i].norm;
        uint32_t n = t->tok[i].nlen;
        /* A word in a negation's scope is a feature of its own ("not helpful" is
         * not "helpful"); a word of a question is also one of its own ("how do I
         * make a complaint?" asks, "I wish to make a complaint" complains). */
        int mark = t->tok[i].negated ? UKC__MARK_NEGATED : UKC__MARK_NONE;
        uint32_t hw = ukc__fnv_more(ukc__fnv_byte(UKC__FNV_START, mark ? (unsigned char)mark : 'w'),
                                    w, n);
        set_feature(&f[k++], hw, scale[UKC__GROUP_WORD], (uint32_t)i, UKC__GROUP_WORD,
                    (size_t)mark, 0);
        if (t->tok[i].question) {
            uint32_t hq = ukc__fnv_more(ukc__fnv_byte(UKC__FNV_START, UKC__MARK_QUESTION), w, n);
            set_feature(&f[k++], hq, scale[UKC__GROUP_WORD], (uint32_t)i, UKC__GROUP_WORD,
                        UKC__MARK_QUESTION, 0);
        }
        if (has_pair(t, i)) {
            uint32_t hp = ukc__fnv_byte(ukc__fnv_more(ukc__fnv_byte(UKC__FNV_START, 'p'), w, n),
                                        ' ');
            hp = ukc__fnv_more(hp, t->norm + t->tok[i + 1].norm, t->tok[i + 1].nlen);
            set_feature(&f[k++], hp, scale[UKC__GROUP_PAIR], (uint32_t)i, UKC__GROUP_PAIR, 0, 0);
        }
        if (n <= CHARS_MAX_WORD)
            k += chars_features(f + k, w, n, scale[UKC__GROUP_CHARS], (uint32_t)i);
    }
    out->n = k;
    return true;
}

/* ------------------------------------------------------------------ parsing */

static ukc_status bad(const char *what)
{
    return ukc__fail(UKC_ERR_INVALID_DATA, "model: %s", what);
}

static uint32_t get_u32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static double get_f32(const unsigned char *p)
{
    uint32_t u = get_u32(p);
    float f;
    memcpy(&f, &u, sizeof f);
    return (double)f;
}

ukc_status ukc__model_parse(const unsigned char *data, size_t len, ukc_model **out)
{
    *out = NULL;
    size_t at = 8 + 4 * 4;
    if (len < at || memcmp(data, MAGIC, 8) != 0)
        return bad("not a model file of this version");
    if (get_u32(data + 8) != UKC__MODEL_BITS || get_u32(data + 12) != K ||
        get_u32(data + 16) != NF)
        return bad("made for other features than this library's");
    double temperature = get_f32(data + 20);
    if (!(temperature > 0.01 && temperature < 100.0))
        return bad("a bad temperature");
    char buf[64];
    for (size_t i = 0; i < NF; i++) {
        const char *name = ukc__model_feature_name(i, buf, sizeof buf);
        size_t n = strlen(name) + 1;
        if (len - at < n || memcmp(data + at, name, n) != 0)
            return bad("its features are not this library's, or not in its order");
        at += n;
    }
    size_t rest = ((size_t)NF + 1) * K * 4 + K * 4 + (size_t)UKC__MODEL_BUCKETS * K;
    if (len - at != rest)
        return bad("the wrong size");
    ukc_model *m = ukc__calloc(1, sizeof *m);
    int8_t *b = ukc__calloc((size_t)UKC__MODEL_BUCKETS * K + BUCKET_PAD, 1);
    if (!m || !b) {
        ukc__free(m);
        ukc__free(b);
        return ukc__fail(UKC_ERR_NO_MEMORY, "out of memory reading the model");
    }
    m->temperature = temperature;
    for (size_t j = 0; j <= NF; j++)
        for (int k = 0; k < K; k++, at += 4)
            m->weight[j][k] = get_f32(data + at);
    for (int k = 0; k < K; k++, at += 4)
        m->scale[k] = get_f32(data + at);
    memcpy(b, data + at, (size_t)UKC__MODEL_BUCKETS * K);
    m->bucket = b;
    for (size_t j = 0; j <= NF; j++)
        for (int k = 0; k < K; k++)
            if (!isfinite(m->weight[j][k]) || (j == 0 && !(isfinite(m->scale[k]) &&
                                                           m->scale[k] >= 0))) {
                ukc__model_destroy(m);
                return bad("a weight that is not a finite number");
            }
    *out = m;
    return UKC_OK;
}

void ukc__model_destroy(ukc_model *m)
{
    if (!m)
        return;
    ukc__free(m->bucket);
    ukc__free(m);
}

static _Atomic(void *) builtin;
static pthread_mutex_t builtin_lock = PTHREAD_MUTEX_INITIALIZER;

static ukc_status build_model(size_t i, void **out)
{
    ukc_model *m = NULL;
    (void)i;
    ukc_status st = ukc__model_parse(ukc__model_bin, ukc__model_bin_len, &m);
    *out = m;
    return st;
}

ukc_status ukc__model_builtin(const ukc_model **out)
{
    void *m;
    ukc_status st = ukc__build_embedded(&builtin, &builtin_lock, build_model, "model", &m);
    *out = m;
    return st;
}

/* ------------------------------------------------------------------ use */

double ukc__model_dense_weight(const ukc_model *m, size_t j, int k)
{
    return j <= NF && k >= 0 && k < K ? m->weight[j][k] : 0.0;
}

double ukc__model_bucket_weight(const ukc_model *m, uint32_t bucket, int k)
{
    return bucket < UKC__MODEL_BUCKETS && k >= 0 && k < K
               ? m->scale[k] * (double)m->bucket[(size_t)bucket * K + (size_t)k]
               : 0.0;
}

/* Weight k of a kept bucket word (bucket_word()); 0 for a kind out of range, as
 * in ukc__model_bucket_weight(). */
static inline double kept_weight(const ukc_model *m, uint64_t w, int k)
{
    return k >= 0 && k < K ? m->scale[k] * (double)(int8_t)(uint8_t)(w >> (8 * k)) : 0.0;
}

double ukc__model_kept_weight(const ukc_model *m, uint64_t kept, int k)
{
    return kept_weight(m, kept, k);
}

void ukc__model_gain_terms(const ukc_model *m, int k, double *scale, unsigned *shift)
{
    bool in = k >= 0 && k < K;
    *scale = in ? m->scale[k] : 0.0;
    *shift = in ? 8 * (unsigned)k : 0;
}

double ukc__model_temperature(const ukc_model *m)
{
    return m->temperature;
}

/* The n-grams' part of each kind's score: h[k] = the sum of value * weight over
 * the n-grams, in their order, in doubles. */
static void hashed_sums(const ukc_model *m, const ukc_hfeat *f, size_t nf, double *h)
{
    for (int k = 0; k < K; k++)
        h[k] = 0.0;
    for (size_t i = 0; i < nf; i++) {
        /* The buckets are spread over a table larger than the caches: ask for them
         * ahead of their use. */
        if (i + PREFETCH < nf)
            prefetch(&m->bucket[(size_t)f[i + PREFETCH].bucket * K]);
        const int8_t *q = &m->bucket[(size_t)f[i].bucket * K];
        UNROLL_K
        for (int k = 0; k < K; k++)
            h[k] += (double)f[i].value * (double)q[k];
    }
}

/* A bucket's K weights as one word, weight k in bits 8k to 8k + 7. On a
 * little-endian machine one load reads them (the table has BUCKET_PAD bytes
 * after its last bucket). */
static inline uint64_t bucket_word(const int8_t *q)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    uint64_t w;
    memcpy(&w, q, sizeof w);
    return w & (((uint64_t)1 << (8 * K)) - 1);
#else
    const uint8_t *p = (const uint8_t *)q;
    return (uint64_t)p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16 | (uint64_t)p[3] << 24 |
           (uint64_t)p[4] << 32;
#endif
}

/* The same sums for hashed n-grams, in integers when that gives the same
 * doubles; each n-gram's bucket weights go to keep[i] (see bucket_word()).
 *
 * A value is +-the scale of its group, a float: an integer multiple of
 * 2^lo, lo being the exponent of the last bit of the smallest scale. Each product
 * value * weight (a float times an 8-bit integer) is exact in a double, and so is
 * every partial sum while the sum of the products' magnitudes stays below
 * 2^53 * 2^lo: then the doubles, in any order, add up to exactly 2^lo times the
 * integer sum of (value / 2^lo) * weight. For any message the classifier accepts
 * with fewer than about a million n-grams a group, that holds; otherwise the
 * doubles are added one by one as above. */
static void hashed_sums_kept(const ukc_model *m, const ukc_hfeats *hf, double *h, uint64_t *keep)
{
    const ukc_hfeat *f = hf->f;
    size_t nf = hf->n;
    int lo = INT_MAX;
    for (int g = 0; g < UKC__GROUP_COUNT; g++)
        if (hf->count[g] && hf->scale[g] != 0.0f)
            lo = ilogbf(hf->scale[g]) - (FLT_MANT_DIG - 1) < lo
                     ? ilogbf(hf->scale[g]) - (FLT_MANT_DIG - 1)
                     : lo;
    double bound = 0.0; /* the sum of |value| * 128 over the n-grams, in units of 2^lo */
    for (int g = 0; lo != INT_MAX && g < UKC__GROUP_COUNT; g++)
        bound += (double)hf->count[g] * ldexp((double)hf->scale[g], -lo) * 128.0;
    if (lo == INT_MAX || !(bound < 0x1p52)) {
        hashed_sums(m, f, nf, h);
        for (size_t i = 0; i < nf; i++)
            keep[i] = bucket_word(&m->bucket[(size_t)f[i].bucket * K]);
        return;
    }
    const float unit = ldexpf(1.0f, -lo); /* exact: a value / 2^lo is an integer */
    int64_t a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0;
    for (size_t i = 0; i < nf; i++) {
        if (i + PREFETCH < nf)
            prefetch(&m->bucket[(size_t)f[i + PREFETCH].bucket * K]);
        uint64_t w = bucket_word(&m->bucket[(size_t)f[i].bucket * K]);
        keep[i] = w;
        int64_t c = (int64_t)(f[i].value * unit);
        a0 += c * (int8_t)(uint8_t)w;
        a1 += c * (int8_t)(uint8_t)(w >> 8);
        a2 += c * (int8_t)(uint8_t)(w >> 16);
        a3 += c * (int8_t)(uint8_t)(w >> 24);
        a4 += c * (int8_t)(uint8_t)(w >> 32);
    }
    const int64_t acc[K] = { a0, a1, a2, a3, a4 };
    const double step = ldexp(1.0, lo); /* a power of two: each product is exact */
    for (int k = 0; k < K; k++)
        h[k] = (double)acc[k] * step;
}

/* Each kind's score from the dense features and the n-grams' sums. */
static void scores_from(const ukc_model *m, const double *x, const double *h, double *z)
{
    /* A feature of 0 adds a zero (of either sign) to a score that is not one:
     * it changes nothing, and most of a message's features are 0. */
    uint8_t set[NF];
    size_t nset = 0;
    for (size_t j = 0; j < NF; j++)
        if (x[j] != 0.0)
            set[nset++] = (uint8_t)j;
    for (int k = 0; k < K; k++) {
        z[k] = m->weight[NF][k] + m->scale[k] * h[k];
        for (size_t i = 0; i < nset; i++)
            z[k] += x[set[i]] * m->weight[set[i]][k];
    }
}

void ukc__model_scores(const ukc_model *m, const double *x, const ukc_hfeat *f, size_t nf,
                       double *z)
{
    double h[K];
    hashed_sums(m, f, nf, h);
    scores_from(m, x, h, z);
}

static int choose(const ukc_model *m, const double *z, const double *x, unsigned allowed,
                  double *prob)
{
    double sum = 0.0;
    int best = -1;
    for (int k = 0; k < K; k++) /* ties go to the earlier kind */
        if ((allowed >> k & 1u) && (best < 0 || z[k] > z[best]))
            best = k;
    for (int k = 0; k < K; k++)
        sum += prob[k] = best >= 0 && (allowed >> k & 1u)
                             ? exp((z[k] - z[best]) / m->temperature)
                             : 0.0;
    for (int k = 0; best >= 0 && k < K; k++)
        prob[k] /= sum;
    /* The cue rule's kind quotes its evidence; the model's is a weighing. When the
     * model is not sure against the rule (the uncertain flag's margin), the rule
     * stands. Comment is no evidence of its own: it is the rule's answer when no
     * cue fired. */
    int rule = -1;
    for (int k = 0; k < K; k++)
        if (x[UKC__FEAT_RULE + k] > 0.5 && k != UKC_KIND_COMMENT)
            rule = k;
    if (rule >= 0 && (allowed >> rule & 1u) && best >= 0 &&
        prob[best] - prob[rule] < UKC__RULE_STANDS_MARGIN)
        best = rule;
    if (rule < 0 || !(allowed >> rule & 1u) || best < 0)
        return best;
    /* A writer who says the message is a complaint has made one: "an individual
     * should not have to use the word 'complaint' for it to be treated as such"
     * (the Code, 1.5), and one who does use it has chosen. It is a complaint, or
     * a matter for a route of its own (a councillor's conduct, a school): the
     * rule's answer stands against any other. (x's first UKC__MODEL_CUES
     * features are the categories' counted weights.) */
    if (x[UKC_CUE_DECLARED] > 0 && best != UKC_KIND_COMPLAINT && best != UKC_KIND_OTHER)
        best = rule;
    /* Sarcasm says the opposite of its words ("Thanks for nothing."), which
     * the words' weights cannot know: it is never praise. */
    if (x[UKC_CUE_SARCASM] > 0 && rule == UKC_KIND_COMPLAINT && best == UKC_KIND_COMPLIMENT)
        best = rule;
    return best;
}

int ukc__model_choose(const ukc_model *m, const double *x, const ukc_hfeat *f, size_t nf,
                      unsigned allowed, double *prob)
{
    double z[K];
    ukc__model_scores(m, x, f, nf, z);
    return choose(m, z, x, allowed, prob);
}

int ukc__model_choose_keeping(const ukc_model *m, const double *x, const ukc_hfeats *hf,
                              unsigned allowed, double *prob, uint64_t *keep)
{
    double z[K], h[K];
    hashed_sums_kept(m, hf, h, keep);
    scores_from(m, x, h, z);
    return choose(m, z, x, allowed, prob);
}
