/* Policy fidelity: every citation of every policy file quotes its document
 * verbatim, and every obligation of every built-in policy can be reached by
 * some sequence of case events.
 *
 * "Verbatim" (docs/policy-format.md): the quote, and each part of the section
 * heading, appear in the source text character for character, dashes and
 * curly quotes included. Only two things are folded: runs of white space
 * (the conversion broke lines and pages) and the conversion's own markup,
 * `**` (bold) and `<u>`/`</u>` (underline), which are not the council's words. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "policy_internal.h"
#include "testutil.h"

/* ---- The exact citation test ---------------------------------------------- */

/* Fold only white space (to one space) and the markup `**`, `<u>`, `</u>`.
 * A single `*` is kept: it could be the council's. Nothing else changes. */
static char *fold_exact(const char *s)
{
    char *out = malloc(strlen(s) + 1), *o = out;
    bool space = true;
    while (*s) {
        if (strncmp(s, "**", 2) == 0) {
            s += 2;
        } else if (strncmp(s, "<u>", 3) == 0) {
            s += 3;
        } else if (strncmp(s, "</u>", 4) == 0) {
            s += 4;
        } else if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') {
            if (!space)
                *o++ = ' ';
            space = true;
            s++;
        } else {
            *o++ = *s++;
            space = false;
        }
    }
    while (o > out && o[-1] == ' ')
        o--;
    *o = '\0';
    return out;
}

static bool found(const char *text, const char *words)
{
    char *w = fold_exact(words);
    bool ok = *w && strstr(text, w) != NULL;
    free(w);
    return ok;
}

/* A section heading is "Heading" or "Heading: Subheading": each part must be a
 * heading's words in the document. */
static bool section_found(const char *text, const char *section)
{
    char *copy = strdup(section), *part = copy, *sep;
    bool ok = true;
    while (ok && part) {
        sep = strstr(part, ": ");
        if (sep)
            *sep = '\0';
        ok = found(text, part);
        part = sep ? sep + 2 : NULL;
    }
    free(copy);
    return ok;
}

static int ncitations;

static void check_citations(const char *file, const json_t *v, char *path, size_t plen)
{
    const char *key;
    json_t *x;
    size_t i;
    if (json_is_object(v)) {
        json_object_foreach((json_t *)v, key, x)
        {
            snprintf(path + plen, 512 - plen, ".%s", key);
            size_t n = strlen(path);
            if (json_is_object(x) && strstr(key, "citation")) {
                const char *doc = json_string_value(json_object_get(x, "document"));
                const char *sec = json_string_value(json_object_get(x, "section"));
                const char *quote = json_string_value(json_object_get(x, "quote"));
                ck_assert_msg(doc && sec && quote, "%s %s: incomplete citation", file, path);
                const char *text = seed_text(doc, fold_exact);
                ck_assert_msg(text, "%s %s: no source text for '%s'", file, path, doc);
                ck_assert_msg(found(text, quote), "%s %s: the quote is not verbatim in '%s': %s",
                              file, path, doc, quote);
                ck_assert_msg(section_found(text, sec),
                              "%s %s: the section '%s' is not a heading of '%s'", file, path, sec,
                              doc);
                ncitations++;
            } else {
                check_citations(file, x, path, n);
            }
            path[plen] = '\0';
        }
    } else if (json_is_array(v)) {
        json_array_foreach((json_t *)v, i, x)
        {
            snprintf(path + plen, 512 - plen, "[%zu]", i);
            check_citations(file, x, path, strlen(path));
            path[plen] = '\0';
        }
    }
}

static void check_file_text(const char *name, const char *text)
{
    json_error_t err;
    json_t *root = json_loads(text, 0, &err);
    ck_assert_msg(root, "%s: %s", name, err.text);
    char path[512] = "$";
    check_citations(name, root, path, 1);
    json_decref(root);
}

static void check_file(const char *rel)
{
    char *text = slurp(srcpath(rel), NULL);
    check_file_text(rel, text);
    free(text);
}

