/* The stage state machine of a case: whether each event is allowed, with the
 * reason and the citation of the rule, and what an allowed event changes. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "case_internal.h"
#include "date_internal.h"
#include "error_internal.h"
#include "ids_internal.h"
#include "route_fields_internal.h"
#include "util.h"

static const ukc_citation no_citation = { "", "", "", UKC_SOURCE_PRIMARY };

/* ---- Decisions ------------------------------------------------------------ */

static void say(ukc_decision *d, bool allowed, ukc_id id, const ukc_citation *cite,
                const char *fmt, va_list ap)
{
    const ukc_id_entry *e = id ? ukc__id_lookup(id) : NULL;
    d->allowed = allowed;
    d->reason = id;
    d->code = e ? e->code : "";
    d->slug = e ? e->slug : "";
    d->citation = cite ? *cite : no_citation;
    ukc__vsnformat(d->message, sizeof d->message, fmt, ap);
}

static bool allow(ukc_decision *d, const ukc_citation *cite, const char *fmt, ...)
    UKC_PRINTF(3, 4);
static bool allow(ukc_decision *d, const ukc_citation *cite, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    say(d, true, UKC_ID_NONE, cite, fmt, ap);
    va_end(ap);
    return true;
}

/* Allowed, with a warning reason ID (the decision is allowed; the ID names the doubt). */
static bool warn(ukc_decision *d, ukc_id id, const ukc_citation *cite, const char *fmt, ...)
    UKC_PRINTF(4, 5);
static bool warn(ukc_decision *d, ukc_id id, const ukc_citation *cite, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    say(d, true, id, cite, fmt, ap);
    va_end(ap);
    return true;
}

static bool refuse(ukc_decision *d, ukc_id id, const ukc_citation *cite, const char *fmt, ...)
    UKC_PRINTF(4, 5);
static bool refuse(ukc_decision *d, ukc_id id, const ukc_citation *cite, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    say(d, false, id, cite, fmt, ap);
    va_end(ap);
    return false;
}

static bool given(const char *s)
{
    return s && *s;
}

static const ukc_stage *stage_at(const ukc_case *c, size_t i)
{
    return ukc__case_stage_at(c, i);
}

static const ukc_obligation *obligation_of(const ukc_case *c, size_t stage,
                                           ukc_obligation_kind kind)
{
    return ukc__case_obligation_of(c, stage, kind);
}

static const ukc_case_action *action_of(const ukc_case *c, ukc_action_kind kind)
{
    return ukc__case_action_of(c, kind);
}

static const ukc_citation *cite_of(const ukc_obligation *o)
{
    return o ? &o->citation : NULL;
}

static void iso(ukc_date d, char buf[UKC_DATE_BUFSIZE])
{
    ukc__format_date(d, buf);
}

/* ---- Status gates ---------------------------------------------------------- */

#define B(s) (1u << (s))
#define ANY (B(UKC_CASE_OPEN) | B(UKC_CASE_REQUESTED) | B(UKC_CASE_RESPONDED) | \
             B(UKC_CASE_SUSPENDED) | B(UKC_CASE_WITHDRAWN) | B(UKC_CASE_DISCONTINUED))

/* The statuses each event kind may be applied in. */
static const unsigned allowed_in[] = {
    [UKC_EVENT_ACKNOWLEDGE] = B(UKC_CASE_OPEN),
    [UKC_EVENT_RESPOND] = B(UKC_CASE_OPEN),
    [UKC_EVENT_HOLDING_REPLY] = B(UKC_CASE_OPEN),
    [UKC_EVENT_PROGRESS_UPDATE] = B(UKC_CASE_OPEN),
    [UKC_EVENT_REQUEST_ESCALATION] = B(UKC_CASE_RESPONDED),
    [UKC_EVENT_ACCEPT_ESCALATION] = B(UKC_CASE_REQUESTED),
    [UKC_EVENT_REFUSE_ESCALATION] = B(UKC_CASE_REQUESTED),
    [UKC_EVENT_EXTEND] = B(UKC_CASE_OPEN),
    [UKC_EVENT_SUSPEND] = B(UKC_CASE_OPEN) | B(UKC_CASE_REQUESTED),
    [UKC_EVENT_RESUME] = B(UKC_CASE_SUSPENDED),
    [UKC_EVENT_WITHDRAW] = B(UKC_CASE_OPEN) | B(UKC_CASE_REQUESTED) | B(UKC_CASE_RESPONDED) |
                           B(UKC_CASE_SUSPENDED),
    [UKC_EVENT_REOPEN] = B(UKC_CASE_WITHDRAWN) | B(UKC_CASE_DISCONTINUED),
    [UKC_EVENT_CONTACT_ATTEMPT] = ANY,
    [UKC_EVENT_DISCONTINUE] = B(UKC_CASE_OPEN) | B(UKC_CASE_REQUESTED),
    [UKC_EVENT_RESTRICT] = ANY,
    [UKC_EVENT_REFER] = ANY,
    [UKC_EVENT_CLOSE] = B(UKC_CASE_RESPONDED) | B(UKC_CASE_WITHDRAWN) | B(UKC_CASE_DISCONTINUED),
    [UKC_EVENT_PANEL] = B(UKC_CASE_OPEN),
    [UKC_EVENT_REPORT] = B(UKC_CASE_OPEN),
    [UKC_EVENT_NOTIFY] = ANY,
    [UKC_EVENT_CONTACT_METHODS] = ANY,
};

