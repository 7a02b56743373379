/* Features and fitting: a multinomial logistic regression over the library's
 * dense cue features (standardised) and hashed n-grams, with an L2 penalty,
 * fitted full-batch by L-BFGS from zero for a fixed number of iterations, so the
 * same data always gives the same model, byte for byte. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "train.h"

#define B UKC__MODEL_BUCKETS
#define ND ((size_t)(NF + 1) * K) /* the dense block, bias last */
#define NP (ND + (size_t)B * K)
#define CALIBRATION_ITERATIONS 60
#define MEMORY 5

/* The shipped settings; eval-sources may change them to explore. */
train_settings train_config = { .iterations = 100, .penalty_hashed = 2e-5, .penalty_dense = 1e-4 };

/* ---------------------------------------------------------------- features */

bool train_pick(const train_source *src, size_t i, void *arg)
{
    (void)arg;
    if (src->rows[i].holdout)
        return false;
    if (src->n <= TRAIN_CAP || !strcmp(src->name, "corpus"))
        return true;
    /* evenly spaced: row i is the first whose share i * cap / n reaches a new whole */
    return (i * TRAIN_CAP) / src->n != ((i + 1) * TRAIN_CAP) / src->n;
}

bool train_add(train_set *set, const train_source *src, int source,
               bool (*pick)(const train_source *, size_t, void *), void *arg)
{
    for (size_t i = 0; i < src->n; i++) {
        if (!pick(src, i, arg))
            continue;
        const train_row *r = &src->rows[i];
        ukc_tokens t;
        ukc_hfeats f;
        train_sample s = { .kind = r->kind, .source = source, .weight = src->weight,
                           .row = (uint32_t)i };
        if (ukc__classify_features(r->text, strlen(r->text), s.x, &t, &f) != UKC_OK) {
            ukc__tokens_free(&t);
            ukc__free(f.f);
            continue; /* not valid UTF-8: the library would refuse it too */
        }
        s.empty = t.n == 0;
        s.allowed = 0x0fu;
        if (s.x[UKC__FEAT_ROUTE] >= UKC__MODEL_ROUTE_SHARE * UKC__DEFAULT_ROUTE_THRESHOLD)
            s.allowed |= 1u << UKC_KIND_OTHER;
        ukc__tokens_free(&t);
        if (set->nf + f.n > set->fcap) {
            size_t cap = set->fcap ? set->fcap : 1 << 20;
            while (cap < set->nf + f.n)
                cap *= 2;
            uint32_t *b = realloc(set->bucket, cap * sizeof *b);
            if (b)
                set->bucket = b;
            float *v = realloc(set->value, cap * sizeof *v);
            if (v)
                set->value = v;
            if (!b || !v) {
                ukc__free(f.f);
                return false;
            }
            set->fcap = cap;
        }
        s.first = (uint32_t)set->nf;
        s.count = (uint32_t)f.n;
        for (size_t j = 0; j < f.n; j++) {
            set->bucket[set->nf] = f.f[j].bucket;
            set->value[set->nf++] = f.f[j].value;
        }
        ukc__free(f.f);
        if (set->n == set->cap) {
            size_t cap = set->cap ? 2 * set->cap : 4096;
            train_sample *ns = realloc(set->s, cap * sizeof *ns);
            if (!ns)
                return false;
            set->s = ns;
            set->cap = cap;
        }
        set->s[set->n++] = s;
    }
    return true;
}

void train_set_free(train_set *set)
{
    free(set->s);
    free(set->bucket);
    free(set->value);
    memset(set, 0, sizeof *set);
}

/* ---------------------------------------------------------------- objective */

typedef struct problem {
    const train_set *set;
    const bool *use;
    double mu[NF], sd[NF];
    double wsum;
    double *sample_weight; /* per sample: its source's weight shared among its samples */
} problem;

/* z-scored dense feature j of sample s */
static double dense(const problem *p, const train_sample *s, size_t j)
{
    return p->sd[j] > 1e-12 ? (s->x[j] - p->mu[j]) / p->sd[j] : 0.0;
}

static void scores(const problem *p, const double *w, const train_sample *s, double *z)
{
    for (int k = 0; k < K; k++)
        z[k] = w[NF * K + k];
    for (size_t j = 0; j < NF; j++) {
        double v = dense(p, s, j);
        if (v != 0.0)
            for (int k = 0; k < K; k++)
                z[k] += v * w[j * K + k];
    }
    const uint32_t *b = p->set->bucket + s->first;
    const float *v = p->set->value + s->first;
    for (uint32_t f = 0; f < s->count; f++) {
        const double *h = w + ND + (size_t)b[f] * K;
        for (int k = 0; k < K; k++)
            z[k] += (double)v[f] * h[k];
    }
}

