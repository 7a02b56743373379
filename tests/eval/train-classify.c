/* train-classify: fit the classifier's weighing model (lib/data/model.tsv) on the
 * tune split of the labelled corpus.
 *
 * usage: train-classify [-o MODEL | --check MODEL | --lowo [--errors]] PATH...
 *
 * PATH is a corpus file or directory as for eval-classify. Only rows of the tune
 * split are read; the holdout split is never seen. The model has two parts:
 *
 * - a naive Bayes over the message's words and pairs of adjacent words (the
 *   library's normalised words, each occurrence counted): log P(word | kind) with
 *   additive smoothing of 0.3 over the words that occur at least twice in the
 *   training rows, and a uniform prior. The summed log-likelihood of a message's
 *   known words is divided by the square root of their number, since words and
 *   the pairs that overlap them are far from independent;
 * - a multinomial logistic regression over the cue features the library computes
 *   (classify_internal.h) and the word model's posterior for each kind. The
 *   posteriors it is fitted on are out of fold: each file of the corpus (one
 *   writer's set) gets the posteriors of a word model fitted on the other files,
 *   as a message from an unseen writer would. Fitting is full-batch gradient
 *   descent on standardised features with an L2 penalty, from zero, for a fixed
 *   number of steps, so the result is deterministic.
 *
 * -o writes the model (default: standard output). --check MODEL fits and compares
 * with MODEL, exiting 1 when any number differs by more than 1e-3 or a word is
 * missing: the committed model is what this program makes of the corpus.
 * --lowo measures leave-one-writer-out: for each file, fit everything on the other
 * files' tune rows and classify the file's tune rows, then print the pooled
 * figures; with --errors, also each message it gets wrong. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "classify_internal.h"
#include "corpus.h"
#include "hash_internal.h"

#define K UKC_FEEDBACK_KIND_COUNT
#define NF UKC__MODEL_FEATURES
#define MIN_COUNT 2
#define STEPS 3000
#define RATE 0.5
#define PENALTY 10.0
#define SMOOTHING 0.3

typedef struct sample {
    const corpus_row *row;
    double x[NF];
    int kind;
    size_t file;   /* index in the corpus's files */
    uint32_t *words; /* ids of its words, in order */
    size_t nwords;
} sample;

/* ---------------------------------------------------------------- word ids */

typedef struct vocab {
    char **word;
    size_t n, cap;
    uint32_t *slot; /* 0 = empty, else id + 1 */
    size_t nslot;
} vocab;


static bool vocab_grow(vocab *v)
{
    size_t nslot = v->nslot ? 2 * v->nslot : 4096;
    uint32_t *slot = calloc(nslot, sizeof *slot);
    if (!slot)
        return false;
    for (size_t i = 0; i < v->n; i++) {
        size_t j = ukc__fnv(v->word[i], strlen(v->word[i])) & (nslot - 1);
        while (slot[j])
            j = (j + 1) & (nslot - 1);
        slot[j] = (uint32_t)i + 1;
    }
    free(v->slot);
    v->slot = slot;
    v->nslot = nslot;
    return true;
}

/* The id of a word, added when new; UINT32_MAX when out of memory. */
static uint32_t vocab_id(vocab *v, const char *s, size_t len)
{
    if (2 * (v->n + 1) > v->nslot && !vocab_grow(v))
        return UINT32_MAX;
    size_t j = ukc__fnv(s, len) & (v->nslot - 1);
    for (; v->slot[j]; j = (j + 1) & (v->nslot - 1)) {
        const char *w = v->word[v->slot[j] - 1];
        if (strlen(w) == len && memcmp(w, s, len) == 0)
            return v->slot[j] - 1;
    }
    if (v->n == v->cap) {
        size_t cap = v->cap ? 2 * v->cap : 4096;
        char **word = realloc(v->word, cap * sizeof *word);
        if (!word)
            return UINT32_MAX;
        v->word = word;
        v->cap = cap;
    }
    char *w = malloc(len + 1);
    if (!w)
        return UINT32_MAX;
    memcpy(w, s, len);
    w[len] = '\0';
    v->word[v->n] = w;
    v->slot[j] = (uint32_t)v->n + 1;
    return (uint32_t)v->n++;
}

/* ---------------------------------------------------------------- word model */

typedef struct words_model {
    double (*lp)[K]; /* per word id; NAN for words outside the model */
} words_model;

