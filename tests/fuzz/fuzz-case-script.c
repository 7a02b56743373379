/* Fuzz case scripts as `ukc case` reads them (tools/ukc/case.c): arbitrary
 * bytes as a script never crash or leak, and the command ends with one of its
 * documented exit statuses (0 all allowed, 1 a refused event, 2 a bad script).
 * Under libFuzzer, run with -close_fd_mask=2 to silence its error messages. */
#include <stdio.h>
#include <unistd.h>

#include "../../tools/ukc/cli.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char path[64];
    static int quiet;
    if (!path[0])
        snprintf(path, sizeof path, "/tmp/ukc-fuzz-case-%ld.txt", (long)getpid());
    if (!quiet) /* the command prints its decisions: keep them out of the way */
        quiet = freopen("/dev/null", "w", stdout) != NULL;
    FILE *f = fopen(path, "wb");
    if (!f)
        return 0;
    fwrite(data, 1, size, f);
    fclose(f);
    char *argv[] = { (char *)"--explain", path };
    cli_args a = { 2, argv, "ukc case" };
    int rc = cmd_case(&a);
    FUZZ_ASSERT(rc == 0 || rc == 1 || rc == 2);
    if (size % 2) { /* and the JSON form */
        char *argv2[] = { (char *)"--json", path };
        cli_args b = { 2, argv2, "ukc case" };
        rc = cmd_case(&b);
        FUZZ_ASSERT(rc == 0 || rc == 1 || rc == 2);
    }
    return 0;
}
