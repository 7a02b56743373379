/* Private: the classifier's lexicon, words and matching. */
#ifndef UKC_CLASSIFY_INTERNAL_H
#define UKC_CLASSIFY_INTERNAL_H

#include <stdint.h>
#include <string.h>

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
    UKC_CUE_DECLARED, /* the writer calls the message a complaint */
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
    uint64_t mask;      /* WORDS: ukc__lex_id_bit of each alternative's ID, or-ed */
} ukc_lex_slot;

/* A word's or an alternative's ID (see ukc_lexicon) as one bit of 64: a slot can
 * hold a word only when their masks share a bit. */
static inline uint64_t ukc__lex_id_bit(uint32_t id)
{
    return (uint64_t)1 << ((id * 2654435761u) >> 26);
}

typedef struct ukc_lex_pattern {
    ukc_cue_cat cat;
    uint8_t route; /* index in ukc__routes when cat is UKC_CUE_ROUTE */
    double weight;
    const char *detail; /* route or area name, or "" */
    const char *text;   /* the pattern as written */
    uint32_t slot, nslot;
    uint32_t line;
} ukc_lex_pattern;

/* A pattern whose first word slot holds a key, with what rules it out at a glance. */
typedef struct ukc_lex_cand {
    uint32_t pattern;
    uint32_t flags; /* UKC__CAND_* */
    uint64_t next;  /* UKC__CAND_NEXT: the mask of the slot after the key */
    uint64_t next2; /* UKC__CAND_NEXT2: the mask of the slot after that */
} ukc_lex_cand;

enum {
    UKC__CAND_START = 1, /* the pattern begins with `^` */
    UKC__CAND_NEXT = 2,  /* the slot after the key must match the next word */
    UKC__CAND_NEXT2 = 4  /* and the slot after that the word after it */
};

/* A hash index of the words (exact) or stems (prefix) of every alternative, each a
 * key with the patterns whose first slot holds it (often none), in their order. */
typedef struct ukc_lex_index {
    uint64_t *heads;   /* size cap: 0 = empty, else the key's hash << 32 | (1 + entry) */
    uint32_t cap;      /* power of two */
    struct ukc_lex_key {
        const char *word;
        uint32_t len, first, count; /* range in cands */
    } *keys;
    uint32_t nkeys;
    ukc_lex_cand *cands;
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
    /* The ID of each alternative, sorted within each slot: an exact word's is its key's
     * index in exact, a stem's exact.nkeys + its key's index in stems. A slot holds a
     * word when it holds the word's ID or the ID of one of its stems. */
    uint32_t *alt_ids;
    uint64_t stem_lengths; /* bit n set when a stem of n bytes (n < 64) begins a pattern */
    /* bit n % 64 of [n / 64] set when any slot has a stem of n bytes (n < 128) */
    uint64_t any_stem_lengths[2];
    /* The FNV-1a hashes (or-ed with 1) of every prefix of every stem, open
     * addressing, 0 = empty: a word none of whose first l bytes begin a stem has no
     * stem of l bytes or more. */
    uint32_t *stem_prefixes;
    uint32_t stem_prefix_cap; /* a power of two */
    UBreakIterator *words, *sentences; /* templates, cloned by each call */
    uint64_t ascii_symbols[2];         /* bit c: ukc__symbol_char(c), for c < 128 */
    uint64_t ascii_stops[2];           /* bit c: ukc__sentence_stop(c), for c < 128 */
    const UNormalizer2 *nfkc_cf;
    /* word valence (lib/data/valence.tsv, from VADER): open addressing by ukc__fnv */
    struct ukc_valence {
        uint32_t word, len; /* in valence_pool */
        float value;
    } *valence;
    char *valence_pool; /* the table's words: a buffer of its own, sized once */
    uint32_t nvalence, valence_cap; /* valence_cap: a power of two, or 0 */
    uint64_t *valence_slots;         /* 0 = empty, else the word's hash << 32 | (1 + index) */
} ukc_lexicon;

/* Whether a[0..n) and b[0..n) are the same bytes: inline, for the short words of
 * the lexicon's tables, where a call to memcmp costs more than the comparing. */
static inline bool ukc__same_bytes(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (a[i] != b[i])
            return false;
    return true;
}

