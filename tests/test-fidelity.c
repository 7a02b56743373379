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

#include "testutil.h"

/* ---- The exact citation test ---------------------------------------------- */

static const struct {
    const char *title, *file;
} seeds[] = {
    { "Customer Feedback Policy (Compliments, Comments and Complaints)",
      "tests/data/seeds/000_e09bdfe4e30d4bda.txt" },
    { "Customer Complaints Policy", "tests/data/seeds/001_bbf500969b16e6bd.txt" },
    { "Complaints, comments and compliments", "tests/data/seeds/002_9b95f3f77f335803.txt" },
    { "Customer Feedback Policy", "tests/data/seeds/003_4ef4240af9fdb1d7.txt" },
    { "Customer feedback procedure: Compliments, Comments, Complaints",
      "tests/data/seeds/004_b734028e7cf71ade.txt" },
};
#define NSEEDS (sizeof seeds / sizeof seeds[0])

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

static char *seed_text[NSEEDS];

static const char *seed_for(const char *title)
{
    for (size_t i = 0; i < NSEEDS; i++)
        if (strcmp(seeds[i].title, title) == 0) {
            if (!seed_text[i]) {
                char *raw = slurp(srcpath(seeds[i].file), NULL);
                seed_text[i] = fold_exact(raw);
                free(raw);
            }
            return seed_text[i];
        }
    return NULL;
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
                const char *text = seed_for(doc);
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
    const char *kent = seed_for("Customer Feedback Policy (Compliments, Comments and Complaints)");
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

int main(void)
{
    Suite *s = suite_create("fidelity");
    TCase *t = tcase_create("citations");
    tcase_add_test(t, test_citations_verbatim);
    tcase_add_test(t, test_fold_is_exact);
    suite_add_tcase(s, t);
    int rc = run_suite(s);
    for (size_t i = 0; i < NSEEDS; i++)
        free(seed_text[i]);
    return rc;
}
