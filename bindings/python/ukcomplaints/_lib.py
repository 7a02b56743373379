"""Loading the shared library, declaring its functions, and releasing handles.

Every module of the package declares the C functions it uses with
:func:`bind`; the library itself is found once, when the package is imported:

1. the path in the ``UKC_LIBRARY`` environment variable, if it is set (and
   nothing else then: a bad path is an error, not a reason to look elsewhere);
2. the installed ``libukcomplaints.so.0``, through the dynamic loader's search
   path, and then in the library directory ``meson install`` used;
3. the build tree of a checkout: ``build*/lib/libukcomplaints.so.0`` beside
   ``bindings/python``, the most recently built first.

The library's version must have the major and minor version the package was
written for (:data:`WRITTEN_FOR`).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import threading
import weakref
from pathlib import Path
from typing import Any, Callable, List, Optional, Sequence, Tuple

__all__ = [
    "WRITTEN_FOR",
    "LibraryError",
    "lib",
    "library_path",
    "bind",
    "release",
    "Handle",
    "error_guard_enter",
    "error_guard_exit",
]

#: The library version (``major * 10000 + minor * 100 + patch``) this package
#: was written for. A library with the same major and minor version is accepted.
WRITTEN_FOR = 100

SONAME = "libukcomplaints.so.0"


class LibraryError(ImportError):
    """The shared library could not be found or loaded, or has the wrong version."""


def _version_text(number: int) -> str:
    return f"{number // 10000}.{number // 100 % 100}.{number % 100}"


def _install_libdir() -> Optional[str]:
    try:
        from . import _install_paths  # written by `meson install`
    except ImportError:
        return None
    return getattr(_install_paths, "LIBDIR", None)


def _build_tree_candidates() -> List[Path]:
    here = Path(__file__).resolve()
    # bindings/python/ukcomplaints/_lib.py -> the checkout's root
    if len(here.parents) < 4:
        return []
    root = here.parents[3]
    if not (root / "meson.build").is_file() or not (root / "include" / "ukcomplaints").is_dir():
        return []
    found = [p for p in root.glob("build*/lib/" + SONAME) if p.is_file()]
    found.sort(key=lambda p: p.stat().st_mtime, reverse=True)
    return found


def _resolved(name: str) -> str:
    """The file the dynamic loader opened for ``name`` (Linux), else ``name``."""
    if os.path.isabs(name):
        return name
    try:
        with open("/proc/self/maps", encoding="utf-8", errors="replace") as maps:
            for line in maps:
                path = line.split(None, 5)[-1].strip()
                if os.path.basename(path).startswith(SONAME):
                    return path
    except OSError:
        pass
    return name


def _load() -> Tuple[ctypes.CDLL, str]:
    tried: List[str] = []

    env = os.environ.get("UKC_LIBRARY")
    if env:
        try:
            return ctypes.CDLL(env), env
        except OSError as exc:
            raise LibraryError(
                f"ukcomplaints: cannot load the library named by UKC_LIBRARY={env!r}: {exc}"
            ) from None

    names: List[str] = [SONAME]
    found = ctypes.util.find_library("ukcomplaints")
    if found and found not in names:
        names.append(found)
    libdir = _install_libdir()
    if libdir:
        names.append(os.path.join(libdir, SONAME))
    names.extend(str(p) for p in _build_tree_candidates())

    for name in names:
        try:
            handle = ctypes.CDLL(name)
        except OSError as exc:
            tried.append(f"  {name}: {exc}")
            continue
        return handle, _resolved(name)
    raise LibraryError(
        "ukcomplaints: cannot find the shared library libukcomplaints.so.0.\n"
        "Install it (meson install), or build it in the checkout (meson setup build && "
        "ninja -C build), or set UKC_LIBRARY to its path. Tried:\n" + "\n".join(tried)
    )


def _check_version(handle: ctypes.CDLL, path: str) -> int:
    try:
        fn = handle.ukc_version_number
    except AttributeError:
        raise LibraryError(f"ukcomplaints: {path} is not libukcomplaints "
                           "(no ukc_version_number)") from None
    fn.restype = ctypes.c_int
    fn.argtypes = []
    number = int(fn())
    if number // 100 != WRITTEN_FOR // 100:
        raise LibraryError(
            f"ukcomplaints: the library {path} is version {_version_text(number)}, but this "
            f"package was written for {_version_text(WRITTEN_FOR)}; the major and minor "
            "versions must match. Install matching versions, or point UKC_LIBRARY at the "
            "right library."
        )
    return number


lib, library_path = _load()
library_version = _check_version(lib, library_path)


def bind(name: str, restype: Any, argtypes: Sequence[Any]) -> Callable[..., Any]:
    """Declare the C function ``name`` of the library and return it."""
    fn = getattr(lib, name)
    fn.restype = restype
    fn.argtypes = list(argtypes)
    return fn  # type: ignore[no-any-return]


# ---------------------------------------------------------------------------
# Releasing handles without losing the last error.
#
# ukc_last_error() is thread-local and every public call, the _free functions
# included, resets it. A finaliser run by the garbage collector on this thread
# between a failing call and the reading of its error would wipe the detail,
# so while an error is read, releases on that thread are queued and done after.
# ---------------------------------------------------------------------------

_busy: set = set()
_pending: List[Tuple[Callable[[Any], Any], Any]] = []


def _drain() -> None:
    while _pending:
        try:
            free, ptr = _pending.pop()
        except IndexError:  # another thread took the last one
            return
        free(ptr)


def release(free: Callable[[Any], Any], ptr: Any) -> None:
    """Release ``ptr`` with ``free`` now, or soon if an error is being read."""
    if threading.get_ident() in _busy:
        _pending.append((free, ptr))
        return
    free(ptr)
    if _pending:
        _drain()


def error_guard_enter() -> int:
    """Hold releases on this thread while the last error is read."""
    tid = threading.get_ident()
    _busy.add(tid)
    return tid


def error_guard_exit(tid: int) -> None:
    """Undo :func:`error_guard_enter` and do any releases it held back."""
    _busy.discard(tid)
    if _pending:
        _drain()


class Handle:
    """A C pointer shared by the Python objects that need it, released once.

    The pointer is released with ``free`` when the last Python reference to the
    handle goes (the objects made from a policy or a routing keep its handle),
    or at once by :meth:`close`, which only the sole owner may call. ``free``
    None is for memory the library owns (built-in policies).
    """

    __slots__ = ("ptr", "_finalizer", "__weakref__")

    ptr: Optional[int]

    def __init__(self, ptr: int, free: Optional[Callable[[Any], Any]]) -> None:
        self.ptr = ptr
        self._finalizer = weakref.finalize(self, release, free, ptr) if free else None

    def close(self) -> None:
        """Release the pointer now. Safe to call more than once."""
        self.ptr = None
        if self._finalizer is not None:
            self._finalizer()

    @property
    def alive(self) -> bool:
        """Whether the pointer has not been released."""
        return self.ptr is not None and (self._finalizer is None or self._finalizer.alive)