/* The words a thread has met, for what each part of the classifier keeps of a
 * word (the model's n-grams, the lexicon's IDs) at the word's index: open
 * addressing by the word's ukc__fnv, the words' bytes in a pool. Its user
 * empties it when full. */
#define UKC__WORDTAB_WORDS 4096
#define UKC__WORDTAB_BYTES (16 * UKC__WORDTAB_WORDS)

typedef struct ukc_wordtab {
    uint32_t nwords, nbytes;
    uint16_t slot[2 * UKC__WORDTAB_WORDS]; /* 0 = empty, else 1 + the word's index */
    struct ukc_wordtab_word {
        uint32_t hash, bytes, len;
    } word[UKC__WORDTAB_WORDS];
    char bytes[UKC__WORDTAB_BYTES];
} ukc_wordtab;

static inline void ukc__wordtab_clear(ukc_wordtab *t)
{
    memset(t->slot, 0, sizeof t->slot);
    t->nwords = t->nbytes = 0;
}

/* Whether words more words of bytes bytes in all fit. */
static inline bool ukc__wordtab_room(const ukc_wordtab *t, size_t words, size_t bytes)
{
    return words <= UKC__WORDTAB_WORDS - t->nwords && bytes <= UKC__WORDTAB_BYTES - t->nbytes;
}

/* The index of word w[0..n), whose ukc__fnv is h, or -1 with *slot where it
 * would go. */
static inline int32_t ukc__wordtab_find(const ukc_wordtab *t, const char *w, uint32_t n,
                                        uint32_t h, uint32_t *slot)
{
    const uint32_t mask = 2 * UKC__WORDTAB_WORDS - 1;
    uint32_t i = h & mask;
    for (; t->slot[i]; i = (i + 1) & mask) {
        const struct ukc_wordtab_word *e = &t->word[t->slot[i] - 1];
        if (e->hash == h && e->len == n && ukc__same_bytes(t->bytes + e->bytes, w, n))
            return t->slot[i] - 1;
    }
    *slot = i;
    return -1;
}

/* Add word w[0..n) at *slot of ukc__wordtab_find(), when ukc__wordtab_room() said
 * it fits; returns its index. */
static inline uint32_t ukc__wordtab_add(ukc_wordtab *t, uint32_t slot, const char *w, uint32_t n,
                                        uint32_t h)
{
    uint32_t at = t->nwords++;
    t->word[at] = (struct ukc_wordtab_word){ h, t->nbytes, n };
    memcpy(t->bytes + t->nbytes, w, n);
    t->nbytes += n;
    t->slot[slot] = (uint16_t)(at + 1);
    return at;
}

/* The key w[0..n) in an index, given its hash h (ukc__fnv), or NULL. */
static inline const struct ukc_lex_key *ukc__lex_find(const ukc_lex_index *ix, const char *w,
                                                      uint32_t n, uint32_t h)
{
    /* a slot's hash rules out most other keys without reading them */
    for (uint32_t i = h & (ix->cap - 1); ix->heads[i]; i = (i + 1) & (ix->cap - 1)) {
        uint64_t e = ix->heads[i];
        if ((uint32_t)(e >> 32) != h)
            continue;
        const struct ukc_lex_key *k = &ix->keys[(uint32_t)e - 1];
        if (k->len == n && ukc__same_bytes(k->word, w, n))
            return k;
    }
    return NULL;
}

/* Whether some stem begins with the bytes whose hash (ukc__fnv) is h. */
static inline bool ukc__lex_stem_prefix(const ukc_lexicon *lex, uint32_t h)
{
    uint32_t mask = lex->stem_prefix_cap - 1;
    for (uint32_t i = h & mask; lex->stem_prefixes[i]; i = (i + 1) & mask)
        if (lex->stem_prefixes[i] == (h | 1u))
            return true;
    return false;
}

/* The routes a lexicon may name, and each one's evidence ID (UKC-C010 ...), in
 * the same order. */
extern const char *const ukc__routes[];
extern const ukc_id ukc__route_ids[];
extern const size_t ukc__route_count;

