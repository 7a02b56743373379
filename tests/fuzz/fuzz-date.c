/* Fuzz ISO date parsing: arbitrary bytes never crash; a successful parse
 * formats back to the same ten bytes; a failure empties the output and sets
 * the last error. */
#include <string.h>
#include <ukcomplaints.h>

#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ukc_date d = 42;
    ukc_status st = ukc_date_parse_n((const char *)data, size, &d);
    if (st == UKC_OK) {
        char buf[UKC_DATE_BUFSIZE];
        FUZZ_ASSERT(size == 10);
        FUZZ_ASSERT(ukc_date_format(d, buf, sizeof buf) == UKC_OK);
        FUZZ_ASSERT(memcmp(buf, data, 10) == 0);
        ukc_date back;
        FUZZ_ASSERT(ukc_date_parse(buf, &back) == UKC_OK && back == d);
    } else {
        FUZZ_ASSERT(d == 0);
        FUZZ_ASSERT(ukc_last_error()->status == (int32_t)st);
        FUZZ_ASSERT(ukc_last_error()->message[0] != '\0');
    }
    return 0;
}
