#!/usr/bin/env python3
"""The HTML report of ukc audit as a browser renders it: headless Chromium
dumps the DOM of the page, takes a screenshot and prints it to PDF (the print
stylesheet); the test checks the rendered text. The report, the screenshot and
the PDF are kept in OUTDIR for a reader to look at. Skipped (exit 77) where
Chromium is not installed; CI installs Debian's `chromium` package.

usage: test_audit_chromium.py PATH/TO/ukc SRCDIR OUTDIR

Expected figures, worked by hand from tests/data/audit/kent.expected.csv (as
of 2026-02-27; no case was extended):
  stage-1 responses: KT-1 met, KT-2 missed, KT-3 met, KT-4 open -> 2 of 3
  stage-2 responses: KT-3 missed -> 0 of 1
  acknowledgements:  KT-1, KT-3, KT-4 met, KT-2 missed -> 3 of 4
  responses (targets, both stages): 2 of 4; the stage-2 maximum: 1 of 1
  responses by month due: 2025-05 (KT-1) and 2025-06 (KT-3) met 1 of 1,
  2025-08 (KT-3 stage 2) and 2026-01 (KT-2) met 0 of 1
"""
import datetime
import os
import re
import shutil
import subprocess
import sys
import tempfile

CHROMIUM = "/usr/bin/chromium"
UKC, SRC, OUTDIR = sys.argv[1], sys.argv[2], sys.argv[3]

if not os.access(CHROMIUM, os.X_OK):
    print(f"SKIP: {CHROMIUM} is not installed (apt-get install chromium); "
          "the report is still checked by test_audit.py's HTML parser")
    sys.exit(77)

os.makedirs(OUTDIR, exist_ok=True)
report = os.path.join(OUTDIR, "kent-report.html")
screenshot = os.path.join(OUTDIR, "kent-report.png")
pdf = os.path.join(OUTDIR, "kent-report.pdf")
for path in (screenshot, pdf):
    if os.path.exists(path):
        os.remove(path)
today = datetime.datetime.now(datetime.timezone.utc).date().isoformat()
p = subprocess.run([UKC, "audit", "--council", "kent", "--as-of", "2026-02-27",
                    os.path.join(SRC, "tests", "data", "audit", "kent.csv"), "--html", report],
                   capture_output=True, text=True)
if p.returncode != 0:
    print("FAIL ukc audit", p.returncode, p.stderr)
    sys.exit(1)

profile = tempfile.mkdtemp(prefix="ukc-chromium-")


def chromium(*args):
    return subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
                           "--disable-quic", "--no-first-run", "--disable-background-networking",
                           "--disable-component-update", "--disable-sync",
                           "--hide-scrollbars", f"--user-data-dir={profile}", *args,
                           "file://" + report],
                          capture_output=True, text=True, timeout=120)


dom = chromium("--dump-dom")
shot = chromium(f"--screenshot={screenshot}", "--window-size=1280,2400")
printed = chromium(f"--print-to-pdf={pdf}", "--no-pdf-header-footer")
shutil.rmtree(profile, ignore_errors=True)
if dom.returncode != 0 or "<body" not in dom.stdout:
    print("FAIL chromium", dom.returncode, dom.stderr[-2000:])
    sys.exit(1)

failed = 0


def check(name, cond, detail=""):
    global failed
    if not cond:
        failed += 1
        print("FAIL", name, detail)


def section(html, name):
    m = re.search(r'<section id="%s"[^>]*>(.*?)</section>' % name, html, re.S)
    # The text a reader sees: an SVG <title> is a tooltip, not page text.
    return text_of(re.sub(r"<title>.*?</title>", "", m.group(1), flags=re.S)) if m else ""


def text_of(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace(" )", ")")


text = text_of(dom.stdout)
for want in ["Complaint deadlines audit: Kent County Council (kent)",
             "Policy Kent County Council (kent)", "Calendar england-and-wales (built in)",
             "As of 2026-02-27", f"Run {today}", "Library ukcomplaints 0.1.0",
             "Findings: events the policy does not allow, and events allowed with a warning (1)", "UKC-R001",
             "Rejected rows (0)"]:
    check("text", want in text, want)

headline = section(dom.stdout, "headline")
check("headline stage 1", re.search(r"corporate stage-1 3 66\.7% \(2 of 3\) 66\.7% \(2 of 3\) 0 1",
                                    headline), headline)
check("headline stage 2", re.search(r"corporate stage-2 1 0\.0% \(0 of 1\) 0\.0% \(0 of 1\) 0 0",
                                    headline), headline)
check("headline columns", "with extensions" in headline and "without extensions" in headline,
      headline)

charts = section(dom.stdout, "charts")
for want in ["Share met on time, by obligation type", "Obligation type",
             "Met on time (share of decided obligations)", "Month due",
             "Acknowledgement", "75.0% (3 of 4)", "Response 50.0% (2 of 4)",
             "Response (maximum) 100.0% (1 of 1)",
             "Response: share met on time, by month due",
             "2025-05 100.0% (1 of 1) 2025-06 100.0% (1 of 1) 2025-08 0.0% (0 of 1) "
             "2026-01 0.0% (0 of 1)"]:
    check("charts", want in charts, want)
check("no n/a label", "n/a" not in charts, charts)
# One chart by type, and one by month for each of the five types decided.
check("six charts", dom.stdout.count("<svg") == 6, dom.stdout.count("<svg"))

# Each missed deadline: its explanation as a list, the citation once.
missed = section(dom.stdout, "missed")
check("missed count", "Missed obligations (5)" in missed, missed[:200])
row = re.search(r"<tr><td>KT-2</td><td>Response.*?</tr>", dom.stdout, re.S)
row = row.group(0) if row else ""
check("missed row", "2026-01-21" in row and "not done" in row and ">27<" in row, row[:300])
items = [text_of(i).strip() for i in re.findall(r"<li[^>]*>(.*?)</li>", row, re.S)]
# The rule with its citation; the start; the convention; Christmas Day, Boxing
# Day and New Year's Day skipped; the due date.
check("missed steps", len(items) == 7 and items[0].startswith("Rule: ")
      and "Stage 1: Local Resolution" in items[0]
      and [i.split(":")[0] for i in items[3:6]] == ["Skipped Thursday 2025-12-25",
                                                    "Skipped Friday 2025-12-26",
                                                    "Skipped Thursday 2026-01-01"]
      and items[-1].startswith("Due: Wednesday 2026-01-21"), items)
check("citation once", row.count("and to provide a full reply within 20 working days") == 1,
      row)

check("no script", "<script" not in open(report, encoding="utf-8").read())
check("screenshot", shot.returncode == 0 and os.path.getsize(screenshot) > 10000,
      shot.stderr[-500:])
with open(pdf, "rb") as f:
    head = f.read(5)
check("print to pdf", printed.returncode == 0 and head == b"%PDF-", printed.stderr[-500:])
print("ok; kept", report, screenshot, pdf if not failed else "", sep="\n  ")
if failed:
    print(f"{failed} failed")
sys.exit(1 if failed else 0)
