#!/usr/bin/env python3
"""The ukc tool, as a user runs it: exact output forms and exit statuses.

usage: test_ukc.py PATH/TO/ukc SRCDIR
Expected values are hand-checked against GOV.UK's lists (see comments)."""
import json
import subprocess
import sys

UKC, SRC = sys.argv[1], sys.argv[2]
passed = failed = 0


def run(*args):
    p = subprocess.run([UKC, *args], capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


def check(name, cond, detail=""):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print(f"FAIL {name} {detail}")


# holidays: one line per bank holiday, DATE<TAB>NAME<TAB>KIND<TAB>SOURCE, no weekends.
rc, out, err = run("holidays", "--calendar", "scotland", "--from", "2026-01-01", "--to", "2026-12-31")
lines = out.splitlines()
check("holidays rc", rc == 0, err)
# GOV.UK lists 10 Scottish bank holidays in 2026 (with the World Cup day).
check("holidays count", len(lines) == 10, out)
fields = [l.split("\t") for l in lines]
check("holidays 4 fields", all(len(f) == 4 for f in fields), out)
check("holidays dates", [f[0] for f in fields] == [
    "2026-01-01", "2026-01-02", "2026-04-03", "2026-05-04", "2026-05-25", "2026-06-15",
    "2026-08-03", "2026-11-30", "2026-12-25", "2026-12-28"], out)
check("holidays world cup", fields[5][1] == "World Cup bank holiday" and fields[5][2] == "one-off")
check("holidays substitute", fields[9][2] == "substitute")

rc, out, err = run("holidays", "--calendar", "england-and-wales", "--from", "2022-09-01",
                   "--to", "2022-09-30", "--json")
data = json.loads(out)
check("holidays json", rc == 0 and len(data) == 1 and data[0]["date"] == "2022-09-19"
      and data[0]["kind"] == "one-off" and data[0]["projected"] is False, out)

# deadline: the due date first. Fri 23 Dec 2022 + 3 working days = Fri 30 Dec.
rc, out, err = run("deadline", "--calendar", "england-and-wales", "--from", "2022-12-23",
                   "--working-days", "3")
check("deadline", rc == 0 and out.splitlines()[0] == "2022-12-30", out + err)
rc, out, err = run("deadline", "--calendar", "england-and-wales", "--from", "2022-12-23",
                   "--working-days", "3", "--explain")
check("deadline explain", out.splitlines()[0] == "2022-12-30" and "UKC-E006" in out
      and "Boxing Day" in out, out)
# Saturday 2 Mar 2024, 5 working days: Fri 8 Mar, or Mon 11 Mar when deemed received Mon 4.
rc, out, _ = run("deadline", "--calendar", "england-and-wales", "--from", "2024-03-02",
                 "--working-days", "5")
check("deadline saturday", out.splitlines()[0] == "2024-03-08", out)
rc, out, _ = run("deadline", "--calendar", "england-and-wales", "--from", "2024-03-02",
                 "--working-days", "5", "--receipt", "next-working-day")
check("deadline next-working-day", out.splitlines()[0] == "2024-03-11", out)
rc, out, _ = run("deadline", "--calendar", "scotland", "--from", "2026-06-12",
                 "--working-days", "1", "--json")
check("deadline json", json.loads(out)["due"] == "2026-06-16", out)

# working-days: d with FROM < d <= TO. NI, July 2026: 22 weekdays from Thu 2 to
# Fri 31 July, less the Boyne (Mon 13 July, substitute for Sun 12) = 21.
rc, out, _ = run("working-days", "--calendar", "northern-ireland", "--from", "2026-07-01",
                 "--to", "2026-07-31")
check("working-days", rc == 0 and out.strip() == "21", out)

# A GOV.UK file as the calendar.
feed = SRC + "/lib/data/govuk/govuk-bank-holidays-2019-2028.json"
rc, out, err = run("working-days", "--calendar", feed, "--division", "scotland",
                   "--from", "2026-06-12", "--to", "2026-06-16")
check("feed calendar", rc == 0 and out.strip() == "1", out + err)

# Errors: stderr and exit status 2, nothing on stdout.
for args in (["holidays", "--calendar", "wales", "--from", "2026-01-01", "--to", "2026-02-01"],
             ["deadline", "--calendar", "scotland", "--from", "2023-02-29", "--working-days", "1"],
             ["deadline", "--calendar", "scotland", "--from", "2026-01-05", "--working-days", "-3"],
             ["deadline", "--calendar", "scotland", "--from", "2026-01-05"],
             ["working-days", "--calendar", "scotland", "--from", "1960-01-01", "--to", "2026-01-01"],
             ["holidays", "--calendar", "/nonexistent.json", "--from", "2026-01-01", "--to", "2026-02-01"],
             ["holidays", "--calendar", "scotland", "--from", "2026-01-01", "--to", "2026-02-01", "--bogus"],
             ["no-such-command"]):
    rc, out, err = run(*args)
    check("error " + " ".join(args), rc == 2 and out == "" and "error" in err, f"rc={rc} out={out!r}")

# classify --council: routing under Derby's policy. Received Friday 2024-12-20; acknowledge
# within 2 working days (Dec 23, 24); respond within 20 working days skipping GOV.UK's
# 2024-12-25, 2024-12-26 and 2025-01-01: Dec 23-24 (2), 27 (3), 30-31 (5), Jan 2-3 (7),
# 6-10 (12), 13-17 (17), 20-22 (20) -> 2025-01-22.
rc, out, err = run("classify", "--json", "--council", "derby", "--received", "2024-12-20",
                   "--service-area", "send", "Nobody answers about my son. This is unacceptable.")
check("route rc", rc == 0, err)
routing = json.loads(out)["routing"] if rc == 0 else {}
check("route procedure", routing.get("procedure", {}).get("procedure") == "send", out)
check("route deadlines", [o["due"] for o in routing.get("obligations", [])]
      == ["2024-12-24", "2025-01-22"], out)
rc, out, err = run("classify", "--council", "unnamed-unitary-004", "--received", "2024-03-01",
                   "Nobody replied to my emails. This is unacceptable.")
check("route not set", rc == 0 and "obligation-not-set, not-set" in out, out + err)
rc, out, err = run("classify", "--received", "2024-03-01", "hello")
check("route needs council", rc == 2 and out == "" and "--council" in err, f"rc={rc} {err}")
rc, out, err = run("classify", "--council", "nowhere", "hello")
check("route unknown council", rc == 2 and out == "" and "error" in err, f"rc={rc} {err}")

print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
