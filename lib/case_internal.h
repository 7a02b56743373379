/* Private: the case object, shared by the state machine, the obligations and
 * save/restore. */
#ifndef UKC_CASE_INTERNAL_H
#define UKC_CASE_INTERNAL_H

#include "calendar_internal.h"
#include "enums_internal.h"
#include "ukcomplaints/case.h"

/* What happened in one stage of the case. Dates are 0 until they happen. */
typedef struct ukc_stage_rec {
    ukc_date requested;    /* the request for the stage (stage 1: the day received) */
    ukc_date entered;      /* the stage started: accepted, or requested when no acceptance is needed */
    ukc_date refused;      /* the request was refused */
    ukc_date acknowledged;
    ukc_date holding;      /* first holding reply */
    ukc_date last_update;  /* latest progress update */
    ukc_date responded;    /* response sent */
    ukc_date deemed;       /* response deemed received */
    ukc_delivery delivery;
    ukc_date panel, report;
    int32_t extended_to;   /* the response time after an extension, or 0 */
    ukc_date extended_on;
    size_t extend_event;   /* history index of the extension */
} ukc_stage_rec;

/* A period during which the council's clocks stopped: [from, to); to = 0 while it lasts. */
typedef struct ukc_pause {
    ukc_date from, to;
    bool withdrawal; /* a withdrawal or discontinuation later re-opened, not a suspension */
} ukc_pause;

/* A decision of an action that creates obligations (a restriction). */
typedef struct ukc_action_rec {
    const ukc_case_action *action;
    ukc_date decided;
    ukc_date notified;
} ukc_action_rec;

struct ukc_case {
    const ukc_policy *policy;
    const ukc_procedure *proc; /* NULL for a case without stages */
    const ukc_feedback_definition *kind;
    const ukc_calendar *cal;   /* the policy's working days */
    ukc_date received;
    const char *channel;
    ukc_suspension mode;

    ukc_case_status status;
    ukc_case_status resume_to; /* the status before a suspension, withdrawal or discontinuation */
    size_t stage;              /* index of the current stage */
    ukc_stage_rec *stages;     /* one per stage of the procedure (at least one): stage_recs */
    size_t nstages;
    ukc_date last;             /* date of the latest event (received at first) */
    size_t contact_from;       /* history index from which contact attempts count */

    ukc_pause *pauses;
    size_t npauses, cap_pauses;
    ukc_action_rec *actions;
    size_t nactions, cap_actions;

    ukc_case_event *events;
    size_t nevents, cap_events;
    ukc_strpool strings;
    /* The stage records, in the case's own allocation: a case is opened for
     * every case an audit reads, so it costs one allocation, not two. */
    ukc_stage_rec stage_recs[];
};

/* Decide an event without changing anything. Fills d; returns a status only for
 * bad arguments (already reported through ukc__fail). */
ukc_status ukc__case_decide(const ukc_case *c, const ukc_case_event *ev, ukc_decision *d);

/* Decide and, when allowed, apply. */
ukc_status ukc__case_apply(ukc_case *c, const ukc_case_event *ev, ukc_decision *d);

/* Open without resetting the error (for restore). */
ukc_status ukc__case_open(const ukc_policy *policy, const char *procedure, const char *kind,
                          ukc_date received, const char *channel, const ukc_case_options *opts,
                          ukc_case **out);

void ukc__case_destroy(ukc_case *c);

/* ---- What the case reads from its policy (case_policy.c) ---- */

const ukc_stage *ukc__case_stage_at(const ukc_case *c, size_t i);
/* Whether the case follows its feedback kind's own procedure (or has none). */
bool ukc__case_kind_route(const ukc_case *c);
/* The first obligation of a kind in the stage, else (at stage 1, on the kind's
 * own route) in the feedback kind. */
const ukc_obligation *ukc__case_obligation_of(const ukc_case *c, size_t stage,
                                              ukc_obligation_kind kind);
