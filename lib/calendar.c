/* The calendar module: building calendars and answering working-day queries.
 *
 * A calendar keeps a bitmap of working days; for every Monday-to-Sunday week,
 * the number of working days before it (16 bits) and the mask of its working
 * days (one byte), so the rank of a day (working days up to it) is two reads
 * and a lookup in a 256-byte table of partial bit counts; and for every
 * working day, its index less its rank (16 bits: never more than the 23,891
 * non-working days of the range). Counting is a difference of ranks. Adding n
 * working days is a select: the working day whose rank is rank(start) + n, one
 * more read. No step depends on the data, so a batch runs without branching. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar_internal.h"
#include "date_internal.h"
#include "error_internal.h"
#include "util.h"

/* ---- builder ---------------------------------------------------------- */

ukc_status ukc__builder_add(ukc_cal_builder *b, const ukc_cal_day *day)
{
    if (!ukc__grow((void **)&b->days, &b->cap, b->n + 1, sizeof *b->days, 512))
        return ukc__fail(UKC_ERR_NO_MEMORY, "out of memory building a calendar");
    b->days[b->n++] = *day;
    return UKC_OK;
}

/* A small pointer-keyed memo in front of the pool: a calendar's days share a
 * few dozen strings, so most lookups need no hashing at all. */
typedef struct own_memo {
    const char *from[64];
    const char *to[64];
} own_memo;

static ukc_status own(ukc_cal_builder *b, own_memo *m, const char **s)
{
    const char *src = *s ? *s : "";
    size_t k = ((uintptr_t)src >> 3) & 63;
    if (m->from[k] == src) {
        *s = m->to[k];
        return UKC_OK;
    }
    const char *copy = ukc__pool_intern(&b->strings, src);
    if (!copy)
        return ukc__fail(UKC_ERR_NO_MEMORY, "out of memory building a calendar");
    m->from[k] = src;
    m->to[k] = copy;
    *s = copy;
    return UKC_OK;
}

ukc_status ukc__builder_add_calendar(ukc_cal_builder *b, const ukc_calendar *cal)
{
    own_memo memo = { { 0 }, { 0 } };
    for (size_t i = 0; i < cal->ndays; i++) {
        ukc_cal_day h = cal->days[i];
        ukc_status st;
        if ((st = own(b, &memo, &h.name)) || (st = own(b, &memo, &h.source)) ||
            (st = own(b, &memo, &h.division)) || (st = ukc__builder_add(b, &h)))
            return st;
    }
    return UKC_OK;
}

void ukc__builder_drop_year(ukc_cal_builder *b, int year)
{
    ukc_date first = ukc__days_from_civil(year, 1, 1);
    ukc_date last = ukc__days_from_civil(year, 12, 31);
    size_t k = 0;
    for (size_t i = 0; i < b->n; i++)
        if (b->days[i].date < first || b->days[i].date > last)
            b->days[k++] = b->days[i];
    b->n = k;
}

ukc_status ukc__builder_add_rules(ukc_cal_builder *b, ukc_division div)
{
    ukc_rule_day days[UKC_RULES_MAX_PER_YEAR];
    for (int y = UKC_CAL_FIRST_YEAR; y <= UKC_CAL_LAST_YEAR; y++) {
        size_t n = ukc__rules_year(div, y, days);
        for (size_t i = 0; i < n; i++) {
            ukc_cal_day h = { days[i].date, days[i].kind, days[i].name, days[i].source,
                              ukc__division_name(div), false };
            ukc_status st = ukc__builder_add(b, &h);
            if (st)
                return st;
        }
    }
    return UKC_OK;
}

void ukc__builder_discard(ukc_cal_builder *b)
{
    ukc__free(b->days);
    ukc__pool_free(&b->strings);
    memset(b, 0, sizeof *b);
}

static int by_date(const void *a, const void *b)
{
    const ukc_cal_day *x = a, *y = b;
    return (x->date > y->date) - (x->date < y->date);
}

static bool contains_word(const char *list, const char *word)
{
    size_t n = strlen(word);
    for (const char *p = list; (p = strstr(p, word)); p += n)
        if ((p == list || p[-1] == ' ') && (p[n] == ',' || p[n] == '\0'))
            return true;
    return false;
}

/* Merge b->days[j] into the entry at i (same date): keep the first kind, join
 * names and divisions that differ. */
