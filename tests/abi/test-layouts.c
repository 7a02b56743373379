/* Callers compiled against other layouts of the public structs.
 *
 * A size-prefixed struct's caller says in `size` how big its struct is. Here
 * callers whose structs are larger than the library's (compiled against a
 * later header that appended a field) and smaller (older than any release)
 * call the shared library, as a program built against another release would.
 * The library must fill only what both know, say so in `size`, leave the rest
 * of the caller's memory alone, and refuse a size that no release had.
 *
 * Plain C with assert-free checks, linked against the shared library only:
 * it sees exactly what a caller sees. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ukcomplaints.h>

static int failures;

#define CHECK(cond)                                                                  \
    do {                                                                             \
        if (!(cond)) {                                                               \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
            failures++;                                                              \
        }                                                                            \
    } while (0)

static ukc_date D(const char *iso)
{
    ukc_date d = 0;
    if (ukc_date_parse(iso, &d) != UKC_OK)
        failures++;
    return d;
}

/* A holiday as a later release might lay it out: one field appended. */
typedef struct holiday_next {
    ukc_holiday base;
    int64_t appended;
} holiday_next;

static void larger_holiday(const ukc_calendar *ew)
{
    holiday_next h;
    memset(&h, 0, sizeof h);
    h.base.size = sizeof h;
    h.appended = 0x5a5a5a5a;
    /* Mon 25 Dec 2023: Christmas Day, a bank holiday. */
    CHECK(ukc_calendar_day(ew, D("2023-12-25"), &h.base) == UKC_OK);
    CHECK(h.base.size == sizeof(ukc_holiday)); /* what the library filled */
    CHECK(h.base.kind == UKC_DAY_BANK_HOLIDAY);
    CHECK(strcmp(h.base.name, "Christmas Day") == 0);
    CHECK(h.appended == 0x5a5a5a5a); /* the field the library does not know: untouched */

    /* An array with the larger stride: 25 and 26 Dec 2023 (Boxing Day). */
    holiday_next buf[2];
    memset(buf, 0, sizeof buf);
    buf[0].base.size = sizeof buf[0];
    buf[0].appended = buf[1].appended = 7;
    size_t n = 0;
    CHECK(ukc_calendar_holidays(ew, D("2023-12-25"), D("2023-12-26"), 0, &buf[0].base, 2, &n) ==
          UKC_OK);
    CHECK(n == 2);
    CHECK(buf[0].base.date == D("2023-12-25") && buf[1].base.date == D("2023-12-26"));
    CHECK(strcmp(buf[1].base.name, "Boxing Day") == 0);
    CHECK(buf[1].base.size == sizeof(ukc_holiday));
    CHECK(buf[0].appended == 7 && buf[1].appended == 7);
}

/* A holiday smaller than any release's: refused, and nothing written. */
static void smaller_holiday(const ukc_calendar *ew)
{
    unsigned char raw[sizeof(ukc_holiday)];
    memset(raw, 0xab, sizeof raw);
    size_t small = sizeof(size_t) + sizeof(ukc_date);
    memcpy(raw, &small, sizeof small);
    CHECK(ukc_calendar_day(ew, D("2023-12-25"), (ukc_holiday *)(void *)raw) == UKC_ERR_VERSION);
    CHECK(ukc_last_error()->status == UKC_ERR_VERSION);
    for (size_t i = sizeof small; i < sizeof raw; i++)
        CHECK(raw[i] == 0xab);
}

/* Closures with a later, larger layout: the stride is the first one's size. */
typedef struct closure_next {
    ukc_closure base;
    double appended;
} closure_next;

static void larger_closures(const ukc_calendar *ew)
{
    closure_next days[2] = { { UKC_CLOSURE_INIT(D("2025-12-24"), "Christmas closure"), 1.0 },
                             { UKC_CLOSURE_INIT(D("2025-12-29"), "Christmas closure"), 2.0 } };
    days[0].base.size = sizeof days[0];
    ukc_calendar *c = NULL;
    CHECK(ukc_calendar_with_closures(ew, "Example closures", &days[0].base, 2, &c) == UKC_OK);
    bool w = true;
    /* Both closures are read at the larger stride. */
    CHECK(ukc_calendar_is_working_day(c, D("2025-12-24"), &w) == UKC_OK && !w);
    CHECK(ukc_calendar_is_working_day(c, D("2025-12-29"), &w) == UKC_OK && !w);
    CHECK(ukc_calendar_is_working_day(c, D("2025-12-30"), &w) == UKC_OK && w);
    ukc_calendar_free(c);
}

