"""Working-day arithmetic against a plain reference written here.

The reference knows only that Saturdays and Sundays are not working days, and
takes the other non-working days from ``holidays()`` (checked against GOV.UK's
lists in test_golden.py). It counts one day at a time.
"""

from __future__ import annotations

import bisect
import os
import random
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

import ukcomplaints as u

FIRST, LAST = date(1971, 1, 1), date(2199, 12, 31)


class Reference:
    def __init__(self, cal: u.Calendar) -> None:
        hol = {h.date for h in cal.holidays(FIRST, LAST)}
        self.working = []  # every working day, in order
        d = FIRST
        while d <= LAST:
            if d.weekday() < 5 and d not in hol:
                self.working.append(d)
            d += timedelta(1)

    def is_working(self, d: date) -> bool:
        i = bisect.bisect_left(self.working, d)
        return i < len(self.working) and self.working[i] == d

    def count(self, a: date, b: date) -> int:  # working days d with a < d <= b
        if b < a:
            return -self.count(b, a)
        return bisect.bisect_right(self.working, b) - bisect.bisect_right(self.working, a)

    def add(self, start: date, n: int) -> date:
        # The working day whose rank (working days up to and including it) is
        # rank(start) + n, so that count(start, add(start, n)) == n in both
        # directions. From a non-working start, one step back therefore skips
        # the working day just before it: that day is the one counted.
        if n == 0:
            return start
        return self.working[bisect.bisect_right(self.working, start) + n - 1]

    def next(self, d: date) -> date:
        return self.working[bisect.bisect_left(self.working, d)]

    def previous(self, d: date) -> date:
        return self.working[bisect.bisect_right(self.working, d) - 1]


@pytest.fixture(scope="module")
def ref(ew) -> Reference:
    return Reference(ew)


def random_days(n: int, seed: int, first=date(1973, 1, 1), last=date(2197, 12, 31)):
    rng = random.Random(seed)
    span = (last - first).days
    return [first + timedelta(rng.randrange(span)) for _ in range(n)]


def test_is_working_day_every_day(ew, ref):
    days = [FIRST + timedelta(k) for k in range((LAST - FIRST).days + 1)]
    assert [ew.is_working_day(d) for d in days] == [ref.is_working(d) for d in days]


def test_count_random(ew, ref):
    a, b = random_days(20000, 1), random_days(20000, 2)
    assert ew.count_working_days_many(a, b) == [ref.count(x, y) for x, y in zip(a, b)]


def test_previous_working_day_2019_2030(ew, ref):
    days = [date(2019, 1, 1) + timedelta(k) for k in range(12 * 366)]
    assert [ew.previous_working_day(d) for d in days] == [ref.previous(d) for d in days]


def test_add_random(ew, ref):
    rng = random.Random(3)
    starts = random_days(20000, 3)
    ns = [rng.randrange(-300, 300) for _ in starts]
    assert ew.add_working_days_many(starts, ns) == [ref.add(s, n) for s, n in zip(starts, ns)]


def test_next_working_day_2019_2030(ew, ref):
    days = [date(2019, 1, 1) + timedelta(k) for k in range(12 * 366)]
    assert [ew.next_working_day(d) for d in days] == [ref.next(d) for d in days]


def test_add_negative_terminates_and_is_right():
    # Run in a child process with a time limit, so a hang fails rather than stalls.
    # Tue 2019-01-01 (New Year's Day, not a working day) - 8: the answer b needs
    # exactly 8 working days d with b < d <= 1 Jan: Mon 31 Dec, Fri 28, Thu 27
    # (Wed 26 and Tue 25 skipped), Mon 24, Fri 21, Thu 20, Wed 19, Tue 18. So b
    # is the working day before Tue 18: Mon 17 Dec 2018.
    # Mon 1971-02-01 - 5: Fri 29 Jan = 1, Thu 28 = 2, Wed 27 = 3, Tue 26 = 4, Mon 25 = 5.
    code = ("import ukcomplaints as u; from datetime import date; c = u.Calendar(); "
            "print(c.add_working_days(date(2019, 1, 1), -8), "
            "c.add_working_days(date(1971, 2, 1), -5))")
    env = dict(os.environ, PYTHONPATH=str(Path(u.__file__).resolve().parents[1]))
    try:
        r = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                           text=True, timeout=10)
    except subprocess.TimeoutExpired:
        pytest.fail("add_working_days with a negative n did not return within 10 s")
    assert r.stdout.split() == ["2018-12-17", "1971-01-25"], r.stderr
