#!/bin/sh
# bench-audit: ukc audit with --out over synthetic CRM exports of growing
# size, each beside a plain CSV read of the same file in the same run.
#
# usage: tests/bench/bench-audit.sh [BUILD_DIR] [ROWS]   (default: build 1000000)
#        REPEAT=N (default 3): each program runs N times; the least CPU time counts
#
# Generates event logs with tests/tools/gen-export.py (seed 1, about 1000
# cases open at once) and, for each: audits it under Kent's policy writing
# the obligations CSV (--out), reads it once with Python's csv module (the
# reference: a plain CSV read that counts rows and does nothing else), and
# prints rows per second of CPU time (user + system, one core: the audit is
# one thread) and peak memory (maximum resident set size) of both. The audit
# reads its input twice, the first time only its case_id column (docs/audit.md).
# Peak memory should not grow with the number of rows.
#
# The figures are real or absent: a run that fails (exit status 2), or whose
# output or row count is not what the input holds, prints FAILED instead of
# figures, and the script exits 1.
#
# Then two exports without close rows, one with about 40 times more cases
# open at once, give the peak memory each open case costs.
#
# A benchmark, not a test: it asserts nothing about speed. Target: ukc audit
# --out at least 1,000,000 rows per second on one core.
set -eu
BUILD=${1:-build}
ROWS=${2:-1000000}
SRC=$(cd "$(dirname "$0")/../.." && pwd)
UKC="$BUILD/tools/ukc/ukc"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
status=0

# measure ROWS LABEL COMMAND...: one line of figures from /usr/bin/time, the
# run of least CPU time of REPEAT runs (other work on the machine only ever
# adds time), or FAILED when a run exits 2 or more (1 is "some rows rejected").
REPEAT=${REPEAT:-3}
measure() {
    n=$1 label=$2
    shift 2
    : > "$TMP/times.txt"
    i=0
    while [ "$i" -lt "$REPEAT" ]; do
        i=$((i + 1))
        rc=0
        /usr/bin/time -f '%U %S %M' -o "$TMP/time.txt" "$@" >"$TMP/stdout.txt" 2>"$TMP/stderr.txt" || rc=$?
        if [ "$rc" -ge 2 ]; then
            printf '%10d  %-22s FAILED (exit %d): %s\n' "$n" "$label" "$rc" "$(head -c 200 "$TMP/stderr.txt")"
            status=1
            return 1
        fi
        cat "$TMP/time.txt" >> "$TMP/times.txt"
    done
    awk -v n="$n" -v label="$label" '{ s = $1 + $2; if (NR == 1 || s < best) { best = s; kib = $3 } }
        END { printf "%10d  %-22s %9.2f %14.0f %12d\n", n, label, best, (best > 0 ? n / best : 0), kib }' "$TMP/times.txt"
}

printf '%10s  %-22s %9s %14s %12s\n' rows program cpu-s rows/cpu-s peak-KiB
for n in $((ROWS / 4)) $((ROWS / 2)) "$ROWS"; do
    "$PY" "$SRC/tests/tools/gen-export.py" --rows "$n" --seed 1 "$TMP/in.csv"
    rm -f "$TMP/out.csv"
    if measure "$n" "ukc audit --out" "$UKC" audit --council kent --as-of 2026-01-01 \
        "$TMP/in.csv" --out "$TMP/out.csv"; then
        # The summary must count every row of the input, and --out must hold rows.
        if ! grep -q "^rows $n," "$TMP/stdout.txt" || [ "$(wc -l < "$TMP/out.csv")" -lt 2 ]; then
            printf '%10s  FAILED: the audit did not read %d rows or wrote no obligation\n' "" "$n"
            status=1
        fi
    fi
    measure "$n" "python csv.reader" "$PY" -c '
import csv, sys
n = 0
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    for row in csv.reader(f):
        n += 1
print(n)' "$TMP/in.csv" || true
    if [ -f "$TMP/out.csv" ]; then
        printf '%10s  output %d bytes (%d per row)\n' "" "$(wc -c < "$TMP/out.csv")" "$(( $(wc -c < "$TMP/out.csv") / n ))"
    fi
done

# Memory per open case: two exports of the same number of rows without close
# rows, about 1,000 and about 41,000 cases in progress at once (the most cases
# open at once is counted from the file: a case is open from its first row to
# its last). The difference in peak memory over the difference in open cases
# is what one more open case costs.
peak_open() {
    awk -F, 'NR == FNR { if (FNR > 1) rows[$1]++; next }
             FNR > 1 { if (!seen[$1]++) open++; if (seen[$1] == rows[$1]) open--;
                       if (open > peak) peak = open }
             END { print peak + 0 }' "$1" "$1"
}
printf '\n%10s  %-22s %9s %14s %12s %10s\n' rows program cpu-s rows/cpu-s peak-KiB open-cases
n=$((ROWS * 3 / 10))
for k in 1000 41000; do
    "$PY" "$SRC/tests/tools/gen-export.py" --rows "$n" --seed 3 --open "$k" - | grep -v ',close,' > "$TMP/open$k.csv"
    rows=$(($(wc -l < "$TMP/open$k.csv") - 1))
    line=$(measure "$rows" "ukc audit --out" "$UKC" audit --council kent --as-of 2026-01-01 \
        "$TMP/open$k.csv" --out "$TMP/out.csv") || { echo "$line"; status=1; continue; }
    printf '%s %10d\n' "$line" "$(peak_open "$TMP/open$k.csv")" | tee "$TMP/peak$k.txt"
done
if [ -s "$TMP/peak1000.txt" ] && [ -s "$TMP/peak41000.txt" ]; then
    cat "$TMP/peak1000.txt" "$TMP/peak41000.txt" | awk '{ kib[NR] = $(NF - 1); open[NR] = $NF }
        END { printf "%10s  %.0f bytes of peak memory per open case (no close rows)\n", "",
              (kib[2] - kib[1]) * 1024 / (open[2] - open[1]) }'
fi
exit "$status"
