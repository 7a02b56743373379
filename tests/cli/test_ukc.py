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
# Compact by default: the non-working days with their names, no day counted;
# --explain=full lists each of the 3 working days (Wed 28, Thu 29, Fri 30).
lines = out.splitlines()
check("deadline explain compact", not any(l.startswith("UKC-E004") for l in lines)
      and sum(l.startswith(("UKC-E005", "UKC-E006")) for l in lines) == 4, out)
rc, out, err = run("deadline", "--calendar", "england-and-wales", "--from", "2022-12-23",
                   "--working-days", "3", "--explain=full")
check("deadline explain full", rc == 0 and [l.split()[-1] for l in out.splitlines()
                                            if l.startswith("UKC-E004")]
      == ["2022-12-28.", "2022-12-29.", "2022-12-30."], out + err)
rc, out, err = run("deadline", "--calendar", "england-and-wales", "--from", "2022-12-23",
                   "--working-days", "3", "--explain=daily")
check("deadline explain bad", rc == 2 and out == "" and "--explain=full" in err, out + err)
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

# case: a Warwickshire general complaint received Mon 15 Apr 2024.
# Stage 1 response target, 10 working days: Apr 16-19 (4), 22-26 (9), 29 (10)
# -> 2024-04-29; answered Thu 2 May, so 3 working days late (Apr 30, May 1, 2).
# Maximum 30 working days: Apr 16-30 (11), May 1-3 (14), Mon 6 May bank
# holiday, 7-10 (18), 13-17 (23), 20-24 (28), Mon 27 May bank holiday, 28, 29
# (30) -> 2024-05-29. A stage-two request without reasons is refused
# (UKC-R007); the refusal of stage two must be explained within 10 working days
# of the request on Mon 20 May: 21-24 (4), 27 holiday, 28-31 (8), Jun 3, 4
# (10) -> 2024-06-04.
script = """open warwickshire general complaint 2024-04-15 channel=email
2024-04-16 acknowledge
2024-05-02 respond delivery=second-class-post
2024-05-20 request-escalation
2024-05-20 request-escalation reasons="The reply did not deal with the missed collections"
2024-05-31 refuse-escalation reasons="Stage one answered each point"
"""
p = subprocess.run([UKC, "case", "--as-of", "2024-05-31", "-"], input=script,
                   capture_output=True, text=True)
check("case refused exit", p.returncode == 1, p.stderr)
check("case refusal", "REFUSED  UKC-R007 reasons-required" in p.stdout, p.stdout)
check("case due dates", "stage-1.respond                    council  due 2024-04-29  missed on 2024-05-02 (3 working days late)" in p.stdout
      and "due 2024-05-29" in p.stdout and "stage-2.explain-refusal            council  due 2024-06-04  met on 2024-05-31" in p.stdout,
      p.stdout)

# policy: the built-ins are listed, and a broken file fails the check.
rc, out, _ = run("policy", "list")
check("policy list", rc == 0 and all(n in out for n in ("kent", "warwickshire", "derby", "unnamed-unitary-004")), out)
rc, out, err = run("policy", "check", SRC + "/tests/data/policy-example.json")
check("policy check ok", rc == 0, out + err)
# policy list groups the councils and the model procedures; show marks a based-on policy's own rules.
rc, out, _ = run("policy", "list")
check("policy list groups", rc == 0 and out.index("Councils:") < out.index("kent")
      < out.index("Model procedures:") < out.index("lgsco-2024"), out)
rc, out, err = run("policy", "show", SRC + "/tests/data/policy-based-on.json")
check("policy show based_on", rc == 0 and "[own rule]" in out and "[from the model]" in out
      and "(secondary)" in out, out + err)
# demo: a FOI request received Mon 2022-09-05 skips the state funeral (Mon 19 Sep):
# Sep 6-9 (1-4), 12-16 (5-9), 20-23 (10-13), 26-30 (14-18), Oct 3 (19), Tue 4 Oct (20).
rc, out, err = run("demo")
check("demo foi", rc == 0 and "due 2022-10-04" in out and "State Funeral" in out, out + err)

# classify: a repeated report that still is not fixed is a complaint.
p = subprocess.run([UKC, "classify", "--tsv", "-"], capture_output=True, text=True,
                   input="Thank you so much, the crew were brilliant\nPlease can you collect my old fridge\n")
rows = [l.split("\t") for l in p.stdout.splitlines()]
check("classify tsv", p.returncode == 0 and len(rows) == 2 and rows[0][1] == "compliment"
      and rows[1][1] == "request" and all(len(r) == 4 for r in rows), p.stdout + p.stderr)

# classify with routing options: option values are not part of the message.
rc, out, err = run("classify", "--council", "kent", "--received", "2024-05-01",
                   "Please can you collect my old fridge")
