/* bench-calendar: working-day arithmetic beside a naive day-stepping loop.
 *
 * Times 10,000,000 add_working_days (single calls and one batch call) and
 * count_working_days on england-and-wales, with n in 1..65 and starts spread
 * over 2000-2030, and the same inputs through a plain loop that steps a day at
 * a time over ukc_calendar_is_working_day. Prints operations per second, the
 * ratio, and checksums showing that both agree.
 *
 * The reference that measures the machine rather than the code is a loop over
 * the same inputs doing one lookup in a precomputed day table per element
 * (out[i] = table[start + n]): the least any add could cost. Every buffer is
 * written before it is timed, so page faults stay outside the timed regions.
 * The fast loops run five times each and report their fastest run.
 * Targets: batch add_working_days within 3x of the one-lookup loop; one
 * calendar under 256 KiB. The library is the shared one, as callers load it.
 * A benchmark, not a test: it asserts nothing about time. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <ukcomplaints.h>

/* Private, for the memory figure only. */
#include "calendar_internal.h"

#define N 10000000u
#define NAIVE_N 1000000u
/* Each fast loop runs this many times and its fastest run counts: on a shared
 * machine the slow runs measure the neighbours. */
#define RUNS 5

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static ukc_date naive_add(const ukc_calendar *cal, ukc_date d, int32_t n)
{
    while (n > 0) {
        bool w;
        d++;
        ukc_calendar_is_working_day(cal, d, &w);
        n -= w;
    }
    return d;
}

static int32_t naive_count(const ukc_calendar *cal, ukc_date a, ukc_date b)
{
    int32_t c = 0;
    for (ukc_date d = a + 1; d <= b; d++) {
        bool w;
        ukc_calendar_is_working_day(cal, d, &w);
        c += w;
    }
    return c;
}

