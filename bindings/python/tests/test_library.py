"""Finding and checking the shared library."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import ukcomplaints
from ukcomplaints import _lib

PKG_PARENT = str(Path(ukcomplaints.__file__).resolve().parents[1])


def run_import(env_update: dict) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env.update(env_update)
    env["PYTHONPATH"] = PKG_PARENT
    return subprocess.run([sys.executable, "-c", "import ukcomplaints as u; print(u.library_path)"],
                          env=env, capture_output=True, text=True, cwd="/")


def test_version():
    assert ukcomplaints.version() == "0.1.0"
    assert ukcomplaints.version_number() == 100
    assert ukcomplaints.__version__ == "0.1.0"


def test_library_path_is_ukc_library():
    env = os.environ.get("UKC_LIBRARY")
    if env:
        assert ukcomplaints.library_path == env
    assert os.path.basename(ukcomplaints.library_path).startswith("libukcomplaints.so")


def test_ukc_library_bad_path_is_a_clear_error(tmp_path):
    missing = str(tmp_path / "nope.so")
    r = run_import({"UKC_LIBRARY": missing})
    assert r.returncode != 0
    assert "UKC_LIBRARY" in r.stderr and missing in r.stderr
    assert "LibraryError" in r.stderr


def test_ukc_library_not_ukcomplaints(tmp_path):
    import ctypes.util
    libc = ctypes.util.find_library("c")
    if not libc:
        pytest.skip("no libc to load")
    r = run_import({"UKC_LIBRARY": libc})
    assert r.returncode != 0
    assert "not libukcomplaints" in r.stderr


def test_build_tree_is_found_without_ukc_library():
    # From a checkout with a build directory, the build tree is a fallback.
    if not _lib._build_tree_candidates():
        pytest.skip("not running from a checkout with a build directory")
    env = {k: v for k, v in os.environ.items() if k != "UKC_LIBRARY"}
    env["PYTHONPATH"] = PKG_PARENT
    r = subprocess.run([sys.executable, "-c", "import ukcomplaints as u; print(u.library_path)"],
                       env=env, capture_output=True, text=True, cwd="/")
    assert r.returncode == 0, r.stderr
    assert "libukcomplaints.so" in r.stdout


class FakeLibrary:
    """Stands in for a CDLL whose ukc_version_number() returns a fixed number."""

    def __init__(self, number: int) -> None:
        def ukc_version_number() -> int:
            return number
        self.ukc_version_number = ukc_version_number


@pytest.mark.parametrize("number", [100, 101, 199])
def test_version_check_accepts_same_minor(number):
    assert _lib._check_version(FakeLibrary(number), "fake") == number  # type: ignore[arg-type]


@pytest.mark.parametrize("number,text", [(200, "0.2.0"), (10100, "1.1.0"), (0, "0.0.0")])
def test_version_check_refuses_other_versions(number, text):
    with pytest.raises(_lib.LibraryError) as exc:
        _lib._check_version(FakeLibrary(number), "fake.so")  # type: ignore[arg-type]
    msg = str(exc.value)
    assert text in msg and "0.1.0" in msg and "fake.so" in msg
    assert isinstance(exc.value, ImportError)


def test_public_names_have_docstrings():
    for name in ukcomplaints.__all__:
        obj = getattr(ukcomplaints, name)
        if type(obj).__module__ == "typing":  # DateLike, a type alias
            continue
        if callable(obj) and not isinstance(obj, (str, int)):
            assert obj.__doc__ and obj.__doc__.strip(), name
    for cls in (ukcomplaints.Calendar, ukcomplaints.Explanation):
        for attr, value in vars(cls).items():
            if attr.startswith("_"):
                continue
            target = value.fget if isinstance(value, property) else value
            target = getattr(target, "__func__", target)
            if callable(target):
                assert target.__doc__, f"{cls.__name__}.{attr}"


def test_py_typed_is_shipped():
    assert (Path(ukcomplaints.__file__).parent / "py.typed").is_file()
