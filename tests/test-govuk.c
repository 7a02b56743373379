/* GOV.UK golden tests: every date of every division in GOV.UK's published
 * lists (lib/data/govuk, provenance in its README.md) against the rules and
 * the built-in calendars; and loading feeds at run time, good and bad. */
#include <jansson.h>
#include <string.h>

#include "rules.h"
#include "testutil.h"

static const char *const divisions[] = { "england-and-wales", "scotland", "northern-ireland" };

/* The feed's dates of one division for years first..last, read with jansson
 * directly: an independent reading of the file. */
static size_t feed_dates(const char *file, const char *division, int first, int last,
                         ukc_date *out, size_t cap)
{
    json_error_t err;
    json_t *root = json_load_file(srcpath(file), 0, &err);
    ck_assert_msg(root != NULL, "%s: %s", file, err.text);
    json_t *events = json_object_get(json_object_get(root, division), "events");
    size_t n = 0, i;
    json_t *e;
    json_array_foreach(events, i, e) {
        const char *date = json_string_value(json_object_get(e, "date"));
        int y = atoi(date);
        if (y < first || y > last)
            continue;
        ck_assert_uint_lt(n, cap);
        out[n++] = D(date);
    }
    json_decref(root);
    return n;
}

#define OLD "lib/data/govuk/govuk-bank-holidays-2012-2020.json"
#define NEW "lib/data/govuk/govuk-bank-holidays-2019-2028.json"

static void check_rules_against_feed(const char *file, int first, int last)
{
    for (int d = 0; d < 3; d++) {
        ukc_date feed[256];
        size_t nf = feed_dates(file, divisions[d], first, last, feed, 256);
        size_t k = 0;
        ck_assert_uint_gt(nf, 0);
        for (int y = first; y <= last; y++) {
            ukc_rule_day rules[UKC_RULES_MAX_PER_YEAR];
            size_t nr = ukc__rules_year((ukc_division)d, y, rules);
            for (size_t i = 0; i < nr; i++, k++) {
                ck_assert_msg(k < nf, "%s %d: rule gives extra %s", divisions[d], y,
                              S(rules[i].date));
                ck_assert_msg(rules[i].date == feed[k], "%s %d: rule %s (%s), GOV.UK %s",
                              divisions[d], y, S(rules[i].date), rules[i].name, S(feed[k]));
            }
        }
        ck_assert_msg(k == nf, "%s: GOV.UK lists %zu dates, the rules %zu", divisions[d], nf, k);
    }
}

START_TEST(rules_agree_with_govuk_2012_2018)
{
    check_rules_against_feed(OLD, 2012, 2018);
}
END_TEST

START_TEST(rules_agree_with_govuk_2019_2028)
{
    check_rules_against_feed(NEW, 2019, 2028);
}
END_TEST

/* The built-in calendar lists exactly GOV.UK's dates, and none is a working day. */
static void check_builtin_against_feed(const char *file, int first, int last)
{
    for (int d = 0; d < 3; d++) {
        const ukc_calendar *cal;
        ukc_date feed[256];
        ukc_holiday listed[256];
        listed[0].size = sizeof listed[0];
        size_t nf = feed_dates(file, divisions[d], first, last, feed, 256), nl;
        char from[16], to[16];
        snprintf(from, sizeof from, "%d-01-01", first);
        snprintf(to, sizeof to, "%d-12-31", last);
        ck_assert_ok(ukc_calendar_builtin(divisions[d], &cal));
        ck_assert_ok(ukc_calendar_holidays(cal, D(from), D(to), 0, listed, 256, &nl));
        ck_assert_uint_eq(nl, nf);
        for (size_t i = 0; i < nf; i++) {
            bool w = true;
            ck_assert_str_eq(S(listed[i].date), S(feed[i]));
            ck_assert_ok(ukc_calendar_is_working_day(cal, feed[i], &w));
            ck_assert(!w);
            ck_assert(!listed[i].projected);
            ck_assert(strstr(listed[i].source, "GOV.UK") != NULL);
        }
    }
}

START_TEST(builtins_list_every_govuk_date)
{
    check_builtin_against_feed(OLD, 2012, 2018);
    check_builtin_against_feed(NEW, 2019, 2028);
}
END_TEST

START_TEST(union_has_134_dates_2019_2028)
{
    /* lib/data/govuk/README.md: "134 distinct dates in the 2019-2028 file". */
    const ukc_calendar *uk;
    size_t n;
    ck_assert_ok(ukc_calendar_builtin("united-kingdom", &uk));
    ck_assert_ok(ukc_calendar_holidays(uk, D("2019-01-01"), D("2028-12-31"), 0, NULL, 0, &n));
    ck_assert_uint_eq(n, 134);
}
END_TEST

