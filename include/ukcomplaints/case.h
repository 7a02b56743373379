/**
 * @file case.h
 * @brief Cases: one piece of feedback moving through a council's procedure.
 *        Each event is accepted or refused with a permanent reason ID, a
 *        message and the citation of the rule behind it; at any date the case
 *        lists its obligations with due dates, explanations and states; a case
 *        saves to JSON and restores by replaying its events.
 *
 * A case is opened under one ::ukc_policy, one procedure of it and one
 * feedback kind, on the day the council received the feedback. It never
 * changes its policy, and the policy must outlive it. Events (see
 * ::ukc_event_kind) are applied in date order with ukc_case_apply(); a refused
 * event changes nothing. ukc_case_check() asks whether an event would be
 * allowed without applying it.
 *
 * What a policy's source does not provide for is refused with
 * ::UKC_R004_NOT_PROVIDED_FOR, never invented. What suspension does to a
 * clock is the case option ::ukc_suspension; the policies' sources are silent
 * on it, and the default (::UKC_SUSPENSION_PAUSE) is explained in
 * docs/cases.md and in every explanation it changes.
 *
 * A case belongs to one thread at a time: calls on one case must not overlap.
 * Different cases, even under the same policy, may be used by different
 * threads at once.
 * @since 0.1.0
 */
#ifndef UKCOMPLAINTS_CASE_H
#define UKCOMPLAINTS_CASE_H

#include "calendar.h"
#include "common.h"
#include "date.h"
#include "error.h"
#include "explain.h"
#include "ids.h"
#include "policy.h"

