/* The classifier's weighing model (lib/data/model.tsv): a naive Bayes over the
 * message's words, and a multinomial logistic regression that weighs the cue
 * scores together with the word model's posteriors. Both are fitted by
 * tests/eval/train-classify on the tune split of the corpus; nothing here learns. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc_internal.h"
#include "classify_internal.h"
#include "error_internal.h"
#include "hash_internal.h"
#include "once_internal.h"

extern const unsigned char ukc__model_tsv[];
extern const size_t ukc__model_tsv_len;

#define K UKC_FEEDBACK_KIND_COUNT

typedef struct model_word {
    uint32_t word, len; /* offset and length in the pool */
    float lp[K];        /* log P(word | kind) */
} model_word;

struct ukc_model {
    double prior[K];                               /* log P(kind) */
    double weight[UKC__MODEL_FEATURES + 1][K];     /* the last row is the bias */
    model_word *words;
    uint32_t nwords, words_cap;
    uint32_t *slots; /* open addressing: 0 = empty, else 1 + index in words */
    uint32_t cap;    /* power of two */
    char *pool;
    size_t pool_len, pool_cap;
};

static const char *const cue_names[UKC__MODEL_CUES] = {
    "dissatisfaction", "breached", "sarcasm", "praise", "thanks", "suggestion", "opinion", "request",
};
static const char *const kind_names[K] = { "complaint", "comment", "compliment", "request", "other" };

/* The name of feature i as model.tsv writes it; buf holds composed names. */
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
    case UKC__MODEL_FEATURES: return "bias";
    default:
        if (i >= UKC__FEAT_RULE && i < UKC__FEAT_RULE + K) {
            snprintf(buf, cap, "rule-%s", kind_names[i - UKC__FEAT_RULE]);
            return buf;
        }
        if (i >= UKC__FEAT_WORD_MODEL && i < UKC__FEAT_WORD_MODEL + K) {
            snprintf(buf, cap, "word-model-%s", kind_names[i - UKC__FEAT_WORD_MODEL]);
            return buf;
        }
        return "";
    }
}

/* The entry for a word whose ukc__fnv() is h, or NULL. */
static const model_word *find_hashed(const ukc_model *m, const char *w, size_t len, uint32_t h)
{
    if (!m->cap)
        return NULL;
    for (uint32_t i = h & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
        uint32_t s = m->slots[i];
        if (!s)
            return NULL;
        const model_word *e = &m->words[s - 1];
        if (e->len == len && memcmp(m->pool + e->word, w, len) == 0)
            return e;
    }
}

/* The entry for a word, or NULL. */
static const model_word *find_word(const ukc_model *m, const char *w, size_t len)
{
    return find_hashed(m, w, len, ukc__fnv(w, len));
}

/* The entry for the pair "a b" (two words and a space), given ha = ukc__fnv(a), or
 * NULL. */
static const model_word *find_pair(const ukc_model *m, const char *a, size_t alen, uint32_t ha,
                                   const char *b, size_t blen)
{
    size_t len = alen + 1 + blen;
    if (!m->cap || len > UINT32_MAX)
        return NULL;
    uint32_t h = ukc__fnv_more(ukc__fnv_byte(ha, ' '), b, blen);
    for (uint32_t i = h & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
        uint32_t s = m->slots[i];
        if (!s)
            return NULL;
        const model_word *e = &m->words[s - 1];
        const char *w = m->pool + e->word;
        if (e->len == len && memcmp(w, a, alen) == 0 && w[alen] == ' ' &&
            memcmp(w + alen + 1, b, blen) == 0)
            return e;
    }
}

/* ------------------------------------------------------------------ parsing */

typedef struct parser {
    ukc_model *m;
    unsigned line;
    bool seen_prior;
    bool seen_weight[UKC__MODEL_FEATURES + 1];
} parser;

static ukc_status bad(const parser *p, const char *what)
{
    ukc_status st = ukc__fail(UKC_ERR_INVALID_DATA, "model.tsv:%u: %s", p->line, what);
    ukc__error_position((int32_t)p->line, 0, -1);
    return st;
}

/* Parse K numbers from fields f[0..K-1]. */
static ukc_status numbers(const parser *p, char **f, double *out)
{
    for (int k = 0; k < K; k++) {
        if (!ukc__parse_decimal(f[k], strlen(f[k]), &out[k]))
            return bad(p, "expected a finite number");
    }
    return UKC_OK;
}

