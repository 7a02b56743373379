#!/usr/bin/env python3
"""Maximal inputs: each documented limit of docs/limits.md, filled to the
limit, finishes within the CPU time and memory stated there. Each run is a
child process under RLIMIT_CPU and RLIMIT_AS, so an input that exhausts the
machine fails here instead of hanging the suite; the figures measured are
printed for docs/limits.md.

usage: test_limits.py PATH/TO/ukc SRCDIR"""
import json
import os
import resource
import subprocess
import sys
import tempfile

UKC, SRC = sys.argv[1], sys.argv[2]
TMP = tempfile.mkdtemp(prefix="ukc-limits-")
MiB = 1024 * 1024
LIMIT = 16 * MiB  # any JSON document (docs/limits.md)
results = []  # (name, ok, detail)


def check(name, cond, detail=""):
    results.append((name, bool(cond), detail))


# The process that starts ukc and measures it. ru_maxrss is a high-water mark
# that survives exec: a child forked from this test (a Python process that
# holds the inputs it wrote, over 100 MiB) would report the test's memory, not
# ukc's. So a fresh, small interpreter forks ukc instead, sets the limits in
# the child, and reports the child's rusage (os.wait4) and its own peak
# resident memory (VmHWM), which is the least a child forked from it can show.
SPAWN = r"""
import os, resource, sys
cpu, mem, report, argv = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4:]
pid = os.fork()
if pid == 0:
    try:
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu))
        resource.setrlimit(resource.RLIMIT_AS, (mem, mem))
        os.execv(argv[0], argv)
    finally:
        os._exit(127)
_, status, usage = os.wait4(pid, 0)
hwm = 0
with open("/proc/self/status") as f:
    for line in f:
        if line.startswith("VmHWM:"):
            hwm = int(line.split()[1])
with open(report, "w") as f:
    f.write("%d %r %d %d" % (os.waitstatus_to_exitcode(status), usage.ru_utime + usage.ru_stime,
                             usage.ru_maxrss, hwm))
"""
SPAWN_FLOOR = [0.0]  # the measuring process's own peak, MiB


def run(args, cpu_s, mem_mib, stdin=None):
    """Run ukc ARGS with at most cpu_s seconds of CPU and mem_mib MiB of
    address space; return (rc, stdout, stderr, cpu seconds, peak RSS MiB of
    ukc alone)."""
    report = path("rusage.txt")
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        subprocess.run([sys.executable, "-I", "-S", "-c", SPAWN, str(cpu_s), str(mem_mib * MiB),
                        report, UKC, *args], stdout=out, stderr=err, stdin=stdin, check=True)
        out.seek(0)
        err.seek(0)
        so = out.read().decode("utf-8", "replace")
        se = err.read().decode("utf-8", "replace")
    with open(report, encoding="utf-8") as f:
        rc, cpu, rss, floor = f.read().split()
    SPAWN_FLOOR[0] = max(SPAWN_FLOOR[0], int(floor) / 1024)
    return int(rc), so, se, float(cpu), int(rss) / 1024


def path(name):
    return os.path.join(TMP, name)


def write_json(name, doc, limit=LIMIT):
    text = json.dumps(doc, indent=1, ensure_ascii=False)
    assert len(text.encode()) <= limit, len(text.encode())
    with open(path(name), "w", encoding="utf-8") as f:
        f.write(text)
    return path(name), len(text.encode())


