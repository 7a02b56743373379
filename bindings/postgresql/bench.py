#!/usr/bin/env python3
"""Benchmark: 1,000,000 rows of ukc_add_working_days against the same query
with a PL/pgSQL function stepping day by day over a holidays table, in the
same run, on a throwaway server (see tests/pgcluster.py).

Usage: bench.py PG_CONFIG MODULE CONTROL SCRIPT LIBRARY [ROWS]

Both queries run in one backend each, without parallel workers, over the same
table of (start, n): start dates in 2000..2030, n in 0..30 working days (the
range of complaint timescales). The holidays table holds every listed
non-working day of England and Wales, 1971..2199, with a primary key. The two
functions must agree on every tenth row, checked after the timing.
"""
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "tests"))
import pgcluster  # noqa: E402

REFERENCE = r"""
CREATE TABLE holidays (day date PRIMARY KEY);
INSERT INTO holidays
    SELECT day FROM ukc_holidays('england-and-wales', '1971-01-01', '2199-12-31');
ANALYZE holidays;
-- The n-th working day after start, the start being day 0: step a day at a
-- time, skipping Saturdays, Sundays and the days in the holidays table.
CREATE FUNCTION plpgsql_add_working_days(start date, n integer) RETURNS date
LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE AS $$
DECLARE
    d date := start;
    k integer := 0;
BEGIN
    WHILE k < n LOOP
        d := d + 1;
        IF extract(isodow FROM d) < 6
           AND NOT EXISTS (SELECT 1 FROM holidays h WHERE h.day = d) THEN
            k := k + 1;
        END IF;
    END LOOP;
    RETURN d;
END
$$;
"""


def timed(cluster, sql):
    t0 = time.perf_counter()
    _, out, _ = cluster.psql("SET max_parallel_workers_per_gather = 0;\n" + sql)
    return time.perf_counter() - t0, out.strip()


def main():
    pg_config, module, control, script, library = sys.argv[1:6]
    rows = int(sys.argv[6]) if len(sys.argv) > 6 else 1000000
    try:
        cluster = pgcluster.Cluster(pg_config, module, control, script, library)
    except pgcluster.Unavailable as exc:
        print(f"SKIP: PostgreSQL's server is not available ({exc})")
        return pgcluster.SKIP
    with cluster:
        cluster.start(settings=["shared_buffers=128MB", "work_mem=64MB"])
        cluster.psql("CREATE EXTENSION ukcomplaints;\n" + REFERENCE +
                     "CREATE TABLE bench AS SELECT i AS id,\n"
                     "    date '2000-01-01' + (hashint4(i) & 16383) % 11323 AS start,\n"
                     "    (hashint4(-i) & 1023) % 31 AS n\n"
                     f"FROM generate_series(1, {rows}) i;\nANALYZE bench;\n")
        q = "SELECT count(*), sum({f} - start) FROM bench;"
        t_ukc, r_ukc = timed(cluster, q.format(f="ukc_add_working_days(start, n, 'england-and-wales')"))
        t_ref, r_ref = timed(cluster, q.format(f="plpgsql_add_working_days(start, n)"))
        _, diff = timed(cluster, "SELECT count(*) FROM bench WHERE id % 10 = 0 AND "
                                 "ukc_add_working_days(start, n, 'england-and-wales') "
                                 "IS DISTINCT FROM plpgsql_add_working_days(start, n);")
    print(f"rows: {rows}  (start 2000..2030, n 0..30, england-and-wales, no parallel workers)")
    print(f"ukc_add_working_days:      {t_ukc:8.3f} s  {t_ukc / rows * 1e9:8.0f} ns/row  "
          f"(count, sum of days: {r_ukc})")
    print(f"PL/pgSQL day-stepping loop: {t_ref:8.3f} s  {t_ref / rows * 1e9:8.0f} ns/row  "
          f"(count, sum of days: {r_ref})")
    print(f"speed-up: {t_ref / t_ukc:.1f}x (target >= 5x)")
    print(f"rows that differ, of every tenth: {diff}")
    ok = r_ukc == r_ref and diff == "0" and t_ref / t_ukc >= 5
    print("ok" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