/* Parse a lexicon from TSV text; on failure the error names the line. */
ukc_status ukc__lexicon_parse(const char *text, size_t len, ukc_lexicon **out);
void ukc__lexicon_destroy(ukc_lexicon *lex);
/* The embedded lexicon, parsed once and shared. */
ukc_status ukc__lexicon_builtin(const ukc_lexicon **out);
/* Add word valences (WORD<TAB>VALENCE rows, -4..4, `#` comments) to a lexicon. */
ukc_status ukc__valence_parse(ukc_lexicon *lex, const char *text, size_t len);
/* The valence of a normalised word, 0 when the table does not know it. */
float ukc__valence(const ukc_lexicon *lex, const char *w, size_t len);
/* The same, given the word's hash (ukc__fnv). */
float ukc__valence_hashed(const ukc_lexicon *lex, const char *w, size_t len, uint32_t hash);

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
    bool negated;      /* in the scope of a negation word, whether or not a cue holds it */
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

/* Whether a character is a symbol (emoji, math): a segment ICU does not call a word
 * is kept as one when it starts with such a character. */
bool ukc__symbol_char(UChar32 c);

/* Whether ICU's sentence breaking may end a sentence after a character: a
 * terminator (Sentence_Break STerm or ATerm) or a separator (Sep, CR, LF).
 * Without one before it, no sentence boundary falls inside a text. */
bool ukc__sentence_stop(UChar32 c);

/* Split valid UTF-8 into normalised words and sentences. */
ukc_status ukc__tokenise(const ukc_lexicon *lex, const char *text, size_t len, ukc_tokens *out);
/* The same into out's arrays, reusing them (out is zeroed or was tokenised
 * before). */
ukc_status ukc__tokenise_into(const ukc_lexicon *lex, const char *text, size_t len,
                              ukc_tokens *out);
void ukc__tokens_free(ukc_tokens *t);

/* The route score at which the cue rule makes a message `other` when the caller
 * gives no threshold, and the share of the threshold from which the weighing model
 * may choose `other` when the message's words and cues weigh for it. */
#define UKC__DEFAULT_ROUTE_THRESHOLD 2.0
#define UKC__MODEL_ROUTE_SHARE 0.75

/* ---- the model (classify_model.c, lib/data/model.bin) ----
 * A multinomial logistic regression over two kinds of input.
 *
 * Dense features, in this order: for each scoring cue category (the first
 * UKC__MODEL_CUES of ukc_cue_cat) the summed weight of its counted cues, of its
 * negated cues, and the extra weight its cues gain after a contrast; the best route
 * score and whether it reaches the default threshold; whether a word of the writer's
 * stake occurs; log(1 + words); log(1 + sentences); which kind the cue rule chose;
 * the positive and the negative word valence (VADER, a negated word's valence
 * turned by -0.74 as VADER does), each summed and divided by sqrt(1 + words);
 * whether a sentence asks a question.
 *
 * Hashed features: the message's normalised words, the pairs of adjacent words in
 * one sentence, and the character 2- to 5-grams inside each word with `<` and `>`
 * marking its ends. Each n-gram is hashed (FNV-1a, seeded by its group) to one of
 * UKC__MODEL_BUCKETS buckets with a sign; each group's values are 1/sqrt(the group's
 * number of n-grams), so every group has unit length when its n-grams differ. */
#define UKC__MODEL_CUES 9
enum {
    UKC__FEAT_ROUTE = 3 * UKC__MODEL_CUES,
    UKC__FEAT_ROUTE_OVER,
    UKC__FEAT_STAKE,
    UKC__FEAT_WORDS,
    UKC__FEAT_SENTENCES,
    UKC__FEAT_RULE, /* one per kind: 1 for the kind the cue rule chose */
    UKC__FEAT_VALENCE_POS = UKC__FEAT_RULE + UKC_FEEDBACK_KIND_COUNT,
    UKC__FEAT_VALENCE_NEG,
    UKC__FEAT_QUESTION,
    UKC__MODEL_FEATURES
};

#define UKC__MODEL_BITS 18
#define UKC__MODEL_BUCKETS (1u << UKC__MODEL_BITS)

enum { UKC__GROUP_WORD, UKC__GROUP_PAIR, UKC__GROUP_CHARS, UKC__GROUP_COUNT };

/* What a word feature's off holds: the word as it is, negated (in a negation's
 * scope or a sarcastic cue), or in a question. Each is hashed apart. */
