"""The bulk calls: sequences of dates and numbers in, the same kind of container out.

Inputs, in order of speed:

* numpy arrays (when numpy is imported): ``datetime64`` (its day, as
  ``astype("datetime64[D]")`` gives it; ``NaT`` is missing) or integer day
  numbers; int32 arrays are passed to C in place;
* pandas ``Series``, ``DatetimeIndex`` and ``Index`` (when pandas is
  imported): their values, as numpy's; ``NaT``, ``None`` and ``NaN`` are missing;
* ``array.array`` of 4-byte signed integers (``'i'``), used in place;
* any other iterable of dates (or ISO strings) or of ints, converted element by
  element.

A single date or int is repeated to the other argument's length. A missing
element gives a missing answer (``NaT``, ``<NA>`` or ``None``) where the
result's container can hold one, and an error where it cannot.

numpy and pandas inputs go through C in chunks of :data:`CHUNK` elements, so
that the int32 conversions stay in the processor's cache and the only large
buffer written is the result (or the caller's ``out=`` array, which then is
the result: no memory is allocated for it at all).
"""

from __future__ import annotations

import array
import datetime
import sys
from typing import Any, Callable, List, Optional, Tuple

from .dates import _EPOCH, to_day_number
from .errors import Status, fail, make

_I32_MIN = -(2**31)
_I32_MAX = 2**31 - 1
_I64_MIN = -(2**63)  # numpy's NaT, as int64

#: Elements per C call on the numpy path (int32 scratch of 128 KiB each).
CHUNK = 1 << 15
#: A day every calendar covers (2000-01-01), put in place of a missing one.
_PLACEHOLDER = 10957
_DAY_NS = 86_400_000_000_000

_NUMPY_KINDS = ("datetime64", "numpy-int", "pandas")


def numpy_module() -> Any:
    """numpy if it has been imported (never imports it)."""
    return sys.modules.get("numpy")


def pandas_module() -> Any:
    """pandas if it has been imported (never imports it)."""
    return sys.modules.get("pandas")


class Buffer:
    """One argument of a bulk call, converted.

    ``kind`` is the container it came in: "datetime64", "numpy-int", "pandas",
    "array", "list", "scalar-date" or "scalar-int". ``addr``/``count`` give an
    int32 buffer for the plain path; ``flat`` a 1-D integer ndarray for the
    chunked numpy path, in which ``_I64_MIN`` marks a missing element when
    ``nat`` is true.
    """

    __slots__ = ("addr", "count", "owner", "kind", "shape", "flat", "nat", "wrap")

    def __init__(self, addr: int, count: int, owner: Any, kind: str,
                 shape: Optional[Tuple[int, ...]] = None) -> None:
        self.addr = addr
        self.count = count
        self.owner = owner
        self.kind = kind
        self.shape = shape
        self.flat: Any = None
        self.nat = False
        self.wrap: Any = None  # pandas: (constructor kind, index, name, tz)


def _range_error(what: str, i: int, value: Any) -> Exception:
    return make(Status.OUT_OF_RANGE, f"{what}[{i}] = {value} is out of range (beyond 32 bits)",
                index=i)


def _numpy_flat(np: Any, a: Any, what: str, dates: bool) -> Tuple[Any, bool, str]:
    """A 1-D integer view of ndarray ``a``: (flat, holds NaT, kind)."""
    kind = a.dtype.kind
    if kind == "M":
        if not dates:
            raise TypeError(f"{what} must hold integers, not datetime64")
        if a.dtype != np.dtype("datetime64[D]"):
            a = a.astype("datetime64[D]")
        return np.ascontiguousarray(a).reshape(-1).view(np.int64), True, "datetime64"
    if kind in "iu":
        if a.dtype.itemsize > 8 or (kind == "u" and a.dtype.itemsize == 8):
            a = a.astype(np.int64)  # uint64 beyond int64 is out of range either way
        return np.ascontiguousarray(a).reshape(-1), False, "numpy-int"
    if kind == "O" and dates:
        flat = np.fromiter((_day_or_nat(d) for d in a.reshape(-1)), dtype=np.int64,
                           count=a.size)
        return flat, True, "datetime64"
    raise TypeError(f"{what}: an array of dtype {a.dtype} holds neither dates nor integers")


def _day_or_nat(d: Any) -> int:
    if d is None or d != d:  # None, NaT, NaN
        return _I64_MIN
    return to_day_number(d)


