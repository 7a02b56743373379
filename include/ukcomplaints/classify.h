/**
 * @file classify.h
 * @brief Classifying free text: complaint, comment, compliment, request or another route.
 *
 * ukc_classify_text() reads one message as UTF-8 and suggests what it is: a
 * complaint, a comment, a compliment, a request for service, or `other` with
 * the name of a route of its own (a Freedom of Information request, a subject
 * access request, a complaint about a councillor, an appeal, a hate crime, a
 * school matter, a staff grievance, an insurance claim, a safeguarding concern
 * or a data breach). Every answer carries its evidence: each cue phrase found,
 * its byte span in the caller's text, its category and permanent ID (group C of
 * docs/ids.md), its weight, and whether a negation covered it.
 *
 * How it works. The text is split into words and sentences with ICU's break
 * iterators working on the UTF-8 directly, so that every offset is a byte
 * offset into the caller's text. Each word is normalised with NFKC case
 * folding, curly apostrophes and quotes become straight ones, and contractions
 * are split (`hasn't` gives `has` + `not`, `I've` gives `i` + `have`). Cue
 * patterns from the embedded lexicon (lib/data/lexicon.tsv) are matched over
 * the words; a pattern may use stems (`collect*`), alternatives (`bin|bins`),
 * optional words (`the?`), a one-word wildcard (`*`) and a gap of up to three
 * words (`..`). A negation's scope runs forward from the trigger to a
 * terminator (`but`, `however`, `although`, ...), clause punctuation (`,` `;`
 * `:` brackets, dashes), the end of the sentence, or at most six words;
 * phrases such as `no problem`, `not only` or `can't thank you enough` do not
 * negate. Negated praise or thanks (`not helpful`) counts towards a complaint;
 * a negated complaint cue (`not rude`) counts for nothing. Cues after a
 * contrast (`but`, `however`) count one and a half times in the decision.
 *
 * The decision, in order, each outcome with its own ID:
 * - Route (::UKC_C027_DECIDED_ALTERNATIVE_ROUTE): the best route's cues add up
 *   to at least the route threshold (2 by default), unless routing is off or
 *   the message is mostly praise (praise of at least 2 that outweighs
 *   dissatisfaction, requests and views together).
 * - Before the next steps, a message with no word of the writer's own stake
 *   (`I`, `my`, `we`, `the caller`, a subjectless `reported it twice`, a
 *   feeling such as `fed up`) is taken as a general statement: its named
 *   dissatisfaction (`shocking`, `a joke`) counts as a view, and its other
 *   complaint cues weigh half.
 * - Complaint: dissatisfaction of at least 1 that matches the praise and the
 *   views and reaches three quarters of the requests. With praise too it is
 *   mixed feedback (::UKC_C022_DECIDED_COMPLAINT_MIXED); with a request too, a
 *   request that reports a failure (::UKC_C023_DECIDED_COMPLAINT_REPEAT_REQUEST);
 *   otherwise ::UKC_C021_DECIDED_COMPLAINT.
 * - Otherwise the largest score wins: complaint, request
 *   (::UKC_C026_DECIDED_REQUEST), compliment (::UKC_C024_DECIDED_COMPLIMENT) or
 *   comment (::UKC_C025_DECIDED_COMMENT), ties in that order.
 * - A message with words but no cue is a comment with a score of 0
 *   (::UKC_C028_DECIDED_NO_CUE); one with no words at all is `other` without a
 *   route (::UKC_C029_DECIDED_EMPTY).
 * - Last, a multinomial logistic regression (lib/data/model.bin, embedded) weighs
 *   the cue scores above, the stake, word valence and the cue rule's answer
 *   together with the message's words, pairs of words and character n-grams, and
 *   chooses among complaint, comment, compliment and request, and `other` only when
 *   a route reaches three quarters of the threshold and routing is on. When it
 *   differs from the rule, the reason is ::UKC_C058_DECIDED_WEIGHED. Its
 *   probabilities, the runner-up, an `uncertain` flag and the inputs that weighed
 *   most (ukc_classification_contribution()) come with every answer.
 *
 * The answer is a suggestion for a person to confirm, deterministic for a
 * given library version: no network, no download, no randomness.
 *
 * @since 0.1.0
 */
#ifndef UKCOMPLAINTS_CLASSIFY_H
#define UKCOMPLAINTS_CLASSIFY_H

#include "common.h"
#include "error.h"
#include "ids.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * What a piece of feedback is. The numbers never change.
 * @since 0.1.0
 */