START_TEST(test_citations_verbatim)
{
    static const char *const files[] = {
        "lib/data/policies/kent.json",        "lib/data/policies/warwickshire.json",
        "lib/data/policies/derby.json",       "lib/data/policies/unnamed-unitary-004.json",
        "tests/data/policy-example.json",     "tests/data/policy-user-routing.json",
    };
    ncitations = 0;
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++)
        check_file(files[i]);
    /* The worked example in docs/policy-format.md is a policy file too. */
    char *doc = slurp(srcpath("docs/policy-format.md"), NULL);
    char *start = strstr(doc, "```json\n");
    ck_assert_ptr_nonnull(start);
    start += 8;
    char *end = strstr(start, "```");
    ck_assert_ptr_nonnull(end);
    *end = '\0';
    check_file_text("docs/policy-format.md", start);
    free(doc);
    ck_assert_int_gt(ncitations, 230);
}
END_TEST

/* The test itself must tell a hyphen from an en dash, and must not fold quotes. */
START_TEST(test_fold_is_exact)
{
    const char *kent = seed_text("Customer Feedback Policy (Compliments, Comments and Complaints)",
                                 fold_exact);
    /* The source: "Stage 1 – Local Resolution" with U+2013. */
    ck_assert(found(kent, "Stage 1 \xE2\x80\x93 Local Resolution"));
    ck_assert(!found(kent, "Stage 1 - Local Resolution"));
    /* "**three working days**" in the source: the markup is not the council's. */
    ck_assert(found(kent, "acknowledge the complaint within three working days"));
    /* Straight quotes stay straight: the source's "Children's" uses U+0027. */
    ck_assert(found(kent, "Children's Social Services"));
    ck_assert(!found(kent, "Children\xE2\x80\x99s Social Services"));
    ck_assert(section_found(kent, "Children's Social Services: Stage 1 \xE2\x80\x93 Local Resolution"));
    ck_assert(!section_found(kent, "Children's Social Services: Stage 1 - Local Resolution"));
}
END_TEST

/* ---- Every obligation is reachable ---------------------------------------- *
 * Generated from the data: for every procedure with stages and every feedback
 * kind of every built-in policy, a breadth-first search over event sequences
 * (each event one day after the last, every event the policy provides for,
 * with every ground it names) lists the obligations each reachable state
 * shows. Every obligation of every stage, kind and action must be shown by
 * some state, except a kind's rule that an identical rule of its procedure's
 * first stage shadows (Kent's "KCC Complaints Standard" and its "Stage 1"),
 * and a kind's explanation of a refusal, which routing gives when an
 * exclusion applies: that one is looked for in ukc_route_feedback(). */

#define MAX_DEPTH 9
#define MAX_SEEN 4096

typedef struct path {
    ukc_case_event ev[MAX_DEPTH];
    size_t n;
} path;

typedef struct search {
    const ukc_policy *p;
    const char *procedure, *kind;
    char **seen_keys;
    size_t nseen;
    char **reached; /* obligation IDs shown, "proc|id" */
    size_t nreached, cap;
} search;

static bool has(char **list, size_t n, const char *s)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(list[i], s) == 0)
            return true;
    return false;
}

static void add_reached(search *sr, const char *id)
{
    char key[512];
    snprintf(key, sizeof key, "%s|%s", sr->procedure ? sr->procedure : "", id);
    if (has(sr->reached, sr->nreached, key))
        return;
    if (sr->nreached == sr->cap) {
        sr->cap = sr->cap ? sr->cap * 2 : 64;
        sr->reached = realloc(sr->reached, sr->cap * sizeof *sr->reached);
    }
    sr->reached[sr->nreached++] = strdup(key);
}

