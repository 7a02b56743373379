/* eval-sources: leave-one-source-out evaluation of the classifier's model.
 *
 * usage: eval-sources [--source NAME]... ROOT
 *
 * For each source (the corpus and each real labelled set, see
 * tools/train/sources.c), fit the model exactly as train-classify does on every
 * other source, and classify every message of the source left out, as text from
 * a genre the model has never seen. Then the model fitted on everything
 * classifies the corpus's holdout split (the in-corpus figure). For each it
 * prints per-kind precision, recall and F1, the confusion matrix, macro-F1 over
 * the kinds the source has with a bootstrap 95% interval (1,000 resamples of
 * its messages, fixed seed), and the same for complaint against everything
 * else. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc_internal.h"
#include "train.h"

#define RESAMPLES 1000

static const char *const kinds[K] = { "complaint", "comment", "compliment", "request", "other" };

/* Macro-F1 over the kinds with gold messages; binary: complaint against the rest. */
static double macro_f1(const int *gold, const int *pred, const size_t *pick, size_t n,
                       bool binary)
{
    long tp[K] = { 0 }, g[K] = { 0 }, p[K] = { 0 };
    for (size_t i = 0; i < n; i++) {
        size_t at = pick ? pick[i] : i;
        int a = gold[at], b = pred[at];
        if (binary) {
            a = a != UKC_KIND_COMPLAINT;
            b = b != UKC_KIND_COMPLAINT;
        }
        g[a]++;
        if (b >= 0)
            p[b]++;
        tp[a] += a == b;
    }
    double sum = 0;
    int classes = 0;
    for (int k = 0; k < K; k++) {
        if (!g[k])
            continue;
        classes++;
        double pr = p[k] ? (double)tp[k] / (double)p[k] : 0, rc = (double)tp[k] / (double)g[k];
        sum += pr + rc > 0 ? 2 * pr * rc / (pr + rc) : 0;
    }
    return classes ? sum / classes : 0;
}

