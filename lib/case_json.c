/* Saving a case as JSON and restoring it by replaying its events. */
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "case_internal.h"
#include "date_internal.h"
#include "error_internal.h"
#include "policy_internal.h"
#include "util.h"

/* ---- Saving ---------------------------------------------------------------------- */

static int set_str(json_t *o, const char *key, const char *s)
{
    return json_object_set_new(o, key, json_string(s));
}

static int set_date(json_t *o, const char *key, ukc_date d)
{
    char iso[UKC_DATE_BUFSIZE];
    ukc__format_date(d, iso);
    return set_str(o, key, iso);
}

static json_t *event_json(const ukc_case_event *e)
{
    json_t *o = ukc__json_object();
    int bad = !o;
    if (!bad)
        bad = set_str(o, "event", ukc__event_kind_names[e->kind]) || set_date(o, "date", e->date);
    if (!bad && e->has_delivery)
        bad = set_str(o, "delivery", ukc__delivery_names[e->delivery]);
    const struct {
        const char *key, *value;
    } strs[] = { { "reasons", e->reasons }, { "ground", e->ground }, { "method", e->method },
                 { "body", e->body },       { "note", e->note } };
    for (size_t i = 0; !bad && i < sizeof strs / sizeof strs[0]; i++)
        if (strs[i].value && *strs[i].value)
            bad = set_str(o, strs[i].key, strs[i].value);
    if (!bad && e->days)
        bad = json_object_set_new(o, "days", json_integer(e->days));
    if (bad) {
        json_decref(o);
        return NULL;
    }
    return o;
}

ukc_status ukc_case_to_json(const ukc_case *c, char **out)
{
    ukc__error_reset();
    if (out)
        *out = NULL;
    if (!c || !out)
        return ukc__fail(UKC_ERR_INVALID_ARGUMENT, "%s is NULL", c ? "out" : "case");
    json_t *root = ukc__json_object(), *events = json_array();
    int bad = !root || !events;
    if (!bad)
        bad = json_object_set_new(root, "format", json_integer(UKC_CASE_FORMAT)) ||
              set_str(root, "policy", c->policy->id) ||
              set_str(root, "procedure", c->proc ? c->proc->id : "") ||
              set_str(root, "kind", c->kind->id) || set_date(root, "received", c->received) ||
              set_str(root, "channel", c->channel) ||
              set_str(root, "suspension", ukc_suspension_name(c->mode));
    for (size_t i = 0; !bad && i < c->nevents; i++) {
        json_t *e = event_json(&c->events[i]);
        bad = !e || json_array_append_new(events, e);
    }
    if (!bad) {
        bad = json_object_set_new(root, "events", events);
        events = NULL;
    }
    *out = bad ? NULL : ukc__json_dump(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER, "\n");
    json_decref(root);
    json_decref(events);
    if (!*out)
        return ukc__fail(UKC_ERR_NO_MEMORY, "out of memory saving a case");
    return UKC_OK;
}

/* ---- Restoring ------------------------------------------------------------------- */

typedef struct reader {
    const char *text;
    size_t len;
} reader;

/* Fail with a path and the line and column of the value there. */
static ukc_status bad_at(const reader *r, ukc_status st, const char *path, const char *fmt, ...)
    UKC_PRINTF(4, 5);
static ukc_status bad_at(const reader *r, ukc_status st, const char *path, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    int32_t line, col;
    ukc__json_locate(r->text, r->len, path, &line, &col);
    ukc__fail(st, "%s: %s", path, msg);
    ukc__error_path(path);
    ukc__error_position(line, col, -1);
    return st;
}

static ukc_status check_keys(const reader *r, const json_t *obj, const char *path,
                             const char *const *keys)
{
    const char *key;
    const json_t *v;
    json_object_foreach((json_t *)obj, key, v)
    {
        bool known = false;
        for (size_t i = 0; keys[i] && !known; i++)
            known = strcmp(keys[i], key) == 0;
        if (!known) {
            char p[256];
            snprintf(p, sizeof p, "%s.%s", path, key);
            return bad_at(r, UKC_ERR_INVALID_DATA, p, "unknown key '%s'", key);
        }
    }
    return UKC_OK;
}

