/* Due dates of a policy's timescales, explained with the rule and its citation;
 * and finding the line and column of a JSON path in a policy's text. */
#include <stdio.h>
#include <string.h>

#include "alloc_internal.h"
#include "date_internal.h"
#include "error_internal.h"
#include "explain_internal.h"
#include "policy_internal.h"

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
static ukc_receipt convention(const ukc_policy *p, const ukc_timescale *t, bool deemed)
{
    return deemed ? UKC_RECEIPT_DAY_OF_RECEIPT : p->working_days.receipt;
}

static ukc_status due_of(const ukc_policy *p, const ukc_timescale *t, int32_t n, ukc_date start,
                         bool deemed, ukc_date *out)
{
    const ukc_calendar *cal;
    ukc_status st;
    switch (t->unit) {
    case UKC_UNIT_WORKING_DAYS:
        if ((st = ukc_calendar_builtin(t->calendar, &cal)))
            return st;
        return ukc_calendar_deadline(cal, start, n, convention(p, t, deemed), out);
    case UKC_UNIT_CALENDAR_DAYS:
        return ukc_date_add_days(start, n, out);
    case UKC_UNIT_WEEKS:
        return ukc_date_add_weeks(start, n, out);
    case UKC_UNIT_MONTHS:
        return ukc_date_add_months(start, n, out);
    }
    return ukc__fail(UKC_ERR_INTERNAL, "unknown unit %d", (int)t->unit);
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
    ukc_status st = check_bound(time, which);
    if (st)
        return st;
    st = due_of(policy, time, bound_count(time, which), start, false, out);
    if (st)
        *out = 0;
    return st;
}

/* "20 working days from receipt (target); maximum 65 for more complex cases" */
static void describe(const ukc_timescale *t, ukc_bound which, char *buf, size_t size)
{
    int32_t n = bound_count(t, which);
    const char *unit = ukc__unit_names[t->unit];
    snprintf(buf, size, "%d %s from %s%s%s%s%s", (int)n, unit, ukc__event_names[t->from],
             which == UKC_BOUND_MAXIMUM ? (t->range ? " (upper end of the range)" : " (maximum)")
                                        : (t->maximum ? (t->range ? " (lower end of the range)"
                                                                  : " (target)")
                                                      : ""),
             which == UKC_BOUND_MAXIMUM && *t->maximum_condition ? ", for " : "",
             which == UKC_BOUND_MAXIMUM ? t->maximum_condition : "",
             t->recurring ? ", and at that interval after" : "");
}

static ukc_status rule_step(ukc_explanation *e, const char *rule, const ukc_timescale *t,
                            ukc_bound which, const ukc_citation *c)
{
    char when[256], source[2048], text[3072];
    describe(t, which, when, sizeof when);
    snprintf(source, sizeof source, "%s, \"%s\": \"%s\"", c->document, c->section, c->quote);
    snprintf(text, sizeof text, "Rule %s: %s. Source: %s.%s%s", rule, when, source,
             *t->note ? " Note: " : "", t->note);
    return ukc__explanation_insert(e, 0, UKC_E009_RULE_CITED, 0, rule, source, text);
}

