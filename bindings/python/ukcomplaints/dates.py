"""Civil dates (C module ``date``).

The C library counts days from 1970-01-01 (``ukc_date``, an ``int32_t``, as
Arrow's ``date32`` and numpy's ``datetime64[D]``); Python code uses
:class:`datetime.date` everywhere, and may also pass an ISO 8601 string
(``"2024-01-02"``), which the library parses strictly.
"""

from __future__ import annotations

import ctypes
import datetime
import enum
import sys
from typing import Tuple, Union

from . import _lib
from .errors import Status, fail, make

__all__ = [
    "DateLike",
    "Weekday",
    "DATE_MIN",
    "DATE_MAX",
    "to_day_number",
    "from_day_number",
    "date_from_ymd",
    "date_to_ymd",
    "parse_date",
    "format_date",
    "weekday",
    "weekday_name",
    "add_days",
    "add_weeks",
    "add_months",
]

#: What the package accepts where it wants a date.
DateLike = Union[datetime.date, str]

_EPOCH = datetime.date(1970, 1, 1).toordinal()
_date = datetime.date
_datetime = datetime.datetime
_fromordinal = datetime.date.fromordinal

#: 1900-01-01, the first date the library accepts (``UKC_DATE_MIN``).
DATE_MIN = datetime.date(1900, 1, 1)
#: 2199-12-31, the last date the library accepts (``UKC_DATE_MAX``).
DATE_MAX = datetime.date(2199, 12, 31)

_c_date = ctypes.c_int32
_P_date = ctypes.POINTER(_c_date)
_P_int = ctypes.POINTER(ctypes.c_int)

_from_ymd = _lib.bind("ukc_date_from_ymd", ctypes.c_int,
                      [ctypes.c_int, ctypes.c_int, ctypes.c_int, _P_date])
_to_ymd = _lib.bind("ukc_date_to_ymd", ctypes.c_int, [_c_date, _P_int, _P_int, _P_int])
# ukc_date_parse (NUL-terminated) is declared for completeness; parse_date()
# uses the length-checked ukc_date_parse_n, so that a NUL in the text is an error.
_parse = _lib.bind("ukc_date_parse", ctypes.c_int, [ctypes.c_char_p, _P_date])
_parse_n = _lib.bind("ukc_date_parse_n", ctypes.c_int,
                     [ctypes.c_char_p, ctypes.c_size_t, _P_date])
_format = _lib.bind("ukc_date_format", ctypes.c_int,
                    [_c_date, ctypes.c_char_p, ctypes.c_size_t])
_weekday = _lib.bind("ukc_date_weekday", ctypes.c_int, [_c_date, _P_int])
_add_days = _lib.bind("ukc_date_add_days", ctypes.c_int, [_c_date, ctypes.c_int32, _P_date])
_add_weeks = _lib.bind("ukc_date_add_weeks", ctypes.c_int, [_c_date, ctypes.c_int32, _P_date])
_add_months = _lib.bind("ukc_date_add_months", ctypes.c_int,
                        [_c_date, ctypes.c_int32, _P_date])
_weekday_name = _lib.bind("ukc_weekday_name", ctypes.c_char_p, [ctypes.c_int])

_I32_MIN = -(2**31)
_I32_MAX = 2**31 - 1


class Weekday(enum.IntEnum):
    """ISO 8601 weekday numbers (``ukc_weekday``)."""

    MONDAY = 1
    TUESDAY = 2
    WEDNESDAY = 3
    THURSDAY = 4
    FRIDAY = 5
    SATURDAY = 6
    SUNDAY = 7

    def __str__(self) -> str:
        return weekday_name(self)


def to_day_number(d: DateLike) -> int:
    """The day number (days since 1970-01-01) of a date or an ISO 8601 string.

    A numpy ``datetime64`` or pandas ``Timestamp`` counts as its day (as
    ``astype("datetime64[D]")`` takes it). Raises :class:`TypeError` for
    anything else, including a :class:`datetime.datetime` (pass its
    ``.date()``: a time of day is never silently dropped), and :class:`~ukcomplaints.ParseError` /
    :class:`~ukcomplaints.OutOfRangeError` for a bad string.
    """
    if type(d) is _date:
        return d.toordinal() - _EPOCH
    if isinstance(d, _datetime):
        pd = sys.modules.get("pandas")
        if pd is not None and isinstance(d, pd.Timestamp):
            # Its day, as for numpy datetime64 (and as a pandas date column holds it).
            return _date(d.year, d.month, d.day).toordinal() - _EPOCH
        if pd is not None and d is pd.NaT:
            raise make(Status.OUT_OF_RANGE, "NaT is not a date")
        raise TypeError("expected a datetime.date, got a datetime.datetime; pass its .date()")
    if isinstance(d, _date):
        return d.toordinal() - _EPOCH
    if isinstance(d, str):
        return _parse_text(d)
    np = sys.modules.get("numpy")
    if np is not None and isinstance(d, np.datetime64):
        if np.isnat(d):
            raise make(Status.OUT_OF_RANGE, "NaT is not a date")
        return int(d.astype("datetime64[D]").astype(np.int64))
    raise TypeError(f"expected a datetime.date or an ISO 8601 string, got {type(d).__name__}")


