/* Explanations of deadlines: every step from the start to the due date. */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "date_internal.h"
#include "error_internal.h"
#include "explain_internal.h"
#include "ids_internal.h"
#include "util.h"

#define MAX_EXPLAINED_DAYS 10000

static ukc_status oom(void)
{
    return ukc__fail(UKC_ERR_NO_MEMORY, "out of memory explaining a deadline");
}

/* "Saturday 2024-03-02" into buf (at least 32 bytes); its length. Put
 * together without a format: a deadline explains each weekend it skips. */
static size_t long_date(ukc_date d, char *buf, size_t size)
{
    char iso[UKC_DATE_BUFSIZE];
    const char *day = ukc_weekday_name((ukc_weekday)ukc__weekday(d));
    size_t nd = strlen(day), ni;
    ukc__format_date(d, iso);
    ni = strlen(iso);
    if (nd + 1 + ni >= size) { /* cannot happen with the callers' buffers */
        snprintf(buf, size, "%s %s", day, iso);
        return strlen(buf);
    }
    memcpy(buf, day, nd);
    buf[nd] = ' ';
    memcpy(buf + nd + 1, iso, ni + 1);
    return nd + 1 + ni;
}

char *ukc__text_room(ukc_text_block **blocks, size_t n, size_t min)
{
    ukc_text_block *b = *blocks;
    if (!b || b->cap - b->len < n) {
        size_t cap = n > min ? n : min;
        if (cap > SIZE_MAX - sizeof *b || !(b = ukc__malloc(sizeof *b + cap)))
            return NULL;
        b->next = *blocks;
        b->len = 0;
        b->cap = cap;
        *blocks = b;
    }
    char *room = b->s + b->len;
    b->len += n;
    return room;
}

void ukc__text_free(ukc_text_block *blocks)
{
    for (ukc_text_block *b = blocks, *next; b; b = next) {
        next = b->next;
        ukc__free(b);
    }
}

/* A copy of s kept by the explanation; NULL when out of memory. */
static const char *keep_text(ukc_explanation *e, const char *s)
{
    size_t n = strlen(s) + 1;
    char *copy = ukc__text_room(&e->texts, n, 2048);
    return copy ? memcpy(copy, s, n) : NULL;
}

ukc_status ukc__explanation_insert(ukc_explanation *e, size_t pos, ukc_id id, ukc_date date,
                                   const char *name, const char *source, const char *text)
{
    const ukc_id_entry *entry = ukc__id_lookup(id);
    if (!entry)
        return ukc__fail(UKC_ERR_INTERNAL, "unknown explanation step id %d", (int)id);
    if (!ukc__grow((void **)&e->steps, &e->cap, e->nsteps + 1, sizeof *e->steps, 32))
        return oom();
    ukc_step s = { .size = sizeof s, .id = id, .date = date, .code = entry->code,
                   .slug = entry->slug, .day_kind = UKC_DAY_WORKING, .name = "", .source = "",
                   .text = "" };
    if ((name && *name && !(s.name = keep_text(e, name))) ||
        (source && *source && !(s.source = keep_text(e, source))) ||
        !(s.text = keep_text(e, text)))
        return oom();
    if (pos > e->nsteps)
        pos = e->nsteps;
    memmove(&e->steps[pos + 1], &e->steps[pos], (e->nsteps - pos) * sizeof *e->steps);
    e->steps[pos] = s;
    e->nsteps++;
    return UKC_OK;
}

/* Append a step about a calendar day (counted or skipped). */
static ukc_status day_step(ukc_explanation *e, const ukc_calendar *cal, ukc_date d,
                           int32_t number)
{
    char when[40], text[1024];
    ukc_cal_day h;
    ukc_id id;

    ukc__cal_describe(cal, d, &h);
    size_t nwhen = long_date(d, when, sizeof when);
    if (h.kind == UKC_DAY_WORKING) {
        id = UKC_E004_WORKING_DAY_COUNTED;
        snprintf(text, sizeof text, "Working day %d: %s.", (int)number, when);
    } else if (h.kind == UKC_DAY_WEEKEND) {
        /* "Skipped %s: weekend.", the commonest step of a compact explanation */
        id = UKC_E005_WEEKEND_SKIPPED;
        memcpy(text, "Skipped ", 8);
        memcpy(text + 8, when, nwhen);
        memcpy(text + 8 + nwhen, ": weekend.", sizeof ": weekend.");
    } else {
        id = UKC_E006_HOLIDAY_SKIPPED;
        snprintf(text, sizeof text, "Skipped %s: %s (%s; %s)%s.", when, h.name,
                 ukc_day_kind_name(h.kind), h.source, h.projected ? ", projected by rule" : "");
    }
    ukc_status st = ukc__explanation_insert(e, e->nsteps, id, d, h.name, h.source, text);
    if (st)
        return st;
    ukc_step *s = &e->steps[e->nsteps - 1];
    s->number = h.kind == UKC_DAY_WORKING ? number : 0;
    s->day_kind = h.kind;
    s->projected = h.projected;
    return UKC_OK;
}