/* The candidate events at a state, from the policy's own data. */
static size_t candidates(const ukc_policy *p, ukc_case_event *out, size_t cap)
{
    size_t n = 0;
#define ADD(e) do { if (n < cap) out[n++] = (e); } while (0)
    for (int k = 0; k <= UKC_EVENT_CONTACT_METHODS; k++) {
        ukc_case_event e = UKC_CASE_EVENT_INIT;
        e.kind = (ukc_event_kind)k;
        e.reasons = "reasons given";
        switch (e.kind) {
        case UKC_EVENT_RESPOND:
            e.has_delivery = true;
            e.delivery = UKC_DELIVERY_EMAIL;
            ADD(e);
            break;
        case UKC_EVENT_EXTEND:
            e.days = 100;
            ADD(e);
            e.days = 0;
            ADD(e);
            break;
        case UKC_EVENT_SUSPEND:
        case UKC_EVENT_REOPEN:
            ADD(e);
            for (size_t a = 0; a < ukc_policy_case_action_count(p); a++) {
                const ukc_case_action *act = ukc_policy_case_action_at(p, a);
                for (size_t g = 0; g < act->ground_count; g++) {
                    e.ground = act->grounds[g].id;
                    ADD(e);
                }
            }
            break;
        case UKC_EVENT_CONTACT_ATTEMPT:
        case UKC_EVENT_DISCONTINUE:
        case UKC_EVENT_CONTACT_METHODS:
        case UKC_EVENT_CLOSE:
            break; /* no rule's clock starts at them */
        case UKC_EVENT_REFER:
            for (size_t b = 0; b < ukc_policy_external_body_count(p); b++) {
                e.body = ukc_policy_external_body_at(p, b)->id;
                ADD(e);
            }
            break;
        default:
            ADD(e);
        }
    }
#undef ADD
    return n;
}

static char *state_key(const ukc_case *c, const ukc_obligations *l)
{
    size_t cap = 256, len = 0;
    char *key = malloc(cap);
    len = (size_t)snprintf(key, cap, "%s/%s", ukc_case_status_name(ukc_case_status_of(c)),
                           ukc_case_stage(c) ? ukc_case_stage(c)->id : "");
    for (size_t i = 0; i < ukc_obligations_count(l); i++) {
        const ukc_case_obligation *o = ukc_obligations_at(l, i);
        size_t need = len + strlen(o->id) + 4;
        if (need > cap) {
            cap = need * 2;
            key = realloc(key, cap);
        }
        len += (size_t)snprintf(key + len, cap - len, " %s", o->id);
    }
    return key;
}

static void explore(search *sr)
{
    path *queue = malloc(sizeof(path) * 20000);
    size_t head = 0, tail = 0;
    ukc_case_event buf[64];
    size_t nc = candidates(sr->p, buf, 64);
    queue[tail++] = (path){ .n = 0 };
    while (head < tail) {
        path cur = queue[head++];
        ukc_case *c;
        ck_assert_ok(ukc_case_open(sr->p, sr->procedure, sr->kind, D("2024-01-08"), "email",
                                   NULL, &c));
        ukc_decision d;
        for (size_t i = 0; i < cur.n; i++) {
            ck_assert_ok(ukc_case_apply(c, &cur.ev[i], &d));
            ck_assert_msg(d.allowed, "%s: %s", ukc_policy_id(sr->p), d.message);
        }
        ukc_date last = cur.n ? cur.ev[cur.n - 1].date : D("2024-01-08");
        ukc_obligations *l;
        ck_assert_ok(ukc_case_obligations(c, last, 0, &l));
        for (size_t i = 0; i < ukc_obligations_count(l); i++)
            add_reached(sr, ukc_obligations_at(l, i)->id);
        char *key = state_key(c, l);
        ukc_obligations_free(l);
        bool fresh = !has(sr->seen_keys, sr->nseen, key) && sr->nseen < MAX_SEEN;
        if (fresh)
            sr->seen_keys[sr->nseen++] = key;
        else
            free(key);
        for (size_t k = 0; fresh && cur.n < MAX_DEPTH && k < nc && tail < 20000; k++) {
            ukc_case_event e = buf[k];
            e.date = last + 1;
            if (ukc_case_check(c, &e, &d) == UKC_OK && d.allowed) {
                path next = cur;
                next.ev[next.n++] = e;
                queue[tail++] = next;
            }
        }
        ukc_case_free(c);
    }
    free(queue);
}

