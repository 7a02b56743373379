/* Private: the classifier's lexicon, words and matching. */
#ifndef UKC_CLASSIFY_INTERNAL_H
#define UKC_CLASSIFY_INTERNAL_H

#include <stdint.h>

#include <unicode/ubrk.h>
#include <unicode/unorm2.h>

#include "ukcomplaints/classify.h"

/* What a lexicon row is for. The scoring categories come first, in the order of
 * their IDs; the others drive negation or name a route or area. */
typedef enum ukc_cue_cat {
    UKC_CUE_DISSATISFACTION,
    UKC_CUE_BREACHED,
    UKC_CUE_SARCASM,
    UKC_CUE_PRAISE,
    UKC_CUE_THANKS,
    UKC_CUE_SUGGESTION,
    UKC_CUE_OPINION,
    UKC_CUE_REQUEST,
    UKC_CUE_ROUTE,
    UKC_CUE_AREA,
    UKC_CUE_NEGATION,
    UKC_CUE_PSEUDO_NEGATION,
    UKC_CUE_TERMINATOR,
    UKC_CUE_NOT_ROUTE, /* looks like a route cue but is not one: no route cue may overlap it */
    UKC_CUE_STAKE,     /* ties the message to the writer's own case ("my", "we", "caller") */
    UKC_CUE_NEUTRAL,   /* a phrase that counts for nothing and keeps shorter cues out of it */
    UKC_CUE_CAT_COUNT
} ukc_cue_cat;

/* One alternative of a slot: a word, or a stem when prefix is set. */
typedef struct ukc_lex_alt {
    const char *word; /* normalised, NUL-terminated, in the lexicon's string pool */
    uint32_t len;
    bool prefix;
} ukc_lex_alt;

/* WORDS: one word from the alternatives; ANY: any one word; GAP: up to three words;
 * START (`^`, first slot only): the match begins a sentence or a clause; QUESTION
 * (`$?`, last slot only): the sentence of the match ends with a question mark. START
 * and QUESTION match no word. */
typedef enum ukc_slot_kind {
    UKC_SLOT_WORDS,
    UKC_SLOT_ANY,
    UKC_SLOT_GAP,
    UKC_SLOT_START,
    UKC_SLOT_QUESTION
} ukc_slot_kind;

typedef struct ukc_lex_slot {
    ukc_slot_kind kind;
    bool optional;
    uint32_t alt, nalt; /* range in the lexicon's alts */
} ukc_lex_slot;

typedef struct ukc_lex_pattern {
    ukc_cue_cat cat;
    uint8_t route; /* index in ukc__routes when cat is UKC_CUE_ROUTE */
    double weight;
    const char *detail; /* route or area name, or "" */
    const char *text;   /* the pattern as written */
    uint32_t slot, nslot;
    uint32_t line;
} ukc_lex_pattern;

/* A hash index from a word (exact) or stem (prefix) to the patterns whose first slot holds it. */
typedef struct ukc_lex_index {
    uint32_t *heads;   /* size cap: 0 = empty, else 1 + entry */
    uint32_t cap;      /* power of two */
    struct ukc_lex_key {
        const char *word;
        uint32_t len, first, count; /* range in ids */
    } *keys;
    uint32_t nkeys;
    uint32_t *ids;
} ukc_lex_index;

typedef struct ukc_lexicon {
    ukc_lex_pattern *patterns;
    uint32_t npatterns;
    ukc_lex_slot *slots;
    uint32_t nslots;
    ukc_lex_alt *alts;
    uint32_t nalts;
    char *pool; /* all strings */
    size_t pool_len, pool_cap;
    ukc_lex_index exact, stems;
    uint64_t stem_lengths; /* bit n set when a stem of n bytes (n < 64) exists */
    UBreakIterator *words, *sentences; /* templates, cloned by each call */
    const UNormalizer2 *nfkc_cf;
} ukc_lexicon;

/* The routes a lexicon may name, in the order of their IDs (UKC-C010 ...). */
extern const char *const ukc__routes[];
extern const size_t ukc__route_count;

/* Parse a lexicon from TSV text; on failure the error names the line. */
ukc_status ukc__lexicon_parse(const char *text, size_t len, ukc_lexicon **out);
void ukc__lexicon_destroy(ukc_lexicon *lex);
/* The embedded lexicon, parsed once and shared. */
ukc_status ukc__lexicon_builtin(const ukc_lexicon **out);

/* Parse s[0..n) as a decimal number ([+-]digits[.digits][e[+-]digits]) whatever the
 * process's locale (strtod would read "1.5" as 1 under a comma-decimal locale such as
 * de_DE.UTF-8). False unless the whole of s is such a number and it is finite. */
bool ukc__parse_decimal(const char *s, size_t n, double *out);

