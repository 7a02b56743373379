/* eval-classify: measure ukc_classify_text() against a labelled corpus.
 *
 * usage: eval-classify [--split tune|holdout|all] [--errors] [--rule] [--skip-missing] PATH...
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
 * listing them takes an explicit `--split holdout`. --rule scores the cue rule's
 * answer (ukc_classification_rule_kind() and _rule_route()) instead of the final one,
 * to see what the weighing model adds. With --skip-missing a
 * missing PATH exits 77 (meson's "skipped"). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <ukcomplaints.h>

#include "corpus.h"

#define K UKC_FEEDBACK_KIND_COUNT
enum { SPLIT_ALL = 2, NSPLITS };
static const char *const split_names[NSPLITS] = { "tune", "holdout", "all" };

typedef struct stats {
    long confusion[K][K]; /* [gold][predicted] */
    long rows, route_right;
} stats;

static stats totals[NSPLITS];
static bool show_errors, rule_only;
static int only_split = -1; /* -1: every split */

static int eval_row(const corpus_row *r)
{
    if (only_split >= 0 && r->split != only_split)
        return 0;
    ukc_classification *c;
    if (ukc_classify_text(r->text, strlen(r->text), NULL, &c) != UKC_OK) {
        fprintf(stderr, "%s:%ld: %s\n", r->file, r->line, ukc_last_error()->message);
        return 1;
    }
    ukc_feedback_kind got =
        rule_only ? ukc_classification_rule_kind(c) : ukc_classification_kind(c);
    const char *route =
        rule_only ? ukc_classification_rule_route(c) : ukc_classification_route(c);
    /* The corpus's labelling guide folds data protection matters other than
     * subject access (a breach report) into subject-access. */
    bool route_ok = strcmp(route ? route : "-", r->route) == 0 ||
                    (route && strcmp(route, "data-breach") == 0 &&
                     strcmp(r->route, "subject-access") == 0);
    int splits[2] = { r->split, SPLIT_ALL };
    for (int i = 0; i < 2; i++) {
        totals[splits[i]].confusion[r->kind][got]++;
        totals[splits[i]].rows++;
        totals[splits[i]].route_right += route_ok;
    }
    int error_split = only_split >= 0 ? only_split : SPLIT_TUNE;
    if (show_errors && r->split == error_split && (got != r->kind || !route_ok))
        printf("%s\t%s\tgold %s/%s\tgot %s/%s\t%s\n", r->id, split_names[r->split],
               ukc_feedback_kind_name(r->kind), r->route, ukc_feedback_kind_name(got),
               route ? route : "-", r->text);
    ukc_classification_free(c);
    return 0;
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
    corpus corpus_rows = { 0 };
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--errors") == 0) {
            show_errors = true;
        } else if (strcmp(argv[i], "--rule") == 0) {
            rule_only = true;
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
            rc |= corpus_load(&corpus_rows, argv[i]);
            paths++;
        }
    }
    if (!paths) {
        fprintf(stderr, "usage: eval-classify [--split tune|holdout|all] [--errors] [--rule] "
                        "[--skip-missing] PATH...\n");
        return 2;
    }
    for (size_t i = 0; i < corpus_rows.n; i++)
        rc |= eval_row(&corpus_rows.rows[i]);
    corpus_free(&corpus_rows);
    for (int s = 0; s < NSPLITS; s++)
        if (only_split < 0 || s == only_split)
            report(s);
    return rc;
}