/* Whether the first stage of the kind's procedure has an identical rule. */
static bool shadowed(const ukc_policy *p, const ukc_feedback_definition *k,
                     const ukc_obligation *o)
{
    const ukc_procedure *pr;
    if (!*k->procedure || ukc_policy_procedure(p, k->procedure, &pr) != UKC_OK ||
        !pr->stage_count)
        return false;
    for (size_t i = 0; i < pr->stages[0].obligation_count; i++) {
        const ukc_obligation *s = &pr->stages[0].obligations[i];
        bool same_kind = s->kind == o->kind ||
                         (o->kind == UKC_OBLIGATION_ACKNOWLEDGE && s->kind == UKC_OBLIGATION_CONTACT);
        if (same_kind && s->time.count == o->time.count && s->time.unit == o->time.unit &&
            s->time.from == o->time.from)
            return true;
    }
    return false;
}

/* Whether routing gives the kind's obligation for some exclusion. */
static bool routed(const ukc_policy *p, const ukc_obligation *o)
{
    bool found = false;
    for (size_t x = 0; x < ukc_policy_exclusion_count(p) && !found; x++) {
        ukc_feedback_record rec = UKC_FEEDBACK_RECORD_INIT;
        rec.kind = "complaint";
        rec.exclusion = ukc_policy_exclusion_at(p, x)->id;
        rec.received = D("2024-01-08");
        ukc_routing *r;
        ck_assert_ok(ukc_route_feedback(p, &rec, &r));
        for (size_t i = 0; i < ukc_routing_obligation_count(r); i++)
            found = found || ukc_routing_obligation_at(r, i)->obligation == o;
        ukc_routing_free(r);
    }
    return found;
}

static bool reached(const search *sr, const char *proc, const char *id)
{
    char key[512];
    for (size_t i = 0; i < sr->nreached; i++) {
        snprintf(key, sizeof key, "%s|%s", proc ? proc : "", id);
        if (proc ? strcmp(sr->reached[i], key) == 0
                 : strcmp(strchr(sr->reached[i], '|') + 1, id) == 0)
            return true;
    }
    return false;
}

START_TEST(test_every_obligation_reachable)
{
    size_t targets = 0, shadows = 0, by_routing = 0;
    for (size_t b = 0; b < ukc_policy_builtin_count(); b++) {
        const ukc_policy *p;
        ck_assert_ok(ukc_policy_builtin(ukc_policy_builtin_name(b), &p));
        search sr = { .p = p };
        sr.seen_keys = malloc(MAX_SEEN * sizeof *sr.seen_keys);
        /* Each procedure with stages, opened with each kind; each kind on its own route. */
        for (size_t i = 0; i < ukc_policy_procedure_count(p); i++) {
            const ukc_procedure *pr = ukc_policy_procedure_at(p, i);
            if (!pr->stage_count)
                continue;
            /* A kind whose own procedure it is, else the first kind with a procedure. */
            const char *kind = NULL;
            for (size_t k = 0; k < ukc_policy_feedback_kind_count(p); k++) {
                const ukc_feedback_definition *kd = ukc_policy_feedback_kind_at(p, k);
                if (strcmp(kd->procedure, pr->id) == 0 || (!kind && *kd->procedure))
                    kind = kd->id;
                if (strcmp(kd->procedure, pr->id) == 0)
                    break;
            }
            ck_assert_ptr_nonnull(kind);
            sr.procedure = pr->id;
            sr.kind = kind;
            sr.nseen = 0;
            explore(&sr);
            for (size_t s = 0; s < sr.nseen; s++)
                free(sr.seen_keys[s]);
        }
        for (size_t k = 0; k < ukc_policy_feedback_kind_count(p); k++) {
            const ukc_feedback_definition *kd = ukc_policy_feedback_kind_at(p, k);
            const ukc_procedure *pr = NULL;
            if (*kd->procedure && (ukc_policy_procedure(p, kd->procedure, &pr) != UKC_OK ||
                                   !pr->stage_count))
                continue; /* its procedure cannot be opened (stages not in the source) */
            sr.procedure = NULL;
            sr.kind = kd->id;
            sr.nseen = 0;
            explore(&sr);
            for (size_t s = 0; s < sr.nseen; s++)
                free(sr.seen_keys[s]);
        }
        char id[512];
        for (size_t i = 0; i < ukc_policy_procedure_count(p); i++) {
            const ukc_procedure *pr = ukc_policy_procedure_at(p, i);
            for (size_t s = 0; s < pr->stage_count; s++)
                for (size_t o = 0; o < pr->stages[s].obligation_count; o++) {
                    snprintf(id, sizeof id, "%s.%s", pr->stages[s].id,
                             pr->stages[s].obligations[o].id);
                    ck_assert_msg(reached(&sr, pr->id, id), "%s: %s %s is never reached",
                                  ukc_policy_id(p), pr->id, id);
                    targets++;
                }
        }
        for (size_t k = 0; k < ukc_policy_feedback_kind_count(p); k++) {
            const ukc_feedback_definition *kd = ukc_policy_feedback_kind_at(p, k);
            for (size_t o = 0; o < kd->obligation_count; o++) {
                const ukc_obligation *ob = &kd->obligations[o];
                snprintf(id, sizeof id, "%s.%s", kd->id, ob->id);
                targets++;
                if (reached(&sr, NULL, id))
                    continue;
                if (shadowed(p, kd, ob)) {
                    shadows++;
                    continue;
                }
                ck_assert_msg(ob->kind == UKC_OBLIGATION_EXPLAIN_REFUSAL && routed(p, ob),
                              "%s: %s is never reached", ukc_policy_id(p), id);
                by_routing++;
            }
        }
        for (size_t a = 0; a < ukc_policy_case_action_count(p); a++) {
            const ukc_case_action *act = ukc_policy_case_action_at(p, a);
            for (size_t o = 0; o < act->obligation_count; o++) {
                snprintf(id, sizeof id, "%s.%s", act->id, act->obligations[o].id);
                ck_assert_msg(reached(&sr, NULL, id), "%s: %s is never reached",
                              ukc_policy_id(p), id);
                targets++;
            }
        }
        for (size_t i = 0; i < sr.nreached; i++)
            free(sr.reached[i]);
        free(sr.reached);
        free(sr.seen_keys);
    }
    /* Shadowed by an identical Stage 1 rule: Kent's complaint standard (acknowledge,
     * respond, holding reply) and Derby's "acknowledged within two working days" for
     * a complaint; Derby's explanation of a refusal is given by routing. */
    ck_assert_uint_eq(shadows, 4);
    ck_assert_uint_eq(by_routing, 1);
    ck_assert_uint_ge(targets, 44); /* every obligation of the four policies */
}
END_TEST