/* One word of the text after normalisation. */
typedef struct ukc_token {
    uint32_t start, end;  /* byte span in the caller's text */
    uint32_t norm, nlen;  /* normalised form in the text's buffer */
    uint32_t sentence;
    bool clause_start; /* punctuation (, ; : brackets, dashes) comes before it */
    bool question;     /* its sentence holds a question mark */
} ukc_token;

/* A message split into words. */
typedef struct ukc_tokens {
    ukc_token *tok;
    size_t n, cap;
    char *norm;
    size_t norm_len, norm_cap;
    uint32_t nsentences;
} ukc_tokens;

/* Check that text is UTF-8 without NUL bytes; on failure *bad is the byte offset. */
bool ukc__utf8_valid(const char *text, size_t len, size_t *bad);

/* Normalise one word (NFKC case folding, straight quotes) into buf; returns the
 * length, or 0 when it does not fit or cannot be normalised. */
size_t ukc__normalise_word(const UNormalizer2 *nfkc_cf, const char *word, size_t len, char *buf,
                           size_t cap);

/* Split valid UTF-8 into normalised words and sentences. */
ukc_status ukc__tokenise(const ukc_lexicon *lex, const char *text, size_t len, ukc_tokens *out);
void ukc__tokens_free(ukc_tokens *t);

/* The route score at which the cue rule makes a message `other` when the caller
 * gives no threshold, and the share of the threshold from which the weighing model
 * may choose `other` when the message's words and cues weigh for it. */
#define UKC__DEFAULT_ROUTE_THRESHOLD 2.0
#define UKC__MODEL_ROUTE_SHARE 0.75

/* ---- the weighing model (classify_model.c, lib/data/model.tsv) ----
 * Features of a message, in this order: for each scoring cue category (the first
 * UKC__MODEL_CUES of ukc_cue_cat) the summed weight of its counted cues, of its
 * negated cues, and the extra weight its cues gain after a contrast; the best
 * route score and whether it reaches the default threshold; whether a word of the
 * writer's stake occurs; log(1 + words); log(1 + sentences); which kind the cue
 * rule chose; and the word model's posterior for each kind. */
#define UKC__MODEL_CUES 8
enum {
    UKC__FEAT_ROUTE = 3 * UKC__MODEL_CUES,
    UKC__FEAT_ROUTE_OVER,
    UKC__FEAT_STAKE,
    UKC__FEAT_WORDS,
    UKC__FEAT_SENTENCES,
    UKC__FEAT_RULE, /* one per kind: 1 for the kind the cue rule chose */
    UKC__FEAT_WORD_MODEL = UKC__FEAT_RULE + UKC_FEEDBACK_KIND_COUNT,
    UKC__MODEL_FEATURES = UKC__FEAT_WORD_MODEL + UKC_FEEDBACK_KIND_COUNT
};

typedef struct ukc_model ukc_model;

/* Parse a model from TSV text; on failure the error names the line. */
ukc_status ukc__model_parse(const char *text, size_t len, ukc_model **out);
void ukc__model_destroy(ukc_model *m);
/* The embedded model, parsed once and shared. */
ukc_status ukc__model_builtin(const ukc_model **out);
/* The name of feature i (UKC__MODEL_FEATURES names the bias); buf may hold it. */
const char *ukc__model_feature_name(size_t i, char *buf, size_t cap);
/* The word model's posterior probability of each kind for the message's words. */
void ukc__model_word_posterior(const ukc_model *m, const ukc_tokens *t, double *post);
/* log P(word | kind) for each kind, or NULL when the word model does not know it. */
const float *ukc__model_word(const ukc_model *m, const char *word, size_t len);
/* log P(pair | kind) for the words i and i + 1 of a message when both are in one
 * sentence, or NULL when they are not or the word model does not know the pair. */
const float *ukc__model_pair(const ukc_model *m, const ukc_tokens *t, size_t i);
/* The model's score for each kind from a full feature vector. */
void ukc__model_scores(const ukc_model *m, const double *x, double *z);
/* The kinds other than `other` that the message's cues support (bit k for kind k):
 * complaint by a sign of dissatisfaction or negated praise; comment by a
 * suggestion or view, or by dissatisfaction without a word of the writer's stake;
 * compliment by praise or thanks; request by a request. */
unsigned ukc__model_support(const double *x);
/* The kind among those allowed (bit k for kind k) that the model scores highest,
 * or -1 when none is allowed; prob[k] gets the model's probability of kind k among
 * the allowed kinds (0 for the others). */
int ukc__model_choose(const ukc_model *m, const double *x, unsigned allowed, double *prob);

/* The features of a message (UKC__MODEL_FEATURES values, the word model's left 0)
 * and its words, for the training program; t must be freed. */
ukc_status ukc__classify_features(const char *text, size_t len, double *x, ukc_tokens *t);

#endif
