#!/usr/bin/env python3
"""Policy fidelity through `ukc case`: one hand-worked case per rule the
councils' documents state, with the working and the quote beside it.

usage: test_fidelity.py PATH/TO/ukc SRCDIR
Bank holidays (GOV.UK, England and Wales): 2024-05-06, 2024-05-27, 2024-12-25,
2024-12-26, 2025-04-18, 2025-04-21, 2025-05-05, 2025-05-26."""
import json
import subprocess
import sys

UKC, SRC = sys.argv[1], sys.argv[2]
passed = failed = 0


def check(name, cond, detail=""):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print(f"FAIL {name} {detail}")


def case(script, *args):
    p = subprocess.run([UKC, "case", *args, "-"], input=script, capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


def case_json(script, *args):
    rc, out, err = case(script, "--json", *args)
    return rc, json.loads(out) if out.strip() else {}, err


def decision(doc, line):
    return [d for d in doc.get("decisions", []) if d["line"] == line][0]


def obligation(doc, oid):
    return [o for o in doc.get("obligations", []) if o["id"] == oid][0]


# ---- Kent, School Transport Appeals ------------------------------------------
# "The decision will be sent to you in writing within 5 working days of the
# appeal hearing." Hearing (panel) Thu 19 Dec 2024: 20 (1), 23 (2), 24 (3),
# 25-26 Dec bank holidays, 27 (4), 30 (5) -> Mon 30 Dec 2024.
rc, doc, err = case_json("""open kent transport-appeals complaint 2024-12-02
2024-12-19 panel
""")
check("transport rc", rc == 0, err)
check("transport hearing allowed", decision(doc, 2)["allowed"], doc)
o = obligation(doc, "appeal-hearing.decision")
check("transport decision due", o["due"] == "2024-12-30" and o["start"] == "2024-12-19", o)

# ---- Warwickshire, section 7 -------------------------------------------------
# "at least three different times by different methods (where we have
# alternative contact methods, such as email addresses, telephone numbers or
# postal addresses)". Only a postal address: three letters are enough.
rc, out, err = case("""open warwickshire general complaint 2024-06-03
2024-06-03 contact-methods method=post
2024-06-04 contact-attempt method=letter
2024-06-05 contact-attempt method=letter
2024-06-06 contact-attempt method="Postal address"
2024-06-07 discontinue
""")
check("discontinue post only rc", rc == 0, out + err)
check("discontinue post only", "discontinue        allowed" in out, out)
# Without the methods known, email and e-mail are one method: refused.
rc, out, err = case("""open warwickshire general complaint 2024-06-03
2024-06-04 contact-attempt method=email
2024-06-04 contact-attempt method=e-mail
2024-06-04 contact-attempt method=phone
2024-06-05 discontinue
""")
check("discontinue e-mail is email", rc == 1 and "UKC-R021 methods-not-different" in out
      and "2 different methods used" in out, out)

# ---- Warwickshire, section 9 -------------------------------------------------
# "We have misunderstood their intention to withdraw their complaint" re-opens a
# withdrawn complaint; the non-response ground does not.
rc, out, err = case("""open warwickshire general complaint 2024-06-03
2024-06-04 withdraw
2024-06-05 reopen ground=discontinued-non-response
2024-06-05 reopen ground=misunderstood-withdrawal
""")
check("reopen ground fits", rc == 1 and "UKC-R032 ground-does-not-fit" in out
      and "reopen             allowed" in out, out)

# ---- The unnamed council, 2.8 ------------------------------------------------
# "an option to suspend the complaints process": complaints only. A comment is
# not suspended, and its reply (5 working days from Fri 1 Mar 2024 -> Fri 8 Mar)
# stays due.
rc, out, err = case("""open unnamed-unitary-004 - comment 2024-03-01
2024-03-04 suspend ground=alternative-resolution
""", "--as-of", "2024-03-05")
check("unnamed suspend comment", rc == 1 and "UKC-R004 not-provided-for" in out, out)
check("unnamed comment reply due", "comment.respond" in out and "due 2024-03-08" in out, out)

# ---- Kent, four-weekly progress updates --------------------------------------
# "If your complaint raises complex issues which cannot be answered within 20
# working days, we will keep you informed of progress at four-weekly intervals".
# Received Mon 14 Apr 2025; 20 working days: 15-17 Apr (3), 18 and 21 Apr
# skipped, 22-25 (7), 28 Apr-2 May (12), 5 May skipped, 6-9 (16), 12-15 (20) ->
# Thu 15 May; first update 28 days later: Thu 12 June (not Mon 12 May, from
# receipt, before the answer was due).
rc, doc, err = case_json("open kent corporate complaint 2025-04-14\n", "--as-of", "2025-06-02")
o = obligation(doc, "stage-1.progress-update")
check("kent update start", o["start"] == "2025-05-15" and o["due"] == "2025-06-12", o)

# ---- "We may need longer" ----------------------------------------------------
# Derby: "Sometimes we may need longer to investigate"; Kent Adult Social Care:
# "additional time is required to investigate more complex complaints. We will
# keep you informed of any delays in the process." Both extend without a
# maximum: days= is needed. 30 working days from Mon 8 Jan 2024 -> Mon 19 Feb.
for council, proc, words in [("derby", "corporate", "Sometimes we may need longer"),
                             ("kent", "adult-social-care", "additional time is required")]:
    rc, doc, err = case_json(f"""open {council} {proc} complaint 2024-01-08
2024-01-15 extend reasons="Records held by another team"
2024-01-15 extend reasons="Records held by another team" days=30
""")
    first, second = decision(doc, 2), decision(doc, 3)
    check(f"{council} extend needs days", not first["allowed"] and first["reason"] == "UKC-R022",
          first)
    check(f"{council} extend allowed", second["allowed"] and words in second["citation"]["quote"],
          second)
    check(f"{council} extended due", obligation(doc, "stage-1.respond")["due"] == "2024-02-19", doc)

# ---- Warwickshire, "within 20 days" ------------------------------------------
# Posted second class Thu 2 May 2024, deemed received Wed 8 May (3, skip 6 May,
# 7, 8). Calendar days: Tue 28 May. Working days: 9-10 (2), 13-17 (7), 20-24
# (12), 27 May skipped, 28-31 (16), 3-6 Jun (20) -> Thu 6 June. Asked on Wed 29
# May: allowed with the warning UKC-R031; on Fri 7 June: refused, with the doubt.
script = """open warwickshire general complaint 2024-04-15
2024-05-02 respond delivery=second-class-post
%s request-escalation reasons="Not answered"
"""
rc, out, err = case(script % "2024-05-29")
check("unclear unit warning rc", rc == 0, out + err)
check("unclear unit warning", "allowed  UKC-R031 unit-unclear" in out
      and "within 20 days of the stage one response" in out and "2024-06-06" in out, out)
rc, out, err = case(script % "2024-06-07")
check("unclear unit refusal", rc == 1 and "UKC-R005" in out and "unit is unclear" in out, out)

# ---- Kent, after the Review Panel --------------------------------------------
# "A Review Panel will be held within 30 working days of your request being
# accepted." No council response follows it: the process is complete.
rc, out, err = case("""open kent childrens-social-services complaint 2024-01-08
2024-01-19 respond delivery=email
2024-01-22 request-escalation
2024-02-12 respond delivery=email
2024-02-13 request-escalation
2024-02-14 accept-escalation
2024-03-13 panel
2024-03-14 request-escalation
2024-03-14 refer body=lgsco
2024-03-15 close
""")
check("kent after panel", rc == 1 and "UKC-R006 no-further-stage" in out
      and "the council's process is complete" in out
      and "Local Government and Social Care Ombudsman" in out
      and "has not yet had its response" not in out, out)
check("kent after panel closes", "close              allowed" in out, out)

# ---- Warwickshire, exclusion ix: the Information Commissioner ----------------
rc, out, err = case("""open warwickshire general complaint 2024-01-08
2024-01-11 refer body=ico
""")
check("warwickshire ico", rc == 0 and "Information Commissioner (ICO)" in out, out)

print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
