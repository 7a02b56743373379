"""Turning sequences of dates and numbers into int32 buffers for the ``_n`` calls.

Inputs, in order of speed:

* numpy arrays (when numpy is installed): ``datetime64[D]`` (converted with one
  vectorised ``astype`` to int32, after a range check) or integer day numbers
  (int32 used in place, without a copy);
* ``array.array`` of 4-byte signed integers (``'i'``), used in place;
* any other iterable of dates (or ISO strings) or of ints, converted element by
  element.

A single date or int is repeated to the other argument's length.
"""

from __future__ import annotations

import array
import datetime
import sys
from typing import Any, Optional, Tuple

from .dates import _EPOCH, to_day_number
from .errors import Status, make

_I32_MIN = -(2**31)
_I32_MAX = 2**31 - 1


def numpy_module() -> Any:
    """numpy if it has been imported (never imports it)."""
    return sys.modules.get("numpy")


class Buffer:
    """An int32 buffer: its address, length, and the object that owns it."""

    __slots__ = ("addr", "count", "owner", "kind", "shape")

    def __init__(self, addr: int, count: int, owner: Any, kind: str,
                 shape: Optional[Tuple[int, ...]] = None) -> None:
        self.addr = addr
        self.count = count
        self.owner = owner
        # "datetime64", "numpy-int", "array", "list", "scalar-date", "scalar-int"
        self.kind = kind
        self.shape = shape


def _bad_index(np: Any, bad: Any) -> int:
    return int(np.argmax(bad))


def _numpy_i32(np: Any, a: Any, what: str) -> Any:
    """A C-contiguous int32 ndarray of the values of integer ndarray ``a``."""
    if a.dtype == np.int32:
        return np.ascontiguousarray(a)
    if a.size:
        lo, hi = a.min(), a.max()
        if lo < _I32_MIN or hi > _I32_MAX:
            flat = a.reshape(-1)
            i = _bad_index(np, (flat < _I32_MIN) | (flat > _I32_MAX))
            raise make(Status.OUT_OF_RANGE, f"{what}[{i}] = {flat[i]} is out of range "
                       "(NaT, or beyond 32 bits)", index=i)
    return np.ascontiguousarray(a, dtype=np.int32)


def from_numpy(np: Any, a: Any, what: str, dates: bool) -> Buffer:
    """An ndarray of dates (datetime64, int day numbers) or of ints."""
    kind = a.dtype.kind
    if kind == "M":
        if not dates:
            raise TypeError(f"{what} must hold integers, not datetime64")
        if a.dtype != np.dtype("datetime64[D]"):
            a = a.astype("datetime64[D]")
        arr = _numpy_i32(np, a.view(np.int64), what)
        out_kind = "datetime64"
    elif kind in "iu":
        arr = _numpy_i32(np, a, what)
        out_kind = "numpy-int"
    elif kind == "O" and dates:
        arr = np.fromiter((to_day_number(d) for d in a.reshape(-1)), dtype=np.int32,
                          count=a.size).reshape(a.shape)
        out_kind = "datetime64"
    else:
        raise TypeError(f"{what}: an array of dtype {a.dtype} holds neither dates nor "
                        "integers")
    return Buffer(arr.ctypes.data, arr.size, arr, out_kind, arr.shape)


def _overflow(what: str) -> Exception:
    return make(Status.OUT_OF_RANGE, f"{what}: a value does not fit in 32 bits")


def convert(x: Any, what: str, dates: bool) -> Buffer:
    """Any accepted input as an int32 buffer (a scalar gets count -1)."""
    np = numpy_module()
    if np is not None and isinstance(x, np.ndarray):
        return from_numpy(np, x, what, dates)
    if isinstance(x, array.array):
        if x.typecode in "il" and x.itemsize == 4:
            if not x:
                return Buffer(0, 0, x, "array")
            return Buffer(x.buffer_info()[0], len(x), x, "array")
        if x.typecode in "fd":
            raise TypeError(f"{what}: an array of floats")
        try:
            y = array.array("i", x)
        except OverflowError:
            raise _overflow(what) from None
        return Buffer(y.buffer_info()[0] if y else 0, len(y), y, "array")
    if dates and isinstance(x, (datetime.date, str)):
        return Buffer(0, -1, to_day_number(x), "scalar-date")
    if not dates and isinstance(x, int):
        if not _I32_MIN <= x <= _I32_MAX:
            raise _overflow(what)
        return Buffer(0, -1, x, "scalar-int")
    if np is not None and isinstance(x, np.generic):
        if dates and isinstance(x, np.datetime64):
            return Buffer(0, -1, to_day_number(x), "scalar-date")
        if not dates and isinstance(x, np.integer):
            return convert(int(x), what, dates)
    if isinstance(x, (bytes, bytearray, memoryview, dict)):
        raise TypeError(f"{what}: expected a sequence, not {type(x).__name__}")
    try:
        if dates:
            y = array.array("i", map(to_day_number, x))
        else:
            y = array.array("i", x)
    except OverflowError:
        raise _overflow(what) from None
    return Buffer(y.buffer_info()[0] if y else 0, len(y), y, "list")


def pair(x: Any, y: Any, xname: str, yname: str, xdates: bool,
         ydates: bool) -> Tuple[Buffer, Buffer, int]:
    """Convert two inputs and repeat a scalar to the other's length."""
    a = convert(x, xname, xdates)
    b = convert(y, yname, ydates)
    if a.count < 0 and b.count < 0:
        raise TypeError(f"{xname} and {yname} cannot both be single values; "
                        "use the scalar method")
    if a.count < 0:
        a = _repeat(a, b)
    elif b.count < 0:
        b = _repeat(b, a)
    if a.count != b.count:
        raise ValueError(f"{xname} has {a.count} elements but {yname} has {b.count}")
    return a, b, a.count


def _repeat(scalar: Buffer, like: Buffer) -> Buffer:
    """The scalar repeated; its results take the container of ``like``."""
    np = numpy_module()
    if like.kind in ("datetime64", "numpy-int") and np is not None:
        arr = np.full(like.count, scalar.owner, dtype=np.int32)
        kind = "datetime64" if scalar.kind == "scalar-date" else "numpy-int"
        return Buffer(arr.ctypes.data, like.count, arr, kind, like.shape)
    y = array.array("i", [scalar.owner]) * like.count
    return Buffer(y.buffer_info()[0] if y else 0, like.count, y, like.kind)


def output(like: Buffer, count: int) -> Tuple[Any, int]:
    """A fresh int32 buffer of ``count`` elements for results: (owner, address)."""
    np = numpy_module()
    if like.kind in ("datetime64", "numpy-int") and np is not None:
        out = np.empty(count, dtype=np.int32)
        return out, out.ctypes.data
    y = array.array("i", bytes(4 * count))
    return y, (y.buffer_info()[0] if count else 0)


def as_dates(like: Buffer, out: Any) -> Any:
    """Results that are day numbers, in the container ``like`` came in."""
    if like.kind == "datetime64":
        return out.astype("datetime64[D]").reshape(like.shape)
    if like.kind == "numpy-int":
        return out.reshape(like.shape)
    if like.kind == "array":
        return out
    fromordinal = datetime.date.fromordinal
    return [fromordinal(n + _EPOCH) for n in out]


def as_counts(like: Buffer, out: Any) -> Any:
    """Results that are counts, in the container ``like`` came in."""
    if like.kind in ("datetime64", "numpy-int"):
        return out.reshape(like.shape)
    if like.kind == "array":
        return out
    return out.tolist()