def _from_pandas(np: Any, pd: Any, x: Any, what: str, dates: bool) -> Buffer:
    """A pandas Series or Index: its values as a flat int64 array, NaT marked."""
    if isinstance(x, pd.Series):
        wrap_kind, index, name = "series", x.index, x.name
    else:
        wrap_kind, index, name = "index", None, x.name
    tz = getattr(x.dtype, "tz", None)
    if tz is not None:  # the wall-clock day where the values are
        x = x.dt.tz_localize(None) if wrap_kind == "series" else x.tz_localize(None)
    if dates and x.dtype.kind == "M":
        values = np.asarray(x.to_numpy(dtype="datetime64[ns]"))
        i8 = values.view(np.int64)
        nat = i8 == _I64_MIN
        flat = np.floor_divide(i8, _DAY_NS)
        flat[nat] = _I64_MIN
    elif not dates and x.dtype.kind in "iu" and not x.hasnans:
        flat = np.asarray(x.to_numpy(dtype=np.int64))
    elif x.dtype.kind in "iufO":
        missing = np.asarray(x.isna())
        if dates:
            flat = np.fromiter((_I64_MIN if m else to_day_number(_pandas_day(pd, v))
                                for v, m in zip(x.to_numpy(dtype=object), missing)),
                               dtype=np.int64, count=len(x))
        else:
            filled = x.to_numpy(dtype=object)
            flat = np.fromiter((_I64_MIN if m else _integer(v, what, i)
                                for i, (v, m) in enumerate(zip(filled, missing))),
                               dtype=np.int64, count=len(x))
    else:
        raise TypeError(f"{what}: a pandas {wrap_kind} of dtype {x.dtype} holds neither "
                        "dates nor integers")
    buf = Buffer(0, len(flat), x, "pandas", (len(flat),))
    buf.flat, buf.nat = flat, True
    buf.wrap = (wrap_kind, index, name, tz)
    return buf


def _pandas_day(pd: Any, v: Any) -> Any:
    if isinstance(v, pd.Timestamp):
        return datetime.date(v.year, v.month, v.day)
    return v


def _integer(v: Any, what: str, i: int) -> int:
    if isinstance(v, float):
        if not v.is_integer():
            raise make(Status.INVALID_ARGUMENT, f"{what}[{i}] = {v} is not a whole number",
                       index=i)
        return int(v)
    return int(v)


def _overflow(what: str) -> Exception:
    return make(Status.OUT_OF_RANGE, f"{what}: a value does not fit in 32 bits")


def convert(x: Any, what: str, dates: bool) -> Buffer:
    """Any accepted input, converted (a scalar gets count -1)."""
    np = numpy_module()
    if np is not None and isinstance(x, np.ndarray):
        flat, nat, kind = _numpy_flat(np, x, what, dates)
        buf = Buffer(flat.ctypes.data if flat.dtype == np.int32 else 0, flat.size, flat, kind,
                     x.shape)
        buf.flat, buf.nat = flat, nat
        return buf
    pd = pandas_module()
    if pd is not None and isinstance(x, (pd.Series, pd.Index)):
        return _from_pandas(np, pd, x, what, dates)
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
    """Convert two inputs; check that their lengths agree."""
    a = convert(x, xname, xdates)
    b = convert(y, yname, ydates)
    if a.count < 0 and b.count < 0:
        raise TypeError(f"{xname} and {yname} cannot both be single values; "
                        "use the scalar method")
    count = b.count if a.count < 0 else a.count
    if b.count >= 0 and b.count != count:
        raise ValueError(f"{xname} has {a.count} elements but {yname} has {b.count}")
    if a.kind == "pandas" and b.kind == "pandas" and a.wrap[0] == b.wrap[0] == "series" \
            and not a.wrap[1].equals(b.wrap[1]):
        raise ValueError(f"{xname} and {yname} have different indexes; align them first")
    return a, b, count


# ---------------------------------------------------------------------------
# Running a batch call.
# ---------------------------------------------------------------------------


def run(fn: Callable[..., int], ptr: int, x: Any, y: Any, names: Tuple[str, str],
        ydates: bool, dates_out: bool, out: Any) -> Any:
    """``fn(ptr, a, b, count, result)`` over ``x`` and ``y``, in ``x``'s container.

    ``x`` holds dates; ``y`` dates when ``ydates``; the result is day numbers
    when ``dates_out`` (else counts). ``out``, when given, is filled and returned.
    """
    a, b, count = pair(x, y, names[0], names[1], True, ydates)
    like = a
    if a.count < 0:  # a single start: the result takes the other's container
        like = b
        if dates_out and b.kind == "numpy-int":
            like = Buffer(0, b.count, None, "datetime64", b.shape)
    np = numpy_module()
    if np is not None and (a.kind in _NUMPY_KINDS or b.kind in _NUMPY_KINDS
                           or isinstance(out, np.ndarray)):
        return _run_numpy(np, fn, ptr, a, b, count, like, dates_out, out, names, ydates)
    if out is not None and not isinstance(out, array.array):
        raise TypeError("out must be a numpy array or an array.array('i')")
    return _run_plain(fn, ptr, a, b, count, like, dates_out, out)