/* The steps from the start to the due date. Without full, the working days
 * counted are only counted: the compact form never has them, so they are
 * never built. */
static ukc_status explain_steps(ukc_explanation *e, const ukc_calendar *cal, bool full)
{
    char when[40], from[40], text[512];
    ukc_status st;
    bool start_works = ukc__cal_working(cal, (uint32_t)(e->start - UKC_CALENDAR_FIRST));

    ukc_cal_day h;
    ukc__cal_describe(cal, e->start, &h);
    long_date(e->start, when, sizeof when);
    if (start_works)
        snprintf(text, sizeof text, "Start: %s is day 0.", when);
    else if (h.kind == UKC_DAY_WEEKEND)
        snprintf(text, sizeof text, "Start: %s is day 0, though not a working day (weekend).",
                 when);
    else
        snprintf(text, sizeof text, "Start: %s is day 0, though not a working day (%s; %s; %s).",
                 when, h.name, ukc_day_kind_name(h.kind), h.source);
    if ((st = ukc__explanation_insert(e, e->nsteps, UKC_E001_CLOCK_START, e->start, h.name,
                                      h.source, text)))
        return st;
    /* The start day as it is: a Saturday start is a weekend day, not a working one. */
    e->steps[e->nsteps - 1].day_kind = h.kind;
    e->steps[e->nsteps - 1].projected = h.projected;
    if (e->receipt == UKC_RECEIPT_DAY_OF_RECEIPT) {
        snprintf(text, sizeof text,
                 "Convention day-of-receipt: counting starts from %s, working day or not.", when);
        st = ukc__explanation_insert(e, e->nsteps, UKC_E002_COUNT_FROM_RECEIPT, e->start, NULL,
                                     NULL, text);
    } else {
        long_date(e->counted_from, from, sizeof from);
        if (start_works)
            snprintf(text, sizeof text,
                     "Convention next-working-day: %s is a working day, so counting starts "
                     "from it.",
                     when);
        else
            snprintf(text, sizeof text,
                     "Convention next-working-day: %s is not a working day, so the receipt is "
                     "deemed to be on %s and counting starts from there.",
                     when, from);
        st = ukc__explanation_insert(e, e->nsteps, UKC_E003_DEEMED_NEXT_WORKING_DAY,
                                     e->counted_from, NULL, NULL, text);
    }
    if (st)
        return st;
    if (e->receipt == UKC_RECEIPT_DAY_OF_RECEIPT) /* about the start; E003 is about a working day */
        e->steps[e->nsteps - 1].day_kind = h.kind;
    /* Days between receipt and the deemed receipt are skipped, then each day counted. */
    int32_t number = 0;
    for (ukc_date d = e->start + 1; d <= e->due; d++) {
        bool works = ukc__cal_working(cal, (uint32_t)(d - UKC_CALENDAR_FIRST));
        if (ukc__year_of(d) > cal->published_until)
            e->projected = true;
        if (works && d > e->counted_from)
            number++;
        if (d == e->counted_from)
            continue; /* the deemed day of receipt: day 0, stated by the convention step */
        if (works && !full)
            continue; /* UKC-E004, which only the full form keeps */
        if ((st = day_step(e, cal, d, number)))
            return st;
    }
    return UKC_OK;
}

