#!/usr/bin/env python3
"""The HTML report of ukc audit as a browser renders it: headless Chromium
dumps the DOM of the page and the test checks its text. Skipped (exit 77)
where Chromium is not installed; CI installs Debian's `chromium` package.

usage: test_audit_chromium.py PATH/TO/ukc SRCDIR"""
import os
import re
import subprocess
import sys
import tempfile

CHROMIUM = "/usr/bin/chromium"
UKC, SRC = sys.argv[1], sys.argv[2]

if not os.access(CHROMIUM, os.X_OK):
    print(f"SKIP: {CHROMIUM} is not installed (apt-get install chromium); "
          "the report is still checked by test_audit.py's HTML parser")
    sys.exit(77)

tmp = tempfile.mkdtemp(prefix="ukc-audit-html-")
report = os.path.join(tmp, "report.html")
p = subprocess.run([UKC, "audit", "--council", "kent", "--as-of", "2026-02-27",
                    os.path.join(SRC, "tests", "data", "audit", "kent.csv"), "--html", report],
                   capture_output=True, text=True)
if p.returncode != 0:
    print("FAIL ukc audit", p.returncode, p.stderr)
    sys.exit(1)

profile = tempfile.mkdtemp(prefix="ukc-chromium-")
dom = subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                      "--no-first-run", "--disable-background-networking",
                      "--disable-component-update", "--disable-sync",
                      f"--user-data-dir={profile}", "--dump-dom", "file://" + report],
                     capture_output=True, text=True, timeout=120)
if dom.returncode != 0 or "<body" not in dom.stdout:
    print("FAIL chromium", dom.returncode, dom.stderr[-2000:])
    sys.exit(1)

text = re.sub(r"<[^>]+>", " ", dom.stdout)
text = re.sub(r"\s+", " ", text)
failed = 0
for want in ["Complaint deadlines audit: Kent County Council (kent)",
             "Summary", "66.7%", "Share of obligations met on time, by procedure and stage",
             "Missed obligations (5)", "KT-2", "2026-01-21", "Christmas Day",
             "Findings: events the policy does not allow (1)", "UKC-R001",
             "Rejected rows (0)"]:
    if want not in text:
        print("FAIL missing:", want)
        failed += 1
if dom.stdout.count("<svg") != 2:
    print("FAIL expected two SVG charts")
    failed += 1
print("ok" if not failed else f"{failed} failed")
sys.exit(1 if failed else 0)