int main(void)
{
    const ukc_calendar *cal;
    ukc_date first, last;
    if (ukc_calendar_builtin("england-and-wales", &cal) || ukc_date_parse("2000-01-01", &first) ||
        ukc_date_parse("2030-12-31", &last)) {
        fprintf(stderr, "bench-calendar: %s\n", ukc_last_error()->message);
        return 1;
    }
    ukc_date *starts = malloc(N * sizeof *starts), *out = malloc(N * sizeof *out);
    ukc_date *ends = malloc(N * sizeof *ends);
    int32_t *ns = malloc(N * sizeof *ns), *counts = malloc(N * sizeof *counts);
    if (!starts || !out || !ns || !ends || !counts)
        return 1;
    size_t span = (size_t)(last - first) + 66;
    ukc_date *table = malloc(span * sizeof *table);
    if (!table)
        return 1;
    /* The reference's table: the first working day on or after each day. */
    for (size_t j = 0; j < span; j++)
        if (ukc_calendar_next_working_day(cal, first + (ukc_date)j, &table[j]))
            return 1;
    unsigned seed = 42;
    for (uint32_t i = 0; i < N; i++) {
        starts[i] = first + (ukc_date)(rand_r(&seed) % (unsigned)(last - first));
        ns[i] = 1 + (int32_t)(rand_r(&seed) % 65);
        out[i] = ends[i] = counts[i] = 0; /* fault every page in before timing */
    }

    /* Reference: one table lookup per element, same inputs, same output buffer. */
    /* The reference and the batch take turns, so both see the same machine. */
    double t0, t_table = 1e9, t_batch = 1e9, t_single = 1e9;
    for (int run = 0; run < RUNS; run++) {
        t0 = now();
        for (uint32_t i = 0; i < N; i++)
            out[i] = table[(size_t)(starts[i] - first) + (size_t)ns[i]];
        t_table = fmin(t_table, now() - t0);
        t0 = now();
        if (ukc_calendar_add_working_days_n(cal, starts, ns, N, ends) != UKC_OK)
            return 1;
        t_batch = fmin(t_batch, now() - t0);
    }
    uint64_t sum_table = 0;
    for (uint32_t i = 0; i < N; i++)
        sum_table += (uint64_t)out[i];

    memcpy(out, ends, N * sizeof *out);
    uint64_t sum_batch = 0;
    for (uint32_t i = 0; i < N; i++)
        sum_batch += (uint64_t)out[i];

    uint64_t sum_single = 0;
    for (int run = 0; run < RUNS; run++) {
        sum_single = 0;
        t0 = now();
        for (uint32_t i = 0; i < N; i++) {
            ukc_date r;
            ukc_calendar_add_working_days(cal, starts[i], ns[i], &r);
            sum_single += (uint64_t)r;
            ends[i] = r;
        }
        t_single = fmin(t_single, now() - t0);
    }

    t0 = now();
    uint64_t sum_naive = 0, sum_fast_part = 0;
    for (uint32_t i = 0; i < NAIVE_N; i++) {
        sum_naive += (uint64_t)naive_add(cal, starts[i], ns[i]);
        sum_fast_part += (uint64_t)out[i];
    }
    double t_naive = (now() - t0) * (double)N / NAIVE_N;

    t0 = now();
    if (ukc_calendar_count_working_days_n(cal, starts, ends, N, counts) != UKC_OK)
        return 1;
    double t_count = now() - t0;
    uint64_t sum_count = 0, sum_ns = 0, sum_count_naive = 0, sum_ns_part = 0;
    for (uint32_t i = 0; i < N; i++) {
        sum_count += (uint64_t)counts[i];
        sum_ns += (uint64_t)ns[i];
    }
    t0 = now();
    for (uint32_t i = 0; i < NAIVE_N; i++) {
        sum_count_naive += (uint64_t)naive_count(cal, starts[i], ends[i]);
        sum_ns_part += (uint64_t)ns[i];
    }
    double t_count_naive = (now() - t0) * (double)N / NAIVE_N;

    printf("bench-calendar: england-and-wales, %u operations, n in 1..65, starts 2000-2030\n", N);
    printf("%-34s %14s %10s\n", "operation", "ops/s", "vs naive");
    printf("%-34s %14.0f %9s   (reference, checksum %llu)\n", "one-lookup table loop",
           N / t_table, "", (unsigned long long)sum_table);
    printf("%-34s %14.0f %9.1fx   %.2fx the reference's time\n", "add_working_days_n (batch)",
           N / t_batch, t_naive / t_batch, t_batch / t_table);
    printf("%-34s %14.0f %9.1fx   %.2fx the reference's time\n",
           "add_working_days (single calls)", N / t_single, t_naive / t_single,
           t_single / t_table);
    printf("%-34s %14.0f %9s\n", "naive day-stepping add", N / t_naive, "1.0x");
    printf("%-34s %14.0f %9.1fx\n", "count_working_days_n (batch)", N / t_count,
           t_count_naive / t_count);
    printf("%-34s %14.0f %9s\n", "naive day-stepping count", N / t_count_naive, "1.0x");
    printf("checksums: batch %llu, single %llu (%s); first %u: fast %llu, naive %llu (%s)\n",
           (unsigned long long)sum_batch, (unsigned long long)sum_single,
           sum_batch == sum_single ? "agree" : "DIFFER", NAIVE_N,
           (unsigned long long)sum_fast_part, (unsigned long long)sum_naive,
           sum_fast_part == sum_naive ? "agree" : "DIFFER");
    printf("checksums: count(a, add(a, n)) sum %llu, sum of n %llu (%s); naive count on first "
           "%u: %llu vs %llu (%s)\n",
           (unsigned long long)sum_count, (unsigned long long)sum_ns,
           sum_count == sum_ns ? "agree" : "DIFFER", NAIVE_N,
           (unsigned long long)sum_count_naive, (unsigned long long)sum_ns_part,
           sum_count_naive == sum_ns_part ? "agree" : "DIFFER");
    size_t bytes = sizeof *cal + cal->ndays * sizeof *cal->days;
    printf("memory: one calendar %zu bytes (%.1f KiB; target under 256 KiB): tables %zu, "
           "%zu listed days\n",
           bytes, bytes / 1024.0, sizeof *cal, cal->ndays);
    printf("target: batch add within 3x of the one-lookup loop: %.2fx, %s\n", t_batch / t_table,
           t_batch <= 3 * t_table ? "met" : "NOT met");
    free(starts);
    free(out);
    free(ns);
    free(ends);
    free(counts);
    free(table);
    return sum_batch == sum_single && sum_fast_part == sum_naive && sum_count == sum_ns ? 0 : 1;
}