static ukc_status merge_into(ukc_cal_builder *b, ukc_cal_day *into, const ukc_cal_day *from)
{
    if (strcmp(into->name, from->name) != 0 && !strstr(into->name, from->name)) {
        const char *s = ukc__pool_internf(&b->strings, "%s / %s", into->name, from->name);
        if (!s)
            return ukc__fail(UKC_ERR_NO_MEMORY, "out of memory building a calendar");
        into->name = s;
    }
    if (!contains_word(into->division, from->division)) {
        const char *s = ukc__pool_internf(&b->strings, "%s, %s", into->division, from->division);
        if (!s)
            return ukc__fail(UKC_ERR_NO_MEMORY, "out of memory building a calendar");
        into->division = s;
    }
    if (strcmp(into->source, from->source) != 0 && !strstr(into->source, from->source)) {
        const char *s = ukc__pool_internf(&b->strings, "%s; %s", into->source, from->source);
        if (!s)
            return ukc__fail(UKC_ERR_NO_MEMORY, "out of memory building a calendar");
        into->source = s;
    }
    return UKC_OK;
}

const uint8_t ukc__cal_upto[256] = {
#define UKC_UPTO(m)                                                                         \
    (m) & 1, ((m) & 1) + ((m) >> 1 & 1), ((m) & 1) + ((m) >> 1 & 1) + ((m) >> 2 & 1),     \
        ((m) & 1) + ((m) >> 1 & 1) + ((m) >> 2 & 1) + ((m) >> 3 & 1),                     \
        ((m) & 1) + ((m) >> 1 & 1) + ((m) >> 2 & 1) + ((m) >> 3 & 1) + ((m) >> 4 & 1),    \
        ((m) & 1) + ((m) >> 1 & 1) + ((m) >> 2 & 1) + ((m) >> 3 & 1) + ((m) >> 4 & 1),    \
        ((m) & 1) + ((m) >> 1 & 1) + ((m) >> 2 & 1) + ((m) >> 3 & 1) + ((m) >> 4 & 1), 0
#define UKC_UPTO4(m) UKC_UPTO(m), UKC_UPTO((m) + 1), UKC_UPTO((m) + 2), UKC_UPTO((m) + 3)
    UKC_UPTO4(0),  UKC_UPTO4(4),  UKC_UPTO4(8),  UKC_UPTO4(12),
    UKC_UPTO4(16), UKC_UPTO4(20), UKC_UPTO4(24), UKC_UPTO4(28),
#undef UKC_UPTO4
#undef UKC_UPTO
};

static void build_tables(ukc_calendar *cal)
{
    memset(cal->words, 0, sizeof cal->words);
    memset(cal->week_base, 0, sizeof cal->week_base);
    memset(cal->week_mask, 0, sizeof cal->week_mask);
    cal->sel[0] = 0;
    /* Weekdays work unless listed. 1971-01-01 (index 0) was a Friday: weekday 4
     * counting Monday as 0. */
    for (uint32_t i = 0, wd = 4; i < UKC_CAL_DAYS; i++, wd = wd == 6 ? 0 : wd + 1)
        if (wd < 5)
            cal->words[i >> 6] |= UINT64_C(1) << (i & 63);
    for (size_t k = 0; k < cal->ndays; k++) {
        uint32_t i = (uint32_t)(cal->days[k].date - UKC_CALENDAR_FIRST);
        cal->words[i >> 6] &= ~(UINT64_C(1) << (i & 63));
    }
    uint32_t total = 0;
    for (uint32_t i = 0; i < UKC_CAL_DAYS; i++) {
        uint32_t j = i + UKC_CAL_WEEK_SHIFT, w = j / 7, wd = j % 7;
        if (wd == 0 || i == 0)
            cal->week_base[w] = (uint16_t)total;
        if (ukc__cal_working(cal, i)) {
            cal->week_mask[w] |= (uint8_t)(1u << wd);
            total++;
            cal->sel[total] = (uint16_t)(i + 1 - total); /* the working day of rank total */
        }
    }
    cal->nworking = total;
}