def _run_plain(fn: Callable[..., int], ptr: int, a: Buffer, b: Buffer, count: int,
               like: Buffer, dates_out: bool, out: Any) -> Any:
    a, b = _repeat(a, count), _repeat(b, count)
    if out is not None:
        if out.typecode not in "il" or out.itemsize != 4 or len(out) != count:
            raise ValueError(f"out must be an array('i') of {count} elements")
        res = out
    else:
        res = array.array("i", bytes(4 * count))
    if count:
        st = fn(ptr, a.addr, b.addr, count, res.buffer_info()[0])
        if st:
            fail(st)
    if out is not None or like.kind == "array":
        return res
    if dates_out:
        fromordinal = datetime.date.fromordinal
        return [fromordinal(n + _EPOCH) for n in res]
    return res.tolist()


def _repeat(buf: Buffer, count: int) -> Buffer:
    if buf.count >= 0:
        return buf
    y = array.array("i", [buf.owner]) * count
    return Buffer(y.buffer_info()[0] if y else 0, count, y, "array")


class _Chunks:
    """One argument cut into int32 chunks, NaT marked."""

    def __init__(self, np: Any, buf: Buffer, what: str, dates: bool) -> None:
        self.np = np
        self.what = what
        # What stands in for an element whose partner is missing: a day every
        # calendar covers, or 0 working days.
        self.placeholder = _PLACEHOLDER if dates else 0
        self.nat = buf.nat
        self.const = None
        self.flat = None
        self.i32 = False
        if buf.count < 0:
            self.const = np.full(CHUNK, buf.owner, dtype=np.int32)
        elif buf.flat is not None:
            self.flat = buf.flat
            self.i32 = buf.flat.dtype == np.int32
        else:  # array('i') or a converted list
            self.flat = np.frombuffer(buf.owner, dtype=np.int32) if buf.count else \
                np.empty(0, dtype=np.int32)
            self.i32 = True
        self.scratch = None if (self.const is not None or self.i32) else \
            np.empty(CHUNK, dtype=np.int32)

    def chunk(self, i: int, j: int) -> Tuple[Any, Any]:
        """The elements i..j-1 as a contiguous int32 array, and the NaT mask or None."""
        if self.const is not None:
            return self.const[:j - i], None
        part = self.flat[i:j]
        if self.i32:
            return part, None
        np = self.np
        lo, hi = part.min(), part.max()
        missing = None
        if lo < _I32_MIN or hi > _I32_MAX:
            bad = (part < _I32_MIN) | (part > _I32_MAX)
            if self.nat:
                missing = part == _I64_MIN
                bad &= ~missing
            if bad.any():
                k = int(np.argmax(bad))
                raise _range_error(self.what, i + k, part[k])
            if missing is not None and not missing.any():
                missing = None
        dst = self.scratch[:j - i]
        np.copyto(dst, part, casting="unsafe")
        if missing is not None:
            dst[missing] = _PLACEHOLDER
        return dst, missing


def _out_target(np: Any, out: Any, count: int, dates_out: bool) -> Tuple[Any, Any]:
    """The caller's ``out``: (int32 flat view or None, int64 flat view of datetime64[D] or None)."""
    if isinstance(out, array.array):
        if out.typecode not in "il" or out.itemsize != 4 or len(out) != count:
            raise ValueError(f"out must be an array('i') of {count} elements")
        return (np.frombuffer(out, dtype=np.int32) if count else np.empty(0, np.int32)), None
    if not isinstance(out, np.ndarray):
        raise TypeError("out must be a numpy array or an array.array('i')")
    if out.size != count or not out.flags.c_contiguous or not out.flags.writeable:
        raise ValueError(f"out must be a writable C-contiguous array of {count} elements")
    if out.dtype == np.int32:
        return out.reshape(-1), None
    if dates_out and out.dtype == np.dtype("datetime64[D]"):
        return None, out.reshape(-1).view(np.int64)
    raise TypeError(f"out must be {'datetime64[D] or ' if dates_out else ''}int32, "
                    f"not {out.dtype}")


