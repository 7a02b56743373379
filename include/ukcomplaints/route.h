/**
 * @file route.h
 * @brief Routing a feedback record under a council's policy: the kind, the
 *        exclusion and where the customer goes instead, the procedure, the
 *        time-limit check and the first deadlines, each with its citation.
 *
 * A ::ukc_feedback_record holds what a CRM knows of one piece of feedback:
 * its text (optional), its service area and channel, whether it is anonymous,
 * from a member of staff, subject to legal proceedings or an insurance claim,
 * the dates of the events, of the customer becoming aware and of receipt, and
 * optional decisions a handler has already made (kind, procedure, exclusion).
 * ukc_route_feedback() classifies the text with ukc_classify_text() and
 * answers five questions under the policy:
 *
 * - **kind**: complaint, comment, compliment, request or other, and the
 *   policy's definition of it;
 * - **route**: the exclusion that applies, if any, with where the customer
 *   goes instead (another procedure, another body, another process);
 * - **procedure**: e.g. adult social care rather than corporate, chosen from
 *   the record's service area or the service areas found in the text;
 * - **time limit**: whether the complaint was brought in time, and the
 *   exception the policy allows;
 * - **first obligations**: acknowledge and respond, with due dates and their
 *   explanations.
 *
 * Every answer is a ::ukc_routing_answer: a state, a permanent ID from group
 * C (UKC-C030 onwards, docs/ids.md), a line of English, and the citation of
 * the rule behind it. Where the policy's documents do not decide a question
 * the state is ::UKC_ROUTING_NOT_DECIDED, and where the source sets no such
 * rule (for example the complaint timescales missing from the unnamed
 * council's text) it is ::UKC_ROUTING_NOT_SET: the library never guesses.
 * docs/routing.md describes the rules in full.
 *
 * A routing result is immutable; any number of threads may read it. The
 * policy must outlive it.
 * @since 0.1.0
 */
#ifndef UKCOMPLAINTS_ROUTE_H
#define UKCOMPLAINTS_ROUTE_H

#include "classify.h"
#include "common.h"
#include "date.h"
#include "error.h"
#include "explain.h"
#include "ids.h"
#include "policy.h"

