"""Calendar: every public method, with hand-checked answers."""

from __future__ import annotations

import gc
import random
import threading
import weakref
from datetime import date, timedelta

import pytest

import ukcomplaints as u
from ukcomplaints import Calendar, DayKind, Receipt


def test_builtins():
    assert Calendar.builtins() == ["england-and-wales", "scotland", "northern-ireland",
                                   "united-kingdom"]
    for name in Calendar.builtins():
        cal = Calendar(name)
        assert cal.name == name and cal.builtin
        assert cal.published_until == 2028  # the newest embedded GOV.UK list is 2019-2028
    assert Calendar().name == "england-and-wales"


def test_builtin_close_is_a_no_op(ew):
    cal = Calendar("scotland")
    with cal:
        pass
    cal.close()
    assert not cal.closed
    assert cal.is_working_day(date(2024, 1, 3))


def test_is_working_day(ew, scot):
    assert ew.is_working_day(date(2024, 1, 3))          # a Wednesday
    assert not ew.is_working_day(date(2024, 1, 6))      # a Saturday
    assert not ew.is_working_day(date(2024, 12, 25))    # Christmas Day
    assert ew.is_working_day(date(2024, 1, 2))          # 2 January: England works...
    assert not scot.is_working_day(date(2024, 1, 2))    # ...Scotland does not
    assert not ew.is_working_day("2024-05-06")          # Early May bank holiday, as ISO text


def test_day(ew):
    h = ew.day(date(2024, 12, 26))
    assert (h.date, h.name, h.kind) == (date(2024, 12, 26), "Boxing Day", DayKind.BANK_HOLIDAY)
    assert h.kind == "bank-holiday" and h.division == "england-and-wales" and not h.projected
    assert "1971" in h.source
    w = ew.day(date(2024, 12, 28))
    assert (w.kind, w.name) == (DayKind.WEEKEND, "Saturday")
    d = ew.day(date(2024, 12, 27))
    assert (d.kind, d.name) == (DayKind.WORKING, "") and d.is_working_day
    # 2027-12-25 is a Saturday, so Christmas is substituted on Monday 27 December
    # and Boxing Day on Tuesday 28 December.
    assert ew.day(date(2027, 12, 27)).kind is DayKind.SUBSTITUTE
    assert ew.day(date(2027, 12, 28)).kind is DayKind.SUBSTITUTE
    # 2022-09-19: the state funeral of Queen Elizabeth II, a one-off bank holiday.
    assert ew.day(date(2022, 9, 19)).kind is DayKind.ONE_OFF
    assert ew.day(date(2035, 12, 25)).projected


def test_hand_checked_deadlines(ew, scot):
    # Fri 2024-12-20 + 5: Sat 21, Sun 22 skipped; Mon 23 = 1; Tue 24 = 2; Wed 25
    # (Christmas) and Thu 26 (Boxing Day) skipped; Fri 27 = 3; weekend skipped;
    # Mon 30 = 4; Tue 31 = 5.
    assert ew.add_working_days(date(2024, 12, 20), 5) == date(2024, 12, 31)
    # Tue 2024-12-31 + 2, England: Wed 1 Jan skipped; Thu 2 = 1; Fri 3 = 2.
    assert ew.add_working_days(date(2024, 12, 31), 2) == date(2025, 1, 3)
    # The same in Scotland: 1 and 2 January skipped; Fri 3 = 1; weekend; Mon 6 = 2.
    assert scot.add_working_days(date(2024, 12, 31), 2) == date(2025, 1, 6)
    # Thu 2025-04-17 + 1, England: Good Friday 18th, the weekend, Easter Monday
    # 21st skipped; Tue 22 = 1. Scotland keeps no Easter Monday: Mon 21 = 1.
    assert ew.add_working_days(date(2025, 4, 17), 1) == date(2025, 4, 22)
    assert scot.add_working_days(date(2025, 4, 17), 1) == date(2025, 4, 21)
    # Counting back: Tue 2024-12-31 - 5: Mon 30 = 1; Fri 27 = 2; Thu 26 and Wed 25
    # skipped; Tue 24 = 3; Mon 23 = 4; Fri 20 = 5.
    assert ew.add_working_days(date(2024, 12, 31), -5) == date(2024, 12, 20)
    # n = 0 is the start itself, working day or not.
    assert ew.add_working_days(date(2024, 12, 25), 0) == date(2024, 12, 25)
    # A 20-working-day response from Mon 2024-03-04: weeks of 5 give Mon 1 April
    # at day 20 without holidays, but Good Friday 29 March and Easter Monday
    # 1 April 2024 push it two working days on: Tue 2 = 19, Wed 3 April = 20.
    assert ew.add_working_days(date(2024, 3, 4), 20) == date(2024, 4, 3)


