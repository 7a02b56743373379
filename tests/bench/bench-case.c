/* bench-case: applying case events, deadlines included.
 *
 * Opens cases under Warwickshire's general procedure and Kent's children's
 * procedure with receipt dates spread over 2000-2030, and applies 1,000,000
 * events in all (acknowledge, contact attempts, a response by second class
 * post with its deemed receipt, a request for stage two checked against its
 * window, acceptance, an extension, updates, a second response, close), then
 * lists each case's obligations without explanations (every due date and
 * state). Prints events per second, and beside it the same events checked
 * with ukc_case_check() before each apply, and replayed from saved JSON.
 * Plain apply runs twice (the first and last pass); the target takes the
 * faster run, the other is noise from the machine.
 * Target: at least 3 million events per second on one core, obligations
 * included. Times are CPU time of the benchmark's thread.
 * A benchmark, not a test: it asserts nothing about time. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <ukcomplaints.h>

#define EVENTS 1000000u

/* The thread's CPU time: the code's cost on one core, not the machine's load
 * (on a shared machine a wall clock counts the time other programs ran). */
static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

typedef struct script {
    ukc_case_event ev[12];
    size_t n;
} script;

static void add(script *s, ukc_event_kind kind, ukc_date date)
{
    ukc_case_event e = UKC_CASE_EVENT_INIT;
    e.kind = kind;
    e.date = date;
    s->ev[s->n++] = e;
}

/* A case history starting on day r (all allowed). */
static void make(script *s, ukc_date r, bool kent)
{
    s->n = 0;
    add(s, UKC_EVENT_ACKNOWLEDGE, r + 1);
    add(s, UKC_EVENT_CONTACT_ATTEMPT, r + 2);
    s->ev[s->n - 1].method = "telephone";
    add(s, UKC_EVENT_RESPOND, r + 9);
    s->ev[s->n - 1].has_delivery = true;
    s->ev[s->n - 1].delivery = UKC_DELIVERY_SECOND_CLASS_POST;
    add(s, UKC_EVENT_REQUEST_ESCALATION, r + 12);
    s->ev[s->n - 1].reasons = "Not answered";
    if (!kent)
        add(s, UKC_EVENT_ACCEPT_ESCALATION, r + 14);
    add(s, UKC_EVENT_HOLDING_REPLY, r + 20);
    if (kent) {
        add(s, UKC_EVENT_EXTEND, r + 21);
        s->ev[s->n - 1].reasons = "Complex";
    }
    add(s, UKC_EVENT_PROGRESS_UPDATE, r + 30);
    add(s, UKC_EVENT_RESPOND, r + 40);
    s->ev[s->n - 1].has_delivery = true;
    s->ev[s->n - 1].delivery = UKC_DELIVERY_EMAIL;
    add(s, UKC_EVENT_CLOSE, r + 41);
}

int main(void)
{
    const ukc_policy *war, *kent;
    if (ukc_policy_builtin("warwickshire", &war) || ukc_policy_builtin("kent", &kent)) {
        fprintf(stderr, "bench-case: %s\n", ukc_last_error()->message);
        return 1;
    }
    ukc_date first;
    ukc_date_from_ymd(2000, 1, 3, &first);
    enum { NSCRIPTS = 4096 };
    static script scripts[NSCRIPTS];
    for (size_t i = 0; i < NSCRIPTS; i++)
        make(&scripts[i], first + (ukc_date)((i * 2671u) % 11000u), i % 2 == 1);

    double best_apply = 0;
    for (int pass = 0; pass < 3; pass++) {
        size_t events = 0, refused = 0, cases = 0, obligations = 0;
        int64_t checksum = 0;
        char *saved[64] = { NULL };
        double t0 = now();
        while (events < EVENTS) {
            const script *s = &scripts[cases % NSCRIPTS];
            bool is_kent = cases % 2 == 1;
            ukc_case *c;
            ukc_date received = s->ev[0].date - 1;
            if (ukc_case_open(is_kent ? kent : war,
                              is_kent ? "childrens-social-services" : "general", "complaint",
                              received, "email", NULL, &c))
                return 1;
            for (size_t i = 0; i < s->n; i++) {
                ukc_decision d;
                if (pass == 1) {
                    ukc_case_check(c, &s->ev[i], &d);
                    refused += !d.allowed;
                }
                ukc_case_apply(c, &s->ev[i], &d);
                refused += !d.allowed;
            }
            events += s->n;
            ukc_obligations *l;
            if (ukc_case_obligations(c, s->ev[s->n - 1].date, 0, &l) == UKC_OK) {
                size_t n = ukc_obligations_count(l);
                obligations += n;
                for (size_t i = 0; i < n; i++)
                    checksum += ukc_obligations_at(l, i)->due;
                ukc_obligations_free(l);
            }
            if (pass == 2 && cases < 64)
                ukc_case_to_json(c, &saved[cases]);
            ukc_case_free(c);
            cases++;
        }
        double dt = now() - t0;
        if (pass != 1 && (double)events / dt > best_apply)
            best_apply = (double)events / dt;
        static const char *const what[] = { "apply", "check + apply", "apply (again)" };
        printf("%-14s %zu events in %zu cases, %zu obligations listed: %.3f s, %.2f million "
               "events/s (refused %zu, checksum %lld)\n",
               what[pass], events, cases, obligations, dt, (double)events / dt / 1e6, refused,
               (long long)checksum);
        if (pass == 2) {
            /* Reference: restoring saved cases replays and re-validates each event. */
            size_t replayed = 0;
            double r0 = now();
            for (int k = 0; k < 2000; k++)
                for (size_t i = 0; i < 64; i++) {
                    ukc_case *c;
                    if (ukc_case_from_json(i % 2 ? kent : war, saved[i], strlen(saved[i]), &c))
                        return 1;
                    replayed += scripts[i].n;
                    ukc_case_free(c);
                }
            double rt = now() - r0;
            printf("%-14s %zu events from saved JSON: %.3f s, %.2f million events/s\n",
                   "from_json", replayed, rt, (double)replayed / rt / 1e6);
            for (size_t i = 0; i < 64; i++)
                ukc_free(saved[i]);
        }
    }
    printf("target: apply with obligations >= 3 million events/s: %.2f million, %s\n",
           best_apply / 1e6, best_apply >= 3e6 ? "met" : "NOT met");
    return 0;
}
