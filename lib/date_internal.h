/* Private date helpers shared by the modules. */
#ifndef UKC_DATE_INTERNAL_H
#define UKC_DATE_INTERNAL_H

#include "ukcomplaints/date.h"

int32_t ukc__days_from_civil(int y, int m, int d);
void ukc__civil_from_days(int32_t days, int *y, int *m, int *d);
bool ukc__is_leap(int y);
int ukc__days_in_month(int y, int m);
/* ISO weekday 1 (Monday)..7 (Sunday); no range check. */
int ukc__weekday(ukc_date d);
/* Year of a date; no range check. */
static inline int ukc__year_of(ukc_date d)
{
    int y, m, dd;
    ukc__civil_from_days(d, &y, &m, &dd);
    return y;
}
/* YYYY-MM-DD into buf; no range check. */
void ukc__format_date(ukc_date date, char buf[UKC_DATE_BUFSIZE]);

#endif