def test_hand_checked_working_day_before_a_holiday(ew):
    # Fri 2029-12-21 + 1: Sat 22, Sun 23 skipped; Mon 24 December is a working
    # day (Christmas, Tue 25, comes after it) = 1.
    assert ew.add_working_days(date(2029, 12, 21), 1) == date(2029, 12, 24)
    # The next working day after Sat 1977-06-04 is Mon 6 June; the Silver
    # Jubilee holiday was Tue 7 June 1977.
    assert ew.next_working_day(date(1977, 6, 4)) == date(1977, 6, 6)


def test_count_working_days(ew):
    # From Fri 2024-12-20 (excluded) to Tue 2024-12-31 (included): 23, 24, 27, 30, 31.
    assert ew.count_working_days(date(2024, 12, 20), date(2024, 12, 31)) == 5
    assert ew.count_working_days(date(2024, 12, 31), date(2024, 12, 20)) == -5
    assert ew.count_working_days(date(2024, 12, 25), date(2024, 12, 25)) == 0
    # 2024 in England: 366 days, 104 weekend days, 8 bank holidays on weekdays.
    assert ew.count_working_days(date(2023, 12, 31), date(2024, 12, 31)) == 366 - 104 - 8


def test_next_and_previous_working_day(ew):
    # Sat 2024-12-21 -> Mon 23; Christmas Wed 25 -> Fri 27 (Boxing Day Thu 26).
    assert ew.next_working_day(date(2024, 12, 21)) == date(2024, 12, 23)
    assert ew.next_working_day(date(2024, 12, 25)) == date(2024, 12, 27)
    assert ew.next_working_day(date(2024, 12, 27)) == date(2024, 12, 27)
    # Thu 26 -> Tue 24; Mon 2024-05-06 (Early May) -> Fri 3 May.
    assert ew.previous_working_day(date(2024, 12, 26)) == date(2024, 12, 24)
    assert ew.previous_working_day(date(2024, 5, 6)) == date(2024, 5, 3)


def test_range_errors(ew):
    for fn in (ew.is_working_day, ew.day, ew.next_working_day, ew.previous_working_day):
        with pytest.raises(u.OutOfRangeError):
            fn(date(1970, 12, 31))
        with pytest.raises(u.OutOfRangeError):
            fn(date(2200, 1, 1))
    with pytest.raises(u.OutOfRangeError):
        ew.add_working_days(date(2199, 12, 30), 5)
    with pytest.raises(u.OutOfRangeError):
        ew.count_working_days(date(1971, 1, 1), date(2200, 1, 1))
    with pytest.raises(u.OutOfRangeError):
        ew.holidays(date(1970, 1, 1), date(1971, 2, 1))
    # The first and last days work.
    assert ew.count_working_days(date(1971, 1, 1), date(1971, 1, 1)) == 0
    assert ew.day(date(2199, 12, 31)).date == date(2199, 12, 31)