/* ---- The JSON Schema is the loader's field table, written out ------------- */

START_TEST(test_schema_is_the_field_table)
{
    json_error_t err;
    json_t *doc = json_load_file(srcpath("docs/policy.schema.json"), 0, &err);
    ck_assert_msg(doc, "docs/policy.schema.json: %s", err.text);
    json_t *gen = ukc__policy_schema();
    ck_assert_ptr_nonnull(gen);
    ck_assert_msg(json_equal(doc, gen),
                  "docs/policy.schema.json differs from the loader's field table; regenerate "
                  "it with: build/tests/test-fidelity --write-schema docs/policy.schema.json");
    /* The schema knows every key the built-in policies use, e.g. the routing cues. */
    json_t *cue = json_object_get(json_object_get(gen, "$defs"), "routing_cue");
    ck_assert_ptr_nonnull(json_object_get(json_object_get(cue, "properties"), "only_complaints"));
    json_decref(doc);
    json_decref(gen);
}
END_TEST

int main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "--write-schema") == 0) {
        json_t *gen = ukc__policy_schema();
        int rc = gen && json_dump_file(gen, argv[2], JSON_INDENT(2)) == 0 ? 0 : 1;
        FILE *f = rc ? NULL : fopen(argv[2], "a");
        if (f) /* a final newline */
            fputc('\n', f), fclose(f);
        json_decref(gen);
        return rc;
    }
    Suite *s = suite_create("fidelity");
    TCase *t = tcase_create("citations");
    tcase_add_test(t, test_citations_verbatim);
    tcase_add_test(t, test_fold_is_exact);
    tcase_add_test(t, test_schema_is_the_field_table);
    suite_add_tcase(s, t);
    TCase *r = tcase_create("reachability");
    tcase_add_test(r, test_every_obligation_reachable);
    tcase_set_timeout(r, 600);
    suite_add_tcase(s, r);
    int rc = run_suite(s);
    seed_texts_free();
    return rc;
}