static uint64_t next(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* The 2.5th and 97.5th percentiles of the bootstrap. */
static void interval(const int *gold, const int *pred, size_t n, bool binary, double *lo,
                     double *hi)
{
    size_t *pick = malloc(n * sizeof *pick);
    double *f = malloc(RESAMPLES * sizeof *f);
    uint64_t seed = 0x9e3779b97f4a7c15u;
    if (!pick || !f) {
        *lo = *hi = NAN;
    } else {
        for (int r = 0; r < RESAMPLES; r++) {
            for (size_t i = 0; i < n; i++)
                pick[i] = (size_t)(next(&seed) % n);
            f[r] = macro_f1(gold, pred, pick, n, binary);
        }
        qsort(f, RESAMPLES, sizeof *f, cmp_double);
        *lo = f[RESAMPLES * 25 / 1000];
        *hi = f[RESAMPLES * 975 / 1000 - 1];
    }
    free(pick);
    free(f);
}

/* Print one evaluation; returns its macro-F1. */
static double report(const char *title, const int *gold, const int *pred, size_t n)
{
    long conf[K][K] = { { 0 } };
    for (size_t i = 0; i < n; i++)
        if (pred[i] >= 0)
            conf[gold[i]][pred[i]]++;
    printf("\n## %s: %zu messages\n\n", title, n);
    printf("| kind | messages | precision | recall | F1 |\n|---|---|---|---|---|\n");
    for (int k = 0; k < K; k++) {
        long tp = conf[k][k], g = 0, p = 0;
        for (int j = 0; j < K; j++) {
            g += conf[k][j];
            p += conf[j][k];
        }
        if (!g && !p)
            continue;
        double pr = p ? (double)tp / (double)p : 0, rc = g ? (double)tp / (double)g : 0;
        printf("| %s | %ld | %.3f | %.3f | %.3f |\n", kinds[k], g, pr, rc,
               pr + rc > 0 ? 2 * pr * rc / (pr + rc) : 0);
    }
    printf("\nconfusion (rows gold, columns predicted):\n\n%-11s", "");
    for (int k = 0; k < K; k++)
        printf(" %10s", kinds[k]);
    printf("\n");
    for (int k = 0; k < K; k++) {
        printf("%-11s", kinds[k]);
        for (int j = 0; j < K; j++)
            printf(" %10ld", conf[k][j]);
        printf("\n");
    }
    double lo, hi, blo, bhi, f = macro_f1(gold, pred, NULL, n, false),
                          b = macro_f1(gold, pred, NULL, n, true);
    interval(gold, pred, n, false, &lo, &hi);
    interval(gold, pred, n, true, &blo, &bhi);
    printf("\nmacro-F1 %.3f (95%% %.3f to %.3f); complaint against the rest %.3f (%.3f to %.3f)\n",
           f, lo, hi, b, blo, bhi);
    /* Praise against criticism: the messages labelled compliment or complaint only,
     * macro-F1 over those two kinds (any other answer is a miss). */
    int *g2 = malloc((n ? n : 1) * sizeof *g2), *p2 = malloc((n ? n : 1) * sizeof *p2);
    size_t n2 = 0;
    long seen[K] = { 0 };
    for (size_t i = 0; g2 && p2 && i < n; i++)
        if (gold[i] == UKC_KIND_COMPLAINT || gold[i] == UKC_KIND_COMPLIMENT) {
            seen[gold[i]]++;
            g2[n2] = gold[i];
            p2[n2++] = pred[i];
        }
    if (g2 && p2 && seen[UKC_KIND_COMPLAINT] && seen[UKC_KIND_COMPLIMENT]) {
        double plo, phi, pf = macro_f1(g2, p2, NULL, n2, false);
        interval(g2, p2, n2, false, &plo, &phi);
        printf("praise against criticism (%zu messages): macro-F1 %.3f (%.3f to %.3f)\n", n2, pf,
               plo, phi);
    }
    free(g2);
    free(p2);
    return f;
}

static bool pick_all(const train_source *src, size_t i, void *arg)
{
    (void)src;
    (void)i;
    (void)arg;
    return true;
}

int main(int argc, char **argv)
{
    const char *root = NULL, *only[SRC_COUNT];
    int nonly = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--source") && i + 1 < argc && nonly < SRC_COUNT)
            only[nonly++] = argv[++i];
        else if (!root && argv[i][0] != '-')
            root = argv[i];
        else
            root = NULL, i = argc;
    }
    if (!root) {
        fprintf(stderr, "usage: eval-sources [--source NAME]... ROOT\n");
        return 2;
    }
    train_source src[SRC_COUNT];
    train_set set = { 0 };
    int rc = train_load(src, root);
    /* every message of every source; `fit[i]`: train-classify would fit on it */
    bool *fit = NULL;
    for (int s = 0; !rc && s < SRC_COUNT; s++) {
        if (!train_add(&set, &src[s], s, pick_all, NULL)) {
            rc = 1;
            break;
        }
        bool *nf = realloc(fit, set.n ? set.n : 1);
        if (!nf) {
            rc = 1;
            break;
        }
        fit = nf;
        for (size_t i = 0; i < set.n; i++)
            fit[i] = train_pick(&src[set.s[i].source], set.s[i].row, NULL);
    }
    bool *use = malloc(set.n ? set.n : 1);
    int *gold = malloc((set.n ? set.n : 1) * sizeof *gold),
        *pred = malloc((set.n ? set.n : 1) * sizeof *pred);
    double worst = 2.0;
    const char *worst_name = "";
    printf("# Leave-one-source-out evaluation\n");
    for (int s = 0; !rc && use && gold && pred && s <= SRC_COUNT; s++) {
        /* s == SRC_COUNT: fitted on everything, scored on the corpus's holdout */
        bool in_corpus = s == SRC_COUNT;
        const char *name = in_corpus ? "corpus holdout (in-corpus)" : src[s].name;
        bool wanted = !nonly;
        for (int j = 0; j < nonly; j++)
            wanted |= !strcmp(only[j], in_corpus ? "holdout" : src[s].name);
        if (!wanted)
            continue;
        for (size_t i = 0; i < set.n; i++)
            use[i] = fit[i] && (in_corpus || set.s[i].source != s);
        unsigned char *bytes = NULL;
        size_t len = 0;
        ukc_model *m = NULL;
        if (!train_fit(&set, use, false, &bytes, &len, false) ||
            ukc__model_parse(bytes, len, &m) != UKC_OK) {
            fprintf(stderr, "eval-sources: fitting failed\n");
            free(bytes);
            rc = 1;
            break;
        }
        size_t n = 0;
        for (size_t i = 0; i < set.n; i++) {
            bool test = in_corpus ? set.s[i].source == SRC_CORPUS &&
                                        src[SRC_CORPUS].rows[set.s[i].row].holdout
                                  : set.s[i].source == s;
            if (!test)
                continue;
            gold[n] = set.s[i].kind;
            pred[n++] = train_predict(m, &set, i);
        }
        char title[128];
        snprintf(title, sizeof title, "%s%s", name,
                 in_corpus ? "" : " (left out: fitted on the other sources)");
        double f = report(title, gold, pred, n);
        if (!in_corpus && f < worst) {
            worst = f;
            worst_name = src[s].name;
        }
        ukc__model_destroy(m);
        free(bytes);
        fflush(stdout);
    }
    if (!rc && worst <= 1.0)
        printf("\nworst leave-one-source-out macro-F1: %.3f (%s)\n", worst, worst_name);
    free(use);
    free(gold);
    free(pred);
    free(fit);
    train_set_free(&set);
    train_free(src);
    return rc;
}