/* A string member; required ones must be present. NULL out for an absent optional one. */
static ukc_status get_str(const reader *r, const json_t *obj, const char *path, const char *key,
                          bool required, const char **out)
{
    char p[256];
    const json_t *v = json_object_get(obj, key);
    *out = NULL;
    snprintf(p, sizeof p, "%s.%s", path, key);
    if (!v) {
        if (required)
            return bad_at(r, UKC_ERR_INVALID_DATA, path, "the required key '%s' is missing", key);
        return UKC_OK;
    }
    if (!json_is_string(v))
        return bad_at(r, UKC_ERR_INVALID_DATA, p, "'%s' must be a string", key);
    *out = json_string_value(v);
    return UKC_OK;
}

static ukc_status get_date(const reader *r, const json_t *obj, const char *path, const char *key,
                           ukc_date *out)
{
    const char *s;
    char p[256];
    ukc_status st = get_str(r, obj, path, key, true, &s);
    if (st)
        return st;
    snprintf(p, sizeof p, "%s.%s", path, key);
    if (ukc_date_parse(s, out))
        return bad_at(r, UKC_ERR_INVALID_DATA, p, "'%s' is not a date (YYYY-MM-DD)", s);
    return UKC_OK;
}

static ukc_status read_event(const reader *r, const json_t *o, const char *path,
                             ukc_case_event *ev)
{
    static const char *const keys[] = { "event", "date",   "delivery", "reasons", "ground",
                                        "method", "body",  "days",     "note",    NULL };
    const char *kind, *delivery;
    char p[256];
    ukc_status st;
    ukc_case_event init = UKC_CASE_EVENT_INIT;
    *ev = init;
    if (!json_is_object(o))
        return bad_at(r, UKC_ERR_INVALID_DATA, path, "an event must be an object");
    if ((st = check_keys(r, o, path, keys)) || (st = get_str(r, o, path, "event", true, &kind)))
        return st;
    int k = ukc__name_index(ukc__event_kind_names, kind);
    snprintf(p, sizeof p, "%s.event", path);
    if (k < 0)
        return bad_at(r, UKC_ERR_INVALID_DATA, p, "unknown event '%s'", kind);
    ev->kind = (ukc_event_kind)k;
    if ((st = get_date(r, o, path, "date", &ev->date)) ||
        (st = get_str(r, o, path, "delivery", false, &delivery)) ||
        (st = get_str(r, o, path, "reasons", false, &ev->reasons)) ||
        (st = get_str(r, o, path, "ground", false, &ev->ground)) ||
        (st = get_str(r, o, path, "method", false, &ev->method)) ||
        (st = get_str(r, o, path, "body", false, &ev->body)) ||
        (st = get_str(r, o, path, "note", false, &ev->note)))
        return st;
    if (delivery) {
        int m = ukc__name_index(ukc__delivery_names, delivery);
        snprintf(p, sizeof p, "%s.delivery", path);
        if (m < 0)
            return bad_at(r, UKC_ERR_INVALID_DATA, p, "unknown delivery method '%s'", delivery);
        ev->has_delivery = true;
        ev->delivery = (ukc_delivery)m;
    }
    const json_t *days = json_object_get(o, "days");
    if (days) {
        snprintf(p, sizeof p, "%s.days", path);
        if (!json_is_integer(days) || json_integer_value(days) < 1 ||
            json_integer_value(days) > 10000)
            return bad_at(r, UKC_ERR_INVALID_DATA, p, "'days' must be a whole number 1..10000");
        ev->days = (int32_t)json_integer_value(days);
    }
    return UKC_OK;
}

