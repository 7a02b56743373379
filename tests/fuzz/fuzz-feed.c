/* Fuzz the merge of a GOV.UK feed's events (lib/govuk.c) with structure: the
 * bytes are read as events (a day offset, a title and a substitute flag, three
 * bytes each) and written as a well-formed feed, so every input reaches the
 * merge instead of the JSON parser. Many events share dates. A feed is either
 * refused with the path of an event, or its calendar lists each feed date
 * once, its name built from that date's titles, with memory bounded. */
#include <stdio.h>
#include <string.h>
#include <ukcomplaints.h>

#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const titles[] = { "New Year’s Day", "Good Friday", "Easter Monday",
                                          "Spring bank holiday", "Christmas Day", "Boxing Day",
                                          "A", "Special bank holiday" };
    size_t n = size / 3 > 5000 ? 5000 : size / 3, cap = 64 + n * 128, k = 0;
    char *json = malloc(cap);
    FUZZ_ASSERT(json != NULL);
    k += (size_t)snprintf(json + k, cap - k, "{\"england-and-wales\":{\"events\":[");
    for (size_t i = 0; i < n; i++) {
        const uint8_t *e = data + 3 * i;
        /* The weekdays of 2030 from Mon 7 January: offset 0..255 weekdays. */
        int weekday = e[0], week = weekday / 5, day = 7 + week * 7 + weekday % 5;
        ukc_date d;
        char iso[UKC_DATE_BUFSIZE];
        FUZZ_ASSERT(ukc_date_from_ymd(2030, 1, 1, &d) == UKC_OK);
        ukc_date_format(d + day - 1, iso, sizeof iso);
        k += (size_t)snprintf(json + k, cap - k,
                              "%s{\"title\":\"%s %u\",\"date\":\"%s\",\"notes\":\"%s\"}",
                              i ? "," : "", titles[e[1] % 8], (unsigned)(e[1] / 8), iso,
                              e[2] & 1 ? "Substitute day" : "");
    }
    k += (size_t)snprintf(json + k, cap - k, "]}}");
    ukc_calendar *cal = (ukc_calendar *)1;
    ukc_status st = ukc_calendar_from_govuk_json(json, k, "england-and-wales", "fuzz", &cal);
    if (st != UKC_OK) {
        FUZZ_ASSERT(cal == NULL);
        FUZZ_ASSERT(st == UKC_ERR_TOO_MANY);
        FUZZ_ASSERT(strncmp(ukc_last_error()->path, "$.england-and-wales.events", 26) == 0);
    } else {
        ukc_holiday h = UKC_HOLIDAY_INIT;
        for (size_t i = 0; i < n; i++) {
            const uint8_t *e = data + 3 * i;
            int weekday = e[0], day = 7 + (weekday / 5) * 7 + weekday % 5;
            ukc_date d;
            ukc_date_from_ymd(2030, 1, day <= 31 ? day : 1, &d);
            if (day > 31)
                continue; /* only January is checked by name */
            FUZZ_ASSERT(ukc_calendar_day(cal, d, &h) == UKC_OK);
            FUZZ_ASSERT(strstr(h.name, titles[e[1] % 8]) != NULL);
            FUZZ_ASSERT(strlen(h.name) <= 8 * (256 + 3));
        }
        ukc_calendar_free(cal);
    }
    free(json);
    return 0;
}