def _run_numpy(np: Any, fn: Callable[..., int], ptr: int, a: Buffer, b: Buffer, count: int,
               like: Buffer, dates_out: bool, out: Any, names: Tuple[str, str],
               ydates: bool) -> Any:
    if out is not None and like.kind == "pandas":
        raise TypeError("out= is for numpy arrays; a pandas result is always new")
    ca, cb = _Chunks(np, a, names[0], True), _Chunks(np, b, names[1], ydates)
    wide = dates_out and like.kind in ("datetime64", "pandas")
    if out is not None:
        res32, res64 = _out_target(np, out, count, dates_out)
    elif wide:
        res32, res64 = None, np.empty(count, dtype=np.int64)
    else:
        res32, res64 = np.empty(count, dtype=np.int32), None
    scratch = np.empty(min(CHUNK, count), dtype=np.int32) if res32 is None else None
    missing: List[Tuple[int, Any]] = []
    for i in range(0, count, CHUNK):
        j = min(i + CHUNK, count)
        pa, ma = ca.chunk(i, j)
        pb, mb = cb.chunk(i, j)
        if mb is not None:
            pa = pa.copy()
            pa[mb] = ca.placeholder
            m = mb if ma is None else (ma | mb)
        else:
            m = ma
        if ma is not None:
            pb = pb.copy()
            pb[ma] = cb.placeholder
        r = res32[i:j] if res32 is not None else scratch[:j - i]
        st = fn(ptr, pa.ctypes.data, pb.ctypes.data, j - i, r.ctypes.data)
        if st:
            _whole_error(np, fn, ptr, ca, cb, j)
        if res64 is not None:
            res64[i:j] = r
        if m is not None:
            missing.append((i, m))
    return _result(np, like, count, dates_out, out, res32, res64, missing, names)


def _whole_error(np: Any, fn: Callable[..., int], ptr: int, ca: _Chunks, cb: _Chunks,
                 end: int) -> None:
    """Raise the error of the first bad element among 0..end-1, with its index, as
    one call over all of them reports it."""
    xa = np.empty(end, dtype=np.int32)
    xb = np.empty(end, dtype=np.int32)
    for i in range(0, end, CHUNK):
        j = min(i + CHUNK, end)
        xa[i:j], ma = ca.chunk(i, j)
        xb[i:j], mb = cb.chunk(i, j)
        if ma is not None:
            xb[i:j][ma] = cb.placeholder
        if mb is not None:
            xa[i:j][mb] = ca.placeholder
    res = np.empty(end, dtype=np.int32)
    st = fn(ptr, xa.ctypes.data, xb.ctypes.data, end, res.ctypes.data)
    fail(st if st else int(Status.INTERNAL))


def _result(np: Any, like: Buffer, count: int, dates_out: bool, out: Any, res32: Any,
            res64: Any, missing: List[Tuple[int, Any]], names: Tuple[str, str]) -> Any:
    if like.kind == "pandas":
        return _pandas_result(np, like, dates_out, res32, res64, missing)
    can_nat = res64 is not None
    if missing and not can_nat:
        i, m = missing[0]
        k = i + int(np.argmax(m))
        what = "a date" if dates_out else "a count"
        raise make(Status.OUT_OF_RANGE, f"element {k} is missing (NaT), and {what} in this "
                   "container cannot be; use datetime64[D] or pandas", index=k)
    if can_nat:
        for i, m in missing:
            res64[i:i + m.size][m] = _I64_MIN
    if out is not None:
        return out
    shape = like.shape if like.shape is not None else (count,)
    if like.kind == "datetime64":
        if dates_out:
            return res64.reshape(shape).view("datetime64[D]")
        return res32.reshape(shape)
    if like.kind == "numpy-int":
        return res32.reshape(shape)
    if like.kind == "array":
        return array.array("i", res32.tobytes())
    if dates_out:
        fromordinal = datetime.date.fromordinal
        return [fromordinal(n + _EPOCH) for n in res32.tolist()]
    return res32.tolist()


def _pandas_result(np: Any, like: Buffer, dates_out: bool, res32: Any, res64: Any,
                   missing: List[Tuple[int, Any]]) -> Any:
    pd = pandas_module()
    wrap_kind, index, name, tz = like.wrap
    if dates_out:
        ns = res64 * _DAY_NS
        for i, m in missing:
            ns[i:i + m.size][m] = _I64_MIN
        values: Any = ns.view("datetime64[ns]")
        if wrap_kind == "series":
            result = pd.Series(values, index=index, name=name)
            return result.dt.tz_localize(tz) if tz is not None else result
        result = pd.DatetimeIndex(values, name=name)
        return result.tz_localize(tz) if tz is not None else result
    if missing:
        mask = np.zeros(res32.size, dtype=bool)
        for i, m in missing:
            mask[i:i + m.size] = m
        values = pd.arrays.IntegerArray(res32, mask)
    else:
        values = res32
    if wrap_kind == "series":
        return pd.Series(values, index=index, name=name)
    return pd.Index(values, name=name)
