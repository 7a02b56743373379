"""Reading the table a tools/gen-*.py generator starts from, and writing or
checking the files it makes."""
import os
import sys


def tsv_rows(path, fields):
    """(line number, [field, ...]) for each line of a tab-separated table that is
    neither blank nor a `#` comment; exits naming the line when one does not have
    exactly `fields` fields."""
    name = os.path.basename(path)
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            parts = line.split("\t")
            if len(parts) != fields:
                sys.exit(f"{name}:{n}: expected {fields} tab-separated fields")
            yield n, parts


def write_or_check(src, files, check):
    """Write each of files ({path under src: text}) that differs, or with check
    only list them. Returns the paths that were out of date."""
    stale = []
    for rel, text in files.items():
        path = os.path.join(src, rel)
        old = open(path, encoding="utf-8").read() if os.path.exists(path) else None
        if old == text:
            continue
        stale.append(rel)
        if not check:
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
    return stale if check else []