/* The first obligation of a kind in the stage only. */
const ukc_obligation *ukc__case_stage_obligation(const ukc_case *c, size_t stage,
                                                 ukc_obligation_kind kind);
/* The first obligation of the stage whose clock starts at the event. */
const ukc_obligation *ukc__case_clock_obligation(const ukc_case *c, size_t stage,
                                                 ukc_clock_event from);
/* The policy's action of a kind for this case (its procedure and feedback kind), or NULL. */
const ukc_case_action *ukc__case_action_of(const ukc_case *c, ukc_action_kind kind);
/* An action of the kind that the policy limits to other feedback kinds, or NULL. */
const ukc_case_action *ukc__case_action_for_other_kinds(const ukc_case *c, ukc_action_kind kind);
const ukc_external_body *ukc__case_body(const ukc_case *c, const char *id);
const char *ukc__case_council(const ukc_case *c);
ukc_receipt ukc__case_receipt(const ukc_case *c);

/* Due date of a timescale's count n from start, as the policy computes it. */
ukc_status ukc__case_due(const ukc_case *c, const ukc_timescale *t, int32_t n, ukc_date start,
                         ukc_receipt receipt, ukc_date *out);

/* The day a response sent on sent by method is deemed received; the sent day
 * when the policy states no rule for the method. rule is set to the rule or NULL. */
ukc_status ukc__case_deemed(const ukc_case *c, ukc_delivery method, ukc_date sent,
                            ukc_date *out, const ukc_deemed_receipt **rule);

/* The time limit for asking for stage i (i >= 1), or NULL. */
const ukc_time_limit *ukc__case_request_limit(const ukc_case *c, size_t i);

/* The last day to ask for stage i, from the previous stage's response; 0 when
 * there is no limit or no response yet. With other_reading, the last day under
 * the reading the rule does not keep when its unit is unclear (working days
 * for "20 days" kept as calendar days), else 0. */
ukc_status ukc__case_window_end(const ukc_case *c, size_t i, bool other_reading, ukc_date *out);

/* ---- Obligations (case_obligations.c, case_explain.c) ---- */

/* What one obligation needs to be computed. */
typedef struct ukc_item_in {
    const char *prefix;            /* the owner's ID for the item's ID */
    const char *stage;             /* stage ID or "" */
    const char *rule;              /* the rule's ID */
    const char *what;              /* kind name or "escalation-window" */
    const char *text, *condition;
    ukc_party party;
    ukc_bound bound;
    const ukc_timescale *time;
    const ukc_citation *citation;
    ukc_date start;                /* clock event */
    ukc_date met;                  /* 0 when not met */
    bool not_applicable;
    bool recurring_from_update;    /* progress updates: interval restarts at each update */
    ukc_date last_update;
    ukc_date responded;            /* ends recurring duties and holding replies */
    int32_t extended_to;
    ukc_date extended_on;
    const char *extend_reason;
    const ukc_citation *extend_citation;
    const ukc_deemed_receipt *deemed; /* windows: the deemed-receipt rule */
    ukc_date sent;                    /* windows: the day the response was sent */
    ukc_delivery delivery;
} ukc_item_in;

/* The due date after extensions and pauses; fills the adjustments for the explanation. */
typedef struct ukc_computed {
    ukc_date start, due;
    int32_t n;           /* the count used */
    int32_t added;       /* units added back for pauses (pause mode) */
    ukc_date restarted;  /* restart mode: the last restart, or 0 */
    bool suspended;      /* an unfinished suspension stops the clock at as_of */
    bool withdrawn;      /* an unfinished withdrawal or discontinuation */
} ukc_computed;

/* The explanation of an item whose due date k gives, compact or full. */
ukc_status ukc__obligation_explain(const ukc_case *c, const ukc_item_in *in, const ukc_computed *k,
                                   bool full, ukc_explanation **out);

#endif
