"""python-holidays' idioms on a Calendar: ``d in cal``, ``cal.get(d)``,
``cal.holidays(year)`` / ``years=``, division codes, feeds given as text, and an
overlay named apart from its calendar.

Expected answers come from GOV.UK's bank-holidays.json (lib/data/govuk/), read
here with the json module, or are worked by hand in comments.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

import ukcomplaints as u
from ukcomplaints import Calendar, DayKind

FEED = "govuk-bank-holidays-2019-2028.json"


@pytest.fixture(scope="module")
def feed(govuk_dir: Path) -> dict:
    return json.loads((govuk_dir / FEED).read_text(encoding="utf-8"))


def events(feed: dict, division: str, year: int) -> dict:
    return {date.fromisoformat(e["date"]): e["title"] for e in feed[division]["events"]
            if e["date"].startswith(str(year))}


@pytest.mark.parametrize("code,division", [("ENG", "england-and-wales"),
                                           ("WLS", "england-and-wales"),
                                           ("SCT", "scotland"), ("NIR", "northern-ireland")])
def test_codes_give_govuk_lists(feed, code, division):
    cal = Calendar(code)
    assert cal.name == division
    for year in range(2019, 2029):
        want = events(feed, division, year)
        got = cal.holidays(year)
        assert {h.date: h.name for h in got} == want, (code, year)
        assert [h.date for h in got] == sorted(want)
        assert cal.holidays(years=year) == got
        for d, title in want.items():
            assert d in cal and cal.get(d) == title
            assert not cal.is_working_day(d)


def test_codes_any_case_and_uk():
    assert Calendar("sct").name == Calendar("Sct").name == "scotland"
    uk = Calendar("UK")
    assert uk.name == "united-kingdom"
    # 17 March 2025 (Mon) is St Patrick's Day, a bank holiday only in Northern
    # Ireland; the UK calendar lists a day that is a holiday anywhere.
    assert date(2025, 3, 17) in uk and date(2025, 3, 17) not in Calendar("ENG")
    with pytest.raises(u.NotFoundError):
        Calendar("XYZ")


def test_in_and_get_on_other_days(ew):
    # Christmas 2024 is a Wednesday: 25 and 26 December are bank holidays,
    # Tuesday 24th is a working day, Saturday 28th a weekend (not listed).
    assert date(2024, 12, 25) in ew
    assert date(2024, 12, 24) not in ew
    assert date(2024, 12, 28) not in ew
    assert ew.get(date(2024, 12, 26)) == "Boxing Day"
    assert ew.get(date(2024, 12, 24)) is None
    assert ew.get(date(2024, 12, 28), "weekend") == "weekend"


def test_in_takes_what_python_holidays_takes(ew, np):
    # The day of a datetime counts, whatever the time; strings and datetime64 too.
    assert datetime(2024, 12, 25, 17, 30) in ew
    assert "2024-12-26" in ew
    assert np.datetime64("2024-12-25") in ew
    assert np.datetime64("NaT") not in ew
    assert ew.get(np.datetime64("NaT"), "none") == "none"
    with pytest.raises(u.OutOfRangeError):
        date(1970, 6, 1) in ew  # noqa: B015  (before the calendars begin)
    with pytest.raises(u.ParseError):
        "25/12/2024" in ew  # noqa: B015
    with pytest.raises(TypeError):
        20241225 in ew  # noqa: B015


def test_in_on_pandas_timestamps(ew):
    pd = pytest.importorskip("pandas")
    assert pd.Timestamp("2024-12-25 09:00") in ew
    assert pd.Timestamp("2024-12-25", tz="Europe/London") in ew
    assert pd.NaT not in ew


def test_holidays_years_and_ranges(ew, feed):
    want = {**events(feed, "england-and-wales", 2025), **events(feed, "england-and-wales", 2026)}
    for years in ([2025, 2026], range(2025, 2027), (2026, 2025, 2026)):
        assert [h.date for h in ew.holidays(years=years)] == sorted(want)
    # The old form still works, and agrees.
    assert ew.holidays(date(2025, 1, 1), date(2026, 12, 31)) == ew.holidays(years=[2025, 2026])
    # weekends=True adds every Saturday and Sunday: 2026 has 52 of each
    # (1 January 2026 is a Thursday; 365 = 52 weeks + 1 day), so 104 + 8.
    assert len(ew.holidays(2026, weekends=True)) == 104 + 8
    with pytest.raises(TypeError):
        ew.holidays(2026, years=2026)
    with pytest.raises(TypeError):
        ew.holidays()
    with pytest.raises(TypeError):
        ew.holidays(years=["2026"])
    with pytest.raises(u.OutOfRangeError):
        ew.holidays(1960)


def test_year_lists_projected_beyond_govuk(ew):
    # 2031 is beyond GOV.UK's list: projected by rule. Christmas Day 2031 is a
    # Thursday and Boxing Day a Friday; Easter Sunday 2031 is 13 April, so Good
    # Friday is 11 April and Easter Monday 14 April.
    hols = {h.date: h for h in ew.holidays(2031)}
    assert {date(2031, 4, 11), date(2031, 4, 14), date(2031, 12, 25),
            date(2031, 12, 26)} <= set(hols)
    assert all(h.projected for h in hols.values())
    assert date(2031, 4, 14) in ew and ew.get(date(2031, 4, 11)) == "Good Friday"


def test_is_working_day_agrees_with_the_library(ew, scot):
    # is_working_day answers from the year's list for dates; day() asks C.
    d = date(2023, 1, 1)
    for _ in range(3 * 366):
        for cal in (ew, scot):
            assert cal.is_working_day(d) == (cal.day(d).kind is DayKind.WORKING), d
        d = date.fromordinal(d.toordinal() + 1)
    with pytest.raises(u.OutOfRangeError):
        ew.is_working_day(date(1970, 12, 31))


def test_from_govuk_json_takes_text(govuk_dir):
    text = (govuk_dir / FEED).read_text(encoding="utf-8")
    for source in (text, "\n  " + text, "\ufeff" + text):
        cal = Calendar.from_govuk_json(source, division="SCT", origin="a saved copy")
        assert cal.name == "scotland"
        # Scotland's World Cup bank holiday, Monday 15 June 2026 (GOV.UK).
        assert cal.get(date(2026, 6, 15)) == "World Cup bank holiday"
        assert "a saved copy" in cal.day(date(2026, 6, 15)).source
    # A path is still a path, as str or Path.
    by_path = Calendar.from_govuk_json(str(govuk_dir / FEED), division="NIR")
    assert by_path.name == "northern-ireland" and date(2026, 7, 13) in by_path
    assert date(2026, 7, 13) in Calendar.from_govuk_json(govuk_dir / FEED, division="NIR")
    with pytest.raises(u.ParseError):
        Calendar.from_govuk_json('{"england-and-wales": [1,}')
    with pytest.raises(u.IoError):
        Calendar.from_govuk_json("no/such/bank-holidays.json")
    with pytest.raises(TypeError):
        Calendar.from_govuk_json(str(govuk_dir / FEED), origin="x")


def test_overlay_name_is_not_the_calendar_name(ew):
    kent = ew.with_closures({date(2024, 12, 27): "Christmas closure"}, "Kent closures")
    assert kent.name == "england-and-wales+Kent closures"
    h = kent.day(date(2024, 12, 27))
    assert (h.name, h.kind) == ("Christmas closure", DayKind.OVERLAY)
    assert "Kent closures" in h.source
    assert date(2024, 12, 27) in kent and kent.get(date(2024, 12, 27)) == "Christmas closure"
    assert date(2024, 12, 27) not in ew
    # The copy keeps the base's days, sources and projection.
    assert kent.day(date(2024, 12, 25)) == ew.day(date(2024, 12, 25))
    assert kent.published_until == ew.published_until
    named = ew.with_closures({date(2024, 12, 27): "Christmas closure"},
                             overlay="Kent closures", name="kent")
    assert named.name == "kent" and "Kent closures" in named.day(date(2024, 12, 27)).source
    assert ew.name == "england-and-wales"


def test_a_year_with_many_closures(ew):
    # 120 closure days, Tue 2 January to Tue 30 April 2024: 17 weeks and a day,
    # so 17 * 5 + 1 = 86 weekdays. Two are bank holidays already (Good Friday 29
    # March, Easter Monday 1 April), so 84 closures are listed, and with 2024's
    # 8 bank holidays the year lists 92 days.
    days = {date(2024, 1, 2) + timedelta(k): "Closed" for k in range(120)}
    cal = ew.with_closures(days, "long closure")
    assert len(cal.holidays(2024)) == 92
    assert sum(d in cal for d in days) == 86
    assert cal.get(date(2024, 3, 29)) == "Good Friday" and cal.get(date(2024, 4, 2)) == "Closed"