def test_holidays(ew, uk):
    hs = ew.holidays(date(2024, 1, 1), date(2024, 12, 31))
    # GOV.UK's 2024 list for England and Wales.
    assert [(h.date, h.name) for h in hs] == [
        (date(2024, 1, 1), "New Year’s Day"),
        (date(2024, 3, 29), "Good Friday"),
        (date(2024, 4, 1), "Easter Monday"),
        (date(2024, 5, 6), "Early May bank holiday"),
        (date(2024, 5, 27), "Spring bank holiday"),
        (date(2024, 8, 26), "Summer bank holiday"),
        (date(2024, 12, 25), "Christmas Day"),
        (date(2024, 12, 26), "Boxing Day"),
    ]
    assert all(h.division == "england-and-wales" and not h.projected for h in hs)
    assert all(isinstance(h, u.Holiday) and h.source for h in hs)
    week = ew.holidays(date(2024, 12, 21), date(2024, 12, 27), weekends=True)
    assert [h.date.day for h in week] == [21, 22, 25, 26]
    assert [h.kind for h in week] == ["weekend", "weekend", "bank-holiday", "bank-holiday"]
    assert ew.holidays(date(2024, 6, 3), date(2024, 6, 7)) == []
    # United Kingdom: St Patrick's Day (NI) in 2026 falls on a Tuesday.
    pat = [h for h in uk.holidays(date(2026, 3, 17), date(2026, 3, 17))]
    assert len(pat) == 1 and pat[0].divisions == ("northern-ireland",)
    ny = uk.holidays(date(2026, 1, 1), date(2026, 1, 1))[0]
    assert set(ny.divisions) == {"england-and-wales", "scotland", "northern-ireland"}
    assert str(hs[0]) == "2024-01-01 New Year’s Day (bank-holiday)"


def test_deadline_and_receipt(ew):
    # Receipt Sat 2024-05-04; Mon 6 May is the Early May bank holiday.
    # day-of-receipt: day 0 Sat 4; Sun 5, Mon 6 skipped; Tue 7 = 1, Wed 8 = 2, Thu 9 = 3.
    assert ew.deadline(date(2024, 5, 4), 3) == date(2024, 5, 9)
    assert ew.deadline(date(2024, 5, 4), 3, "day-of-receipt") == date(2024, 5, 9)
    # next-working-day: deemed received Tue 7 (day 0); Wed 8 = 1, Thu 9 = 2, Fri 10 = 3.
    assert ew.deadline(date(2024, 5, 4), 3, "next-working-day") == date(2024, 5, 10)
    assert ew.deadline(date(2024, 5, 4), 3, Receipt.NEXT_WORKING_DAY) == date(2024, 5, 10)
    # On a working day the two conventions agree.
    assert ew.deadline(date(2024, 5, 8), 3, "next-working-day") == date(2024, 5, 13)
    with pytest.raises(TypeError):
        ew.deadline(date(2024, 5, 4), 3, 1)  # type: ignore[arg-type]


def test_receipt_and_kind_enums():
    assert Receipt("day-of-receipt") is Receipt.DAY_OF_RECEIPT
    assert Receipt.NEXT_WORKING_DAY.code == 1 and str(Receipt.NEXT_WORKING_DAY) == "next-working-day"
    assert [k.code for k in DayKind] == [0, 1, 2, 3, 4, 5]
    assert DayKind.from_code(4) is DayKind.ONE_OFF and DayKind.ONE_OFF == "one-off"
    assert str(DayKind.OVERLAY) == "overlay"


def test_from_govuk_json_path_and_bytes(govuk_dir):
    path = govuk_dir / "govuk-bank-holidays-2019-2028.json"
    for division in ("england-and-wales", "scotland", "northern-ireland", "united-kingdom"):
        with Calendar.from_govuk_json(path, division=division) as cal:
            assert not cal.builtin and cal.published_until == 2028
            assert not cal.is_working_day(date(2024, 12, 25))
    cal = Calendar.from_govuk_json(str(path), division="scotland")
    # Scotland's World Cup bank holiday, Mon 15 June 2026, is in this file.
    assert cal.day(date(2026, 6, 15)).name == "World Cup bank holiday"
    data = path.read_bytes()
    cal2 = Calendar.from_govuk_json(data, division="scotland", origin="test feed")
    h = cal2.day(date(2026, 6, 15))
    assert h.name == "World Cup bank holiday" and "test feed" in h.source
    with pytest.raises(TypeError):
        Calendar.from_govuk_json(str(path), origin="x")
    with pytest.raises(TypeError):
        Calendar.from_govuk_json(12)  # type: ignore[arg-type]


def test_from_govuk_json_adds_years():
    # A feed that lists a made-up one-off holiday in 2031 replaces 2031's list.
    doc = (b'{"england-and-wales": {"division": "england-and-wales", "events": ['
           b'{"title": "Test day", "date": "2031-06-04", "notes": "", "bunting": true}]}}')
    cal = Calendar.from_govuk_json(doc, "england-and-wales")
    assert cal.day(date(2031, 6, 4)).name == "Test day"  # a Wednesday
    assert cal.published_until == 2031


