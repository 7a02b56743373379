/* Fuzz the GOV.UK feed loader: arbitrary bytes never crash or leak; a failure
 * builds nothing and says why; a success gives a calendar whose listed days
 * are weekdays and whose arithmetic keeps count(a, add(a, n)) == n. */
#include <string.h>
#include <ukcomplaints.h>

#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const divisions[] = { "england-and-wales", "scotland",
                                             "northern-ireland", "united-kingdom" };
    const char *division = divisions[size % 4];
    ukc_calendar *cal = (ukc_calendar *)1;
    ukc_status st = ukc_calendar_from_govuk_json((const char *)data, size, division, "fuzz", &cal);
    if (st != UKC_OK) {
        FUZZ_ASSERT(cal == NULL);
        FUZZ_ASSERT(ukc_last_error()->status == (int32_t)st);
        FUZZ_ASSERT(ukc_last_error()->message[0] != '\0');
        return 0;
    }
    FUZZ_ASSERT(cal != NULL);
    ukc_holiday days[64];
    days[0].size = sizeof days[0];
    size_t n = 0;
    ukc_date from = 20454 /* 2026-01-01 */, to = 20818 /* 2026-12-31 */;
    FUZZ_ASSERT(ukc_calendar_holidays(cal, from, to, 0, days, 64, &n) == UKC_OK);
    for (size_t i = 0; i < n; i++) {
        ukc_weekday w;
        FUZZ_ASSERT(ukc_date_weekday(days[i].date, &w) == UKC_OK && w <= UKC_FRIDAY);
    }
    for (int32_t k = -30; k <= 30; k += 7) {
        ukc_date r;
        int32_t back;
        FUZZ_ASSERT(ukc_calendar_add_working_days(cal, from + 100, k, &r) == UKC_OK);
        FUZZ_ASSERT(ukc_calendar_count_working_days(cal, from + 100, r, &back) == UKC_OK);
        FUZZ_ASSERT(back == k);
    }
    ukc_calendar_free(cal);
    return 0;
}
