#!/bin/sh
# bench-audit: ukc audit over synthetic CRM exports of growing size.
#
# usage: tests/bench/bench-audit.sh [BUILD_DIR] [ROWS]   (default: build 1000000)
#
# Generates event logs with tests/tools/gen-export.py (seed 1, about 1000
# cases open at once), audits each under Kent's policy writing the CSV output,
# and prints rows per second and peak memory (maximum resident set size from
# /usr/bin/time -v). Peak memory should not grow with the number of rows: a
# case is released when it closes. A benchmark, not a test: it asserts
# nothing. Target: at least 200,000 rows per second on one core.
set -eu
BUILD=${1:-build}
ROWS=${2:-1000000}
SRC=$(cd "$(dirname "$0")/../.." && pwd)
UKC="$BUILD/tools/ukc/ukc"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3

printf '%10s %12s %14s %12s\n' rows seconds rows/second peak-KiB
for n in $((ROWS / 4)) $((ROWS / 2)) "$ROWS"; do
    "$PY" "$SRC/tests/tools/gen-export.py" --rows "$n" --seed 1 "$TMP/in.csv"
    /usr/bin/time -v "$UKC" audit --council kent --as-of 2026-01-01 "$TMP/in.csv" \
        --out "$TMP/out.csv" >/dev/null 2>"$TMP/time.txt" || true
    awk -v n="$n" '
        /Elapsed \(wall clock\)/ { split($NF, t, ":"); s = (length(t) == 3) ? t[1] * 3600 + t[2] * 60 + t[3] : t[1] * 60 + t[2] }
        /Maximum resident set size/ { m = $NF }
        END { printf "%10d %12.2f %14.0f %12d\n", n, s, (s > 0 ? n / s : 0), m }' "$TMP/time.txt"
done
