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

/* The mix of an n-gram's hash whose low bits are its bucket and whose top bit is
 * the sign of its value. */
static inline uint32_t feature_mix(uint32_t h)
{
    uint32_t m = h ^ (h >> 15);
    m *= 0x2c1b3c6du;
    return m ^ (m >> 12);
}

/* An n-gram of a group from its hash, as one word (UKC__META_*). */
static inline uint32_t meta_of(uint32_t h, int group, size_t off, size_t len)
{
    uint32_t m = feature_mix(h);
    return (m & (UKC__MODEL_BUCKETS - 1)) | (uint32_t)off << UKC__META_OFF |
           (uint32_t)len << UKC__META_LEN | (group == UKC__GROUP_PAIR ? UKC__META_PAIR : 0) |
           (m & UKC__META_SIGN);
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
static size_t chars_features(uint32_t *f, const char *w, uint32_t n)
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
                f[k++] = meta_of(h, UKC__GROUP_CHARS, a, b + 1 - a);
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
                f[k++] = meta_of(h, UKC__GROUP_CHARS, a, b - a);
        }
    }
    return k;
}

/* Whether token i has a pair: the next word is in its sentence. */
static bool has_pair(const ukc_tokens *t, size_t i)
{
    return i + 1 < t->n && t->tok[i + 1].sentence == t->tok[i].sentence;
}

/* A word's own features: as it is, negated (in a negation's scope or a sarcastic
 * cue), in a question; each hashed after its byte (UKC__MARK_*) and kept under its
 * code (UKC__META_OFF). */
static const unsigned char word_marks[] = { 'w', UKC__MARK_NEGATED, UKC__MARK_QUESTION };
#define MARKS (sizeof word_marks)

/* ------------------------------------------------------------------ words met before */

/* A thread's words (ukc_scratch's words): each word it has classified, with its
 * own features and its character n-grams, their buckets' weights and the chars'
 * weights summed, so that a word met again is neither hashed nor looked up in
 * the model's table, which is larger than the caches. When a message could
 * overfill it, it is emptied first; a message too long for it is hashed without
 * it. */
#define CACHE_NGRAMS (20 * UKC__WORDTAB_WORDS)

typedef struct cached_word {
    uint32_t first;       /* its first n-gram */
    uint16_t nchars;      /* its own features, then nchars chars n-grams */
    uint32_t pair;  /* its pairs' hash up to their second word: "p", the word, " " */
    int32_t sum[K]; /* its chars' weights, each times its sign */
} cached_word;

struct ukc_word_cache {
    const ukc_model *model;
    ukc_wordtab tab;
    cached_word word[UKC__WORDTAB_WORDS];
    uint32_t nngrams;
    uint32_t meta[CACHE_NGRAMS]; /* UKC__META_* */
    uint64_t kept[CACHE_NGRAMS]; /* bucket_word() of the bucket */
};

static inline uint64_t table_word(const ukc_model *m, uint32_t bucket);

/* The index of word w[0..n) (hash h, n <= CHARS_MAX_WORD) in the cache, added
 * when new; cache_ready() has made room. */
static uint32_t cache_word(ukc_word_cache *wc, const char *w, uint32_t n, uint32_t h)
{
    uint32_t slot;
    int32_t found = ukc__wordtab_find(&wc->tab, w, n, h, &slot);
    if (found >= 0)
        return (uint32_t)found;
    uint32_t at = ukc__wordtab_add(&wc->tab, slot, w, n, h);
    cached_word *c = &wc->word[at];
    *c = (cached_word){ .first = wc->nngrams };
    c->pair = ukc__fnv_byte(ukc__fnv_more(ukc__fnv_byte(UKC__FNV_START, 'p'), w, n), ' ');
    uint32_t *meta = wc->meta + c->first;
    uint64_t *kept = wc->kept + c->first;
    for (size_t j = 0; j < MARKS; j++) {
        meta[j] = meta_of(ukc__fnv_more(ukc__fnv_byte(UKC__FNV_START, word_marks[j]), w, n),
                          UKC__GROUP_WORD, j, 0);
        kept[j] = table_word(wc->model, meta[j] & (UKC__MODEL_BUCKETS - 1));
    }
    size_t nc = chars_features(meta + MARKS, w, n);
    for (size_t j = MARKS; j < MARKS + nc; j++) {
        uint64_t kw = kept[j] = table_word(wc->model, meta[j] & (UKC__MODEL_BUCKETS - 1));
        for (int k = 0; k < K; k++) {
            int32_t wk = (int8_t)(uint8_t)(kw >> (8 * k));
            c->sum[k] += (meta[j] & UKC__META_SIGN) ? -wk : wk;
        }
    }
    c->nchars = (uint16_t)nc;
    wc->nngrams += (uint32_t)(MARKS + nc);
    return at;
}