/* Structs the library owns report their own size. */
static void owned_sizes(const ukc_calendar *ew)
{
    ukc_date d;
    CHECK(ukc_date_parse("not a date", &d) == UKC_ERR_PARSE);
    CHECK(ukc_last_error()->size == sizeof(ukc_error));
    ukc_explanation *e = NULL;
    CHECK(ukc_calendar_explain_deadline(ew, D("2023-12-22"), 1, UKC_RECEIPT_DAY_OF_RECEIPT, &e) ==
          UKC_OK);
    CHECK(ukc_explanation_step_count(e) > 0);
    for (size_t i = 0; i < ukc_explanation_step_count(e); i++)
        CHECK(ukc_explanation_step(e, i)->size == sizeof(ukc_step));
    /* Fri 22 Dec 2023 + 1 working day skips the weekend and Christmas and Boxing Day. */
    CHECK(ukc_explanation_due(e) == D("2023-12-27"));
    ukc_explanation_free(e);
}

/* ukc_case_options as version 1 had it, before `calendar` was appended. */
typedef struct case_options_v1 {
    unsigned int version;
    int32_t suspension;
} case_options_v1;

/* The due date of a case's first obligation, or 0. */
static ukc_date first_due(const ukc_case *c)
{
    ukc_obligations *l = NULL;
    ukc_date due = 0;
    if (ukc_case_obligations(c, ukc_case_received(c), 0, &l) == UKC_OK &&
        ukc_obligations_count(l) > 0)
        due = ukc_obligations_at(l, 0)->due;
    ukc_obligations_free(l);
    return due;
}

static void case_options_versions(const ukc_calendar *ew)
{
    const ukc_policy *war = NULL;
    CHECK(ukc_policy_builtin("warwickshire", &war) == UKC_OK);
    ukc_date received = D("2025-12-22");
    ukc_case *plain = NULL, *c = NULL;
    CHECK(ukc_case_open(war, "general", "complaint", received, NULL, NULL, &plain) == UKC_OK);

    /* A version 1 caller: exactly its 8 bytes on the heap, so a read or a
     * write past them is caught by valgrind and ASan. */
    case_options_v1 *v1 = malloc(sizeof *v1);
    CHECK(ukc_case_options_init((ukc_case_options *)(void *)v1, 1) == UKC_OK);
    CHECK(v1->version == 1 && v1->suspension == UKC_SUSPENSION_PAUSE);
    v1->suspension = UKC_SUSPENSION_RESTART;
    CHECK(ukc_case_open(war, "general", "complaint", received, NULL,
                        (const ukc_case_options *)(void *)v1, &c) == UKC_OK);
    CHECK(ukc_case_suspension(c) == UKC_SUSPENSION_RESTART);
    CHECK(first_due(c) != 0 && first_due(c) == first_due(plain)); /* the policy's calendar */
    ukc_case_free(c);
    v1->suspension = 9;
    CHECK(ukc_case_open(war, "general", "complaint", received, NULL,
                        (const ukc_case_options *)(void *)v1, &c) == UKC_ERR_INVALID_ARGUMENT);
    free(v1);

    /* Version 2 reads the calendar: closed from 23 Dec 2025 for 150 days. */
    ukc_closure closed[150];
    for (int i = 0; i < 150; i++)
        closed[i] = (ukc_closure)UKC_CLOSURE_INIT(D("2025-12-23") + i, "closed");
    ukc_calendar *shut = NULL;
    CHECK(ukc_calendar_with_closures(ew, "closed", closed, 150, &shut) == UKC_OK);
    ukc_case_options v2 = UKC_CASE_OPTIONS_INIT;
    CHECK(v2.version == 2);
    v2.calendar = shut;
    CHECK(ukc_case_open(war, "general", "complaint", received, NULL, &v2, &c) == UKC_OK);
    CHECK(first_due(c) > D("2026-05-20")); /* counted after the closure */
    ukc_case_free(c);

    /* A version newer than the library knows is refused. */
    v2.version = UKC_CASE_OPTIONS_VERSION + 1;
    CHECK(ukc_case_open(war, "general", "complaint", received, NULL, &v2, &c) == UKC_ERR_VERSION);
    CHECK(ukc_case_options_init(&v2, 0) == UKC_ERR_VERSION);
    ukc_case_free(plain);
    ukc_calendar_free(shut);
}

int main(void)
{
    const ukc_calendar *ew = NULL;
    if (ukc_calendar_builtin("england-and-wales", &ew) != UKC_OK)
        return 1;
    larger_holiday(ew);
    smaller_holiday(ew);
    larger_closures(ew);
    owned_sizes(ew);
    case_options_versions(ew);
    if (failures)
        fprintf(stderr, "%d checks failed\n", failures);
    return failures ? 1 : 0;
}
