/* Memory the library hands out is released by a ukc_ function even when the
 * host has given jansson its own allocator (json_set_alloc_funcs), as Python
 * or a database server may. jansson's blocks here carry a header, are
 * poisoned when freed and are kept on a list, so a string the library took
 * from jansson and handed out is caught (it is on the list, and ukc_free()
 * would give the C library a pointer it never made); and every block jansson
 * made while the library worked must be back by the end of each test. */
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

/* A block jansson asked for: the header sits before what jansson sees. Four
 * words keep the caller's part as aligned as malloc's. */
typedef struct block {
    struct block *prev, *next;
    size_t size;
    size_t magic;
} block;

#define LIVE_MAGIC ((size_t)0x6a616e73u)
#define DEAD_MAGIC ((size_t)0xdeadu)

static block blocks = { &blocks, &blocks, 0, 0 };
static size_t nlive, nmade;

static void *tracked_malloc(size_t size)
{
    block *b = malloc(sizeof *b + size);
    if (!b)
        return NULL;
    b->size = size;
    b->magic = LIVE_MAGIC;
    b->prev = &blocks;
    b->next = blocks.next;
    blocks.next->prev = b;
    blocks.next = b;
    nlive++;
    nmade++;
    memset(b + 1, 0xCD, size);
    return b + 1;
}

static void tracked_free(void *p)
{
    if (!p)
        return;
    block *b = (block *)p - 1;
    ck_assert_msg(b->magic == LIVE_MAGIC, "jansson freed a block it did not make");
    b->prev->next = b->next;
    b->next->prev = b->prev;
    b->magic = DEAD_MAGIC;
    memset(p, 0xA5, b->size);
    nlive--;
    free(b);
}

/* Whether p is a live block of jansson's. */
static bool from_jansson(const void *p)
{
    for (const block *b = blocks.next; b != &blocks; b = b->next)
        if (b + 1 == p)
            return true;
    return false;
}

static size_t made_before;

static void setup(void)
{
    made_before = nmade;
}

/* The text the library handed out: not jansson's, valid JSON, and released by
 * ukc_free(). */
static void check_out(char *text, const char *first_key)
{
    ck_assert_ptr_nonnull(text);
    ck_assert_msg(!from_jansson(text), "the library handed out a block of jansson's");
    json_error_t err;
    json_t *back = json_loads(text, 0, &err);
    ck_assert_msg(back != NULL, "not JSON: %s", err.text);
    ck_assert_ptr_nonnull(json_object_get(back, first_key));
    json_decref(back);
    ukc_free(text);
}

/* jansson worked for the library, through the host's functions, and got
 * every block back. */
static void check_balanced(void)
{
    ck_assert_uint_gt(nmade, made_before);
    ck_assert_uint_eq(nlive, 0);
}

static const ukc_policy *kent(void)
{
    const ukc_policy *p = NULL;
    ck_assert_ok(ukc_policy_builtin("kent", &p));
    return p;
}

START_TEST(policy_to_json)
{
    char *text = NULL;
    ck_assert_ok(ukc_policy_to_json(kent(), &text));
    /* A loaded policy's text too: load what the built-in wrote. */
    ukc_policy *p = NULL;
    ck_assert_ok(ukc_policy_load_json(text, strlen(text), &p));
    check_out(text, "council");
    ck_assert_ok(ukc_policy_to_json(p, &text));
    check_out(text, "council");
    ukc_policy_free(p);
    check_balanced();
}
END_TEST

START_TEST(policy_report)
{
    /* A document with a problem: the report comes from the library's allocator. */
    const char *doc = "{\"format\": 1, \"unknown\": true}";
    ukc_policy_report *r = NULL;
    ck_assert_ok(ukc_policy_check_json(doc, strlen(doc), &r));
    ck_assert_uint_gt(ukc_policy_report_count(r), 0);
    ukc_policy_report_free(r);
    check_balanced();
}
END_TEST

