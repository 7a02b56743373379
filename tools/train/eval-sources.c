/* eval-sources: leave-one-source-out evaluation of the classifier's model.
 *
 * usage: eval-sources [--source NAME]... [--iterations N] [--penalty-hashed X]
 *                     [--penalty-dense X] [--save FILE] ROOT
 *        eval-sources --pool FILE [--pool FILE]...
 *
 * For each source (the corpus and each real labelled set, see
 * tools/train/sources.c), fit the model exactly as train-classify does on every
 * other source, and classify every message of the source left out, as text from
 * a genre the model has never seen. Then the model fitted on everything
 * classifies the corpus's holdout split (the in-corpus figure). For each it
 * prints per-kind precision, recall and F1, the confusion matrix, macro-F1 over
 * the kinds the source has with a bootstrap 95% interval (1,000 resamples of
 * its messages, fixed seed), and two binary views: complaint against everything
 * else, and praise against criticism (the messages labelled compliment or
 * complaint). A summary table ends the run, with the binary views over all the
 * left-out messages together and averaged over the sources.
 *
 * Last, an in-genre estimate, never the headline: NHS FFT answers in five folds
 * (row number modulo 5), each fold classified by a model fitted on everything
 * else and the other four folds. The shipped model is fitted on that genre, so
 * this approximates how it does on new survey answers of the same kind.
 *
 * NAME is a source's name, `holdout` (the in-corpus figure) or `nhs-fft-folds`.
 * --iterations and the penalties change the fit, to explore (a short fit is
 * faster and a little worse); the defaults are train-classify's. --save FILE
 * writes every answer (NAME, gold kind, predicted kind, one message a line), so
 * that runs of some sources each, made side by side, can be summed up by
 * `eval-sources --pool FILE --pool FILE ...`, which prints the summary alone. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "train.h"

#define RESAMPLES 1000
#define FOLDS 5

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

/* The figures of one evaluation; NAN where a view does not apply. */
typedef struct views {
    size_t n;
    double f, lo, hi;     /* macro-F1 over the kinds with gold messages */
    double bin, blo, bhi; /* complaint against the rest */
    double pvc, plo, phi; /* praise against criticism */
    size_t npvc;
} views;

/* Praise against criticism: the messages labelled compliment or complaint only,
 * macro-F1 over those two kinds (any other answer is a miss). */
static void praise_criticism(const int *gold, const int *pred, size_t n, views *v)
{
    int *g2 = malloc((n ? n : 1) * sizeof *g2), *p2 = malloc((n ? n : 1) * sizeof *p2);
    size_t n2 = 0;
    long seen[K] = { 0 };
    v->pvc = v->plo = v->phi = NAN;
    v->npvc = 0;
    for (size_t i = 0; g2 && p2 && i < n; i++)
        if (gold[i] == UKC_KIND_COMPLAINT || gold[i] == UKC_KIND_COMPLIMENT) {
            seen[gold[i]]++;
            g2[n2] = gold[i];
            p2[n2++] = pred[i];
        }
    if (g2 && p2 && seen[UKC_KIND_COMPLAINT] && seen[UKC_KIND_COMPLIMENT]) {
        v->pvc = macro_f1(g2, p2, NULL, n2, false);
        v->npvc = n2;
        interval(g2, p2, n2, false, &v->plo, &v->phi);
    }
    free(g2);
    free(p2);
}

static views binary_views(const int *gold, const int *pred, size_t n)
{
    views v = { .n = n };
    v.f = macro_f1(gold, pred, NULL, n, false);
    v.bin = macro_f1(gold, pred, NULL, n, true);
    interval(gold, pred, n, false, &v.lo, &v.hi);
    interval(gold, pred, n, true, &v.blo, &v.bhi);
    praise_criticism(gold, pred, n, &v);
    return v;
}