static bool referred(const ukc_case *c)
{
    for (size_t i = 0; i < c->nevents; i++)
        if (c->events[i].kind == UKC_EVENT_REFER)
            return true;
    return false;
}

static const ukc_citation *action_cite(const ukc_case *c, ukc_action_kind kind)
{
    const ukc_case_action *a = action_of(c, kind);
    return a ? &a->citation : NULL;
}

/* Refuse an event whose kind is not allowed in the case's status. */
static bool gate(const ukc_case *c, const ukc_case_event *ev, ukc_decision *d)
{
    const char *name = ukc__event_kind_names[ev->kind];
    const ukc_obligation *respond = obligation_of(c, c->stage, UKC_OBLIGATION_RESPOND);
    const ukc_stage *s = stage_at(c, c->stage);
    const char *sid = s ? s->id : "the case";
    if (allowed_in[ev->kind] & B(c->status))
        return true;
    /* A panel recorded twice: say that, not that the stage is done. */
    if ((ev->kind == UKC_EVENT_PANEL || ev->kind == UKC_EVENT_REPORT) &&
        c->status == UKC_CASE_RESPONDED && c->stages[c->stage].panel)
        return true;
    if (ev->kind == UKC_EVENT_CLOSE && referred(c))
        return true;
    switch (ev->kind) {
    case UKC_EVENT_ACCEPT_ESCALATION:
    case UKC_EVENT_REFUSE_ESCALATION:
        return refuse(d, UKC_R011_NO_PENDING_REQUEST, NULL,
                      "%s: no request for a further stage awaits the council's decision", name);
    case UKC_EVENT_RESUME:
        return refuse(d, UKC_R016_NOT_SUSPENDED, action_cite(c, UKC_ACTION_SUSPEND),
                      "resume: the case is not suspended");
    case UKC_EVENT_REOPEN:
        return refuse(d, UKC_R019_NOT_REOPENABLE, action_cite(c, UKC_ACTION_REOPEN),
                      "reopen: the complaint is %s; only a withdrawn or discontinued complaint "
                      "can be re-opened",
                      ukc_case_status_name(c->status));
    default:
        break;
    }
    switch (c->status) {
    case UKC_CASE_SUSPENDED:
        return refuse(d, UKC_R017_CASE_SUSPENDED, action_cite(c, UKC_ACTION_SUSPEND),
                      "%s: the case is suspended; resume it first", name);
    case UKC_CASE_WITHDRAWN:
        return refuse(d, UKC_R018_CASE_INACTIVE, action_cite(c, UKC_ACTION_WITHDRAW),
                      "%s: the complaint was withdrawn; re-open it first", name);
    case UKC_CASE_DISCONTINUED:
        return refuse(d, UKC_R018_CASE_INACTIVE, action_cite(c, UKC_ACTION_DISCONTINUE),
                      "%s: the complaint was discontinued; re-open it first", name);
    case UKC_CASE_REQUESTED: {
        const ukc_stage *next = stage_at(c, c->stage + 1);
        return refuse(d, UKC_R024_REQUEST_PENDING, next ? &next->citation : NULL,
                      "%s: the request for %s awaits the council's decision; accept or refuse "
                      "it first",
                      name, next ? next->id : "the next stage");
    }
    case UKC_CASE_RESPONDED:
        return refuse(d, UKC_R010_ALREADY_RESPONDED, cite_of(respond),
                      "%s: %s already has its response", name, sid);
    case UKC_CASE_OPEN:
        return refuse(d, UKC_R008_RESPONSE_OUTSTANDING, cite_of(respond),
                      "%s: %s has not yet had its response", name, sid);
    case UKC_CASE_CLOSED:
        break;
    }
    return refuse(d, UKC_R001_CASE_CLOSED, NULL, "%s: the case is closed", name);
}