START_TEST(stale_2020_in_old_file_is_not_used)
{
    /* The 2012-2020 snapshot still shows Mon 4 May 2020; the built-ins use the
     * newer list, with Fri 8 May (VE day). */
    const ukc_calendar *ew;
    bool w;
    ck_assert_ok(ukc_calendar_builtin("england-and-wales", &ew));
    ck_assert_ok(ukc_calendar_is_working_day(ew, D("2020-05-04"), &w));
    ck_assert(w);
    ck_assert_ok(ukc_calendar_is_working_day(ew, D("2020-05-08"), &w));
    ck_assert(!w);
}
END_TEST

START_TEST(load_feed_file)
{
    ukc_calendar *c = NULL;
    ukc_date r;
    ck_assert_ok(ukc_calendar_from_govuk_file(srcpath(NEW), "scotland", &c));
    ck_assert_str_eq(ukc_calendar_name(c), "scotland");
    ck_assert_int_eq(ukc_calendar_published_until(c), 2028);
    ck_assert_ok(ukc_calendar_add_working_days(c, D("2026-06-12"), 1, &r));
    ck_assert_str_eq(S(r), "2026-06-16");
    ukc_calendar_free(c);
    ck_assert_ok(ukc_calendar_from_govuk_file(srcpath(NEW), "united-kingdom", &c));
    size_t n;
    ck_assert_ok(ukc_calendar_holidays(c, D("2019-01-01"), D("2028-12-31"), 0, NULL, 0, &n));
    ck_assert_uint_eq(n, 134);
    ukc_calendar_free(c);
    ck_assert_status(ukc_calendar_from_govuk_file("/nonexistent/feed.json", "scotland", &c),
                     UKC_ERR_IO);
    ck_assert_ptr_null(c);
}
END_TEST

START_TEST(newer_feed_adds_a_year_and_a_proclamation)
{
    /* A feed for 2030 with an invented extra day on Wed 2030-06-12, as a new
     * proclamation would appear: it becomes a one-off, 2030 is published, and
     * 2031 stays projected. 2030-06-12 is a Wednesday. */
    const char *feed =
        "{\"england-and-wales\":{\"division\":\"england-and-wales\",\"events\":["
        "{\"title\":\"New Year’s Day\",\"date\":\"2030-01-01\",\"notes\":\"\",\"bunting\":true},"
        "{\"title\":\"Good Friday\",\"date\":\"2030-04-19\",\"notes\":\"\",\"bunting\":false},"
        "{\"title\":\"Easter Monday\",\"date\":\"2030-04-22\",\"notes\":\"\",\"bunting\":true},"
        "{\"title\":\"Early May bank holiday\",\"date\":\"2030-05-06\",\"notes\":\"\",\"bunting\":true},"
        "{\"title\":\"Spring bank holiday\",\"date\":\"2030-05-27\",\"notes\":\"\",\"bunting\":true},"
        "{\"title\":\"Special bank holiday\",\"date\":\"2030-06-12\",\"notes\":\"\",\"bunting\":true},"
        "{\"title\":\"Summer bank holiday\",\"date\":\"2030-08-26\",\"notes\":\"\",\"bunting\":true},"
        "{\"title\":\"Christmas Day\",\"date\":\"2030-12-25\",\"notes\":\"\",\"bunting\":true},"
        "{\"title\":\"Boxing Day\",\"date\":\"2030-12-26\",\"notes\":\"\",\"bunting\":true}]}}";
    ukc_calendar *c = NULL;
    ukc_holiday h = UKC_HOLIDAY_INIT;
    ck_assert_ok(ukc_calendar_from_govuk_json(feed, strlen(feed), "england-and-wales", "test feed", &c));
    ck_assert_int_eq(ukc_calendar_published_until(c), 2030);
    ck_assert_ok(ukc_calendar_day(c, D("2030-06-12"), &h));
    ck_assert_int_eq(h.kind, UKC_DAY_ONE_OFF);
    ck_assert_str_eq(h.name, "Special bank holiday");
    ck_assert(!h.projected);
    ck_assert(strstr(h.source, "test feed") != NULL);
    ck_assert_ok(ukc_calendar_day(c, D("2030-12-25"), &h));
    ck_assert_int_eq(h.kind, UKC_DAY_BANK_HOLIDAY);
    ck_assert_ok(ukc_calendar_day(c, D("2031-12-25"), &h));
    ck_assert(h.projected);
    /* Other years are the built-in ones. */
    ck_assert_ok(ukc_calendar_day(c, D("2022-09-19"), &h));
    ck_assert_int_eq(h.kind, UKC_DAY_ONE_OFF);
    ukc_calendar_free(c);
}
END_TEST

/* A feed of n events all on Mon 2030-06-03, titled "T0", "T1", ...; each
 * title padded to pad bytes with 'x'. */
