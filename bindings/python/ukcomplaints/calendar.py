"""UK working-day calendars (C module ``calendar``).

A working day is a day that is not a Saturday, a Sunday, nor a listed
non-working day of the calendar. Calendars cover 1971-01-01 to 2199-12-31.
Counting is explicit: ``add_working_days(start, n)`` is the n-th working day
after ``start`` (the start is day 0, working day or not), and
``count_working_days(a, b)`` counts the working days d with a < d <= b, so
``count(a, add(a, n)) == n``.

Calendars are immutable and may be queried from any number of threads at once.
"""

from __future__ import annotations

import ctypes
import datetime
import os
import sys
import weakref
from dataclasses import dataclass
from typing import Any, Dict, Iterable, List, Mapping, Optional, Tuple, Union

from . import _bulk, _lib
from ._types import CClosure, CHoliday, DayKind, Receipt, receipt_code, sized, sized_array
from .dates import DateLike, _EPOCH, to_day_number
from .errors import ClosedError, Status, fail, make
from .explain import Explanation

__all__ = ["Calendar", "Holiday", "CALENDAR_FIRST", "CALENDAR_LAST"]

#: 1971-01-01, the first day a calendar covers (``UKC_CALENDAR_FIRST``).
CALENDAR_FIRST = datetime.date(1971, 1, 1)
#: 2199-12-31, the last day a calendar covers (``UKC_CALENDAR_LAST``).
CALENDAR_LAST = datetime.date(2199, 12, 31)

_vp = ctypes.c_void_p
_int = ctypes.c_int
_i32 = ctypes.c_int32
_size = ctypes.c_size_t
_P_i32 = ctypes.POINTER(_i32)
_P_vp = ctypes.POINTER(_vp)
_P_bool = ctypes.POINTER(ctypes.c_bool)


_builtin = _lib.bind("ukc_calendar_builtin", _int, [ctypes.c_char_p, _P_vp])
_builtin_count = _lib.bind("ukc_calendar_builtin_count", _size, [])
_builtin_name = _lib.bind("ukc_calendar_builtin_name", ctypes.c_char_p, [_size])
_from_json = _lib.bind("ukc_calendar_from_govuk_json", _int,
                       [ctypes.c_char_p, _size, ctypes.c_char_p, ctypes.c_char_p, _P_vp])
_from_file = _lib.bind("ukc_calendar_from_govuk_file", _int,
                       [ctypes.c_char_p, ctypes.c_char_p, _P_vp])
_union = _lib.bind("ukc_calendar_union", _int, [ctypes.POINTER(_vp), _size, ctypes.c_char_p,
                                                _P_vp])
_with_closures = _lib.bind("ukc_calendar_with_closures", _int,
                           [_vp, ctypes.c_char_p, ctypes.POINTER(CClosure), _size, _P_vp])
_free = _lib.bind("ukc_calendar_free", None, [_vp])
_name = _lib.bind("ukc_calendar_name", ctypes.c_char_p, [_vp])
_published_until = _lib.bind("ukc_calendar_published_until", _int, [_vp])
_is_working = _lib.bind("ukc_calendar_is_working_day", _int, [_vp, _i32, _P_bool])
_day = _lib.bind("ukc_calendar_day", _int, [_vp, _i32, ctypes.POINTER(CHoliday)])
_add = _lib.bind("ukc_calendar_add_working_days", _int, [_vp, _i32, _i32, _P_i32])
_count = _lib.bind("ukc_calendar_count_working_days", _int, [_vp, _i32, _i32, _P_i32])
# The batch calls take raw addresses, so that numpy and array buffers pass as they are.
_add_n = _lib.bind("ukc_calendar_add_working_days_n", _int, [_vp, _vp, _vp, _size, _vp])
_count_n = _lib.bind("ukc_calendar_count_working_days_n", _int, [_vp, _vp, _vp, _size, _vp])
_next = _lib.bind("ukc_calendar_next_working_day", _int, [_vp, _i32, _P_i32])
_previous = _lib.bind("ukc_calendar_previous_working_day", _int, [_vp, _i32, _P_i32])
_holidays = _lib.bind("ukc_calendar_holidays", _int,
                      [_vp, _i32, _i32, ctypes.c_uint, ctypes.POINTER(CHoliday), _size,
                       ctypes.POINTER(_size)])