static ukc_status add_word(parser *p, const char *w, const double *lp)
{
    ukc_model *m = p->m;
    size_t len = strlen(w);
    if (!len || len > 255)
        return bad(p, "a word of 1 to 255 bytes expected");
    const char *sp = strchr(w, ' ');
    if (sp && (sp == w || !sp[1] || strchr(sp + 1, ' ')))
        return bad(p, "a word, or two words with one space between them, expected");
    if (m->nwords == m->words_cap) {
        uint32_t cap = m->words_cap ? 2 * m->words_cap : 1024;
        model_word *nw = ukc__realloc(m->words, cap * sizeof *nw);
        if (!nw)
            return ukc__fail(UKC_ERR_NO_MEMORY, "out of memory reading the model");
        m->words = nw;
        m->words_cap = cap;
    }
    if (m->pool_len + len > m->pool_cap) {
        size_t cap = m->pool_cap ? m->pool_cap : 16384;
        while (cap < m->pool_len + len)
            cap *= 2;
        char *np = ukc__realloc(m->pool, cap);
        if (!np)
            return ukc__fail(UKC_ERR_NO_MEMORY, "out of memory reading the model");
        m->pool = np;
        m->pool_cap = cap;
    }
    model_word *e = &m->words[m->nwords++];
    e->word = (uint32_t)m->pool_len;
    e->len = (uint32_t)len;
    memcpy(m->pool + m->pool_len, w, len);
    m->pool_len += len;
    for (int k = 0; k < K; k++)
        e->lp[k] = (float)lp[k];
    return UKC_OK;
}

static ukc_status parse_line(parser *p, char *line)
{
    char *f[K + 2];
    int nf = 0;
    for (char *s = line;; s++) {
        if (nf == K + 2)
            return bad(p, "too many fields");
        f[nf++] = s;
        s = strchr(s, '\t');
        if (!s)
            break;
        *s = '\0';
    }
    double v[K];
    ukc_status st;
    if (strcmp(f[0], "prior") == 0) {
        if (nf != K + 1)
            return bad(p, "prior takes one number for each kind");
        if (p->seen_prior)
            return bad(p, "a second prior");
        p->seen_prior = true;
        return numbers(p, f + 1, p->m->prior);
    }
    if (strcmp(f[0], "word") && strcmp(f[0], "weight"))
        return bad(p, "expected prior, word or weight");
    if (nf != K + 2)
        return bad(p, "a name and one number for each kind expected");
    if ((st = numbers(p, f + 2, v)))
        return st;
    if (f[0][0] == 'w' && f[0][1] == 'o')
        return add_word(p, f[1], v);
    char buf[64];
    for (size_t i = 0; i <= UKC__MODEL_FEATURES; i++)
        if (strcmp(f[1], ukc__model_feature_name(i, buf, sizeof buf)) == 0) {
            if (p->seen_weight[i])
                return bad(p, "a second weight for the same feature");
            p->seen_weight[i] = true;
            memcpy(p->m->weight[i], v, sizeof v);
            return UKC_OK;
        }
    return bad(p, "an unknown feature");
}

static ukc_status index_words(ukc_model *m)
{
    uint32_t cap = 16;
    while (cap < 2 * m->nwords)
        cap *= 2;
    m->slots = ukc__calloc(cap, sizeof *m->slots);
    if (!m->slots)
        return ukc__fail(UKC_ERR_NO_MEMORY, "out of memory reading the model");
    m->cap = cap;
    for (uint32_t w = 0; w < m->nwords; w++) {
        const char *s = m->pool + m->words[w].word;
        uint32_t len = m->words[w].len, i = ukc__fnv(s, len) & (cap - 1);
        for (; m->slots[i]; i = (i + 1) & (cap - 1)) {
            const model_word *e = &m->words[m->slots[i] - 1];
            if (e->len == len && memcmp(m->pool + e->word, s, len) == 0)
                return ukc__fail(UKC_ERR_INVALID_DATA, "model.tsv: the word '%.*s' twice",
                                 (int)len, s);
        }
        m->slots[i] = w + 1;
    }
    return UKC_OK;
}

ukc_status ukc__model_parse(const char *text, size_t len, ukc_model **out)
{
    *out = NULL;
    parser p = { .m = ukc__calloc(1, sizeof(ukc_model)) };
    char *line = ukc__malloc(len + 1);
    if (!p.m || !line) {
        ukc__free(p.m);
        ukc__free(line);
        return ukc__fail(UKC_ERR_NO_MEMORY, "out of memory reading the model");
    }
    ukc_status st = UKC_OK;
    for (size_t at = 0; at < len && !st;) {
        const char *nl = memchr(text + at, '\n', len - at);
        size_t n = nl ? (size_t)(nl - (text + at)) : len - at;
        p.line++;
        memcpy(line, text + at, n);
        line[n] = '\0';
        if (n && line[n - 1] == '\r')
            line[n - 1] = '\0';
        at += n + 1;
        if (line[0] && line[0] != '#')
            st = parse_line(&p, line);
    }
    ukc__free(line);
    if (!st && !p.seen_prior)
        st = ukc__fail(UKC_ERR_INVALID_DATA, "model.tsv: no prior");
    char buf[64];
    for (size_t i = 0; !st && i <= UKC__MODEL_FEATURES; i++)
        if (!p.seen_weight[i])
            st = ukc__fail(UKC_ERR_INVALID_DATA, "model.tsv: no weight for %s",
                           ukc__model_feature_name(i, buf, sizeof buf));
    if (!st)
        st = index_words(p.m);
    if (st) {
        ukc__model_destroy(p.m);
        return st;
    }
    *out = p.m;
    return UKC_OK;
}