static char *crowded_feed(size_t n, size_t pad, size_t *len)
{
    size_t cap = 64 + n * (pad + 64);
    char *s = malloc(cap);
    size_t k = (size_t)snprintf(s, cap, "{\"england-and-wales\":{\"events\":[");
    for (size_t i = 0; i < n; i++) {
        char title[512];
        int t = snprintf(title, sizeof title, "T%zu", i);
        while ((size_t)t < pad && (size_t)t < sizeof title - 1)
            title[t++] = 'x';
        title[t] = '\0';
        k += (size_t)snprintf(s + k, cap - k, "%s{\"title\":\"%s\",\"date\":\"2030-06-03\"}",
                              i ? "," : "", title);
    }
    k += (size_t)snprintf(s + k, cap - k, "]}}");
    *len = k;
    return s;
}

START_TEST(crowded_date_joined_once_or_refused)
{
    /* Before, every event of one date was merged into a fresh "A / B / C ..."
     * string that was kept: 4096 long titles on one date took gigabytes. Now
     * the names of one date are joined once, a date has at most 8 events and
     * a title at most 256 bytes. */
    size_t len;
    ukc_calendar *c = (ukc_calendar *)1;
    char *feed = crowded_feed(4096, 256, &len);
    ck_assert_status(ukc_calendar_from_govuk_json(feed, len, "england-and-wales", NULL, &c),
                     UKC_ERR_TOO_MANY);
    ck_assert_ptr_null(c);
    ck_assert_str_eq(ukc_last_error()->path, "$.england-and-wales.events[8]");
    free(feed);

    /* Eight events on one date (and a repeated title) make one day. */
    feed = crowded_feed(8, 0, &len);
    memcpy(strstr(feed, "\"T7\""), "\"T6\"", 4);
    ck_assert_ok(ukc_calendar_from_govuk_json(feed, len, "england-and-wales", NULL, &c));
    ukc_holiday h = UKC_HOLIDAY_INIT;
    ck_assert_ok(ukc_calendar_day(c, D("2030-06-03"), &h));
    ck_assert_str_eq(h.name, "T0 / T1 / T2 / T3 / T4 / T5 / T6");
    ukc_calendar_free(c);
    free(feed);

    /* A title of 256 bytes is taken; 257 is refused with its path. */
    feed = crowded_feed(1, 256, &len);
    ck_assert_ok(ukc_calendar_from_govuk_json(feed, len, "england-and-wales", NULL, &c));
    ukc_calendar_free(c);
    free(feed);
    feed = crowded_feed(1, 257, &len);
    c = (ukc_calendar *)1;
    ck_assert_status(ukc_calendar_from_govuk_json(feed, len, "england-and-wales", NULL, &c),
                     UKC_ERR_TOO_LONG);
    ck_assert_ptr_null(c);
    ck_assert_str_eq(ukc_last_error()->path, "$.england-and-wales.events[0].title");
    free(feed);
}
END_TEST

typedef struct bad_feed {
    const char *json;
    const char *division;
    ukc_status status;
    const char *path; /* expected error path, or NULL */
    int line;         /* expected line, or 0 */
} bad_feed;