#ifdef __cplusplus
extern "C" {
#endif

/** A date field of a record that is not given. @since 0.1.0 */
#define UKC_NO_DATE ((ukc_date)INT32_MIN)

/**
 * The version of ::ukc_feedback_record this header describes. The library
 * accepts any version from 1 to this one.
 * @since 0.1.0
 */
#define UKC_FEEDBACK_RECORD_VERSION 1

/** How the feedback reached the council. The numbers are fixed. @since 0.1.0 */
typedef enum ukc_channel {
    UKC_CHANNEL_UNKNOWN = 0,      /**< Not recorded (`"unknown"`). */
    UKC_CHANNEL_PHONE = 1,        /**< Telephone (`"phone"`). */
    UKC_CHANNEL_EMAIL = 2,        /**< Email (`"email"`). */
    UKC_CHANNEL_LETTER = 3,       /**< Letter (`"letter"`). */
    UKC_CHANNEL_WEB_FORM = 4,     /**< The council's web form (`"web-form"`). */
    UKC_CHANNEL_IN_PERSON = 5,    /**< In person (`"in-person"`). */
    UKC_CHANNEL_SOCIAL_MEDIA = 6  /**< A social media post or message (`"social-media"`). */
} ukc_channel;

/**
 * One piece of feedback as a CRM holds it. Initialise with
 * ::UKC_FEEDBACK_RECORD_INIT or ukc_feedback_record_init(); fields are only
 * ever appended. Strings are NUL-terminated UTF-8 except @c text; NULL or ""
 * means not given.
 * @since 0.1.0
 */
typedef struct ukc_feedback_record {
    unsigned int version;     /**< ::UKC_FEEDBACK_RECORD_VERSION. */
    const char *text;         /**< The message (UTF-8, need not be NUL-terminated), or NULL. */
    size_t text_len;          /**< Its length in bytes. */
    const char *service_area; /**< The service area as the classifier names them
                                   (`"adult-social-care"`, `"childrens-services"`, `"send"`,
                                   `"schools"`, `"parking"`, ...), or NULL. */
    int32_t channel;          /**< How it arrived, a ::ukc_channel. */
    bool anonymous;           /**< The customer gave no name or contact details. */
    bool staff;               /**< The customer is a member of the council's staff. */
    bool legal_proceedings;   /**< Legal or court proceedings about the matter are under way. */
    bool insurance_claim;     /**< An insurance or compensation claim about it is under way. */
    bool on_behalf;           /**< Made on behalf of someone else (reported, not used by the rules). */
    ukc_date events;          /**< When the events complained of happened, or ::UKC_NO_DATE. */
    ukc_date aware;           /**< When the customer became aware of them, or ::UKC_NO_DATE. */
    ukc_date received;        /**< When the council received the feedback, or ::UKC_NO_DATE. */
    const char *kind;         /**< Override: a kind name (`"complaint"`) or one of the policy's
                                   feedback kind IDs (`"representation"`), or NULL. */
    const char *procedure;    /**< Override: one of the policy's procedure IDs, or NULL. Skips
                                   the automatic exclusions. */
    const char *exclusion;    /**< Override: one of the policy's exclusion IDs a handler has
                                   found to apply, or NULL. */
} ukc_feedback_record;

/** An empty record. @since 0.1.0 */
#define UKC_FEEDBACK_RECORD_INIT                                                              \
    { UKC_FEEDBACK_RECORD_VERSION, NULL, 0, NULL, UKC_CHANNEL_UNKNOWN, false, false, false,  \
      false, false, UKC_NO_DATE, UKC_NO_DATE, UKC_NO_DATE, NULL, NULL, NULL }

/** The state of one routing answer. The numbers are fixed. @since 0.1.0 */
typedef enum ukc_routing_state {
    UKC_ROUTING_DECIDED = 0,        /**< The policy decides; the answer carries the rule's citation (`"decided"`). */
    UKC_ROUTING_NOT_DECIDED = 1,    /**< The policy's documents do not decide this (`"not-decided"`). */
    UKC_ROUTING_NOT_SET = 2,        /**< The policy (or its source) sets no such rule, as ::UKC_ERR_NOT_SET (`"not-set"`). */
    UKC_ROUTING_NOT_APPLICABLE = 3, /**< The question does not arise for this record (`"not-applicable"`). */
    UKC_ROUTING_NEEDS_INPUT = 4     /**< The answer needs a date the record does not give (`"needs-input"`). */
} ukc_routing_state;

/**
 * One answer of a routing. Strings belong to the routing (or to the policy)
 * and are never NULL.
 * @since 0.1.0
 */
typedef struct ukc_routing_answer {
    size_t size;             /**< The library's `sizeof` of this struct: a field appended later is there only when `size` reaches past it. */
    int32_t state;           /**< Whether and how the policy decides it, a ::ukc_routing_state. */
    int32_t id;              /**< Why, a ::ukc_id, e.g. ::UKC_C043_PROCEDURE_FROM_SERVICE_AREA. */
    const char *code;        /**< The ID's code, e.g. `"UKC-C043"`. */
    const char *slug;        /**< The ID's slug, e.g. `"procedure-from-service-area"`. */
    const char *text;        /**< The answer as one line of English. */
    const ukc_citation *citation; /**< The rule's source (owned by the policy); a citation of three empty strings when none. */
} ukc_routing_answer;

/**
 * The time-limit check of a routing.
 * @since 0.1.0
 */
typedef struct ukc_routing_limit {
    size_t size;             /**< The library's `sizeof` of this struct: a field appended later is there only when `size` reaches past it. */
    const ukc_routing_answer *answer; /**< ::UKC_C049_TIME_LIMIT_MET, ::UKC_C050_TIME_LIMIT_PASSED, ... */
    const ukc_time_limit *limit;   /**< The policy's limit, or NULL when none applies. */
    ukc_date start;                /**< The date its clock runs from, or ::UKC_NO_DATE. */
    ukc_date last_day;             /**< The last day in time, or ::UKC_NO_DATE. */
    bool in_time;                  /**< True when received on or before the last day. */
    const char *exception;         /**< The exception the policy allows, or "". */
    const ukc_citation *exception_citation; /**< The exception's source, or an empty citation. */
    const ukc_explanation *explanation; /**< How the last day was found, or NULL. */
} ukc_routing_limit;

/**
 * One of the first obligations of a routing (acknowledge, respond).
 * @since 0.1.0
 */
typedef struct ukc_routing_obligation {
    size_t size;             /**< The library's `sizeof` of this struct: a field appended later is there only when `size` reaches past it. */
    const ukc_routing_answer *answer;  /**< ::UKC_C054_OBLIGATION_DUE, ::UKC_C055_OBLIGATION_NOT_SET, ... */
    int32_t kind;                      /**< A ::ukc_obligation_kind: ::UKC_OBLIGATION_ACKNOWLEDGE or ::UKC_OBLIGATION_RESPOND
                                            (or ::UKC_OBLIGATION_EXPLAIN_REFUSAL for an exclusion). */
    const ukc_obligation *obligation;  /**< The policy's rule, or NULL when not set. */
    ukc_date due;                      /**< The due date (target), or ::UKC_NO_DATE. */
    ukc_date due_maximum;              /**< The maximum's due date, or ::UKC_NO_DATE when none. */
    const ukc_explanation *explanation; /**< How @c due was found, or NULL. */
} ukc_routing_obligation;

/** The answers of ukc_route_feedback(): immutable. @since 0.1.0 */
typedef struct ukc_routing ukc_routing;

/**
 * Initialise a record with the empty values of the given version.
 * @param[out] record the record to fill.
 * @param[in] version ::UKC_FEEDBACK_RECORD_VERSION.
 * @retval UKC_OK success.
 * @retval UKC_ERR_INVALID_ARGUMENT @p record is NULL.
 * @retval UKC_ERR_VERSION an unknown version; @p record is unchanged.
 * @since 0.1.0
 */
UKC_EXPORT ukc_status ukc_feedback_record_init(ukc_feedback_record *record, unsigned int version);

/**
 * Route a feedback record under a policy.
 *
 * Thread-safe: any number of threads may route at once, sharing one policy.
 * @param[in] policy the policy (a built-in or a loaded one); it must outlive @p out.
 * @param[in] record the record.
 * @param[out] out the routing, to be released with ukc_routing_free(); NULL on failure.
 * @retval UKC_OK success (read each answer's state: "not decided" is a success).
 * @retval UKC_ERR_INVALID_ARGUMENT a NULL argument, a date out of range, an unknown channel,
 *         a NULL @c text with a length, or a string that is not valid UTF-8.
 * @retval UKC_ERR_VERSION the record has an unknown version.
 * @retval UKC_ERR_NOT_FOUND an override names no kind, procedure or exclusion of the policy.
 * @retval UKC_ERR_TOO_LONG the text is longer than ::UKC_CLASSIFY_MAX_LENGTH.
 * @retval UKC_ERR_INVALID_UTF8 the text is not valid UTF-8 or holds a NUL byte.
 * @retval UKC_ERR_OUT_OF_RANGE a due date falls outside the calendar.
 * @retval UKC_ERR_NO_MEMORY allocation failed.
 * @retval UKC_ERR_INTERNAL the classifier failed.
 * @since 0.1.0
 */
UKC_EXPORT ukc_status ukc_route_feedback(const ukc_policy *policy,
                                         const ukc_feedback_record *record, ukc_routing **out);

/**
 * The policy the routing was made under.
 * @param[in] r the routing.
 * @return the policy, or NULL when @p r is NULL.
 * @since 0.1.0
 */
UKC_EXPORT const ukc_policy *ukc_routing_policy(const ukc_routing *r);

/**
 * The classification of the record's text.
 * @param[in] r the routing.
 * @return the classification, owned by the routing, or NULL when the record has no text
 *         or @p r is NULL.
 * @since 0.1.0
 */
UKC_EXPORT const ukc_classification *ukc_routing_classification(const ukc_routing *r);

/**
 * The kind of the feedback (after any reclassification by an exclusion).
 * @param[in] r the routing.
 * @return the kind; ::UKC_KIND_OTHER when @p r is NULL.
 * @since 0.1.0
 */
UKC_EXPORT ukc_feedback_kind ukc_routing_kind(const ukc_routing *r);

/**
 * The answer about the kind: where it came from and the policy's definition's citation.
 * @param[in] r the routing.
 * @return the answer, owned by the routing, or NULL when @p r is NULL.
 * @since 0.1.0
 */
UKC_EXPORT const ukc_routing_answer *ukc_routing_kind_answer(const ukc_routing *r);

/**
 * The policy's definition of the kind.
 * @param[in] r the routing.
 * @return the definition, owned by the policy, or NULL when the policy does not define
 *         the kind (not decided) or @p r is NULL.
 * @since 0.1.0
 */
UKC_EXPORT const ukc_feedback_definition *ukc_routing_kind_definition(const ukc_routing *r);

/**
 * The answer about exclusions: which applies and why, or that none does.
 * @param[in] r the routing.
 * @return the answer, owned by the routing, or NULL when @p r is NULL.
 * @since 0.1.0
 */
UKC_EXPORT const ukc_routing_answer *ukc_routing_route_answer(const ukc_routing *r);

/**
 * The exclusion that applies, with where the customer goes instead.
 * @param[in] r the routing.
 * @return the exclusion, owned by the policy, or NULL when none applies.
 * @since 0.1.0
 */
UKC_EXPORT const ukc_exclusion *ukc_routing_exclusion(const ukc_routing *r);

/**
 * The route the classifier suggested for the text (`foi`, `appeal`, ...).
 * @param[in] r the routing.
 * @return a static string, or NULL when there is none.
 * @since 0.1.0
 */
UKC_EXPORT const char *ukc_routing_suggested_route(const ukc_routing *r);

/**
 * The answer about the procedure.
 * @param[in] r the routing.
 * @return the answer, owned by the routing, or NULL when @p r is NULL.
 * @since 0.1.0
 */
UKC_EXPORT const ukc_routing_answer *ukc_routing_procedure_answer(const ukc_routing *r);

/**
 * The procedure that handles the feedback.
 * @param[in] r the routing.
 * @return the procedure, owned by the policy, or NULL when none applies or the policy
 *         does not decide.
 * @since 0.1.0
 */
UKC_EXPORT const ukc_procedure *ukc_routing_procedure(const ukc_routing *r);

/**
 * The time-limit check.
 * @param[in] r the routing.
 * @return the check, owned by the routing, or NULL when @p r is NULL.
 * @since 0.1.0
 */
UKC_EXPORT const ukc_routing_limit *ukc_routing_time_limit(const ukc_routing *r);

/**
 * The number of first obligations.
 * @param[in] r the routing.
 * @return the count (0 when the feedback goes elsewhere), or 0 when @p r is NULL.
 * @since 0.1.0
 */
UKC_EXPORT size_t ukc_routing_obligation_count(const ukc_routing *r);

/**
 * The i-th first obligation: acknowledge, then respond (or, for a complaint the
 * policy excludes, the explanation of refusal where the policy sets one).
 * @param[in] r the routing.
 * @param[in] i 0..ukc_routing_obligation_count() - 1.
 * @return the obligation, owned by the routing, or NULL when out of range.
 * @since 0.1.0
 */
UKC_EXPORT const ukc_routing_obligation *ukc_routing_obligation_at(const ukc_routing *r,
                                                                   size_t i);

/**
 * The routing as a JSON object: `policy`, `kind`, `route`, `procedure`,
 * `time_limit` and `obligations`, each answer with `state`, `id`, `slug`,
 * `text` and `citation` (an object or null). See docs/routing.md.
 * @param[in] r the routing.
 * @param[out] out NUL-terminated UTF-8, to be released with ukc_free(); NULL on failure.
 * @retval UKC_OK success.
 * @retval UKC_ERR_INVALID_ARGUMENT a NULL argument.
 * @retval UKC_ERR_NO_MEMORY allocation failed.
 * @since 0.1.0
 */
UKC_EXPORT ukc_status ukc_routing_to_json(const ukc_routing *r, char **out);

/**
 * Release a routing. Accepts NULL.
 * @param[in] r the routing, or NULL.
 * @since 0.1.0
 */
UKC_EXPORT void ukc_routing_free(ukc_routing *r);

/**
 * The name of a routing state, e.g. `"not-decided"`.
 * @param[in] state the state.
 * @return a static string, or "" for an unknown value.
 * @since 0.1.0
 */
UKC_EXPORT const char *ukc_routing_state_name(ukc_routing_state state);

/**
 * The name of a channel, e.g. `"social-media"`.
 * @param[in] channel the channel.
 * @return a static string, or "" for an unknown value.
 * @since 0.1.0
 */
UKC_EXPORT const char *ukc_channel_name(ukc_channel channel);

/**
 * Parse a channel's name.
 * @param[in] name the name, as ukc_channel_name() gives it.
 * @param[out] out the channel; ::UKC_CHANNEL_UNKNOWN on failure.
 * @retval UKC_OK success.
 * @retval UKC_ERR_INVALID_ARGUMENT a NULL argument.
 * @retval UKC_ERR_NOT_FOUND an unknown name.
 * @since 0.1.0
 */
UKC_EXPORT ukc_status ukc_channel_from_name(const char *name, ukc_channel *out);

#ifdef __cplusplus
}
#endif

#endif /* UKCOMPLAINTS_ROUTE_H */