_deadline = _lib.bind("ukc_calendar_deadline", _int, [_vp, _i32, _i32, _int, _P_i32])
_explain = _lib.bind("ukc_calendar_explain_deadline_ex", _int,
                     [_vp, _i32, _i32, _int, ctypes.c_uint, _P_vp])
_EXPLAIN_FULL = 1

_HOLIDAYS_WEEKENDS = 1
_I32_MIN = -(2**31)
_I32_MAX = 2**31 - 1
_fromordinal = datetime.date.fromordinal
_byref = ctypes.byref
_date = datetime.date
_FIRST_YEAR = CALENDAR_FIRST.year
_LAST_YEAR = CALENDAR_LAST.year


_NOT_LISTED = object()


def _year_start(year: int) -> int:
    return to_day_number(_date(_year_number(year), 1, 1))


def _year_end(year: int) -> int:
    return to_day_number(_date(_year_number(year), 12, 31))


def _year_number(year: Any) -> int:
    if isinstance(year, bool) or not isinstance(year, int):
        raise TypeError(f"a year is an int, not {type(year).__name__}")
    if not _FIRST_YEAR <= year <= _LAST_YEAR:
        raise make(Status.OUT_OF_RANGE, f"the year {year} is outside the calendars "
                   f"({_FIRST_YEAR}..{_LAST_YEAR})")
    return year


def _pandas_scalar(d: object) -> bool:
    """Whether ``d`` is a pandas ``Timestamp`` or ``NaT`` (never imports pandas)."""
    pd = sys.modules.get("pandas")
    return pd is not None and (isinstance(d, pd.Timestamp) or d is pd.NaT)


def _like_stamp(stamp: Any, fn: Any) -> Any:
    """``fn`` of the day of a pandas ``Timestamp``, as a ``Timestamp`` at
    midnight in the same time zone; ``NaT`` for ``NaT``."""
    pd = sys.modules["pandas"]
    if stamp is pd.NaT:
        return pd.NaT
    result = pd.Timestamp(fn(_date(stamp.year, stamp.month, stamp.day)))
    return result.tz_localize(stamp.tz) if stamp.tz is not None else result


def _day_of(d: object) -> Optional[datetime.date]:
    """The day of anything python-holidays takes as a date; None for NaT."""
    if isinstance(d, datetime.datetime):
        if d != d:  # pandas NaT
            return None
        return _date(d.year, d.month, d.day)
    if isinstance(d, _date):
        return _date(d.year, d.month, d.day)
    np = sys.modules.get("numpy")
    if np is not None and isinstance(d, np.datetime64) and np.isnat(d):
        return None
    return _fromordinal(to_day_number(d) + _EPOCH)  # type: ignore[arg-type]


def _closed() -> Any:
    raise ClosedError("the calendar is closed")


def _n(n: int) -> int:
    if type(n) is not int:
        import operator
        n = operator.index(n)
    if not _I32_MIN <= n <= _I32_MAX:
        raise make(Status.OUT_OF_RANGE, f"{n} working days do not fit in 32 bits")
    return n


def _cstr(s: Any, what: str) -> bytes:
    if not isinstance(s, str):
        raise TypeError(f"{what} must be a str, not {type(s).__name__}")
    try:
        raw = s.encode("utf-8")
    except UnicodeEncodeError:
        raise make(Status.INVALID_UTF8, f"{what} is not valid Unicode text") from None
    if b"\0" in raw:
        raise make(Status.INVALID_UTF8, f"{what} holds a NUL character")
    return raw


#: python-holidays' subdivision codes for the United Kingdom, beside the full names.
DIVISION_CODES = {
    "ENG": "england-and-wales",
    "WLS": "england-and-wales",
    "SCT": "scotland",
    "NIR": "northern-ireland",
    "UK": "united-kingdom",
}


def _division(name: Any) -> Any:
    """The full name of a division code (``"SCT"``, any case), else ``name`` as it is."""
    if isinstance(name, str) and len(name) <= 3:
        return DIVISION_CODES.get(name.upper(), name)
    return name


