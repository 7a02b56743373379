"""Enumerations and C structures shared by the calendar and explanation modules."""

from __future__ import annotations

import ctypes
import enum
from typing import Any, Callable, List, Sequence, Tuple, Type, Union

from . import _layout, _lib
from ._enums import NAMES
from .errors import check

__all__ = ["DayKind", "Receipt", "CHoliday", "CClosure", "CStep", "receipt_code", "NamedEnum",
           "named_enum", "cstr", "text", "sized", "sized_array"]


_receipt_from_name = _lib.bind("ukc_receipt_from_name", ctypes.c_int,
                               [ctypes.c_char_p, ctypes.POINTER(ctypes.c_int)])


def receipt_code(receipt: Union[Receipt, str]) -> int:
    """The ``ukc_receipt`` number of a :class:`Receipt` or a name (``ukc_receipt_from_name``).

    Raises :class:`~ukcomplaints.NotFoundError` for an unknown name.
    """
    if isinstance(receipt, Receipt):
        return receipt.code
    if not isinstance(receipt, str):
        raise TypeError(f"receipt must be a Receipt or a str, not {type(receipt).__name__}")
    out = ctypes.c_int()
    raw = receipt.encode("utf-8", "surrogatepass").replace(b"\0", b"\\0")
    check(_receipt_from_name(raw, ctypes.byref(out)))
    return out.value


# The C structs come from the generated layer (tools/gen-layout.py), laid out
# as the compiler lays out the headers.
CHoliday = _layout.CHoliday
CClosure = _layout.CClosure
CStep = _layout.CStep


def sized(cls: Any) -> Any:
    """A zeroed size-prefixed struct of type ``cls`` with its ``size`` set."""
    s = cls()
    s.size = ctypes.sizeof(cls)
    return s


def sized_array(cls: Any, n: int) -> Any:
    """A zeroed array of ``n`` size-prefixed structs, every ``size`` set (the
    library reads the stride from the first)."""
    arr = (cls * n)()
    for item in arr:
        item.size = ctypes.sizeof(cls)
    return arr


class NamedEnum(str, enum.Enum):
    """Base of the enumerations named in lib/data/enums.tsv (``_enums.NAMES``).

    A member compares equal to its name (``Unit.WORKING_DAYS == "working-days"``);
    ``.code`` is the C number and ``str()`` the name. Functions of the package
    take a member or its name.
    """

    @property
    def code(self) -> int:
        """The C enum's number."""
        return type(self)._codes[self]  # type: ignore[attr-defined,no-any-return]

    @classmethod
    def from_code(cls, code: int) -> Any:
        """The member of a C number (the plain number for one newer than the package)."""
        return cls._by_code.get(code, code)  # type: ignore[attr-defined]

    @classmethod
    def coerce(cls, value: Any, what: str) -> Any:
        """The member named by ``value`` (a member or its name).

        Raises :class:`~ukcomplaints.NotFoundError` for an unknown name and
        :class:`TypeError` for anything but a str.
        """
        if isinstance(value, cls):
            return value
        if not isinstance(value, str):
            raise TypeError(f"{what} must be a str, not {type(value).__name__}")
        try:
            return cls(value)
        except ValueError:
            from .errors import Status, make
            names = ", ".join(m.value for m in cls)
            raise make(Status.NOT_FOUND, f"unknown {what} {value!r}; expected one of: {names}") \
                from None

    def __str__(self) -> str:
        return str(self.value)


def named_enum(name: str, names: Union[Callable[[int], bytes], Sequence[str]], doc: str,
               module: str) -> Type[NamedEnum]:
    """A :class:`NamedEnum` whose members are ``names`` for 0, 1, ...: the names of
    lib/data/enums.tsv (``_enums.NAMES``), or those a library function gives.
    """
    members: List[Tuple[str, str]] = []
    if not callable(names):
        members = [(value.upper().replace("-", "_"), value) for value in names]
    for code in range(256 if callable(names) else 0):
        raw = names(code)
        value = raw.decode() if raw else ""
        # An unknown value names itself "" (or, for feedback kinds, "unknown").
        if not value or (value == "unknown" and code > 0):
            break
        members.append((value.upper().replace("-", "_"), value))
    cls = NamedEnum(name, members, module=module, qualname=name)  # type: ignore[call-overload]
    cls.__doc__ = doc
    codes = {m: i for i, m in enumerate(cls)}
    cls._codes = codes
    cls._by_code = {i: m for m, i in codes.items()}
    return cls  # type: ignore[no-any-return]


DayKind = named_enum(
    "DayKind", NAMES["ukc_day_kind"],
    "What kind of day a day is (``ukc_day_kind``); compares equal to its name.\n\n"
    "``DayKind.BANK_HOLIDAY == \"bank-holiday\"``; ``.code`` is the C number.", __name__)
Receipt = named_enum(
    "Receipt", NAMES["ukc_receipt"],
    "How a start on a non-working day is treated (``ukc_receipt``): "
    "``DAY_OF_RECEIPT`` counts from the day of receipt itself, working day or not; "
    "``NEXT_WORKING_DAY`` deems a receipt on a non-working day received on the next "
    "working day. Functions take a member or its name, ``\"day-of-receipt\"`` or "
    "``\"next-working-day\"``.", __name__)


def cstr(s: Any, what: str) -> bytes:
    """``s`` as NUL-terminated UTF-8 for the library, refusing what it cannot hold."""
    from .errors import Status, make
    if not isinstance(s, str):
        raise TypeError(f"{what} must be a str, not {type(s).__name__}")
    try:
        raw = s.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise make(Status.INVALID_UTF8, f"{what} is not valid Unicode text "
                   f"(a lone surrogate at index {exc.start})",
                   offset=len(s[:exc.start].encode("utf-8", "surrogatepass"))) from None
    if b"\0" in raw:
        raise make(Status.INVALID_UTF8, f"{what} holds a NUL character",
                   offset=raw.index(b"\0"))
    return raw


def text(raw: Any) -> str:
    """A library string as str ("" for NULL)."""
    return raw.decode("utf-8", "replace") if raw else ""