text_lines = [l for l in out.splitlines()[out.splitlines().index("text:") + 1:][:1]] if "text:" in out.splitlines() else []
check("classify options not in text", rc == 0 and text_lines and "kent" not in text_lines[0]
      and "2024-05-01" not in text_lines[0] and "fridge" in text_lines[0], out + err)

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

# Conventions shared by every command.
COMMANDS = ["holidays", "deadline", "working-days", "classify", "policy", "case", "audit", "demo"]
for cmd in COMMANDS:
    for flag in ("-h", "--help"):
        rc, out, err = run(cmd, flag)
        check(f"{cmd} {flag}", rc == 0 and out.startswith("usage: ukc " + cmd) and err == "",
              f"rc={rc} out={out[:80]!r} err={err!r}")
rc, out, err = run("--version")
check("version", rc == 0 and out.strip() == "ukc (ukcomplaints) 0.1.0", out + err)
rc, out, err = run("--help")
check("help lists every command", rc == 0 and all("  " + c + " " in out for c in COMMANDS), out)

# Only the answer on stdout: 2031 is after GOV.UK's last published year (2028),
# so the note goes to stderr. Wed 1 Jan 2031 (New Year's Day) + 3 working days:
# Thu 2 (1), Fri 3 (2), Sat-Sun skipped, Mon 6 (3) -> 2031-01-06.
rc, out, err = run("deadline", "--calendar", "england-and-wales", "--from", "2031-01-01",
                   "--working-days", "3")
check("deadline one line", rc == 0 and out == "2031-01-06\n" and "projected" in err, out + err)

# --json where data is printed. NI, July 2026: 21 working days (see above).
rc, out, err = run("working-days", "--calendar", "northern-ireland", "--from", "2026-07-01",
                   "--to", "2026-07-31", "--json")
check("working-days json", rc == 0 and json.loads(out) == {
    "from": "2026-07-01", "to": "2026-07-31", "calendar": "northern-ireland", "working_days": 21},
    out + err)
rc, out, err = run("policy", "list", "--json")
ids = [p["id"] for p in json.loads(out)] if rc == 0 else []
check("policy list json", {"kent", "warwickshire", "derby", "unnamed-unitary-004"} <= set(ids)
      and all(p["council"] for p in json.loads(out)), out + err)
rc, out, err = run("policy", "check", SRC + "/tests/data/policy-example.json", "--json")
check("policy check json", rc == 0 and json.loads(out)["valid"] is True, out + err)

# Exit 1 for findings: a policy file with problems (here: not even an object).
import os
import tempfile
with tempfile.TemporaryDirectory() as tmp:
    bad = os.path.join(tmp, "bad.json")
    with open(bad, "w") as f:
        f.write("[1, 2]\n")
    rc, out, err = run("policy", "check", bad)
    check("policy check problems exit 1", rc == 1 and out == "" and bad in err, f"rc={rc} {err}")
    rc, out, err = run("policy", "check", bad, "--json")
    check("policy check problems json", rc == 1 and json.loads(out)["valid"] is False
          and json.loads(out)["problems"], out + err)

# Exit 2 for a missing file, the same in every command that reads one.
for args in (["classify", "--file", "/nonexistent/message.txt"],
             ["classify", "--tsv", "/nonexistent/messages.tsv"],
             ["policy", "check", "/nonexistent/policy.json"],
             ["policy", "show", "/nonexistent/policy.json"],
             ["case", "/nonexistent/case.txt"],
             ["audit", "--council", "kent", "/nonexistent/export.csv"]):
    rc, out, err = run(*args)
    check("missing file " + " ".join(args), rc == 2 and out == "" and "error" in err,
          f"rc={rc} out={out!r} err={err!r}")

# The audit report's headline counts a response within its timescale with the
# extension it used, and without extensions only when none was used. Warwickshire
# stage 1 (general): 10 working days, extensible to 30. WX-1, received Mon 15 Apr
# 2024, extended to 30 working days on 22 Apr: Apr 16-30 (11), May 1-3 (14), Mon 6
# May bank holiday, 7-10 (18), 13-17 (23), 20-24 (28), Mon 27 May bank holiday,
# 28, 29 (30) -> due 2024-05-29, answered 10 May: met with its extension. WX-2,
# same day, not extended: due 2024-04-29 (10 working days: Apr 16-19, 22-26, 29),
# answered 26 Apr: met. With extensions 2 of 2; without 1 of 2; 1 extended.
import html
import re
with tempfile.TemporaryDirectory() as tmp:
    export = os.path.join(tmp, "ext.csv")
    report = os.path.join(tmp, "ext.html")
    with open(export, "w") as f:
        f.write("case_id,procedure,kind,date,event,method,reason,days\n"
                "WX-1,general,complaint,2024-04-15,receive,,,\n"
                "WX-1,,,2024-04-22,extend,,\"Waiting for the contractor's report\",30\n"
                "WX-1,,,2024-05-10,respond,email,,\n"
                "WX-2,general,complaint,2024-04-15,receive,,,\n"
                "WX-2,,,2024-04-26,respond,email,,\n")
    rc, out, err = run("audit", "--council", "warwickshire", "--as-of", "2024-06-30", export,
                       "--html", report)
    page = open(report, encoding="utf-8").read() if rc == 0 else ""
    m = re.search(r'<section id="headline".*?</section>', page, re.S)
    headline = html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", m.group(0)))) if m else ""
    check("audit headline extensions",
          "general stage-1 2 100.0% (2 of 2) 50.0% (1 of 2) 1 0" in headline, headline[-200:])

