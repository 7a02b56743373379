/* The explanation of one obligation of a case: how its due date was worked
 * out, with the rule, the deemed receipt, an extension and a suspension
 * that moved it, each with its source. */
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "case_internal.h"
#include "date_internal.h"
#include "error_internal.h"
#include "explain_internal.h"
#include "policy_internal.h"
#include "util.h"

static void long_date(ukc_date d, char *buf, size_t size)
{
    char iso[UKC_DATE_BUFSIZE];
    ukc__format_date(d, iso);
    snprintf(buf, size, "%s %s", ukc_weekday_name((ukc_weekday)ukc__weekday(d)), iso);
}

static void cite_text(const ukc_citation *c, char *buf, size_t size)
{
    snprintf(buf, size, "%s, \"%s\": \"%s\" (%s)", c->document, c->section, c->quote,
             ukc_source_quality_name(c->source));
}

/* Insert a rule step (E009) at *pos, and after it the quality of a citation
 * that is not primary (E010); *pos moves past them. */
static ukc_status rule_step(ukc_explanation *e, size_t *pos, const char *name,
                            const ukc_citation *c, const char *fmt, ...) UKC_PRINTF(5, 6);
static ukc_status rule_step(ukc_explanation *e, size_t *pos, const char *name,
                            const ukc_citation *c, const char *fmt, ...)
{
    char source[2048], text[3584], body[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(body, sizeof body, fmt, ap);
    va_end(ap);
    if (c && *c->document) {
        cite_text(c, source, sizeof source);
        snprintf(text, sizeof text, "%s Source: %s.", body, source);
    } else {
        source[0] = '\0';
        snprintf(text, sizeof text, "%s", body);
    }
    ukc_status st = ukc__explanation_insert(e, (*pos)++, UKC_E009_RULE_CITED, 0, name, source,
                                            text);
    if (st || !c || !*c->document || c->source == UKC_SOURCE_PRIMARY)
        return st;
    snprintf(text, sizeof text, "This rests on %s text, not the issuing body's own: %s.",
             ukc_source_quality_name(c->source), source);
    return ukc__explanation_insert(e, (*pos)++, UKC_E010_SOURCE_NOT_PRIMARY, 0,
                                   ukc_source_quality_name(c->source), source, text);
}

ukc_status ukc__obligation_explain(const ukc_case *c, const ukc_item_in *in, const ukc_computed *k,
                                   bool full, ukc_explanation **out)
{
    const ukc_timescale *t = in->time;
    ukc_receipt receipt = in->party == UKC_PARTY_CUSTOMER || in->deemed || k->restarted
                              ? UKC_RECEIPT_DAY_OF_RECEIPT
                              : ukc__case_receipt(c);
    ukc_explanation *e = NULL;
    ukc_status st;
    char a[40], b[40], what[512];
    *out = NULL;
    const char *unit = ukc__unit_names[t->unit];
    ukc__deadline d = { c->policy, t, k->n + k->added, k->start, receipt, NULL, full };
    if (strcmp(t->calendar, ukc_policy_working_days(c->policy)->calendar) == 0)
        d.cal = c->cal;
    if (t->unit != UKC_UNIT_WORKING_DAYS)
        d.n = k->n; /* pauses of other units moved the due date by calendar days */
    snprintf(what, sizeof what, "%d %s from %s%s%s%s", (int)(in->bound == UKC_BOUND_MAXIMUM ? t->maximum : t->count),
             unit, ukc__clock_event_names[t->from],
             in->bound == UKC_BOUND_MAXIMUM ? " (maximum" : "",
             in->bound == UKC_BOUND_MAXIMUM && *t->maximum_condition ? ", for " : "",
             in->bound == UKC_BOUND_MAXIMUM ? t->maximum_condition : "");
    if (in->bound == UKC_BOUND_MAXIMUM)
        strncat(what, ")", sizeof what - strlen(what) - 1);
    char rule[512];
    snprintf(rule, sizeof rule, "%s (%s)", in->rule, in->text);
    if ((st = ukc__deadline_explain(&d, rule, in->citation, what, &e)))
        return st;
    if (t->unit != UKC_UNIT_WORKING_DAYS && e->due != k->due) {
        e->due = k->due; /* moved by a pause of calendar days; the suspension step says so */
    }
    size_t pos = 1 + (in->citation->source != UKC_SOURCE_PRIMARY);
    if (t->unit_unclear &&
        (st = rule_step(e, &pos, NULL, NULL, "The source leaves the unit unclear; it is kept as "
                                              "%s.",
                        unit)))
        goto fail;
    if (in->deemed || in->party == UKC_PARTY_CUSTOMER) {
        long_date(in->sent, a, sizeof a);
        long_date(in->start, b, sizeof b);
        if (in->deemed)
            st = rule_step(e, &pos, "deemed receipt", in->deemed->citation,
                           "The response was sent by %s on %s and is deemed received on %s "
                           "(%d %s after sending).",
                           ukc__delivery_names[in->delivery], a, b, (int)in->deemed->time->count,
                           ukc__unit_names[in->deemed->time->unit]);
        else
            st = rule_step(e, &pos, "deemed receipt", NULL,
                           "The response was sent by %s on %s; the policy states no deemed "
                           "receipt for that method, so the day it was sent is used.",
                           ukc__delivery_names[in->delivery], a);
        if (st)
            goto fail;
    }
    if (in->bound == UKC_BOUND_TARGET && in->extended_to) {
        long_date(in->extended_on, a, sizeof a);
        if ((st = rule_step(e, &pos, "extension", in->extend_citation,
                            "Extended on %s from %d to %d %s%s%s.%s%s", a, (int)t->count,
                            (int)in->extended_to, unit, in->extend_reason ? ": " : "",
                            in->extend_reason ? in->extend_reason : "",
                            t->maximum > 0 && *t->maximum_condition ? " The maximum is for " : "",
                            t->maximum > 0 ? t->maximum_condition : "")))
            goto fail;
    }
    if (k->added || k->restarted || k->suspended || k->withdrawn) {
        long_date(k->restarted, a, sizeof a);
        if (c->mode == UKC_SUSPENSION_RESTART)
            st = rule_step(e, &pos, "suspension", NULL,
                           "The clock was stopped while the case was suspended (or withdrawn "
                           "and re-opened) and, under the case's suspension option 'restart', "
                           "started again from day 0 on %s%s.",
                           a, k->suspended ? " (still suspended: counted as if resumed today)" : "");
        else
            st = rule_step(e, &pos, "suspension", NULL,
                           "The clock was stopped while the case was suspended (or withdrawn "
                           "and re-opened): %d %s added back under the case's suspension option "
                           "'pause'%s. The policy's source does not say what suspension does to "
                           "a clock; pausing is the library's default because it keeps the "
                           "time the policy gives, neither shortening nor lengthening it.",
                           (int)k->added, unit,
                           k->suspended ? " (still suspended: counted up to the list's date)" : "");
        if (st)
            goto fail;
    }
    if ((st = ukc__explanation_render(e)))
        goto fail;
    *out = e;
    return UKC_OK;
fail:
    ukc__explanation_destroy(e);
    return st;
}
