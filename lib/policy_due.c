/* Due dates of a policy's timescales, explained with the rule and its citation;
 * and finding the line and column of a JSON path in a policy's text. */
#include <stdio.h>
#include <string.h>

#include "date_internal.h"
#include "error_internal.h"
#include "explain_internal.h"
#include "policy_internal.h"
#include "util.h"

static int32_t bound_count(const ukc_timescale *t, ukc_bound which)
{
    return which == UKC_BOUND_MAXIMUM ? t->maximum : t->count;
}

static ukc_status check_bound(const ukc_timescale *t, ukc_bound which)
{
    if (which != UKC_BOUND_TARGET && which != UKC_BOUND_MAXIMUM)
        return ukc__fail(UKC_ERR_INVALID_ARGUMENT, "unknown bound %d", (int)which);
    if (which == UKC_BOUND_MAXIMUM && t->maximum <= 0)
        return ukc__fail(UKC_ERR_NOT_SET, "this timescale has no maximum: its source states none");
    return UKC_OK;
}

/* The receipt convention for a clock: the policy's for working days, day 0 otherwise. */
static ukc_receipt convention(const ukc_policy *p, bool deemed)
{
    return deemed ? UKC_RECEIPT_DAY_OF_RECEIPT : p->working_days.receipt;
}

static ukc_status calendar_of(const ukc__deadline *d, const ukc_calendar **cal)
{
    *cal = d->cal;
    return *cal ? UKC_OK : ukc_calendar_builtin(d->time->calendar, cal);
}

/* ICO calendar months: the corresponding date (or the later month's last day),
 * then the next working day. *plain is the date before the move. */
static ukc_status calendar_months(const ukc__deadline *d, ukc_date *plain, ukc_date *out)
{
    const ukc_calendar *cal;
    ukc_status st;
    if ((st = ukc_date_add_months(d->start, d->n, plain)) || (st = calendar_of(d, &cal)))
        return st;
    return ukc_calendar_next_working_day(cal, *plain, out);
}

ukc_status ukc__deadline_due(const ukc__deadline *d, ukc_date *out)
{
    const ukc_calendar *cal;
    ukc_date plain;
    ukc_status st;
    switch (d->time->unit) {
    case UKC_UNIT_WORKING_DAYS:
        if ((st = calendar_of(d, &cal)))
            return st;
        return ukc_calendar_deadline(cal, d->start, d->n, d->receipt, out);
    case UKC_UNIT_CALENDAR_DAYS:
        return ukc_date_add_days(d->start, d->n, out);
    case UKC_UNIT_WEEKS:
        return ukc_date_add_weeks(d->start, d->n, out);
    case UKC_UNIT_MONTHS:
        return ukc_date_add_months(d->start, d->n, out);
    case UKC_UNIT_CALENDAR_MONTHS:
        return calendar_months(d, &plain, out);
    }
    return ukc__fail(UKC_ERR_INTERNAL, "unknown unit %d", (int)d->time->unit);
}

static ukc__deadline deadline(const ukc_policy *p, const ukc_timescale *t, ukc_bound which,
                              ukc_date start, bool deemed)
{
    ukc__deadline d = { p, t, bound_count(t, which), start, convention(p, deemed), NULL, false };
    return d;
}

ukc_status ukc_policy_due(const ukc_policy *policy, const ukc_timescale *time, ukc_bound which,
                          ukc_date start, ukc_date *out)
{
    ukc__error_reset();
    if (out)
        *out = 0;
    if (!policy || !time || !out)
        return ukc__fail(UKC_ERR_INVALID_ARGUMENT, "%s is NULL",
                         !policy ? "policy" : !time ? "time" : "out");
    /* A caller may fill its own timescale (UKC_TIMESCALE_INIT): its size
     * must reach the first release's last field, and it must name a unit,
     * an event and a calendar the library knows. */
    ukc_status st = ukc__check_size(time->size, UKC_SIZE_THROUGH(ukc_timescale, note),
                                    "ukc_timescale");
    if (!st && (time->unit < 0 || time->unit > UKC_UNIT_CALENDAR_MONTHS ||
                time->from < 0 || time->from > UKC_CLOCK_RESPONSE_DUE || !time->calendar))
        st = ukc__fail(UKC_ERR_INVALID_ARGUMENT,
                       "the timescale has an unknown unit or clock event, or no calendar");
    if (!st)
        st = check_bound(time, which);
    if (st)
        return st;
    ukc__deadline d = deadline(policy, time, which, start, false);
    st = ukc__deadline_due(&d, out);
    if (st)
        *out = 0;
    return st;
}