ukc_status ukc__builder_finish(ukc_cal_builder *b, const char *name, ukc_calendar **out)
{
    ukc_status st = UKC_OK;
    ukc_calendar *cal = NULL;
    size_t k = 0;

    *out = NULL;
    if (b->n > 1)
        qsort(b->days, b->n, sizeof *b->days, by_date);
    for (size_t i = 0; i < b->n; i++) {
        if (b->days[i].date < UKC_CALENDAR_FIRST || b->days[i].date > UKC_CALENDAR_LAST)
            continue;
        if (ukc__weekday(b->days[i].date) >= UKC_SATURDAY)
            continue; /* weekends are never listed: they are not working days anyway */
        if (k > 0 && b->days[k - 1].date == b->days[i].date) {
            if ((st = merge_into(b, &b->days[k - 1], &b->days[i])))
                goto fail;
            continue;
        }
        b->days[k++] = b->days[i];
    }
    b->n = k;
    for (size_t i = 0; i < k; i++)
        b->days[i].projected = ukc__year_of(b->days[i].date) > b->published_until;

    cal = ukc__calloc(1, sizeof *cal);
    if (!cal || !(cal->name = ukc__pool_strdup(&b->strings, name ? name : ""))) {
        st = ukc__fail(UKC_ERR_NO_MEMORY, "out of memory building a calendar");
        goto fail;
    }
    cal->days = b->days;
    cal->ndays = b->n;
    cal->strings = b->strings;
    cal->published_until = b->published_until;
    build_tables(cal);
    memset(b, 0, sizeof *b);
    *out = cal;
    return UKC_OK;
fail:
    ukc__free(cal);
    ukc__builder_discard(b);
    return st;
}

/* ---- queries ------------------------------------------------------------ */

static bool in_cal(ukc_date d)
{
    return d >= UKC_CALENDAR_FIRST && d <= UKC_CALENDAR_LAST;
}

static ukc_status range_error(ukc_date d)
{
    char buf[24] = "";
    if (d >= UKC_DATE_MIN && d <= UKC_DATE_MAX)
        ukc__format_date(d, buf);
    else
        snprintf(buf, sizeof buf, "day %d", (int)d);
    return ukc__fail(UKC_ERR_OUT_OF_RANGE,
                     "%s is outside the calendars' range 1971-01-01..2199-12-31", buf);
}

const ukc_cal_day *ukc__cal_find(const ukc_calendar *cal, ukc_date day)
{
    size_t lo = 0, hi = cal->ndays;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (cal->days[mid].date < day)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < cal->ndays && cal->days[lo].date == day ? &cal->days[lo] : NULL;
}

void ukc__cal_describe(const ukc_calendar *cal, ukc_date day, ukc_cal_day *out)
{
    const ukc_cal_day *h = ukc__cal_find(cal, day);
    int wd = ukc__weekday(day);
    bool projected = ukc__year_of(day) > cal->published_until;

    if (h) {
        *out = *h;
    } else if (wd >= UKC_SATURDAY) {
        *out = (ukc_cal_day){ day, UKC_DAY_WEEKEND, wd == UKC_SATURDAY ? "Saturday" : "Sunday",
                              "weekend", cal->name, projected };
    } else {
        *out = (ukc_cal_day){ day, UKC_DAY_WORKING, "", "", cal->name, projected };
    }
}

ukc_status ukc_calendar_is_working_day(const ukc_calendar *cal, ukc_date day, bool *out)
{
    ukc__error_reset();
    if (out)
        *out = false;
    if (!cal || !out)
        return ukc__fail(UKC_ERR_INVALID_ARGUMENT, "%s is NULL", cal ? "out" : "cal");
    if (!in_cal(day))
        return range_error(day);
    *out = ukc__cal_working(cal, (uint32_t)(day - UKC_CALENDAR_FIRST));
    return UKC_OK;
}

void ukc__cal_day_out(const ukc_cal_day *day, ukc_holiday *out, size_t out_size)
{
    ukc_holiday h = { sizeof h,   day->date,     day->kind,     day->name,
                      day->source, day->division, day->projected };
    ukc__struct_out(out, out_size, &h, sizeof h);
}

/* Zero a caller's holiday but for its size, so a failure leaves nothing stale. */
static void clear_holiday(ukc_holiday *out, size_t size)
{
    memset((char *)out + sizeof out->size, 0, size - sizeof out->size);
}

ukc_status ukc_calendar_day(const ukc_calendar *cal, ukc_date day, ukc_holiday *out)
{
    ukc__error_reset();
    if (!cal || !out)
        return ukc__fail(UKC_ERR_INVALID_ARGUMENT, "%s is NULL", cal ? "out" : "cal");
    size_t size = out->size;
    if (ukc__check_size(size, UKC_HOLIDAY_SIZE_0_1, "ukc_holiday"))
        return UKC_ERR_VERSION;
    size = size < sizeof *out ? size : sizeof *out;
    clear_holiday(out, size);
    if (!in_cal(day))
        return range_error(day);
    ukc_cal_day d;
    ukc__cal_describe(cal, day, &d);
    ukc__cal_day_out(&d, out, size);
    return UKC_OK;
}

