#!/usr/bin/env python3
"""The exported dynamic symbols must be exactly the version script's and
exactly the UKC_EXPORT declarations in the public headers.

With a fourth argument, the library's source directory, it also checks the
error contract: the body of every exported function calls ukc__error_reset()
(only ukc_last_error() and the two status texts, which report it, do not).

usage: check-abi.py LIBRARY.so VERSION.map INCLUDE_DIR [LIB_SOURCE_DIR]
"""
import os
import re
import subprocess
import sys


def exported(lib):
    out = subprocess.run(["nm", "-D", "--defined-only", lib], check=True,
                         capture_output=True, text=True).stdout
    syms = set()
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[1] in "TDBRVWiu" and not parts[2].startswith("UKCOMPLAINTS_"):
            syms.add(parts[2].split("@")[0])
    return syms


def in_map(path):
    text = open(path, encoding="utf-8").read()
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    return set(re.findall(r"^\s*(ukc_\w+);", text, flags=re.M))


def declared(include):
    names = set()
    for root, _, files in os.walk(include):
        for f in files:
            if f.endswith(".h"):
                text = open(os.path.join(root, f), encoding="utf-8").read()
                for decl in re.findall(r"UKC_EXPORT\s+[^;]*?\b(ukc_\w+)\s*\(", text, flags=re.S):
                    names.add(decl)
    return names


# Public functions that must not reset the thread's error.
NO_RESET = {"ukc_last_error", "ukc_status_str", "ukc_status_name"}


def without_reset(srcdir, names):
    """Exported functions defined in srcdir whose body never calls ukc__error_reset()."""
    missing = []
    head = re.compile(r"^[A-Za-z_][^;{}()]*?\b(ukc_[a-z0-9_]+)\([^;{}]*?\)\s*\{", re.M | re.S)
    for f in sorted(os.listdir(srcdir)):
        if not f.endswith(".c"):
            continue
        text = open(os.path.join(srcdir, f), encoding="utf-8").read()
        for m in head.finditer(text):
            name = m.group(1)
            if name not in names or name in NO_RESET:
                continue
            depth, j = 1, m.end()
            while depth and j < len(text):
                depth += {"{": 1, "}": -1}.get(text[j], 0)
                j += 1
            if "ukc__error_reset()" not in text[m.end():j]:
                missing.append(f"{f}: {name}")
    return missing


def main():
    lib, mapfile, include = sys.argv[1:4]
    e, m, d = exported(lib), in_map(mapfile), declared(include)
    ok = True
    for label, a, b in (("exported but not in the version script", e, m),
                        ("in the version script but not exported", m, e),
                        ("exported but not declared UKC_EXPORT in a header", e, d),
                        ("declared UKC_EXPORT but not exported", d, e)):
        extra = sorted(a - b)
        if extra:
            ok = False
            print(f"{label}: {', '.join(extra)}")
    bad = sorted(s for s in e if not s.startswith("ukc_"))
    if bad:
        ok = False
        print("exported without the ukc_ prefix: " + ", ".join(bad))
    if len(sys.argv) > 4:
        missing = without_reset(sys.argv[4], m)
        if missing:
            ok = False
            print("exported functions that do not reset the last error: " + ", ".join(missing))
    print(f"{len(e)} exported symbols, {len(m)} in the version script, {len(d)} declared")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