/* "20 working-days from receipt (target); maximum 65 for more complex cases" */
static void describe(const ukc_timescale *t, ukc_bound which, char *buf, size_t size)
{
    int32_t n = bound_count(t, which);
    const char *unit = ukc__unit_names[t->unit];
    snprintf(buf, size, "%d %s from %s%s%s%s%s", (int)n, unit, ukc__clock_event_names[t->from],
             which == UKC_BOUND_MAXIMUM ? (t->range ? " (upper end of the range)" : " (maximum)")
                                        : (t->maximum ? (t->range ? " (lower end of the range)"
                                                                  : " (target)")
                                                      : ""),
             which == UKC_BOUND_MAXIMUM && *t->maximum_condition ? ", for " : "",
             which == UKC_BOUND_MAXIMUM ? t->maximum_condition : "",
             t->recurring ? ", and at that interval after" : "");
}

/* What a source quality means for the rule that rests on it. */
static const char *quality_text(ukc_source_quality q)
{
    switch (q) {
    case UKC_SOURCE_SECONDARY:
        return "This timescale rests on a restatement (secondary text), not the issuing body's "
               "own text.";
    case UKC_SOURCE_ADOPTER:
        return "This timescale rests on adopter text: a public body's published copy of the "
               "model procedure, not the issuing body's own text.";
    default:
        return "";
    }
}

static ukc_status rule_step(ukc_explanation *e, const ukc_policy *p, const char *rule,
                            const ukc_timescale *t, const char *what, const ukc_citation *c)
{
    char source[2048], text[4096], wd[1024] = "";
    ukc_status st;
    snprintf(source, sizeof source, "%s, \"%s\": \"%s\" (%s)", c->document, c->section,
             c->quote, ukc__source_quality_names[c->source]);
    const ukc_working_days *w = &p->working_days;
    if ((t->unit == UKC_UNIT_WORKING_DAYS || t->unit == UKC_UNIT_CALENDAR_MONTHS) &&
        *w->definition && strcmp(t->calendar, w->calendar) == 0)
        snprintf(wd, sizeof wd, " Working days: the source's definition '%s' (\"%s\").",
                 w->definition, w->citation->quote);
    snprintf(text, sizeof text, "Rule %s: %s. Source: %s.%s%s%s", rule, what, source,
             *t->note ? " Note: " : "", t->note, wd);
    if ((st = ukc__explanation_insert(e, 0, UKC_E009_RULE_CITED, 0, rule, source, text)))
        return st;
    if (c->source == UKC_SOURCE_PRIMARY)
        return UKC_OK;
    return ukc__explanation_insert(e, 1, UKC_E010_SOURCE_NOT_PRIMARY, 0,
                                   ukc__source_quality_names[c->source], source,
                                   quality_text(c->source));
}

static void long_date(ukc_date d, char buf[40])
{
    char iso[UKC_DATE_BUFSIZE];
    ukc__format_date(d, iso);
    snprintf(buf, 40, "%s %s", ukc_weekday_name((ukc_weekday)ukc__weekday(d)), iso);
}