enum { UKC__MARK_NONE = 0, UKC__MARK_NEGATED = 'n', UKC__MARK_QUESTION = 'q' };

/* One hashed n-gram of a message. */
typedef struct ukc_hfeat {
    uint32_t bucket;
    float value;   /* signed: the hash's sign times the group's scale */
    uint32_t tok;  /* its (first) word */
    uint8_t group; /* UKC__GROUP_* */
    uint8_t off, len; /* chars: bytes off..off+len of "<" word ">"; words: off is a UKC__MARK_* */
} ukc_hfeat;

typedef struct ukc_hfeats {
    ukc_hfeat *f;
    size_t n, cap;
    float scale[UKC__GROUP_COUNT]; /* each group's scale: its n-grams' values are +-it */
    size_t count[UKC__GROUP_COUNT]; /* each group's number of n-grams */
} ukc_hfeats;

/* The hashed n-grams of a message; false when out of memory. */
bool ukc__model_hashed(const ukc_tokens *t, ukc_hfeats *out);

/* A hashed n-gram as the classifier keeps it, in one word: its bucket; from
 * UKC__META_OFF a chars n-gram's first byte in "<" word ">", or a word feature's
 * mark (0 as it is, 1 negated, 2 its copy in a question); from UKC__META_LEN a
 * chars n-gram's bytes (0 for a word or a pair); UKC__META_PAIR for a pair;
 * UKC__META_SIGN the sign of its value. */
#define UKC__META_OFF UKC__MODEL_BITS
#define UKC__META_LEN (UKC__META_OFF + 6)
#define UKC__META_PAIR (1u << 30)
#define UKC__META_SIGN (1u << 31)

static inline int ukc__meta_group(uint32_t meta)
{
    return (meta >> UKC__META_LEN) & 0x3f    ? UKC__GROUP_CHARS
           : (meta & UKC__META_PAIR) != 0u ? UKC__GROUP_PAIR
                                           : UKC__GROUP_WORD;
}

/* The value of an n-gram: its group's scale, with its sign. */
static inline float ukc__ngram_value(const float *scale, uint32_t meta)
{
    float v = scale[ukc__meta_group(meta)];
    uint32_t bits;
    memcpy(&bits, &v, sizeof bits);
    bits ^= meta & UKC__META_SIGN; /* a float's sign is its top bit */
    memcpy(&v, &bits, sizeof v);
    return v;
}

/* An n-gram of word tok as a feature. */
static inline void ukc__ngram_feature(uint32_t meta, const float *scale, uint32_t tok,
                                      ukc_hfeat *f)
{
    static const uint8_t marks[4] = { UKC__MARK_NONE, UKC__MARK_NEGATED, UKC__MARK_QUESTION, 0 };
    int g = ukc__meta_group(meta);
    uint32_t off = (meta >> UKC__META_OFF) & 0x3f;
    *f = (ukc_hfeat){ .bucket = meta & (UKC__MODEL_BUCKETS - 1), .tok = tok, .group = (uint8_t)g };
    f->value = ukc__ngram_value(scale, meta);
    if (g == UKC__GROUP_CHARS) {
        f->off = (uint8_t)off;
        f->len = (uint8_t)((meta >> UKC__META_LEN) & 0x3f);
    } else if (g == UKC__GROUP_WORD) {
        f->off = marks[off & 3];
    }
}

/* A message's hashed n-grams as the classifier keeps them (ukc__model_ngrams()). */
typedef struct ukc_ngrams {
    const uint32_t *meta;  /* n-gram i, UKC__META_* */
    const uint64_t *kept;  /* its bucket's weights, weight k in bits 8k to 8k + 7 */
    const uint32_t *first; /* the first n-gram of each word; first[words] = n */
    size_t n;
    float scale[UKC__GROUP_COUNT];  /* each group's scale: its n-grams' values are +-it */
    size_t count[UKC__GROUP_COUNT]; /* each group's number of n-grams */
    int64_t sum[UKC__GROUP_COUNT][UKC_FEEDBACK_KIND_COUNT]; /* weight k times the signs */
} ukc_ngrams;

typedef struct ukc_scratch ukc_scratch;
/* A thread's words with their n-grams (classify_model.c), in its scratch. */
typedef struct ukc_word_cache ukc_word_cache;
void ukc__model_words_free(ukc_word_cache *wc);
/* A thread's words with their lexicon IDs (classify_match.c), in its scratch. */
typedef struct ukc_lex_memo ukc_lex_memo;
void ukc__lex_memo_free(ukc_lex_memo *m);