typedef enum ukc_feedback_kind {
    UKC_KIND_COMPLAINT = 0,  /**< An expression of dissatisfaction that needs a response (`"complaint"`). */
    UKC_KIND_COMMENT = 1,    /**< A view or suggestion about a service or policy (`"comment"`). */
    UKC_KIND_COMPLIMENT = 2, /**< Praise or thanks (`"compliment"`). */
    UKC_KIND_REQUEST = 3,    /**< A request for a service, or a first report of a fault (`"request"`). */
    UKC_KIND_OTHER = 4       /**< A matter with its own route, or nothing recognisable (`"other"`). */
} ukc_feedback_kind;

/** The number of kinds this version knows: 0 .. UKC_FEEDBACK_KIND_COUNT - 1. @since 0.1.0 */
#define UKC_FEEDBACK_KIND_COUNT 5

/** The longest text ukc_classify_text() reads, in bytes (1 MiB). @since 0.1.0 */
#define UKC_CLASSIFY_MAX_LENGTH ((size_t)1 << 20)

/** The version of ::ukc_classify_options this header describes. @since 0.1.0 */
#define UKC_CLASSIFY_OPTIONS_VERSION 1

/**
 * Options of ukc_classify_text(). Initialise with ::UKC_CLASSIFY_OPTIONS_INIT
 * or ukc_classify_options_init(); fields are only ever appended.
 * @since 0.1.0
 */
typedef struct ukc_classify_options {
    unsigned int version;   /**< ::UKC_CLASSIFY_OPTIONS_VERSION. */
    size_t max_length;      /**< Refuse longer text (::UKC_ERR_TOO_LONG); 0 means
                                 ::UKC_CLASSIFY_MAX_LENGTH, which is also the most allowed. */
    /** Route score at which the cue rule makes a message `other`; 0 means 2.0. The
     *  weighing model may choose `other` from three quarters of it. */
    double route_threshold;
    bool no_routes;         /**< Never suggest a route: classify among the four other kinds
                                 (route evidence is still reported). */
} ukc_classify_options;

/** Default options. @since 0.1.0 */
#define UKC_CLASSIFY_OPTIONS_INIT { UKC_CLASSIFY_OPTIONS_VERSION, 0, 0.0, false }

/**
 * One cue found in the text. Strings belong to the classification.
 *
 * The library owns it and hands it out by pointer, one at a time
 * (ukc_classification_evidence(), ukc_classification_word()), so that it may
 * grow at its end in later versions: read `size` before any field added after
 * 0.1.0.
 * @since 0.1.0
 */
typedef struct ukc_evidence {
    size_t size;           /**< sizeof(ukc_evidence) of the library that filled it. */
    int32_t id;            /**< What the cue shows, a ::ukc_id, e.g. ::UKC_C004_PRAISE. */
    const char *code;      /**< The ID's code, e.g. `"UKC-C004"`. */
    const char *category;  /**< The ID's slug, e.g. `"praise"` or `"route-foi"`. */
    const char *detail;    /**< The route (`"foi"`) or service area (`"housing"`); "" otherwise. */
    size_t start;          /**< Byte offset of the first byte of the cue in the caller's text. */
    size_t end;            /**< Byte offset just past the cue; `text` is bytes start..end-1. */
    const char *text;      /**< The quoted bytes of the caller's text, NUL-terminated. */
    size_t sentence;       /**< 0-based index of the sentence the cue lies in. */
    bool negated;          /**< True when a negation's scope covers the cue. */
    size_t negation_start; /**< When negated, the byte span of the negation; otherwise 0. */
    size_t negation_end;   /**< When negated, the end of the negation's span; otherwise 0. */
    double weight;         /**< The lexicon's weight for the cue. */
    bool counted;          /**< True when the cue added its weight to a kind's score. */
    int32_t counts_for;    /**< That kind when counted, a ::ukc_feedback_kind
                                (::UKC_KIND_OTHER for routes). */
    const char *pattern;   /**< The lexicon pattern that matched, e.g. `"been? waiting"`. */
    unsigned int lexicon_line; /**< Its line in lib/data/lexicon.tsv. */
} ukc_evidence;

/**
 * The result of ukc_classify_text(): immutable; any number of threads may read it.
 * @since 0.1.0
 */
typedef struct ukc_classification ukc_classification;

/**
 * Initialise an options struct with the defaults of the given version.
 * @param[out] opts the options to fill.
 * @param[in] version ::UKC_CLASSIFY_OPTIONS_VERSION.
 * @retval UKC_OK success.
 * @retval UKC_ERR_INVALID_ARGUMENT @p opts is NULL.
 * @retval UKC_ERR_VERSION an unknown version; @p opts is unchanged.
 * @since 0.1.0
 */