static ukc_status restore(const reader *r, const ukc_policy *policy, const json_t *root,
                          ukc_case **out)
{
    static const char *const keys[] = { "format",  "policy",     "procedure", "kind", "received",
                                        "channel", "suspension", "events",    NULL };
    const char *pid, *proc, *kind, *channel, *mode;
    ukc_date received;
    ukc_status st;
    ukc_case_options opts = UKC_CASE_OPTIONS_INIT;
    if (!json_is_object(root))
        return bad_at(r, UKC_ERR_INVALID_DATA, "$", "a case must be a JSON object");
    if ((st = check_keys(r, root, "$", keys)))
        return st;
    const json_t *format = json_object_get(root, "format");
    if (!format)
        return bad_at(r, UKC_ERR_INVALID_DATA, "$", "the required key 'format' is missing");
    if (!json_is_integer(format) || json_integer_value(format) != UKC_CASE_FORMAT)
        return bad_at(r, UKC_ERR_VERSION, "$.format", "case format must be %d", UKC_CASE_FORMAT);
    if ((st = get_str(r, root, "$", "policy", true, &pid)) ||
        (st = get_str(r, root, "$", "procedure", true, &proc)) ||
        (st = get_str(r, root, "$", "kind", true, &kind)) ||
        (st = get_date(r, root, "$", "received", &received)) ||
        (st = get_str(r, root, "$", "channel", false, &channel)) ||
        (st = get_str(r, root, "$", "suspension", false, &mode)))
        return st;
    if (strcmp(pid, policy->id) != 0)
        return bad_at(r, UKC_ERR_INVALID_DATA, "$.policy",
                      "the case was saved under the policy '%s', not '%s'", pid, policy->id);
    if (mode) {
        int m = ukc__name_index((const char *const[]){ "pause", "restart", NULL }, mode);
        if (m < 0)
            return bad_at(r, UKC_ERR_INVALID_DATA, "$.suspension",
                          "unknown suspension option '%s'", mode);
        opts.suspension = (ukc_suspension)m;
    }
    const json_t *events = json_object_get(root, "events");
    if (!json_is_array(events))
        return bad_at(r, UKC_ERR_INVALID_DATA, events ? "$.events" : "$",
                      "'events' must be an array");
    ukc_case *c;
    if ((st = ukc__case_open(policy, proc, kind, received, channel, &opts, &c))) {
        const char *path = st == UKC_ERR_NOT_SET && !*proc ? "$.kind"
                           : st == UKC_ERR_OUT_OF_RANGE    ? "$.received"
                           : st == UKC_ERR_NOT_FOUND       ? "$.procedure"
                                                           : "$.kind";
        if (st == UKC_ERR_NO_MEMORY)
            return st;
        char msg[1024];
        snprintf(msg, sizeof msg, "%s", ukc_last_error()->message);
        return bad_at(r, st, path, "%s", msg);
    }
    for (size_t i = 0; i < json_array_size(events); i++) {
        char path[64];
        ukc_case_event ev;
        ukc_decision d;
        snprintf(path, sizeof path, "$.events[%zu]", i);
        if ((st = read_event(r, json_array_get(events, i), path, &ev)) ||
            (st = ukc__case_apply(c, &ev, &d)))
            goto fail;
        if (!d.allowed) {
            char iso[UKC_DATE_BUFSIZE];
            ukc__format_date(ev.date, iso);
            st = bad_at(r, UKC_ERR_INVALID_DATA, path,
                        "event %zu (%s on %s) is refused by %s's policy: %s %s: %s", i,
                        ukc__event_kind_names[ev.kind], iso, policy->council, d.code, d.slug,
                        d.message);
            goto fail;
        }
    }
    *out = c;
    return UKC_OK;
fail:
    ukc__case_destroy(c);
    return st;
}

ukc_status ukc_case_from_json(const ukc_policy *policy, const char *json, size_t len,
                              ukc_case **out)
{
    ukc__error_reset();
    if (out)
        *out = NULL;
    if (!policy || !json || !out)
        return ukc__fail(UKC_ERR_INVALID_ARGUMENT, "%s is NULL",
                         !policy ? "policy" : !json ? "json" : "out");
    json_t *root;
    ukc_status st = ukc__json_parse(json, len, &root);
    if (st)
        return st;
    reader r = { json, len };
    st = restore(&r, policy, root, out);
    json_decref(root);
    return st;
}

/* ---- Obligations and decisions as JSON --------------------------------------------
 * One writer for every program that shows a case's obligations or decisions
 * (ukc case, ukc audit, the Python package), so that they use the same keys
 * and the same state names. The text is built directly in one growing
 * buffer, one line without indentation, with the library's allocator; the
 * caller releases it with ukc_free(). */

typedef struct jbuf {
    char *s;
    size_t len, cap;
    bool failed;
} jbuf;

static void jb_raw(jbuf *b, const char *s, size_t n)
{
    if (b->failed)
        return;
    if (n >= b->cap - b->len &&
        (b->len + n + 1 < n || !ukc__grow((void **)&b->s, &b->cap, b->len + n + 1, 1, 512))) {
        b->failed = true;
        return;
    }
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
}

static void jb_lit(jbuf *b, const char *s)
{
    jb_raw(b, s, strlen(s));
}

