/* GOV.UK bank-holidays.json: reading the feed into a calendar builder. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar_internal.h"
#include "date_internal.h"
#include "error_internal.h"
#include "util.h"

/* Limits of a feed (docs/limits.md): events in a division, events on one
 * date (GOV.UK lists one; a date of two divisions' days merged is two), and the
 * bytes of one title. The names of one date are joined once, so a feed's
 * memory is bounded by its size. */
#define MAX_EVENTS 4096
#define MAX_PER_DATE 8
#define MAX_TITLE 256

typedef struct feed_event {
    ukc_date date;
    const char *title;
    bool substitute;
    size_t index; /* in the feed, for errors and a stable order */
} feed_event;

static ukc_status shape_error(const char *path, const char *what)
{
    ukc__fail(UKC_ERR_INVALID_DATA, "%s: %s", path, what);
    ukc__error_path(path);
    return UKC_ERR_INVALID_DATA;
}

/* Read one event into ev; path names it for errors. */
static ukc_status read_event(json_t *e, const char *path, feed_event *ev)
{
    char p[192];
    json_t *title = json_object_get(e, "title");
    json_t *date = json_object_get(e, "date");
    json_t *notes = json_object_get(e, "notes");

    if (!json_is_object(e))
        return shape_error(path, "an event must be an object");
    if (!json_is_string(title) || json_string_length(title) == 0) {
        snprintf(p, sizeof p, "%s.title", path);
        return shape_error(p, "an event needs a non-empty string title");
    }
    if (json_string_length(title) > MAX_TITLE || strlen(json_string_value(title)) > MAX_TITLE) {
        snprintf(p, sizeof p, "%s.title", path);
        ukc__fail(UKC_ERR_TOO_LONG, "%s: a title of %zu bytes; the limit is %d", p,
                  json_string_length(title), MAX_TITLE);
        ukc__error_path(p);
        return UKC_ERR_TOO_LONG;
    }
    snprintf(p, sizeof p, "%s.date", path);
    if (!json_is_string(date))
        return shape_error(p, "an event needs a date string YYYY-MM-DD");
    if (notes && !json_is_string(notes)) {
        snprintf(p, sizeof p, "%s.notes", path);
        return shape_error(p, "notes must be a string");
    }
    ukc_date d;
    ukc_status st = ukc_date_parse_n(json_string_value(date), json_string_length(date), &d);
    if (st) {
        ukc__fail(st == UKC_ERR_OUT_OF_RANGE ? UKC_ERR_OUT_OF_RANGE : UKC_ERR_INVALID_DATA,
                  "%s: '%s' is not a valid date YYYY-MM-DD", p, json_string_value(date));
        ukc__error_path(p);
        return ukc__error_status();
    }
    if (d < UKC_CALENDAR_FIRST || d > UKC_CALENDAR_LAST) {
        ukc__fail(UKC_ERR_OUT_OF_RANGE, "%s: %s is outside the calendars' range 1971..2199", p,
                  json_string_value(date));
        ukc__error_path(p);
        return UKC_ERR_OUT_OF_RANGE;
    }
    if (ukc__weekday(d) >= UKC_SATURDAY)
        return shape_error(p, "a bank holiday in the feed is always a weekday");
    ev->date = d;
    ev->title = json_string_value(title);
    ev->substitute = notes && strstr(json_string_value(notes), "ubstitute") != NULL;
    return UKC_OK;
}

static const ukc_rule_day *rule_at(const ukc_rule_day *days, size_t n, ukc_date d)
{
    for (size_t i = 0; i < n; i++)
        if (days[i].date == d)
            return &days[i];
    return NULL;
}

/* Add one feed event, its kind and source taken from the rule that gives the same date;
 * name is the titles of all the feed's events on that date. */
static ukc_status add_event(ukc_cal_builder *b, ukc_division div, const feed_event *ev,
                            const char *name, const char *origin)
{
    ukc_rule_day rules[UKC_RULES_MAX_PER_YEAR];
    size_t nr = ukc__rules_year(div, ukc__year_of(ev->date), rules);
    const ukc_rule_day *r = rule_at(rules, nr, ev->date);
    ukc_cal_day h = { ev->date, UKC_DAY_ONE_OFF, NULL, NULL, ukc__division_name(div), false };

    char source[512];
    if (r) {
        h.kind = ev->substitute ? UKC_DAY_SUBSTITUTE : r->kind;
        snprintf(source, sizeof source, "%s; listed by GOV.UK (%s)", r->source, origin);
    } else {
        h.kind = ev->substitute ? UKC_DAY_SUBSTITUTE : UKC_DAY_ONE_OFF;
        snprintf(source, sizeof source,
                 "listed by GOV.UK (%s); not given by the standing rules, so by proclamation",
                 origin);
    }
    h.source = ukc__pool_intern(&b->strings, source);
    h.name = ukc__pool_intern(&b->strings, name);
    if (!h.source || !h.name)
        return ukc__fail(UKC_ERR_NO_MEMORY, "out of memory reading the GOV.UK feed");
    return ukc__builder_add(b, &h);
}

