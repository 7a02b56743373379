/* eval-classify: measure ukc_classify_text() against a labelled corpus.
 *
 * usage: eval-classify [--split tune|holdout|all] [--errors] [--skip-missing] PATH...
 *
 * Each PATH is a TSV file or a directory of *.tsv files with the header
 *   id<TAB>split<TAB>kind<TAB>route<TAB>text<TAB>provenance
 * where split is `tune` or `holdout`, kind one of complaint, comment,
 * compliment, request, other, route `-` or a route name, and text has newlines,
 * tabs and backslashes escaped as \n, \t and \\. Prints per-class precision,
 * recall and F1, macro-F1 and the confusion matrix for tune, holdout and all,
 * and the route accuracy. --split limits the evaluation to the rows of one split
 * (default all). --errors lists the misclassified rows of the tune split only,
 * or of the split named by --split: holdout rows must never guide tuning, so
 * listing them takes an explicit `--split holdout`. With --skip-missing a
 * missing PATH exits 77 (meson's "skipped"). */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <ukcomplaints.h>

#define K UKC_FEEDBACK_KIND_COUNT
enum { SPLIT_TUNE, SPLIT_HOLDOUT, SPLIT_ALL, NSPLITS };
static const char *const split_names[NSPLITS] = { "tune", "holdout", "all" };

typedef struct stats {
    long confusion[K][K]; /* [gold][predicted] */
    long rows, route_right;
} stats;

static stats totals[NSPLITS];
static bool show_errors;
static int only_split = -1; /* -1: every split */

static void unescape(char *s)
{
    char *d = s;
    for (; *s; s++) {
        if (*s == '\\' && s[1]) {
            s++;
            *d++ = *s == 'n' ? '\n' : *s == 't' ? '\t' : *s == 'r' ? '\r' : *s;
        } else {
            *d++ = *s;
        }
    }
    *d = '\0';
}

static int split_fields(char *line, char **f, int max)
{
    int n = 0;
    f[n++] = line;
    for (char *p = line; *p && n < max; p++)
        if (*p == '\t') {
            *p = '\0';
            f[n++] = p + 1;
        }
    return n;
}

static int eval_file(const char *path)
{
    FILE *fp = fopen(path, "r");
    if (!fp) {
        fprintf(stderr, "eval-classify: cannot open %s\n", path);
        return 1;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    long lineno = 0;
    int rc = 0;
    while ((n = getline(&line, &cap, fp)) >= 0) {
        lineno++;
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            line[--n] = '\0';
        if (n == 0)
            continue;
        char *f[7];
        int nf = split_fields(line, f, 7);
        if (lineno == 1) {
            if (nf != 6 || strcmp(f[0], "id") || strcmp(f[1], "split") || strcmp(f[2], "kind") ||
                strcmp(f[3], "route") || strcmp(f[4], "text") || strcmp(f[5], "provenance")) {
                fprintf(stderr, "%s:1: expected the header id, split, kind, route, text, provenance\n",
                        path);
                rc = 1;
                break;
            }
            continue;
        }
        ukc_feedback_kind gold;
        int split = strcmp(f[1], "tune") == 0 ? SPLIT_TUNE
                    : strcmp(f[1], "holdout") == 0 ? SPLIT_HOLDOUT
                                                   : -1;
        if (nf != 6 || split < 0 || ukc_feedback_kind_from_name(f[2], &gold) != UKC_OK) {
            fprintf(stderr, "%s:%ld: bad row (6 fields, split tune|holdout, a known kind)\n",
                    path, lineno);
            rc = 1;
            continue;
        }
        if (only_split >= 0 && split != only_split)
            continue;
        unescape(f[4]);
        ukc_classification *c;
        if (ukc_classify_text(f[4], strlen(f[4]), NULL, &c) != UKC_OK) {
            fprintf(stderr, "%s:%ld: %s\n", path, lineno, ukc_last_error()->message);
            rc = 1;
            continue;
        }
        ukc_feedback_kind got = ukc_classification_kind(c);
        const char *route = ukc_classification_route(c);
        /* The corpus's labelling guide folds data protection matters other than
         * subject access (a breach report) into subject-access. */
        bool route_ok = strcmp(route ? route : "-", f[3]) == 0 ||
                        (route && strcmp(route, "data-breach") == 0 &&
                         strcmp(f[3], "subject-access") == 0);
        int splits[2] = { split, SPLIT_ALL };
        for (int i = 0; i < 2; i++) {
            totals[splits[i]].confusion[gold][got]++;
            totals[splits[i]].rows++;
            totals[splits[i]].route_right += route_ok;
        }
        int error_split = only_split >= 0 ? only_split : SPLIT_TUNE;
        if (show_errors && split == error_split && (got != gold || !route_ok))
            printf("%s\t%s\tgold %s/%s\tgot %s/%s\t%s\n", f[0], f[1], f[2], f[3],
                   ukc_feedback_kind_name(got), route ? route : "-", f[4]);
        ukc_classification_free(c);
    }
    free(line);
    fclose(fp);
    return rc;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int eval_path(const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        fprintf(stderr, "eval-classify: %s does not exist\n", path);
        return 1;
    }
    if (!S_ISDIR(st.st_mode))
        return eval_file(path);
    DIR *d = opendir(path);
    if (!d)
        return 1;
    char **names = NULL;
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t len = strlen(e->d_name);
        if (len > 4 && strcmp(e->d_name + len - 4, ".tsv") == 0) {
            char **p = realloc(names, (n + 1) * sizeof *names);
            if (!p)
                break;
            names = p;
            names[n] = malloc(strlen(path) + len + 2);
            if (names[n])
                sprintf(names[n++], "%s/%s", path, e->d_name);
        }
    }
    closedir(d);
    qsort(names, n, sizeof *names, cmp_str);
    int rc = 0;
    for (size_t i = 0; i < n; i++) {
        rc |= eval_file(names[i]);
        free(names[i]);
    }
    free(names);
    return rc;
}