/* The scratch's cache, with room for every word of t, for model m; NULL when
 * t would not fit in an empty one (or out of memory). */
static ukc_word_cache *cache_ready(ukc_scratch *sc, const ukc_model *m, const ukc_tokens *t)
{
    size_t words = 0, ngrams = 0, bytes = 0;
    for (size_t i = 0; i < t->n; i++)
        if (t->tok[i].nlen <= CHARS_MAX_WORD) { /* a word's bytes bound its characters */
            words++;
            ngrams += MARKS + chars_ngrams(t->tok[i].nlen);
            bytes += t->tok[i].nlen;
        }
    if (words > UKC__WORDTAB_WORDS || bytes > UKC__WORDTAB_BYTES || ngrams > CACHE_NGRAMS)
        return NULL;
    ukc_word_cache *wc = sc->words;
    if (!wc) {
        if (!(wc = sc->words = ukc__malloc(sizeof *wc)))
            return NULL;
        wc->model = NULL; /* emptied below */
    }
    if (wc->model != m || !ukc__wordtab_room(&wc->tab, words, bytes) ||
        wc->nngrams + ngrams > CACHE_NGRAMS) {
        ukc__wordtab_clear(&wc->tab);
        wc->nngrams = 0;
        wc->model = m;
    }
    return wc;
}

void ukc__model_words_free(ukc_word_cache *wc)
{
    ukc__free(wc);
}

/* ------------------------------------------------------------------ a message's n-grams */

/* Add each weight of bucket word w, times the sign of n-gram meta, to sum[]. */
static inline void add_signed(int64_t *sum, uint64_t w, uint32_t meta)
{
    int64_t sign = (meta & UKC__META_SIGN) ? -1 : 1;
    UNROLL_K
    for (int k = 0; k < K; k++)
        sum[k] += sign * (int8_t)(uint8_t)(w >> (8 * k));
}

/* Each group's number of n-grams in t, and its scale: 1/sqrt(the count), one
 * square root a group. With a cache, at[i] gets word i's place in it. */
static size_t count_ngrams(const ukc_tokens *t, ukc_word_cache *wc, uint32_t *at,
                           const uint32_t *hash, size_t *count, float *scale)
{
    count[UKC__GROUP_WORD] = t->n;
    count[UKC__GROUP_PAIR] = count[UKC__GROUP_CHARS] = 0;
    for (size_t i = 0; i < t->n; i++) {
        const char *w = t->norm + t->tok[i].norm;
        uint32_t n = t->tok[i].nlen;
        count[UKC__GROUP_WORD] += t->tok[i].question;
        count[UKC__GROUP_PAIR] += has_pair(t, i);
        if (n > CHARS_MAX_WORD)
            continue;
        if (wc) {
            at[i] = cache_word(wc, w, n, hash[i]);
            count[UKC__GROUP_CHARS] += wc->word[at[i]].nchars;
        } else {
            count[UKC__GROUP_CHARS] += chars_ngrams(utf8_chars(w, n));
        }
    }
    for (size_t g = 0; g < UKC__GROUP_COUNT; g++)
        scale[g] = count[g] ? (float)(1.0 / sqrt((double)count[g])) : 0.0f;
    return count[0] + count[1] + count[2];
}

/* Where emit_ngrams() writes: each n-gram (meta), and with a model, its bucket
 * weights (kept), the first n-gram of each word, and each group's weights times
 * the n-grams' signs, summed. */
typedef struct emitted {
    uint32_t *meta;
    uint64_t *kept;     /* NULL: no model */
    uint32_t *unread;   /* room for every n-gram: those whose kept[] is read below */
    uint32_t *first;
    int64_t (*sum)[K];
} emitted;

/* The n-grams of t, in the order the model's features have always had: for each
 * word, its own feature (marked when negated), its copy in a question, its pair
 * with the next word of its sentence, its characters' n-grams. Returns how many. */