/* ---- Each event ------------------------------------------------------------ */

static bool not_provided(const ukc_case *c, const ukc_case_event *ev, ukc_decision *d,
                         const char *what)
{
    return refuse(d, UKC_R004_NOT_PROVIDED_FOR, NULL,
                  "%s: %s's policy does not provide for %s%s%s; its sources say nothing about it",
                  ukc__event_kind_names[ev->kind], ukc__case_council(c), what,
                  c->proc ? " in the procedure " : "", c->proc ? c->proc->id : "");
}

static bool ground_ok(const ukc_case_action *a, const ukc_case_event *ev, ukc_decision *d,
                      const ukc_citation **cite)
{
    *cite = &a->citation;
    if (a->ground_count == 0)
        return true;
    if (given(ev->ground))
        for (size_t i = 0; i < a->ground_count; i++)
            if (strcmp(a->grounds[i].id, ev->ground) == 0) {
                *cite = &a->grounds[i].citation;
                return true;
            }
    char list[256] = "";
    for (size_t i = 0; i < a->ground_count; i++) {
        size_t n = strlen(list);
        snprintf(list + n, sizeof list - n, "%s%s", i ? ", " : "", a->grounds[i].id);
    }
    return refuse(d, UKC_R015_UNKNOWN_GROUND, &a->citation,
                  "%s: %s%s%s is not a ground the policy gives; its grounds are: %s",
                  ukc__event_kind_names[ev->kind], given(ev->ground) ? "'" : "no ground given",
                  given(ev->ground) ? ev->ground : "", given(ev->ground) ? "'" : "", list);
}

/* A re-opening ground that belongs to one situation (Warwickshire's section 9:
 * a misunderstood withdrawal; a discontinuation for non-response) fits only it. */
static bool ground_fits(const ukc_case *c, const ukc_case_action *a, const ukc_case_event *ev,
                        ukc_decision *d)
{
    const char *now = c->status == UKC_CASE_WITHDRAWN ? "withdraw" : "discontinue";
    for (size_t i = 0; i < a->ground_count; i++) {
        const ukc_ground *g = &a->grounds[i];
        const char *after = ukc__ground_after(c->policy, g);
        if (!given(ev->ground) || strcmp(g->id, ev->ground) != 0 || !*after ||
            strcmp(after, now) == 0)
            continue;
        return refuse(d, UKC_R032_GROUND_DOES_NOT_FIT, &g->citation,
                      "reopen: the ground '%s' is for a complaint that was %s, but this one was "
                      "%s",
                      g->id, strcmp(after, "withdraw") == 0 ? "withdrawn" : "discontinued",
                      ukc_case_status_name(c->status));
    }
    return true;
}

