"""Explained deadlines (C module ``explain``).

An :class:`Explanation` is what ``ukc_calendar_explain_deadline()`` (and, as
they land, the policy and case modules) return: the due date and every step
behind it, as data (:attr:`Explanation.steps`) and as text (``str()``).
"""

from __future__ import annotations

import ctypes
import datetime
import json
import weakref
from dataclasses import dataclass
from typing import Any, Dict, Iterator, Optional, Tuple, Union

from . import _lib
from ._types import CStep, DayKind, Receipt
from .dates import from_day_number
from .errors import ClosedError, check
from .ids import Id, as_id

__all__ = ["Step", "Explanation"]

_P_step = ctypes.POINTER(CStep)
_step_count = _lib.bind("ukc_explanation_step_count", ctypes.c_size_t, [ctypes.c_void_p])
_step = _lib.bind("ukc_explanation_step", _P_step, [ctypes.c_void_p, ctypes.c_size_t])
_due = _lib.bind("ukc_explanation_due", ctypes.c_int32, [ctypes.c_void_p])
_start = _lib.bind("ukc_explanation_start", ctypes.c_int32, [ctypes.c_void_p])
_counted_from = _lib.bind("ukc_explanation_counted_from", ctypes.c_int32, [ctypes.c_void_p])
_days = _lib.bind("ukc_explanation_days", ctypes.c_int32, [ctypes.c_void_p])
_receipt = _lib.bind("ukc_explanation_receipt", ctypes.c_int, [ctypes.c_void_p])
_projected = _lib.bind("ukc_explanation_projected", ctypes.c_bool, [ctypes.c_void_p])
_calendar = _lib.bind("ukc_explanation_calendar", ctypes.c_char_p, [ctypes.c_void_p])
_text = _lib.bind("ukc_explanation_text", ctypes.c_char_p, [ctypes.c_void_p])
_to_json = _lib.bind("ukc_explanation_to_json", ctypes.c_int,
                     [ctypes.c_void_p, ctypes.POINTER(ctypes.c_void_p)])
_free = _lib.bind("ukc_explanation_free", None, [ctypes.c_void_p])
_ukc_free = _lib.bind("ukc_free", None, [ctypes.c_void_p])


def _s(raw: Optional[bytes]) -> str:
    return raw.decode("utf-8", "replace") if raw else ""


@dataclass(frozen=True)
class Step:
    """One step of an explanation (``ukc_step``).

    Attributes:
        id: what the step is, an :class:`~ukcomplaints.Id` such as
            ``Id.E006_HOLIDAY_SKIPPED`` (a plain int for an ID newer than this package).
        code: the ID's code, e.g. ``"UKC-E006"``.
        slug: the ID's slug, e.g. ``"holiday-skipped"``.
        date: the day the step is about, or None when it is about no day.
        number: for a counted working day its number 1..n, otherwise 0.
        kind: the :class:`~ukcomplaints.DayKind` of that day.
        name: the day's name (holidays), or "".
        source: the day's source (holidays) or the rule's citation, or "".
        projected: whether the day's year is projected by rule.
        text: the step as one line of English.
    """

    id: Union[Id, int]  # type: ignore[valid-type]
    code: str
    slug: str
    date: Optional[datetime.date]
    number: int
    kind: DayKind
    name: str
    source: str
    projected: bool
    text: str

    def __str__(self) -> str:
        return f"{self.code} {self.text}"


def _copy_step(s: CStep) -> Step:
    return Step(
        id=as_id(s.id),
        code=_s(s.code),
        slug=_s(s.slug),
        date=from_day_number(s.date) if s.date else None,
        number=s.number,
        kind=DayKind.from_code(s.day_kind),
        name=_s(s.name),
        source=_s(s.source),
        projected=bool(s.projected),
        text=_s(s.text),
    )


def _no_release() -> None:
    """The finaliser of a borrowed explanation: its owner releases it."""


class Explanation:
    """An explained deadline: the due date and the steps behind it.

    The data (:attr:`due`, :attr:`steps`, ``str()``...) is copied when the
    explanation is made and stays readable after :meth:`close`; only
    :meth:`to_json` needs the C handle. The handle is released by
    :meth:`close`, by leaving a ``with`` block, or when the object is
    garbage-collected, whichever comes first, and only once.
    """

    __slots__ = ("_ptr", "_finalizer", "_owner", "start", "counted_from", "due", "days", "receipt",
                 "projected", "calendar", "steps", "text", "__weakref__")

    start: datetime.date
    counted_from: datetime.date
    due: datetime.date
    days: int
    receipt: Receipt
    projected: bool
    calendar: str
    steps: Tuple[Step, ...]
    text: str

    def __init__(self) -> None:
        raise TypeError("Explanation objects are made by the library, e.g. "
                        "Calendar.explain_deadline()")

    @classmethod
    def _adopt(cls, ptr: int) -> "Explanation":
        """Take ownership of a ``ukc_explanation *`` (for this package's modules)."""
        self = object.__new__(cls)
        self._ptr = ptr
        self._owner = None
        self._finalizer = weakref.finalize(self, _lib.release, _free, ptr)
        return self._copy(ptr)

    @classmethod
    def _borrow(cls, ptr: int, owner: Any) -> "Explanation":
        """Copy a ``const ukc_explanation *`` that ``owner`` (a :class:`_lib.Handle`
        of a routing or an obligation list) owns; the explanation keeps the owner
        alive until it is closed."""
        self = object.__new__(cls)
        self._ptr = ptr
        self._owner = owner
        self._finalizer = _no_release
        return self._copy(ptr)

    def _copy(self, ptr: int) -> "Explanation":
        self.start = from_day_number(_start(ptr))
        self.counted_from = from_day_number(_counted_from(ptr))
        self.due = from_day_number(_due(ptr))
        self.days = _days(ptr)
        self.receipt = Receipt.NEXT_WORKING_DAY if _receipt(ptr) == 1 else Receipt.DAY_OF_RECEIPT
        self.projected = bool(_projected(ptr))
        self.calendar = _s(_calendar(ptr))
        self.steps = tuple(_copy_step(_step(ptr, i).contents) for i in range(_step_count(ptr)))
        self.text = _s(_text(ptr))
        return self

    def to_json(self) -> str:
        """The explanation as a JSON document (``ukc_explanation_to_json``).

        Keys: ``start``, ``counted_from``, ``days``, ``receipt``, ``calendar``,
        ``due``, ``projected`` and ``steps``. Needs the explanation open.
        """
        ptr = self._ptr
        if ptr is None:
            raise ClosedError("the explanation is closed")
        out = ctypes.c_void_p()
        check(_to_json(ptr, ctypes.byref(out)))
        try:
            return ctypes.string_at(out.value).decode("utf-8")
        finally:
            _ukc_free(out)

    def as_dict(self) -> Dict[str, Any]:
        """:meth:`to_json`, parsed."""
        return json.loads(self.to_json())  # type: ignore[no-any-return]

    def close(self) -> None:
        """Release the C handle now. Safe to call more than once."""
        self._ptr = None
        self._owner = None
        self._finalizer()

    @property
    def closed(self) -> bool:
        """Whether :meth:`close` has released the handle."""
        return self._ptr is None

    def __enter__(self) -> "Explanation":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __iter__(self) -> Iterator[Step]:
        return iter(self.steps)

    def __len__(self) -> int:
        return len(self.steps)

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return (f"<Explanation due={self.due.isoformat()} days={self.days} "
                f"calendar={self.calendar!r} steps={len(self.steps)}>")