static void report(int split)
{
    const stats *s = &totals[split];
    printf("== %s: %ld messages\n", split_names[split], s->rows);
    if (s->rows == 0)
        return;
    printf("%-12s %9s %9s %9s %8s\n", "kind", "precision", "recall", "F1", "support");
    double macro = 0;
    int classes = 0;
    long right = 0;
    for (int k = 0; k < K; k++) {
        long tp = s->confusion[k][k], gold = 0, pred = 0;
        for (int j = 0; j < K; j++) {
            gold += s->confusion[k][j];
            pred += s->confusion[j][k];
        }
        right += tp;
        double p = pred ? (double)tp / (double)pred : 0, r = gold ? (double)tp / (double)gold : 0;
        double f1 = p + r > 0 ? 2 * p * r / (p + r) : 0;
        if (gold > 0 || pred > 0) {
            macro += f1;
            classes++;
        }
        printf("%-12s %9.3f %9.3f %9.3f %8ld\n", ukc_feedback_kind_name((ukc_feedback_kind)k), p,
               r, f1, gold);
    }
    printf("macro-F1 %.3f over %d classes; accuracy %.3f; route accuracy %.3f\n",
           classes ? macro / classes : 0, classes, (double)right / (double)s->rows,
           (double)s->route_right / (double)s->rows);
    printf("confusion (rows gold, columns predicted):\n%-12s", "");
    for (int j = 0; j < K; j++)
        printf(" %10.10s", ukc_feedback_kind_name((ukc_feedback_kind)j));
    printf("\n");
    for (int k = 0; k < K; k++) {
        printf("%-12s", ukc_feedback_kind_name((ukc_feedback_kind)k));
        for (int j = 0; j < K; j++)
            printf(" %10ld", s->confusion[k][j]);
        printf("\n");
    }
}

int main(int argc, char **argv)
{
    bool skip_missing = false;
    int rc = 0, paths = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--errors") == 0) {
            show_errors = true;
        } else if (strcmp(argv[i], "--split") == 0 && i + 1 < argc) {
            i++;
            only_split = strcmp(argv[i], "tune") == 0      ? SPLIT_TUNE
                         : strcmp(argv[i], "holdout") == 0 ? SPLIT_HOLDOUT
                         : strcmp(argv[i], "all") == 0     ? -1
                                                           : -2;
            if (only_split == -2) {
                fprintf(stderr, "eval-classify: --split takes tune, holdout or all\n");
                return 2;
            }
        } else if (strcmp(argv[i], "--skip-missing") == 0) {
            skip_missing = true;
        } else {
            struct stat st;
            if (skip_missing && stat(argv[i], &st) != 0) {
                printf("eval-classify: %s is absent; skipped\n", argv[i]);
                return 77;
            }
            rc |= eval_path(argv[i]);
            paths++;
        }
    }
    if (!paths) {
        fprintf(stderr, "usage: eval-classify [--split tune|holdout|all] [--errors] "
                        "[--skip-missing] PATH...\n");
        return 2;
    }
    for (int s = 0; s < NSPLITS; s++)
        if (only_split < 0 || s == only_split)
            report(s);
    return rc;
}