def test_union(ew, scot, ni):
    with ew.union(scot) as both:
        assert both.name == "england-and-wales+scotland"
        assert not both.is_working_day(date(2024, 1, 2))    # Scotland's 2 January
        assert not both.is_working_day(date(2024, 4, 1))    # England's Easter Monday
        assert both.is_working_day(date(2024, 3, 18))       # St Patrick's Day (Mon) only NI
    three = ew.union(scot, ni, name="all three")
    assert three.name == "all three"
    # The union of the three divisions has the days of the built-in united-kingdom.
    year = (date(2024, 1, 1), date(2024, 12, 31))
    assert [h.date for h in three.holidays(*year)] == \
        [h.date for h in Calendar("united-kingdom").holidays(*year)]
    with pytest.raises(TypeError):
        ew.union("scotland")  # type: ignore[arg-type]
    with pytest.raises(u.InvalidArgumentError):
        ew.union(*([scot] * 64))  # 65 calendars: the limit is 64


def test_with_closures(ew):
    closures = {date(2024, 12, 27): "Christmas closure", date(2024, 12, 30): "Christmas closure",
                date(2024, 12, 25): "already a holiday"}
    with ew.with_closures(closures, overlay="Kent closures") as cal:
        h = cal.day(date(2024, 12, 27))
        assert (h.kind, h.name) == (DayKind.OVERLAY, "Christmas closure")
        assert "Kent closures" in h.source
        assert cal.day(date(2024, 12, 25)).kind is DayKind.BANK_HOLIDAY
        # Fri 2024-12-20 + 5 with 27 and 30 December closed: Mon 23 = 1, Tue 24 = 2,
        # Tue 31 = 3, Thu 2 Jan = 4 (1 Jan skipped), Fri 3 Jan = 5.
        assert cal.add_working_days(date(2024, 12, 20), 5) == date(2025, 1, 3)
    pairs = ew.with_closures([(date(2024, 8, 27), "Staff day"), ("2024-08-28", "Staff day")])
    assert not pairs.is_working_day(date(2024, 8, 28))
    plain = ew.with_closures({})
    assert plain.is_working_day(date(2024, 8, 27))


def test_close_and_context_manager(ew):
    cal = ew.with_closures({date(2024, 1, 2): "x"})
    assert not cal.closed
    cal.close()
    assert cal.closed
    cal.close()  # a second close does nothing
    for call in (lambda: cal.is_working_day(date(2024, 1, 2)), lambda: cal.name,
                 lambda: cal.add_working_days_many([date(2024, 1, 2)], [1]),
                 lambda: cal.union(ew), lambda: ew.union(cal)):
        with pytest.raises(u.ClosedError):
            call()
    assert "closed" in repr(cal)
    with ew.with_closures({date(2024, 1, 2): "x"}) as c2:
        assert not c2.is_working_day(date(2024, 1, 2))
    assert c2.closed


def test_finaliser_frees_once(ew):
    cal = ew.with_closures({date(2024, 1, 2): "x"})
    fin = cal._finalizer
    ref = weakref.ref(cal)
    del cal
    gc.collect()
    assert ref() is None and not fin.alive


def test_repr(ew):
    assert repr(ew) == "<Calendar 'england-and-wales' (built-in)>"


def test_threads_share_a_calendar(ew):
    # Calendars are immutable: many threads may query one at once.
    rng = random.Random(7)
    cases = [(date(2000, 1, 1) + timedelta(rng.randrange(10000)), rng.randrange(0, 60))
             for _ in range(2000)]
    expected = [ew.add_working_days(s, n) for s, n in cases]
    errors = []

    def work() -> None:
        for _ in range(3):
            got = [ew.add_working_days(s, n) for s, n in cases]
            if got != expected:
                errors.append("mismatch")
            many = ew.add_working_days_many([s for s, _ in cases], [n for _, n in cases])
            if many != expected:
                errors.append("bulk mismatch")
            with ew.with_closures({date(2024, 1, 2): "x"}) as c:
                c.explain_deadline(date(2024, 1, 1), 10)

    threads = [threading.Thread(target=work) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
