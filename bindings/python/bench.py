#!/usr/bin/env python3
"""Benchmark: bulk working-day arithmetic against numpy.busday_offset.

Run from a checkout after building (or with UKC_LIBRARY set):

    /usr/bin/python3 bindings/python/bench.py [--size N] [--repeat R]

It times, in one process and over the same inputs:

* ``Calendar.add_working_days_many`` on N numpy ``datetime64[D]`` starts spread
  over 2000-2030 with n in 1..65 (one C call, ``ukc_calendar_add_working_days_n``,
  including the conversions in and out);
* the same with int32 day numbers (used in place, no conversion);
* ``numpy.busday_offset(starts, ns, roll='backward', holidays=...)`` with the
  same England and Wales holidays (from ``cal.holidays()`` over the range), and
  with a prebuilt ``numpy.busdaycalendar``;
* the per-call cost of the scalar ``Calendar.add_working_days``.

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
from datetime import date

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
    ap.add_argument("--size", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=5)
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

    t_ours = best(lambda: cal.add_working_days_many(starts, ns), args.repeat)
    t_ours_i32 = best(lambda: cal.add_working_days_many(starts_i32, ns), args.repeat)
    t_np = best(lambda: np.busday_offset(starts, ns, roll="backward", holidays=hols),
                args.repeat)
    t_np_cal = best(lambda: np.busday_offset(starts, ns, roll="backward",
                                             busdaycal=busdaycal), args.repeat)

    n = args.size
    print(f"ukcomplaints {u.version()} ({u.library_path}), numpy {np.__version__}")
    print(f"{n:,} starts over 2000-2030, n in 1..65, England and Wales "
          f"({len(hols)} holidays 1999-2031); best of {args.repeat}")
    rows = [
        ("ukcomplaints add_working_days_many, datetime64[D]", t_ours),
        ("ukcomplaints add_working_days_many, int32 day numbers", t_ours_i32),
        ("numpy.busday_offset(roll='backward', holidays=...)", t_np),
        ("numpy.busday_offset(roll='backward', busdaycal=...)", t_np_cal),
    ]
    for label, t in rows:
        print(f"  {label:<56} {t * 1e3:8.2f} ms  {n / t / 1e6:8.1f} M/s")
    t_np_best = min(t_np, t_np_cal)
    print(f"  ratio (fastest numpy / ukcomplaints datetime64[D]):      {t_np_best / t_ours:8.2f}x")

    same = ours == theirs
    agree = bool(same.all() and (theirs == theirs_cal).all()
                 and (ours_i32 == ours.astype(np.int64).astype(np.int32)).all())
    print(f"  all {n:,} answers agree: {'yes' if agree else 'NO'}")
    if not agree:
        bad = np.flatnonzero(~same)
        print(f"  {bad.size:,} answers differ ({bad.size / n:.2%}); the first few:")
        for i in bad[:5]:
            print(f"    {starts[i]} + {ns[i]}: ukcomplaints {ours[i]}, numpy {theirs[i]}")

    # The scalar path: one ctypes call per answer.
    d = date(2024, 12, 20)
    k = 200_000
    def scalar() -> None:
        add = cal.add_working_days
        for _ in range(k):
            add(d, 5)
    t_scalar = best(scalar, args.repeat)
    print(f"  scalar add_working_days: {t_scalar / k * 1e9:.0f} ns per call "
          f"({k:,} calls)")


if __name__ == "__main__":
    main()