def _text(raw: Optional[bytes]) -> str:
    return raw.decode("utf-8", "replace") if raw else ""


@dataclass(frozen=True)
class Holiday:
    """A day of a calendar (``ukc_holiday``): a non-working day, or what any day is.

    Attributes:
        date: the day.
        name: GOV.UK-style name, e.g. ``"Boxing Day"``; ``"Saturday"`` for a
            weekend; "" for a working day.
        kind: its :class:`~ukcomplaints.DayKind` (compares equal to names such
            as ``"bank-holiday"``).
        source: where the day comes from: the rule and Act, the proclamation,
            the GOV.UK feed, or the overlay.
        division: the division(s) it belongs to, e.g. ``"scotland"``; several
            are separated by ``", "`` (see :attr:`divisions`).
        projected: whether its year is later than the newest published list,
            so projected by rule.
    """

    date: datetime.date
    name: str
    kind: DayKind
    source: str
    division: str
    projected: bool

    @property
    def divisions(self) -> Tuple[str, ...]:
        """:attr:`division` split into its parts."""
        return tuple(d for d in self.division.split(", ") if d)

    @property
    def is_working_day(self) -> bool:
        """Whether the day is a working day."""
        return self.kind is DayKind.WORKING

    def __str__(self) -> str:
        return f"{self.date.isoformat()} {self.name} ({self.kind.value})"


def _copy_holiday(h: CHoliday) -> Holiday:
    return Holiday(
        date=_fromordinal(h.date + _EPOCH),
        name=_text(h.name),
        kind=DayKind.from_code(h.kind),
        source=_text(h.source),
        division=_text(h.division),
        projected=bool(h.projected),
    )


ClosuresLike = Union[Mapping[DateLike, str], Iterable[Tuple[DateLike, str]]]