typedef struct ukc_model ukc_model;

/* The shipped model's file format, little-endian throughout:
 *   "UKCMODL2"; u32 bits; u32 kinds; u32 dense features; f32 temperature;
 *   the dense feature names, each NUL-terminated;
 *   f32 weight[features + 1][kinds] (the last row is the bias);
 *   f32 scale[kinds]; i8 bucket weight[2^bits][kinds] (weight = i8 * scale). */
ukc_status ukc__model_parse(const unsigned char *data, size_t len, ukc_model **out);
void ukc__model_destroy(ukc_model *m);
/* The embedded model, parsed once and shared. */
ukc_status ukc__model_builtin(const ukc_model **out);
/* The name of dense feature i (UKC__MODEL_FEATURES names the bias). */
const char *ukc__model_feature_name(size_t i, char *buf, size_t cap);
/* The dense weight of feature j (UKC__MODEL_FEATURES: the bias) for kind k, and
 * the weight of a bucket for kind k. */
double ukc__model_dense_weight(const ukc_model *m, size_t j, int k);
double ukc__model_bucket_weight(const ukc_model *m, uint32_t bucket, int k);
/* Weight k of a bucket whose weights ukc__model_ngrams() kept: the same
 * as ukc__model_bucket_weight() of that bucket, without reading the table. */
double ukc__model_kept_weight(const ukc_model *m, uint64_t kept, int k);
/* What weighs a kept bucket word for kind k (ukc__kept_gain()): the kind's scale
 * and the shift of its byte; a scale of 0 for a kind out of range. */
void ukc__model_gain_terms(const ukc_model *m, int k, double *scale, unsigned *shift);
/* sum * (wk - wr), where wk and wr are the weights for kinds k and r of a kept
 * bucket word w, given ukc__model_gain_terms() of k and r. */
static inline double ukc__kept_gain(double sum, uint64_t w, double sk, unsigned kb, double sr,
                                    unsigned rb)
{
    double wk = sk * (double)(int8_t)(uint8_t)(w >> kb);
    double wr = sr * (double)(int8_t)(uint8_t)(w >> rb);
    return sum * (wk - wr);
}
double ukc__model_temperature(const ukc_model *m);
/* The model's raw score for each kind. */
void ukc__model_scores(const ukc_model *m, const double *x, const ukc_hfeat *f, size_t nf,
                       double *z);
/* The cue rule's kind (a kind other than comment, which is what the rule gives
 * when no cue fired) stands against the kind the model prefers when the model
 * prefers it by less than this much probability. */
#define UKC__RULE_STANDS_MARGIN 0.2

/* The kind among those allowed (bit k for kind k) that the model scores highest, or
 * -1 when none is allowed; prob[k] gets the calibrated probability of kind k among
 * the allowed kinds (0 for the others). The cue rule's kind, read from x, stands
 * against a kind the model prefers by less than UKC__RULE_STANDS_MARGIN. */
int ukc__model_choose(const ukc_model *m, const double *x, const ukc_hfeat *f, size_t nf,
                      unsigned allowed, double *prob);
/* The same for a message's n-grams as the classifier keeps them. */
int ukc__model_choose_ngrams(const ukc_model *m, const double *x, const ukc_ngrams *ng,
                             unsigned allowed, double *prob);

/* The hashed n-grams of a message, as ukc__model_hashed() makes them, into out
 * (its arrays in the scratch), with their bucket weights and sums; hash[i] is the
 * ukc__fnv of word i. The words met before in this thread are taken from the
 * scratch's cache. False when out of memory. */
bool ukc__model_ngrams(const ukc_model *m, const ukc_tokens *t, const uint32_t *hash,
                       ukc_scratch *sc, ukc_ngrams *out);

/* The dense features of a message, its words and its hashed n-grams, for the
 * training program; t and f must be freed (ukc__tokens_free, ukc__free(f->f)). */
ukc_status ukc__classify_features(const char *text, size_t len, double *x, ukc_tokens *t,
                                  ukc_hfeats *f);

/* ---- classifying (classify_*.c) ---- */