/* Print one evaluation; returns its figures. */
static views report(const char *title, const int *gold, const int *pred, size_t n)
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
    views v = binary_views(gold, pred, n);
    printf("\nmacro-F1 %.3f (95%% %.3f to %.3f); complaint against the rest %.3f (%.3f to %.3f)\n",
           v.f, v.lo, v.hi, v.bin, v.blo, v.bhi);
    if (!isnan(v.pvc))
        printf("praise against criticism (%zu messages): macro-F1 %.3f (%.3f to %.3f)\n", v.npvc,
               v.pvc, v.plo, v.phi);
    return v;
}

static void cell(double x, double lo, double hi)
{
    if (isnan(x))
        printf(" - |");
    else
        printf(" %.3f (%.3f to %.3f) |", x, lo, hi);
}

static void summary_row(const char *name, const views *v)
{
    printf("| %s | %zu |", name, v->n);
    cell(v->f, v->lo, v->hi);
    cell(v->bin, v->blo, v->bhi);
    cell(v->pvc, v->plo, v->phi);
    printf("\n");
}

/* The answers of one evaluation, kept for the summary (and --save, --pool). */
typedef struct result {
    char name[32];
    int *gold, *pred;
    size_t n;
} result;

typedef struct results {
    result r[SRC_COUNT + 2];
    int n;
} results;

static result *result_for(results *rs, const char *name)
{
    for (int i = 0; i < rs->n; i++)
        if (!strcmp(rs->r[i].name, name))
            return &rs->r[i];
    if (rs->n == SRC_COUNT + 2)
        return NULL;
    result *r = &rs->r[rs->n++];
    memset(r, 0, sizeof *r);
    snprintf(r->name, sizeof r->name, "%s", name);
    return r;
}

static bool result_add(results *rs, const char *name, const int *gold, const int *pred, size_t n)
{
    result *r = result_for(rs, name);
    int *g = r ? realloc(r->gold, (r->n + n + 1) * sizeof *g) : NULL;
    if (g)
        r->gold = g;
    int *p = g ? realloc(r->pred, (r->n + n + 1) * sizeof *p) : NULL;
    if (!p)
        return false;
    r->pred = p;
    memcpy(r->gold + r->n, gold, n * sizeof *gold);
    memcpy(r->pred + r->n, pred, n * sizeof *pred);
    r->n += n;
    return true;
}

static void results_free(results *rs)
{
    for (int i = 0; i < rs->n; i++) {
        free(rs->r[i].gold);
        free(rs->r[i].pred);
    }
    rs->n = 0;
}

/* Lines of NAME<TAB>GOLD<TAB>PREDICTED, one a message, from --save. */
static bool results_read(results *rs, const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "eval-sources: cannot read %s\n", path);
        return false;
    }
    char name[32];
    int g, p;
    bool ok = true;
    while (ok && fscanf(f, "%31s %d %d", name, &g, &p) == 3)
        ok = g >= 0 && g < K && p >= -1 && p < K && result_add(rs, name, &g, &p, 1);
    fclose(f);
    return ok;
}

/* The summary: every evaluation's macro-F1 and binary views, then the binary views
 * over the real sources' left-out messages together and averaged over them, then
 * the worst left-out figure (the headline). */