class Calendar:
    """An immutable UK working-day calendar (``ukc_calendar``).

    ``Calendar("england-and-wales")`` gives a built-in calendar (also
    ``"scotland"``, ``"northern-ireland"``, and ``"united-kingdom"``, the union
    of the three); :meth:`from_govuk_json`, :meth:`union` and
    :meth:`with_closures` make new ones.

    A calendar the package made holds a C handle that is released exactly once:
    by :meth:`close`, by leaving a ``with`` block, or when the object is
    garbage-collected. Built-in calendars belong to the library and are never
    released (:meth:`close` leaves them usable). Do not close a calendar while
    another thread is using it.
    """

    __slots__ = ("_ptr", "_finalizer", "_builtin", "_years", "__weakref__")

    _ptr: Optional[int]

    def __init__(self, name: str = "england-and-wales") -> None:
        out = _vp()
        st = _builtin(_cstr(_division(name), "name"), _byref(out))
        if st:
            fail(st)
        self._ptr = out.value
        self._finalizer: Optional[weakref.finalize] = None
        self._builtin = True
        self._years: Dict[int, Dict[datetime.date, str]] = {}

    @classmethod
    def _adopt(cls, ptr: int) -> "Calendar":
        self = object.__new__(cls)
        self._ptr = ptr
        self._builtin = False
        self._years = {}
        self._finalizer = weakref.finalize(self, _lib.release, _free, ptr)
        return self

    # -- making calendars ---------------------------------------------------

    @staticmethod
    def builtins() -> List[str]:
        """The names of the built-in calendars (``ukc_calendar_builtin_name``)."""
        return [_text(_builtin_name(i)) for i in range(_builtin_count())]

    @classmethod
    def from_govuk_json(cls, source: Union[str, "os.PathLike[str]", bytes, bytearray],
                        division: str = "england-and-wales", *,
                        origin: Optional[str] = None) -> "Calendar":
        """A calendar from a GOV.UK ``bank-holidays.json`` document.

        ``source`` is a path (``ukc_calendar_from_govuk_file``), or the
        document itself (``ukc_calendar_from_govuk_json``; ``origin`` then
        names where it came from in each day's source): its bytes, or a
        ``str`` whose first character other than white space is ``{``, as a
        JSON document's is (pass a :class:`pathlib.Path` for a file whose name
        starts with ``{``). ``division`` is a full name or a code (``"ENG"``,
        ``"WLS"``, ``"SCT"``, ``"NIR"``). For every year in
        which the feed lists an event of ``division``, the feed's list is that
        year's list; other years come from the built-in calendar. Raises
        :class:`~ukcomplaints.IoError`, :class:`~ukcomplaints.ParseError` (with
        line, column and offset), :class:`~ukcomplaints.InvalidDataError` (with
        the path of the bad element), :class:`~ukcomplaints.NotFoundError` (an
        unknown division) and :class:`~ukcomplaints.OutOfRangeError`.
        """
        out = _vp()
        div = _cstr(_division(division), "division")
        if isinstance(source, str) and source.lstrip(" \t\r\n\ufeff").startswith("{"):
            # A byte order mark kept by a reader is not part of the document.
            source = source.lstrip(" \t\r\n").lstrip("\ufeff").encode("utf-8", "surrogatepass")
        if isinstance(source, (bytes, bytearray, memoryview)):
            data = bytes(source)
            org = None if origin is None else _cstr(origin, "origin")
            st = _from_json(data, len(data), div, org, _byref(out))
        elif isinstance(source, (str, os.PathLike)):
            if origin is not None:
                raise TypeError("origin is only for a document given as text or bytes")
            path = os.fsencode(source)
            if b"\0" in path:
                raise make(Status.INVALID_ARGUMENT, "the path holds a NUL character")
            st = _from_file(path, div, _byref(out))
        else:
            raise TypeError("source must be a path or the document's text or bytes, not "
                            f"{type(source).__name__}")
        if st:
            fail(st)
        return cls._adopt(out.value)  # type: ignore[arg-type]

    def union(self, *others: "Calendar", name: Optional[str] = None) -> "Calendar":
        """A calendar whose non-working days are those of this one or any of ``others``.

        ``name`` defaults to the names joined with ``"+"`` (``ukc_calendar_union``).
        """
        cals = (self,) + others
        for c in cals:
            if not isinstance(c, Calendar):
                raise TypeError(f"expected a Calendar, not {type(c).__name__}")
        ptrs = (_vp * len(cals))(*[c._ptr or _closed() for c in cals])
        if name is None:
            name = "+".join(c.name for c in cals)
        out = _vp()
        st = _union(ptrs, len(cals), _cstr(name, "name"), _byref(out))
        if st:
            fail(st)
        return Calendar._adopt(out.value)  # type: ignore[arg-type]

    def with_closures(self, closures: ClosuresLike, overlay: str = "closures", *,
                      name: Optional[str] = None) -> "Calendar":
        """A copy of this calendar with extra closure days, such as a council's own.

        ``closures`` maps each date to its name (``{date(2024, 12, 27):
        "Christmas closure"}``), or is an iterable of (date, name) pairs. A
        closure on a day that is already not a working day changes nothing.
        ``overlay`` names the set of closures, kept as each day's source
        (``"overlay: Kent closures"``, ``ukc_calendar_with_closures``);
        ``name`` names the new calendar, by default this calendar's name and
        the overlay's joined with ``"+"`` (``"england-and-wales+Kent
        closures"``). Raises :class:`~ukcomplaints.OutOfRangeError` or
        :class:`~ukcomplaints.InvalidArgumentError` (an empty name) with the
        ``index`` of the bad closure.
        """
        ptr = self._ptr or _closed()
        items = list(closures.items() if isinstance(closures, Mapping) else closures)
        days = sized_array(CClosure, max(len(items), 1))
        names: List[bytes] = []
        for i, (d, label) in enumerate(items):
            raw = _cstr(label, f"closure {i}'s name")
            names.append(raw)
            days[i].date = to_day_number(d)
            days[i].name = raw
        raw_name = _cstr(f"{self.name}+{overlay}" if name is None else name, "name")
        out = _vp()
        st = _with_closures(ptr, _cstr(overlay, "overlay"), days, len(items), _byref(out))
        if st:
            fail(st)
        # ukc_calendar_with_closures keeps the base's name: a union of the one
        # new calendar is the same calendar under its own name.
        copy = Calendar._adopt(out.value)  # type: ignore[arg-type]
        with copy:
            one = (_vp * 1)(copy._ptr)
            st = _union(one, 1, raw_name, _byref(out))
            if st:
                fail(st)
        return Calendar._adopt(out.value)  # type: ignore[arg-type]

    # -- life cycle ---------------------------------------------------------

    def close(self) -> None:
        """Release the C handle now (a no-op for a built-in calendar). Safe to repeat."""
        if self._finalizer is not None:
            self._ptr = None
            self._finalizer()

    @property
    def closed(self) -> bool:
        """Whether :meth:`close` has released the calendar."""
        return self._ptr is None

    @property
    def builtin(self) -> bool:
        """Whether the calendar is one of the library's built-in calendars."""
        return self._builtin

    def __enter__(self) -> "Calendar":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        if self._ptr is None:
            return "<Calendar (closed)>"
        return f"<Calendar {self.name!r}{' (built-in)' if self._builtin else ''}>"

    # -- properties ---------------------------------------------------------

    @property
    def name(self) -> str:
        """The calendar's name, e.g. ``"scotland"`` (``ukc_calendar_name``)."""
        return _text(_name(self._ptr or _closed()))

    @property
    def published_until(self) -> int:
        """The last year whose list is published; later years are projected by rule."""
        return int(_published_until(self._ptr or _closed()))

    # -- queries ------------------------------------------------------------

    def is_working_day(self, d: DateLike) -> bool:
        """Whether ``d`` is a working day (``ukc_calendar_is_working_day``)."""
        if type(d) is _date and self._ptr is not None:
            # The same answer from the year's list, without a C call.
            try:
                names = self._years[d.year]
            except KeyError:
                names = self._year(d.year) if _FIRST_YEAR <= d.year <= _LAST_YEAR else None
            if names is not None:
                return d.weekday() < 5 and d not in names
        out = ctypes.c_bool()
        st = _is_working(self._ptr or _closed(), to_day_number(d), _byref(out))
        if st:
            fail(st)
        return out.value

    def day(self, d: DateLike) -> Holiday:
        """What ``d`` is: a working day, a weekend day, or a listed non-working
        day with its name, kind and source (``ukc_calendar_day``)."""
        out = sized(CHoliday)
        st = _day(self._ptr or _closed(), to_day_number(d), _byref(out))
        if st:
            fail(st)
        return _copy_holiday(out)

    def add_working_days(self, start: DateLike, n: int) -> datetime.date:
        """The n-th working day after ``start`` (``ukc_calendar_add_working_days``).

        The start is day 0 whether or not it is a working day; ``n`` may be
        negative (the n-th working day before) or 0 (the start itself). A
        pandas ``Timestamp`` gives a ``Timestamp`` (midnight, in its time
        zone), and ``NaT`` gives ``NaT``; so do :meth:`deadline`,
        :meth:`next_working_day` and :meth:`previous_working_day`.
        """
        if type(start) is not _date and _pandas_scalar(start):
            return _like_stamp(start, lambda day: self.add_working_days(day, n))
        out = _i32()
        st = _add(self._ptr or _closed(), to_day_number(start), _n(n), _byref(out))
        if st:
            fail(st)
        return _fromordinal(out.value + _EPOCH)

    def count_working_days(self, a: DateLike, b: DateLike) -> int:
        """The number of working days d with a < d <= b, negative when b < a
        (``ukc_calendar_count_working_days``)."""
        out = _i32()
        st = _count(self._ptr or _closed(), to_day_number(a), to_day_number(b), _byref(out))
        if st:
            fail(st)
        return out.value

    def next_working_day(self, d: DateLike) -> datetime.date:
        """The first working day on or after ``d`` (``ukc_calendar_next_working_day``)."""
        if type(d) is not _date and _pandas_scalar(d):
            return _like_stamp(d, self.next_working_day)
        out = _i32()
        st = _next(self._ptr or _closed(), to_day_number(d), _byref(out))
        if st:
            fail(st)
        return _fromordinal(out.value + _EPOCH)

    def previous_working_day(self, d: DateLike) -> datetime.date:
        """The last working day on or before ``d`` (``ukc_calendar_previous_working_day``)."""
        if type(d) is not _date and _pandas_scalar(d):
            return _like_stamp(d, self.previous_working_day)
        out = _i32()
        st = _previous(self._ptr or _closed(), to_day_number(d), _byref(out))
        if st:
            fail(st)
        return _fromordinal(out.value + _EPOCH)

    def holidays(self, start: Union[DateLike, int, None] = None, end: Optional[DateLike] = None,
                 *, years: Union[int, Iterable[int], None] = None,
                 weekends: bool = False) -> List[Holiday]:
        """The non-working days from ``start`` to ``end`` inclusive, in date order.

        Bank holidays, substitutes, one-offs and overlay days; with
        ``weekends=True`` also Saturdays and Sundays (``ukc_calendar_holidays``).
        As in python-holidays, a year may stand for the range:
        ``cal.holidays(2026)``, or ``cal.holidays(years=2026)`` /
        ``years=[2025, 2026]`` / ``years=range(2025, 2028)``.
        """
        if years is not None:
            if start is not None or end is not None:
                raise TypeError("give years= or a start and an end, not both")
            wanted = [years] if isinstance(years, int) else sorted(set(years))
            return [h for y in wanted for h in self._span(_year_start(y), _year_end(y),
                                                         weekends)]
        if isinstance(start, int) and not isinstance(start, bool) and end is None:
            return self._span(_year_start(start), _year_end(start), weekends)
        if start is None or end is None:
            raise TypeError("holidays() needs a year, years=, or a start and an end")
        return self._span(to_day_number(start), to_day_number(end), weekends)

    def _span(self, a: int, b: int, weekends: bool) -> List[Holiday]:
        ptr = self._ptr or _closed()
        flags = _HOLIDAYS_WEEKENDS if weekends else 0
        count = _size()
        st = _holidays(ptr, a, b, flags, None, 0, _byref(count))
        if st:
            fail(st)
        buf = sized_array(CHoliday, max(count.value, 1))
        st = _holidays(ptr, a, b, flags, buf, count.value, _byref(count))
        if st:
            fail(st)
        return [_copy_holiday(h) for h in buf[:count.value]]

    # -- python-holidays' idioms ----------------------------------------------

    def _year(self, year: int) -> Dict[datetime.date, str]:
        """The year's non-working weekdays and their names, listed once and kept.

        The calendar is immutable, so the list never goes stale; a race between
        threads only lists a year twice.
        """
        got = self._years.get(year)
        if got is None:
            ptr = self._ptr or _closed()
            a, b = _year_start(year), _year_end(year)
            buf = sized_array(CHoliday, 32)  # a year lists 8 to 12 days; overlays add more
            count = _size()
            st = _holidays(ptr, a, b, 0, buf, len(buf), _byref(count))
            if st == Status.BUFFER_TOO_SMALL:
                buf = sized_array(CHoliday, count.value)
                st = _holidays(ptr, a, b, 0, buf, len(buf), _byref(count))
            if st:
                fail(st)
            got = {_fromordinal(h.date + _EPOCH): _text(h.name) for h in buf[:count.value]}
            self._years[year] = got
        return got

    def __contains__(self, d: object) -> bool:
        """``d in cal``: whether ``d`` is a bank holiday or another listed
        non-working day (a closure), as ``d in holidays.UK()`` asks; weekends
        are not listed.

        ``d`` is a :class:`datetime.date`, a :class:`datetime.datetime` or
        pandas ``Timestamp`` (its day, whatever the time), an ISO 8601 string or
        a numpy ``datetime64``; ``NaT`` is never in a calendar.
        """
        if type(d) is _date and self._ptr is not None:
            names = self._years.get(d.year)
            if names is not None:
                return d in names
        return self._lookup(d, _NOT_LISTED) is not _NOT_LISTED

    def get(self, d: object, default: Any = None) -> Any:
        """The name of the listed non-working day ``d`` (``"Boxing Day"``), or
        ``default`` for any other day, as python-holidays' ``hol.get(d)``."""
        if type(d) is _date and self._ptr is not None:
            names = self._years.get(d.year)
            if names is not None:
                return names.get(d, default)
        return self._lookup(d, default)

    def _lookup(self, d: object, default: Any) -> Any:
        if self._ptr is None:
            _closed()
        day = _day_of(d)
        if day is None:
            return default
        return self._year(day.year).get(day, default)

    def deadline(self, start: DateLike, n: int,
                 receipt: Union[Receipt, str] = Receipt.DAY_OF_RECEIPT) -> datetime.date:
        """The n-th working day after ``start`` under the receipt convention,
        without its explanation (``ukc_calendar_deadline``); n >= 0."""
        if type(start) is not _date and _pandas_scalar(start):
            return _like_stamp(start, lambda day: self.deadline(day, n, receipt))
        out = _i32()
        st = _deadline(self._ptr or _closed(), to_day_number(start), _n(n),
                       receipt_code(receipt), _byref(out))
        if st:
            fail(st)
        return _fromordinal(out.value + _EPOCH)

    def explain_deadline(self, start: DateLike, n: int,
                         receipt: Union[Receipt, str] = Receipt.DAY_OF_RECEIPT, *,
                         full: bool = False) -> Explanation:
        """The n-th working day after ``start`` (0..10000), with the steps behind
        it (``ukc_calendar_explain_deadline_ex``): the start, the convention,
        every non-working day skipped with its name and source, and the due
        date; ``full=True`` adds every working day counted.

        ``receipt`` is ``"day-of-receipt"`` (count from the day of receipt,
        working day or not) or ``"next-working-day"`` (deem a receipt on a
        non-working day received on the next working day).
        """
        out = _vp()
        st = _explain(self._ptr or _closed(), to_day_number(start), _n(n),
                      receipt_code(receipt), _EXPLAIN_FULL if full else 0, _byref(out))
        if st:
            fail(st)
        return Explanation._adopt(out.value)  # type: ignore[arg-type]

    # -- bulk ---------------------------------------------------------------

    def add_working_days_many(self, starts: Any, ns: Any, *, out: Any = None) -> Any:
        """``add_working_days`` over whole sequences, in one C call per chunk
        (``ukc_calendar_add_working_days_n``).

        ``starts``: numpy ``datetime64`` or integer day numbers, a pandas
        ``Series`` or ``DatetimeIndex``, an ``array.array('i')`` of day
        numbers, or a sequence of dates; ``ns``: integers in any of those
        containers. Either may be a single value, repeated. The result takes
        the container of ``starts``: numpy ``datetime64[D]`` (int32 for integer
        input), a pandas ``Series`` (same index and name) or ``DatetimeIndex``
        of ``datetime64[ns]``, ``array('i')``, or a list of dates. ``NaT`` in
        gives ``NaT`` out for that element. ``out``, a numpy ``datetime64[D]``
        or int32 array (or an ``array('i')``) of the right size, receives the
        result and is returned, so that nothing is allocated. On a bad element
        nothing is returned and the error's ``index`` says which.
        """
        ptr = self._ptr or _closed()
        return _bulk.run(_add_n, ptr, starts, ns, ("starts", "ns"), False, True, out)

    def count_working_days_many(self, a: Any, b: Any, *, out: Any = None) -> Any:
        """``count_working_days`` over whole sequences, in one C call per chunk
        (``ukc_calendar_count_working_days_n``).

        ``a`` and ``b`` as ``starts`` of :meth:`add_working_days_many`. The
        result takes the container of ``a``: a numpy int32 array, a pandas
        ``Series`` or ``Index`` (int32, or nullable ``Int32`` with ``<NA>``
        where either date is ``NaT``), an ``array('i')`` or a list of ints.
        ``out`` as for :meth:`add_working_days_many` (int32).
        """
        ptr = self._ptr or _closed()
        return _bulk.run(_count_n, ptr, a, b, ("a", "b"), True, False, out)


def builtin_names() -> List[str]:
    """The names of the built-in calendars (same as :meth:`Calendar.builtins`)."""
    return Calendar.builtins()