/* The words or pairs of words that weighed most for the model's kind against the
 * runner-up, given as evidence (ukc_classification_word). */
#define UKC__WEIGHED_WORDS 3
/* The n-grams and the dense features listed as contributions. */
#define UKC__TOP_NGRAMS 8
#define UKC__TOP_DENSE 4

/* What ukc_classify_text returns. */
struct ukc_classification {
    ukc_feedback_kind kind;
    const char *route;
    ukc_id reason;
    ukc_feedback_kind rule_kind;   /* the cue rule's answer */
    const char *rule_route;
    double probability[UKC_FEEDBACK_KIND_COUNT]; /* the model's, or all 0 */
    ukc_feedback_kind runner_up;
    bool uncertain;
    ukc_evidence words[UKC__WEIGHED_WORDS]; /* the n-grams that weighed most */
    size_t nwords;
    ukc_contribution contrib[UKC__TOP_NGRAMS + UKC__TOP_DENSE];
    size_t ncontrib;
    char *word_strings;
    double score[UKC_FEEDBACK_KIND_COUNT];
    ukc_evidence *ev;
    size_t nev;
    const char **areas;
    size_t nareas;
    size_t nsentences;
    char *strings;
};

/* Per-token flags (ukc__resolve_overlaps sets the first six). */
enum {
    TF_CUE = 1,        /* covered by an accepted cue */
    TF_ROUTE = 2,      /* covered by an accepted route cue */
    TF_AREA = 4,       /* covered by an accepted area */
    TF_PSEUDO = 8,     /* inside a pseudo-negation */
    TF_TERMINATOR = 16, /* starts a terminator */
    TF_NOT_ROUTE = 32,  /* inside a not-route phrase: no route cue may cover it */
    TF_SARCASTIC = 64,  /* inside an accepted sarcastic cue */
    TF_MATTER = 128     /* inside a cue of the route the message reads as */
};

/* A match of one pattern over tokens first..last (inclusive). */
typedef struct ukc_match {
    uint32_t pattern, first, last;
    int32_t negated_by; /* index of the negation match, or -1 */
    bool accepted;
} ukc_match;

typedef struct ukc_matches {
    ukc_match *m;
    size_t n, cap;
} ukc_matches;

/* A thread's working memory for classifying (classify_scratch.c): arrays kept
 * between its messages. */
enum {
    UKC__SCRATCH_FLAGS,    /* analyse: one flag byte per word */
    UKC__SCRATCH_NEG,      /* analyse: the negating match of each word */
    UKC__SCRATCH_EMPHASIS, /* analyse: each word's emphasis */
    UKC__SCRATCH_HASH,     /* analyse: each word's hash */
    UKC__SCRATCH_SCAN,     /* the matcher: each word's IDs and mask */
    UKC__SCRATCH_STEMS,    /* the matcher: the words' stem IDs */
    UKC__SCRATCH_ORDER,    /* overlaps: matches by priority */
    UKC__SCRATCH_MARKS,    /* evidence: which matches negate or repeat */
    UKC__SCRATCH_REPEATS,  /* evidence: the table of repeated cues */
    UKC__SCRATCH_KEPT,     /* the model: the n-grams, their bucket weights, each word's first */
    UKC__SCRATCH_SUMS,     /* the explanation: the sums of shared buckets */
    UKC__SCRATCH_WORDS,    /* the model: each word's place in the cache */
    UKC__SCRATCH_COUNT
};

struct ukc_scratch {
    ukc_tokens t;
    ukc_matches ms;
    void *buf[UKC__SCRATCH_COUNT];
    size_t cap[UKC__SCRATCH_COUNT];
    /* the explanation's table of buckets: bucket_cap keys (a power of two), then
     * as many indices; a key is a bucket with a stamp in its high bits, and only
     * the keys of the current stamp are taken (ukc__scratch_buckets) */
    uint32_t *bucket_key;
    size_t bucket_cap;
    uint32_t bucket_stamp;
    ukc_word_cache *words; /* the words met before, with their n-grams */
    ukc_lex_memo *lexwords; /* the words met before, with their lexicon IDs */
};

/* This thread's scratch, made on its first call; NULL when out of memory. *own
 * is set when it could not be kept for the thread. Pass both to
 * ukc__scratch_end() when done. */
