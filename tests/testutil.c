#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

ukc_date D(const char *iso)
{
    ukc_date d;
    ukc_status st = ukc_date_parse(iso, &d);
    ck_assert_msg(st == UKC_OK, "bad date in test: %s", iso);
    return d;
}

const char *S(ukc_date d)
{
    static _Thread_local char buf[8][UKC_DATE_BUFSIZE];
    static _Thread_local int next;
    char *b = buf[next++ % 8];
    if (ukc_date_format(d, b, UKC_DATE_BUFSIZE) != UKC_OK)
        snprintf(b, UKC_DATE_BUFSIZE, "#%d", (int)d);
    return b;
}

const char *srcpath(const char *rel)
{
    static _Thread_local char buf[4096];
    const char *root = getenv("UKC_SRCDIR");
    snprintf(buf, sizeof buf, "%s/%s", root ? root : UKC_SRCDIR, rel);
    return buf;
}

char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    ck_assert_msg(f != NULL, "cannot open %s", path);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    ck_assert_ptr_nonnull(buf);
    ck_assert_uint_eq(fread(buf, 1, (size_t)n, f), (size_t)n);
    buf[n] = '\0';
    fclose(f);
    if (len)
        *len = (size_t)n;
    return buf;
}

int run_suite(Suite *s)
{
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

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

static char *seed_cache[NSEEDS];

const char *seed_text(const char *title, char *(*fold)(const char *))
{
    for (size_t i = 0; i < NSEEDS; i++)
        if (strcmp(seeds[i].title, title) == 0) {
            if (!seed_cache[i]) {
                char *raw = slurp(srcpath(seeds[i].file), NULL);
                seed_cache[i] = fold(raw);
                free(raw);
            }
            return seed_cache[i];
        }
    return NULL;
}

void seed_texts_free(void)
{
    for (size_t i = 0; i < NSEEDS; i++) {
        free(seed_cache[i]);
        seed_cache[i] = NULL;
    }
}