UKC_EXPORT ukc_status ukc_classify_options_init(ukc_classify_options *opts, unsigned int version);

/**
 * Classify one message.
 *
 * The embedded lexicon is parsed on the first call (thread-safely) and shared
 * read-only afterwards; each call allocates only in proportion to its text.
 * Thread-safe: any number of threads may classify at once.
 * @param[in] text UTF-8 text; it need not be NUL-terminated. May be NULL when @p len is 0.
 * @param[in] len its length in bytes, at most the options' maximum.
 * @param[in] opts options, or NULL for the defaults.
 * @param[out] out the classification, to be released with ukc_classification_free();
 *                 NULL on failure.
 * @retval UKC_OK success.
 * @retval UKC_ERR_INVALID_ARGUMENT @p out is NULL, @p text is NULL with a length, or a bad option.
 * @retval UKC_ERR_VERSION @p opts has an unknown version.
 * @retval UKC_ERR_TOO_LONG @p len exceeds the maximum.
 * @retval UKC_ERR_INVALID_UTF8 the text is not valid UTF-8 or holds a NUL byte; ukc_last_error()
 *         gives the byte offset.
 * @retval UKC_ERR_NO_MEMORY allocation failed.
 * @retval UKC_ERR_INTERNAL ICU failed, or the embedded lexicon is broken.
 * @since 0.1.0
 */
UKC_EXPORT ukc_status ukc_classify_text(const char *text, size_t len,
                                        const ukc_classify_options *opts,
                                        ukc_classification **out);

/**
 * The suggested kind.
 * @param[in] c the classification.
 * @return the kind; ::UKC_KIND_OTHER when @p c is NULL.
 * @since 0.1.0
 */
UKC_EXPORT ukc_feedback_kind ukc_classification_kind(const ukc_classification *c);

/**
 * The suggested route when the kind is ::UKC_KIND_OTHER because of a route cue:
 * `foi`, `subject-access`, `councillor-conduct`, `appeal`, `hate-crime`, `school`,
 * `staff-grievance`, `insurance-claim`, `safeguarding`, `data-breach`,
 * `legal-proceedings` or `housing-provider`.
 * @param[in] c the classification.
 * @return a static string, or NULL when there is no route or @p c is NULL.
 * @since 0.1.0
 */
UKC_EXPORT const char *ukc_classification_route(const ukc_classification *c);

/**
 * Why the kind was chosen: one of the decision IDs ::UKC_C021_DECIDED_COMPLAINT
 * to ::UKC_C029_DECIDED_EMPTY.
 * @param[in] c the classification.
 * @return the ID, or ::UKC_ID_NONE when @p c is NULL.
 * @since 0.1.0
 */
UKC_EXPORT ukc_id ukc_classification_reason(const ukc_classification *c);

/**
 * The score of a kind: the sum of the weights of the cues counted for it (for
 * ::UKC_KIND_OTHER, the score of the best route).
 * @param[in] c the classification.
 * @param[in] kind the kind.
 * @return the score (0 or more); 0 when @p c is NULL or @p kind unknown.
 * @since 0.1.0
 */
UKC_EXPORT double ukc_classification_score(const ukc_classification *c, ukc_feedback_kind kind);

/**
 * The number of pieces of evidence.
 * @param[in] c the classification.
 * @return the count, or 0 when @p c is NULL.
 * @since 0.1.0
 */
UKC_EXPORT size_t ukc_classification_evidence_count(const ukc_classification *c);

/**
 * The i-th piece of evidence, in order of position in the text. The list is
 * read one record at a time, stepping at the library's `sizeof`, so a caller
 * compiled against another release's ::ukc_evidence gets each record whole.
 * @param[in] c the classification.
 * @param[in] i 0 .. ukc_classification_evidence_count() - 1.
 * @return evidence owned by the classification and valid until it is freed, or NULL when
 *         out of range.
 * @since 0.1.0
 */
UKC_EXPORT const ukc_evidence *ukc_classification_evidence(const ukc_classification *c, size_t i);

/**
 * The number of distinct service areas found.
 * @param[in] c the classification.
 * @return the count, or 0 when @p c is NULL.
 * @since 0.1.0
 */
UKC_EXPORT size_t ukc_classification_area_count(const ukc_classification *c);