def from_day_number(n: int) -> datetime.date:
    """The :class:`datetime.date` of a day number (days since 1970-01-01)."""
    return _fromordinal(n + _EPOCH)


def _parse_text(text: str) -> int:
    raw = text.encode("utf-8", "surrogatepass")
    out = _c_date()
    st = _parse_n(raw, len(raw), ctypes.byref(out))
    if st:
        fail(st)
    return out.value


def _i32(n: int, what: str) -> int:
    if type(n) is not int:
        import operator
        n = operator.index(n)
    if not _I32_MIN <= n <= _I32_MAX:
        raise make(Status.OUT_OF_RANGE, f"{what} {n} does not fit in 32 bits")
    return n


def date_from_ymd(year: int, month: int, day: int) -> datetime.date:
    """The date of a year, month and day in 1900..2199 (``ukc_date_from_ymd``)."""
    out = _c_date()
    st = _from_ymd(_i32(year, "year"), _i32(month, "month"), _i32(day, "day"),
                   ctypes.byref(out))
    if st:
        fail(st)
    return from_day_number(out.value)


def date_to_ymd(d: DateLike) -> Tuple[int, int, int]:
    """The (year, month, day) of a date in 1900..2199 (``ukc_date_to_ymd``)."""
    y, m, dd = ctypes.c_int(), ctypes.c_int(), ctypes.c_int()
    st = _to_ymd(to_day_number(d), ctypes.byref(y), ctypes.byref(m), ctypes.byref(dd))
    if st:
        fail(st)
    return y.value, m.value, dd.value


def parse_date(text: str) -> datetime.date:
    """Parse a strict ``YYYY-MM-DD`` date (``ukc_date_parse_n``).

    Raises :class:`~ukcomplaints.ParseError` (with the byte ``offset``) for
    malformed text or a day that does not exist, and
    :class:`~ukcomplaints.OutOfRangeError` outside 1900..2199.
    """
    if not isinstance(text, str):
        raise TypeError(f"expected a str, got {type(text).__name__}")
    return from_day_number(_parse_text(text))


def format_date(d: DateLike) -> str:
    """Format a date in 1900..2199 as ``YYYY-MM-DD`` (``ukc_date_format``)."""
    buf = ctypes.create_string_buffer(11)
    st = _format(to_day_number(d), buf, len(buf))
    if st:
        fail(st)
    return buf.value.decode()


def weekday(d: DateLike) -> Weekday:
    """The ISO weekday of a date in 1900..2199 (``ukc_date_weekday``)."""
    out = ctypes.c_int()
    st = _weekday(to_day_number(d), ctypes.byref(out))
    if st:
        fail(st)
    return Weekday(out.value)


def weekday_name(wd: int) -> str:
    """The English name of an ISO weekday 1..7, "" otherwise (``ukc_weekday_name``)."""
    return (_weekday_name(_i32(wd, "weekday")) or b"").decode()


def _add(fn: object, d: DateLike, n: int, what: str) -> datetime.date:
    out = _c_date()
    st = fn(to_day_number(d), _i32(n, what), ctypes.byref(out))  # type: ignore[operator]
    if st:
        fail(st)
    return from_day_number(out.value)


def add_days(d: DateLike, days: int) -> datetime.date:
    """Add calendar days, negative to go back (``ukc_date_add_days``)."""
    return _add(_add_days, d, days, "days")


def add_weeks(d: DateLike, weeks: int) -> datetime.date:
    """Add weeks of seven days, negative to go back (``ukc_date_add_weeks``)."""
    return _add(_add_weeks, d, weeks, "weeks")


def add_months(d: DateLike, months: int) -> datetime.date:
    """Add calendar months, clamping to the month's last day (``ukc_date_add_months``).

    2024-01-31 plus one month is 2024-02-29; 2023-01-31 plus one is 2023-02-28.
    """
    return _add(_add_months, d, months, "months")