/* Fit the word model on the samples for which use[i] is set. */
static bool words_fit(const sample *s, size_t n, const bool *use, size_t nvocab,
                      words_model *m)
{
    double (*count)[K] = calloc(nvocab ? nvocab : 1, sizeof *count);
    m->lp = malloc((nvocab ? nvocab : 1) * sizeof *m->lp);
    if (!count || !m->lp) {
        free(count);
        free(m->lp);
        m->lp = NULL;
        return false;
    }
    for (size_t i = 0; i < n; i++)
        if (use[i])
            for (size_t w = 0; w < s[i].nwords; w++)
                count[s[i].words[w]][s[i].kind] += 1.0;
    double total[K] = { 0 };
    size_t kept = 0;
    for (size_t w = 0; w < nvocab; w++) {
        double all = 0;
        for (int k = 0; k < K; k++)
            all += count[w][k];
        if (all >= MIN_COUNT) {
            kept++;
            for (int k = 0; k < K; k++)
                total[k] += count[w][k];
        }
    }
    for (size_t w = 0; w < nvocab; w++) {
        double all = 0;
        for (int k = 0; k < K; k++)
            all += count[w][k];
        for (int k = 0; k < K; k++)
            m->lp[w][k] = all >= MIN_COUNT
                              ? log((count[w][k] + SMOOTHING) /
                                    (total[k] + SMOOTHING * (double)kept))
                              : NAN;
    }
    free(count);
    return true;
}

static void words_posterior(const words_model *m, const sample *s, double *post)
{
    double sc[K], top = -INFINITY, sum = 0;
    for (int k = 0; k < K; k++)
        sc[k] = log(1.0 / K);
    double like[K] = { 0 };
    size_t known = 0;
    for (size_t w = 0; w < s->nwords; w++)
        if (!isnan(m->lp[s->words[w]][0])) {
            known++;
            for (int k = 0; k < K; k++)
                like[k] += m->lp[s->words[w]][k];
        }
    for (int k = 0; k < K; k++)
        sc[k] += known > 1 ? like[k] / sqrt((double)known) : like[k];
    for (int k = 0; k < K; k++)
        top = sc[k] > top ? sc[k] : top;
    for (int k = 0; k < K; k++)
        sum += post[k] = exp(sc[k] - top);
    for (int k = 0; k < K; k++)
        post[k] /= sum;
}

/* Fill the word-model features of the samples in use: out of fold by file. */
static bool out_of_fold(sample *s, size_t n, const bool *use, size_t nfiles, size_t nvocab)
{
    bool *fit_on = malloc(n ? n : 1);
    if (!fit_on)
        return false;
    for (size_t f = 0; f < nfiles; f++) {
        bool any = false;
        for (size_t i = 0; i < n; i++) {
            fit_on[i] = use[i] && s[i].file != f;
            any |= use[i] && s[i].file == f;
        }
        words_model m;
        if (!any)
            continue;
        if (!words_fit(s, n, fit_on, nvocab, &m)) {
            free(fit_on);
            return false;
        }
        for (size_t i = 0; i < n; i++)
            if (use[i] && s[i].file == f)
                words_posterior(&m, &s[i], s[i].x + UKC__FEAT_WORD_MODEL);
        free(m.lp);
    }
    free(fit_on);
    return true;
}

/* ---------------------------------------------------------------- weights */

/* Fit the regression on the samples in use; w[j][k] applies to raw feature j, and
 * w[NF] is the bias. */
static bool weights_fit(const sample *s, size_t n, const bool *use, double w[NF + 1][K])
{
    double mu[NF] = { 0 }, sd[NF] = { 0 }, W[NF + 1][K] = { { 0 } };
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (use[i]) {
            m++;
            for (int j = 0; j < NF; j++)
                mu[j] += s[i].x[j];
        }
    if (!m)
        return false;
    for (int j = 0; j < NF; j++)
        mu[j] /= (double)m;
    for (size_t i = 0; i < n; i++)
        if (use[i])
            for (int j = 0; j < NF; j++)
                sd[j] += (s[i].x[j] - mu[j]) * (s[i].x[j] - mu[j]);
    for (int j = 0; j < NF; j++)
        sd[j] = sqrt(sd[j] / (double)m);
    double (*z)[NF + 1] = malloc(m * sizeof *z);
    int *y = malloc(m * sizeof *y);
    if (!z || !y) {
        free(z);
        free(y);
        return false;
    }
    for (size_t i = 0, r = 0; i < n; i++)
        if (use[i]) {
            for (int j = 0; j < NF; j++)
                z[r][j] = sd[j] > 1e-12 ? (s[i].x[j] - mu[j]) / sd[j] : 0.0;
            z[r][NF] = 1.0;
            y[r++] = s[i].kind;
        }
    for (int step = 0; step < STEPS; step++) {
        double g[NF + 1][K] = { { 0 } };
        for (size_t r = 0; r < m; r++) {
            double a[K], top = -INFINITY, sum = 0;
            for (int k = 0; k < K; k++) {
                a[k] = 0;
                for (int j = 0; j <= NF; j++)
                    a[k] += z[r][j] * W[j][k];
                top = a[k] > top ? a[k] : top;
            }
            for (int k = 0; k < K; k++)
                sum += a[k] = exp(a[k] - top);
            for (int k = 0; k < K; k++) {
                double d = a[k] / sum - (k == y[r]);
                for (int j = 0; j <= NF; j++)
                    g[j][k] += z[r][j] * d;
            }
        }
        for (int j = 0; j <= NF; j++)
            for (int k = 0; k < K; k++)
                W[j][k] -= RATE * (g[j][k] + (j < NF ? PENALTY * W[j][k] : 0.0)) / (double)m;
    }
    free(z);
    free(y);
    for (int k = 0; k < K; k++) {
        w[NF][k] = W[NF][k];
        for (int j = 0; j < NF; j++) {
            w[j][k] = sd[j] > 1e-12 ? W[j][k] / sd[j] : 0.0;
            w[NF][k] -= w[j][k] * mu[j];
        }
    }
    return true;
}