static bool decide_request(const ukc_case *c, const ukc_case_event *ev, ukc_decision *d)
{
    const ukc_stage *next = stage_at(c, c->stage + 1);
    char when[UKC_DATE_BUFSIZE], end_iso[UKC_DATE_BUFSIZE];
    if (!next || *next->external_body) {
        const ukc_citation *cite = next ? &next->citation
                                        : c->proc ? &c->proc->citation : &c->kind->citation;
        const char *id = next ? next->external_body : c->proc ? c->proc->external_body : "";
        const ukc_external_body *body = ukc__case_body(c, id);
        size_t n = c->proc ? c->proc->stage_count - (next ? 1 : 0) : 0;
        if (body)
            cite = next ? &next->citation : &body->citation;
        return refuse(d, UKC_R006_NO_FURTHER_STAGE, cite,
                      "request-escalation: %s %s has %zu council stage%s, so the council's "
                      "process is complete%s%s%s%s%s",
                      c->proc ? "the procedure" : "the feedback kind",
                      c->proc ? c->proc->id : c->kind->id, n, n == 1 ? "" : "s",
                      body ? "; the customer may go to " : "", body ? body->name : "",
                      body ? " (" : "", body ? body->id : "",
                      body ? "; record that with refer)" : "");
    }
    if (c->stages[c->stage + 1].refused)
        return refuse(d, UKC_R030_ESCALATION_ALREADY_REFUSED, &next->citation,
                      "request-escalation: the council already refused %s; the council's "
                      "process is exhausted",
                      next->id);
    ukc_date end, other;
    if (ukc__case_window_end(c, c->stage + 1, false, &end) ||
        ukc__case_window_end(c, c->stage + 1, true, &other))
        return refuse(d, UKC_R026_DATE_OUT_OF_RANGE, NULL,
                      "request-escalation: the window's end is outside the calendar's range");
    const ukc_time_limit *lim = ukc__case_request_limit(c, c->stage + 1);
    char doubt[1200] = "";
    if (end && ev->date > end && other) {
        /* The source leaves the unit unclear: say so, with its words, whichever way
         * the request falls. */
        char other_iso[UKC_DATE_BUFSIZE];
        iso(end, end_iso);
        iso(other, other_iso);
        ukc__snformat(doubt, sizeof doubt,
                      "the policy's unit is unclear: \"%s\" does not say working or calendar days; "
                      "counted in %s the window closed on %s, counted in %s it %s on %s",
                      lim->citation.quote, ukc_unit_name(lim->time.unit), end_iso,
                      lim->time.unit == UKC_UNIT_CALENDAR_DAYS ? "working-days" : "calendar-days",
                      ev->date > other ? "closed" : "closes", other_iso);
    }
    if (end && ev->date > end && (!other || ev->date > other)) {
        iso(ev->date, when);
        iso(end, end_iso);
        return refuse(d, UKC_R005_ESCALATION_WINDOW_CLOSED, &lim->citation,
                      "request-escalation: asked for %s on %s, but the window closed on %s "
                      "(%s)%s%s%s%s",
                      next->id, when, end_iso, lim->text, *lim->exception ? "; exception: " : "",
                      lim->exception, *doubt ? "; " : "", doubt);
    }
    if (next->reasons_required == UKC_ANSWER_YES && !given(ev->reasons))
        return refuse(d, UKC_R007_REASONS_REQUIRED, &next->citation,
                      "request-escalation: %s requires the customer's reasons, and none were "
                      "given (reasons=...)",
                      next->id);
    bool acceptance = next->acceptance_required == UKC_ANSWER_YES ||
                      next->automatic == UKC_ANSWER_NO;
    const char *then = acceptance ? "; it awaits the council's decision to accept or refuse it"
                                  : "; the stage starts now";
    iso(ev->date, when);
    if (*doubt)
        return warn(d, UKC_R031_UNIT_UNCLEAR, &lim->citation,
                    "request-escalation: %s requested%s; warning: asked on %s, allowed because "
                    "%s",
                    next->id, then, when, doubt);
    return allow(d, &next->citation, "request-escalation: %s requested%s", next->id, then);
}

static bool decide_extend(const ukc_case *c, const ukc_case_event *ev, ukc_decision *d)
{
    const ukc_obligation *o = obligation_of(c, c->stage, UKC_OBLIGATION_RESPOND);
    const ukc_case_action *a = action_of(c, UKC_ACTION_EXTEND);
    const ukc_stage_rec *r = &c->stages[c->stage];
    if (!o || (!a && o->time.maximum <= 0))
        return not_provided(c, ev, d, o ? "extending the response time (it states no maximum "
                                          "and no extension)"
                                        : "a response time here");
    const ukc_citation *cite = a ? &a->citation : &o->citation;
    if (!given(ev->reasons))
        return refuse(d, UKC_R013_EXTENSION_REASON_REQUIRED, cite,
                      "extend: an extension must give its reason (reasons=...)");
    int32_t target = ev->days ? ev->days : o->time.maximum;
    if (target <= 0)
        return refuse(d, UKC_R022_MISSING_FIELD, cite,
                      "extend: the policy states no maximum, so the new count must be given "
                      "(days=N)");
    if (o->time.maximum > 0 && target > o->time.maximum)
        return refuse(d, UKC_R014_EXTENSION_BEYOND_MAXIMUM, &o->citation,
                      "extend: %d %s is beyond the policy's maximum of %d for %s", (int)target,
                      ukc_unit_name(o->time.unit), (int)o->time.maximum, o->id);
    int32_t now = r->extended_to ? r->extended_to : o->time.count;
    if (target <= now)
        return refuse(d, UKC_R028_EXTENSION_NOT_LONGER, cite,
                      "extend: %d %s is not longer than the present %d", (int)target,
                      ukc_unit_name(o->time.unit), (int)now);
    return allow(d, o->time.maximum > 0 ? &o->citation : cite,
                 "extend: %s extended to %d %s%s%s%s", o->id, (int)target,
                 ukc_unit_name(o->time.unit),
                 *o->time.maximum_condition ? " (the maximum is for " : "",
                 o->time.maximum_condition, *o->time.maximum_condition ? ")" : "");
}