ukc_scratch *ukc__scratch_begin(bool *own);
/* Free the scratch when owned, else free the arrays a long message grew. */
void ukc__scratch_end(ukc_scratch *s, bool own);
/* A fresh table of buckets with at least n slots: a new stamp, or when the
 * stamps run out or the table must grow, a table cleared; false when out of
 * memory. */
bool ukc__scratch_buckets(ukc_scratch *s, size_t n);
/* Array which of the scratch with room for at least bytes (grown as by
 * ukc__grow, its contents kept); NULL when out of memory. */
void *ukc__scratch(ukc_scratch *s, unsigned which, size_t bytes);

/* The sums of a message's cues that the decision weighs. */
typedef struct ukc_tally {
    double score[UKC_FEEDBACK_KIND_COUNT];  /* the sums of the lexicon's weights */
    double weighed[UKC_FEEDBACK_KIND_COUNT]; /* the same, with the emphasis of position */
    double route[16];
    bool stake;   /* a word ties the message to the writer's own case */
    double named; /* the weighed share of the complaint score from named dissatisfaction */
    double praised; /* the weighed share of the compliment score from praise (not thanks) */
    /* for the weighing model, by scoring cue category: counted weight, negated weight,
     * and the extra weight of cues after a contrast */
    double cat[UKC__MODEL_CUES], cat_negated[UKC__MODEL_CUES], cat_emphasis[UKC__MODEL_CUES];
    double valence_pos, valence_neg; /* summed word valence, negation applied */
    bool question;                   /* a sentence asks a question */
} ukc_tally;

/* The route with the highest score in the tally (the first of equals). */
size_t ukc__best_route(const ukc_tally *ta);

/* Every pattern that matches at every word of t, the longest match per pattern and
 * start, in order of their first word; hash[i] gets the hash (ukc__fnv) of word
 * i, looked up on the way. False when out of memory. */
bool ukc__find_matches(const ukc_lexicon *lex, const ukc_tokens *t, ukc_matches *ms,
                       uint32_t *hash, ukc_scratch *sc);
/* Accept, within each class of cue, the highest-priority matches that do not
 * overlap; flags (one per word, zeroed) get what covers each word. */
bool ukc__resolve_overlaps(const ukc_lexicon *lex, ukc_matches *ms, uint8_t *flags,
                           ukc_scratch *sc);
/* How many words after a negation word its scope reaches at most. */
#define UKC__NEGATION_WINDOW 6

/* The negation scope: neg_by[i] is the match that negates word i, or -1; each
 * accepted match gets the match that negates its first word. */
void ukc__apply_negation(const ukc_lexicon *lex, ukc_matches *ms, const ukc_tokens *t,
                         const uint8_t *flags, int32_t *neg_by);
/* emphasis[i]: the extra share of the weight of a cue that starts at word i. */
void ukc__compute_emphasis(const ukc_lexicon *lex, const ukc_matches *ms, const ukc_tokens *t,
                           float *emphasis);
/* Fill c's evidence, areas and their strings from the accepted matches, and add
 * their weights to ta. */
ukc_status ukc__build_evidence(const ukc_lexicon *lex, const ukc_matches *ms,
                               const ukc_tokens *t, const float *emphasis, const char *text,
                               ukc_classification *c, ukc_tally *ta, ukc_scratch *sc);
/* The cue rule: c's kind, route, reason and scores from the tally alone. */
void ukc__decide_by_cues(ukc_classification *c, const ukc_tally *ta, size_t ntokens,
                         const ukc_classify_options *o);
/* The dense features the model reads, given the cue rule's kind. */
void ukc__dense_features(const ukc_tally *ta, const ukc_tokens *t, ukc_feedback_kind rule,
                         double *x);
/* The cue rule, then the model's choice and its explanation; false when out of
 * memory. */
bool ukc__decide(ukc_classification *c, const ukc_tally *ta, const ukc_tokens *t,
                 const char *text, const ukc_model *model, const ukc_classify_options *o,
                 ukc_scratch *sc);
/* Release a classification and all it owns; NULL is allowed. */
void ukc__classification_destroy(ukc_classification *c);
/* Set the last error to UKC_ERR_NO_MEMORY and return it. */
ukc_status ukc__classify_oom(void);

#endif
