#!/usr/bin/env python3
"""Validate the labelled feedback corpus and print its counts.

Usage: python3 check.py [DIR]   (DIR defaults to the directory of this script)

Checks every *.tsv file in DIR: UTF-8, LF line endings, the exact header,
six tab-separated fields per line, unique ids across all files, allowed
split/kind/route values, route "-" if and only if kind is not "other",
a non-empty text whose backslashes only start the escapes \\n, \\t or \\\\,
and a non-empty provenance.  Exits 1 if anything is wrong.
Standard library only; runs with any Python 3.
"""

import collections
import glob
import os
import re
import sys

HEADER = ["id", "split", "kind", "route", "text", "provenance"]
SPLITS = ("tune", "holdout")
KINDS = ("complaint", "comment", "compliment", "request", "other")
ROUTES = ("foi", "subject-access", "councillor-conduct", "appeal",
          "hate-crime", "school", "staff-grievance", "insurance-claim")
ID_RE = re.compile(r"^[a-z][0-9]{4,5}$")


def bad_escapes(text):
    """Return the positions of backslashes that do not start \\n, \\t or \\\\."""
    bad = []
    i = 0
    while i < len(text):
        if text[i] == "\\":
            if i + 1 < len(text) and text[i + 1] in "nt\\":
                i += 2
                continue
            bad.append(i)
        i += 1
    return bad


def main(argv):
    here = argv[1] if len(argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    files = sorted(glob.glob(os.path.join(here, "*.tsv")))
    errors = []
    ids = {}
    rows = []

    def err(path, lineno, msg):
        errors.append("{}:{}: {}".format(os.path.basename(path), lineno, msg))

    if not files:
        errors.append("no .tsv files in {}".format(here))
    for path in files:
        with open(path, "rb") as fh:
            raw = fh.read()
        try:
            data = raw.decode("utf-8")
        except UnicodeDecodeError as e:
            err(path, 0, "not valid UTF-8: {}".format(e))
            continue
        if data.startswith("\ufeff"):
            err(path, 1, "byte order mark not allowed")
        if "\r" in data:
            err(path, 0, "carriage return found (use LF line endings)")
        if not data.endswith("\n"):
            err(path, 0, "file does not end with a newline")
        lines = data.split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        if not lines or lines[0].split("\t") != HEADER:
            err(path, 1, "header must be: " + "<TAB>".join(HEADER))
        for lineno, line in enumerate(lines[1:], 2):
            fields = line.split("\t")
            if len(fields) != 6:
                err(path, lineno, "expected 6 tab-separated fields, got {} "
                    "(a raw tab in the text?)".format(len(fields)))
                continue
            id_, split, kind, route, text, prov = fields
            if not ID_RE.match(id_):
                err(path, lineno, "bad id {!r}".format(id_))
            if id_ in ids:
                err(path, lineno, "duplicate id {} (first in {})".format(id_, ids[id_]))
            ids[id_] = "{}:{}".format(os.path.basename(path), lineno)
            if split not in SPLITS:
                err(path, lineno, "bad split {!r}".format(split))
            if kind not in KINDS:
                err(path, lineno, "bad kind {!r}".format(kind))
            if kind == "other":
                if route not in ROUTES:
                    err(path, lineno, "kind other needs a route from {}, got {!r}"
                        .format(", ".join(ROUTES), route))
            elif route != "-":
                err(path, lineno, "route must be '-' when kind is {}, got {!r}"
                    .format(kind, route))
            if not text.strip():
                err(path, lineno, "empty text")
            if text != text.strip():
                err(path, lineno, "text has leading or trailing whitespace")
            for pos in bad_escapes(text):
                err(path, lineno, "backslash at text offset {} is not \\n, \\t or \\\\"
                    .format(pos))
            if not prov.strip():
                err(path, lineno, "empty provenance")
            rows.append((split, kind, route, prov))

    for e in errors:
        print("ERROR " + e)

    total = len(rows)
    print("{} messages in {} files".format(total, len(files)))
    if total:
        by_kind = collections.Counter(r[1] for r in rows)
        kind_split = collections.Counter((r[1], r[0]) for r in rows)
        print("\n{:<22}{:>6}{:>7}{:>6}{:>9}".format("kind", "total", "%", "tune", "holdout"))
        for k in KINDS:
            print("{:<22}{:>6}{:>7.1f}{:>6}{:>9}".format(
                k, by_kind[k], 100.0 * by_kind[k] / total,
                kind_split[(k, "tune")], kind_split[(k, "holdout")]))
        other = [r for r in rows if r[1] == "other"]
        by_route = collections.Counter(r[2] for r in other)
        route_split = collections.Counter((r[2], r[0]) for r in other)
        print("\n{:<22}{:>6}{:>7}{:>6}{:>9}".format("route (kind other)", "total", "", "tune", "holdout"))
        for rt in ROUTES:
            print("{:<22}{:>6}{:>7}{:>6}{:>9}".format(
                rt, by_route[rt], "", route_split[(rt, "tune")], route_split[(rt, "holdout")]))
        by_split = collections.Counter(r[0] for r in rows)
        print("\nsplit: " + ", ".join("{} {} ({:.1f}%)".format(
            s, by_split[s], 100.0 * by_split[s] / total) for s in SPLITS))
        seeded = sum(1 for r in rows if r[3].startswith("seed "))
        print("provenance: {} from the seed documents, {} written for this corpus"
              .format(seeded, total - seeded))
    if errors:
        print("\n{} error(s)".format(len(errors)))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
