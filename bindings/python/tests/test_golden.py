"""GOV.UK's published lists, through Python.

Every event of every division is a non-working day of that division's built-in
calendar (and of united-kingdom) and is listed by ``holidays()`` with that
division: 2012-2018 from the 2012-2020 file (its 2020 entries are stale),
2019-2028 from the 2019-2028 file (lib/data/govuk/README.md).
"""

from __future__ import annotations

import json
from datetime import date

import pytest

from ukcomplaints import Calendar

DIVISIONS = ("england-and-wales", "scotland", "northern-ireland")
FILES = [("govuk-bank-holidays-2012-2020.json", 2012, 2018),
         ("govuk-bank-holidays-2019-2028.json", 2019, 2028)]


def events(path, division, first, last):
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    out = []
    for e in doc[division]["events"]:
        d = date.fromisoformat(e["date"])
        if first <= d.year <= last:
            out.append((d, e["title"]))
    return out


@pytest.mark.parametrize("division", DIVISIONS)
@pytest.mark.parametrize("name,first,last", FILES)
def test_every_event_is_a_listed_non_working_day(govuk_dir, division, name, first, last):
    cal = Calendar(division)
    uk = Calendar("united-kingdom")
    evs = events(govuk_dir / name, division, first, last)
    assert evs, "the file has events in those years"
    listed = {h.date: h for h in cal.holidays(date(first, 1, 1), date(last, 12, 31))}
    uk_listed = {h.date: h for h in uk.holidays(date(first, 1, 1), date(last, 12, 31))}
    for d, title in evs:
        assert not cal.is_working_day(d), (division, d, title)
        assert not uk.is_working_day(d), (division, d, title)
        assert d in listed, (division, d, title)
        assert division in listed[d].divisions, (division, d, listed[d].division)
        assert division in uk_listed[d].divisions, (division, d, uk_listed[d].division)


@pytest.mark.parametrize("division", DIVISIONS)
@pytest.mark.parametrize("name,first,last", FILES)
def test_listed_days_are_exactly_the_events(govuk_dir, division, name, first, last):
    # The reverse direction: in published years a division lists nothing else.
    cal = Calendar(division)
    evs = {d for d, _ in events(govuk_dir / name, division, first, last)}
    listed = {h.date for h in cal.holidays(date(first, 1, 1), date(last, 12, 31))}
    assert listed == evs


@pytest.mark.parametrize("division", DIVISIONS)
def test_event_counts_per_year(govuk_dir, division):
    # lib/data/govuk/README.md: 2019-2028 file, E&W 8 a year except 10 in 2022 and
    # 9 in 2023; Scotland 9 except 11, 10 and 10 (2026); NI 10 except 12 and 11.
    base = {"england-and-wales": 8, "scotland": 9, "northern-ireland": 10}[division]
    extra = {2022: 2, 2023: 1}
    if division == "scotland":
        extra[2026] = 1
    cal = Calendar(division)
    for year in range(2019, 2029):
        got = len(cal.holidays(date(year, 1, 1), date(year, 12, 31)))
        assert got == base + extra.get(year, 0), year