/* Calendar months: why the corresponding date moved to a later working day. */
static ukc_status explain_moved(ukc_explanation *e, const ukc__deadline *d, ukc_date plain)
{
    const ukc_calendar *cal;
    char a[40], b[40], text[1024];
    ukc_status st;
    if (plain == e->due || (st = calendar_of(d, &cal)))
        return UKC_OK;
    long_date(plain, a);
    long_date(e->due, b);
    int len = snprintf(text, sizeof text, "%s is not a working day on the %s calendar (", a,
                       ukc_calendar_name(cal));
    for (ukc_date x = plain; x < e->due && len < (int)sizeof text - 80; x++) {
        ukc_holiday h = UKC_HOLIDAY_INIT;
        if ((st = ukc_calendar_day(cal, x, &h)))
            return st;
        e->projected = e->projected || h.projected;
        len += snprintf(text + len, sizeof text - len, "%s%s", x > plain ? "; then " : "",
                        *h.name ? h.name : "not a working day");
    }
    snprintf(text + len, sizeof text - len, "), so the due date moves to the next working day, %s.",
             b);
    return ukc__explanation_insert(e, e->nsteps - 1, UKC_E011_DATE_MOVED, e->due, NULL, NULL,
                                   text);
}

/* An explanation of a count of calendar days, weeks or months. */
static ukc_status explain_plain(const ukc__deadline *d, ukc_date due, ukc_date plain,
                                ukc_explanation **out)
{
    char a[40], b[40], text[512];
    const ukc_timescale *t = d->time;
    ukc_status st;
    ukc_explanation *e = ukc__calloc(1, sizeof *e);
    if (!e)
        return ukc__fail(UKC_ERR_NO_MEMORY, "out of memory explaining a deadline");
    e->start = e->counted_from = d->start;
    e->due = due;
    e->days = d->n;
    e->receipt = UKC_RECEIPT_DAY_OF_RECEIPT;
    long_date(d->start, a);
    long_date(due, b);
    if (!(e->calendar = ukc__pool_strdup(&e->strings, ""))) {
        st = ukc__fail(UKC_ERR_NO_MEMORY, "out of memory explaining a deadline");
        goto fail;
    }
    snprintf(text, sizeof text, "Start: %s is day 0.", a);
    if ((st = ukc__explanation_insert(e, 0, UKC_E001_CLOCK_START, d->start, NULL, NULL, text)))
        goto fail;
    if (t->unit == UKC_UNIT_CALENDAR_MONTHS)
        snprintf(text, sizeof text,
                 "Due: %s: %d calendar month%s from the start to the corresponding date "
                 "(the later month's last day when it has none), then the next working day "
                 "when that date is not one.",
                 b, (int)d->n, d->n == 1 ? "" : "s");
    else
        snprintf(text, sizeof text,
                 "Due: %s, %d %s after the start; %s are counted whether working days or not%s.",
                 b, (int)d->n, ukc__unit_names[t->unit], ukc__unit_names[t->unit],
                 t->unit == UKC_UNIT_MONTHS
                     ? ", and a day missing from the later month is its last day"
                     : "");
    if ((st = ukc__explanation_insert(e, e->nsteps, UKC_E007_DEADLINE_DUE, due, NULL, NULL, text)))
        goto fail;
    if (t->unit == UKC_UNIT_CALENDAR_MONTHS && (st = explain_moved(e, d, plain)))
        goto fail;
    *out = e;
    return UKC_OK;
fail:
    ukc__explanation_destroy(e);
    return st;
}

ukc_status ukc__deadline_explain(const ukc__deadline *d, const char *rule,
                                 const ukc_citation *c, const char *what,
                                 ukc_explanation **out)
{
    ukc_explanation *e = NULL;
    ukc_status st;
    *out = NULL;
    if (d->time->unit == UKC_UNIT_WORKING_DAYS) {
        const ukc_calendar *cal;
        if ((st = calendar_of(d, &cal)) || (st = ukc__explain(cal, d->start, d->n, d->receipt, d->full, &e)))
            return st;
    } else {
        ukc_date due, plain = 0;
        if (d->time->unit == UKC_UNIT_CALENDAR_MONTHS)
            st = calendar_months(d, &plain, &due);
        else
            st = ukc__deadline_due(d, &due);
        if (st || (st = explain_plain(d, due, plain, &e)))
            return st;
    }
    if ((st = rule_step(e, d->policy, rule, d->time, what, c))) {
        ukc__explanation_destroy(e);
        return st;
    }
    *out = e;
    return UKC_OK;
}