/* The kind the model gives a sample, as lib/classify_text.c decides it: among the
 * kinds the cues support, `other` when a route cue reaches the default threshold;
 * with no support at all, the cue rule's answer, which is then a comment (words
 * without a cue) or `other` (no words). */
static int predict(const sample *s, double w[NF + 1][K])
{
    unsigned allowed = ukc__model_support(s->x);
    if (s->x[UKC__FEAT_ROUTE] >= UKC__MODEL_ROUTE_SHARE * UKC__DEFAULT_ROUTE_THRESHOLD)
        allowed |= 1u << UKC_KIND_OTHER;
    if (!allowed)
        return s->nwords ? UKC_KIND_COMMENT : UKC_KIND_OTHER;
    int best = -1;
    double zb = 0;
    for (int k = 0; k < K; k++) {
        double z = w[NF][k];
        for (int j = 0; j < NF; j++)
            z += s->x[j] * w[j][k];
        if ((allowed >> k & 1u) && (best < 0 || z > zb)) {
            best = k;
            zb = z;
        }
    }
    return best;
}

/* ---------------------------------------------------------------- output */

static void write_model(FILE *out, const vocab *v, const words_model *m, double w[NF + 1][K],
                        size_t ntune, size_t nfiles)
{
    static const char *const kinds[K] = { "complaint", "comment", "compliment", "request", "other" };
    fprintf(out, "# The classifier's weighing model, made by tests/eval/train-classify from the\n"
                 "# tune split of tests/data/feedback (%zu messages in %zu files); do not edit.\n"
                 "# prior: log P(kind) of the word model; word: log P(word | kind) for each\n"
                 "# word or pair seen at least %d times (smoothing %g), whose sum over a\n"
                 "# message's known words is divided by the square root of their number;\n"
                 "# weight: the regression's weight of a feature\n"
                 "# (see lib/classify_internal.h) for each kind; bias last.\n"
                 "# columns:",
            ntune, nfiles, MIN_COUNT, SMOOTHING);
    for (int k = 0; k < K; k++)
        fprintf(out, " %s", kinds[k]);
    fprintf(out, "\nprior");
    for (int k = 0; k < K; k++)
        fprintf(out, "\t%.6g", log(1.0 / K));
    fprintf(out, "\n");
    char buf[64];
    for (int j = 0; j <= NF; j++) {
        fprintf(out, "weight\t%s", ukc__model_feature_name((size_t)j, buf, sizeof buf));
        for (int k = 0; k < K; k++)
            fprintf(out, "\t%.6g", w[j][k]);
        fprintf(out, "\n");
    }
    /* words in byte order, so the file changes only where the corpus does */
    size_t *order = malloc((v->n ? v->n : 1) * sizeof *order), n = 0;
    for (size_t i = 0; order && i < v->n; i++)
        if (!isnan(m->lp[i][0]))
            order[n++] = i;
    for (size_t i = 1; i < n; i++) /* insertion sort by word: a few thousand words */
        for (size_t j = i; j > 0 && strcmp(v->word[order[j - 1]], v->word[order[j]]) > 0; j--) {
            size_t t = order[j];
            order[j] = order[j - 1];
            order[j - 1] = t;
        }
    for (size_t i = 0; i < n; i++) {
        fprintf(out, "word\t%s", v->word[order[i]]);
        for (int k = 0; k < K; k++)
            fprintf(out, "\t%.6g", m->lp[order[i]][k]);
        fprintf(out, "\n");
    }
    free(order);
}