void ukc__model_destroy(ukc_model *m)
{
    if (!m)
        return;
    ukc__free(m->words);
    ukc__free(m->slots);
    ukc__free(m->pool);
    ukc__free(m);
}

static _Atomic(void *) builtin;
static pthread_mutex_t builtin_lock = PTHREAD_MUTEX_INITIALIZER;

static ukc_status build_model(size_t i, void **out)
{
    ukc_model *m = NULL;
    (void)i;
    ukc_status st = ukc__model_parse((const char *)ukc__model_tsv, ukc__model_tsv_len, &m);
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

const float *ukc__model_word(const ukc_model *m, const char *word, size_t len)
{
    const model_word *e = find_word(m, word, len);
    return e ? e->lp : NULL;
}

/* The pair of words i and i + 1 when both are in one sentence, given the hash of
 * word i, or NULL. */
static const model_word *pair_at(const ukc_model *m, const ukc_tokens *t, size_t i, uint32_t ha)
{
    if (i + 1 >= t->n || t->tok[i].sentence != t->tok[i + 1].sentence)
        return NULL;
    const ukc_token *a = &t->tok[i], *b = &t->tok[i + 1];
    return find_pair(m, t->norm + a->norm, a->nlen, ha, t->norm + b->norm, b->nlen);
}

const float *ukc__model_pair(const ukc_model *m, const ukc_tokens *t, size_t i)
{
    if (i >= t->n)
        return NULL;
    const model_word *e = pair_at(m, t, i, ukc__fnv(t->norm + t->tok[i].norm, t->tok[i].nlen));
    return e ? e->lp : NULL;
}

/* Add a known word's or pair's log-likelihoods to like[], and count it. */
static void add_known(const model_word *e, double *like, size_t *known)
{
    if (!e)
        return;
    ++*known;
    for (int k = 0; k < K; k++)
        like[k] += e->lp[k];
}

void ukc__model_word_posterior(const ukc_model *m, const ukc_tokens *t, double *post)
{
    double s[K], like[K] = { 0 }, top = -INFINITY, sum = 0.0;
    size_t known = 0;
    for (size_t i = 0; i < t->n; i++) {
        const char *w = t->norm + t->tok[i].norm;
        uint32_t h = ukc__fnv(w, t->tok[i].nlen);
        add_known(find_hashed(m, w, t->tok[i].nlen, h), like, &known);
        add_known(pair_at(m, t, i, h), like, &known);
    }
    /* The words of a message, and above all the pairs that overlap them, are far
     * from independent: their summed evidence grows with the square root of their
     * number, not with the number. */
    for (int k = 0; k < K; k++)
        s[k] = m->prior[k] + (known > 1 ? like[k] / sqrt((double)known) : like[k]);
    for (int k = 0; k < K; k++)
        if (s[k] > top)
            top = s[k];
    for (int k = 0; k < K; k++)
        sum += post[k] = exp(s[k] - top);
    for (int k = 0; k < K; k++)
        post[k] /= sum;
}

unsigned ukc__model_support(const double *x)
{
    const double *cue = x, *neg = x + UKC__MODEL_CUES;
    unsigned s = 0;
    if (cue[UKC_CUE_DISSATISFACTION] + cue[UKC_CUE_BREACHED] + cue[UKC_CUE_SARCASM] +
            neg[UKC_CUE_PRAISE] + neg[UKC_CUE_THANKS] > 0)
        s |= 1u << UKC_KIND_COMPLAINT;
    if (cue[UKC_CUE_SUGGESTION] + cue[UKC_CUE_OPINION] + neg[UKC_CUE_OPINION] > 0 ||
        (x[UKC__FEAT_STAKE] == 0 && cue[UKC_CUE_DISSATISFACTION] > 0))
        s |= 1u << UKC_KIND_COMMENT;
    if (cue[UKC_CUE_PRAISE] + cue[UKC_CUE_THANKS] > 0)
        s |= 1u << UKC_KIND_COMPLIMENT;
    if (cue[UKC_CUE_REQUEST] > 0)
        s |= 1u << UKC_KIND_REQUEST;
    return s;
}

int ukc__model_choose(const ukc_model *m, const double *x, unsigned allowed, double *prob)
{
    double z[K], sum = 0.0;
    int best = -1;
    ukc__model_scores(m, x, z);
    for (int k = 0; k < K; k++) /* ties go to the earlier kind */
        if ((allowed >> k & 1u) && (best < 0 || z[k] > z[best]))
            best = k;
    for (int k = 0; k < K; k++)
        sum += prob[k] = best >= 0 && (allowed >> k & 1u) ? exp(z[k] - z[best]) : 0.0;
    for (int k = 0; best >= 0 && k < K; k++)
        prob[k] /= sum;
    return best;
}

void ukc__model_scores(const ukc_model *m, const double *x, double *z)
{
    for (int k = 0; k < K; k++) {
        z[k] = m->weight[UKC__MODEL_FEATURES][k];
        for (size_t j = 0; j < UKC__MODEL_FEATURES; j++)
            z[k] += x[j] * m->weight[j][k];
    }
}