static size_t emit_ngrams(const ukc_tokens *t, const ukc_word_cache *wc, const uint32_t *at,
                          const ukc_model *m, emitted *e)
{
    uint32_t *meta = e->meta;
    uint64_t *kept = e->kept;
    size_t k = 0, nunread = 0;
    for (size_t i = 0; i < t->n; i++) {
        const char *w = t->norm + t->tok[i].norm;
        uint32_t n = t->tok[i].nlen;
        /* A word in a negation's scope is a feature of its own ("not helpful" is
         * not "helpful"); a word of a question is also one of its own ("how do I
         * make a complaint?" asks, "I wish to make a complaint" complains). */
        size_t mark = t->tok[i].negated ? 1 : 0, k0 = k;
        const cached_word *cw = wc && n <= CHARS_MAX_WORD ? &wc->word[at[i]] : NULL;
        if (e->first)
            e->first[i] = (uint32_t)k;
        if (cw) {
            meta[k] = wc->meta[cw->first + mark];
            add_signed(e->sum[UKC__GROUP_WORD], kept[k] = wc->kept[cw->first + mark], meta[k]);
            k++;
            if (t->tok[i].question) {
                meta[k] = wc->meta[cw->first + 2];
                add_signed(e->sum[UKC__GROUP_WORD], kept[k] = wc->kept[cw->first + 2], meta[k]);
                k++;
            }
        } else {
            meta[k++] = meta_of(ukc__fnv_more(ukc__fnv_byte(UKC__FNV_START, word_marks[mark]),
                                              w, n),
                                UKC__GROUP_WORD, mark, 0);
            if (t->tok[i].question)
                meta[k++] = meta_of(ukc__fnv_more(ukc__fnv_byte(UKC__FNV_START, word_marks[2]),
                                                  w, n),
                                    UKC__GROUP_WORD, 2, 0);
        }
        size_t pair = k, paired;
        if (has_pair(t, i)) {
            uint32_t hp = cw ? cw->pair
                             : ukc__fnv_byte(
                                   ukc__fnv_more(ukc__fnv_byte(UKC__FNV_START, 'p'), w, n), ' ');
            hp = ukc__fnv_more(hp, t->norm + t->tok[i + 1].norm, t->tok[i + 1].nlen);
            meta[k++] = meta_of(hp, UKC__GROUP_PAIR, 0, 0);
        }
        paired = k;
        if (cw) {
            memcpy(meta + k, wc->meta + cw->first + MARKS, cw->nchars * sizeof *meta);
            memcpy(kept + k, wc->kept + cw->first + MARKS, cw->nchars * sizeof *kept);
            k += cw->nchars;
            for (int g = 0; g < K; g++)
                e->sum[UKC__GROUP_CHARS][g] += cw->sum[g];
        } else if (n <= CHARS_MAX_WORD) {
            k += chars_features(meta + k, w, n);
        }
        /* what the cache did not give is read from the table below: ask for it now */
        for (size_t j = cw ? pair : k0; kept && j < (cw ? paired : k); j++) {
            prefetch(&m->bucket[(size_t)(meta[j] & (UKC__MODEL_BUCKETS - 1)) * K]);
            e->unread[nunread++] = (uint32_t)j;
        }
    }
    if (e->first)
        e->first[t->n] = (uint32_t)k;
    for (size_t u = 0; u < nunread; u++) {
        uint32_t j = e->unread[u];
        kept[j] = table_word(m, meta[j] & (UKC__MODEL_BUCKETS - 1));
        add_signed(e->sum[ukc__meta_group(meta[j])], kept[j], meta[j]);
    }
    return k;
}

bool ukc__model_hashed(const ukc_tokens *t, ukc_hfeats *out)
{
    size_t count[UKC__GROUP_COUNT];
    float scale[UKC__GROUP_COUNT];
    size_t need = count_ngrams(t, NULL, NULL, NULL, count, scale);
    out->n = 0;
    uint32_t *meta = ukc__malloc(need ? need * sizeof *meta : 1);
    if (!meta || !ukc__grow((void **)&out->f, &out->cap, need, sizeof *out->f, need)) {
        ukc__free(meta);
        return false;
    }
    memcpy(out->count, count, sizeof count);
    memcpy(out->scale, scale, sizeof scale);
    emitted e = { meta, NULL, NULL, NULL, NULL };
    size_t k = emit_ngrams(t, NULL, NULL, NULL, &e);
    for (size_t i = 0, tok = 0; i < k; i++) {
        /* a word's own feature begins it */
        if (i > 0 && ukc__meta_group(meta[i]) == UKC__GROUP_WORD &&
            ((meta[i] >> UKC__META_OFF) & 0x3f) != 2)
            tok++;
        ukc__ngram_feature(meta[i], scale, (uint32_t)tok, &out->f[i]);
    }
    out->n = k;
    ukc__free(meta);
    return true;
}