/* Index of the working day whose rank is rank(s) + n (n != 0), or -1 when it
 * lies outside the calendar. Negative n works alike: the day b with
 * rank(b) = rank(s) + n has exactly -n working days in (b, s]. */
static inline int64_t select_from(const ukc_calendar *cal, uint32_t s, int32_t n)
{
    int64_t target = (int64_t)ukc__cal_rank(cal, s) + n;
    if (target < 1 || target > cal->nworking)
        return -1;
    return ukc__cal_select(cal, (uint32_t)target);
}

static inline ukc_status add_one(const ukc_calendar *cal, ukc_date start, int32_t n,
                                 ukc_date *out)
{
    if (!in_cal(start))
        return range_error(start);
    if (n == 0) {
        *out = start;
        return UKC_OK;
    }
    int64_t i = select_from(cal, (uint32_t)(start - UKC_CALENDAR_FIRST), n);
    if (i < 0)
        return ukc__fail(UKC_ERR_OUT_OF_RANGE,
                         "%d working days from that date is outside the calendars' range "
                         "1971-01-01..2199-12-31",
                         (int)n);
    *out = UKC_CALENDAR_FIRST + (ukc_date)i;
    return UKC_OK;
}

ukc_status ukc_calendar_add_working_days(const ukc_calendar *cal, ukc_date start, int32_t n,
                                         ukc_date *out)
{
    ukc__error_reset();
    if (out)
        *out = 0;
    if (!cal || !out)
        return ukc__fail(UKC_ERR_INVALID_ARGUMENT, "%s is NULL", cal ? "out" : "cal");
    return add_one(cal, start, n, out);
}

static inline int32_t count_one(const ukc_calendar *cal, ukc_date from, ukc_date to)
{
    return (int32_t)ukc__cal_rank(cal, (uint32_t)(to - UKC_CALENDAR_FIRST)) -
           (int32_t)ukc__cal_rank(cal, (uint32_t)(from - UKC_CALENDAR_FIRST));
}

ukc_status ukc_calendar_count_working_days(const ukc_calendar *cal, ukc_date from, ukc_date to,
                                           int32_t *out)
{
    ukc__error_reset();
    if (out)
        *out = 0;
    if (!cal || !out)
        return ukc__fail(UKC_ERR_INVALID_ARGUMENT, "%s is NULL", cal ? "out" : "cal");
    if (!in_cal(from))
        return range_error(from);
    if (!in_cal(to))
        return range_error(to);
    *out = count_one(cal, from, to);
    return UKC_OK;
}

/* Whether add(start, n) lies inside the calendar: its target rank must exist. */
static inline bool add_ok(const ukc_calendar *cal, ukc_date start, int32_t n)
{
    /* Away from the ends, 1000 calendar days hold more than 600 working days. */
    if (start >= UKC_CALENDAR_FIRST + 1000 && start <= UKC_CALENDAR_LAST - 1000 && n >= -600 &&
        n <= 600)
        return true;
    if (!in_cal(start))
        return false;
    int64_t target = (int64_t)ukc__cal_rank(cal, (uint32_t)(start - UKC_CALENDAR_FIRST)) + n;
    return n == 0 || (target >= 1 && target <= cal->nworking);
}

/* Whether every add is of the common kind add_ok accepts without a lookup.
 * Wrapping subtraction puts both bounds of a range in one unsigned comparison;
 * GCC and Clang compare four elements at a time with their vector extension. */
static bool all_add_fast(const ukc_date *starts, const int32_t *ns, size_t count)
{
    const uint32_t lo = (uint32_t)(UKC_CALENDAR_FIRST + 1000);
    const uint32_t span = (uint32_t)(UKC_CALENDAR_LAST - UKC_CALENDAR_FIRST - 2000);
    uint32_t bad = 0;
    size_t i = 0;
#if defined(__GNUC__)
    typedef uint32_t v4u __attribute__((vector_size(16)));
    v4u vbad = { 0, 0, 0, 0 };
    for (; i + 4 <= count; i += 4) {
        v4u a, b;
        memcpy(&a, starts + i, sizeof a);
        memcpy(&b, ns + i, sizeof b);
        vbad |= (v4u)((a - lo) > span) | (v4u)((b + 600u) > 1200u);
    }
    bad = vbad[0] | vbad[1] | vbad[2] | vbad[3];
#endif
    for (; i < count; i++) {
        bad |= (uint32_t)((uint32_t)starts[i] - lo > span);
        bad |= (uint32_t)((uint32_t)ns[i] + 600u > 1200u);
    }
    return !bad;
}

