/* The README's five lines of C: the 20th working day after 19 December 2025
 * on the England and Wales calendar (Christmas Day, Boxing Day and New Year's
 * Day are skipped, as are the weekends). Prints "due 2026-01-21". */
#include <stdio.h>
#include <ukcomplaints.h>

int main(void)
{
    const ukc_calendar *cal; ukc_date start, due; char buf[UKC_DATE_BUFSIZE];
    ukc_calendar_builtin("england-and-wales", &cal);
    ukc_date_parse("2025-12-19", &start);
    if (ukc_calendar_add_working_days(cal, start, 20, &due) != UKC_OK) return 1;
    ukc_date_format(due, buf, sizeof buf); printf("due %s\n", buf); /* due 2026-01-21 */
    return 0;
}
