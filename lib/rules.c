/* UK bank holidays by rule, one division and year at a time.
 *
 * The facts are those of CALENDARS.md; docs/calendars.md explains each choice.
 * Names are GOV.UK's titles (with U+2019), so that a projected year reads like
 * a published one. */
#include "rules.h"

#include <stdlib.h>
#include <string.h>

#include "date_internal.h"

#define ACT "Banking and Financial Dealings Act 1971, Schedule 1"

enum sub_rule {
    SUB_NONE,        /* never moves (Good Friday, the Monday holidays) */
    SUB_NEXT_WEEKDAY /* a weekend date moves to the next weekday not already a holiday */
};

typedef struct candidate {
    ukc_date date;
    ukc_day_kind kind;
    const char *name;
    const char *source;
    enum sub_rule sub;
} candidate;

typedef struct one_off {
    int y, m, d;
    unsigned divisions; /* bit per ukc_division */
    const char *name;
    const char *source;
} one_off;

#define ALL_DIVS 7u
#define SCOT (1u << UKC_DIV_SCOTLAND)

/* One-off days by Royal Proclamation (CALENDARS.md, "One-off days"). */
static const one_off one_offs[] = {
    { 1977, 6, 7, ALL_DIVS, "Silver Jubilee bank holiday",
      "Royal Proclamation: Silver Jubilee of Queen Elizabeth II" },
    { 1981, 7, 29, ALL_DIVS, "Royal wedding bank holiday",
      "Royal Proclamation: wedding of Prince Charles and Lady Diana Spencer" },
    { 1999, 12, 31, ALL_DIVS, "Millennium bank holiday", "Royal Proclamation: the Millennium" },
    { 2002, 6, 3, ALL_DIVS, "Golden Jubilee bank holiday",
      "Royal Proclamation: Golden Jubilee of Queen Elizabeth II" },
    { 2011, 4, 29, ALL_DIVS, "Royal wedding",
      "Royal Proclamation: wedding of Prince William and Catherine Middleton" },
    { 2012, 6, 5, ALL_DIVS, "Queen’s Diamond Jubilee",
      "Royal Proclamation: Diamond Jubilee of Queen Elizabeth II" },
    { 2022, 6, 3, ALL_DIVS, "Platinum Jubilee bank holiday",
      "Royal Proclamation: Platinum Jubilee of Queen Elizabeth II" },
    { 2022, 9, 19, ALL_DIVS, "Bank Holiday for the State Funeral of Queen Elizabeth II",
      "Royal Proclamation: State Funeral of Queen Elizabeth II" },
    { 2023, 5, 8, ALL_DIVS, "Bank holiday for the coronation of King Charles III",
      "Royal Proclamation: coronation of King Charles III" },
    { 2026, 6, 15, SCOT, "World Cup bank holiday",
      "Royal Proclamation (Scotland): World Cup bank holiday, announced February 2026" },
};

/* Holidays moved from their rule date by proclamation. */
typedef struct moved {
    int y, m, d;
    unsigned divisions;
    const char *name;
    const char *source;
} moved;

static const moved early_may_moves[] = {
    { 1995, 5, 8, ALL_DIVS, "Early May bank holiday (VE day)",
      "Royal Proclamation: Early May bank holiday moved to 8 May for the 50th anniversary of VE Day" },
    { 2020, 5, 8, ALL_DIVS, "Early May bank holiday (VE day)",
      "Royal Proclamation: Early May bank holiday moved to Friday 8 May for the 75th anniversary of VE Day" },
};

static const moved spring_moves[] = {
    { 2002, 6, 4, ALL_DIVS, "Spring bank holiday",
      "Royal Proclamation: Spring bank holiday moved to Tuesday 4 June for the Golden Jubilee" },
    { 2012, 6, 4, ALL_DIVS, "Spring bank holiday",
      "Royal Proclamation: Spring bank holiday moved to Monday 4 June for the Diamond Jubilee" },
    { 2022, 6, 2, ALL_DIVS, "Spring bank holiday",
      "Royal Proclamation: Spring bank holiday moved to Thursday 2 June for the Platinum Jubilee" },
};