# audit --json: the summary as one object. From tests/data/audit/kent.expected.csv
# (hand-worked): stage-1 respond KT-1 met, KT-2 missed 27 days late, KT-3 met,
# KT-4 open; 15 rows, 4 cases, 14 obligations, 1 finding.
rc, out, err = run("audit", "--council", "kent", "--as-of", "2026-02-27", "--json",
                   SRC + "/tests/data/audit/kent.csv")
doc = json.loads(out) if rc == 0 else {}
check("audit json", (doc.get("rows"), doc.get("cases"), doc.get("obligations"),
                     doc.get("findings"), doc.get("rejected_rows")) == (15, 4, 14, 1, 0), out + err)
g = [x for x in doc.get("groups", []) if (x["stage"], x["obligation"]) == ("stage-1", "respond")]
check("audit json group", g and (g[0]["total"], g[0]["met"], g[0]["missed"], g[0]["open"],
                                 g[0]["worst_days_late"]) == (4, 2, 1, 1, 27), g)

# ---- JSON with a NUL byte or a byte order mark: the errors docs/limits.md gives ----------
# A NUL byte is invalid text wherever it is (before, one inside a string was a
# parse error, "control character 0x0"); a byte order mark is refused saying so
# (before: "'[' or '{' expected near" the mark).
import os
import tempfile
tmp = tempfile.mkdtemp(prefix="ukc-json-")
feed = open(SRC + "/lib/data/govuk/govuk-bank-holidays-2019-2028.json", "rb").read()
with open(os.path.join(tmp, "nul.json"), "wb") as f:
    f.write(feed[:100] + b"\0" + feed[100:])
with open(os.path.join(tmp, "bom.json"), "wb") as f:
    f.write(b"\xef\xbb\xbf" + feed)
# Columns count characters, as jansson's do: the bytes that start one.
line_start = feed[:100].rfind(b"\n") + 1
line = feed[:100].count(b"\n") + 1
col = sum(1 for b in feed[line_start:100] if b & 0xC0 != 0x80) + 1
rc, out, err = run("holidays", "--calendar", os.path.join(tmp, "nul.json"), "--from", "2024-01-01", "--to", "2024-01-31")
check("json nul", rc == 2 and f"line {line}, column {col}: a NUL byte at byte 100" in err, err)
rc, out, err = run("holidays", "--calendar", os.path.join(tmp, "bom.json"), "--from", "2024-01-01", "--to", "2024-01-31")
check("json bom", rc == 2 and "line 1, column 1: the text starts with a byte order mark" in err, err)
bom_policy = os.path.join(tmp, "bom-policy.json")
with open(bom_policy, "wb") as f:
    f.write(b"\xef\xbb\xbf" + open(SRC + "/tests/data/policy-example.json", "rb").read())
rc, out, err = run("policy", "check", bom_policy)
check("policy json bom", rc == 1 and "byte order mark" in out + err, out + err)

# ---- Standard output that cannot be written is an error for every command -------------
with open("/dev/full", "w") as full:
    for args in (["policy", "list"], ["holidays", "--calendar", "scotland", "--from", "2026-01-01",
                                      "--to", "2026-12-31"], ["--version"]):
        p = subprocess.run([UKC, *args], stdout=full, stderr=subprocess.PIPE, text=True)
        check("stdout full " + args[0], p.returncode == 2 and "standard output" in p.stderr, p.stderr)

# ---- classify --tsv holds at most one message of 1 MiB --------------------------------
# A line past the limit is reported with its number and skipped; the lines
# around it are classified. Before, getline() grew without bound.
big = "Thank you for fixing the streetlight\n" + "a" * (1 << 20) + "b\n" + "The bin was not collected\n"
p = subprocess.run([UKC, "classify", "--tsv", "-"], capture_output=True, text=True, input=big)
rows = [l.split("\t") for l in p.stdout.splitlines()]
check("classify tsv long line", p.returncode == 1 and [r[0] for r in rows] == ["1", "3"]
      and "-:2: error: the line is longer than 1048576 bytes" in p.stderr, (p.stdout, p.stderr[:300]))
at_limit = "x" * (1 << 20) + "\r\n"
p = subprocess.run([UKC, "classify", "--tsv", "-"], capture_output=True, text=True, input=at_limit)
check("classify tsv line at the limit", p.returncode == 0 and p.stdout.startswith("1\t"), p.stderr[:300])

print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
