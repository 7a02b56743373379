"""Shared fixtures: the source tree, built-in calendars, optional numpy."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
# Run from a checkout without installing: the package sits beside the tests.
sys.path.insert(0, str(HERE.parent))

import ukcomplaints  # noqa: E402


def _srcdir() -> Path:
    env = os.environ.get("UKC_SRCDIR")
    return Path(env) if env else HERE.parents[2]


@pytest.fixture(scope="session")
def srcdir() -> Path:
    return _srcdir()


@pytest.fixture(scope="session")
def govuk_dir(srcdir: Path) -> Path:
    return srcdir / "lib" / "data" / "govuk"


@pytest.fixture(scope="session")
def ew() -> ukcomplaints.Calendar:
    return ukcomplaints.Calendar("england-and-wales")


@pytest.fixture(scope="session")
def scot() -> ukcomplaints.Calendar:
    return ukcomplaints.Calendar("scotland")


@pytest.fixture(scope="session")
def ni() -> ukcomplaints.Calendar:
    return ukcomplaints.Calendar("northern-ireland")


@pytest.fixture(scope="session")
def uk() -> ukcomplaints.Calendar:
    return ukcomplaints.Calendar("united-kingdom")


@pytest.fixture(scope="session")
def np():
    try:
        import numpy
    except ImportError:
        pytest.skip("numpy is not installed: the numpy paths are not tested")
    return numpy