static ukc_status explain(const ukc_policy *p, const char *rule, const ukc_timescale *t,
                          const ukc_citation *c, ukc_bound which, ukc_date start, bool deemed,
                          ukc_explanation **out)
{
    ukc_status st = check_bound(t, which);
    ukc_explanation *e = NULL;
    char what[512];
    if (st)
        return st;
    ukc__deadline d = deadline(p, t, which, start, deemed);
    describe(t, which, what, sizeof what);
    if ((st = ukc__deadline_explain(&d, rule, c, what, &e)))
        return st;
    if ((st = ukc__explanation_compact(e)) || (st = ukc__explanation_render(e))) {
        ukc__explanation_destroy(e);
        return st;
    }
    *out = e;
    return UKC_OK;
}

static bool owns_obligation(const ukc_policy *p, const ukc_obligation *o)
{
    return o >= p->obligations && o < p->obligations + p->nobligations;
}

/* The checks both obligation explanations make on entry (after resetting the
 * error), and the rule's "ID (text)" for the explanation. */
static ukc_status obligation_entry(const ukc_policy *p, const ukc_obligation *o,
                                   ukc_explanation **out, char rule[256])
{
    if (out)
        *out = NULL;
    if (!p || !o || !out)
        return ukc__fail(UKC_ERR_INVALID_ARGUMENT, "%s is NULL",
                         !p ? "policy" : !o ? "obligation" : "out");
    if (!owns_obligation(p, o))
        return ukc__fail(UKC_ERR_INVALID_ARGUMENT, "the obligation does not belong to this policy");
    snprintf(rule, 256, "%s (%s)", o->id, o->text);
    return UKC_OK;
}

ukc_status ukc_policy_explain_obligation(const ukc_policy *policy,
                                         const ukc_obligation *obligation, ukc_bound which,
                                         ukc_date start, ukc_explanation **out)
{
    ukc__error_reset();
    char rule[256];
    ukc_status st = obligation_entry(policy, obligation, out, rule);
    if (st)
        return st;
    return explain(policy, rule, obligation->time, obligation->citation, which, start, false,
                   out);
}

/* The acknowledgement an obligation's clock is chained on: an acknowledge
 * obligation of the same stage (or feedback kind) whose own clock starts elsewhere. */
static const ukc_obligation *chained_on(const ukc_policy *p, const ukc_obligation *o)
{
    const ukc_obligation *list = NULL;
    size_t n = 0;
    for (size_t i = 0; i < p->nstages && !list; i++)
        if (o >= p->stages[i].obligations &&
            o < p->stages[i].obligations + p->stages[i].obligation_count)
            list = p->stages[i].obligations, n = p->stages[i].obligation_count;
    for (size_t i = 0; i < p->nkinds && !list; i++)
        if (o >= p->kinds[i].obligations &&
            o < p->kinds[i].obligations + p->kinds[i].obligation_count)
            list = p->kinds[i].obligations, n = p->kinds[i].obligation_count;
    for (size_t i = 0; i < n; i++)
        if (list[i].kind == UKC_OBLIGATION_ACKNOWLEDGE &&
            list[i].time->from != UKC_CLOCK_ACKNOWLEDGEMENT)
            return &list[i];
    return NULL;
}

