"""Status codes and exceptions (C module ``error``).

Every failing library call raises a subclass of :class:`Error`, chosen by the
status the C function returned, and carrying the detail that
``ukc_last_error()`` gave on the same thread straight after the call.
"""

from __future__ import annotations

import ctypes
import enum
from typing import Dict, NoReturn, Optional, Type, Union

from . import _layout, _lib

__all__ = [
    "Status",
    "Error",
    "InvalidArgumentError",
    "ParseError",
    "OutOfRangeError",
    "NoMemoryError",
    "NotFoundError",
    "NotSetError",
    "IoError",
    "InvalidUtf8Error",
    "TooLongError",
    "TooDeepError",
    "InvalidDataError",
    "BufferTooSmallError",
    "VersionError",
    "StateError",
    "TooManyError",
    "InternalError",
    "ClosedError",
    "status_name",
    "status_str",
    "last_error",
]


class Status(enum.IntEnum):
    """``ukc_status``: the result of a library call. The numbers never change."""

    OK = 0
    INVALID_ARGUMENT = 1
    PARSE = 2
    OUT_OF_RANGE = 3
    NO_MEMORY = 4
    NOT_FOUND = 5
    NOT_SET = 6
    IO = 7
    INVALID_UTF8 = 8
    TOO_LONG = 9
    TOO_DEEP = 10
    INVALID_DATA = 11
    BUFFER_TOO_SMALL = 12
    VERSION = 13
    STATE = 14
    TOO_MANY = 15
    INTERNAL = 16


_CError = _layout.CError


_status_str = _lib.bind("ukc_status_str", ctypes.c_char_p, [ctypes.c_int])
_status_name = _lib.bind("ukc_status_name", ctypes.c_char_p, [ctypes.c_int])
_last_error = _lib.bind("ukc_last_error", ctypes.POINTER(_CError), [])


def status_str(status: int) -> str:
    """Static text for a status, e.g. ``"out of the supported range"`` (``ukc_status_str``)."""
    return (_status_str(int(status)) or b"").decode()


def status_name(status: int) -> str:
    """The stable short name of a status, e.g. ``"UKC_ERR_OUT_OF_RANGE"`` (``ukc_status_name``)."""
    return (_status_name(int(status)) or b"").decode()


def _as_status(value: int) -> Union[Status, int]:
    try:
        return Status(value)
    except ValueError:
        return value


class Error(Exception):
    """Base class of every error the library reports.

    Attributes:
        status: the :class:`Status` the C call returned.
        message: the library's detail (``ukc_last_error()->message``).
        line, column: 1-based position in the input, or 0.
        offset: 0-based byte offset in the input, or -1.
        path: field path such as ``$.england-and-wales.events[3]``, or "".
        index: index of the bad element of a batch call, or -1.
    """

    #: The status this class stands for (the base class: any).
    code: Optional[Status] = None

    status: Union[Status, int]
    message: str
    line: int
    column: int
    offset: int
    path: str
    index: int

    def __init__(self, message: str, *, status: Optional[int] = None, line: int = 0,
                 column: int = 0, offset: int = -1, path: str = "", index: int = -1) -> None:
        if status is None:
            status = self.code if self.code is not None else Status.INTERNAL
        self.status = _as_status(int(status))
        self.message = message
        self.line = line
        self.column = column
        self.offset = offset
        self.path = path
        self.index = index
        super().__init__(message)

    def __str__(self) -> str:
        text = self.message or status_str(self.status)
        where = []
        if self.line and f"line {self.line}" not in text:
            where.append(f"line {self.line}, column {self.column}")
        if self.path and self.path not in text:
            where.append(f"at {self.path}")
        if self.index >= 0 and f"element {self.index}" not in text:
            where.append(f"element {self.index}")
        return f"{text} ({'; '.join(where)})" if where else text

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.message!r}, status={status_name(self.status)})"


class InvalidArgumentError(Error, ValueError):
    """``UKC_ERR_INVALID_ARGUMENT``: a bad argument, unknown enum value or bad option."""

    code = Status.INVALID_ARGUMENT


class ParseError(Error, ValueError):
    """``UKC_ERR_PARSE``: malformed input text (a date, JSON, CSV)."""

    code = Status.PARSE