static bool summary(const results *rs)
{
    static const char *const not_left_out[] = { "holdout", "nhs-fft-folds" };
    double worst = 2.0, mean[3] = { 0 };
    int counted[3] = { 0 };
    const char *worst_name = "";
    size_t total = 0;
    for (int i = 0; i < rs->n; i++)
        total += rs->r[i].n;
    int *gold = malloc((total + 1) * sizeof *gold), *pred = malloc((total + 1) * sizeof *pred);
    if (!gold || !pred) {
        free(gold);
        free(pred);
        return false;
    }
    size_t all = 0;
    printf("\n## Summary\n\n| evaluated | messages | macro-F1 (95%%) | complaint against "
           "the rest | praise against criticism |\n|---|---|---|---|---|\n");
    for (int pass = 0; pass < 2; pass++)
        for (int i = 0; i < rs->n; i++) {
            const result *r = &rs->r[i];
            bool left_out = strcmp(r->name, not_left_out[0]) && strcmp(r->name, not_left_out[1]);
            if (left_out != (pass == 0))
                continue;
            views v = binary_views(r->gold, r->pred, r->n);
            char label[96];
            if (!strcmp(r->name, "holdout"))
                snprintf(label, sizeof label, "*in-corpus*: corpus holdout, fitted on everything");
            else if (!left_out)
                snprintf(label, sizeof label, "*in-genre*: nhs-fft in %d folds", FOLDS);
            else
                snprintf(label, sizeof label, "%s (left out)", r->name);
            summary_row(label, &v);
            if (!left_out)
                continue;
            if (v.f < worst) {
                worst = v.f;
                worst_name = r->name;
            }
            if (!strcmp(r->name, "corpus"))
                continue;
            double x[3] = { v.f, v.bin, v.pvc };
            for (int j = 0; j < 3; j++)
                if (!isnan(x[j])) {
                    mean[j] += x[j];
                    counted[j]++;
                }
            memcpy(gold + all, r->gold, r->n * sizeof *gold);
            memcpy(pred + all, r->pred, r->n * sizeof *pred);
            all += r->n;
        }
    if (all) {
        views p = binary_views(gold, pred, all);
        summary_row("the real sources left out, all messages together", &p);
        printf("| the real sources left out, mean over the sources | |");
        for (int j = 0; j < 3; j++)
            printf(counted[j] ? " %.3f |" : " - |", counted[j] ? mean[j] / counted[j] : 0);
        printf("\n");
    }
    if (worst <= 1.0)
        printf("\nworst leave-one-source-out macro-F1: %.3f (%s)\n", worst, worst_name);
    free(gold);
    free(pred);
    return true;
}

static bool pick_all(const train_source *src, size_t i, void *arg)
{
    (void)src;
    (void)i;
    (void)arg;
    return true;
}

/* Fit on the samples with use[] set and classify those with test[] set, in
 * order, appending gold and predicted kinds at gold + *n. */
static bool fit_and_classify(const train_set *set, const bool *use, const bool *test, int *gold,
                             int *pred, size_t *n)
{
    unsigned char *bytes = NULL;
    size_t len = 0;
    ukc_model *m = NULL;
    if (!train_fit(set, use, false, &bytes, &len, false) ||
        ukc__model_parse(bytes, len, &m) != UKC_OK) {
        fprintf(stderr, "eval-sources: fitting failed\n");
        free(bytes);
        return false;
    }
    for (size_t i = 0; i < set->n; i++)
        if (test[i]) {
            gold[*n] = set->s[i].kind;
            pred[(*n)++] = train_predict(m, set, i);
        }
    ukc__model_destroy(m);
    free(bytes);
    return true;
}