ukc_status ukc_policy_explain_from_receipt(const ukc_policy *policy,
                                           const ukc_obligation *obligation, ukc_bound which,
                                           ukc_date received, ukc_explanation **out)
{
    ukc__error_reset();
    char rule[256], what[512], text[3072], a[40];
    ukc_status st = obligation_entry(policy, obligation, out, rule);
    if (st)
        return st;
    if (obligation->time->from != UKC_CLOCK_ACKNOWLEDGEMENT)
        return explain(policy, rule, obligation->time, obligation->citation, which, received,
                       false, out);
    const ukc_obligation *ack = chained_on(policy, obligation);
    if (!ack)
        return ukc__fail(UKC_ERR_NOT_SET,
                         "'%s' starts at the acknowledgement, and its source sets no timescale "
                         "for the acknowledgement, so it cannot be counted from receipt",
                         obligation->id);
    st = check_bound(obligation->time, which);
    ukc_date ack_due;
    ukc_explanation *e = NULL;
    ukc__deadline d = deadline(policy, ack->time, UKC_BOUND_TARGET, received, false);
    if (st || (st = ukc__deadline_due(&d, &ack_due)))
        return st;
    d = deadline(policy, obligation->time, which, ack_due, false);
    describe(obligation->time, which, what, sizeof what);
    if ((st = ukc__deadline_explain(&d, rule, obligation->citation, what, &e)))
        return st;
    long_date(ack_due, a);
    describe(ack->time, UKC_BOUND_TARGET, what, sizeof what);
    snprintf(text, sizeof text,
             "Chained clock: '%s' starts at the acknowledgement. None is recorded, so the clock "
             "starts on the last day the acknowledgement is due: %s, by rule %s (%s), %s. "
             "Source: %s, \"%s\": \"%s\" (%s).",
             obligation->id, a, ack->id, ack->text, what, ack->citation->document,
             ack->citation->section, ack->citation->quote, ukc__source_quality_names[ack->citation->source]);
    if ((st = ukc__explanation_insert(e, 0, UKC_E012_CLOCK_CHAINED, ack_due, ack->id, NULL,
                                      text)) ||
        (st = ukc__explanation_compact(e)) || (st = ukc__explanation_render(e))) {
        ukc__explanation_destroy(e);
        return st;
    }
    *out = e;
    return UKC_OK;
}

ukc_status ukc_policy_explain_time_limit(const ukc_policy *policy, const ukc_time_limit *limit,
                                         ukc_date start, ukc_explanation **out)
{
    ukc__error_reset();
    if (out)
        *out = NULL;
    if (!policy || !limit || !out)
        return ukc__fail(UKC_ERR_INVALID_ARGUMENT, "%s is NULL",
                         !policy ? "policy" : !limit ? "limit" : "out");
    if (limit < policy->limits || limit >= policy->limits + policy->nlimits)
        return ukc__fail(UKC_ERR_INVALID_ARGUMENT, "the time limit does not belong to this policy");
    char rule[256];
    snprintf(rule, sizeof rule, "%s (%s)", limit->id, limit->text);
    return explain(policy, rule, limit->time, limit->citation, UKC_BOUND_TARGET, start, false,
                   out);
}

ukc_status ukc_policy_explain_deemed_receipt(const ukc_policy *policy, ukc_delivery method,
                                             ukc_date sent, ukc_explanation **out)
{
    ukc__error_reset();
    if (out)
        *out = NULL;
    if (!policy || !out)
        return ukc__fail(UKC_ERR_INVALID_ARGUMENT, "%s is NULL", policy ? "out" : "policy");
    const ukc_deemed_receipt *d = NULL;
    for (size_t i = 0; i < policy->ndeemed; i++)
        if (policy->deemed[i].method == (int32_t)method)
            d = &policy->deemed[i];
    if ((int)method < 0 || (int)method > UKC_DELIVERY_HAND)
        return ukc__fail(UKC_ERR_INVALID_ARGUMENT, "unknown delivery method %d", (int)method);
    if (!d)
        return ukc__fail(UKC_ERR_NOT_SET,
                         "%s's policy states no rule for when a response sent by %s is received",
                         policy->council, ukc__delivery_names[method]);
    char rule[128];
    snprintf(rule, sizeof rule, "deemed receipt (%s)", ukc__delivery_names[method]);
    return explain(policy, rule, d->time, d->citation, UKC_BOUND_TARGET, sent, true, out);
}
