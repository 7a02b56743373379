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
 * - Last, a model fitted on the tune split of the library's labelled corpus
 *   (lib/data/model.tsv, embedded) weighs the cue scores together with the
 *   message's words and may choose another kind, but only one that a cue in
 *   the message speaks for, and `other` only when a route reaches the
 *   threshold and routing is on. The reason is then
 *   ::UKC_C058_DECIDED_WEIGHED. A message without a cue keeps its answer.
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
    UKC_KIND_COMPLAINT = 0,  /**< An expression of dissatisfaction that needs a response. */
    UKC_KIND_COMMENT = 1,    /**< A view or suggestion about a service or policy. */
    UKC_KIND_COMPLIMENT = 2, /**< Praise or thanks. */
    UKC_KIND_REQUEST = 3,    /**< A request for a service, or a first report of a fault. */
    UKC_KIND_OTHER = 4       /**< A matter with its own route, or nothing recognisable. */
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
 * @since 0.1.0
 */
typedef struct ukc_evidence {
    ukc_id id;             /**< What the cue shows, e.g. ::UKC_C004_PRAISE. */
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
    ukc_feedback_kind counts_for; /**< That kind when counted (::UKC_KIND_OTHER for routes). */
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
 * `staff-grievance`, `insurance-claim`, `safeguarding` or `data-breach`.
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
 * The i-th piece of evidence, in order of position in the text.
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
 * The weighing model's probability for a kind, among the kinds the message's cues
 * allowed it to choose (see the file comment); the probabilities of the allowed
 * kinds add up to 1.
 * @param[in] c the classification.
 * @param[in] kind the kind.
 * @return the probability; 0 for a kind the cues did not allow, for every kind when
 *         the message has no cue (the model did not weigh it), or when @p c is NULL
 *         or @p kind is out of range.
 * @since 0.1.0
 */
UKC_EXPORT double ukc_classification_probability(const ukc_classification *c,
                                                 ukc_feedback_kind kind);

/**
 * The number of words given as the weighing model's evidence: up to three when the
 * model changed the kind (reason ::UKC_C058_DECIDED_WEIGHED), otherwise 0.
 * @param[in] c the classification.
 * @return the count, or 0 when @p c is NULL.
 * @since 0.1.0
 */
UKC_EXPORT size_t ukc_classification_word_count(const ukc_classification *c);

/**
 * The i-th word that weighed most for the model's kind against the cue rule's, largest
 * first, as evidence with the ID ::UKC_C059_WEIGHED_WORD: its byte span and text, its
 * sentence, `weight` the difference log P(word | kind) - log P(word | rule's kind) in
 * the word model. The word model also knows pairs of adjacent words in one sentence;
 * such a pair is quoted from the start of its first word to the end of its second,
 * whatever stands between them. `counts_for` is the model's kind; `pattern` and
 * `detail` are "" and `lexicon_line` 0.
 * @param[in] c the classification.
 * @param[in] i 0 .. ukc_classification_word_count() - 1.
 * @return evidence owned by the classification and valid until it is freed, or NULL when
 *         out of range.
 * @since 0.1.0
 */
UKC_EXPORT const ukc_evidence *ukc_classification_word(const ukc_classification *c, size_t i);

/**
 * The classification as a JSON object: `kind`, `route` (or null), `reason`
 * (code and slug), `rule` (the cue rule's `kind` and `route`), `scores` (one
 * member per kind), `probabilities` (the weighing model's, one member per
 * kind), `areas`, `sentences`,
 * `evidence` (each with `id`, `category`, `detail`, `start`, `end`, `text`,
 * `sentence`, `negated`, `negation` (a `[start, end]` pair or null), `weight`,
 * `counted`, `counts_for`, `pattern`, `line`) and `words` (the same for the words
 * of ukc_classification_word()).
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
 * @return a static string; `"unknown"` for an unknown value.
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