bool ukc__model_ngrams(const ukc_model *m, const ukc_tokens *t, const uint32_t *hash,
                       ukc_scratch *sc, ukc_ngrams *out)
{
    ukc_word_cache *wc = cache_ready(sc, m, t);
    uint32_t *at = wc ? ukc__scratch(sc, UKC__SCRATCH_WORDS, t->n * sizeof *at) : NULL;
    if (!at)
        wc = NULL;
    size_t need = count_ngrams(t, wc, at, hash, out->count, out->scale);
    /* kept, then meta, unread and first */
    size_t bytes = need * (sizeof(uint64_t) + 2 * sizeof(uint32_t)) + (t->n + 1) * sizeof(uint32_t);
    uint64_t *kept = ukc__scratch(sc, UKC__SCRATCH_KEPT, bytes);
    if (!kept)
        return false;
    uint32_t *meta = (uint32_t *)(kept + need);
    emitted e = { meta, kept, meta + need, meta + 2 * need, out->sum };
    memset(out->sum, 0, sizeof out->sum);
    out->n = emit_ngrams(t, wc, at, m, &e);
    out->meta = meta;
    out->kept = kept;
    out->first = e.first;
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

static inline uint64_t table_word(const ukc_model *m, uint32_t bucket)
{
    return bucket_word(&m->bucket[(size_t)bucket * K]);
}

/* The n-grams' sums h[] of hashed_sums(), from a message's n-grams as the
 * classifier keeps them (ukc__model_ngrams()), in integers when that gives the
 * same doubles.
 *
 * A value is +-the scale of its group, a float: an integer multiple of
 * 2^lo, lo being the exponent of the last bit of the smallest scale. Each product
 * value * weight (a float times an 8-bit integer) is exact in a double, and so is
 * every partial sum while the sum of the products' magnitudes stays below
 * 2^53 * 2^lo: then the doubles, in any order, add up to exactly 2^lo times the
 * integer sum of (value / 2^lo) * weight, which is the sum over the groups of
 * (scale / 2^lo) times ng->sum[g]. For any message the classifier accepts
 * with fewer than about a million n-grams a group, that holds; otherwise the
 * doubles are added one by one, as hashed_sums() adds them. */
static void ngram_sums(const ukc_ngrams *ng, double *h)
{
    int lo = INT_MAX;
    for (int g = 0; g < UKC__GROUP_COUNT; g++)
        if (ng->count[g] && ng->scale[g] != 0.0f)
            lo = ilogbf(ng->scale[g]) - (FLT_MANT_DIG - 1) < lo
                     ? ilogbf(ng->scale[g]) - (FLT_MANT_DIG - 1)
                     : lo;
    double bound = 0.0; /* the sum of |value| * 128 over the n-grams, in units of 2^lo */
    for (int g = 0; lo != INT_MAX && g < UKC__GROUP_COUNT; g++)
        bound += (double)ng->count[g] * ldexp((double)ng->scale[g], -lo) * 128.0;
    if (lo == INT_MAX || !(bound < 0x1p52)) {
        for (int k = 0; k < K; k++)
            h[k] = 0.0;
        for (size_t i = 0; i < ng->n; i++) {
            double v = (double)ukc__ngram_value(ng->scale, ng->meta[i]);
            for (int k = 0; k < K; k++)
                h[k] += v * (double)(int8_t)(uint8_t)(ng->kept[i] >> (8 * k));
        }
        return;
    }
    const float unit = ldexpf(1.0f, -lo); /* exact: a value / 2^lo is an integer */
    int64_t c[UKC__GROUP_COUNT];
    for (int g = 0; g < UKC__GROUP_COUNT; g++)
        c[g] = ng->count[g] ? (int64_t)(ng->scale[g] * unit) : 0;
    const double step = ldexp(1.0, lo); /* a power of two: each product is exact */
    for (int k = 0; k < K; k++) {
        int64_t acc = 0;
        for (int g = 0; g < UKC__GROUP_COUNT; g++)
            acc += c[g] * ng->sum[g][k];
        h[k] = (double)acc * step;
    }
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

int ukc__model_choose_ngrams(const ukc_model *m, const double *x, const ukc_ngrams *ng,
                             unsigned allowed, double *prob)
{
    double z[K], h[K];
    ngram_sums(ng, h);
    scores_from(m, x, h, z);
    return choose(m, z, x, allowed, prob);
}