/* An explanation of a count of calendar days, weeks or months. */
static ukc_status explain_plain(const ukc_timescale *t, int32_t n, ukc_date start, ukc_date due,
                                ukc_explanation **out)
{
    char iso[UKC_DATE_BUFSIZE], diso[UKC_DATE_BUFSIZE], text[512];
    ukc_status st;
    ukc_explanation *e = ukc__calloc(1, sizeof *e);
    if (!e)
        return ukc__fail(UKC_ERR_NO_MEMORY, "out of memory explaining a deadline");
    e->start = e->counted_from = start;
    e->due = due;
    e->days = n;
    e->receipt = UKC_RECEIPT_DAY_OF_RECEIPT;
    ukc__format_date(start, iso);
    ukc__format_date(due, diso);
    if (!(e->calendar = ukc__pool_strdup(&e->strings, ""))) {
        st = ukc__fail(UKC_ERR_NO_MEMORY, "out of memory explaining a deadline");
        goto fail;
    }
    snprintf(text, sizeof text, "Start: %s %s is day 0.",
             ukc_weekday_name((ukc_weekday)ukc__weekday(start)), iso);
    if ((st = ukc__explanation_insert(e, 0, UKC_E001_CLOCK_START, start, NULL, NULL, text)))
        goto fail;
    snprintf(text, sizeof text,
             "Due: %s %s, %d %s after %s; %s are counted whether working days or not%s.",
             ukc_weekday_name((ukc_weekday)ukc__weekday(due)), diso, (int)n,
             ukc__unit_names[t->unit], iso, ukc__unit_names[t->unit],
             t->unit == UKC_UNIT_MONTHS ? ", and a day missing from the later month is its last day"
                                        : "");
    if ((st = ukc__explanation_insert(e, e->nsteps, UKC_E007_DEADLINE_DUE, due, NULL, NULL, text)))
        goto fail;
    *out = e;
    return UKC_OK;
fail:
    ukc__explanation_destroy(e);
    return st;
}

static ukc_status explain(const ukc_policy *p, const char *rule, const ukc_timescale *t,
                          const ukc_citation *c, ukc_bound which, ukc_date start, bool deemed,
                          ukc_explanation **out)
{
    ukc_status st = check_bound(t, which);
    ukc_explanation *e = NULL;
    if (st)
        return st;
    int32_t n = bound_count(t, which);
    if (t->unit == UKC_UNIT_WORKING_DAYS) {
        const ukc_calendar *cal;
        if ((st = ukc_calendar_builtin(t->calendar, &cal)) ||
            (st = ukc__explain(cal, start, n, convention(p, t, deemed), &e)))
            return st;
    } else {
        ukc_date due;
        if ((st = due_of(p, t, n, start, deemed, &due)) ||
            (st = explain_plain(t, n, start, due, &e)))
            return st;
    }
    if ((st = rule_step(e, rule, t, which, c)) || (st = ukc__explanation_compact(e)) ||
        (st = ukc__explanation_render(e))) {
        ukc__explanation_destroy(e);
        return st;
    }
    *out = e;
    return UKC_OK;
}

