/**
 * @file policy.h
 * @brief A council's complaint policy as data: feedback kinds, procedures and
 *        their stages, obligations and their timescales, exclusions and
 *        alternative routes, time limits, case actions, deemed receipt of
 *        responses and external bodies, each rule with its citation.
 *
 * A ::ukc_policy is loaded from a JSON file (format 1, see
 * docs/policy-format.md) or taken from the built-in set: four councils (`"kent"`,
 * `"warwickshire"`, `"derby"`, `"unnamed-unitary-004"`) and twelve model
 * procedures (`"lgsco-2024"`, `"foia"`, `"sar"`... see docs/model-procedures.md),
 * each citation with the quality of its source. Loading validates
 * everything: a rule without a citation, an unknown key, a stage naming an
 * unknown event, a maximum below its target and the like are load errors, and
 * nothing is loaded. The message of every such error starts with its permanent
 * policy-error code, for example `"UKC-P004 missing-citation: ..."` (see
 * docs/ids.md), and ukc_last_error() gives its JSON path and, where it can be
 * found, line and column. ukc_policy_check_json() reports every problem of a
 * file at once.
 *
 * What a policy's source does not say stays unset: a query for a rule the
 * policy does not hold returns ::UKC_ERR_NOT_SET with a message saying what
 * the source lacks, never an invented number.
 *
 * All the rule types are size-prefixed structs handed out as `const`
 * pointers owned by the policy (docs/abi.md): `size` is the library's
 * `sizeof`, a field appended in a later release is there only when `size`
 * reaches past it, and a rule's citation and timescale are pointers to
 * size-prefixed structs of their own. Lists inside a rule (a procedure's
 * stages, a stage's obligations...) are read with the `_at` functions, which
 * step at the library's size, not the caller's. Strings are never NULL (an
 * unset string is "") and stay valid until the policy is freed (built-in
 * policies are never freed). Every
 * rule has a stable string ID (`"corporate"`, `"stage-2"`, `"respond"`) that
 * case records and other modules may store.
 *
 * A policy is immutable once loaded. Any number of threads may query one
 * policy at once; queries allocate nothing except the explanations they return.
 * @since 0.1.0
 */
#ifndef UKCOMPLAINTS_POLICY_H
#define UKCOMPLAINTS_POLICY_H

#include "calendar.h"
#include "common.h"
#include "date.h"
#include "error.h"
#include "explain.h"
#include "ids.h"

