/* The classifier's trainer: labelled sources, features and fitting, shared by
 * train-classify (writes lib/data/model.bin) and eval-sources (the
 * leave-one-source-out evaluation). */
#ifndef UKC_TRAIN_H
#define UKC_TRAIN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "classify_internal.h"

#define K UKC_FEEDBACK_KIND_COUNT
#define NF UKC__MODEL_FEATURES

/* One labelled message of one source. */
typedef struct train_row {
    char *text;
    int kind;       /* the kind its source's label maps to */
    bool holdout;   /* the corpus's holdout split: never trained on */
} train_row;

typedef struct train_source {
    const char *name;   /* e.g. "corpus", "banking77" */
    const char *what;   /* one line: what it is */
    double weight;      /* its share of the training weight */
    train_row *rows;
    size_t n, cap;
} train_source;

/* The sources the trainer reads, in a fixed order. */
enum {
    SRC_CORPUS,
    SRC_NHS,
    SRC_UCI,
    SRC_VADER,
    SRC_BANKING,
    SRC_CLINC,
    SRC_GOEMOTIONS,
    SRC_COUNT
};

/* Read every source under root (the repository's top directory): the corpus's
 * tests/data/feedback and tests/data/sources/. Messages, labels, order and
 * mapping are fixed by the files. Returns 0, or 1 with a message on stderr. */
int train_load(train_source src[SRC_COUNT], const char *root);
void train_free(train_source src[SRC_COUNT]);

/* One message as the model reads it. */
typedef struct train_sample {
    double x[NF];
    uint32_t first, count; /* its hashed features: range in the set's arrays */
    unsigned allowed;       /* kinds the model may choose for it */
    int kind;
    int source;
    uint32_t row;           /* its row in the source */
    bool empty;             /* no words: the library answers `other` without the model */
    double weight;
} train_sample;

typedef struct train_set {
    train_sample *s;
    size_t n, cap;
    uint32_t *bucket;
    float *value;
    size_t nf, fcap;
} train_set;

/* Add the features of rows of a source; rows for which pick() is false are
 * skipped. Returns false when out of memory. */
bool train_add(train_set *set, const train_source *src, int source,
               bool (*pick)(const train_source *, size_t, void *), void *arg);
void train_set_free(train_set *set);

/* The training cap: at most this many messages of a source are fitted on, every
 * (n / cap)-th one, so that no large source dominates the features' vocabulary. */
#define TRAIN_CAP 3000

/* Which rows of a source are fitted on: the corpus's tune split, and up to
 * TRAIN_CAP evenly spaced rows of any other source. */
bool train_pick(const train_source *src, size_t i, void *arg);

/* How the model is fitted: L-BFGS iterations and the L2 penalties on the
 * hashed n-gram weights and on the standardised dense ones. train-classify uses
 * the shipped values; eval-sources can change them to explore. */
typedef struct train_settings {
    int iterations;
    double penalty_hashed, penalty_dense;
} train_settings;
extern train_settings train_config;

/* Fit the model on the samples with use[i] set (NULL: all), weighing each source
 * by its weight shared among its samples; write the model file's bytes to *out
 * (malloc'd). calibrate: fit the temperature on a half of the samples that a model
 * fitted on the other half did not see; otherwise the temperature is 1. */
bool train_fit(const train_set *set, const bool *use, bool calibrate, unsigned char **out,
               size_t *len, bool verbose);

/* The kind the model file gives a sample, as the library decides it. */
int train_predict(const ukc_model *m, const train_set *set, size_t i);

#endif