/* ---- Contact methods ------------------------------------------------------- */

/* The names a method goes by. A name not listed is its own method (folded to
 * lower case, '-' for spaces and '_'). */
static const struct {
    const char *method;
    const char *aliases[8];
} method_names[] = {
    { "email", { "email", "e-mail", "email-address", "electronic-mail", NULL } },
    { "telephone", { "telephone", "phone", "tel", "call", "telephone-number", "phone-call",
                     "mobile", NULL } },
    { "post", { "post", "letter", "postal", "postal-address", "first-class-post",
                "second-class-post", NULL } },
    { "text", { "text", "sms", "text-message", NULL } },
    { "in-person", { "in-person", "visit", "home-visit", "face-to-face", "meeting", NULL } },
};

/* The canonical method of the name in [s, s + n), into buf. */
static const char *canonical_method(const char *s, size_t n, char *buf, size_t size)
{
    size_t k = 0;
    while (n && (*s == ' ' || *s == '\t'))
        s++, n--;
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    for (size_t i = 0; i < n && k + 1 < size; i++) {
        char ch = s[i];
        buf[k++] = ch == ' ' || ch == '_' ? '-' : ch >= 'A' && ch <= 'Z' ? (char)(ch + 32) : ch;
    }
    buf[k] = '\0';
    for (size_t i = 0; i < sizeof method_names / sizeof method_names[0]; i++)
        for (size_t j = 0; method_names[i].aliases[j]; j++)
            if (strcmp(buf, method_names[i].aliases[j]) == 0)
                return method_names[i].method;
    return buf;
}

/* Add a method to a list of distinct canonical names (storage in store). */
static void add_method(const char *m, char (*store)[32], size_t *n, size_t cap)
{
    for (size_t i = 0; i < *n; i++)
        if (strcmp(store[i], m) == 0)
            return;
    if (*n < cap)
        ukc__snformat(store[(*n)++], 32, "%s", m);
}

/* The canonical methods of a comma-separated list. */
static void method_list(const char *list, char (*store)[32], size_t *n, size_t cap)
{
    char buf[32];
    for (const char *p = list; p && *p;) {
        const char *end = strchr(p, ',');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        const char *m = canonical_method(p, len, buf, sizeof buf);
        if (*m)
            add_method(m, store, n, cap);
        p = end ? end + 1 : NULL;
    }
}

/* Section 7 of Warwickshire's policy: "at least three different times by
 * different methods (where we have alternative contact methods, such as email
 * addresses, telephone numbers or postal addresses)". The different methods
 * needed are the attempts required, but no more than the methods the customer
 * gave (a contact-methods event) when the case knows them. */
static bool decide_discontinue(const ukc_case *c, const ukc_case_event *ev,
                               const ukc_case_action *a, ukc_decision *d)
{
    char used[16][32], known[16][32];
    size_t attempts = 0, distinct = 0, nknown = 0;
    bool methods_known = false;
    (void)ev;
    for (size_t i = 0; i < c->nevents; i++) {
        const ukc_case_event *e = &c->events[i];
        if (e->kind == UKC_EVENT_CONTACT_METHODS) {
            nknown = 0;
            methods_known = true;
            method_list(e->method, known, &nknown, 16);
        }
        if (e->kind != UKC_EVENT_CONTACT_ATTEMPT || i < c->contact_from)
            continue;
        attempts++;
        method_list(e->method, used, &distinct, 16);
    }
    if (a->min_attempts > 0 && attempts < (size_t)a->min_attempts)
        return refuse(d, UKC_R020_TOO_FEW_CONTACT_ATTEMPTS, &a->citation,
                      "discontinue: the policy requires %d contact attempts first; %zu made",
                      (int)a->min_attempts, attempts);
    size_t needed = a->different_methods && a->min_attempts > 0 ? (size_t)a->min_attempts : 0;
    if (needed && methods_known && nknown < needed)
        needed = nknown ? nknown : 1;
    if (needed && distinct < needed)
        return refuse(d, UKC_R021_METHODS_NOT_DIFFERENT, &a->citation,
                      "discontinue: the policy requires attempts by %zu different methods%s; "
                      "%zu different method%s used%s",
                      needed, methods_known ? " (as many as the customer gave)" : "", distinct,
                      distinct == 1 ? "" : "s",
                      methods_known ? ""
                                    : " (record the methods the customer gave with "
                                      "contact-methods when there are fewer)");
    return allow(d, &a->citation,
                 "discontinue: the complaint is discontinued after %zu contact attempt%s by %zu "
                 "method%s%s",
                 attempts, attempts == 1 ? "" : "s", distinct, distinct == 1 ? "" : "s",
                 methods_known && nknown < (size_t)a->min_attempts
                     ? ", all the customer gave"
                     : "");
}