/* Compare two model files field by field: names equal, numbers within 1e-3. */
static int compare(const char *a_path, const char *b_text)
{
    FILE *fa = fopen(a_path, "r");
    if (!fa) {
        fprintf(stderr, "train-classify: cannot read %s\n", a_path);
        return 1;
    }
    char *la = NULL;
    size_t cap = 0;
    const char *b = b_text;
    long line = 0;
    int rc = 0;
    while (!rc) {
        ssize_t n = getline(&la, &cap, fa);
        const char *nl = strchr(b, '\n');
        if (n < 0 || !nl) {
            rc = (n < 0) != (!nl);
            break;
        }
        line++;
        char *lb = strndup(b, (size_t)(nl - b));
        b = nl + 1;
        if (!lb) {
            rc = 1;
            break;
        }
        la[strcspn(la, "\n")] = '\0';
        if (la[0] != '#' || lb[0] != '#') {
            char *sa, *sb, *ta = strtok_r(la, "\t", &sa), *tb = strtok_r(lb, "\t", &sb);
            for (; ta && tb && !rc; ta = strtok_r(NULL, "\t", &sa), tb = strtok_r(NULL, "\t", &sb)) {
                char *ea, *eb;
                double x = strtod(ta, &ea), y = strtod(tb, &eb);
                if (*ea || *eb || ea == ta || eb == tb)
                    rc = strcmp(ta, tb) != 0;
                else
                    rc = fabs(x - y) > 1e-3 * (1.0 + fabs(x));
            }
            rc |= (ta != NULL) != (tb != NULL);
        }
        free(lb);
    }
    if (rc)
        fprintf(stderr, "train-classify: %s differs from the fitted model at line %ld\n", a_path,
                line);
    free(la);
    fclose(fa);
    return rc;
}

/* ---------------------------------------------------------------- main */

static double macro_f1(long confusion[K][K])
{
    double macro = 0;
    for (int k = 0; k < K; k++) {
        long tp = confusion[k][k], gold = 0, pred = 0;
        for (int j = 0; j < K; j++) {
            gold += confusion[k][j];
            pred += confusion[j][k];
        }
        double p = pred ? (double)tp / (double)pred : 0, r = gold ? (double)tp / (double)gold : 0;
        macro += p + r > 0 ? 2 * p * r / (p + r) : 0;
    }
    return macro / K;
}

static int lowo(sample *s, size_t n, const corpus *c, size_t nvocab, bool errors)
{
    bool *use = malloc(n ? n : 1);
    long confusion[K][K] = { { 0 } };
    if (!use)
        return 1;
    for (size_t f = 0; f < c->nfiles; f++) {
        size_t ntest = 0;
        long conf[K][K] = { { 0 } };
        for (size_t i = 0; i < n; i++) {
            use[i] = s[i].file != f;
            ntest += !use[i];
        }
        double w[NF + 1][K];
        words_model m;
        if (!ntest)
            continue;
        if (!out_of_fold(s, n, use, c->nfiles, nvocab) || !weights_fit(s, n, use, w) ||
            !words_fit(s, n, use, nvocab, &m)) {
            free(use);
            return 1;
        }
        for (size_t i = 0; i < n; i++)
            if (!use[i]) {
                words_posterior(&m, &s[i], s[i].x + UKC__FEAT_WORD_MODEL);
                int got = predict(&s[i], w);
                if (errors && got != s[i].kind)
                    printf("%s\tgold %s\tgot %s\t%s\n", s[i].row->id,
                           ukc_feedback_kind_name((ukc_feedback_kind)s[i].kind),
                           ukc_feedback_kind_name((ukc_feedback_kind)got), s[i].row->text);
                conf[s[i].kind][got]++;
                confusion[s[i].kind][got]++;
            }
        free(m.lp);
        long right = 0;
        for (int k = 0; k < K; k++)
            right += conf[k][k];
        printf("%-18s %4zu messages, accuracy %.3f\n", c->files[f], ntest,
               (double)right / (double)ntest);
    }
    free(use);
    long right = 0, all = 0;
    for (int k = 0; k < K; k++)
        for (int j = 0; j < K; j++) {
            all += confusion[k][j];
            right += k == j ? confusion[k][j] : 0;
        }
    for (int k = 0; k < K; k++) {
        printf("  %-10s", ukc_feedback_kind_name((ukc_feedback_kind)k));
        for (int j = 0; j < K; j++)
            printf(" %5ld", confusion[k][j]);
        printf("\n");
    }
    printf("leave-one-writer-out over %ld tune messages: macro-F1 %.3f, accuracy %.3f\n", all,
           macro_f1(confusion), all ? (double)right / (double)all : 0);
    return 0;
}

