#!/usr/bin/env python3
"""ukc audit as an auditor runs it: golden audits of the built-in councils,
malformed rows with their line numbers, formula injection, the JSON Lines
output and the HTML report read back through a plain HTML parser.

usage: test_audit.py PATH/TO/ukc SRCDIR
The expected obligations were worked out by hand: tests/data/audit/README.md."""
import csv
import html.parser
import io
import json
import os
import subprocess
import sys
import tempfile

UKC, SRC = sys.argv[1], sys.argv[2]
DATA = os.path.join(SRC, "tests", "data", "audit")
TMP = tempfile.mkdtemp(prefix="ukc-audit-")
passed = failed = 0


def check(name, cond, detail=""):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print(f"FAIL {name} {detail}")


def audit(*args):
    p = subprocess.run([UKC, "audit", *args], capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


def out(name):
    return os.path.join(TMP, name)


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


KEY = ("case_id", "obligation", "due", "done", "status", "working_days_late")


def rows_of(path):
    return sorted(tuple(r[k] for k in KEY) for r in read_csv(path))


# ---- Golden audits, one per built-in council ---------------------------------
GOLDEN = {
    "kent": ("2026-02-27", 0, [("KT-1", "9", "UKC-R001")]),
    "warwickshire": ("2025-12-31", 0, [("WK-2", "9", "UKC-R005")]),
    "derby": ("2025-09-30", 1, []),
    "unnamed-unitary-004": ("2025-03-31", 1, []),
}
REJECTED = {"derby": {9, 10}, "unnamed-unitary-004": {8, 9}, "kent": set(), "warwickshire": set()}

for council, (as_of, rc_want, findings_want) in GOLDEN.items():
    o, e, fi, j = out(council + ".csv"), out(council + ".err"), out(council + ".f"), out(council + ".jsonl")
    rc, so, se = audit("--council", council, "--as-of", as_of, os.path.join(DATA, council + ".csv"),
                       "--out", o, "--errors", e, "--findings", fi, "--jsonl", j)
    check(f"{council} rc", rc == rc_want, f"{rc} {se}")
    got, want = rows_of(o), rows_of(os.path.join(DATA, council + ".expected.csv"))
    check(f"{council} obligations", got == want,
          "\n  got  " + "\n  got  ".join(map(str, got)) + "\n  want " + "\n  want ".join(map(str, want)))
    header = open(o, encoding="utf-8").readline().strip().split(",")
    check(f"{council} csv columns", header[:1] == ["case_id"] and all(k in header for k in KEY), header)
    findings = [(r["case_id"], r["line"], r["reason"]) for r in read_csv(fi)]
    check(f"{council} findings", findings == findings_want, findings)
    check(f"{council} findings cite", all(r["citation_document"] or r["reason"] == "UKC-R001"
                                          for r in read_csv(fi)), read_csv(fi))
    errs = {int(r["line"]) for r in read_csv(e)}
    check(f"{council} rejected lines", errs == REJECTED[council], errs)
    lines = [json.loads(l) for l in open(j, encoding="utf-8")]
    obl = [l for l in lines if l["type"] == "obligation"]
    check(f"{council} jsonl", len(obl) == len(want) and
          len([l for l in lines if l["type"] == "finding"]) == len(findings_want) and
          len([l for l in lines if l["type"] == "rejected"]) == len(REJECTED[council]), len(lines))
    check(f"{council} explanations", all(l["explanation_ids"] and "UKC-E009" in l["explanation_ids"]
                                         and l["citation"]["document"] for l in obl), obl[:1])
    check(f"{council} summary", "on time" in so and "rejected rows %d" % len(REJECTED[council]) in so, so)

# Hand-checked explanation of KT-2's acknowledgement: the Christmas bank holidays.
kt2 = [r for r in read_csv(out("kent.csv")) if r["case_id"] == "KT-2" and r["obligation"] == "stage-1.acknowledge"]
check("explanation holidays", kt2 and "UKC-E006" not in kt2[0]["explanation_ids"]
      and kt2[0]["explanation_ids"].startswith("UKC-E009"), kt2)
kt3 = [r for r in read_csv(out("kent.csv"))
       if r["case_id"] == "KT-3" and r["obligation"] == "stage-2.respond.maximum"]
check("explanation bank holiday", kt3 and "UKC-E006" in kt3[0]["explanation_ids"]
      and "2025-08-25" in kt3[0]["explanation"], kt3)

# Summary figures for Kent, from kent.expected.csv: stage-1 respond has 4
# obligations: 2 met, 1 missed (27 late), 1 open -> 66.7% on time.
rc, so, _ = audit("--council", "kent", "--as-of", "2026-02-27", os.path.join(DATA, "kent.csv"))
line = [l for l in so.splitlines() if l.split()[:3] == ["corporate", "stage-1", "respond"]]
check("summary respond", line and line[0].split()[3:] == ["4", "2", "1", "1", "66.7%", "27.0", "27"], line)
line = [l for l in so.splitlines() if l.split()[:3] == ["corporate", "stage-1", "progress-update"]]
# progress-update: KT-1's is not applicable (answered within 20 working days);
# KT-2 missed by 7 and KT-4 open; median of {7} = 7.
check("summary median", line and line[0].split()[3:] == ["2", "0", "1", "1", "0.0%", "7.0", "7"], line)

# ---- Wide export through --columns -------------------------------------------
cols = ("case_id=Ref,procedure=Procedure,received=Date Received,acknowledge=Ack Sent,"
        "respond=Stage 1 Response,request-escalation=Escalated,respond=Stage 2 Response,close=Closed")
rc, so, se = audit("--council", "kent", "--as-of", "2026-02-27", "--columns", cols,
                   os.path.join(DATA, "wide.csv"), "--out", out("wide.csv"))
want = [r for r in rows_of(os.path.join(DATA, "kent.expected.csv")) if r[0] in ("KT-1", "KT-3")]
check("wide rc", rc == 0, se)
check("wide obligations", rows_of(out("wide.csv")) == want, rows_of(out("wide.csv")))
rc, _, se = audit("--council", "kent", "--columns", "received=Nope", os.path.join(DATA, "wide.csv"))
check("wide unknown column", rc == 2 and "Nope" in se, se)
rc, _, se = audit("--council", "kent", "--columns", "received=Date Received,teleport=Closed,case_id=Ref",
                  os.path.join(DATA, "wide.csv"))
check("wide unknown event", rc == 2 and "teleport" in se, se)

# ---- Malformed rows of every kind --------------------------------------------
rc, so, se = audit("--council", "kent", "--as-of", "2025-12-31", os.path.join(DATA, "bad.csv"),
                   "--errors", out("bad.err"), "--out", out("bad.csv"))
check("bad rc", rc == 1, se)
errs = {int(r["line"]): r["error"] for r in read_csv(out("bad.err"))}
WANT = {
    3: "expected 7 fields as in the header, found 5",
    4: "expected 7 fields as in the header, found 8",
    5: "a quote inside an unquoted field",
    6: "text after the closing quote",
    7: "the case_id is empty",
    8: "unknown event 'acknowledgement'",
    9: "impossible date '2025-02-29'",
    10: "impossible date 'yesterday'",
    11: "the date is empty",
    12: "invalid UTF-8",
    13: "a second receive event for the case (the first is on line 2)",
    14: "unknown delivery method 'pigeon'",
    15: "has no receive event",
    16: "invalid UTF-8 or a NUL byte",
    18: "not closed before the end of the input (lines 18 to 19",
}
check("bad lines", set(errs) == set(WANT), sorted(errs))
for n, text in WANT.items():
    check(f"bad line {n}", text in errs.get(n, ""), errs.get(n))
check("bad summary", "rejected rows 15" in so, so)
# B-1 is still audited from its good rows: acknowledged? no (all acks were bad), responded 03-07.
b1 = {r["obligation"]: r for r in read_csv(out("bad.csv")) if r["case_id"] == "B-1"}
check("bad good rows kept", b1.get("stage-1.respond", {}).get("done") == "2025-03-07", b1)
# Without --errors the first rejections go to stderr with their line numbers.
rc, _, se = audit("--council", "kent", "--as-of", "2025-12-31", os.path.join(DATA, "bad.csv"))
check("bad stderr", rc == 1 and "line 3:" in se and "line 18:" in se, se)

# ---- Usage and unreadable input: exit 2 --------------------------------------
check("no council", audit(os.path.join(DATA, "kent.csv"))[0] == 2)
check("unknown council", audit("--council", "atlantis", os.path.join(DATA, "kent.csv"))[0] == 2)
check("missing input", audit("--council", "kent", out("nope.csv"))[0] == 2)
empty = out("empty.csv")
open(empty, "w").close()
check("empty input", audit("--council", "kent", empty)[0] == 2)
nohead = out("nohead.csv")
open(nohead, "w").write("a,b,c\n1,2,3\n")
rc, _, se = audit("--council", "kent", nohead)
check("no header", rc == 2 and "case_id" in se, se)
check("bad as-of", audit("--council", "kent", "--as-of", "2025-02-30", os.path.join(DATA, "kent.csv"))[0] == 2)
check("unknown option", audit("--council", "kent", "--frobnicate", os.path.join(DATA, "kent.csv"))[0] == 2)
rc, so, _ = audit("--help")
check("help", rc == 0 and "--columns" in so)
p = subprocess.run([UKC, "audit", "--council", "kent", "--as-of", "2026-02-27", "-"],
                   input=open(os.path.join(DATA, "kent.csv")).read(), capture_output=True, text=True)
check("stdin", p.returncode == 0 and "rows 15, cases 4" in p.stdout, p.stdout + p.stderr)

# ---- Formula injection ---------------------------------------------------------
rc, so, se = audit("--council", "kent", "--as-of", "2025-12-31", os.path.join(DATA, "injection.csv"),
                   "--out", out("inj.csv"), "--html", out("inj.html"))
check("injection rc", rc == 0, se)
ids = {r["case_id"] for r in read_csv(out("inj.csv"))}
check("injection neutralised", ids == {"'=HYPERLINK(\"http://example.invalid\")", "'+SUM(A1:A9)", "'-2+3",
                                       "'@cmd", "'\tTAB", "'\rCR", "<script>alert(1)</script>", "plain"}, ids)
check("injection no formula cell", all(not r["case_id"][:1] in "=+-@\t\r" for r in read_csv(out("inj.csv"))))


# ---- The HTML report through a plain parser -----------------------------------
class Page(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.text, self.stack, self.sections = [], [], [], {}
        self.attrs = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.append((tag, dict(attrs)))
        if tag == "section":
            self.cur = dict(attrs).get("id")
            self.sections[self.cur] = []

    def handle_data(self, data):
        self.text.append(data)
        if getattr(self, "cur", None):
            self.sections[self.cur].append(data)


def page(path):
    p = Page()
    p.feed(open(path, encoding="utf-8").read())
    p.close()
    return p


p = page(out("inj.html"))
check("html escaped", "script" not in p.tags and "<script>alert(1)</script>" in "".join(p.text), p.tags)
raw = open(out("inj.html"), encoding="utf-8").read()
check("html no external", not any(a.get("src") or (t == "link") for t, a in p.attrs)
      and "http://" not in raw.replace("http://www.w3.org/2000/svg", "").replace("http://example.invalid", ""),
      [a for a in p.attrs if a[1].get("src")])

rc, _, se = audit("--council", "kent", "--as-of", "2026-02-27", os.path.join(DATA, "kent.csv"),
                  "--html", out("kent.html"))
check("html rc", rc == 0, se)
p = page(out("kent.html"))
text = " ".join(p.text)
check("html title", "Complaint deadlines audit: Kent County Council (kent)" in text, text[:200])
check("html svg", p.tags.count("svg") == 2 and p.tags.count("rect") >= 2, p.tags.count("svg"))
summary = " ".join(p.sections.get("summary", []))
check("html summary", "stage-1" in summary and "respond" in summary and "66.7%" in summary, summary)
missed = " ".join(p.sections.get("missed", []))
check("html missed", "Missed obligations (5)" in missed and "KT-2" in missed and "UKC-E006" in missed
      and "Christmas Day" in missed
      and "2026-01-21" in missed, missed[:300])
findings = " ".join(p.sections.get("findings", []))
check("html findings", "(1)" in findings and "UKC-R001" in findings and "KT-1" in findings, findings)
charts = " ".join(p.sections.get("charts", []))
check("html months", "2025-05" in charts and "2026-01" in charts, charts[:300])

# ---- --calendar-feed: the GOV.UK snapshot agrees; the 2012-2020 one predates the
# move of the May 2020 bank holiday from Monday 4 to Friday 8 May (VE Day).
feed = os.path.join(SRC, "lib", "data", "govuk", "govuk-bank-holidays-2019-2028.json")
rc, so, se = audit("--council", "kent", "--as-of", "2026-02-27", os.path.join(DATA, "kent.csv"),
                   "--calendar-feed", feed)
check("feed agrees", rc == 0 and "agrees with the built-in england-and-wales calendar" in so, so + se)
old = os.path.join(SRC, "lib", "data", "govuk", "govuk-bank-holidays-2012-2020.json")
rc, so, se = audit("--council", "kent", "--as-of", "2026-02-27", os.path.join(DATA, "kent.csv"),
                   "--calendar-feed", old)
check("feed differs", rc == 0 and "differs from the built-in" in so and "2020-05-04" in so, so + se)
# And the deadlines are worked out on the feed. A Kent complaint received Wed
# 29 Apr 2020, acknowledged Tue 5 May; 3 working days to acknowledge.
# Built-in (GOV.UK's later list, Fri 8 May the holiday): Thu 30 Apr (1), Fri 1
# May (2), Mon 4 May (3) -> due 2020-05-04, met a working day late.
# The old list (Mon 4 May the holiday): Thu 30 (1), Fri 1 (2), Tue 5 May (3)
# -> due 2020-05-05: met.
log = out("feed2020.csv")
with open(log, "w", encoding="utf-8") as f:
    f.write("case_id,procedure,kind,date,event\n"
            "F-1,corporate,complaint,2020-04-29,receive\n"
            "F-1,,,2020-05-05,acknowledge\n")
for calendar_args, due, status in (([], "2020-05-04", "missed"), (["--calendar-feed", old], "2020-05-05", "met")):
    o = out("feed2020.out.csv")
    rc, so, se = audit("--council", "kent", "--as-of", "2020-06-30", log, "--out", o, *calendar_args)
    rows = [r for r in read_csv(o) if r["obligation"] == "stage-1.acknowledge"]
    check("feed recomputes " + status, rc == 0 and len(rows) == 1 and rows[0]["due"] == due
          and rows[0]["status"] == status, (rows, so, se))
check("feed missing", audit("--council", "kent", os.path.join(DATA, "kent.csv"),
                            "--calendar-feed", out("none.json"))[0] == 2)

# ---- ukc demo: runs without arguments -------------------------------------------
p = subprocess.run([UKC, "demo"], capture_output=True, text=True)
check("demo rc", p.returncode == 0, p.stderr)
check("demo refused step", "REFUSED" in p.stdout and "UKC-R007 reasons-required" in p.stdout, p.stdout[:500])
# Warwickshire stage 1, received Mon 2025-12-01: 10 working days -> Mon 2025-12-15 (README).
check("demo deadlines", "stage-1.respond (council): due 2025-12-15, met on 2025-12-12" in p.stdout
      and "UKC-E006 Skipped Thursday 2025-12-25: Christmas Day" in p.stdout, p.stdout[-500:])

print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