# ---- A policy of 16 MiB ---------------------------------------------------------
# Kent's policy grown with external bodies and exclusions that name them, until
# the document is just under the 16 MiB limit. The duplicate check, the
# reference check and the line/column of each problem are linear: before, a
# valid document this size took minutes.
def big_policy(duplicate_ids):
    base = json.load(open(os.path.join(SRC, "lib", "data", "policies", "kent.json"), encoding="utf-8"))
    cite = {"document": base["documents"][0]["title"], "section": "S", "quote": "Q"}
    size = len(json.dumps(base, indent=1).encode())
    base.setdefault("external_bodies", [])
    base.setdefault("exclusions", [])
    n = 0
    while True:
        b = {"id": "body-%06d" % n, "name": "Body %d" % n, "citation": cite}
        e = {"id": "excl-%06d" % (0 if duplicate_ids else n), "subject": "Subject %d" % n,
             "route": "other-body", "external_body": "body-%06d" % n, "citation": cite}
        grow = len(json.dumps([b], indent=1).encode()) + len(json.dumps([e], indent=1).encode())
        if size + grow > LIMIT - 4096:
            break
        base["external_bodies"].append(b)
        base["exclusions"].append(e)
        size += grow
        n += 1
    while len(json.dumps(base, indent=1, ensure_ascii=False).encode()) > LIMIT:
        cut = max(1, n // 50)
        del base["external_bodies"][-cut:], base["exclusions"][-cut:]
        n -= cut
    return base, n


POLICY_CPU, POLICY_MIB = 10, 1024  # docs/limits.md
doc, n = big_policy(False)
f, size = write_json("policy-valid.json", doc)
rc, so, se, cpu, rss = run(["policy", "check", f], POLICY_CPU, POLICY_MIB)
print(f"policy check, valid, {size} bytes, {n} exclusions: {cpu:.2f} s CPU, {rss:.0f} MiB")
check("policy valid at the limit", rc == 0 and so.strip().endswith("valid"), (rc, so[-200:], se[-300:]))

doc, n = big_policy(True)
f, size = write_json("policy-dups.json", doc)
rc, so, se, cpu, rss = run(["policy", "check", f], POLICY_CPU, POLICY_MIB)
print(f"policy check, {n - 1} duplicate IDs, {size} bytes: {cpu:.2f} s CPU, {rss:.0f} MiB")
lines = [l for l in (so + se).splitlines() if "UKC-P" in l]
# The first exclusion is index 14 (Kent has 14); every later one repeats its ID.
check("policy problems capped", rc != 0 and len(lines) == 1000, (rc, len(lines), se[-300:]))
check("policy problems say how many more",
      lines and lines[-1].endswith(f"; {n - 1 - 1000} more problems are not listed (a report lists at most 1000)"),
      lines[-1:] if lines else se[-300:])
check("policy problem located", lines and "$.exclusions[15].id" in lines[0] and "also at index 14" in lines[0],
      lines[:1])

# ---- A GOV.UK feed of 16 MiB ------------------------------------------------------
# 4096 events (the limit of a division), eight on each of 512 weekdays (the
# limit of one date), each title 256 bytes (the limit of a title), the notes
# padding the document to 16 MiB. Before, the names of one date were merged
# into a new string per event and every one was kept: gigabytes.
import datetime

FEED_CPU, FEED_MIB = 10, 1024  # docs/limits.md
day, events = datetime.date(2030, 1, 1), []
while len(events) < 4096:
    if day.weekday() < 5:
        for k in range(8):
            title = ("%s event %d " % (day, k)).ljust(256, "x")
            events.append({"title": title, "date": day.isoformat(), "notes": "", "bunting": True})
    day += datetime.timedelta(days=1)
room = LIMIT - len(json.dumps({"england-and-wales": {"events": events}}, indent=1).encode()) - 4096
for e in events:
    e["notes"] = "n" * (room // len(events))
f, size = write_json("feed.json", {"england-and-wales": {"division": "england-and-wales", "events": events}})
last = events[-1]["date"]
rc, so, se, cpu, rss = run(["holidays", "--calendar", f, "--from", "2030-01-01", "--to", last],
                           FEED_CPU, FEED_MIB)
print(f"holidays from a feed of 4096 events, {size} bytes: {cpu:.2f} s CPU, {rss:.0f} MiB")
first = so.splitlines()[0].split("\t") if so else []
check("feed at the limit", rc == 0 and len(so.splitlines()) == 512, (rc, len(so.splitlines()), se[-300:]))
check("feed names joined once", first[:2] == ["2030-01-01", " / ".join(
    ("2030-01-01 event %d " % k).ljust(256, "x") for k in range(8))], first[:2])
events[-9]["date"] = last  # the date before keeps 7, the last date has 9
f, size = write_json("feed-crowded.json", {"england-and-wales": {"events": events}})
rc, so, se, cpu, rss = run(["holidays", "--calendar", f, "--from", "2030-01-01", "--to", last],
                           FEED_CPU, FEED_MIB)
check("feed with a ninth event on a date", rc != 0 and "events[4095]" in se and "more than 8" in se, se)

# ---- ukc audit: a shuffled export and the record limits ------------------------------
# 200,000 rows in random order: every case is open until its last row, the
# worst order for memory. The figures are bounded by the counters and the
# cases; rows per CPU-second are printed for docs/limits.md. Then one record
# of 1 MiB and one of 1024 fields (the limits of a record) beside a row past
# each: the ones at the limit are read, the ones past it rejected by line.
import random

AUDIT_CPU, AUDIT_MIB = 30, 1024  # docs/limits.md
gen = os.path.join(SRC, "tests", "tools", "gen-export.py")
subprocess.run([sys.executable, gen, "--rows", "200000", "--seed", "3", path("export.csv")], check=True)
with open(path("export.csv"), encoding="utf-8") as f:
    head, *body = f.read().splitlines(True)
random.Random(3).shuffle(body)
with open(path("shuffled.csv"), "w", encoding="utf-8") as f:
    f.write(head + "".join(body))
rc, so, se, cpu, rss = run(["audit", "--council", "kent", "--as-of", "2026-01-01", path("shuffled.csv"),
                            "--out", path("shuffled.out")], AUDIT_CPU, AUDIT_MIB)
print(f"audit of 200,000 shuffled rows with --out: {cpu:.2f} s CPU, {rss:.0f} MiB")
check("audit shuffled", rc == 0 and "rows 200000," in so and "rejected rows 0" in so, (rc, so[:300], se[-300:]))

note = "n" * (1024 * 1024 - 200)
with open(path("records.csv"), "w", encoding="utf-8") as f:
    f.write("case_id,procedure,kind,date,event,method,reason,note" + ",x" * 1016 + "\n")
    f.write("R-1,corporate,complaint,2025-06-02,receive,,,\"%s\"" % note + "," * 1016 + "\n")
    f.write("R-1,,,2025-06-03,acknowledge,,,\"%s\"" % (note + "n" * 400) + "," * 1016 + "\n")
    f.write("R-1,,,2025-06-04,respond,email,," + "," * 1016 + "\n")
    f.write("R-1,,,2025-06-04,close,,," + "," * 1017 + "\n")
rc, so, se, cpu, rss = run(["audit", "--council", "kent", "--as-of", "2026-01-01", path("records.csv"),
                            "--errors", path("records.err")], AUDIT_CPU, AUDIT_MIB)
errs = open(path("records.err"), encoding="utf-8").read()
check("audit record limits", rc == 1 and "rows 4," in so and "rejected rows 2" in so and
      "\n3,,malformed CSV: a record longer than 1 MiB" in errs and "\n5,,malformed CSV: more than 1024 fields" in errs,
      (so[:300], errs[:400]))

print(f"(peak memory is ukc's own, measured by a process whose own peak is {SPAWN_FLOOR[0]:.0f} MiB)")
bad = [r for r in results if not r[1]]
for name, _, detail in bad:
    print("FAIL", name, detail)
print(f"{len(results) - len(bad)} passed, {len(bad)} failed")
sys.exit(1 if bad else 0)
