"""Permanent answer IDs (C module ``ids``).

Every explanation step, refusal reason, kind of evidence and policy error has
a permanent ID such as ``UKC-E006 holiday-skipped`` (docs/ids.md). :class:`Id`
is an :class:`enum.IntEnum` whose members are read from the loaded library
when the package is imported, so it always matches the library: for example
``Id.E006_HOLIDAY_SKIPPED`` (value 1006, as ``UKC_E006_HOLIDAY_SKIPPED`` in C).
"""

from __future__ import annotations

import ctypes
import enum
from typing import Dict, Union

from . import _lib

__all__ = ["Id", "id_code", "id_slug", "id_summary", "id_from_code"]

_id_code = _lib.bind("ukc_id_code", ctypes.c_char_p, [ctypes.c_int])
_id_slug = _lib.bind("ukc_id_slug", ctypes.c_char_p, [ctypes.c_int])
_id_summary = _lib.bind("ukc_id_summary", ctypes.c_char_p, [ctypes.c_int])

# The groups of tools/gen-ids.py: the number is 1000 * group + the code's number.
_GROUPS = {"E": 1000, "R": 2000, "C": 3000, "P": 4000}
# Codes are added at the end of their group without gaps; allow a few anyway.
_MAX_GAP = 8


def id_code(value: int) -> str:
    """The code of an ID, e.g. ``"UKC-E006"``; "" for an unknown one (``ukc_id_code``)."""
    return (_id_code(int(value)) or b"").decode()


def id_slug(value: int) -> str:
    """The slug of an ID, e.g. ``"holiday-skipped"``; "" for an unknown one (``ukc_id_slug``)."""
    return (_id_slug(int(value)) or b"").decode()


def id_summary(value: int) -> str:
    """The one-line summary of an ID, as docs/ids.md gives it (``ukc_id_summary``)."""
    return (_id_summary(int(value)) or b"").decode("utf-8", "replace")


def _members() -> Dict[str, int]:
    members: Dict[str, int] = {"NONE": 0}
    for base in _GROUPS.values():
        misses, number = 0, 1
        while misses < _MAX_GAP and number < 1000:
            code = id_code(base + number)
            if code:
                misses = 0
                name = code[4:] + "_" + id_slug(base + number).upper().replace("-", "_")
                members[name] = base + number
            else:
                misses += 1
            number += 1
    return members


class _IdBase(enum.IntEnum):
    @property
    def code(self) -> str:
        """The ID's code, e.g. ``"UKC-E006"`` ("" for ``NONE``)."""
        return id_code(self)

    @property
    def slug(self) -> str:
        """The ID's slug, e.g. ``"holiday-skipped"`` ("" for ``NONE``)."""
        return id_slug(self)

    @property
    def summary(self) -> str:
        """The ID's one-line summary."""
        return id_summary(self)

    def __str__(self) -> str:
        return f"{self.code} {self.slug}" if self.value else "NONE"


Id = _IdBase("Id", _members(), module=__name__, qualname="Id")  # type: ignore[call-overload]
Id.__doc__ = """A permanent answer ID (``ukc_id``), e.g. ``Id.E006_HOLIDAY_SKIPPED``.

Members are named after the C enum without its ``UKC_`` prefix. ``.code``,
``.slug`` and ``.summary`` give the registry's text."""

_BY_CODE: Dict[str, int] = {id_code(m): int(m) for m in Id if int(m)}


def id_from_code(code: str) -> "Id":  # type: ignore[valid-type]
    """The :class:`Id` of a code such as ``"UKC-E006"``; :class:`KeyError` if unknown."""
    return Id(_BY_CODE[code])


def as_id(value: int) -> Union["Id", int]:  # type: ignore[valid-type]
    """``Id(value)``, or the plain number for an ID newer than the import."""
    try:
        return Id(value)
    except ValueError:
        return value
