"""Every ctypes struct of the package against the C compiler's layout.

The layout manifest (build/tools/layout.json, printed by a program compiled
against the public headers) gives each public struct's sizeof and each
field's offset and size. Every ctypes.Structure in the package that names a
C struct in its docstring (````ukc_...````) must match it: the same fields at
the same offsets with the same sizes, and the same size. A versioned options
struct may instead be an older version's layout: a prefix of the C struct's
fields, passed with that older version.
"""

from __future__ import annotations

import ctypes
import importlib
import json
import keyword
import os
import pkgutil
import re
from pathlib import Path
from typing import Any, Dict, List, Tuple

import pytest

import ukcomplaints
from ukcomplaints import _layout


def _manifest() -> Dict[str, Any]:
    path = os.environ.get("UKC_LAYOUT")
    if not path:
        found = sorted(Path(__file__).resolve().parents[3].glob("build*/tools/layout.json"))
        if not found:
            pytest.skip("no layout manifest: build the tree, or set UKC_LAYOUT")
        path = str(found[0])
    return json.loads(Path(path).read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def _package_structs() -> List[Tuple[str, str, Any]]:
    """(module, C name, class) of every Structure in the package that names its C struct."""
    found = []
    for info in pkgutil.iter_modules(ukcomplaints.__path__):
        mod = importlib.import_module(f"ukcomplaints.{info.name}")
        for obj in vars(mod).values():
            if isinstance(obj, type) and issubclass(obj, ctypes.Structure) and \
                    obj.__module__ == mod.__name__:
                m = re.match(r"``(ukc_\w+)``", (obj.__doc__ or "").strip())
                if m:
                    found.append((info.name, m.group(1), obj))
    return found


def _c_fields(s: Dict[str, Any]) -> List[Tuple[str, int, int]]:
    """A manifest struct's fields as Python names them (`from` is `from_`)."""
    return [(f + "_" if keyword.iskeyword(f) else f, off, sz) for f, _, off, sz, _ in s["fields"]]


def _fields(cls: Any) -> List[Tuple[str, int, int]]:
    return [(name, getattr(cls, name).offset, getattr(cls, name).size)
            for name, *_ in cls._fields_]


def test_generated_layer_is_the_manifest() -> None:
    m = _manifest()
    assert set(_layout.STRUCTS) == set(m["structs"])
    for name, s in m["structs"].items():
        cls, size, fields = _layout.STRUCTS[name]
        assert ctypes.sizeof(cls) == s["size"] == size, name
        want = _c_fields(s)
        assert _fields(cls) == want == fields, name
    assert _layout.VERSIONS == m["versions"]
    for name, e in m["enums"].items():
        assert [tuple(v) for v in e["values"]] == _layout.ENUMS[name], name


def test_every_python_struct_matches_c() -> None:
    m = _manifest()
    structs = _package_structs()
    # The package mirrors the structs it passes to the library.
    assert len(structs) >= 20
    wrong = []
    for module, cname, cls in structs:
        s = m["structs"].get(cname)
        if s is None:
            wrong.append(f"{module}.{cls.__name__}: no C struct {cname}")
            continue
        want = _c_fields(s)
        have = _fields(cls)
        older = bool(want) and want[0][0] == "version" and have == want[:len(have)]
        if have != want and not older:
            wrong.append(f"{module}.{cls.__name__} ({cname}): fields {have}, C has {want}")
        elif ctypes.sizeof(cls) != s["size"] and not older:
            wrong.append(f"{module}.{cls.__name__} ({cname}): {ctypes.sizeof(cls)} bytes, "
                         f"C has {s['size']}")
    assert not wrong, "\n".join(wrong)