#ifdef __cplusplus
extern "C" {
#endif

/** A case under a policy. @since 0.1.0 */
typedef struct ukc_case ukc_case;

/** The obligations of a case at a date; see ukc_case_obligations(). @since 0.1.0 */
typedef struct ukc_obligations ukc_obligations;

/** The case save format version this library reads and writes. @since 0.1.0 */
#define UKC_CASE_FORMAT 1

/** What a case event records. The numbers and names are fixed. @since 0.1.0 */
typedef enum ukc_event_kind {
    UKC_EVENT_ACKNOWLEDGE = 0,         /**< The council acknowledges the stage (`"acknowledge"`). */
    UKC_EVENT_RESPOND = 1,             /**< The council sends the stage's response; needs a delivery method (`"respond"`). */
    UKC_EVENT_HOLDING_REPLY = 2,       /**< The council says why the response will take longer (`"holding-reply"`). */
    UKC_EVENT_PROGRESS_UPDATE = 3,     /**< The council updates the customer on progress (`"progress-update"`). */
    UKC_EVENT_REQUEST_ESCALATION = 4,  /**< The customer asks for the next stage (`"request-escalation"`). */
    UKC_EVENT_ACCEPT_ESCALATION = 5,   /**< The council accepts a request for the next stage (`"accept-escalation"`). */
    UKC_EVENT_REFUSE_ESCALATION = 6,   /**< The council refuses it, with its explanation (`"refuse-escalation"`). */
    UKC_EVENT_EXTEND = 7,              /**< The council extends the response time, with a reason (`"extend"`). */
    UKC_EVENT_SUSPEND = 8,             /**< The complaint is suspended on a ground of the policy (`"suspend"`). */
    UKC_EVENT_RESUME = 9,              /**< A suspended complaint resumes (`"resume"`). */
    UKC_EVENT_WITHDRAW = 10,           /**< The customer withdraws the complaint (`"withdraw"`). */
    UKC_EVENT_REOPEN = 11,             /**< A withdrawn or discontinued complaint is re-opened on a ground of the policy (`"reopen"`). */
    UKC_EVENT_CONTACT_ATTEMPT = 12,    /**< The council tries to contact the customer by a method (`"contact-attempt"`). */
    UKC_EVENT_DISCONTINUE = 13,        /**< The council stops the complaint for want of a response (`"discontinue"`). */
    UKC_EVENT_RESTRICT = 14,           /**< The council decides to restrict contact for unreasonable behaviour (`"restrict"`). */
    UKC_EVENT_REFER = 15,              /**< The complaint goes to an external body such as the LGSCO (`"refer"`). */
    UKC_EVENT_CLOSE = 16,              /**< The case is closed; nothing may follow (`"close"`). */
    UKC_EVENT_PANEL = 17,              /**< A review panel meets: the hearing (`"panel"`). */
    UKC_EVENT_REPORT = 18,             /**< The panel's report is presented (`"report"`). */
    UKC_EVENT_NOTIFY = 19,             /**< The council writes to the customer about a decision, e.g. a restriction (`"notify"`). */
    UKC_EVENT_CONTACT_METHODS = 20     /**< The contact methods the customer gave, in `method`, comma-separated, e.g. `"post"` or `"email,telephone"` (`"contact-methods"`). */
} ukc_event_kind;

/** Where a case stands. The numbers and names are fixed. @since 0.1.0 */
typedef enum ukc_case_status {
    UKC_CASE_OPEN = 0,         /**< The current stage awaits its response (`"open"`). */
    UKC_CASE_REQUESTED = 1,    /**< A request for the next stage awaits the council's decision (`"requested"`). */
    UKC_CASE_RESPONDED = 2,    /**< The current stage has its response (`"responded"`). */
    UKC_CASE_SUSPENDED = 3,    /**< Suspended (`"suspended"`). */
    UKC_CASE_WITHDRAWN = 4,    /**< Withdrawn by the customer (`"withdrawn"`). */
    UKC_CASE_DISCONTINUED = 5, /**< Discontinued by the council (`"discontinued"`). */
    UKC_CASE_CLOSED = 6        /**< Closed (`"closed"`). */
} ukc_case_status;

/**
 * What suspension (and a withdrawal or discontinuation later re-opened) does
 * to the council's clocks. No built-in policy's source says; the default is
 * ::UKC_SUSPENSION_PAUSE. The numbers and names are fixed.
 * @since 0.1.0
 */
typedef enum ukc_suspension {
    /** The clock stops and the suspended days are added back on resumption (`"pause"`). */
    UKC_SUSPENSION_PAUSE = 0,
    /** The clock starts again from day 0 on the day of resumption (`"restart"`). */
    UKC_SUSPENSION_RESTART = 1
} ukc_suspension;

/** Whose duty an obligation is. The numbers are fixed. @since 0.1.0 */
typedef enum ukc_party {
    UKC_PARTY_COUNCIL = 0, /**< The council's (`"council"`). */
    UKC_PARTY_CUSTOMER = 1 /**< The customer's: a window to ask for the next stage (`"customer"`). */
} ukc_party;

/** The state of an obligation at a date. The numbers and names are fixed. @since 0.1.0 */
typedef enum ukc_obligation_state {
    UKC_STATE_PENDING = 0,        /**< Not yet met and not yet due (`"pending"`). */
    UKC_STATE_MET = 1,            /**< Met on or before its due date (`"met"`). */
    UKC_STATE_MISSED = 2,         /**< Not met by its due date: late_by working days so far, or met late (`"missed"`). */
    UKC_STATE_NOT_APPLICABLE = 3, /**< No longer applies, e.g. a holding reply once the response went in time (`"not-applicable"`). */
    UKC_STATE_SUSPENDED = 4,      /**< Its clock is stopped while the case is suspended (`"suspended"`). */
    UKC_STATE_LAPSED = 5          /**< A customer's window that ended unused (`"lapsed"`). */
} ukc_obligation_state;

/**
 * The version of ::ukc_case_options this header describes: 2, which added
 * `calendar`. The library accepts any version from 1 to this one.
 * @since 0.1.0
 */
#define UKC_CASE_OPTIONS_VERSION 2

/**
 * Options of ukc_case_open(). Initialise with ::UKC_CASE_OPTIONS_INIT or
 * ukc_case_options_init(); fields are only ever appended, and the library
 * reads only those of the caller's `version` (docs/abi.md).
 * @since 0.1.0
 */
typedef struct ukc_case_options {
    unsigned int version;      /**< ::UKC_CASE_OPTIONS_VERSION, or an older version 1.. of it. */
    int32_t suspension;        /**< A ::ukc_suspension: what suspension does to clocks; default ::UKC_SUSPENSION_PAUSE. */
    /**
     * Version 2 on. 
     * A calendar to count working days on in place of the policy's own (for
     * example one loaded from a newer GOV.UK feed with
     * ukc_calendar_from_govuk_file(), or with a council's closure days), or
     * NULL for the policy's. Every working-day timescale that uses the
     * policy's calendar uses this one instead. The case does not own it: keep
     * it alive as long as the case. A case restored with ukc_case_from_json()
     * uses the policy's calendar. Absent from a version 1 struct, which
     * uses the policy's calendar.
     */
    const ukc_calendar *calendar;
} ukc_case_options;

/** Default ::ukc_case_options. @since 0.1.0 */
#define UKC_CASE_OPTIONS_INIT { UKC_CASE_OPTIONS_VERSION, UKC_SUSPENSION_PAUSE, NULL }

/**
 * The most events a case holds. An event past it is an error,
 * ::UKC_ERR_TOO_MANY, from ukc_case_apply() and ukc_case_from_json(), not a
 * refusal: no council's procedure comes near it.
 * @since 0.1.0
 */
#define UKC_CASE_MAX_EVENTS 10000

/**
 * The version of ::ukc_case_event this header describes. The library accepts
 * any version from 1 to this one.
 * @since 0.1.0
 */
#define UKC_CASE_EVENT_VERSION 1

/**
 * One event of a case. Initialise with ::UKC_CASE_EVENT_INIT or
 * ukc_case_event_init(), then set the kind, the date and the fields the kind
 * needs; fields are only ever appended. Strings are copied by ukc_case_apply();
 * NULL and "" both mean "not given".
 * @since 0.1.0
 */
typedef struct ukc_case_event {
    unsigned int version;   /**< ::UKC_CASE_EVENT_VERSION. */
    int32_t kind;           /**< What happened, a ::ukc_event_kind. */
    ukc_date date;          /**< The day it happened. */
    bool has_delivery;      /**< Whether the delivery method is given (respond: required). */
    int32_t delivery;       /**< respond: how the response was sent, for deemed receipt, a ::ukc_delivery. */
    const char *reasons;    /**< request-escalation: the customer's reasons; refuse-escalation: the council's explanation; extend: the reason; restrict: the behaviour. */
    const char *ground;     /**< suspend, reopen: the ID of a ground of the policy's action. */
    const char *method;     /**< contact-attempt: the method, e.g. `"telephone"`. */
    const char *body;       /**< refer: the ID of an external body of the policy, e.g. `"lgsco"`. */
    int32_t days;           /**< extend: the new total count of the response time (0 = the maximum). */
    const char *note;       /**< Free text kept with the event, or NULL. */
} ukc_case_event;

/** An empty ::ukc_case_event. @since 0.1.0 */
#define UKC_CASE_EVENT_INIT \
    { UKC_CASE_EVENT_VERSION, UKC_EVENT_ACKNOWLEDGE, 0, false, UKC_DELIVERY_EMAIL, NULL, NULL, NULL, NULL, 0, NULL }

/** The size of a decision's message buffer. @since 0.1.0 */
#define UKC_DECISION_MESSAGE_SIZE 512

/**
 * The answer to an event: allowed or refused, why, and the rule's source.
 * The caller provides it, its `size` set to `sizeof(ukc_decision)` as the
 * caller was compiled (::UKC_DECISION_INIT); the library fills what both it
 * and the caller know and sets `size` to the bytes filled (docs/abi.md).
 * @since 0.1.0
 */
typedef struct ukc_decision {
    size_t size;           /**< In: `sizeof(ukc_decision)` as the caller was compiled; out: the bytes filled. */
    bool allowed;          /**< True when the event is (or would be) applied. */
    int32_t reason;        /**< For a refusal its `UKC-Rnnn` ID, a ::ukc_id; ::UKC_ID_NONE when allowed. */
    const char *code;      /**< The reason's code, e.g. `"UKC-R005"`, or "" (static). */
    const char *slug;      /**< The reason's slug, e.g. `"escalation-window-closed"`, or "" (static). */
    const ukc_citation *citation; /**< The rule that forbids (or allows) the event; a citation of empty strings when none. Owned by the policy (or static). */
    char message[UKC_DECISION_MESSAGE_SIZE]; /**< One line of English saying what was decided and why. */
} ukc_decision;

/** A ::ukc_decision with the caller's size, for ukc_case_apply() and ukc_case_check() to fill. @since 0.1.0 */
#define UKC_DECISION_INIT { sizeof(ukc_decision), false, 0, NULL, NULL, NULL, { 0 } }

/**
 * One obligation of a case at a date. Strings are owned by the list (or the
 * policy) and stay valid until the list is freed.
 * @since 0.1.0
 */
typedef struct ukc_case_obligation {
    size_t size;               /**< The library's `sizeof` of this struct: a field appended later is there only when `size` reaches past it. */
    const char *id;            /**< Stable within the case: `"stage-1.respond"`, `"stage-1.respond.maximum"`, `"stage-2.request"`... */
    const char *rule;          /**< The policy rule's ID: an obligation's or a time limit's. */
    const char *stage;         /**< The stage's ID, or "" for a kind's or an action's obligation. */
    const char *what;          /**< An obligation kind's name (e.g. `"respond"`) or `"escalation-window"`. */
    int32_t party;             /**< Whose duty it is, a ::ukc_party. */
    int32_t bound;             /**< The target or the maximum of the rule's timescale, a ::ukc_bound. */
    const char *text;          /**< The obligation in plain English. */
    const char *condition;     /**< When it applies, as the policy says, or "". */
    int32_t unit;              /**< The unit its timescale counts in, a ::ukc_unit. */
    ukc_date start;            /**< The date of the event that started its clock (day 0). */
    ukc_date due;              /**< The due date (the last day of a customer's window). */
    int32_t state;             /**< Its state at the list's date, a ::ukc_obligation_state. */
    ukc_date met;              /**< The day it was met (on time or late), or 0. */
    int32_t late_by;           /**< Working days after the due date that it was met, or is still outstanding; 0 otherwise. */
    int32_t extended_to;       /**< The count after an extension, or 0. */
    int32_t suspended_days;    /**< Units added back for suspension, or 0. */
    const ukc_citation *citation; /**< The rule's source, owned by the policy. */
    const ukc_explanation *explanation; /**< How the due date was worked out, or NULL unless asked for. */
} ukc_case_obligation;

/** Flag of ukc_case_obligations(): build each obligation's explanation, in the
 * compact form (see ukc_calendar_explain_deadline_ex()). @since 0.1.0 */
#define UKC_OBLIGATIONS_EXPLAIN 1u
/** Flag of ukc_case_obligations(): build each obligation's explanation in the
 * full form, with every working day counted (implies ::UKC_OBLIGATIONS_EXPLAIN).
 * @since 0.1.0 */
#define UKC_OBLIGATIONS_EXPLAIN_FULL 2u

/* ---- Options and events ------------------------------------------------- */

/**
 * Initialise options to their defaults.
 * @param[out] opts the options.
 * @param[in] version ::UKC_CASE_OPTIONS_VERSION.
 * @retval UKC_OK success.
 * @retval UKC_ERR_INVALID_ARGUMENT @p opts is NULL.
 * @retval UKC_ERR_VERSION an unknown @p version.
 * @since 0.1.0
 */
UKC_EXPORT ukc_status ukc_case_options_init(ukc_case_options *opts, unsigned int version);

/**
 * Initialise an event: kind acknowledge, date 0, no fields.
 * @param[out] event the event.
 * @param[in] version ::UKC_CASE_EVENT_VERSION.
 * @retval UKC_OK success.
 * @retval UKC_ERR_INVALID_ARGUMENT @p event is NULL.
 * @retval UKC_ERR_VERSION an unknown @p version.
 * @since 0.1.0
 */
UKC_EXPORT ukc_status ukc_case_event_init(ukc_case_event *event, unsigned int version);

/* ---- Opening and closing ------------------------------------------------ */

/**
 * Open a case.
 *
 * @p procedure may be NULL or "" to take the feedback kind's procedure; a kind
 * without one (a compliment, say) gives a case with no stages, holding only
 * the kind's own obligations.
 * @param[in] policy the policy; it must outlive the case.
 * @param[in] procedure the procedure's ID, e.g. `"corporate"`, or NULL.
 * @param[in] kind the feedback kind's ID, e.g. `"complaint"`.
 * @param[in] received the day the council received it (day 0 of its first clocks).
 * @param[in] channel how it arrived (e.g. `"email"`), kept as given, or NULL.
 * @param[in] opts options, or NULL for the defaults.
 * @param[out] out the case, to be released with ukc_case_free(); NULL on failure.
 * @retval UKC_OK success.
 * @retval UKC_ERR_INVALID_ARGUMENT a NULL @p policy, @p kind or @p out, or a bad option.
 * @retval UKC_ERR_VERSION @p opts has an unknown version.
 * @retval UKC_ERR_NOT_FOUND the policy has no such procedure.
 * @retval UKC_ERR_NOT_SET the policy does not define the kind, or its source does not give the procedure's stages (the message says what it lacks).
 * @retval UKC_ERR_OUT_OF_RANGE @p received is outside the calendar's range.
 * @retval UKC_ERR_NO_MEMORY allocation failed.
 * @since 0.1.0
 */
UKC_EXPORT ukc_status ukc_case_open(const ukc_policy *policy, const char *procedure,
                                    const char *kind, ukc_date received, const char *channel,
                                    const ukc_case_options *opts, ukc_case **out);

/**
 * Release a case. Accepts NULL.
 * @param[in] c the case, or NULL.
 * @since 0.1.0
 */
UKC_EXPORT void ukc_case_free(ukc_case *c);

/* ---- Events ------------------------------------------------------------- */

/**
 * Apply an event. An allowed event is recorded in the history and moves the
 * case on; a refused one changes nothing. Either way @p out says why.
 * @param[in,out] c the case.
 * @param[in] event the event; its strings are copied.
 * @param[out] out the decision (may be NULL when not wanted).
 * @retval UKC_OK the event was decided: read out->allowed.
 * @retval UKC_ERR_INVALID_ARGUMENT a NULL @p c or @p event, or an unknown kind or delivery method.
 * @retval UKC_ERR_VERSION the event has an unknown version.
 * @retval UKC_ERR_NO_MEMORY allocation failed; nothing was changed.
 * @retval UKC_ERR_TOO_MANY the case already holds ::UKC_CASE_MAX_EVENTS events; nothing was changed.
 * @since 0.1.0
 */
UKC_EXPORT ukc_status ukc_case_apply(ukc_case *c, const ukc_case_event *event,
                                     ukc_decision *out);

/**
 * Whether an event would be allowed, without applying it.
 * @param[in] c the case.
 * @param[in] event the event.
 * @param[out] out the decision.
 * @retval UKC_OK the event was decided: read out->allowed.
 * @retval UKC_ERR_INVALID_ARGUMENT a NULL argument, or an unknown kind or delivery method.
 * @retval UKC_ERR_VERSION the event has an unknown version.
 * @since 0.1.0
 */
UKC_EXPORT ukc_status ukc_case_check(const ukc_case *c, const ukc_case_event *event,
                                     ukc_decision *out);

/**
 * The number of applied events.
 * @param[in] c the case.
 * @return the count, or 0 when @p c is NULL.
 * @since 0.1.0
 */
UKC_EXPORT size_t ukc_case_event_count(const ukc_case *c);

/**
 * The i-th applied event, oldest first. Events are read one at a time, so a
 * caller compiled against an older, shorter ::ukc_case_event still gets each
 * event whole: its `version` says which fields it has.
 * @param[in] c the case.
 * @param[in] i 0..ukc_case_event_count() - 1.
 * @return the event, owned by the case and valid until the next
 *         ukc_case_apply() or ukc_case_free(); NULL when @p c is NULL or @p i
 *         is out of range.
 * @since 0.1.0
 */
UKC_EXPORT const ukc_case_event *ukc_case_event_at(const ukc_case *c, size_t i);

/* ---- About the case ----------------------------------------------------- */

/**
 * The case's policy.
 * @param[in] c the case.
 * @return the policy, or NULL when @p c is NULL.
 * @since 0.1.0
 */
UKC_EXPORT const ukc_policy *ukc_case_policy(const ukc_case *c);

/**
 * The case's procedure.
 * @param[in] c the case.
 * @return the procedure, owned by the policy, or NULL for a case without one or when @p c is NULL.
 * @since 0.1.0
 */
UKC_EXPORT const ukc_procedure *ukc_case_procedure(const ukc_case *c);

/**
 * The case's feedback kind.
 * @param[in] c the case.
 * @return the kind, owned by the policy, or NULL when @p c is NULL.
 * @since 0.1.0
 */
UKC_EXPORT const ukc_feedback_definition *ukc_case_kind(const ukc_case *c);

/**
 * The day the council received the feedback.
 * @param[in] c the case.
 * @return the date, or 0 when @p c is NULL.
 * @since 0.1.0
 */
UKC_EXPORT ukc_date ukc_case_received(const ukc_case *c);

/**
 * The channel it arrived by, as given to ukc_case_open().
 * @param[in] c the case.
 * @return a string owned by the case, or "" when none was given or @p c is NULL.
 * @since 0.1.0
 */
UKC_EXPORT const char *ukc_case_channel(const ukc_case *c);

/**
 * The current stage.
 * @param[in] c the case.
 * @return the stage, owned by the policy, or NULL for a case without stages or when @p c is NULL.
 * @since 0.1.0
 */
UKC_EXPORT const ukc_stage *ukc_case_stage(const ukc_case *c);

/**
 * Where the case stands.
 * @param[in] c the case.
 * @return the status (::UKC_CASE_OPEN when @p c is NULL).
 * @since 0.1.0
 */
UKC_EXPORT ukc_case_status ukc_case_status_of(const ukc_case *c);

/**
 * The suspension option the case was opened with.
 * @param[in] c the case.
 * @return the option (::UKC_SUSPENSION_PAUSE when @p c is NULL).
 * @since 0.1.0
 */
UKC_EXPORT ukc_suspension ukc_case_suspension(const ukc_case *c);

/* ---- Obligations -------------------------------------------------------- */

/**
 * The obligations of the case as they stand at a date: every obligation of
 * the stages entered so far (and of the feedback kind and of actions taken),
 * with due dates moved by extensions and suspensions, and the customer's
 * windows to ask for the next stage. Obligations whose clock has not started
 * (a panel's report before the hearing) are not listed.
 * @param[in] c the case.
 * @param[in] as_of the date to judge states at (pending, missed...).
 * @param[in] flags 0, ::UKC_OBLIGATIONS_EXPLAIN to build compact explanations, or
 *            ::UKC_OBLIGATIONS_EXPLAIN_FULL to build them with every day counted.
 * @param[out] out the list, to be released with ukc_obligations_free(); NULL on failure.
 * @retval UKC_OK success.
 * @retval UKC_ERR_INVALID_ARGUMENT a NULL argument or an unknown flag.
 * @retval UKC_ERR_OUT_OF_RANGE @p as_of or a due date is outside the calendar's range.
 * @retval UKC_ERR_NO_MEMORY allocation failed.
 * @since 0.1.0
 */
UKC_EXPORT ukc_status ukc_case_obligations(const ukc_case *c, ukc_date as_of, unsigned flags,
                                           ukc_obligations **out);

/**
 * The number of obligations in a list.
 * @param[in] list the list.
 * @return the count, or 0 when @p list is NULL.
 * @since 0.1.0
 */
UKC_EXPORT size_t ukc_obligations_count(const ukc_obligations *list);

/**
 * The i-th obligation, in order of due date.
 * @param[in] list the list.
 * @param[in] i 0..ukc_obligations_count() - 1.
 * @return an obligation owned by the list, or NULL when out of range.
 * @since 0.1.0
 */
UKC_EXPORT const ukc_case_obligation *ukc_obligations_at(const ukc_obligations *list, size_t i);

/**
 * The date a list was made for.
 * @param[in] list the list.
 * @return the date, or 0 when @p list is NULL.
 * @since 0.1.0
 */
UKC_EXPORT ukc_date ukc_obligations_as_of(const ukc_obligations *list);

/**
 * Give one obligation of a list its explanation, as
 * ukc_case_obligations() would have built it with @p flags, without
 * explaining the others: for a caller that keeps explanations it has
 * already seen (thousands of cases share each one) and lists with flags 0.
 * An obligation that has an explanation keeps it. Like every call on a
 * case, it must not overlap another call on the same case; the list
 * belongs to the calling thread.
 * @param[in,out] list a list made by ukc_case_obligations() for @p c; the
 *                explanation is owned by the list and freed with it.
 * @param[in] c the case the list was made for, with no event applied since.
 * @param[in] i the obligation's index, 0..ukc_obligations_count() - 1.
 * @param[in] flags ::UKC_OBLIGATIONS_EXPLAIN for the compact form, or
 *            ::UKC_OBLIGATIONS_EXPLAIN_FULL for every day counted.
 * @retval UKC_OK the obligation (ukc_obligations_at()) has its explanation.
 * @retval UKC_ERR_INVALID_ARGUMENT a NULL argument, @p i out of range, @p flags
 *         that ask for no explanation or are unknown, or a list made for another
 *         case or before the case's latest event.
 * @retval UKC_ERR_OUT_OF_RANGE a date of the explanation is outside the calendar's range.
 * @retval UKC_ERR_NO_MEMORY allocation failed; the list is unchanged.
 * @since 0.1.0
 */
UKC_EXPORT ukc_status ukc_obligations_explain(ukc_obligations *list, const ukc_case *c, size_t i,
                                              unsigned flags);

/**
 * Release a list. Accepts NULL.
 * @param[in] list the list, or NULL.
 * @since 0.1.0
 */
UKC_EXPORT void ukc_obligations_free(ukc_obligations *list);

/* ---- Save and restore --------------------------------------------------- */

/**
 * The case as a JSON document (format 1): the policy's ID, the procedure, the
 * kind, the date received, the channel, the suspension option and every
 * applied event. ukc_case_from_json() restores the same state.
 * @param[in] c the case.
 * @param[out] out NUL-terminated UTF-8, to be released with ukc_free(); NULL on failure.
 * @retval UKC_OK success.
 * @retval UKC_ERR_INVALID_ARGUMENT a NULL argument.
 * @retval UKC_ERR_NO_MEMORY allocation failed.
 * @since 0.1.0
 */
UKC_EXPORT ukc_status ukc_case_to_json(const ukc_case *c, char **out);

/**
 * Restore a case saved by ukc_case_to_json(), re-validating it by replaying
 * every event under @p policy. An edited date, a missing field, another
 * policy's ID or an event the policy forbids is refused, and ukc_last_error()
 * gives the JSON path, line and column of the offending value; for a refused
 * event the message carries the refusal's reason ID.
 * @param[in] policy the policy the case was opened under.
 * @param[in] json the document (UTF-8).
 * @param[in] len its length in bytes.
 * @param[out] out the case, to be released with ukc_case_free(); NULL on failure.
 * @retval UKC_OK success.
 * @retval UKC_ERR_INVALID_ARGUMENT a NULL argument.
 * @retval UKC_ERR_PARSE not JSON, or a duplicate key.
 * @retval UKC_ERR_INVALID_UTF8 invalid UTF-8 or a NUL byte.
 * @retval UKC_ERR_TOO_DEEP nested too deeply.
 * @retval UKC_ERR_TOO_LONG larger than 16 MiB.
 * @retval UKC_ERR_TOO_MANY more than ::UKC_CASE_MAX_EVENTS events.
 * @retval UKC_ERR_VERSION a `format` other than 1.
 * @retval UKC_ERR_INVALID_DATA a missing or wrong field, another policy's ID, a bad date, or an event the policy refuses.
 * @retval UKC_ERR_NOT_FOUND an unknown procedure.
 * @retval UKC_ERR_NOT_SET an unknown feedback kind, or a procedure without stages in its source.
 * @retval UKC_ERR_OUT_OF_RANGE a date outside the calendar's range.
 * @retval UKC_ERR_NO_MEMORY allocation failed.
 * @since 0.1.0
 */
UKC_EXPORT ukc_status ukc_case_from_json(const ukc_policy *policy, const char *json, size_t len,
                                         ukc_case **out);

/**
 * One obligation as a JSON object on one line, in the shape every program of
 * the library shows obligations in (docs/cases.md, "Obligations and decisions
 * as JSON"): `id`, `rule`, `stage`, `what`, `party`, `bound`, `unit`,
 * `start`, `due`, `state` (a name of ukc_obligation_state_name()), `met`
 * (null when not met), `late_by`, `extended_to`, `suspended_days`, `text`,
 * `condition`, `citation` (`document`, `section`, `quote`) and, when the
 * obligation has an explanation, `explanation_ids` (each step's ID once, in
 * order) and `explanation` (its text). A byte of a string that is not
 * well-formed UTF-8 is written as U+FFFD. Thread-safe: it only reads
 * @p obligation.
 * @param[in] obligation an obligation, e.g. from ukc_obligations_at().
 * @param[out] out NUL-terminated UTF-8 without a final newline, to be released
 *             with ukc_free(); NULL on failure.
 * @retval UKC_OK success.
 * @retval UKC_ERR_INVALID_ARGUMENT a NULL argument, or an obligation whose citation is NULL.
 * @retval UKC_ERR_VERSION `obligation->size` is smaller than any release's ::ukc_case_obligation.
 * @retval UKC_ERR_NO_MEMORY allocation failed.
 * @since 0.1.0
 */
UKC_EXPORT ukc_status ukc_obligation_to_json(const ukc_case_obligation *obligation, char **out);

/**
 * The obligations of a case at a date as one JSON object on one line:
 * `as_of`, `status` (ukc_case_status_name()), `stage` (the current stage's
 * ID, or ""), and `obligations`, an array of the objects of
 * ukc_obligation_to_json() in the order of ukc_case_obligations(). Like
 * every call on a case, it must not overlap another call on the same case.
 * @param[in] c the case.
 * @param[in] as_of the date to judge states at.
 * @param[in] flags as for ukc_case_obligations(): 0, ::UKC_OBLIGATIONS_EXPLAIN
 *            or ::UKC_OBLIGATIONS_EXPLAIN_FULL (each obligation then carries
 *            its explanation).
 * @param[out] out NUL-terminated UTF-8 without a final newline, to be released
 *             with ukc_free(); NULL on failure.
 * @retval UKC_OK success.
 * @retval UKC_ERR_INVALID_ARGUMENT a NULL argument or an unknown flag.
 * @retval UKC_ERR_OUT_OF_RANGE @p as_of or a due date is outside the calendar's range.
 * @retval UKC_ERR_NO_MEMORY allocation failed.
 * @since 0.1.0
 */
UKC_EXPORT ukc_status ukc_case_obligations_to_json(const ukc_case *c, ukc_date as_of,
                                                   unsigned flags, char **out);

/**
 * A decision of ukc_case_apply() or ukc_case_check() as a JSON object on one
 * line: `event` and `date` (when @p event is given), `allowed`, `reason` (the
 * `UKC-Rnnn` ID, or "" when allowed without a warning), `slug`, `message`
 * and `citation` (`document`, `section`, `quote`). Thread-safe: it only
 * reads its arguments.
 * @param[in] event the event decided on, or NULL to leave out `event` and `date`.
 * @param[in] decision the decision.
 * @param[out] out NUL-terminated UTF-8 without a final newline, to be released
 *             with ukc_free(); NULL on failure.
 * @retval UKC_OK success.
 * @retval UKC_ERR_INVALID_ARGUMENT a NULL @p decision or @p out, or a decision whose citation is NULL.
 * @retval UKC_ERR_VERSION `decision->size` is smaller than any release's ::ukc_decision.
 * @retval UKC_ERR_NO_MEMORY allocation failed.
 * @since 0.1.0
 */
UKC_EXPORT ukc_status ukc_decision_to_json(const ukc_case_event *event,
                                           const ukc_decision *decision, char **out);

/* ---- Names -------------------------------------------------------------- */

/**
 * The name of an event kind, e.g. `"request-escalation"`.
 * @param[in] kind the kind.
 * @return a static string, or "" for an unknown value.
 * @since 0.1.0
 */
UKC_EXPORT const char *ukc_event_kind_name(ukc_event_kind kind);

/**
 * Parse an event kind's name.
 * @param[in] name the name, as ukc_event_kind_name() gives it.
 * @param[out] out the kind; ::UKC_EVENT_ACKNOWLEDGE on failure.
 * @retval UKC_OK success.
 * @retval UKC_ERR_INVALID_ARGUMENT a NULL argument.
 * @retval UKC_ERR_NOT_FOUND an unknown name.
 * @since 0.1.0
 */
UKC_EXPORT ukc_status ukc_event_kind_from_name(const char *name, ukc_event_kind *out);

/**
 * The name of a case status, e.g. `"responded"`.
 * @param[in] status the status.
 * @return a static string, or "" for an unknown value.
 * @since 0.1.0
 */
UKC_EXPORT const char *ukc_case_status_name(ukc_case_status status);

/**
 * The name of a suspension option: `"pause"` or `"restart"`.
 * @param[in] mode the option.
 * @return a static string, or "" for an unknown value.
 * @since 0.1.0
 */
UKC_EXPORT const char *ukc_suspension_name(ukc_suspension mode);

/**
 * Parse a suspension option's name.
 * @param[in] name `"pause"` or `"restart"`.
 * @param[out] out the option; ::UKC_SUSPENSION_PAUSE on failure.
 * @retval UKC_OK success.
 * @retval UKC_ERR_INVALID_ARGUMENT a NULL argument.
 * @retval UKC_ERR_NOT_FOUND an unknown name.
 * @since 0.1.0
 */
UKC_EXPORT ukc_status ukc_suspension_from_name(const char *name, ukc_suspension *out);

/**
 * The name of an obligation state, e.g. `"missed"`.
 * @param[in] state the state.
 * @return a static string, or "" for an unknown value.
 * @since 0.1.0
 */
UKC_EXPORT const char *ukc_obligation_state_name(ukc_obligation_state state);

/**
 * The name of a party: `"council"` or `"customer"`.
 * @param[in] party the party.
 * @return a static string, or "" for an unknown value.
 * @since 0.1.0
 */
UKC_EXPORT const char *ukc_party_name(ukc_party party);

#ifdef __cplusplus
}
#endif

#endif /* UKCOMPLAINTS_CASE_H */