int main(int argc, char **argv)
{
    const char *root = NULL, *only[SRC_COUNT + 2], *save = NULL, *pool[16];
    int nonly = 0, npool = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--source") && i + 1 < argc && nonly < SRC_COUNT + 2)
            only[nonly++] = argv[++i];
        else if (!strcmp(argv[i], "--iterations") && i + 1 < argc)
            train_config.iterations = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--penalty-hashed") && i + 1 < argc)
            train_config.penalty_hashed = atof(argv[++i]);
        else if (!strcmp(argv[i], "--penalty-dense") && i + 1 < argc)
            train_config.penalty_dense = atof(argv[++i]);
        else if (!strcmp(argv[i], "--save") && i + 1 < argc)
            save = argv[++i];
        else if (!strcmp(argv[i], "--pool") && i + 1 < argc && npool < 16)
            pool[npool++] = argv[++i];
        else if (!root && argv[i][0] != '-')
            root = argv[i];
        else
            root = NULL, npool = 0, i = argc;
    }
    results rs = { .n = 0 };
    if (npool) { /* the summary of earlier runs' answers only */
        int rc = 0;
        for (int i = 0; !rc && i < npool; i++)
            rc = !results_read(&rs, pool[i]);
        rc = rc || !summary(&rs);
        results_free(&rs);
        return rc;
    }
    if (!root || train_config.iterations < 1 || !(train_config.penalty_hashed >= 0) ||
        !(train_config.penalty_dense >= 0)) {
        fprintf(stderr, "usage: eval-sources [--source NAME]... [--iterations N] "
                        "[--penalty-hashed X] [--penalty-dense X] [--save FILE] ROOT\n"
                        "       eval-sources --pool FILE [--pool FILE]...\n");
        return 2;
    }
    FILE *saved = save ? fopen(save, "w") : NULL;
    if (save && !saved) {
        fprintf(stderr, "eval-sources: cannot write %s\n", save);
        return 1;
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
    size_t cap = set.n ? set.n : 1;
    bool *use = malloc(cap), *test = malloc(cap);
    int *gold = malloc(cap * sizeof *gold), *pred = malloc(cap * sizeof *pred);
    if (!use || !test || !gold || !pred)
        rc = 1;
    printf("# Leave-one-source-out evaluation\n");
    if (train_config.iterations != 100 || train_config.penalty_hashed != 2e-5 ||
        train_config.penalty_dense != 1e-4)
        printf("\n(exploring: %d iterations, penalties %g hashed, %g dense)\n",
               train_config.iterations, train_config.penalty_hashed, train_config.penalty_dense);
    /* s < SRC_COUNT: that source left out; SRC_COUNT: fitted on everything, scored
     * on the corpus's holdout; SRC_COUNT + 1: NHS FFT in folds */
    for (int s = 0; !rc && s <= SRC_COUNT + 1; s++) {
        bool in_corpus = s == SRC_COUNT, folds = s == SRC_COUNT + 1;
        const char *name = in_corpus ? "holdout" : folds ? "nhs-fft-folds" : src[s].name;
        bool wanted = !nonly;
        for (int j = 0; j < nonly; j++)
            wanted |= !strcmp(only[j], name);
        if (!wanted)
            continue;
        size_t n = 0;
        for (int f = 0; !rc && f < (folds ? FOLDS : 1); f++) {
            for (size_t i = 0; i < set.n; i++) {
                const train_sample *x = &set.s[i];
                bool in_fold = x->source == SRC_NHS && (int)(x->row % FOLDS) == f;
                use[i] = fit[i] && (in_corpus || (folds ? !in_fold : x->source != s));
                test[i] = in_corpus ? x->source == SRC_CORPUS && src[SRC_CORPUS].rows[x->row].holdout
                          : folds   ? in_fold
                                    : x->source == s;
            }
            if (!fit_and_classify(&set, use, test, gold, pred, &n))
                rc = 1;
        }
        if (rc)
            break;
        char title[160];
        if (in_corpus)
            snprintf(title, sizeof title, "corpus holdout (in-corpus: fitted on everything)");
        else if (folds)
            snprintf(title, sizeof title, "nhs-fft in genre (%d folds, each fitted on everything "
                                          "else and the other folds; not left out)", FOLDS);
        else
            snprintf(title, sizeof title, "%s (left out: fitted on the other sources)",
                     src[s].name);
        report(title, gold, pred, n);
        if (!result_add(&rs, name, gold, pred, n))
            rc = 1;
        for (size_t i = 0; saved && i < n; i++)
            fprintf(saved, "%s\t%d\t%d\n", name, gold[i], pred[i]);
        fflush(stdout);
    }
    if (!rc && !summary(&rs))
        rc = 1;
    if (saved && fclose(saved) != 0)
        rc = 1;
    results_free(&rs);
    free(use);
    free(test);
    free(gold);
    free(pred);
    free(fit);
    train_set_free(&set);
    train_free(src);
    return rc;
}