static bool pending_notice(const ukc_case *c)
{
    for (size_t i = 0; i < c->nactions; i++)
        if (!c->actions[i].notified)
            return true;
    return false;
}

static const ukc_obligation *stage_obligation(const ukc_case *c, ukc_obligation_kind kind)
{
    return ukc__case_stage_obligation(c, c->stage, kind);
}

/* The rules of each kind, after the common checks and the status gate. */
static bool decide_kind(const ukc_case *c, const ukc_case_event *ev, ukc_decision *d)
{
    const ukc_stage *s = stage_at(c, c->stage);
    const ukc_stage_rec *r = &c->stages[c->stage];
    const char *sid = s ? s->id : c->kind->id;
    const ukc_case_action *a;
    const ukc_citation *cite;
    switch (ev->kind) {
    case UKC_EVENT_ACKNOWLEDGE: {
        const ukc_obligation *o = obligation_of(c, c->stage, UKC_OBLIGATION_ACKNOWLEDGE);
        if (r->acknowledged)
            return refuse(d, UKC_R009_ALREADY_ACKNOWLEDGED, cite_of(o),
                          "acknowledge: %s was already acknowledged", sid);
        return allow(d, cite_of(o), "acknowledge: %s acknowledged", sid);
    }
    case UKC_EVENT_RESPOND: {
        const ukc_obligation *o = obligation_of(c, c->stage, UKC_OBLIGATION_RESPOND);
        if (!ev->has_delivery)
            return refuse(d, UKC_R022_MISSING_FIELD, cite_of(o),
                          "respond: the delivery method is required (delivery=email, "
                          "first-class-post, second-class-post or hand)");
        return allow(d, cite_of(o), "respond: %s response sent by %s", sid,
                     ukc_delivery_name(ev->delivery));
    }
    case UKC_EVENT_HOLDING_REPLY:
        return allow(d, cite_of(obligation_of(c, c->stage, UKC_OBLIGATION_HOLDING_REPLY)),
                     "holding-reply: recorded for %s", sid);
    case UKC_EVENT_PROGRESS_UPDATE:
        return allow(d, cite_of(obligation_of(c, c->stage, UKC_OBLIGATION_PROGRESS_UPDATE)),
                     "progress-update: recorded for %s", sid);
    case UKC_EVENT_REQUEST_ESCALATION:
        return decide_request(c, ev, d);
    case UKC_EVENT_ACCEPT_ESCALATION: {
        const ukc_stage *next = stage_at(c, c->stage + 1);
        return allow(d, &next->citation, "accept-escalation: %s accepted; the stage starts now",
                     next->id);
    }
    case UKC_EVENT_REFUSE_ESCALATION: {
        const ukc_stage *next = stage_at(c, c->stage + 1);
        const ukc_obligation *o = NULL;
        for (size_t i = 0; i < next->obligation_count && !o; i++)
            if (next->obligations[i].kind == UKC_OBLIGATION_EXPLAIN_REFUSAL)
                o = &next->obligations[i];
        cite = o ? &o->citation : &next->citation;
        if (!given(ev->reasons))
            return refuse(d, UKC_R012_EXPLANATION_REQUIRED, cite,
                          "refuse-escalation: a refusal must be explained (reasons=...)");
        return allow(d, cite, "refuse-escalation: %s refused, with the council's explanation",
                     next->id);
    }
    case UKC_EVENT_EXTEND:
        return decide_extend(c, ev, d);
    case UKC_EVENT_SUSPEND:
        if (!ground_ok(action_of(c, UKC_ACTION_SUSPEND), ev, d, &cite))
            return false;
        return allow(d, cite, "suspend: the complaint is suspended%s%s",
                     given(ev->ground) ? " on the ground " : "",
                     given(ev->ground) ? ev->ground : "");
    case UKC_EVENT_RESUME:
        return allow(d, action_cite(c, UKC_ACTION_RESUME) ? action_cite(c, UKC_ACTION_RESUME)
                                                         : action_cite(c, UKC_ACTION_SUSPEND),
                     "resume: the complaint resumes; clocks %s",
                     c->mode == UKC_SUSPENSION_PAUSE ? "continue with the suspended days added back"
                                                     : "start again from today");
    case UKC_EVENT_WITHDRAW:
        return allow(d, action_cite(c, UKC_ACTION_WITHDRAW), "withdraw: the complaint is withdrawn");
    case UKC_EVENT_REOPEN:
        if (!ground_ok(action_of(c, UKC_ACTION_REOPEN), ev, d, &cite) ||
            !ground_fits(c, action_of(c, UKC_ACTION_REOPEN), ev, d))
            return false;
        return allow(d, cite, "reopen: the complaint is re-opened%s%s",
                     given(ev->ground) ? " on the ground " : "",
                     given(ev->ground) ? ev->ground : "");
    case UKC_EVENT_CONTACT_ATTEMPT: {
        char buf[32];
        if (!given(ev->method))
            return refuse(d, UKC_R022_MISSING_FIELD, action_cite(c, UKC_ACTION_DISCONTINUE),
                          "contact-attempt: the method is required (method=...)");
        return allow(d, action_cite(c, UKC_ACTION_DISCONTINUE),
                     "contact-attempt: attempt by %s recorded",
                     canonical_method(ev->method, strlen(ev->method), buf, sizeof buf));
    }
    case UKC_EVENT_CONTACT_METHODS: {
        char known[16][32], text[200] = "";
        size_t n = 0;
        if (given(ev->method))
            method_list(ev->method, known, &n, 16);
        if (!n)
            return refuse(d, UKC_R022_MISSING_FIELD, action_cite(c, UKC_ACTION_DISCONTINUE),
                          "contact-methods: the customer's methods are required "
                          "(method=email,telephone,post,...)");
        for (size_t i = 0; i < n; i++) {
            size_t len = strlen(text);
            snprintf(text + len, sizeof text - len, "%s%s", i ? ", " : "", known[i]);
        }
        return allow(d, action_cite(c, UKC_ACTION_DISCONTINUE),
                     "contact-methods: the customer gave %zu method%s: %s", n,
                     n == 1 ? "" : "s", text);
    }
    case UKC_EVENT_DISCONTINUE:
        return decide_discontinue(c, ev, action_of(c, UKC_ACTION_DISCONTINUE), d);
    case UKC_EVENT_RESTRICT:
        a = action_of(c, UKC_ACTION_RESTRICT);
        return allow(d, &a->citation, "restrict: restrictions decided%s",
                     a->obligation_count ? "; the customer must be notified" : "");
    case UKC_EVENT_REFER: {
        const ukc_external_body *b;
        if (!given(ev->body))
            return refuse(d, UKC_R022_MISSING_FIELD, NULL,
                          "refer: the external body is required (body=...)");
        if (!(b = ukc__case_body(c, ev->body)))
            return refuse(d, UKC_R023_UNKNOWN_EXTERNAL_BODY, NULL,
                          "refer: %s's policy names no external body '%s'", ukc__case_council(c),
                          ev->body);
        return allow(d, &b->citation, "refer: referred to %s", b->name);
    }
    case UKC_EVENT_CLOSE:
        return allow(d, NULL, "close: the case is closed");
    case UKC_EVENT_PANEL: {
        /* A panel's meeting, or a hearing another rule's clock starts at
         * (Kent's transport appeal decision "within 5 working days of the
         * appeal hearing"). */
        const ukc_obligation *o = stage_obligation(c, UKC_OBLIGATION_PANEL);
        if (!o)
            o = ukc__case_clock_obligation(c, c->stage, UKC_CLOCK_HEARING);
        if (!o)
            return not_provided(c, ev, d, "a panel at this stage");
        if (r->panel)
            return refuse(d, UKC_R027_ALREADY_RECORDED, &o->citation,
                          "panel: the panel of %s already met", sid);
        return allow(d, &o->citation, "panel: the panel of %s met", sid);
    }
    case UKC_EVENT_REPORT: {
        const ukc_obligation *o = stage_obligation(c, UKC_OBLIGATION_REPORT);
        if (!o)
            o = ukc__case_clock_obligation(c, c->stage, UKC_CLOCK_REPORT);
        if (!o)
            return not_provided(c, ev, d, "a panel's report at this stage");
        if (!r->panel && (stage_obligation(c, UKC_OBLIGATION_PANEL) ||
                          ukc__case_clock_obligation(c, c->stage, UKC_CLOCK_HEARING)))
            return refuse(d, UKC_R025_PANEL_NOT_HELD, &o->citation,
                          "report: the panel of %s has not met", sid);
        if (r->report)
            return refuse(d, UKC_R027_ALREADY_RECORDED, &o->citation,
                          "report: the report of %s was already presented", sid);
        return allow(d, &o->citation, "report: the panel's report presented");
    }
    case UKC_EVENT_NOTIFY:
        if (!pending_notice(c))
            return refuse(d, UKC_R029_NOTHING_TO_NOTIFY, NULL,
                          "notify: no decision awaits notice to the customer");
        return allow(d, NULL, "notify: the customer was notified of the decision");
    }
    return false;
}

