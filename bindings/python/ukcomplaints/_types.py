"""Enumerations and C structures shared by the calendar and explanation modules."""

from __future__ import annotations

import ctypes
import enum
from typing import Dict, Union

from . import _lib
from .errors import check

__all__ = ["DayKind", "Receipt", "CHoliday", "CStep", "receipt_code"]


class DayKind(str, enum.Enum):
    """What kind of day a day is (``ukc_day_kind``); compares equal to its name.

    ``DayKind.BANK_HOLIDAY == "bank-holiday"``; ``.code`` is the C number.
    """

    WORKING = "working"
    WEEKEND = "weekend"
    BANK_HOLIDAY = "bank-holiday"
    SUBSTITUTE = "substitute"
    ONE_OFF = "one-off"
    OVERLAY = "overlay"

    @property
    def code(self) -> int:
        """The ``ukc_day_kind`` number."""
        return _KIND_CODES[self]

    @classmethod
    def from_code(cls, code: int) -> "DayKind":
        """The kind of a ``ukc_day_kind`` number."""
        return _KINDS[code]

    def __str__(self) -> str:
        return self.value


_KINDS = list(DayKind)
_KIND_CODES: Dict[DayKind, int] = {k: i for i, k in enumerate(_KINDS)}


class Receipt(str, enum.Enum):
    """How a start on a non-working day is treated (``ukc_receipt``).

    Functions take a member or its name, ``"day-of-receipt"`` or
    ``"next-working-day"``.
    """

    #: Count from the day of receipt itself, working day or not.
    DAY_OF_RECEIPT = "day-of-receipt"
    #: Deem a receipt on a non-working day received on the next working day.
    NEXT_WORKING_DAY = "next-working-day"

    @property
    def code(self) -> int:
        """The ``ukc_receipt`` number."""
        return 0 if self is Receipt.DAY_OF_RECEIPT else 1

    def __str__(self) -> str:
        return self.value


_day_kind_name = _lib.bind("ukc_day_kind_name", ctypes.c_char_p, [ctypes.c_int])
_receipt_name = _lib.bind("ukc_receipt_name", ctypes.c_char_p, [ctypes.c_int])
_receipt_from_name = _lib.bind("ukc_receipt_from_name", ctypes.c_int,
                               [ctypes.c_char_p, ctypes.POINTER(ctypes.c_int)])

# The enums above mirror the library's names; check them once at import.
for _k in DayKind:
    if (_day_kind_name(_k.code) or b"").decode() != _k.value:
        raise _lib.LibraryError(f"ukcomplaints: the library names day kind {_k.code} "
                                f"differently from {_k.value!r}")
for _r in Receipt:
    if (_receipt_name(_r.code) or b"").decode() != _r.value:
        raise _lib.LibraryError(f"ukcomplaints: the library names receipt convention "
                                f"{_r.code} differently from {_r.value!r}")


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


class CHoliday(ctypes.Structure):
    """``ukc_holiday``."""

    _fields_ = [
        ("date", ctypes.c_int32),
        ("kind", ctypes.c_int),
        ("name", ctypes.c_char_p),
        ("source", ctypes.c_char_p),
        ("division", ctypes.c_char_p),
        ("projected", ctypes.c_bool),
    ]


class CStep(ctypes.Structure):
    """``ukc_step``."""

    _fields_ = [
        ("id", ctypes.c_int),
        ("code", ctypes.c_char_p),
        ("slug", ctypes.c_char_p),
        ("date", ctypes.c_int32),
        ("number", ctypes.c_int32),
        ("day_kind", ctypes.c_int),
        ("name", ctypes.c_char_p),
        ("source", ctypes.c_char_p),
        ("projected", ctypes.c_bool),
        ("text", ctypes.c_char_p),
    ]