START_TEST(explanation_to_json)
{
    const ukc_calendar *cal = NULL;
    ck_assert_ok(ukc_calendar_builtin("england-and-wales", &cal));
    ukc_explanation *e = NULL;
    ck_assert_ok(ukc_calendar_explain_deadline(cal, D("2024-12-20"), 10,
                                               UKC_RECEIPT_NEXT_WORKING_DAY, &e));
    char *text = NULL;
    ck_assert_ok(ukc_explanation_to_json(e, &text));
    check_out(text, "steps");
    ukc_explanation_free(e);
    check_balanced();
}
END_TEST

START_TEST(case_to_json)
{
    ukc_case *c = NULL;
    ck_assert_ok(ukc_case_open(kent(), NULL, "complaint", D("2024-01-02"), "email", NULL, &c));
    ukc_case_event e = UKC_CASE_EVENT_INIT;
    e.kind = UKC_EVENT_ACKNOWLEDGE;
    e.date = D("2024-01-03");
    ukc_decision d;
    ck_assert_ok(ukc_case_apply(c, &e, &d));
    char *text = NULL;
    ck_assert_ok(ukc_decision_to_json(&e, &d, &text));
    check_out(text, "allowed");
    ck_assert_ok(ukc_case_obligations_to_json(c, D("2024-01-10"), UKC_OBLIGATIONS_EXPLAIN, &text));
    check_out(text, "obligations");
    ukc_obligations *list = NULL;
    ck_assert_ok(ukc_case_obligations(c, D("2024-01-10"), 0, &list));
    ck_assert_uint_gt(ukc_obligations_count(list), 0);
    ck_assert_ok(ukc_obligation_to_json(ukc_obligations_at(list, 0), &text));
    check_out(text, "due");
    ukc_obligations_free(list);
    ck_assert_ok(ukc_case_to_json(c, &text));
    ck_assert_ptr_nonnull(text);
    ukc_case *back = NULL;
    ck_assert_ok(ukc_case_from_json(kent(), text, strlen(text), &back));
    check_out(text, "events");
    ukc_case_free(back);
    ukc_case_free(c);
    check_balanced();
}
END_TEST

START_TEST(routing_to_json)
{
    const char *msg = "I want to complain: the bin men missed my road three weeks running "
                      "and nobody answered my emails.";
    ukc_feedback_record rec = UKC_FEEDBACK_RECORD_INIT;
    rec.text = msg;
    rec.text_len = strlen(msg);
    ukc_routing *r = NULL;
    ck_assert_ok(ukc_route_feedback(kent(), &rec, &r));
    char *text = NULL;
    ck_assert_ok(ukc_routing_to_json(r, &text));
    check_out(text, "obligations");
    ukc_routing_free(r);
    check_balanced();
}
END_TEST

START_TEST(classification_to_json)
{
    const char *msg = "Thank you to the library staff, who were wonderful.";
    ukc_classification *c = NULL;
    ck_assert_ok(ukc_classify_text(msg, strlen(msg), NULL, &c));
    char *text = NULL;
    ck_assert_ok(ukc_classification_to_json(c, &text));
    check_out(text, "kind");
    ukc_classification_free(c);
    check_balanced();
}
END_TEST

START_TEST(govuk_feed)
{
    size_t len;
    char *feed = slurp(srcpath("lib/data/govuk/govuk-bank-holidays-2019-2028.json"), &len);
    ukc_calendar *cal = NULL;
    ck_assert_ok(ukc_calendar_from_govuk_json(feed, len, "scotland", "test feed", &cal));
    ukc_calendar_free(cal);
    free(feed);
    check_balanced();
}
END_TEST

int main(void)
{
    /* Before the library or jansson makes anything. */
    json_set_alloc_funcs(tracked_malloc, tracked_free);
    Suite *s = suite_create("memory");
    TCase *tc = tcase_create("jansson-allocator");
    tcase_add_checked_fixture(tc, setup, NULL);
    tcase_add_test(tc, policy_to_json);
    tcase_add_test(tc, policy_report);
    tcase_add_test(tc, explanation_to_json);
    tcase_add_test(tc, case_to_json);
    tcase_add_test(tc, routing_to_json);
    tcase_add_test(tc, classification_to_json);
    tcase_add_test(tc, govuk_feed);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