static ukc_status batch_error(size_t i, ukc_date start, int32_t n)
{
    char buf[UKC_DATE_BUFSIZE] = "?";
    if (start >= UKC_DATE_MIN && start <= UKC_DATE_MAX)
        ukc__format_date(start, buf);
    ukc__fail(UKC_ERR_OUT_OF_RANGE,
              "element %zu: %s plus %d working days is outside the calendars' range "
              "1971-01-01..2199-12-31",
              i, buf, (int)n);
    ukc__error_index((int64_t)i);
    return UKC_ERR_OUT_OF_RANGE;
}

ukc_status ukc_calendar_add_working_days_n(const ukc_calendar *cal, const ukc_date *starts,
                                           const int32_t *ns, size_t count, ukc_date *out)
{
    ukc__error_reset();
    if (!cal)
        return ukc__fail(UKC_ERR_INVALID_ARGUMENT, "cal is NULL");
    if (count == 0)
        return UKC_OK;
    if (!starts || !ns || !out)
        return ukc__fail(UKC_ERR_INVALID_ARGUMENT, "a NULL array");
    /* Check every element first, so that a bad one leaves out untouched: one
     * pass without branches for the common case, element by element only if
     * some start or count lies near the ends of the calendar. */
    if (!all_add_fast(starts, ns, count))
        for (size_t i = 0; i < count; i++)
            if (!add_ok(cal, starts[i], ns[i]))
                return batch_error(i, starts[i], ns[i]);
    for (size_t i = 0; i < count; i++) {
        uint32_t s = (uint32_t)(starts[i] - UKC_CALENDAR_FIRST);
        int32_t n = ns[i];
        /* n == 0 gives the start itself; rank 0 still reads inside the table. */
        uint32_t sel = ukc__cal_select(cal, ukc__cal_rank(cal, s) + (uint32_t)n);
        out[i] = n == 0 ? starts[i] : UKC_CALENDAR_FIRST + (ukc_date)sel;
    }
    return UKC_OK;
}

ukc_status ukc_calendar_count_working_days_n(const ukc_calendar *cal, const ukc_date *from,
                                             const ukc_date *to, size_t count, int32_t *out)
{
    ukc__error_reset();
    if (!cal)
        return ukc__fail(UKC_ERR_INVALID_ARGUMENT, "cal is NULL");
    if (count == 0)
        return UKC_OK;
    if (!from || !to || !out)
        return ukc__fail(UKC_ERR_INVALID_ARGUMENT, "a NULL array");
    for (size_t i = 0; i < count; i++) {
        if (!in_cal(from[i]) || !in_cal(to[i])) {
            range_error(in_cal(from[i]) ? to[i] : from[i]);
            ukc__error_index((int64_t)i);
            return UKC_ERR_OUT_OF_RANGE;
        }
    }
    for (size_t i = 0; i < count; i++)
        out[i] = count_one(cal, from[i], to[i]);
    return UKC_OK;
}

ukc_status ukc_calendar_next_working_day(const ukc_calendar *cal, ukc_date day, ukc_date *out)
{
    ukc__error_reset();
    if (out)
        *out = 0;
    if (!cal || !out)
        return ukc__fail(UKC_ERR_INVALID_ARGUMENT, "%s is NULL", cal ? "out" : "cal");
    if (!in_cal(day))
        return range_error(day);
    uint32_t i = (uint32_t)(day - UKC_CALENDAR_FIRST);
    if (ukc__cal_working(cal, i)) {
        *out = day;
        return UKC_OK;
    }
    return add_one(cal, day, 1, out);
}

ukc_status ukc_calendar_previous_working_day(const ukc_calendar *cal, ukc_date day,
                                             ukc_date *out)
{
    ukc__error_reset();
    if (out)
        *out = 0;
    if (!cal || !out)
        return ukc__fail(UKC_ERR_INVALID_ARGUMENT, "%s is NULL", cal ? "out" : "cal");
    if (!in_cal(day))
        return range_error(day);
    uint32_t i = (uint32_t)(day - UKC_CALENDAR_FIRST);
    uint32_t r = ukc__cal_rank(cal, i);
    if (r == 0)
        return ukc__fail(UKC_ERR_OUT_OF_RANGE, "no working day in the calendar before that date");
    /* The working day of rank r is the last one on or before day. */
    while (!ukc__cal_working(cal, i))
        i--;
    *out = UKC_CALENDAR_FIRST + (ukc_date)i;
    return UKC_OK;
}