#ifdef __cplusplus
extern "C" {
#endif

/** An immutable council policy. @since 0.1.0 */
typedef struct ukc_policy ukc_policy;

/** The problems found by ukc_policy_check_json(). @since 0.1.0 */
typedef struct ukc_policy_report ukc_policy_report;

/** The policy file format version this library reads and writes. @since 0.1.0 */
#define UKC_POLICY_FORMAT 1

/**
 * What kind of text a citation quotes. The numbers are fixed.
 * @since 0.1.0
 */
typedef enum ukc_source_quality {
    UKC_SOURCE_PRIMARY = 0,   /**< The issuing body's own text: the council's policy, the Act, the Code (`"primary"`). */
    UKC_SOURCE_SECONDARY = 1, /**< Someone else's restatement of it (`"secondary"`). */
    UKC_SOURCE_ADOPTER = 2    /**< A public body's published copy of a model procedure (`"adopter"`). */
} ukc_source_quality;

/**
 * Where a rule comes from: the council document's own title, the section
 * heading, and words quoted from it. An absent citation (only where the
 * format allows one, such as a library default) has three empty strings.
 * @since 0.1.0
 */
typedef struct ukc_citation {
    size_t size;          /**< The library's `sizeof`, or the caller's for one it fills (::UKC_CITATION_INIT). */
    const char *document; /**< The document's title, as listed in the policy's documents. */
    const char *section;  /**< The section heading the rule is under. */
    const char *quote;    /**< Words of the document, quoted exactly. */
    int32_t source;       /**< The kind of text quoted, a ::ukc_source_quality: the citation's own `source`, else its document's. @since 0.1.0 */
} ukc_citation;

/** An empty ::ukc_citation with the caller's size. @since 0.1.0 */
#define UKC_CITATION_INIT { sizeof(ukc_citation), "", "", "", UKC_SOURCE_PRIMARY }

/** The unit a timescale counts in. The numbers are fixed. @since 0.1.0 */
typedef enum ukc_unit {
    UKC_UNIT_WORKING_DAYS = 0,  /**< Working days of the rule's calendar (`"working-days"`). */
    UKC_UNIT_CALENDAR_DAYS = 1, /**< Calendar days (`"calendar-days"`). */
    UKC_UNIT_WEEKS = 2,         /**< Weeks of seven days (`"weeks"`). */
    UKC_UNIT_MONTHS = 3,        /**< Calendar months, clamped to the month's end (`"months"`). */
    /** Calendar months as the ICO counts them (`"calendar-months"`): the
     *  corresponding date in the later month, its last day when it has no
     *  such date, moved to the next working day of the rule's calendar when
     *  that date is not a working day. @since 0.1.0 */
    UKC_UNIT_CALENDAR_MONTHS = 4
} ukc_unit;

/** The event that starts a timescale's clock (day 0). The numbers are fixed. @since 0.1.0 */
typedef enum ukc_clock_event {
    UKC_CLOCK_RECEIPT = 0,             /**< The council receives the feedback or complaint (`"receipt"`). */
    UKC_CLOCK_ACKNOWLEDGEMENT = 1,     /**< The council acknowledges it (`"acknowledgement"`). */
    UKC_CLOCK_ESCALATION_REQUEST = 2,  /**< The customer asks for the next stage (`"escalation-request"`). */
    UKC_CLOCK_REQUEST_ACCEPTED = 3,    /**< The council accepts that request (`"request-accepted"`). */
    UKC_CLOCK_INVESTIGATION_START = 4, /**< An investigation starts (`"investigation-start"`). */
    UKC_CLOCK_HEARING = 5,             /**< A hearing or panel meeting (`"hearing"`). */
    UKC_CLOCK_REPORT = 6,              /**< A report is presented (`"report"`). */
    UKC_CLOCK_RESPONSE_SENT = 7,       /**< The council sends a response or posts it (`"response-sent"`). */
    UKC_CLOCK_RESPONSE_RECEIVED = 8,   /**< The customer receives (or is deemed to receive) a response (`"response-received"`). */
    UKC_CLOCK_DECISION = 9,            /**< The council makes a decision, e.g. to restrict contact (`"decision"`). */
    UKC_CLOCK_ISSUE_AWARE = 10,        /**< The customer becomes aware of the issue (`"issue-aware"`). */
    UKC_CLOCK_ISSUE_ARISING = 11,      /**< The issue arises or the incident takes place (`"issue-arising"`). */
    UKC_CLOCK_RESPONSE_DUE = 12        /**< The stage's response target runs out, or the council says earlier (a holding reply) that the answer will take longer (`"response-due"`). */
} ukc_clock_event;

/** What an obligation asks of the council. The numbers are fixed. @since 0.1.0 */
typedef enum ukc_obligation_kind {
    UKC_OBLIGATION_ACKNOWLEDGE = 0,     /**< Acknowledge receipt (`"acknowledge"`). */
    UKC_OBLIGATION_RESPOND = 1,         /**< Give a full response (`"respond"`). */
    UKC_OBLIGATION_HOLDING_REPLY = 2,   /**< Say why a response will take longer, and when it will come (`"holding-reply"`). */
    UKC_OBLIGATION_PROGRESS_UPDATE = 3, /**< Keep the customer informed of progress (`"progress-update"`). */
    UKC_OBLIGATION_PANEL = 4,           /**< Hold a review panel (`"panel"`). */
    UKC_OBLIGATION_REPORT = 5,          /**< Write and present a report (`"report"`). */
    UKC_OBLIGATION_EXPLAIN_REFUSAL = 6, /**< Explain why a complaint or escalation will not be taken (`"explain-refusal"`). */
    UKC_OBLIGATION_NOTIFY = 7,          /**< Notify the customer of a decision (`"notify"`). */
    UKC_OBLIGATION_DECISION = 8,        /**< Send a decision, e.g. of an appeal (`"decision"`). */
    UKC_OBLIGATION_CONTACT = 9          /**< Make initial contact, e.g. to plan how to deal with the complaint (`"contact"`). */
} ukc_obligation_kind;

/** How an exclusion is handled instead. The numbers are fixed. @since 0.1.0 */
typedef enum ukc_route {
    UKC_ROUTE_NOT_HANDLED = 0,        /**< Outside the process, with no route given (`"not-handled"`). */
    UKC_ROUTE_SEPARATE_PROCEDURE = 1, /**< Another procedure of this policy (`"separate-procedure"`). */
    UKC_ROUTE_OTHER_PROCESS = 2,      /**< A statutory appeal, review, tribunal or other process (`"other-process"`). */
    UKC_ROUTE_OTHER_BODY = 3,         /**< Another organisation or officer deals with it (`"other-body"`). */
    UKC_ROUTE_RECLASSIFIED = 4        /**< Taken, but as another kind of feedback, e.g. logged as a comment (`"reclassified"`). */
} ukc_route;

/** What a time limit limits. The numbers are fixed. @since 0.1.0 */
typedef enum ukc_limit_kind {
    UKC_LIMIT_BRING_COMPLAINT = 0, /**< The customer must bring the complaint within it (`"bring-complaint"`). */
    UKC_LIMIT_ESCALATE = 1,        /**< The customer must ask for the stage within it (`"escalate"`). */
    UKC_LIMIT_INCIDENT_AGE = 2,    /**< The matters complained of must have happened within it (`"incident-age"`). */
    UKC_LIMIT_EXTERNAL_WAIT = 3    /**< After it, an external body may take the complaint without the process being finished (`"external-wait"`). */
} ukc_limit_kind;

/** An action a case may take under the policy. The numbers are fixed. @since 0.1.0 */
typedef enum ukc_action_kind {
    UKC_ACTION_EXTEND = 0,      /**< Extend a timescale (`"extend"`). */
    UKC_ACTION_SUSPEND = 1,     /**< Suspend the complaint (`"suspend"`). */
    UKC_ACTION_RESUME = 2,      /**< Resume a suspended complaint (`"resume"`). */
    UKC_ACTION_WITHDRAW = 3,    /**< The customer withdraws it (`"withdraw"`). */
    UKC_ACTION_REOPEN = 4,      /**< Re-open a withdrawn or discontinued complaint (`"reopen"`). */
    UKC_ACTION_DISCONTINUE = 5, /**< Stop it when the customer does not respond (`"discontinue"`). */
    UKC_ACTION_RESTRICT = 6     /**< Restrict contact for unreasonable behaviour (`"restrict"`). */
} ukc_action_kind;

/** How a response is delivered, for deemed receipt. The numbers are fixed. @since 0.1.0 */
typedef enum ukc_delivery {
    UKC_DELIVERY_EMAIL = 0,             /**< Email (`"email"`). */
    UKC_DELIVERY_FIRST_CLASS_POST = 1,  /**< First class post (`"first-class-post"`). */
    UKC_DELIVERY_SECOND_CLASS_POST = 2, /**< Second class post (`"second-class-post"`). */
    UKC_DELIVERY_HAND = 3               /**< By hand (`"hand"`). */
} ukc_delivery;

/** A yes/no that a source may leave unstated. The numbers are fixed. @since 0.1.0 */
typedef enum ukc_answer {
    UKC_ANSWER_UNSTATED = 0, /**< The source does not say (`"unstated"`). */
    UKC_ANSWER_YES = 1,      /**< The source says yes (`"yes"`). */
    UKC_ANSWER_NO = 2        /**< The source says no (`"no"`). */
} ukc_answer;

/** Which end of a timescale to compute. @since 0.1.0 */
typedef enum ukc_bound {
    UKC_BOUND_TARGET = 0, /**< The count: the target, or a range's lower end (`"target"`). */
    UKC_BOUND_MAXIMUM = 1 /**< The maximum, or a range's upper end (`"maximum"`). */
} ukc_bound;

/**
 * A count of units from an event. A count of 0 only occurs in deemed receipt
 * ("on the date the response is sent").
 * @since 0.1.0
 */
typedef struct ukc_timescale {
    size_t size;               /**< The library's `sizeof`, or the caller's for one it fills (::UKC_TIMESCALE_INIT). */
    int32_t count;             /**< The target, or the lower end of a range; positive. */
    int32_t maximum;           /**< The maximum or the upper end of a range; 0 when none. */
    bool range;                /**< True when count..maximum is a range ("usually between 10 and 20"). */
    int32_t unit;              /**< The unit the source states, a ::ukc_unit. */
    int32_t from;              /**< The event that starts the clock, a ::ukc_clock_event. */
    const char *calendar;      /**< The calendar of working days (the policy's, unless the rule names another). */
    bool recurring;            /**< True for "every count units" (progress updates at four-weekly intervals). */
    bool unit_unclear;         /**< True when the source leaves the unit unclear ("20 days"); the note says how it is kept. */
    const char *maximum_condition; /**< When the maximum applies ("more complex cases"), or "". */
    const char *note;          /**< Anything a reader must know about this timescale, or "". */
} ukc_timescale;

/**
 * A ::ukc_timescale for a caller to fill: one working day from receipt on
 * England and Wales's calendar, with the caller's size.
 * @since 0.1.0
 */
#define UKC_TIMESCALE_INIT                                                              \
    { sizeof(ukc_timescale), 1, 0, false, UKC_UNIT_WORKING_DAYS, UKC_CLOCK_RECEIPT,      \
      "england-and-wales", false, false, "", "" }

/**
 * Something the council must do, and by when.
 * @since 0.1.0
 */
typedef struct ukc_obligation {
    size_t size;               /**< The library's `sizeof` of this struct: a field appended later is there only when `size` reaches past it. */
    const char *id;           /**< Stable ID within its owner, e.g. `"respond"`. */
    int32_t kind;             /**< What is to be done, a ::ukc_obligation_kind. */
    const char *text;         /**< The obligation in plain English. */
    const char *condition;    /**< When it applies (e.g. "if a response is asked for"), or "" for always. */
    const ukc_timescale *time;    /**< By when. */
    const ukc_citation *citation; /**< The rule's source. */
} ukc_obligation;

/**
 * One stage of a procedure.
 * @since 0.1.0
 */
typedef struct ukc_stage {
    size_t size;               /**< The library's `sizeof` of this struct: a field appended later is there only when `size` reaches past it. */
    const char *id;              /**< Stable ID within the procedure, e.g. `"stage-2"`. */
    int32_t number;              /**< 1, 2, 3... in the procedure's order. */
    const char *name;            /**< The source's name, e.g. `"Complaint Escalation"`. */
    const char *handler;         /**< Who handles it, or "". */
    int32_t automatic;           /**< Whether the customer may enter it as of right (the first stage: yes), a ::ukc_answer. */
    int32_t reasons_required;    /**< Whether the customer must give reasons to enter it, a ::ukc_answer. */
    int32_t acceptance_required; /**< Whether the council must accept the request to enter it, a ::ukc_answer. */
    const char *entry;           /**< The conditions to enter it in plain English, or "". */
    const char *request_limit;   /**< ID of the time limit for asking for it (see ukc_policy_time_limit()), or "". */
    const char *external_body;   /**< ID of the external body when an outside body handles the stage, or "". */
    const ukc_obligation *obligations; /**< The stage's obligations, at the library's stride: read them with ukc_stage_obligation_at(). */
    size_t obligation_count;     /**< Their number. */
    const ukc_citation *citation; /**< The stage's source. */
} ukc_stage;

/**
 * A procedure: an ordered list of stages for some class of complaint.
 * @since 0.1.0
 */
typedef struct ukc_procedure {
    size_t size;               /**< The library's `sizeof` of this struct: a field appended later is there only when `size` reaches past it. */
    const char *id;            /**< Stable ID, e.g. `"corporate"`, `"adult-social-care"`. */
    const char *name;          /**< Its name. */
    const char *scope;         /**< What it covers, in plain English. */
    int32_t statutory;         /**< Whether it is set by statute, a ::ukc_answer. */
    const char *run_by;        /**< Who runs it when not the council (e.g. "each school"), or "". */
    const ukc_stage *stages;   /**< The stages in order, at the library's stride: read them with ukc_procedure_stage_at(); none when the source does not give them. */
    size_t stage_count;        /**< Their number. */
    const char *external_body; /**< ID of the body the customer may go to after the last stage, or "". */
    const char *not_in_source; /**< When the stages are unknown, what the source lacks; otherwise "". */
    const ukc_citation *citation; /**< The procedure's source. */
} ukc_procedure;

/**
 * A kind of feedback (complaint, comment, compliment, representation...) with
 * its definition and its own obligations.
 * @since 0.1.0
 */
typedef struct ukc_feedback_definition {
    size_t size;               /**< The library's `sizeof` of this struct: a field appended later is there only when `size` reaches past it. */
    const char *id;            /**< Stable ID, e.g. `"complaint"`, `"comment"`. */
    const char *name;          /**< Its name. */
    const char *definition;    /**< The definition, quoted or summarised. */
    const char *procedure;     /**< ID of the procedure that handles it, or "". */
    const ukc_obligation *obligations; /**< Obligations that apply to every item of the kind, at the library's stride: read them with ukc_feedback_definition_obligation_at(). */
    size_t obligation_count;   /**< Their number. */
    const ukc_citation *citation; /**< The definition's source. */
} ukc_feedback_definition;

/**
 * A subject outside the main process, and where it goes instead.
 * @since 0.1.0
 */
typedef struct ukc_exclusion {
    size_t size;               /**< The library's `sizeof` of this struct: a field appended later is there only when `size` reaches past it. */
    const char *id;            /**< Stable ID, e.g. `"councillor-conduct"`. */
    const char *subject;       /**< What is excluded. */
    int32_t route;             /**< How it is handled instead, a ::ukc_route. */
    const char *destination;   /**< Where the customer goes instead, in plain English, or "". */
    const char *procedure;     /**< ID of the procedure for ::UKC_ROUTE_SEPARATE_PROCEDURE, or "". */
    const char *external_body; /**< ID of the external body it goes to, or "". */
    const char *feedback_kind; /**< ID of the kind it becomes for ::UKC_ROUTE_RECLASSIFIED, or "". */
    const ukc_citation *citation; /**< The rule's source. */
} ukc_exclusion;

/**
 * A time limit on the customer (or on the process, for an external body).
 * @since 0.1.0
 */
typedef struct ukc_time_limit {
    size_t size;               /**< The library's `sizeof` of this struct: a field appended later is there only when `size` reaches past it. */
    const char *id;            /**< Stable ID, e.g. `"bring-complaint"`. */
    int32_t kind;              /**< What it limits, a ::ukc_limit_kind. */
    const char *procedure;     /**< ID of the procedure it applies to, or "" for all. */
    const char *stage;         /**< ID of the stage it applies to, or "" for all. */
    const char *text;          /**< The limit in plain English. */
    const ukc_timescale *time; /**< The limit. */
    const char *exception;     /**< Its exception ("unless there are exceptional circumstances"), or "". */
    const ukc_citation *exception_citation; /**< The exception's source, or an empty citation. */
    const ukc_citation *citation; /**< The rule's source. */
} ukc_time_limit;

/**
 * One ground for an action (a reason to suspend or to re-open).
 * @since 0.1.0
 */
typedef struct ukc_ground {
    size_t size;               /**< The library's `sizeof` of this struct: a field appended later is there only when `size` reaches past it. */
    const char *id;        /**< Stable ID within the action, e.g. `"court-proceedings"`. */
    const char *text;      /**< The ground. */
    const ukc_citation *citation; /**< Its source. */
} ukc_ground;

/**
 * An action a case may take, and its conditions.
 * @since 0.1.0
 */
typedef struct ukc_case_action {
    size_t size;               /**< The library's `sizeof` of this struct: a field appended later is there only when `size` reaches past it. */
    const char *id;              /**< Stable ID, e.g. `"discontinue"`. */
    int32_t kind;                /**< The action, a ::ukc_action_kind. */
    const char *procedure;       /**< ID of the procedure it applies to, or "" for all. */
    const char *decided_by;      /**< Who decides, or "". */
    const char *conditions;      /**< When it may be taken, in plain English, or "". */
    const ukc_ground *grounds;   /**< The grounds it may be taken on (none when unrestricted or unstated), at the library's stride: read them with ukc_case_action_ground_at(). */
    size_t ground_count;         /**< Their number. */
    int32_t min_attempts;        /**< For discontinuation: the contact attempts needed first; 0 when unset. */
    bool different_methods;      /**< For discontinuation: the attempts must use different methods. */
    int32_t in_writing;          /**< Whether the decision or confirmation is sent in writing, a ::ukc_answer. */
    int32_t appeal_to_council;   /**< Whether the customer may appeal to the council against it, a ::ukc_answer. */
    const char *external_body;   /**< ID of the body the customer may go to about it, or "". */
    const ukc_obligation *obligations; /**< Obligations it creates (e.g. notify within 5 working days), at the library's stride: read them with ukc_case_action_obligation_at(). */
    size_t obligation_count;     /**< Their number. */
    const ukc_citation *citation; /**< The rule's source. */
} ukc_case_action;

/**
 * When a response sent by a delivery method is deemed received.
 * @since 0.1.0
 */
typedef struct ukc_deemed_receipt {
    size_t size;               /**< The library's `sizeof` of this struct: a field appended later is there only when `size` reaches past it. */
    int32_t method;        /**< The delivery method, a ::ukc_delivery. */
    const ukc_timescale *time;    /**< Count and unit from ::UKC_CLOCK_RESPONSE_SENT; count 0 = the day it is sent. */
    const ukc_citation *citation; /**< The rule's source. */
} ukc_deemed_receipt;

/**
 * A body outside the council the customer may go to.
 * @since 0.1.0
 */
typedef struct ukc_external_body {
    size_t size;               /**< The library's `sizeof` of this struct: a field appended later is there only when `size` reaches past it. */
    const char *id;        /**< Stable ID, e.g. `"lgsco"`, `"ico"`, `"secretary-of-state"`, `"esfa"`. */
    const char *name;      /**< Its name as the source gives it. */
    const char *when;      /**< When the customer may go there, or "". */
    const char *contact;   /**< How to reach it, as the source gives it, or "". */
    const ukc_citation *citation; /**< The rule's source. */
} ukc_external_body;

/**
 * Which days count as working days, and how a receipt on another day is treated.
 * Where the source says nothing, the policy records the library's default and says so.
 * @since 0.1.0
 */
typedef struct ukc_working_days {
    size_t size;               /**< The library's `sizeof` of this struct: a field appended later is there only when `size` reaches past it. */
    const char *calendar;  /**< The built-in calendar's name, e.g. `"england-and-wales"`. */
    bool calendar_stated;  /**< True when the source defines the working days; false for the library's default. */
    int32_t receipt;       /**< The convention for a receipt on a non-working day, a ::ukc_receipt. */
    bool receipt_stated;   /**< True when the source states it; false for the library's default. */
    const char *note;      /**< Why a default was chosen, or "". */
    const ukc_citation *citation; /**< The source, or an empty citation when both are defaults. */
    const char *definition; /**< The named working-day definition the source states
                                 (`"banking-act-1971"`, `"any-part-of-uk"`, `"scotland"`),
                                 or "" when the source defines none. @since 0.1.0 */
} ukc_working_days;

/**
 * A source document of the policy.
 * @since 0.1.0
 */
typedef struct ukc_document {
    size_t size;               /**< The library's `sizeof` of this struct: a field appended later is there only when `size` reaches past it. */
    const char *title;     /**< The council's own title; citations name it. */
    const char *date;      /**< Its date or version as the document gives it, or "". */
    const char *note;      /**< Anything about the text (e.g. what is missing), or "". */
    int32_t source;        /**< What kind of text it is, a ::ukc_source_quality; citations of it default to this. @since 0.1.0 */
    const char *based_on;  /**< "" for the policy's own document; the model policy's ID for one taken from the model it is `based_on`. @since 0.1.0 */
} ukc_document;

/**
 * One problem found by ukc_policy_check_json().
 * @since 0.1.0
 */
typedef struct ukc_policy_problem {
    size_t size;               /**< The library's `sizeof` of this struct: a field appended later is there only when `size` reaches past it. */
    int32_t id;          /**< The policy-error ID, a ::ukc_id, e.g. ::UKC_ID_NONE or a `UKC-Pnnn` value. */
    const char *code;    /**< Its code, e.g. `"UKC-P004"`. */
    int32_t status;      /**< The ::ukc_status a load would fail with. */
    const char *message; /**< The message, starting with the code. */
    const char *path;    /**< JSON path, e.g. `$.procedures[0].stages[1]`, or "". */
    int32_t line;        /**< 1-based line, or 0 when unknown. */
    int32_t column;      /**< 1-based column, or 0 when unknown. */
} ukc_policy_problem;

/* ---- Loading ------------------------------------------------------------ */

/**
 * A built-in policy: a council's (`"kent"`, `"warwickshire"`, `"derby"`,
 * `"unnamed-unitary-004"`) or a model procedure's (`"lgsco-2024"`,
 * `"hos-2024"`, `"children-2006"`, `"adult-social-care-2009"`, `"spso-mchp"`,
 * `"nipso-mchp"`, `"foia"`, `"foisa"`, `"eir"`, `"sar"`,
 * `"wales-social-services-2014"`, `"psow-model"`). Built once, on first use,
 * thread-safely.
 * @param[in] name the policy's name.
 * @param[out] out the shared policy, owned by the library: never free it. NULL on failure.
 * @retval UKC_OK success.
 * @retval UKC_ERR_INVALID_ARGUMENT @p name or @p out is NULL.
 * @retval UKC_ERR_NOT_FOUND no built-in policy has that name.
 * @retval UKC_ERR_NO_MEMORY building it failed (a later call tries again).
 * @since 0.1.0
 */
UKC_EXPORT ukc_status ukc_policy_builtin(const char *name, const ukc_policy **out);

/**
 * The number of built-in policies.
 * @return 16: the councils first, then the model procedures.
 * @since 0.1.0
 */
UKC_EXPORT size_t ukc_policy_builtin_count(void);

/**
 * The name of the i-th built-in policy.
 * @param[in] i 0..ukc_policy_builtin_count() - 1.
 * @return a static string, or NULL when @p i is out of range.
 * @since 0.1.0
 */
UKC_EXPORT const char *ukc_policy_builtin_name(size_t i);

/**
 * Load and validate a policy from JSON text (format 1). On any error nothing
 * is loaded; the message starts with the problem's `UKC-Pnnn` code and
 * ukc_last_error() gives the JSON path and, where known, line and column.
 * @param[in] json the document (UTF-8).
 * @param[in] len its length in bytes.
 * @param[out] out the policy, to be released with ukc_policy_free(); NULL on failure.
 * @retval UKC_OK success.
 * @retval UKC_ERR_INVALID_ARGUMENT a NULL argument.
 * @retval UKC_ERR_PARSE not JSON, or a duplicate key.
 * @retval UKC_ERR_INVALID_UTF8 invalid UTF-8 or a NUL byte.
 * @retval UKC_ERR_TOO_DEEP nested too deeply.
 * @retval UKC_ERR_TOO_LONG larger than 16 MiB.
 * @retval UKC_ERR_VERSION a `format` other than 1.
 * @retval UKC_ERR_INVALID_DATA the document breaks the format's rules.
 * @retval UKC_ERR_OUT_OF_RANGE a count too large.
 * @retval UKC_ERR_NO_MEMORY allocation failed.
 * @since 0.1.0
 */
UKC_EXPORT ukc_status ukc_policy_load_json(const char *json, size_t len, ukc_policy **out);

/**
 * As ukc_policy_load_json(), reading the document from a file.
 * @param[in] path the file.
 * @param[out] out the policy, to be released with ukc_policy_free(); NULL on failure.
 * @retval UKC_OK success.
 * @retval UKC_ERR_IO the file could not be read.
 * @retval UKC_ERR_INVALID_ARGUMENT a NULL argument.
 * @retval UKC_ERR_PARSE as for ukc_policy_load_json().
 * @retval UKC_ERR_INVALID_UTF8 as for ukc_policy_load_json().
 * @retval UKC_ERR_TOO_DEEP as for ukc_policy_load_json().
 * @retval UKC_ERR_TOO_LONG as for ukc_policy_load_json().
 * @retval UKC_ERR_VERSION as for ukc_policy_load_json().
 * @retval UKC_ERR_INVALID_DATA as for ukc_policy_load_json().
 * @retval UKC_ERR_OUT_OF_RANGE as for ukc_policy_load_json().
 * @retval UKC_ERR_NO_MEMORY allocation failed.
 * @since 0.1.0
 */
UKC_EXPORT ukc_status ukc_policy_load_file(const char *path, ukc_policy **out);

/**
 * Release a loaded policy. NULL and built-in policies are ignored. No other
 * thread may be using it.
 * @param[in] policy the policy, or NULL.
 * @since 0.1.0
 */
UKC_EXPORT void ukc_policy_free(ukc_policy *policy);

/**
 * Validate a policy document and report every problem, not only the first.
 * @param[in] json the document (UTF-8).
 * @param[in] len its length in bytes.
 * @param[out] out the report (empty when the document is valid), to be
 *             released with ukc_policy_report_free(); NULL on failure.
 * @retval UKC_OK the check ran (read the report's count).
 * @retval UKC_ERR_INVALID_ARGUMENT a NULL argument.
 * @retval UKC_ERR_NO_MEMORY allocation failed.
 * @since 0.1.0
 */
UKC_EXPORT ukc_status ukc_policy_check_json(const char *json, size_t len,
                                            ukc_policy_report **out);

/**
 * The number of problems in a report.
 * @param[in] report the report.
 * @return the count, or 0 when @p report is NULL.
 * @since 0.1.0
 */
UKC_EXPORT size_t ukc_policy_report_count(const ukc_policy_report *report);

/**
 * The i-th problem of a report, in document order.
 * @param[in] report the report.
 * @param[in] i 0..ukc_policy_report_count() - 1.
 * @return a problem owned by the report, or NULL when out of range.
 * @since 0.1.0
 */
UKC_EXPORT const ukc_policy_problem *ukc_policy_report_problem(const ukc_policy_report *report,
                                                               size_t i);

/**
 * Release a report. Accepts NULL.
 * @param[in] report the report, or NULL.
 * @since 0.1.0
 */
UKC_EXPORT void ukc_policy_report_free(ukc_policy_report *report);

/**
 * The policy as a format-1 JSON document that loads back to the same policy.
 * @param[in] policy the policy.
 * @param[out] out NUL-terminated UTF-8, to be released with ukc_free(); NULL on failure.
 * @retval UKC_OK success.
 * @retval UKC_ERR_INVALID_ARGUMENT a NULL argument.
 * @retval UKC_ERR_NO_MEMORY allocation failed.
 * @since 0.1.0
 */
UKC_EXPORT ukc_status ukc_policy_to_json(const ukc_policy *policy, char **out);

/* ---- About the policy --------------------------------------------------- */

/**
 * The policy's ID, e.g. `"kent"`.
 * @param[in] policy the policy.
 * @return a string owned by the policy, or "" when @p policy is NULL.
 * @since 0.1.0
 */
UKC_EXPORT const char *ukc_policy_id(const ukc_policy *policy);

/**
 * The council's name, e.g. `"Kent County Council"`.
 * @param[in] policy the policy.
 * @return a string owned by the policy, or "" when @p policy is NULL.
 * @since 0.1.0
 */
UKC_EXPORT const char *ukc_policy_council(const ukc_policy *policy);

/**
 * The policy's general note (what it covers, what its sources lack), or "".
 * @param[in] policy the policy.
 * @return a string owned by the policy, or "" when @p policy is NULL.
 * @since 0.1.0
 */
UKC_EXPORT const char *ukc_policy_note(const ukc_policy *policy);

/**
 * The ID of the model procedure the policy is `based_on` (e.g. `"lgsco-2024"`),
 * or "" when it stands alone. A based-on policy holds the model's rules with
 * its own merged over them, rule by rule; a rule is the council's own when its
 * citation names a document whose ukc_document::based_on is "".
 * @param[in] policy the policy.
 * @return a string owned by the policy, or "" when @p policy is NULL.
 * @since 0.1.0
 */
UKC_EXPORT const char *ukc_policy_based_on(const ukc_policy *policy);

/**
 * Whether a citation quotes one of the policy's own documents, rather than a
 * document of the model the policy is `based_on`.
 * @param[in] policy the policy.
 * @param[in] citation a citation of one of the policy's rules.
 * @return true for the policy's own text (and for every rule of a policy not
 *         based on a model); false for a model's text, a NULL argument or a
 *         citation whose `size` is smaller than any release's (ukc_last_error()
 *         then says ::UKC_ERR_VERSION).
 * @since 0.1.0
 */
UKC_EXPORT bool ukc_policy_cites_own(const ukc_policy *policy, const ukc_citation *citation);

/**
 * Whether a built-in policy is a model procedure (an Ombudsman's code, a
 * statutory procedure or an information-rights clock) rather than a council's.
 * @param[in] name a built-in policy's name.
 * @return true for a model procedure; false for a council or an unknown name.
 * @since 0.1.0
 */
UKC_EXPORT bool ukc_policy_builtin_is_model(const char *name);

/**
 * The number of source documents.
 * @param[in] policy the policy.
 * @return the count, or 0 when @p policy is NULL.
 * @since 0.1.0
 */
UKC_EXPORT size_t ukc_policy_document_count(const ukc_policy *policy);

/**
 * The i-th source document.
 * @param[in] policy the policy.
 * @param[in] i 0..ukc_policy_document_count() - 1.
 * @return a document owned by the policy, or NULL when out of range.
 * @since 0.1.0
 */
UKC_EXPORT const ukc_document *ukc_policy_document(const ukc_policy *policy, size_t i);

/**
 * The working-day definition and receipt convention.
 * @param[in] policy the policy.
 * @return the definition, owned by the policy, or NULL when @p policy is NULL.
 * @since 0.1.0
 */
UKC_EXPORT const ukc_working_days *ukc_policy_working_days(const ukc_policy *policy);

/**
 * The built-in calendar of the policy's working days.
 * @param[in] policy the policy.
 * @param[out] out the shared calendar; never free it. NULL on failure.
 * @retval UKC_OK success.
 * @retval UKC_ERR_INVALID_ARGUMENT a NULL argument.
 * @retval UKC_ERR_NO_MEMORY building the calendar failed.
 * @since 0.1.0
 */
UKC_EXPORT ukc_status ukc_policy_calendar(const ukc_policy *policy, const ukc_calendar **out);

/* ---- Procedures, stages and obligations --------------------------------- */

/**
 * The number of procedures.
 * @param[in] policy the policy.
 * @return the count, or 0 when @p policy is NULL.
 * @since 0.1.0
 */
UKC_EXPORT size_t ukc_policy_procedure_count(const ukc_policy *policy);

/**
 * The i-th procedure.
 * @param[in] policy the policy.
 * @param[in] i 0..ukc_policy_procedure_count() - 1.
 * @return a procedure owned by the policy, or NULL when out of range.
 * @since 0.1.0
 */
UKC_EXPORT const ukc_procedure *ukc_policy_procedure_at(const ukc_policy *policy, size_t i);

/**
 * A procedure by ID.
 * @param[in] policy the policy.
 * @param[in] id e.g. `"corporate"`.
 * @param[out] out the procedure, owned by the policy; NULL on failure.
 * @retval UKC_OK success.
 * @retval UKC_ERR_INVALID_ARGUMENT a NULL argument.
 * @retval UKC_ERR_NOT_FOUND the policy has no such procedure.
 * @since 0.1.0
 */
UKC_EXPORT ukc_status ukc_policy_procedure(const ukc_policy *policy, const char *id,
                                           const ukc_procedure **out);

/**
 * A stage of a procedure by ID.
 * @param[in] policy the policy.
 * @param[in] procedure the procedure's ID.
 * @param[in] stage the stage's ID, e.g. `"stage-2"`.
 * @param[out] out the stage, owned by the policy; NULL on failure.
 * @retval UKC_OK success.
 * @retval UKC_ERR_INVALID_ARGUMENT a NULL argument.
 * @retval UKC_ERR_NOT_FOUND no such procedure, or no such stage in a procedure whose stages are known.
 * @retval UKC_ERR_NOT_SET the source does not give the procedure's stages; the message says what it lacks.
 * @since 0.1.0
 */
UKC_EXPORT ukc_status ukc_policy_stage(const ukc_policy *policy, const char *procedure,
                                       const char *stage, const ukc_stage **out);

/**
 * An obligation of a stage by ID.
 * @param[in] policy the policy.
 * @param[in] procedure the procedure's ID.
 * @param[in] stage the stage's ID.
 * @param[in] obligation the obligation's ID, e.g. `"respond"`.
 * @param[out] out the obligation, owned by the policy; NULL on failure.
 * @retval UKC_OK success.
 * @retval UKC_ERR_INVALID_ARGUMENT a NULL argument.
 * @retval UKC_ERR_NOT_FOUND no such procedure or stage.
 * @retval UKC_ERR_NOT_SET the policy sets no such obligation for the stage, or
 *         the source does not give the stages; the message says which.
 * @since 0.1.0
 */
UKC_EXPORT ukc_status ukc_policy_stage_obligation(const ukc_policy *policy,
                                                  const char *procedure, const char *stage,
                                                  const char *obligation,
                                                  const ukc_obligation **out);

/* ---- Feedback kinds ----------------------------------------------------- */

/**
 * The number of feedback kinds.
 * @param[in] policy the policy.
 * @return the count, or 0 when @p policy is NULL.
 * @since 0.1.0
 */
UKC_EXPORT size_t ukc_policy_feedback_kind_count(const ukc_policy *policy);

/**
 * The i-th feedback kind.
 * @param[in] policy the policy.
 * @param[in] i 0..ukc_policy_feedback_kind_count() - 1.
 * @return a kind owned by the policy, or NULL when out of range.
 * @since 0.1.0
 */
UKC_EXPORT const ukc_feedback_definition *ukc_policy_feedback_kind_at(const ukc_policy *policy,
                                                                size_t i);

/**
 * A feedback kind by ID.
 * @param[in] policy the policy.
 * @param[in] id e.g. `"compliment"`.
 * @param[out] out the kind, owned by the policy; NULL on failure.
 * @retval UKC_OK success.
 * @retval UKC_ERR_INVALID_ARGUMENT a NULL argument.
 * @retval UKC_ERR_NOT_SET the policy does not define that kind.
 * @since 0.1.0
 */
UKC_EXPORT ukc_status ukc_policy_feedback_kind(const ukc_policy *policy, const char *id,
                                               const ukc_feedback_definition **out);

/**
 * An obligation of a feedback kind by ID (e.g. `"acknowledge"` of `"compliment"`).
 * @param[in] policy the policy.
 * @param[in] kind the kind's ID.
 * @param[in] obligation the obligation's ID.
 * @param[out] out the obligation, owned by the policy; NULL on failure.
 * @retval UKC_OK success.
 * @retval UKC_ERR_INVALID_ARGUMENT a NULL argument.
 * @retval UKC_ERR_NOT_SET the policy does not define the kind, or sets no such obligation for it.
 * @since 0.1.0
 */
UKC_EXPORT ukc_status ukc_policy_feedback_obligation(const ukc_policy *policy, const char *kind,
                                                     const char *obligation,
                                                     const ukc_obligation **out);

/* ---- Exclusions, time limits, actions, receipt, external bodies ---------- */

/**
 * The number of exclusions.
 * @param[in] policy the policy.
 * @return the count, or 0 when @p policy is NULL.
 * @since 0.1.0
 */
UKC_EXPORT size_t ukc_policy_exclusion_count(const ukc_policy *policy);

/**
 * The i-th exclusion.
 * @param[in] policy the policy.
 * @param[in] i 0..ukc_policy_exclusion_count() - 1.
 * @return an exclusion owned by the policy, or NULL when out of range.
 * @since 0.1.0
 */
UKC_EXPORT const ukc_exclusion *ukc_policy_exclusion_at(const ukc_policy *policy, size_t i);

/**
 * An exclusion by ID.
 * @param[in] policy the policy.
 * @param[in] id e.g. `"councillor-conduct"`.
 * @param[out] out the exclusion, owned by the policy; NULL on failure.
 * @retval UKC_OK success.
 * @retval UKC_ERR_INVALID_ARGUMENT a NULL argument.
 * @retval UKC_ERR_NOT_SET the policy states no such exclusion.
 * @since 0.1.0
 */
UKC_EXPORT ukc_status ukc_policy_exclusion(const ukc_policy *policy, const char *id,
                                           const ukc_exclusion **out);

/**
 * The number of time limits.
 * @param[in] policy the policy.
 * @return the count, or 0 when @p policy is NULL.
 * @since 0.1.0
 */
UKC_EXPORT size_t ukc_policy_time_limit_count(const ukc_policy *policy);

/**
 * The i-th time limit.
 * @param[in] policy the policy.
 * @param[in] i 0..ukc_policy_time_limit_count() - 1.
 * @return a time limit owned by the policy, or NULL when out of range.
 * @since 0.1.0
 */
UKC_EXPORT const ukc_time_limit *ukc_policy_time_limit_at(const ukc_policy *policy, size_t i);

/**
 * A time limit by ID.
 * @param[in] policy the policy.
 * @param[in] id e.g. `"bring-complaint"`.
 * @param[out] out the time limit, owned by the policy; NULL on failure.
 * @retval UKC_OK success.
 * @retval UKC_ERR_INVALID_ARGUMENT a NULL argument.
 * @retval UKC_ERR_NOT_SET the policy states no such time limit.
 * @since 0.1.0
 */
UKC_EXPORT ukc_status ukc_policy_time_limit(const ukc_policy *policy, const char *id,
                                            const ukc_time_limit **out);

/**
 * The number of case actions.
 * @param[in] policy the policy.
 * @return the count, or 0 when @p policy is NULL.
 * @since 0.1.0
 */
UKC_EXPORT size_t ukc_policy_case_action_count(const ukc_policy *policy);

/**
 * The i-th case action.
 * @param[in] policy the policy.
 * @param[in] i 0..ukc_policy_case_action_count() - 1.
 * @return an action owned by the policy, or NULL when out of range.
 * @since 0.1.0
 */
UKC_EXPORT const ukc_case_action *ukc_policy_case_action_at(const ukc_policy *policy,
                                                            size_t i);

/**
 * The rule for an action in a procedure: the action stated for that procedure,
 * else the one stated for all procedures.
 * @param[in] policy the policy.
 * @param[in] kind the action.
 * @param[in] procedure the procedure's ID, or NULL or "" for the general rule.
 * @param[out] out the action, owned by the policy; NULL on failure.
 * @retval UKC_OK success.
 * @retval UKC_ERR_INVALID_ARGUMENT a NULL @p policy or @p out, or an unknown @p kind.
 * @retval UKC_ERR_NOT_SET the policy states no rule for the action there.
 * @since 0.1.0
 */
UKC_EXPORT ukc_status ukc_policy_case_action(const ukc_policy *policy, ukc_action_kind kind,
                                             const char *procedure,
                                             const ukc_case_action **out);

/**
 * The number of deemed-receipt rules.
 * @param[in] policy the policy.
 * @return the count, or 0 when @p policy is NULL.
 * @since 0.1.0
 */
UKC_EXPORT size_t ukc_policy_deemed_receipt_count(const ukc_policy *policy);

/**
 * The i-th deemed-receipt rule.
 * @param[in] policy the policy.
 * @param[in] i 0..ukc_policy_deemed_receipt_count() - 1.
 * @return a rule owned by the policy, or NULL when out of range.
 * @since 0.1.0
 */
UKC_EXPORT const ukc_deemed_receipt *ukc_policy_deemed_receipt_at(const ukc_policy *policy,
                                                                  size_t i);

/**
 * The deemed-receipt rule for a delivery method.
 * @param[in] policy the policy.
 * @param[in] method the delivery method.
 * @param[out] out the rule, owned by the policy; NULL on failure.
 * @retval UKC_OK success.
 * @retval UKC_ERR_INVALID_ARGUMENT a NULL argument or an unknown method.
 * @retval UKC_ERR_NOT_SET the policy states no rule for that method.
 * @since 0.1.0
 */
UKC_EXPORT ukc_status ukc_policy_deemed_receipt(const ukc_policy *policy, ukc_delivery method,
                                                const ukc_deemed_receipt **out);

/**
 * The number of external bodies.
 * @param[in] policy the policy.
 * @return the count, or 0 when @p policy is NULL.
 * @since 0.1.0
 */
UKC_EXPORT size_t ukc_policy_external_body_count(const ukc_policy *policy);

/**
 * The i-th external body.
 * @param[in] policy the policy.
 * @param[in] i 0..ukc_policy_external_body_count() - 1.
 * @return a body owned by the policy, or NULL when out of range.
 * @since 0.1.0
 */
UKC_EXPORT const ukc_external_body *ukc_policy_external_body_at(const ukc_policy *policy,
                                                                size_t i);

/**
 * An external body by ID.
 * @param[in] policy the policy.
 * @param[in] id e.g. `"lgsco"`.
 * @param[out] out the body, owned by the policy; NULL on failure.
 * @retval UKC_OK success.
 * @retval UKC_ERR_INVALID_ARGUMENT a NULL argument.
 * @retval UKC_ERR_NOT_SET the policy names no such body.
 * @since 0.1.0
 */
UKC_EXPORT ukc_status ukc_policy_external_body(const ukc_policy *policy, const char *id,
                                               const ukc_external_body **out);

/* ---- Lists inside a rule -------------------------------------------------- */

/**
 * The i-th stage of the procedure, stepping through `stages` at the library's
 * `sizeof`, so a caller compiled against another release's layout reads the
 * right one.
 * @param[in] procedure the procedure, as the policy handed it out.
 * @param[in] i 0..`procedure->stage_count` - 1.
 * @return the stage, owned by the policy; NULL when @p procedure is NULL or @p i is out of range.
 * @since 0.1.0
 */
UKC_EXPORT const ukc_stage *ukc_procedure_stage_at(const ukc_procedure *procedure, size_t i);

/**
 * The i-th obligation of the stage, stepping through `obligations` at the library's
 * `sizeof`, so a caller compiled against another release's layout reads the
 * right one.
 * @param[in] stage the stage, as the policy handed it out.
 * @param[in] i 0..`stage->obligation_count` - 1.
 * @return the obligation, owned by the policy; NULL when @p stage is NULL or @p i is out of range.
 * @since 0.1.0
 */
UKC_EXPORT const ukc_obligation *ukc_stage_obligation_at(const ukc_stage *stage, size_t i);

/**
 * The i-th obligation of the feedback kind, stepping through `obligations` at the library's
 * `sizeof`, so a caller compiled against another release's layout reads the
 * right one.
 * @param[in] kind the feedback kind, as the policy handed it out.
 * @param[in] i 0..`kind->obligation_count` - 1.
 * @return the obligation, owned by the policy; NULL when @p kind is NULL or @p i is out of range.
 * @since 0.1.0
 */
UKC_EXPORT const ukc_obligation *ukc_feedback_definition_obligation_at(const ukc_feedback_definition *kind, size_t i);

/**
 * The i-th obligation of the action, stepping through `obligations` at the library's
 * `sizeof`, so a caller compiled against another release's layout reads the
 * right one.
 * @param[in] action the action, as the policy handed it out.
 * @param[in] i 0..`action->obligation_count` - 1.
 * @return the obligation, owned by the policy; NULL when @p action is NULL or @p i is out of range.
 * @since 0.1.0
 */
UKC_EXPORT const ukc_obligation *ukc_case_action_obligation_at(const ukc_case_action *action, size_t i);

/**
 * The i-th ground of the action, stepping through `grounds` at the library's
 * `sizeof`, so a caller compiled against another release's layout reads the
 * right one.
 * @param[in] action the action, as the policy handed it out.
 * @param[in] i 0..`action->ground_count` - 1.
 * @return the ground, owned by the policy; NULL when @p action is NULL or @p i is out of range.
 * @since 0.1.0
 */
UKC_EXPORT const ukc_ground *ukc_case_action_ground_at(const ukc_case_action *action, size_t i);

/* ---- Routing fields ------------------------------------------------------ */

/**
 * The number of service areas that lead to a procedure (its `service_areas`
 * in the policy file, docs/policy-format.md), e.g. Kent's adult social care
 * procedure for `"adult-social-care"`.
 * @param[in] policy the policy.
 * @param[in] procedure one of the policy's procedures.
 * @return the count; 0 when the procedure names none, or for a NULL argument or
 *         a procedure of another policy.
 * @since 0.1.0
 */
UKC_EXPORT size_t ukc_procedure_service_area_count(const ukc_policy *policy,
                                                   const ukc_procedure *procedure);

/**
 * The i-th service area that leads to a procedure.
 * @param[in] policy the policy.
 * @param[in] procedure one of the policy's procedures.
 * @param[in] i 0..ukc_procedure_service_area_count() - 1.
 * @return the service area's name, owned by the policy; NULL when out of range.
 * @since 0.1.0
 */
UKC_EXPORT const char *ukc_procedure_service_area_at(const ukc_policy *policy,
                                                     const ukc_procedure *procedure, size_t i);

/**
 * The number of feedback kinds a case action applies to (its `feedback_kinds`
 * in the policy file).
 * @param[in] policy the policy.
 * @param[in] action one of the policy's case actions.
 * @return the count; 0 when the action applies to every kind, or for a NULL
 *         argument or an action of another policy.
 * @since 0.1.0
 */
UKC_EXPORT size_t ukc_case_action_feedback_kind_count(const ukc_policy *policy,
                                                      const ukc_case_action *action);

/**
 * The ID of the i-th feedback kind a case action applies to.
 * @param[in] policy the policy.
 * @param[in] action one of the policy's case actions.
 * @param[in] i 0..ukc_case_action_feedback_kind_count() - 1.
 * @return a feedback kind's ID, owned by the policy; NULL when out of range.
 * @since 0.1.0
 */
UKC_EXPORT const char *ukc_case_action_feedback_kind_at(const ukc_policy *policy,
                                                        const ukc_case_action *action,
                                                        size_t i);

/**
 * Which situation a ground of a re-opening belongs to (its `after` in the
 * policy file): `"withdraw"` or `"discontinue"`.
 * @param[in] policy the policy.
 * @param[in] ground one of the grounds of the policy's case actions.
 * @return a static string; "" when the ground belongs to any situation, or for a
 *         NULL argument.
 * @since 0.1.0
 */
UKC_EXPORT const char *ukc_ground_after(const ukc_policy *policy, const ukc_ground *ground);

/* ---- Due dates ---------------------------------------------------------- */

/**
 * The due date of a timescale from its clock's event: working days through
 * the timescale's calendar under the policy's receipt convention, calendar
 * days, weeks or months by the calendar (month ends clamped).
 * @param[in] policy the policy whose receipt convention applies.
 * @param[in] time a timescale of one of the policy's rules, or one the caller
 *            filled, its `size` set (::UKC_TIMESCALE_INIT).
 * @param[in] which the target (count) or the maximum.
 * @param[in] start the date of the clock's event (day 0).
 * @param[out] out the due date; 0 on failure.
 * @retval UKC_OK success.
 * @retval UKC_ERR_INVALID_ARGUMENT a NULL argument, an unknown @p which, or a
 *         timescale with an unknown unit or clock event or no calendar.
 * @retval UKC_ERR_VERSION `time->size` is smaller than any release's ::ukc_timescale.
 * @retval UKC_ERR_NOT_FOUND the timescale names no built-in calendar.
 * @retval UKC_ERR_NOT_SET ::UKC_BOUND_MAXIMUM of a timescale without one.
 * @retval UKC_ERR_OUT_OF_RANGE @p start or the result is outside the calendar.
 * @since 0.1.0
 */
UKC_EXPORT ukc_status ukc_policy_due(const ukc_policy *policy, const ukc_timescale *time,
                                     ukc_bound which, ukc_date start, ukc_date *out);

/**
 * The due date of an obligation with its explanation: the calendar's steps
 * (or, for calendar days, weeks and months, the start, the count and the due
 * date) and a ::UKC_E009_RULE_CITED step giving the rule and its citation.
 * @param[in] policy the policy that owns @p obligation.
 * @param[in] obligation one of the policy's obligations.
 * @param[in] which the target (count) or the maximum.
 * @param[in] start the date of the obligation's clock event (day 0).
 * @param[out] out the explanation, to be released with ukc_explanation_free(); NULL on failure.
 * @retval UKC_OK success.
 * @retval UKC_ERR_INVALID_ARGUMENT a NULL argument, an unknown @p which, or an
 *         obligation that does not belong to @p policy.
 * @retval UKC_ERR_NOT_SET ::UKC_BOUND_MAXIMUM of an obligation without one.
 * @retval UKC_ERR_OUT_OF_RANGE @p start or the result is outside the calendar.
 * @retval UKC_ERR_NO_MEMORY allocation failed.
 * @since 0.1.0
 */
UKC_EXPORT ukc_status ukc_policy_explain_obligation(const ukc_policy *policy,
                                                    const ukc_obligation *obligation,
                                                    ukc_bound which, ukc_date start,
                                                    ukc_explanation **out);

/**
 * The latest due date of a stage's obligation counted from the receipt of the
 * complaint (or of the request for the stage), with its explanation. An
 * obligation whose clock starts at the acknowledgement is chained: its clock
 * starts on the last day the stage's acknowledgement is due, and the
 * explanation gives that rule, its citation and its due date first. Any other
 * obligation is explained as by ukc_policy_explain_obligation() from @p received.
 * @param[in] policy the policy that owns @p obligation.
 * @param[in] obligation one of the policy's stage or feedback-kind obligations.
 * @param[in] which the target (count) or the maximum.
 * @param[in] received the day the complaint or the stage's request was received.
 * @param[out] out the explanation, to be released with ukc_explanation_free(); NULL on failure.
 * @retval UKC_OK success.
 * @retval UKC_ERR_INVALID_ARGUMENT a NULL argument, an unknown @p which, or an
 *         obligation that does not belong to @p policy.
 * @retval UKC_ERR_NOT_SET ::UKC_BOUND_MAXIMUM of an obligation without one, or a
 *         clock that starts at an acknowledgement the obligation's stage sets no
 *         timescale for.
 * @retval UKC_ERR_OUT_OF_RANGE @p received or the result is outside the calendar.
 * @retval UKC_ERR_NO_MEMORY allocation failed.
 * @since 0.1.0
 */
UKC_EXPORT ukc_status ukc_policy_explain_from_receipt(const ukc_policy *policy,
                                                      const ukc_obligation *obligation,
                                                      ukc_bound which, ukc_date received,
                                                      ukc_explanation **out);

/**
 * The last day of a time limit with its explanation, as for
 * ukc_policy_explain_obligation().
 * @param[in] policy the policy that owns @p limit.
 * @param[in] limit one of the policy's time limits.
 * @param[in] start the date of its clock event.
 * @param[out] out the explanation, to be released with ukc_explanation_free(); NULL on failure.
 * @retval UKC_OK success.
 * @retval UKC_ERR_INVALID_ARGUMENT a NULL argument or a limit that does not belong to @p policy.
 * @retval UKC_ERR_OUT_OF_RANGE @p start or the result is outside the calendar.
 * @retval UKC_ERR_NO_MEMORY allocation failed.
 * @since 0.1.0
 */
UKC_EXPORT ukc_status ukc_policy_explain_time_limit(const ukc_policy *policy,
                                                    const ukc_time_limit *limit, ukc_date start,
                                                    ukc_explanation **out);

/**
 * The day a response sent by @p method on @p sent is deemed received, with its
 * explanation.
 * @param[in] policy the policy.
 * @param[in] method the delivery method.
 * @param[in] sent the day the response was sent or posted.
 * @param[out] out the explanation, to be released with ukc_explanation_free(); NULL on failure.
 * @retval UKC_OK success.
 * @retval UKC_ERR_INVALID_ARGUMENT a NULL argument or an unknown method.
 * @retval UKC_ERR_NOT_SET the policy states no rule for that method.
 * @retval UKC_ERR_OUT_OF_RANGE @p sent or the result is outside the calendar.
 * @retval UKC_ERR_NO_MEMORY allocation failed.
 * @since 0.1.0
 */
UKC_EXPORT ukc_status ukc_policy_explain_deemed_receipt(const ukc_policy *policy,
                                                        ukc_delivery method, ukc_date sent,
                                                        ukc_explanation **out);

/* ---- Names of the enumerations ------------------------------------------ */

/**
 * The name of a unit, e.g. `"working-days"`.
 * @param[in] unit the unit.
 * @return a static string, or "" for an unknown value.
 * @since 0.1.0
 */
UKC_EXPORT const char *ukc_unit_name(ukc_unit unit);

/**
 * Parse a unit's name.
 * @param[in] name the name, as ukc_unit_name() gives it.
 * @param[out] out the unit; ::UKC_UNIT_WORKING_DAYS on failure.
 * @retval UKC_OK success.
 * @retval UKC_ERR_INVALID_ARGUMENT a NULL argument.
 * @retval UKC_ERR_NOT_FOUND an unknown name.
 * @since 0.1.0
 */
UKC_EXPORT ukc_status ukc_unit_from_name(const char *name, ukc_unit *out);

/**
 * The name of a clock event, e.g. `"escalation-request"`.
 * @param[in] event the event.
 * @return a static string, or "" for an unknown value.
 * @since 0.1.0
 */
UKC_EXPORT const char *ukc_clock_event_name(ukc_clock_event event);

/**
 * Parse a clock event's name.
 * @param[in] name the name, as ukc_clock_event_name() gives it.
 * @param[out] out the event; ::UKC_CLOCK_RECEIPT on failure.
 * @retval UKC_OK success.
 * @retval UKC_ERR_INVALID_ARGUMENT a NULL argument.
 * @retval UKC_ERR_NOT_FOUND an unknown name.
 * @since 0.1.0
 */
UKC_EXPORT ukc_status ukc_clock_event_from_name(const char *name, ukc_clock_event *out);

/**
 * The name of an obligation kind, e.g. `"holding-reply"`.
 * @param[in] kind the kind.
 * @return a static string, or "" for an unknown value.
 * @since 0.1.0
 */
UKC_EXPORT const char *ukc_obligation_kind_name(ukc_obligation_kind kind);

/**
 * Parse an obligation kind's name.
 * @param[in] name the name, as ukc_obligation_kind_name() gives it.
 * @param[out] out the kind; ::UKC_OBLIGATION_ACKNOWLEDGE on failure.
 * @retval UKC_OK success.
 * @retval UKC_ERR_INVALID_ARGUMENT a NULL argument.
 * @retval UKC_ERR_NOT_FOUND an unknown name.
 * @since 0.1.0
 */
UKC_EXPORT ukc_status ukc_obligation_kind_from_name(const char *name, ukc_obligation_kind *out);

/**
 * The name of a route, e.g. `"other-body"`.
 * @param[in] route the route.
 * @return a static string, or "" for an unknown value.
 * @since 0.1.0
 */
UKC_EXPORT const char *ukc_route_name(ukc_route route);

/**
 * Parse a route's name.
 * @param[in] name the name, as ukc_route_name() gives it.
 * @param[out] out the route; ::UKC_ROUTE_NOT_HANDLED on failure.
 * @retval UKC_OK success.
 * @retval UKC_ERR_INVALID_ARGUMENT a NULL argument.
 * @retval UKC_ERR_NOT_FOUND an unknown name.
 * @since 0.1.0
 */
UKC_EXPORT ukc_status ukc_route_from_name(const char *name, ukc_route *out);

/**
 * The name of a time limit's kind, e.g. `"bring-complaint"`.
 * @param[in] kind the kind.
 * @return a static string, or "" for an unknown value.
 * @since 0.1.0
 */
UKC_EXPORT const char *ukc_limit_kind_name(ukc_limit_kind kind);

/**
 * Parse a time limit kind's name.
 * @param[in] name the name, as ukc_limit_kind_name() gives it.
 * @param[out] out the kind; ::UKC_LIMIT_BRING_COMPLAINT on failure.
 * @retval UKC_OK success.
 * @retval UKC_ERR_INVALID_ARGUMENT a NULL argument.
 * @retval UKC_ERR_NOT_FOUND an unknown name.
 * @since 0.1.0
 */
UKC_EXPORT ukc_status ukc_limit_kind_from_name(const char *name, ukc_limit_kind *out);

/**
 * The name of a case action, e.g. `"discontinue"`.
 * @param[in] kind the action.
 * @return a static string, or "" for an unknown value.
 * @since 0.1.0
 */
UKC_EXPORT const char *ukc_action_kind_name(ukc_action_kind kind);

/**
 * Parse a case action's name.
 * @param[in] name the name, as ukc_action_kind_name() gives it.
 * @param[out] out the action; ::UKC_ACTION_EXTEND on failure.
 * @retval UKC_OK success.
 * @retval UKC_ERR_INVALID_ARGUMENT a NULL argument.
 * @retval UKC_ERR_NOT_FOUND an unknown name.
 * @since 0.1.0
 */
UKC_EXPORT ukc_status ukc_action_kind_from_name(const char *name, ukc_action_kind *out);

/**
 * The name of a delivery method, e.g. `"second-class-post"`.
 * @param[in] method the method.
 * @return a static string, or "" for an unknown value.
 * @since 0.1.0
 */
UKC_EXPORT const char *ukc_delivery_name(ukc_delivery method);

/**
 * Parse a delivery method's name.
 * @param[in] name the name, as ukc_delivery_name() gives it.
 * @param[out] out the method; ::UKC_DELIVERY_EMAIL on failure.
 * @retval UKC_OK success.
 * @retval UKC_ERR_INVALID_ARGUMENT a NULL argument.
 * @retval UKC_ERR_NOT_FOUND an unknown name.
 * @since 0.1.0
 */
UKC_EXPORT ukc_status ukc_delivery_from_name(const char *name, ukc_delivery *out);

/**
 * The name of a source quality: `"primary"`, `"secondary"` or `"adopter"`.
 * @param[in] source the quality.
 * @return a static string, or "" for an unknown value.
 * @since 0.1.0
 */
UKC_EXPORT const char *ukc_source_quality_name(ukc_source_quality source);

/**
 * The name of an answer: `"unstated"`, `"yes"` or `"no"`.
 * @param[in] answer the answer.
 * @return a static string, or "" for an unknown value.
 * @since 0.1.0
 */
UKC_EXPORT const char *ukc_answer_name(ukc_answer answer);

/**
 * The name of a bound of a timescale: `"target"` or `"maximum"`.
 * @param[in] bound the bound.
 * @return a static string, or "" for an unknown value.
 * @since 0.1.0
 */
UKC_EXPORT const char *ukc_bound_name(ukc_bound bound);

#ifdef __cplusplus
}
#endif

#endif /* UKCOMPLAINTS_POLICY_H */