START_TEST(bad_feeds_build_nothing)
{
    static const bad_feed cases[] = {
        { "{", "scotland", UKC_ERR_PARSE, NULL, 1 },
        { "{\"scotland\":\n {\"events\": [}\n}", "scotland", UKC_ERR_PARSE, NULL, 2 },
        { "[]", "scotland", UKC_ERR_INVALID_DATA, "$", 0 },
        { "{}", "scotland", UKC_ERR_NOT_FOUND, "$", 0 },
        { "{}", "wales", UKC_ERR_NOT_FOUND, NULL, 0 },
        { "{\"scotland\":{\"events\":{}}}", "scotland", UKC_ERR_INVALID_DATA, "$.scotland.events", 0 },
        { "{\"scotland\":{\"events\":[{\"title\":\"x\",\"date\":\"2024-02-30\"}]}}", "scotland",
          UKC_ERR_INVALID_DATA, "$.scotland.events[0].date", 0 },
        { "{\"scotland\":{\"events\":[{\"title\":\"x\",\"date\":\"2024-03-02\"}]}}", "scotland",
          UKC_ERR_INVALID_DATA, "$.scotland.events[0].date", 0 }, /* a Saturday */
        { "{\"scotland\":{\"events\":[{\"title\":\"x\",\"date\":\"1970-01-01\"}]}}", "scotland",
          UKC_ERR_OUT_OF_RANGE, "$.scotland.events[0].date", 0 },
        { "{\"scotland\":{\"events\":[{\"date\":\"2024-03-04\"}]}}", "scotland",
          UKC_ERR_INVALID_DATA, "$.scotland.events[0].title", 0 },
        { "{\"scotland\":{\"events\":[1]}}", "scotland", UKC_ERR_INVALID_DATA,
          "$.scotland.events[0]", 0 },
        { "{\"scotland\":{},\"scotland\":{}}", "scotland", UKC_ERR_PARSE, NULL, 1 },
        { "{\"scotland\":\"\xff\"}", "scotland", UKC_ERR_INVALID_UTF8, NULL, 1 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ukc_calendar *c = (ukc_calendar *)1;
        ukc_status st = ukc_calendar_from_govuk_json(cases[i].json, strlen(cases[i].json),
                                                     cases[i].division, NULL, &c);
        ck_assert_msg(st == cases[i].status, "case %zu: got %s (%s), want %s", i,
                      ukc_status_name(st), ukc_last_error()->message,
                      ukc_status_name(cases[i].status));
        ck_assert_ptr_null(c);
        ck_assert_int_gt((int)strlen(ukc_last_error()->message), 0);
        if (cases[i].path)
            ck_assert_str_eq(ukc_last_error()->path, cases[i].path);
        if (cases[i].line)
            ck_assert_int_eq(ukc_last_error()->line, cases[i].line);
    }
    /* Deep nesting is refused, not followed. */
    size_t depth = 100000;
    char *deep = malloc(depth * 2 + 1);
    memset(deep, '[', depth);
    memset(deep + depth, ']', depth);
    deep[depth * 2] = '\0';
    ukc_calendar *c = NULL;
    ck_assert_int_ne(ukc_calendar_from_govuk_json(deep, depth * 2, "scotland", NULL, &c), UKC_OK);
    ck_assert_ptr_null(c);
    free(deep);
}
END_TEST

START_TEST(limits)
{
    /* Documented in docs/limits.md: a JSON document of at most 16 MiB, nested
     * at most 2048 deep (jansson's parser limit). At the limit it loads; one
     * past it is refused with its own status. */
    const size_t max = 16u * 1024u * 1024u;
    const char *head = "{\"england-and-wales\":{\"events\":[]},\"pad\":\"";
    char *doc = malloc(max + 2);
    size_t h = strlen(head);
    memcpy(doc, head, h);
    memset(doc + h, 'x', max - h - 2);
    memcpy(doc + max - 2, "\"}", 2);
    ukc_calendar *c = NULL;
    ck_assert_ok(ukc_calendar_from_govuk_json(doc, max, "england-and-wales", NULL, &c));
    ukc_calendar_free(c);
    memcpy(doc + max - 2, "x\"}", 3);
    ck_assert_status(ukc_calendar_from_govuk_json(doc, max + 1, "england-and-wales", NULL, &c),
                     UKC_ERR_TOO_LONG);
    ck_assert_ptr_null(c);
    free(doc);

    /* Depth: {"england-and-wales":{"events":[]},"x":[[...]]} with the array
     * nesting making the total depth 2048, then 2049. */
    for (int extra = 0; extra <= 1; extra++) {
        int depth = 2048 - 1 + extra; /* the outer object is level 1 */
        const char *pre = "{\"england-and-wales\":{\"events\":[]},\"x\":";
        size_t n = strlen(pre) + (size_t)depth * 2 + 2;
        char *deep = malloc(n);
        size_t k = strlen(pre);
        memcpy(deep, pre, k);
        memset(deep + k, '[', (size_t)depth);
        memset(deep + k + depth, ']', (size_t)depth);
        deep[k + 2 * (size_t)depth] = '}';
        deep[k + 2 * (size_t)depth + 1] = '\0';
        ukc_status st = ukc_calendar_from_govuk_json(deep, n - 1, "england-and-wales", NULL, &c);
        if (extra == 0) {
            ck_assert_ok(st);
            ukc_calendar_free(c);
        } else {
            ck_assert_int_eq(st, UKC_ERR_TOO_DEEP);
            ck_assert_ptr_null(c);
        }
        free(deep);
    }
}
END_TEST

int main(void)
{
    Suite *s = suite_create("govuk");
    TCase *tc = tcase_create("golden");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, rules_agree_with_govuk_2012_2018);
    tcase_add_test(tc, rules_agree_with_govuk_2019_2028);
    tcase_add_test(tc, builtins_list_every_govuk_date);
    tcase_add_test(tc, union_has_134_dates_2019_2028);
    tcase_add_test(tc, stale_2020_in_old_file_is_not_used);
    tcase_add_test(tc, load_feed_file);
    tcase_add_test(tc, newer_feed_adds_a_year_and_a_proclamation);
    tcase_add_test(tc, bad_feeds_build_nothing);
    tcase_add_test(tc, crowded_date_joined_once_or_refused);
    tcase_add_test(tc, limits);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