ukc_status ukc_policy_explain_obligation(const ukc_policy *policy,
                                         const ukc_obligation *obligation, ukc_bound which,
                                         ukc_date start, ukc_explanation **out)
{
    ukc__error_reset();
    if (out)
        *out = NULL;
    if (!policy || !obligation || !out)
        return ukc__fail(UKC_ERR_INVALID_ARGUMENT, "%s is NULL",
                         !policy ? "policy" : !obligation ? "obligation" : "out");
    if (obligation < policy->obligations || obligation >= policy->obligations + policy->nobligations)
        return ukc__fail(UKC_ERR_INVALID_ARGUMENT, "the obligation does not belong to this policy");
    char rule[256];
    snprintf(rule, sizeof rule, "%s (%s)", obligation->id, obligation->text);
    return explain(policy, rule, &obligation->time, &obligation->citation, which, start, false,
                   out);
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
    return explain(policy, rule, &limit->time, &limit->citation, UKC_BOUND_TARGET, start, false,
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
        if (policy->deemed[i].method == method)
            d = &policy->deemed[i];
    if ((int)method < 0 || (int)method > UKC_DELIVERY_HAND)
        return ukc__fail(UKC_ERR_INVALID_ARGUMENT, "unknown delivery method %d", (int)method);
    if (!d)
        return ukc__fail(UKC_ERR_NOT_SET,
                         "%s's policy states no rule for when a response sent by %s is received",
                         policy->council, ukc__delivery_names[method]);
    char rule[128];
    snprintf(rule, sizeof rule, "deemed receipt (%s)", ukc__delivery_names[method]);
    return explain(policy, rule, &d->time, &d->citation, UKC_BOUND_TARGET, sent, true, out);
}

/* ---- Line and column of a JSON path --------------------------------------- */

typedef struct scan {
    const char *s;
    size_t i, len;
} scan;

static void ws(scan *sc)
{
    while (sc->i < sc->len && strchr(" \t\r\n", sc->s[sc->i]))
        sc->i++;
}

static void skip_string(scan *sc)
{
    sc->i++; /* opening quote */
    while (sc->i < sc->len && sc->s[sc->i] != '"')
        sc->i += sc->s[sc->i] == '\\' ? 2 : 1;
    sc->i++;
}

static void skip_value(scan *sc)
{
    ws(sc);
    if (sc->i >= sc->len)
        return;
    char ch = sc->s[sc->i];
    if (ch == '"') {
        skip_string(sc);
    } else if (ch == '{' || ch == '[') {
        int depth = 0;
        while (sc->i < sc->len) {
            ch = sc->s[sc->i];
            if (ch == '"') {
                skip_string(sc);
                continue;
            }
            if (ch == '{' || ch == '[')
                depth++;
            else if (ch == '}' || ch == ']')
                depth--;
            sc->i++;
            if (depth == 0)
                return;
        }
    } else {
        while (sc->i < sc->len && !strchr(",}] \t\r\n", sc->s[sc->i]))
            sc->i++;
    }
}

/* Move into the value of key (in an object at sc->i); false when absent. */
static bool enter_key(scan *sc, const char *key, size_t klen)
{
    ws(sc);
    if (sc->i >= sc->len || sc->s[sc->i] != '{')
        return false;
    sc->i++;
    for (;;) {
        ws(sc);
        if (sc->i >= sc->len || sc->s[sc->i] != '"')
            return false;
        size_t k0 = sc->i + 1;
        skip_string(sc);
        size_t k1 = sc->i - 1;
        ws(sc);
        sc->i++; /* colon */
        ws(sc);
        if (k1 - k0 == klen && memcmp(sc->s + k0, key, klen) == 0)
            return true;
        skip_value(sc);
        ws(sc);
        if (sc->i >= sc->len || sc->s[sc->i] != ',')
            return false;
        sc->i++;
    }
}

static bool enter_index(scan *sc, size_t index)
{
    ws(sc);
    if (sc->i >= sc->len || sc->s[sc->i] != '[')
        return false;
    sc->i++;
    for (size_t n = 0;; n++) {
        ws(sc);
        if (n == index)
            return sc->i < sc->len && sc->s[sc->i] != ']';
        skip_value(sc);
        ws(sc);
        if (sc->i >= sc->len || sc->s[sc->i] != ',')
            return false;
        sc->i++;
    }
}

void ukc__json_locate(const char *text, size_t len, const char *path, int32_t *line,
                      int32_t *column)
{
    scan sc = { text, 0, len };
    const char *p = path;
    *line = *column = 0;
    if (!text || *p != '$')
        return;
    p++;
    while (*p) {
        if (*p == '.') {
            size_t n = strcspn(p + 1, ".[");
            if (!enter_key(&sc, p + 1, n))
                break;
            p += 1 + n;
        } else if (*p == '[') {
            char *end;
            unsigned long idx = strtoul(p + 1, &end, 10);
            if (*end != ']' || !enter_index(&sc, idx))
                break;
            p = end + 1;
        } else {
            break;
        }
    }
    ws(&sc);
    if (sc.i > len)
        sc.i = len;
    int32_t l = 1, c = 1;
    for (size_t i = 0; i < sc.i; i++) {
        if (text[i] == '\n') {
            l++;
            c = 1;
        } else if (((unsigned char)text[i] & 0xC0) != 0x80) {
            c++;
        }
    }
    *line = l;
    *column = c;
}