/* Actions the policy must provide for, checked before the status gate. */
static bool provided(const ukc_case *c, const ukc_case_event *ev, ukc_decision *d)
{
    static const struct {
        ukc_event_kind event;
        ukc_action_kind action;
        const char *what;
    } needs[] = {
        { UKC_EVENT_SUSPEND, UKC_ACTION_SUSPEND, "suspending a complaint" },
        { UKC_EVENT_RESUME, UKC_ACTION_SUSPEND, "suspending (or resuming) a complaint" },
        { UKC_EVENT_WITHDRAW, UKC_ACTION_WITHDRAW, "withdrawing a complaint" },
        { UKC_EVENT_REOPEN, UKC_ACTION_REOPEN, "re-opening a complaint" },
        { UKC_EVENT_DISCONTINUE, UKC_ACTION_DISCONTINUE, "discontinuing a complaint" },
        { UKC_EVENT_RESTRICT, UKC_ACTION_RESTRICT, "restricting contact" },
    };
    for (size_t i = 0; i < sizeof needs / sizeof needs[0]; i++)
        if (needs[i].event == ev->kind && !action_of(c, needs[i].action) &&
            !(ev->kind == UKC_EVENT_RESUME && action_of(c, UKC_ACTION_RESUME)))
            return not_provided(c, ev, d, needs[i].what);
    return true;
}

