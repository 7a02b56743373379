#!/bin/sh
# bench-audit: ukc audit with --out over synthetic CRM exports of growing
# size, each beside a plain CSV read of the same file in the same run.
#
# usage: tests/bench/bench-audit.sh [BUILD_DIR] [ROWS]   (default: build 1000000)
#
# Generates event logs with tests/tools/gen-export.py (seed 1, about 1000
# cases open at once) and, for each: audits it under Kent's policy writing
# the obligations CSV (--out), reads it once with Python's csv module (the
# reference: a plain CSV read that counts rows and does nothing else), and
# prints rows per second of CPU time (user + system, one core) and peak
# memory (maximum resident set size) of both. The audit reads its input
# twice (docs/audit.md). Peak memory should not grow with the number of rows.
# A benchmark, not a test: it asserts nothing. Target: ukc audit --out at
# least 1,000,000 rows per second on one core.
set -eu
BUILD=${1:-build}
ROWS=${2:-1000000}
SRC=$(cd "$(dirname "$0")/../.." && pwd)
UKC="$BUILD/tools/ukc/ukc"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3

measure() { # ROWS LABEL COMMAND...: one line of figures from /usr/bin/time
    n=$1 label=$2
    shift 2
    /usr/bin/time -f '%U %S %M' -o "$TMP/time.txt" "$@" >/dev/null 2>&1 || true
    awk -v n="$n" -v label="$label" '{ s = $1 + $2; printf "%10d  %-22s %9.2f %14.0f %12d\n", n, label, s, (s > 0 ? n / s : 0), $3 }' "$TMP/time.txt"
}

printf '%10s  %-22s %9s %14s %12s\n' rows program cpu-s rows/cpu-s peak-KiB
for n in $((ROWS / 4)) $((ROWS / 2)) "$ROWS"; do
    "$PY" "$SRC/tests/tools/gen-export.py" --rows "$n" --seed 1 "$TMP/in.csv"
    measure "$n" "ukc audit --out" "$UKC" audit --council kent --as-of 2026-01-01 "$TMP/in.csv" \
        --out "$TMP/out.csv"
    measure "$n" "python csv.reader" "$PY" -c '
import csv, sys
n = 0
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    for row in csv.reader(f):
        n += 1
print(n)' "$TMP/in.csv"
    printf '%10s  output %d bytes (%d per row)\n' "" "$(wc -c < "$TMP/out.csv")" "$(( $(wc -c < "$TMP/out.csv") / n ))"
done