/* Softmax over the allowed kinds; returns log of its normaliser. */
static double softmax(const double *z, unsigned allowed, double temperature, double *q)
{
    double top = -INFINITY, sum = 0.0;
    for (int k = 0; k < K; k++)
        if (allowed >> k & 1u && z[k] / temperature > top)
            top = z[k] / temperature;
    for (int k = 0; k < K; k++)
        sum += q[k] = allowed >> k & 1u ? exp(z[k] / temperature - top) : 0.0;
    for (int k = 0; k < K; k++)
        q[k] /= sum;
    return top + log(sum);
}

static bool learnable(const train_sample *s)
{
    return !s->empty && (s->allowed >> s->kind & 1u);
}

/* The loss and its gradient g at w. */
static double loss(const problem *p, const double *w, double *g)
{
    memset(g, 0, NP * sizeof *g);
    double f = 0.0;
    for (size_t i = 0; i < p->set->n; i++) {
        const train_sample *s = &p->set->s[i];
        if ((p->use && !p->use[i]) || !learnable(s))
            continue;
        double z[K], q[K], a = p->sample_weight[i] / p->wsum;
        scores(p, w, s, z);
        f += a * (softmax(z, s->allowed, 1.0, q) - z[s->kind]);
        q[s->kind] -= 1.0;
        for (int k = 0; k < K; k++)
            q[k] *= a;
        for (int k = 0; k < K; k++)
            g[NF * K + k] += q[k];
        for (size_t j = 0; j < NF; j++) {
            double v = dense(p, s, j);
            if (v != 0.0)
                for (int k = 0; k < K; k++)
                    g[j * K + k] += v * q[k];
        }
        const uint32_t *b = p->set->bucket + s->first;
        const float *v = p->set->value + s->first;
        for (uint32_t t = 0; t < s->count; t++) {
            double *h = g + ND + (size_t)b[t] * K;
            for (int k = 0; k < K; k++)
                h[k] += (double)v[t] * q[k];
        }
    }
    for (size_t j = 0; j < NF * K; j++) {
        f += 0.5 * train_config.penalty_dense * w[j] * w[j];
        g[j] += train_config.penalty_dense * w[j];
    }
    for (size_t j = ND; j < NP; j++) {
        f += 0.5 * train_config.penalty_hashed * w[j] * w[j];
        g[j] += train_config.penalty_hashed * w[j];
    }
    return f;
}

static double dot(const double *a, const double *b)
{
    double s = 0.0;
    for (size_t i = 0; i < NP; i++)
        s += a[i] * b[i];
    return s;
}

/* L-BFGS with a backtracking (Armijo) line search, from w = 0. */
static bool lbfgs(const problem *p, double *w, int iterations, bool verbose)
{
    double *g = calloc(NP, sizeof *g), *d = calloc(NP, sizeof *d), *wn = calloc(NP, sizeof *wn),
           *gn = calloc(NP, sizeof *gn), *S = calloc(MEMORY * NP, sizeof *S),
           *Y = calloc(MEMORY * NP, sizeof *Y);
    double rho[MEMORY], alpha[MEMORY];
    int m = 0, head = 0;
    bool ok = g && d && wn && gn && S && Y;
    double f = ok ? loss(p, w, g) : 0.0;
    for (int it = 0; ok && it < iterations; it++) {
        /* two-loop recursion: d = -H g */
        for (size_t i = 0; i < NP; i++)
            d[i] = -g[i];
        for (int j = 0; j < m; j++) {
            int c = (head - 1 - j + MEMORY) % MEMORY;
            alpha[c] = rho[c] * dot(S + (size_t)c * NP, d);
            for (size_t i = 0; i < NP; i++)
                d[i] -= alpha[c] * Y[(size_t)c * NP + i];
        }
        if (m > 0) {
            int c = (head - 1 + MEMORY) % MEMORY;
            double gamma = 1.0 / (rho[c] * dot(Y + (size_t)c * NP, Y + (size_t)c * NP));
            for (size_t i = 0; i < NP; i++)
                d[i] *= gamma;
        }
        for (int j = m - 1; j >= 0; j--) {
            int c = (head - 1 - j + MEMORY) % MEMORY;
            double beta = rho[c] * dot(Y + (size_t)c * NP, d);
            for (size_t i = 0; i < NP; i++)
                d[i] += (alpha[c] - beta) * S[(size_t)c * NP + i];
        }
        double slope = dot(g, d);
        if (!(slope < 0)) { /* not a descent direction: start again from the gradient */
            m = 0;
            for (size_t i = 0; i < NP; i++)
                d[i] = -g[i];
            slope = dot(g, d);
        }
        double step = m == 0 ? 1.0 / sqrt(-slope) : 1.0, fn = f;
        int tries = 0;
        for (; tries < 20; tries++, step *= 0.5) {
            for (size_t i = 0; i < NP; i++)
                wn[i] = w[i] + step * d[i];
            fn = loss(p, wn, gn);
            if (fn <= f + 1e-4 * step * slope)
                break;
        }
        if (tries == 20)
            break; /* no progress: w is as good as this search gets */
        double *s = S + (size_t)head * NP, *y = Y + (size_t)head * NP;
        for (size_t i = 0; i < NP; i++) {
            s[i] = wn[i] - w[i];
            y[i] = gn[i] - g[i];
        }
        double sy = dot(s, y);
        if (sy > 1e-12) {
            rho[head] = 1.0 / sy;
            head = (head + 1) % MEMORY;
            m = m < MEMORY ? m + 1 : MEMORY;
        }
        memcpy(w, wn, NP * sizeof *w);
        memcpy(g, gn, NP * sizeof *g);
        if (verbose && (it % 10 == 9 || it == 0))
            fprintf(stderr, "  iteration %3d: loss %.6f\n", it + 1, fn);
        f = fn;
    }
    free(g);
    free(d);
    free(wn);
    free(gn);
    free(S);
    free(Y);
    return ok;
}