ukc_status ukc__explain(const ukc_calendar *cal, ukc_date start, int32_t n, ukc_receipt receipt,
                        bool full, ukc_explanation **out)
{
    ukc_status st;
    ukc_date from = start, due;

    *out = NULL;
    if (n < 0 || n > MAX_EXPLAINED_DAYS)
        return ukc__fail(UKC_ERR_INVALID_ARGUMENT, "an explained deadline takes 0..%d days, not %d",
                         MAX_EXPLAINED_DAYS, (int)n);
    if (receipt != UKC_RECEIPT_DAY_OF_RECEIPT && receipt != UKC_RECEIPT_NEXT_WORKING_DAY)
        return ukc__fail(UKC_ERR_INVALID_ARGUMENT, "unknown receipt convention %d", (int)receipt);
    if ((st = ukc_calendar_next_working_day(cal, start, &from)))
        return st;
    if (receipt == UKC_RECEIPT_DAY_OF_RECEIPT)
        from = start;
    if ((st = ukc_calendar_add_working_days(cal, from, n, &due)))
        return st;

    ukc_explanation *e = ukc__calloc(1, sizeof *e);
    if (!e)
        return oom();
    e->start = start;
    e->counted_from = from;
    e->due = due;
    e->days = n;
    e->receipt = receipt;
    e->projected = ukc__year_of(start) > cal->published_until;
    if (!(e->calendar = ukc__pool_strdup(&e->strings, cal->name))) {
        st = oom();
        goto fail;
    }
    if ((st = explain_steps(e, cal, full)))
        goto fail;

    char when[40], text[512];
    long_date(due, when, sizeof when);
    char iso[UKC_DATE_BUFSIZE];
    ukc__format_date(from, iso);
    snprintf(text, sizeof text, "Due: %s, working day %d after %s on the %s calendar.", when,
             (int)n, iso, cal->name);
    if ((st = ukc__explanation_insert(e, e->nsteps, UKC_E007_DEADLINE_DUE, due, NULL, NULL, text)))
        goto fail;
    if (e->projected) {
        snprintf(text, sizeof text,
                 "Projected: this answer depends on days after %d, the last year of the "
                 "published list; they come from the rules, and a new proclamation could "
                 "change them.",
                 cal->published_until);
        if ((st = ukc__explanation_insert(e, e->nsteps, UKC_E008_PROJECTED_DAYS, 0, NULL, NULL,
                                          text)))
            goto fail;
    }
    *out = e;
    return UKC_OK;
fail:
    ukc__explanation_destroy(e);
    return st;
}

ukc_status ukc__explanation_compact(ukc_explanation *e)
{
    size_t kept = 0;
    for (size_t i = 0; i < e->nsteps; i++)
        if (e->steps[i].id != UKC_E004_WORKING_DAY_COUNTED)
            e->steps[kept++] = e->steps[i];
    if (kept == e->nsteps)
        return UKC_OK;
    e->nsteps = kept;
    return ukc__explanation_render(e);
}

ukc_status ukc_calendar_explain_deadline_ex(const ukc_calendar *cal, ukc_date start, int32_t n,
                                            ukc_receipt receipt, unsigned flags,
                                            ukc_explanation **out)
{
    ukc__error_reset();
    if (out)
        *out = NULL;
    if (!cal || !out)
        return ukc__fail(UKC_ERR_INVALID_ARGUMENT, "%s is NULL", cal ? "out" : "cal");
    if (flags & ~UKC_EXPLAIN_FULL)
        return ukc__fail(UKC_ERR_INVALID_ARGUMENT, "unknown flags %#x", flags);
    ukc_status st = ukc__explain(cal, start, n, receipt, (flags & UKC_EXPLAIN_FULL) != 0, out);
    if (!st && (st = ukc__explanation_render(*out))) {
        ukc__explanation_destroy(*out);
        *out = NULL;
    }
    return st;
}

ukc_status ukc_calendar_explain_deadline(const ukc_calendar *cal, ukc_date start, int32_t n,
                                         ukc_receipt receipt, ukc_explanation **out)
{
    ukc__error_reset();
    return ukc_calendar_explain_deadline_ex(cal, start, n, receipt, 0, out);
}

