/* Reading the labelled corpus (tests/data/feedback) for the evaluation and
 * training programs. */
#ifndef UKC_EVAL_CORPUS_H
#define UKC_EVAL_CORPUS_H

#include <stddef.h>

#include <ukcomplaints.h>

enum { SPLIT_TUNE, SPLIT_HOLDOUT };

typedef struct corpus_row {
    char *id, *route, *text; /* text unescaped */
    const char *file;        /* the file's base name, shared by its rows */
    int split;               /* SPLIT_TUNE or SPLIT_HOLDOUT */
    ukc_feedback_kind kind;
    long line;
} corpus_row;

typedef struct corpus {
    corpus_row *rows;
    size_t n, cap;
    char **files;
    size_t nfiles;
} corpus;

/* Append the rows of a TSV file, or of every *.tsv file of a directory in name
 * order, with the header id, split, kind, route, text, provenance. Bad rows are
 * reported on stderr and skipped; returns 0, or 1 after any error. */
int corpus_load(corpus *c, const char *path);
void corpus_free(corpus *c);

#endif