class OutOfRangeError(Error, ValueError):
    """``UKC_ERR_OUT_OF_RANGE``: a date or number outside the supported range."""

    code = Status.OUT_OF_RANGE


class NoMemoryError(Error, MemoryError):
    """``UKC_ERR_NO_MEMORY``: an allocation failed; nothing was changed."""

    code = Status.NO_MEMORY


class NotFoundError(Error, LookupError):
    """``UKC_ERR_NOT_FOUND``: an unknown name (calendar, division, policy, stage...)."""

    code = Status.NOT_FOUND


class NotSetError(Error, LookupError):
    """``UKC_ERR_NOT_SET``: the policy's source sets no such rule or timescale."""

    code = Status.NOT_SET


class IoError(Error, OSError):
    """``UKC_ERR_IO``: a file could not be opened or read."""

    code = Status.IO


class InvalidUtf8Error(Error, ValueError):
    """``UKC_ERR_INVALID_UTF8``: text that is not valid UTF-8, or holds a NUL."""

    code = Status.INVALID_UTF8


class TooLongError(Error, ValueError):
    """``UKC_ERR_TOO_LONG``: input longer than a documented maximum."""

    code = Status.TOO_LONG


class TooDeepError(Error, ValueError):
    """``UKC_ERR_TOO_DEEP``: input nested deeper than a documented maximum."""

    code = Status.TOO_DEEP


class InvalidDataError(Error, ValueError):
    """``UKC_ERR_INVALID_DATA``: well-formed input that breaks the format's rules."""

    code = Status.INVALID_DATA


class BufferTooSmallError(Error):
    """``UKC_ERR_BUFFER_TOO_SMALL``: an output buffer is too small."""

    code = Status.BUFFER_TOO_SMALL


class VersionError(Error):
    """``UKC_ERR_VERSION``: an options struct or file format of an unknown version."""

    code = Status.VERSION


class StateError(Error):
    """``UKC_ERR_STATE``: not allowed in the object's present state."""

    code = Status.STATE


class TooManyError(Error, ValueError):
    """``UKC_ERR_TOO_MANY``: more items than a documented maximum."""

    code = Status.TOO_MANY


class InternalError(Error):
    """``UKC_ERR_INTERNAL``: a bug in the library; please report it."""

    code = Status.INTERNAL


class ClosedError(Error, ValueError):
    """The object was closed (its C handle released) and can no longer be used.

    Raised by the Python layer, never by the C library; its status is
    ``INVALID_ARGUMENT``, as the C call with a NULL handle would report.
    """

    code = Status.INVALID_ARGUMENT


_BY_STATUS: Dict[int, Type[Error]] = {
    cls.code: cls
    for cls in (InvalidArgumentError, ParseError, OutOfRangeError, NoMemoryError,
                NotFoundError, NotSetError, IoError, InvalidUtf8Error, TooLongError,
                TooDeepError, InvalidDataError, BufferTooSmallError, VersionError,
                StateError, TooManyError, InternalError)
    if cls.code is not None
}


def error_class(status: int) -> Type[Error]:
    """The :class:`Error` subclass for a status (:class:`Error` for an unknown one)."""
    return _BY_STATUS.get(status, Error)


def last_error(status: int) -> Error:
    """Build the exception for ``status`` from this thread's ``ukc_last_error()``.

    Call it straight after the failing call, on the same thread.
    """
    tid = _lib.error_guard_enter()
    try:
        e = _last_error().contents
        c_status = e.status
        message = (e.message or b"").decode("utf-8", "replace")
        line, column, offset, index = e.line, e.column, e.offset, e.index
        path = (e.path or b"").decode("utf-8", "replace")
    finally:
        _lib.error_guard_exit(tid)
    if c_status != status:  # the detail was lost; keep the status
        message, line, column, offset, path, index = status_str(status), 0, 0, -1, "", -1
    return error_class(status)(message, status=status, line=line, column=column,
                               offset=offset, path=path, index=index)


def check(status: int) -> None:
    """Raise the error for a non-zero status returned by the last C call."""
    if status:
        raise last_error(status)


def fail(status: int) -> NoReturn:
    """Raise the error for the non-zero status returned by the last C call."""
    raise last_error(status)


def make(status: int, message: str, **where: int) -> Error:
    """An error raised by the Python layer itself, for the same status the C library uses."""
    return error_class(status)(message, status=status, **where)  # type: ignore[arg-type]