static ukc_status check_event(const ukc_case_event *ev)
{
    if (ev->version == 0 || ev->version > UKC_CASE_EVENT_VERSION)
        return ukc__fail(UKC_ERR_VERSION, "unknown case event version %u", ev->version);
    if ((int)ev->kind < 0 || (int)ev->kind > UKC_EVENT_CONTACT_METHODS)
        return ukc__fail(UKC_ERR_INVALID_ARGUMENT, "unknown event kind %d", (int)ev->kind);
    if (ev->has_delivery && ((int)ev->delivery < 0 || (int)ev->delivery > UKC_DELIVERY_HAND))
        return ukc__fail(UKC_ERR_INVALID_ARGUMENT, "unknown delivery method %d",
                         (int)ev->delivery);
    return UKC_OK;
}

ukc_status ukc__case_decide(const ukc_case *c, const ukc_case_event *ev, ukc_decision *d)
{
    char when[UKC_DATE_BUFSIZE], ref[UKC_DATE_BUFSIZE];
    ukc_status st = check_event(ev);
    if (st)
        return st;
    const char *name = ukc__event_kind_names[ev->kind];
    if (ev->date < UKC_CALENDAR_FIRST || ev->date > UKC_CALENDAR_LAST)
        refuse(d, UKC_R026_DATE_OUT_OF_RANGE, NULL,
               "%s: the date is outside the calendar's range 1971-01-01..2199-12-31", name);
    else if (c->status == UKC_CASE_CLOSED)
        refuse(d, UKC_R001_CASE_CLOSED, NULL, "%s: the case is closed", name);
    else if (ev->date < c->received) {
        iso(ev->date, when);
        iso(c->received, ref);
        refuse(d, UKC_R002_BEFORE_RECEIPT, NULL,
               "%s: dated %s, before the council received the feedback on %s", name, when, ref);
    } else if (ev->date < c->last) {
        iso(ev->date, when);
        iso(c->last, ref);
        refuse(d, UKC_R003_OUT_OF_ORDER, NULL,
               "%s: dated %s, before the latest event already applied (%s)", name, when, ref);
    } else if (provided(c, ev, d) && gate(c, ev, d)) {
        decide_kind(c, ev, d);
    }
    return UKC_OK;
}
