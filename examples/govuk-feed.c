/* Load a GOV.UK bank-holidays.json feed, so that a newly proclaimed bank
 * holiday needs no new release of the library: the feed's years replace the
 * built-in ones, other years keep the built-in rules. Takes the file's path
 * (https://www.gov.uk/bank-holidays.json, saved); a copy ships in
 * lib/data/govuk/. Prints the Scottish bank holidays of June 2026, among
 * them "2026-06-15 World Cup bank holiday (one-off)", and a deadline that
 * skips it. */
#include <stdio.h>
#include <stdlib.h>
#include <ukcomplaints.h>

int main(int argc, char **argv)
{
    ukc_calendar *cal;
    ukc_date from, to, due;
    ukc_holiday days[8];
    size_t n;
    char iso[UKC_DATE_BUFSIZE];

    if (argc != 2) {
        fprintf(stderr, "usage: %s bank-holidays.json\n", argv[0]);
        return 2;
    }
    /* The division, and where the feed came from (kept in each day's source). */
    if (ukc_calendar_from_govuk_file(argv[1], "scotland", &cal) != UKC_OK) {
        const ukc_error *e = ukc_last_error();
        fprintf(stderr, "error: %s (line %d)\n", e->message, (int)e->line);
        return 1;
    }
    for (size_t i = 0; i < 8; i++) /* size-prefixed structs: say how big ours are */
        days[i] = (ukc_holiday)UKC_HOLIDAY_INIT;
    ukc_date_parse("2026-06-01", &from);
    ukc_date_parse("2026-06-30", &to);
    if (ukc_calendar_holidays(cal, from, to, 0, days, 8, &n) != UKC_OK) {
        ukc_calendar_free(cal);
        return 1;
    }
    for (size_t i = 0; i < n; i++) {
        ukc_date_format(days[i].date, iso, sizeof iso);
        printf("%s %s (%s)\n", iso, days[i].name, ukc_day_kind_name(days[i].kind));
    }

    /* Friday 12 June 2026 + 1 working day: Monday 15 is the holiday, so Tuesday 16. */
    ukc_date_parse("2026-06-12", &from);
    if (ukc_calendar_add_working_days(cal, from, 1, &due) != UKC_OK) {
        ukc_calendar_free(cal);
        return 1;
    }
    ukc_date_format(due, iso, sizeof iso);
    printf("2026-06-12 + 1 working day = %s\n", iso);
    printf("the feed's newest year: %d\n", ukc_calendar_published_until(cal));
    ukc_calendar_free(cal);
    return 0;
}