static bool problem_init(problem *p, const train_set *set, const bool *use)
{
    memset(p, 0, sizeof *p);
    p->set = set;
    p->use = use;
    p->sample_weight = calloc(set->n ? set->n : 1, sizeof *p->sample_weight);
    if (!p->sample_weight)
        return false;
    size_t count[SRC_COUNT] = { 0 }, m = 0;
    for (size_t i = 0; i < set->n; i++)
        if ((!use || use[i]) && learnable(&set->s[i])) {
            count[set->s[i].source]++;
            m++;
            for (size_t j = 0; j < NF; j++)
                p->mu[j] += set->s[i].x[j];
        }
    if (!m)
        return false;
    for (size_t j = 0; j < NF; j++)
        p->mu[j] /= (double)m;
    for (size_t i = 0; i < set->n; i++)
        if ((!use || use[i]) && learnable(&set->s[i]))
            for (size_t j = 0; j < NF; j++)
                p->sd[j] += (set->s[i].x[j] - p->mu[j]) * (set->s[i].x[j] - p->mu[j]);
    for (size_t j = 0; j < NF; j++)
        p->sd[j] = sqrt(p->sd[j] / (double)m);
    for (size_t i = 0; i < set->n; i++)
        if ((!use || use[i]) && learnable(&set->s[i])) {
            p->sample_weight[i] = set->s[i].weight / (double)count[set->s[i].source];
            p->wsum += p->sample_weight[i];
        }
    return p->wsum > 0;
}

/* ---------------------------------------------------------------- calibration */

/* The weighted mean negative log-likelihood of the used samples at a temperature. */
static double nll(const problem *p, const double *w, const bool *use, double temperature)
{
    double f = 0.0, wsum = 0.0;
    for (size_t i = 0; i < p->set->n; i++) {
        const train_sample *s = &p->set->s[i];
        if (!use[i] || !learnable(s))
            continue;
        double z[K], q[K];
        scores(p, w, s, z);
        softmax(z, s->allowed, temperature, q);
        f += p->sample_weight[i] * -log(q[s->kind] > 1e-300 ? q[s->kind] : 1e-300);
        wsum += p->sample_weight[i];
    }
    return wsum > 0 ? f / wsum : 0.0;
}

/* Fit on one half (every other sample), choose the temperature that gives the
 * other half its best likelihood (golden-section search over log T). */
static bool calibrate(const train_set *set, double *temperature, bool verbose)
{
    bool *half = malloc(set->n ? set->n : 1), *other = malloc(set->n ? set->n : 1);
    double *w = calloc(NP, sizeof *w);
    problem p = { 0 };
    bool ok = half && other && w;
    for (size_t i = 0; ok && i < set->n; i++) {
        half[i] = i % 2 == 0;
        other[i] = !half[i];
    }
    ok = ok && problem_init(&p, set, half) && lbfgs(&p, w, CALIBRATION_ITERATIONS, false);
    if (ok) {
        /* the weights of the held-out half, in the same terms */
        problem q = { 0 };
        ok = problem_init(&q, set, other);
        if (ok) {
            memcpy(q.mu, p.mu, sizeof q.mu); /* w was fitted on p's standardisation */
            memcpy(q.sd, p.sd, sizeof q.sd);
            double a = log(0.25), b = log(4.0), r = (sqrt(5.0) - 1) / 2;
            for (int it = 0; it < 40; it++) {
                double c = b - r * (b - a), d = a + r * (b - a);
                if (nll(&q, w, other, exp(c)) < nll(&q, w, other, exp(d)))
                    b = d;
                else
                    a = c;
            }
            *temperature = exp((a + b) / 2);
            if (verbose)
                fprintf(stderr, "temperature %.3f: held-out log loss %.4f (at 1: %.4f)\n",
                        *temperature, nll(&q, w, other, *temperature), nll(&q, w, other, 1.0));
        }
        free(q.sample_weight);
    }
    free(p.sample_weight);
    free(half);
    free(other);
    free(w);
    return ok;
}