ukc_status ukc_calendar_holidays(const ukc_calendar *cal, ukc_date from, ukc_date to,
                                 unsigned flags, ukc_holiday *buf, size_t capacity,
                                 size_t *count)
{
    ukc__error_reset();
    if (count)
        *count = 0;
    if (!cal || !count || (!buf && capacity))
        return ukc__fail(UKC_ERR_INVALID_ARGUMENT, "a NULL argument");
    if (flags & ~UKC_HOLIDAYS_WEEKENDS)
        return ukc__fail(UKC_ERR_INVALID_ARGUMENT, "unknown flags 0x%x", flags);
    /* The caller's struct size is the array's stride. */
    size_t stride = buf && capacity ? buf[0].size : sizeof *buf;
    if (ukc__check_size(stride, UKC_HOLIDAY_SIZE_0_1, "ukc_holiday"))
        return UKC_ERR_VERSION;
    if (!in_cal(from))
        return range_error(from);
    if (!in_cal(to))
        return range_error(to);
    if (to < from)
        return ukc__fail(UKC_ERR_INVALID_ARGUMENT, "the range ends before it starts");
    size_t n = 0;
    for (ukc_date d = from; d <= to; d++) {
        uint32_t i = (uint32_t)(d - UKC_CALENDAR_FIRST);
        if (ukc__cal_working(cal, i))
            continue;
        if (!(flags & UKC_HOLIDAYS_WEEKENDS) && ukc__weekday(d) >= UKC_SATURDAY)
            continue;
        n++;
    }
    *count = n;
    if (!buf)
        return UKC_OK;
    if (capacity < n)
        return ukc__fail(UKC_ERR_BUFFER_TOO_SMALL, "%zu days in the range, room for %zu", n,
                         capacity);
    n = 0;
    for (ukc_date d = from; d <= to; d++) {
        uint32_t i = (uint32_t)(d - UKC_CALENDAR_FIRST);
        if (ukc__cal_working(cal, i))
            continue;
        if (!(flags & UKC_HOLIDAYS_WEEKENDS) && ukc__weekday(d) >= UKC_SATURDAY)
            continue;
        ukc_cal_day day;
        ukc__cal_describe(cal, d, &day);
        ukc__cal_day_out(&day, (ukc_holiday *)((char *)buf + n++ * stride), stride);
    }
    return UKC_OK;
}

ukc_status ukc_calendar_deadline(const ukc_calendar *cal, ukc_date start, int32_t n,
                                 ukc_receipt receipt, ukc_date *out)
{
    ukc__error_reset();
    if (out)
        *out = 0;
    if (!cal || !out)
        return ukc__fail(UKC_ERR_INVALID_ARGUMENT, "%s is NULL", cal ? "out" : "cal");
    if (n < 0)
        return ukc__fail(UKC_ERR_INVALID_ARGUMENT, "a deadline needs n >= 0, not %d", (int)n);
    if (receipt != UKC_RECEIPT_DAY_OF_RECEIPT && receipt != UKC_RECEIPT_NEXT_WORKING_DAY)
        return ukc__fail(UKC_ERR_INVALID_ARGUMENT, "unknown receipt convention %d", (int)receipt);
    if (!in_cal(start))
        return range_error(start);
    ukc_date from = start;
    if (receipt == UKC_RECEIPT_NEXT_WORKING_DAY &&
        !ukc__cal_working(cal, (uint32_t)(start - UKC_CALENDAR_FIRST))) {
        ukc_status st = add_one(cal, start, 1, &from);
        if (st)
            return st;
    }
    return add_one(cal, from, n, out);
}

const char *ukc_calendar_name(const ukc_calendar *cal)
{
    ukc__error_reset();
    return cal ? cal->name : "";
}

int ukc_calendar_published_until(const ukc_calendar *cal)
{
    ukc__error_reset();
    return cal ? cal->published_until : 0;
}

void ukc_calendar_free(ukc_calendar *cal)
{
    ukc__error_reset();
    ukc__calendar_destroy(cal);
}

void ukc__calendar_destroy(ukc_calendar *cal)
{
    if (!cal || cal->builtin)
        return;
    ukc__free(cal->days);
    ukc__pool_free(&cal->strings);
    ukc__free(cal);
}