/**
 * The i-th service area, in order of first mention, e.g. `"waste"` or `"housing"`.
 * @param[in] c the classification.
 * @param[in] i 0 .. ukc_classification_area_count() - 1.
 * @return a static string, or NULL when out of range.
 * @since 0.1.0
 */
UKC_EXPORT const char *ukc_classification_area(const ukc_classification *c, size_t i);

/**
 * The number of sentences the text was split into.
 * @param[in] c the classification.
 * @return the count, or 0 when @p c is NULL.
 * @since 0.1.0
 */
UKC_EXPORT size_t ukc_classification_sentence_count(const ukc_classification *c);

/**
 * The kind the cue rule chose before the weighing model looked at the message.
 * It differs from ukc_classification_kind() only when the reason is
 * ::UKC_C058_DECIDED_WEIGHED.
 * @param[in] c the classification.
 * @return the kind; ::UKC_KIND_OTHER when @p c is NULL.
 * @since 0.1.0
 */
UKC_EXPORT ukc_feedback_kind ukc_classification_rule_kind(const ukc_classification *c);

/**
 * The route the cue rule chose before the weighing model looked at the message.
 * @param[in] c the classification.
 * @return a static string such as `"foi"`, or NULL when the rule chose no route or
 *         @p c is NULL.
 * @since 0.1.0
 */
UKC_EXPORT const char *ukc_classification_rule_route(const ukc_classification *c);

/**
 * The model's calibrated probability for a kind, among the kinds it could choose:
 * complaint, comment, compliment and request always, and `other` when a route cue
 * scores at least three quarters of the route threshold and routes are on. The
 * probabilities of those kinds add up to 1. They are the softmax of the model's
 * scores divided by a temperature fitted on messages the model was not fitted on,
 * so that a probability of 0.8 is right about four times in five on such text.
 * @param[in] c the classification.
 * @param[in] kind the kind.
 * @return the probability; 0 for a kind the model could not choose, for every kind
 *         when the text has no words, or when @p c is NULL or @p kind is out of range.
 * @since 0.1.0
 */
UKC_EXPORT double ukc_classification_probability(const ukc_classification *c,
                                                 ukc_feedback_kind kind);

/**
 * The kind with the second highest probability: the one the explanation weighs
 * the chosen kind against.
 * @param[in] c the classification.
 * @return the kind; the chosen kind itself when the text has no words;
 *         ::UKC_KIND_OTHER when @p c is NULL.
 * @since 0.1.0
 */
UKC_EXPORT ukc_feedback_kind ukc_classification_runner_up(const ukc_classification *c);

/**
 * Whether the decision is uncertain: the probabilities of the chosen kind and the
 * runner-up differ by less than 0.2. A caller may send such messages to a person.
 * @param[in] c the classification.
 * @return true when uncertain; false when certain or @p c is NULL.
 * @since 0.1.0
 */
UKC_EXPORT bool ukc_classification_uncertain(const ukc_classification *c);

/**
 * The number of words given as the model's evidence: up to three words or pairs of
 * words of the message that weighed most for the chosen kind against the runner-up.
 * @param[in] c the classification.
 * @return the count, or 0 when @p c is NULL.
 * @since 0.1.0
 */
UKC_EXPORT size_t ukc_classification_word_count(const ukc_classification *c);

/**
 * The i-th word or pair of words that weighed most for the chosen kind against the
 * runner-up, largest first, as evidence with the ID ::UKC_C059_WEIGHED_WORD: its byte
 * span and text (a pair is quoted from the start of its first word to the end of its
 * second), its sentence, and as `weight` its contribution (see ::ukc_contribution).
 * `counts_for` is the chosen kind; `pattern` and `detail` are "" and `lexicon_line` 0.
 * ukc_classification_contribution() gives the same with both weights, and the
 * character n-grams and cue features too. Like ukc_classification_evidence(), it
 * steps at the library's `sizeof`.
 * @param[in] c the classification.
 * @param[in] i 0 .. ukc_classification_word_count() - 1.
 * @return evidence owned by the classification and valid until it is freed, or NULL when
 *         out of range.
 * @since 0.1.0
 */
UKC_EXPORT const ukc_evidence *ukc_classification_word(const ukc_classification *c, size_t i);

/**
 * One input of the model that weighed for the chosen kind against the runner-up.
 * The struct may grow at its end in later versions: read `size` before any field
 * added after 0.1.0. Strings belong to the classification.
 * @since 0.1.0
 */
