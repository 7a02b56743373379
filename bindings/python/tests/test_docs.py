"""docs/python.md runs top to bottom as written, and says what it prints.

Every ```python block of the page runs, in order, in one namespace, from the
checkout's top directory (as a reader would run the tour). A statement that
ends with a comment giving a value, such as

    cal.add_working_days(date(2024, 12, 31), 2)     # 2025-01-06 (start = day 0)

must produce that value: the comment starts with it (dates as ISO text,
strings in double quotes, enum members as ``Class.NAME``, tuples with their
parentheses when the comment has them). For ``print(...)`` the first line
printed is compared. Comments that describe rather than show (``# the four
names``) are not checked. The values themselves were worked out by hand
(the README's and the C tests' cases); this test keeps the page honest.
"""

from __future__ import annotations

import ast
import contextlib
import datetime
import enum
import io
import os
import re
from pathlib import Path

import pytest

VALUE = re.compile(r"^(True|False|None)\b|^[-0-9(\"']")


def blocks(text: str):
    """(first line number, code) of every ```python block."""
    out, lines, start, code = [], text.splitlines(), None, []
    for i, line in enumerate(lines, 1):
        if start is None and line.strip() == "```python":
            start, code = i + 1, []
        elif start is not None and line.strip() == "```":
            out.append((start, "\n".join(code) + "\n"))
            start = None
        elif start is not None:
            code.append(line)
    assert start is None, "a ```python block is not closed"
    return out


def render(v: object, parens: bool = True) -> str:
    if isinstance(v, tuple):
        inner = ", ".join(render(x) for x in v)
        return f"({inner})" if parens else inner
    if isinstance(v, enum.Enum):
        return f"{type(v).__name__}.{v.name}"
    if isinstance(v, (datetime.date, bool, int, float)) or v is None:
        return str(v)
    if isinstance(v, str):
        return '"' + v + '"'
    return repr(v)


def comment_of(line: str) -> str:
    """The trailing comment of a line of code, outside any string."""
    try:
        import tokenize
        toks = list(tokenize.generate_tokens(io.StringIO(line).readline))
    except Exception:  # a line that is part of a longer statement
        return ""
    for t in toks:
        if t.type == tokenize.COMMENT:
            return t.string[1:].strip()
    return ""


def test_every_block_runs_and_shows_what_it_prints(srcdir: Path, np):
    pytest.importorskip("pandas")
    text = (srcdir / "docs" / "python.md").read_text(encoding="utf-8")
    found = blocks(text)
    assert len(found) >= 10
    namespace: dict = {"__name__": "__tour__"}
    checked = 0
    here = os.getcwd()
    os.chdir(srcdir)
    try:
        for first, code in found:
            tree = ast.parse(code, filename=f"docs/python.md:{first}")
            lines = code.splitlines()
            for stmt in tree.body:
                where = f"docs/python.md:{first + stmt.lineno - 1}"
                comment = comment_of(lines[stmt.lineno - 1]) \
                    if stmt.lineno == stmt.end_lineno else ""
                is_print = (isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call)
                            and getattr(stmt.value.func, "id", "") == "print")
                printed = io.StringIO()
                try:
                    with contextlib.redirect_stdout(printed):
                        if isinstance(stmt, ast.Expr) and not is_print:
                            value = eval(compile(ast.Expression(stmt.value), where, "eval"),
                                         namespace)
                        else:
                            exec(compile(ast.Module([stmt], []), where, "exec"), namespace)
                            value = None
                except Exception as exc:
                    raise AssertionError(f"{where} fails: {type(exc).__name__}: {exc}") from exc
                if not comment or not VALUE.match(comment) or not isinstance(stmt, ast.Expr):
                    continue
                shown = printed.getvalue().splitlines()[0] if is_print else \
                    render(value, parens=comment.startswith("("))
                assert comment.startswith(shown), f"{where}: gives {shown!r}; the page says " \
                    f"{comment!r}"
                checked += 1
    finally:
        os.chdir(here)
    assert checked >= 20, f"only {checked} values were checked"