/* The length of the well-formed UTF-8 sequence at s (RFC 3629), or 0. */
static size_t utf8_seq(const unsigned char *s)
{
    if (s[0] < 0x80)
        return 1;
    if (s[0] >= 0xC2 && s[0] <= 0xDF)
        return (s[1] & 0xC0) == 0x80 ? 2 : 0;
    if (s[0] >= 0xE0 && s[0] <= 0xEF) {
        unsigned lo = s[0] == 0xE0 ? 0xA0 : 0x80, hi = s[0] == 0xED ? 0x9F : 0xBF;
        return s[1] >= lo && s[1] <= hi && (s[2] & 0xC0) == 0x80 ? 3 : 0;
    }
    if (s[0] >= 0xF0 && s[0] <= 0xF4) {
        unsigned lo = s[0] == 0xF0 ? 0x90 : 0x80, hi = s[0] == 0xF4 ? 0x8F : 0xBF;
        return s[1] >= lo && s[1] <= hi && (s[2] & 0xC0) == 0x80 && (s[3] & 0xC0) == 0x80 ? 4
                                                                                          : 0;
    }
    return 0;
}

/* A JSON string; NULL is "". A byte that is not part of well-formed UTF-8
 * becomes U+FFFD, so that the document is always valid JSON. */
static void jb_str(jbuf *b, const char *s)
{
    static const char hex[] = "0123456789abcdef";
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    jb_raw(b, "\"", 1);
    while (*p) {
        const unsigned char *run = p;
        while (*p >= 0x20 && *p < 0x80 && *p != '"' && *p != '\\')
            p++;
        jb_raw(b, (const char *)run, (size_t)(p - run));
        if (!*p)
            break;
        if (*p >= 0x80) {
            size_t n = utf8_seq(p);
            if (n)
                jb_raw(b, (const char *)p, n);
            else
                jb_lit(b, "\\ufffd");
            p += n ? n : 1;
            continue;
        }
        char esc[7] = { '\\', (char)*p, 0 };
        if (*p == '\n')
            esc[1] = 'n';
        else if (*p == '\r')
            esc[1] = 'r';
        else if (*p == '\t')
            esc[1] = 't';
        else if (*p < 0x20) {
            memcpy(esc + 1, "u00", 3);
            esc[4] = hex[*p >> 4];
            esc[5] = hex[*p & 15];
        }
        jb_lit(b, esc);
        p++;
    }
    jb_raw(b, "\"", 1);
}

/* ,"key": */
static void jb_key(jbuf *b, const char *key)
{
    if (b->len && b->s[b->len - 1] != '{')
        jb_raw(b, ",", 1);
    jb_str(b, key);
    jb_raw(b, ":", 1);
}

static void jb_kstr(jbuf *b, const char *key, const char *value)
{
    jb_key(b, key);
    jb_str(b, value);
}

static void jb_kint(jbuf *b, const char *key, long value)
{
    char n[24];
    jb_key(b, key);
    snprintf(n, sizeof n, "%ld", value);
    jb_lit(b, n);
}

/* A date as "YYYY-MM-DD", or null for 0 (not set). */
static void jb_kdate(jbuf *b, const char *key, ukc_date d)
{
    char iso[UKC_DATE_BUFSIZE + 2];
    jb_key(b, key);
    if (!d) {
        jb_lit(b, "null");
        return;
    }
    iso[0] = '"';
    ukc__format_date(d, iso + 1);
    jb_lit(b, iso);
    jb_raw(b, "\"", 1);
}

static void jb_citation(jbuf *b, const ukc_citation *c)
{
    jb_key(b, "citation");
    jb_raw(b, "{", 1);
    jb_kstr(b, "document", c->document);
    jb_kstr(b, "section", c->section);
    jb_kstr(b, "quote", c->quote);
    jb_raw(b, "}", 1);
}

/* The explanation's step IDs, each once in order of first use, and its text. */
static void jb_explanation(jbuf *b, const ukc_explanation *x)
{
    size_t n = ukc_explanation_step_count(x);
    jb_key(b, "explanation_ids");
    jb_raw(b, "[", 1);
    for (size_t i = 0, shown = 0; i < n; i++) {
        const ukc_step *s = ukc_explanation_step(x, i);
        bool seen = false;
        for (size_t j = 0; j < i && !seen; j++)
            seen = ukc_explanation_step(x, j)->id == s->id;
        if (seen)
            continue;
        if (shown++)
            jb_raw(b, ",", 1);
        jb_str(b, s->code);
    }
    jb_raw(b, "]", 1);
    jb_kstr(b, "explanation", ukc_explanation_text(x));
}