/* ---------------------------------------------------------------- the file */

static void put_u32(unsigned char *o, uint32_t v)
{
    o[0] = (unsigned char)v;
    o[1] = (unsigned char)(v >> 8);
    o[2] = (unsigned char)(v >> 16);
    o[3] = (unsigned char)(v >> 24);
}

static void put_f32(unsigned char *o, double v)
{
    float f = (float)v;
    uint32_t u;
    memcpy(&u, &f, sizeof u);
    put_u32(o, u);
}

static bool write_model(const problem *p, const double *w, double temperature,
                        unsigned char **out, size_t *len)
{
    char buf[64];
    size_t names = 0;
    for (size_t j = 0; j < NF; j++)
        names += strlen(ukc__model_feature_name(j, buf, sizeof buf)) + 1;
    size_t n = 8 + 16 + names + ND * 4 + K * 4 + (size_t)B * K;
    unsigned char *o = malloc(n), *at = o;
    if (!o)
        return false;
    memcpy(at, "UKCMODL2", 8);
    put_u32(at + 8, UKC__MODEL_BITS);
    put_u32(at + 12, K);
    put_u32(at + 16, NF);
    put_f32(at + 20, temperature);
    at += 24;
    for (size_t j = 0; j < NF; j++) {
        const char *name = ukc__model_feature_name(j, buf, sizeof buf);
        memcpy(at, name, strlen(name) + 1);
        at += strlen(name) + 1;
    }
    /* dense weights back in the raw features' terms */
    double bias[K];
    for (int k = 0; k < K; k++)
        bias[k] = w[NF * K + k];
    for (size_t j = 0; j < NF; j++)
        for (int k = 0; k < K; k++, at += 4) {
            double raw = p->sd[j] > 1e-12 ? w[j * K + k] / p->sd[j] : 0.0;
            bias[k] -= raw * p->mu[j];
            put_f32(at, raw);
        }
    for (int k = 0; k < K; k++, at += 4)
        put_f32(at, bias[k]);
    /* hashed weights: int8, one scale per kind */
    double scale[K];
    for (int k = 0; k < K; k++) {
        double top = 0.0;
        for (size_t b = 0; b < B; b++)
            top = fmax(top, fabs(w[ND + b * K + (size_t)k]));
        scale[k] = top > 0 ? (double)(float)(top / 127.0) : 0.0;
        put_f32(at, scale[k]);
        at += 4;
    }
    for (size_t b = 0; b < B; b++)
        for (int k = 0; k < K; k++) {
            double q = scale[k] > 0 ? nearbyint(w[ND + b * K + (size_t)k] / scale[k]) : 0.0;
            *at++ = (unsigned char)(int8_t)(q > 127 ? 127 : q < -127 ? -127 : q);
        }
    *out = o;
    *len = n;
    return true;
}

bool train_fit(const train_set *set, const bool *use, bool calib, unsigned char **out,
               size_t *len, bool verbose)
{
    double temperature = 1.0;
    if (calib && !calibrate(set, &temperature, verbose))
        return false;
    problem p = { 0 };
    double *w = calloc(NP, sizeof *w);
    bool ok = w && problem_init(&p, set, use) && lbfgs(&p, w, train_config.iterations, verbose) &&
              write_model(&p, w, temperature, out, len);
    free(p.sample_weight);
    free(w);
    return ok;
}

int train_predict(const ukc_model *m, const train_set *set, size_t i)
{
    const train_sample *s = &set->s[i];
    if (s->empty)
        return UKC_KIND_OTHER;
    ukc_hfeat *f = malloc((s->count ? s->count : 1) * sizeof *f);
    double prob[K];
    if (!f)
        return -1;
    for (uint32_t j = 0; j < s->count; j++) {
        memset(&f[j], 0, sizeof f[j]);
        f[j].bucket = set->bucket[s->first + j];
        f[j].value = set->value[s->first + j];
    }
    int k = ukc__model_choose(m, s->x, f, s->count, s->allowed, prob);
    free(f);
    return k;
}
