#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>

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
