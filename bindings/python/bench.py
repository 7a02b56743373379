#!/usr/bin/env python3
"""Benchmark: bulk working-day arithmetic against numpy.busday_offset, and
single-day questions against python-holidays.

Run from a checkout after building (or with UKC_LIBRARY set):

    /usr/bin/python3 bindings/python/bench.py [--size N] [--repeat R]

It times, in one process and over the same inputs:

* ``Calendar.add_working_days_many`` on N (default 10 million) numpy
  ``datetime64[D]`` starts spread over 2000-2030 with n in 1..65 (C calls over
  chunks, ``ukc_calendar_add_working_days_n``, including the conversions in
  and out): returning a new array, and filling an ``out=`` array;
* the same with int32 day numbers (passed to C in place), new and ``out=``;
* the same on a pandas ``Series`` (when pandas is installed);
* ``numpy.busday_offset(starts, ns, roll='backward', holidays=...)`` with the
  same England and Wales holidays (from ``cal.holidays()`` over the range), and
  with a prebuilt ``numpy.busdaycalendar``;
* single days: ``d in cal``, ``cal.is_working_day(d)`` and ``cal.get(d)``
  against python-holidays' ``d in hol`` and ``hol.get(d)`` for the same days
  (when python-holidays is installed: Debian's python3-holidays), and the
  per-call cost of the scalar ``Calendar.add_working_days``.

Comparable semantics: with ``roll='backward'`` numpy first moves a start that
is not a business day back to the previous business day p, then counts n
business days from p. We count n working days from the start itself (day 0).
For n >= 1 these agree on every start: no working day lies after p and up to
the start, so the working days in (p, r] and in (start, r] are the same. Every
n here is 1..65, so every input is comparable, and all answers are checked.

Benchmarks print figures; they never assert a speed.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from datetime import date, timedelta

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

try:
    import numpy as np
except ImportError:
    sys.exit("bench.py needs numpy (Debian: python3-numpy)")

import ukcomplaints as u  # noqa: E402


def best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size", type=int, default=10_000_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--seed", type=int, default=2024)
    args = ap.parse_args()

    cal = u.Calendar("england-and-wales")
    rng = np.random.default_rng(args.seed)
    lo = u.to_day_number(date(2000, 1, 1))
    hi = u.to_day_number(date(2030, 12, 31))
    starts = rng.integers(lo, hi + 1, size=args.size).astype("datetime64[D]")
    ns = rng.integers(1, 66, size=args.size).astype(np.int32)
    starts_i32 = starts.astype(np.int64).astype(np.int32)

    # The same non-working weekdays for numpy, over every day an answer can reach.
    hols = np.array([h.date for h in cal.holidays(date(1999, 1, 1), date(2031, 12, 31))],
                    dtype="datetime64[D]")
    busdaycal = np.busdaycalendar(weekmask="1111100", holidays=hols)

    ours = cal.add_working_days_many(starts, ns)
    ours_i32 = cal.add_working_days_many(starts_i32, ns)
    theirs = np.busday_offset(starts, ns, roll="backward", holidays=hols)
    theirs_cal = np.busday_offset(starts, ns, roll="backward", busdaycal=busdaycal)
    out_d = np.empty_like(starts)
    out_i = np.empty(starts.shape, dtype=np.int32)
    cal.add_working_days_many(starts, ns, out=out_d)
    cal.add_working_days_many(starts_i32, ns, out=out_i)

    rows = [
        ("ukcomplaints add_working_days_many, datetime64[D]",
         best(lambda: cal.add_working_days_many(starts, ns), args.repeat)),
        ("ukcomplaints add_working_days_many, datetime64[D], out=",
         best(lambda: cal.add_working_days_many(starts, ns, out=out_d), args.repeat)),
        ("ukcomplaints add_working_days_many, int32 day numbers",
         best(lambda: cal.add_working_days_many(starts_i32, ns), args.repeat)),
        ("ukcomplaints add_working_days_many, int32, out=",
         best(lambda: cal.add_working_days_many(starts_i32, ns, out=out_i), args.repeat)),
    ]
    try:
        import pandas as pd
    except ImportError:
        pd = None
    if pd is not None:
        series = pd.Series(starts.astype("datetime64[ns]"))
        ours_pd = cal.add_working_days_many(series, ns)
        rows.append(("ukcomplaints add_working_days_many, pandas Series",
                     best(lambda: cal.add_working_days_many(series, ns), args.repeat)))
    t_np = best(lambda: np.busday_offset(starts, ns, roll="backward", holidays=hols),
                args.repeat)
    t_np_cal = best(lambda: np.busday_offset(starts, ns, roll="backward",
                                             busdaycal=busdaycal), args.repeat)
    rows += [
        ("numpy.busday_offset(roll='backward', holidays=...)", t_np),
        ("numpy.busday_offset(roll='backward', busdaycal=...)", t_np_cal),
    ]

    n = args.size
    print(f"ukcomplaints {u.version()} ({u.library_path}), numpy {np.__version__}"
          + (f", pandas {pd.__version__}" if pd is not None else ""))
    print(f"{n:,} starts over 2000-2030, n in 1..65, England and Wales "
          f"({len(hols)} holidays 1999-2031); best of {args.repeat}")
    for label, t in rows:
        print(f"  {label:<58} {t * 1e3:8.2f} ms  {n / t / 1e6:8.1f} M/s")
    t_np_best = min(t_np, t_np_cal)
    for label, t in zip(("datetime64[D]", "datetime64[D], out="), (rows[0][1], rows[1][1])):
        print(f"  ratio, fastest numpy / ukcomplaints {label + ':':<21} {t_np_best / t:8.2f}x")

    same = ours == theirs
    agree = bool(same.all() and (theirs == theirs_cal).all()
                 and (ours_i32 == ours.astype(np.int64).astype(np.int32)).all()
                 and (out_d == ours).all() and (out_i == ours_i32).all()
                 and (pd is None or (ours_pd.to_numpy().astype("datetime64[D]") == ours).all()))
    print(f"  all {n:,} answers agree: {'yes' if agree else 'NO'}")
    if not agree:
        bad = np.flatnonzero(~same)
        print(f"  {bad.size:,} answers differ ({bad.size / n:.2%}); the first few:")
        for i in bad[:5]:
            print(f"    {starts[i]} + {ns[i]}: ukcomplaints {ours[i]}, numpy {theirs[i]}")

    scalars(cal, args.repeat)


def scalars(cal: "u.Calendar", repeat: int) -> None:
    """Single days: the same 2,000 days (2024-2029) asked of both libraries."""
    days = [date(2024, 1, 1) + timedelta(days=i) for i in range(2000)]
    try:
        import holidays
        years = range(2024, 2030)
        if hasattr(holidays, "country_holidays"):
            hol = holidays.country_holidays("GB", subdiv="ENG", years=years)
        else:  # before 0.13, as Debian 12's 0.10
            hol = holidays.England(years=years)
        ref = f"python-holidays {holidays.__version__}"
    except ImportError:
        hol, ref = None, "python-holidays is not installed (Debian: python3-holidays)"
    print(f"single days, {len(days):,} days 2024-2029, ns per question; {ref}")
    for d in days[:400]:  # fill both sides' year lists first
        d in cal  # noqa: B015
        if hol is not None:
            d in hol  # noqa: B015

    def per_day(fn) -> float:
        def loop() -> None:
            for d in days:
                fn(d)
        return best(loop, repeat) / len(days) * 1e9

    rows = [("d in cal", per_day(cal.__contains__)),
            ("cal.is_working_day(d)", per_day(cal.is_working_day)),
            ("cal.get(d)", per_day(cal.get))]
    if hol is not None:
        rows += [("d in hol (python-holidays)", per_day(hol.__contains__)),
                 ("hol.get(d) (python-holidays)", per_day(hol.get))]
        # python-holidays also lists a holiday that falls on a weekend (as well
        # as its substitute); a calendar lists non-working days, so compare weekdays.
        weekdays = [d for d in days if d.weekday() < 5]
        agree = all((d in cal) == (d in hol) for d in weekdays)
        print(f"  bank holidays agree on all {len(weekdays):,} weekdays: "
              f"{'yes' if agree else 'NO'}")
    for label, ns in rows:
        print(f"  {label:<34} {ns:8.0f} ns")
    k = 200_000
    d = date(2024, 12, 20)

    def add() -> None:
        fn = cal.add_working_days
        for _ in range(k):
            fn(d, 5)
    print(f"  {'cal.add_working_days(d, 5)':<34} {best(add, repeat) / k * 1e9:8.0f} ns")


if __name__ == "__main__":
    main()
