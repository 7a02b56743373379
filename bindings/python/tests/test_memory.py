"""No leaks: handles are freed exactly once, and RSS stays flat."""

from __future__ import annotations

import gc
import os
from datetime import date

import ukcomplaints as u

PAGE = os.sysconf("SC_PAGE_SIZE")


def rss() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * PAGE


def test_30000_calendars_created_and_freed(ew):
    # Each with_closures() makes two C calendars (the copy with the closures,
    # and that copy under its new name), and each calendar lists a year for
    # is_working_day(): every one must be freed.
    closures = {date(2024, 12, 27): "Christmas closure", date(2025, 8, 1): "Staff day"}

    def cycle(k: int) -> None:
        for i in range(k):
            if i % 2:
                with ew.with_closures(closures) as cal:   # freed by close()
                    assert not cal.is_working_day(date(2024, 12, 27))
            else:
                cal = ew.with_closures(closures)          # freed by its finaliser
                del cal

    cycle(3000)  # let the allocator reach its steady state
    gc.collect()
    before = rss()
    cycle(30_000)
    gc.collect()
    after = rss()
    # A calendar is tens of kilobytes: a leak of even one in ten would add about
    # a hundred megabytes. Allow a few megabytes of allocator noise.
    assert after - before < 8 * 1024 * 1024, (before, after)


def test_explanations_and_unions_do_not_leak(ew, scot):
    def cycle(k: int) -> None:
        for _ in range(k):
            e = ew.explain_deadline(date(2024, 12, 20), 20)
            e.to_json()
            with ew.union(scot) as c:
                c.is_working_day(date(2024, 1, 2))

    cycle(300)
    gc.collect()
    before = rss()
    cycle(3000)
    gc.collect()
    assert rss() - before < 8 * 1024 * 1024


def test_errors_do_not_leak(ew):
    def cycle(k: int) -> None:
        for _ in range(k):
            try:
                ew.with_closures({date(1960, 1, 1): "x"})
            except u.OutOfRangeError:
                pass
            try:
                u.Calendar.from_govuk_json(b"{", "scotland")
            except u.ParseError:
                pass

    cycle(1000)
    gc.collect()
    before = rss()
    cycle(20_000)
    gc.collect()
    assert rss() - before < 8 * 1024 * 1024
