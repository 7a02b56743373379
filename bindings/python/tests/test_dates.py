"""The date module: conversions, parsing, formatting, arithmetic."""

from __future__ import annotations

from datetime import date

import pytest

import ukcomplaints as u
from ukcomplaints import Weekday


def test_day_numbers():
    # ukc_date counts days from 1970-01-01, as numpy's datetime64[D].
    assert u.to_day_number(date(1970, 1, 1)) == 0
    assert u.to_day_number(date(1971, 1, 1)) == 365
    assert u.to_day_number(date(2199, 12, 31)) == 84005  # UKC_DATE_MAX
    assert u.to_day_number(date(1900, 1, 1)) == -25567   # UKC_DATE_MIN
    assert u.from_day_number(19723) == date(2024, 1, 1)
    assert u.to_day_number("2024-01-01") == 19723
    assert (u.DATE_MIN, u.DATE_MAX) == (date(1900, 1, 1), date(2199, 12, 31))
    assert (u.CALENDAR_FIRST, u.CALENDAR_LAST) == (date(1971, 1, 1), date(2199, 12, 31))


def test_day_numbers_numpy(np):
    assert u.to_day_number(np.datetime64("2024-01-01")) == 19723
    with pytest.raises(u.OutOfRangeError):
        u.to_day_number(np.datetime64("NaT"))


def test_ymd():
    assert u.date_from_ymd(2024, 2, 29) == date(2024, 2, 29)
    assert u.date_to_ymd(date(2024, 2, 29)) == (2024, 2, 29)
    with pytest.raises(u.InvalidArgumentError):
        u.date_from_ymd(2023, 2, 29)
    with pytest.raises(u.OutOfRangeError):
        u.date_from_ymd(2200, 1, 1)
    with pytest.raises(u.OutOfRangeError):
        u.date_to_ymd(date(1899, 12, 31))


def test_parse_and_format():
    assert u.parse_date("2024-02-29") == date(2024, 2, 29)
    for bad in ("2024-2-29", "2024-02-29T00:00", " 2024-02-29", "2024-02-30", "2024-02-2\0",
                "", "２０２４-02-29"):
        with pytest.raises(u.ParseError):
            u.parse_date(bad)
    with pytest.raises(u.OutOfRangeError):
        u.parse_date("2200-01-01")
    with pytest.raises(TypeError):
        u.parse_date(b"2024-02-29")  # type: ignore[arg-type]
    assert u.format_date(date(1900, 1, 1)) == "1900-01-01"
    assert u.format_date("2199-12-31") == "2199-12-31"
    with pytest.raises(u.OutOfRangeError):
        u.format_date(date(2200, 1, 1))


def test_weekday():
    assert u.weekday(date(2024, 1, 1)) is Weekday.MONDAY
    assert u.weekday(date(1970, 1, 1)) is Weekday.THURSDAY
    assert u.weekday("2024-12-25") is Weekday.WEDNESDAY
    assert u.weekday_name(7) == "Sunday" and u.weekday_name(0) == ""
    assert str(Weekday.SATURDAY) == "Saturday"


def test_add_days_weeks_months():
    assert u.add_days(date(2024, 2, 28), 1) == date(2024, 2, 29)
    assert u.add_days(date(2024, 3, 1), -1) == date(2024, 2, 29)
    assert u.add_weeks(date(2024, 1, 1), 4) == date(2024, 1, 29)
    # End-of-month clamp: 31 Jan 2024 + 1 month = 29 Feb 2024 (a leap year);
    # 31 Jan 2023 + 1 month = 28 Feb 2023; 31 Mar 2024 - 1 month = 29 Feb 2024.
    assert u.add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert u.add_months(date(2023, 1, 31), 1) == date(2023, 2, 28)
    assert u.add_months(date(2024, 3, 31), -1) == date(2024, 2, 29)
    assert u.add_months(date(2023, 5, 15), 12) == date(2024, 5, 15)
    with pytest.raises(u.OutOfRangeError):
        u.add_days(date(2199, 12, 31), 1)
    with pytest.raises(u.OutOfRangeError):
        u.add_months(date(2024, 1, 1), 2**31)