ukc_date ukc__easter(int year)
{
    /* Anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
    int a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4;
    int f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30;
    int i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
    int m = (a + 11 * h + 22 * l) / 451;
    int month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;
    return ukc__days_from_civil(year, month, day);
}

/* The n-th Monday of a month (n >= 1), or the last one when n == 0. */
static ukc_date monday_of(int year, int month, int n)
{
    if (n == 0) {
        ukc_date last = ukc__days_from_civil(year, month, ukc__days_in_month(year, month));
        return last - (ukc__weekday(last) - 1);
    }
    ukc_date first = ukc__days_from_civil(year, month, 1);
    int wd = ukc__weekday(first);
    return first + (8 - wd) % 7 + 7 * (n - 1);
}

static const moved *find_move(const moved *list, size_t n, int year, ukc_division div)
{
    for (size_t i = 0; i < n; i++)
        if (list[i].y == year && (list[i].divisions & (1u << div)))
            return &list[i];
    return NULL;
}

static void add(candidate *c, size_t *n, ukc_date date, ukc_day_kind kind, const char *name,
                const char *source, enum sub_rule sub)
{
    c[*n] = (candidate){ date, kind, name, source, sub };
    (*n)++;
}

static void add_fixed(candidate *c, size_t *n, int year, int m, int d, const char *name,
                      const char *source)
{
    add(c, n, ukc__days_from_civil(year, m, d), UKC_DAY_BANK_HOLIDAY, name, source,
        SUB_NEXT_WEEKDAY);
}

static void add_monday(candidate *c, size_t *n, ukc_division div, int year, int month,
                       int which, const moved *moves, size_t nmoves, const char *name,
                       const char *source)
{
    const moved *mv = find_move(moves, nmoves, year, div);
    if (mv)
        add(c, n, ukc__days_from_civil(mv->y, mv->m, mv->d), UKC_DAY_BANK_HOLIDAY, mv->name,
            mv->source, SUB_NONE);
    else
        add(c, n, monday_of(year, month, which), UKC_DAY_BANK_HOLIDAY, name, source, SUB_NONE);
}

#define NMOVES(a) (sizeof(a) / sizeof((a)[0]))

static void common_spring_and_may(candidate *c, size_t *n, ukc_division div, int year)
{
    /* Early May: from 1978 in England, Wales and Northern Ireland; Scotland has
     * kept the first Monday in May throughout the range (CALENDARS.md). */
    if (year >= 1978 || div == UKC_DIV_SCOTLAND)
        add_monday(c, n, div, year, 5, 1, early_may_moves, NMOVES(early_may_moves),
                   "Early May bank holiday",
                   div == UKC_DIV_SCOTLAND
                       ? ACT ", para 2 (first Monday in May)"
                       : "Royal Proclamation each year under the Banking and Financial Dealings "
                         "Act 1971, s.1(3) (first Monday in May, from 1978)");
    /* Spring: 1971 onwards; in Scotland from 1978 (secondary, docs/calendars.md). */
    if (div != UKC_DIV_SCOTLAND || year >= 1978)
        add_monday(c, n, div, year, 5, 0, spring_moves, NMOVES(spring_moves),
                   "Spring bank holiday",
                   div == UKC_DIV_SCOTLAND
                       ? "Royal Proclamation each year under the Banking and Financial Dealings "
                         "Act 1971, s.1(3) (last Monday in May)"
                       : ACT ", para 1 (last Monday in May)");
}

/* Scotland's New Year pair, as CALENDARS.md gives it and GOV.UK labels it. */
static void scotland_new_year(candidate *c, size_t *n, int year)
{
    const char *src1 = ACT ", para 2 (New Year's Day)";
    const char *src2 = ACT ", para 2 (2nd January)";
    ukc_date jan1 = ukc__days_from_civil(year, 1, 1);
    int wd = ukc__weekday(jan1);
    bool second = year >= 1973;

    if (wd == UKC_SATURDAY) {
        add(c, n, jan1 + 2, UKC_DAY_SUBSTITUTE, "New Year’s Day", src1, SUB_NONE);
        if (second)
            add(c, n, jan1 + 3, UKC_DAY_SUBSTITUTE, "2nd January", src2, SUB_NONE);
    } else if (wd == UKC_SUNDAY) {
        add(c, n, jan1 + 1, UKC_DAY_SUBSTITUTE, "New Year’s Day", src1, SUB_NONE);
        if (second)
            add(c, n, jan1 + 2, UKC_DAY_SUBSTITUTE, "2nd January", src2, SUB_NONE);
    } else {
        add(c, n, jan1, UKC_DAY_BANK_HOLIDAY, "New Year’s Day", src1, SUB_NONE);
        if (second) {
            if (wd == UKC_FRIDAY)
                add(c, n, jan1 + 3, UKC_DAY_SUBSTITUTE, "2nd January", src2, SUB_NONE);
            else
                add(c, n, jan1 + 1, UKC_DAY_BANK_HOLIDAY, "2nd January", src2, SUB_NONE);
        }
    }
}

/* Christmas and Boxing Day. GOV.UK labels: 25 Sat -> Mon 27 Christmas, Tue 28
 * Boxing; 25 Sun -> Mon 26 Boxing Day, Tue 27 Christmas (substitute). */
static void christmas(candidate *c, size_t *n, ukc_division div, int year)
{
    const char *src = div == UKC_DIV_SCOTLAND ? ACT ", para 2 (Christmas Day)"
                                              : "Christmas Day, a common law holiday";
    bool boxing = div != UKC_DIV_SCOTLAND || year >= 1974;
    add_fixed(c, n, year, 12, 25, "Christmas Day", src);
    if (boxing)
        add_fixed(c, n, year, 12, 26, "Boxing Day",
                  div == UKC_DIV_SCOTLAND ? "Royal Proclamation each year under the Banking "
                                            "and Financial Dealings Act 1971, s.1(3) (26 December)"
                                          : ACT ", para 1 (26 December)");
}

static size_t candidates(ukc_division div, int year, candidate *c)
{
    size_t n = 0;
    ukc_date easter = ukc__easter(year);

    if (div == UKC_DIV_SCOTLAND) {
        scotland_new_year(c, &n, year);
    } else if (year >= 1974) {
        add_fixed(c, &n, year, 1, 1, "New Year’s Day", ACT ", para 1 (1 January, from 1974)");
    }
    if (div == UKC_DIV_NORTHERN_IRELAND)
        add_fixed(c, &n, year, 3, 17, "St Patrick’s Day", ACT ", para 3 (17 March)");
    add(c, &n, easter - 2, UKC_DAY_BANK_HOLIDAY, "Good Friday",
        div == UKC_DIV_SCOTLAND ? ACT ", para 2 (Good Friday)"
                                : "Good Friday, a common law holiday",
        SUB_NONE);
    if (div != UKC_DIV_SCOTLAND)
        add(c, &n, easter + 1, UKC_DAY_BANK_HOLIDAY, "Easter Monday",
            ACT ", para 1 (Easter Monday)", SUB_NONE);
    common_spring_and_may(c, &n, div, year);
    if (div == UKC_DIV_NORTHERN_IRELAND)
        add_fixed(c, &n, year, 7, 12, "Battle of the Boyne (Orangemen’s Day)",
                  "Royal Proclamation under " ACT " (12 July, Northern Ireland)");
    if (div == UKC_DIV_SCOTLAND)
        add(c, &n, monday_of(year, 8, 1), UKC_DAY_BANK_HOLIDAY, "Summer bank holiday",
            ACT ", para 2 (first Monday in August)", SUB_NONE);
    else
        add(c, &n, monday_of(year, 8, 0), UKC_DAY_BANK_HOLIDAY, "Summer bank holiday",
            ACT ", para 1 (last Monday in August)", SUB_NONE);
    if (div == UKC_DIV_SCOTLAND && year >= 2007)
        add_fixed(c, &n, year, 11, 30, "St Andrew’s Day",
                  "St Andrew's Day Bank Holiday (Scotland) Act 2007");
    christmas(c, &n, div, year);

    for (size_t i = 0; i < sizeof one_offs / sizeof one_offs[0]; i++) {
        const one_off *o = &one_offs[i];
        if (o->y == year && (o->divisions & (1u << div)))
            add(c, &n, ukc__days_from_civil(o->y, o->m, o->d), UKC_DAY_ONE_OFF, o->name,
                o->source, SUB_NONE);
    }
    return n;
}

/* The legal basis of a substitute day itself, not of the holiday it replaces.
 * Schedule 1 of the 1971 Act provides some substitutes for a Sunday ("27th
 * December in a year in which 25th or 26th December is a Sunday"; in
 * Scotland "1st January, if it be not a Sunday or, if it be a Sunday, 2nd
 * January", and the same for 2nd January; in Northern Ireland 18th March for
 * a Sunday 17th); St Andrew's Day's Act moves it to the following Monday
 * itself. Every other substitute (for a Saturday, or where the Schedule
 * names none) is appointed by Royal Proclamation under s.1(3), as the
 * annual proclamations say. */
#define PROCLAIMED_SUBSTITUTE                                                                 \
    "Royal Proclamation under the Banking and Financial Dealings Act 1971, s.1(3), "        \
    "appointing this weekday in place of a holiday that falls on a weekend"

static const char *substitute_source(ukc_division div, ukc_date d, const char *original)
{
    int y, m, day;
    ukc__civil_from_days(d, &y, &m, &day);
    if (strstr(original, "St Andrew's Day Bank Holiday"))
        return original;
    bool sunday_before = ukc__weekday(d - 1) == UKC_SUNDAY;
    if (div != UKC_DIV_SCOTLAND && m == 12 && day == 27 &&
        (ukc__weekday(d - 2) == UKC_SUNDAY || sunday_before))
        return div == UKC_DIV_NORTHERN_IRELAND
                   ? ACT ", para 3 (27th December in a year in which 25th or 26th December is a "
                         "Sunday)"
                   : ACT ", para 1 (27th December in a year in which 25th or 26th December is a "
                         "Sunday)";
    if (div == UKC_DIV_NORTHERN_IRELAND && m == 3 && day == 18 && sunday_before)
        return ACT ", para 3 (17th March, if it be a Sunday, 18th March)";
    if (div == UKC_DIV_SCOTLAND && m == 1 && day == 2 && sunday_before)
        return ACT ", para 2 (1st January, if it be a Sunday, 2nd January)";
    if (div == UKC_DIV_SCOTLAND && m == 1 && day == 3 && sunday_before)
        return ACT ", para 2 (2nd January, if it be a Sunday, 3rd January)";
    return PROCLAIMED_SUBSTITUTE;
}

static bool taken(const ukc_rule_day *days, size_t n, ukc_date d)
{
    for (size_t i = 0; i < n; i++)
        if (days[i].date == d)
            return true;
    return false;
}

static int by_date(const void *a, const void *b)
{
    const ukc_rule_day *x = a, *y = b;
    return (x->date > y->date) - (x->date < y->date);
}

size_t ukc__rules_year(ukc_division div, int year, ukc_rule_day *out)
{
    candidate c[UKC_RULES_MAX_PER_YEAR];
    size_t nc = candidates(div, year, c), n = 0;

    /* Weekday holidays first, so that substitutes skip them. */
    for (size_t i = 0; i < nc; i++)
        if (ukc__weekday(c[i].date) < UKC_SATURDAY)
            out[n++] = (ukc_rule_day){ c[i].date, c[i].kind, c[i].name, c[i].source };
    /* Then weekend dates in date order, each to the next free weekday. */
    for (size_t i = 0; i < nc; i++) {
        if (ukc__weekday(c[i].date) < UKC_SATURDAY || c[i].sub == SUB_NONE)
            continue;
        ukc_date d = c[i].date;
        while (ukc__weekday(d) >= UKC_SATURDAY || taken(out, n, d))
            d++;
        out[n++] = (ukc_rule_day){ d, UKC_DAY_SUBSTITUTE, c[i].name, c[i].source };
    }
    for (size_t i = 0; i < n; i++)
        if (out[i].kind == UKC_DAY_SUBSTITUTE)
            out[i].source = substitute_source(div, out[i].date, out[i].source);
    qsort(out, n, sizeof *out, by_date);
    return n;
}

static const char *const division_names[UKC_DIV_COUNT] = {
    "england-and-wales",
    "scotland",
    "northern-ireland",
};

const char *ukc__division_name(ukc_division div)
{
    return (unsigned)div < UKC_DIV_COUNT ? division_names[div] : "";
}

int ukc__division_from_name(const char *name)
{
    for (int i = 0; i < UKC_DIV_COUNT; i++)
        if (name && strcmp(name, division_names[i]) == 0)
            return i;
    return -1;
}