static void jb_obligation(jbuf *b, const ukc_case_obligation *o)
{
    jb_raw(b, "{", 1);
    jb_kstr(b, "id", o->id);
    jb_kstr(b, "rule", o->rule);
    jb_kstr(b, "stage", o->stage);
    jb_kstr(b, "what", o->what);
    jb_kstr(b, "party", ukc_party_name(o->party));
    jb_kstr(b, "bound", o->bound == UKC_BOUND_MAXIMUM ? "maximum" : "target");
    jb_kstr(b, "unit", ukc_unit_name(o->unit));
    jb_kdate(b, "start", o->start);
    jb_kdate(b, "due", o->due);
    jb_kstr(b, "state", ukc_obligation_state_name(o->state));
    jb_kdate(b, "met", o->met);
    jb_kint(b, "late_by", o->late_by);
    jb_kint(b, "extended_to", o->extended_to);
    jb_kint(b, "suspended_days", o->suspended_days);
    jb_kstr(b, "text", o->text);
    jb_kstr(b, "condition", o->condition);
    jb_citation(b, o->citation);
    if (o->explanation)
        jb_explanation(b, o->explanation);
    jb_raw(b, "}", 1);
}

/* Hand the text over, or fail with nothing handed. */
static ukc_status jb_finish(jbuf *b, char **out, const char *what)
{
    if (b->failed || !b->s) {
        ukc__free(b->s);
        return ukc__fail(UKC_ERR_NO_MEMORY, "out of memory writing %s as JSON", what);
    }
    *out = b->s;
    return UKC_OK;
}

ukc_status ukc_obligation_to_json(const ukc_case_obligation *o, char **out)
{
    ukc__error_reset();
    if (out)
        *out = NULL;
    if (!o || !out)
        return ukc__fail(UKC_ERR_INVALID_ARGUMENT, "%s is NULL", o ? "out" : "obligation");
    ukc_status st = ukc__check_size(o->size, UKC_SIZE_THROUGH(ukc_case_obligation, explanation),
                                    "ukc_case_obligation");
    if (st)
        return st;
    if (!o->citation)
        return ukc__fail(UKC_ERR_INVALID_ARGUMENT, "the obligation's citation is NULL");
    jbuf b = { 0 };
    jb_obligation(&b, o);
    return jb_finish(&b, out, "an obligation");
}

ukc_status ukc_case_obligations_to_json(const ukc_case *c, ukc_date as_of, unsigned flags,
                                        char **out)
{
    ukc__error_reset();
    if (out)
        *out = NULL;
    if (!c || !out)
        return ukc__fail(UKC_ERR_INVALID_ARGUMENT, "%s is NULL", c ? "out" : "case");
    ukc_obligations *list;
    ukc_status st = ukc_case_obligations(c, as_of, flags, &list);
    if (st)
        return st;
    const ukc_stage *stage = ukc_case_stage(c);
    jbuf b = { 0 };
    jb_raw(&b, "{", 1);
    jb_kdate(&b, "as_of", as_of);
    jb_kstr(&b, "status", ukc_case_status_name(ukc_case_status_of(c)));
    jb_kstr(&b, "stage", stage ? stage->id : "");
    jb_key(&b, "obligations");
    jb_raw(&b, "[", 1);
    for (size_t i = 0; i < ukc_obligations_count(list); i++) {
        if (i)
            jb_raw(&b, ",", 1);
        jb_obligation(&b, ukc_obligations_at(list, i));
    }
    jb_lit(&b, "]}");
    ukc_obligations_free(list);
    return jb_finish(&b, out, "a case's obligations");
}

ukc_status ukc_decision_to_json(const ukc_case_event *event, const ukc_decision *d, char **out)
{
    ukc__error_reset();
    if (out)
        *out = NULL;
    if (!d || !out)
        return ukc__fail(UKC_ERR_INVALID_ARGUMENT, "%s is NULL", d ? "out" : "decision");
    ukc_status st = ukc__check_size(d->size, UKC_SIZE_THROUGH(ukc_decision, message),
                                    "ukc_decision");
    if (st)
        return st;
    if (!d->citation)
        return ukc__fail(UKC_ERR_INVALID_ARGUMENT, "the decision's citation is NULL");
    jbuf b = { 0 };
    jb_raw(&b, "{", 1);
    if (event) {
        jb_kstr(&b, "event", ukc_event_kind_name(event->kind));
        jb_kdate(&b, "date", event->date);
    }
    jb_key(&b, "allowed");
    jb_lit(&b, d->allowed ? "true" : "false");
    jb_kstr(&b, "reason", d->code);
    jb_kstr(&b, "slug", d->slug);
    jb_kstr(&b, "message", d->message);
    jb_citation(&b, d->citation);
    jb_raw(&b, "}", 1);
    return jb_finish(&b, out, "a decision");
}