ukc_status ukc__explanation_render(ukc_explanation *e)
{
    /* "CODE TEXT\n" for each step, put together without a format. */
    size_t len = 1;
    for (size_t i = 0; i < e->nsteps; i++)
        len += strlen(e->steps[i].code) + 1 + strlen(e->steps[i].text) + 1;
    char *text = ukc__malloc(len), *p = text;
    if (!text)
        return oom();
    for (size_t i = 0; i < e->nsteps; i++) {
        size_t nc = strlen(e->steps[i].code), nt = strlen(e->steps[i].text);
        memcpy(p, e->steps[i].code, nc);
        p[nc] = ' ';
        memcpy(p + nc + 1, e->steps[i].text, nt);
        p[nc + 1 + nt] = '\n';
        p += nc + nt + 2;
    }
    *p = '\0';
    ukc__free(e->text);
    e->text = text;
    return UKC_OK;
}

void ukc__explanation_destroy(ukc_explanation *e)
{
    if (!e)
        return;
    ukc__free(e->steps);
    ukc__free(e->text);
    ukc__pool_free(&e->strings);
    ukc__text_free(e->texts);
    ukc__free(e);
}

void ukc_explanation_free(ukc_explanation *e)
{
    ukc__error_reset();
    ukc__explanation_destroy(e);
}

size_t ukc_explanation_step_count(const ukc_explanation *e)
{
    ukc__error_reset();
    return e ? e->nsteps : 0;
}

const ukc_step *ukc_explanation_step(const ukc_explanation *e, size_t i)
{
    ukc__error_reset();
    return e && i < e->nsteps ? &e->steps[i] : NULL;
}

ukc_date ukc_explanation_due(const ukc_explanation *e)
{
    ukc__error_reset();
    return e ? e->due : 0;
}

ukc_date ukc_explanation_start(const ukc_explanation *e)
{
    ukc__error_reset();
    return e ? e->start : 0;
}

ukc_date ukc_explanation_counted_from(const ukc_explanation *e)
{
    ukc__error_reset();
    return e ? e->counted_from : 0;
}

int32_t ukc_explanation_days(const ukc_explanation *e)
{
    ukc__error_reset();
    return e ? e->days : 0;
}

ukc_receipt ukc_explanation_receipt(const ukc_explanation *e)
{
    ukc__error_reset();
    return e ? e->receipt : UKC_RECEIPT_DAY_OF_RECEIPT;
}

bool ukc_explanation_projected(const ukc_explanation *e)
{
    ukc__error_reset();
    return e ? e->projected : false;
}

const char *ukc_explanation_calendar(const ukc_explanation *e)
{
    ukc__error_reset();
    return e ? e->calendar : "";
}

const char *ukc_explanation_text(const ukc_explanation *e)
{
    ukc__error_reset();
    return e && e->text ? e->text : "";
}

static json_t *date_json(ukc_date d)
{
    char iso[UKC_DATE_BUFSIZE];
    if (d == 0)
        return json_null();
    ukc__format_date(d, iso);
    return json_string(iso);
}

ukc_status ukc_explanation_to_json(const ukc_explanation *e, char **out)
{
    ukc__error_reset();
    if (out)
        *out = NULL;
    if (!e || !out)
        return ukc__fail(UKC_ERR_INVALID_ARGUMENT, "a NULL argument");
    json_t *steps = json_array();
    json_t *root = json_pack("{s:o, s:o, s:i, s:s, s:s, s:o, s:b, s:o}", "start",
                             date_json(e->start), "counted_from", date_json(e->counted_from),
                             "days", (json_int_t)e->days, "receipt", ukc_receipt_name(e->receipt),
                             "calendar", e->calendar, "due", date_json(e->due), "projected",
                             e->projected, "steps", steps ? json_incref(steps) : json_null());
    bool ok = root && steps;
    for (size_t i = 0; ok && i < e->nsteps; i++) {
        const ukc_step *s = &e->steps[i];
        json_t *j = json_pack("{s:s, s:s, s:o, s:i, s:s, s:s, s:s, s:b, s:s}", "id", s->code,
                              "slug", s->slug, "date", date_json(s->date), "number",
                              (json_int_t)s->number, "kind", ukc_day_kind_name(s->day_kind),
                              "name", s->name, "source", s->source, "projected", s->projected,
                              "text", s->text);
        ok = j && json_array_append_new(steps, j) == 0;
    }
    char *text = ok ? ukc__json_dump(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER, NULL) : NULL;
    json_decref(steps);
    json_decref(root);
    if (!text)
        return oom();
    *out = text;
    return UKC_OK;
}