typedef struct ukc_contribution {
    size_t size;            /**< sizeof(ukc_contribution) of the library that filled it. */
    const char *group;      /**< `word`, `pair` (two adjacent words), `chars` (a character
                                 2- to 5-gram inside a word, `<` and `>` marking its ends)
                                 or `feature` (a cue feature, see docs/classification.md). */
    const char *feature;    /**< The n-gram as the model read it (normalised), e.g.
                                 `keeps crashing` or `<rubb`, or the feature's name, e.g.
                                 `dissatisfaction` or `valence-negative`. A word in a
                                 negation's scope or a sarcastic cue reads `not:called`;
                                 a word of a question is also read as `question:how`. */
    bool has_span;          /**< True for n-grams; false for cue features. */
    size_t start;           /**< Byte offset of its word (first word of a pair); 0 without a span. */
    size_t end;             /**< Byte offset just past its word (second word of a pair). */
    const char *text;       /**< The quoted bytes start..end-1; "" without a span. */
    double value;           /**< Its value in this message, 0 or more for n-grams (n-grams
                                 that share the model's hashed bucket add up; see
                                 docs/classification.md). */
    double weight;          /**< Its weight for the chosen kind (for an n-gram, with the sign
                                 its hash gives it). */
    double runner_up_weight; /**< Its weight for the runner-up. */
    double contribution;    /**< value * (weight - runner_up_weight): how much it moved the
                                 decision towards the chosen kind. */
} ukc_contribution;

/**
 * The number of contributions: up to eight n-grams and four cue features, those
 * with the largest positive contribution.
 * @param[in] c the classification.
 * @return the count; 0 when the text has no words or @p c is NULL.
 * @since 0.1.0
 */
UKC_EXPORT size_t ukc_classification_contribution_count(const ukc_classification *c);

/**
 * The i-th contribution, largest first.
 * @param[in] c the classification.
 * @param[in] i 0 .. ukc_classification_contribution_count() - 1.
 * @return a contribution owned by the classification and valid until it is freed, or
 *         NULL when out of range.
 * @since 0.1.0
 */
UKC_EXPORT const ukc_contribution *ukc_classification_contribution(const ukc_classification *c,
                                                                   size_t i);

/**
 * The classification as a JSON object: `kind`, `route` (or null), `reason`
 * (code and slug), `rule` (the cue rule's `kind` and `route`), `scores` (one
 * member per kind), `probabilities` (the weighing model's, one member per
 * kind), `runner_up`, `uncertain`, `areas`, `sentences`,
 * `evidence` (each with `id`, `category`, `detail`, `start`, `end`, `text`,
 * `sentence`, `negated`, `negation` (a `[start, end]` pair or null), `weight`,
 * `counted`, `counts_for`, `pattern`, `line`), `words` (the same for the words
 * of ukc_classification_word()) and `contributions` (each with `group`,
 * `feature`, `span` (a `[start, end]` pair or null), `text`, `value`, `weight`,
 * `runner_up_weight`, `contribution`).
 * @param[in] c the classification.
 * @param[out] out NUL-terminated UTF-8, to be released with ukc_free(); NULL on failure.
 * @retval UKC_OK success.
 * @retval UKC_ERR_INVALID_ARGUMENT a NULL argument.
 * @retval UKC_ERR_NO_MEMORY allocation failed.
 * @since 0.1.0
 */
UKC_EXPORT ukc_status ukc_classification_to_json(const ukc_classification *c, char **out);

/**
 * Release a classification. Accepts NULL.
 * @param[in] c the classification, or NULL.
 * @since 0.1.0
 */
UKC_EXPORT void ukc_classification_free(ukc_classification *c);

/**
 * The name of a kind: `complaint`, `comment`, `compliment`, `request` or `other`.
 *
 * Thread-safe; never fails.
 * @param[in] kind the kind.
 * @return a static string, or "" for an unknown value.
 * @since 0.1.0
 */
UKC_EXPORT const char *ukc_feedback_kind_name(ukc_feedback_kind kind);

/**
 * The kind with a given name, as ukc_feedback_kind_name() spells it.
 * @param[in] name the name.
 * @param[out] out the kind; ::UKC_KIND_OTHER on failure.
 * @retval UKC_OK success.
 * @retval UKC_ERR_INVALID_ARGUMENT a NULL argument.
 * @retval UKC_ERR_NOT_FOUND an unknown name.
 * @since 0.1.0
 */
UKC_EXPORT ukc_status ukc_feedback_kind_from_name(const char *name, ukc_feedback_kind *out);

#ifdef __cplusplus
}
#endif

#endif /* UKCOMPLAINTS_CLASSIFY_H */