int main(int argc, char **argv)
{
    const char *out_path = NULL, *check_path = NULL;
    bool do_lowo = false, errors = false;
    corpus c = { 0 };
    int rc = 0, paths = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-o") == 0 && i + 1 < argc)
            out_path = argv[++i];
        else if (strcmp(argv[i], "--check") == 0 && i + 1 < argc)
            check_path = argv[++i];
        else if (strcmp(argv[i], "--lowo") == 0)
            do_lowo = true;
        else if (strcmp(argv[i], "--errors") == 0)
            errors = true;
        else {
            rc |= corpus_load(&c, argv[i]);
            paths++;
        }
    }
    if (!paths || rc) {
        if (!paths)
            fprintf(stderr, "usage: train-classify [-o MODEL | --check MODEL | --lowo [--errors]] "
                            "PATH...\n");
        corpus_free(&c);
        return 2;
    }
    sample *s = calloc(c.n ? c.n : 1, sizeof *s);
    vocab v = { 0 };
    size_t n = 0;
    for (size_t i = 0; s && i < c.n && !rc; i++) {
        const corpus_row *r = &c.rows[i];
        if (r->split != SPLIT_TUNE)
            continue; /* the holdout split is never read */
        ukc_tokens t;
        if (ukc__classify_features(r->text, strlen(r->text), s[n].x, &t) != UKC_OK) {
            fprintf(stderr, "%s:%ld: %s\n", r->file, r->line, ukc_last_error()->message);
            rc = 1;
            break;
        }
        s[n].kind = r->kind;
        s[n].row = r;
        for (size_t f = 0; f < c.nfiles; f++)
            if (c.files[f] == r->file)
                s[n].file = f;
        s[n].words = malloc((2 * t.n + 1) * sizeof *s[n].words);
        for (size_t w = 0; s[n].words && w < t.n; w++) {
            uint32_t id = vocab_id(&v, t.norm + t.tok[w].norm, t.tok[w].nlen);
            rc |= id == UINT32_MAX;
            s[n].words[s[n].nwords++] = id;
            if (w + 1 == t.n || t.tok[w].sentence != t.tok[w + 1].sentence)
                continue; /* pairs of words in one sentence, as the library reads them */
            char pair[2 * 256 + 2];
            int len = snprintf(pair, sizeof pair, "%.*s %.*s", (int)t.tok[w].nlen,
                               t.norm + t.tok[w].norm, (int)t.tok[w + 1].nlen,
                               t.norm + t.tok[w + 1].norm);
            if (len <= 0 || len > 255)
                continue; /* the model file keeps words of up to 255 bytes */
            id = vocab_id(&v, pair, (size_t)len);
            rc |= id == UINT32_MAX;
            s[n].words[s[n].nwords++] = id;
        }
        rc |= !s[n].words;
        ukc__tokens_free(&t);
        n++;
    }
    if (!s || rc) {
        fprintf(stderr, "train-classify: out of memory or bad text\n");
        rc = 1;
    } else if (do_lowo) {
        rc = lowo(s, n, &c, v.n, errors);
    } else {
        bool *use = malloc(n ? n : 1);
        double w[NF + 1][K];
        words_model m = { 0 };
        if (use)
            memset(use, 1, n ? n : 1);
        if (!use || !out_of_fold(s, n, use, c.nfiles, v.n) || !weights_fit(s, n, use, w) ||
            !words_fit(s, n, use, v.n, &m)) {
            fprintf(stderr, "train-classify: out of memory\n");
            rc = 1;
        } else {
            char *text = NULL;
            size_t len = 0;
            FILE *out = check_path ? open_memstream(&text, &len)
                        : out_path ? fopen(out_path, "w")
                                   : stdout;
            if (!out) {
                fprintf(stderr, "train-classify: cannot write %s\n", out_path);
                rc = 1;
            } else {
                write_model(out, &v, &m, w, n, c.nfiles);
                if (out != stdout)
                    rc |= fclose(out) != 0;
                if (check_path && !rc)
                    rc = compare(check_path, text);
                free(text);
            }
        }
        free(m.lp);
        free(use);
    }
    for (size_t i = 0; s && i < n; i++)
        free(s[i].words);
    free(s);
    for (size_t i = 0; i < v.n; i++)
        free(v.word[i]);
    free(v.word);
    free(v.slot);
    corpus_free(&c);
    return rc;
}