static int by_date_then_index(const void *a, const void *b)
{
    const feed_event *x = a, *y = b;
    if (x->date != y->date)
        return (x->date > y->date) - (x->date < y->date);
    return (x->index > y->index) - (x->index < y->index);
}

/* Join the distinct titles of ev[0..n) (one date) with " / ", once. */
static void join_titles(const feed_event *ev, size_t n, char *out, size_t size)
{
    size_t len = 0;
    out[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        bool seen = false;
        for (size_t j = 0; j < i && !seen; j++)
            seen = strcmp(ev[i].title, ev[j].title) == 0;
        if (seen)
            continue;
        int w = snprintf(out + len, size - len, "%s%s", len ? " / " : "", ev[i].title);
        if (w > 0)
            len += (size_t)w;
    }
}

/* Add the events, sorted by date, with one entry per date. */
static ukc_status add_events(ukc_cal_builder *b, ukc_division div, feed_event *events, size_t n,
                             const char *path, const char *origin)
{
    char name[MAX_PER_DATE * (MAX_TITLE + 3) + 1];
    ukc_status st;
    for (size_t i = 0, j; i < n; i = j) {
        for (j = i + 1; j < n && events[j].date == events[i].date; j++)
            if (j - i == MAX_PER_DATE) {
                char p[128], day[UKC_DATE_BUFSIZE];
                snprintf(p, sizeof p, "%s[%zu]", path, events[j].index);
                ukc__format_date(events[j].date, day);
                ukc__fail(UKC_ERR_TOO_MANY, "%s: more than %d events on %s", p, MAX_PER_DATE,
                          day);
                ukc__error_path(p);
                return UKC_ERR_TOO_MANY;
            }
        join_titles(&events[i], j - i, name, sizeof name);
        if ((st = add_event(b, div, &events[i], name, origin)))
            return st;
    }
    return UKC_OK;
}

ukc_status ukc__builder_apply_feed(ukc_cal_builder *b, const char *json, size_t len,
                                   ukc_division div, const char *origin, int first_year,
                                   int last_year, int *max_year)
{
    json_t *root = NULL;
    feed_event *events = NULL;
    ukc_status st;
    size_t n = 0;
    char path[96];
    const char *divname = ukc__division_name(div);

    *max_year = 0;
    if ((st = ukc__json_parse(json, len, &root)))
        return st;
    if (!json_is_object(root)) {
        st = shape_error("$", "the feed must be a JSON object of divisions");
        goto done;
    }
    json_t *division = json_object_get(root, divname);
    if (!division) {
        st = ukc__fail(UKC_ERR_NOT_FOUND, "the feed has no division '%s'", divname);
        ukc__error_path("$");
        goto done;
    }
    snprintf(path, sizeof path, "$.%s.events", divname);
    json_t *list = json_object_get(division, "events");
    if (!json_is_object(division) || !json_is_array(list)) {
        st = shape_error(path, "a division needs an events array");
        goto done;
    }
    if (json_array_size(list) > MAX_EVENTS) {
        st = ukc__fail(UKC_ERR_TOO_MANY, "%s: more than %d events", path, MAX_EVENTS);
        ukc__error_path(path);
        goto done;
    }
    events = ukc__calloc(json_array_size(list) + 1, sizeof *events);
    if (!events) {
        st = ukc__fail(UKC_ERR_NO_MEMORY, "out of memory reading the GOV.UK feed");
        goto done;
    }
    for (size_t i = 0; i < json_array_size(list); i++) {
        char epath[128];
        snprintf(epath, sizeof epath, "%s[%zu]", path, i);
        if ((st = read_event(json_array_get(list, i), epath, &events[n])))
            goto done;
        events[n].index = i;
        int y = ukc__year_of(events[n].date);
        if (y >= first_year && y <= last_year)
            n++;
    }
    if (n > 1)
        qsort(events, n, sizeof *events, by_date_then_index);
    /* Every year the feed lists is replaced by the feed's own list. */
    for (size_t i = 0; i < n; i++) {
        int y = ukc__year_of(events[i].date);
        if (y > *max_year)
            *max_year = y;
        if (i == 0 || ukc__year_of(events[i - 1].date) != y)
            ukc__builder_drop_year(b, y);
    }
    st = add_events(b, div, events, n, path, origin);
done:
    ukc__free(events);
    json_decref(root);
    return st;
}
