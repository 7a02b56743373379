#!/usr/bin/env python3
"""The extension against a real PostgreSQL server.

Usage: test_postgresql.py PG_CONFIG MODULE CONTROL SCRIPT LIBRARY SRCDIR
       test_postgresql.py PG_CONFIG - - - LIBRARY SRCDIR   (the installed extension)

Starts a throwaway cluster (pgcluster.py says how and why), creates the
extension, and checks hand-worked deadlines, GOV.UK's published lists, a
calendar stored from a GOV.UK feed, a hand-worked case, classification, errors
for bad input, NULLs, and 100,000 rows against the C library called directly.
Exits 77 (skipped) with a message when PostgreSQL's server is not installed.
"""
import ctypes
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pgcluster  # noqa: E402

PG_CONFIG, MODULE, CONTROL, SCRIPT, LIBRARY, SRCDIR = sys.argv[1:7]
# Byte-for-byte copies of GOV.UK's feed (lib/data/govuk/README.md says whence).
DATA = os.path.join(SRCDIR, "lib", "data", "govuk")
failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL:", what)


def rows(cluster, sql):
    _, out, _ = cluster.psql(sql)
    return [line.split("\t") for line in out.splitlines() if line != ""]


def one(cluster, sql):
    r = rows(cluster, sql)
    return r[0][0] if r else None


def error_of(cluster, sql):
    """(SQLSTATE, message, detail) of the error a statement raises."""
    code, _, err = cluster.psql(sql, check=False)
    m = re.search(r"ERROR:  ([0-9A-Z]{5}): (.*)", err)
    d = re.search(r"DETAIL:  (.*)", err)
    if code == 0 or not m:
        return (None, err, None)
    return (m.group(1), m.group(2), d.group(1) if d else "")


def expect_error(cluster, sql, sqlstate, status, what):
    state, msg, detail = error_of(cluster, sql)
    check(state == sqlstate and detail is not None and detail.startswith(status),
          f"{what}: expected {sqlstate} {status}, got {state} {msg!r} {detail!r}")


def test_no_symbol_clash(bindir):
    """The library must not import a global symbol that the server defines:
    the dynamic linker would bind the library's call to the server's."""
    def names(path, flag):
        out = subprocess.run(["nm", "-D", flag, path], capture_output=True, text=True).stdout
        return {line.split()[-1].split("@")[0] for line in out.splitlines() if line.strip()}
    try:
        clash = names(LIBRARY, "--undefined-only") & names(os.path.join(bindir, "postgres"),
                                                            "--defined-only")
    except FileNotFoundError:
        print("nm not found: symbol clash check skipped")
        return
    check(not clash, f"libukcomplaints imports symbols the server defines: {sorted(clash)}")


def test_deadlines(c):
    # 2025-12-19 (Fri) + 20, England and Wales: 22-24 Dec (3), 25 and 26 Dec
    # holidays, 29-31 (6), 1 Jan holiday, 2 Jan (7), 5-9 (12), 12-16 (17),
    # 19-21 Jan (20).
    check(one(c, "SELECT ukc_add_working_days('2025-12-19', 20, 'england-and-wales')") == "2026-01-21",
          "2025-12-19 + 20 working days")
    # 2024-12-20 (Fri) + 5: 23, 24 (2), 25 and 26 holidays, 27 (3), 30 (4), 31 (5).
    check(one(c, "SELECT ukc_add_working_days('2024-12-20', 5, 'england-and-wales')") == "2024-12-31",
          "2024-12-20 + 5 working days")
    check(one(c, "SELECT ukc_count_working_days('2024-12-20', '2024-12-31', 'england-and-wales')") == "5",
          "count 2024-12-20..2024-12-31")
    # 2024-12-30 + 2: 31 Dec (1); 1 Jan a holiday everywhere; 2 Jan a holiday
    # only in Scotland; so 2 Jan (E&W) and 3 Jan (Scotland).
    check(one(c, "SELECT ukc_add_working_days('2024-12-30', 2, 'england-and-wales')") == "2025-01-02",
          "E&W over New Year")
    check(one(c, "SELECT ukc_add_working_days('2024-12-30', 2, 'scotland')") == "2025-01-03",
          "Scotland over New Year (2nd January)")
    # Scotland's summer bank holiday is the first Monday of August (5 Aug 2024),
    # England's the last (26 Aug 2024).
    check(rows(c, "SELECT ukc_is_working_day('2024-08-05', 'scotland'), "
                  "ukc_is_working_day('2024-08-05', 'england-and-wales'), "
                  "ukc_is_working_day('2024-08-26', 'england-and-wales')") == [["f", "t", "f"]],
          "summer bank holidays")
    # St Patrick's Day 2024 was a Sunday; Monday 18 March was the substitute day
    # in Northern Ireland; from Saturday 16 the next working day is Tuesday 19.
    check(one(c, "SELECT ukc_next_working_day('2024-03-16', 'northern-ireland')") == "2024-03-19",
          "next working day after St Patrick's substitute day")
    check(one(c, "SELECT ukc_next_working_day('2024-03-16', 'england-and-wales')") == "2024-03-18",
          "next working day, England")
    # 12 July 2024 (Battle of the Boyne) is a holiday only in Northern Ireland,
    # and so in the union of the three.
    check(rows(c, "SELECT ukc_is_working_day('2024-07-12', 'united-kingdom'), "
                  "ukc_is_working_day('2024-07-12', 'scotland')") == [["f", "t"]],
          "united-kingdom is the union")
    # One working day back from Friday 27 Dec 2024: the 27th itself is the one
    # working day counted, 26 and 25 are holidays, so Tuesday 24.
    check(one(c, "SELECT ukc_add_working_days('2024-12-27', -1, 'england-and-wales')") == "2024-12-24",
          "negative n")


def test_explain(c):
    e = json.loads(one(c, "SELECT ukc_explain_deadline('2024-12-20', 5, 'england-and-wales')"))
    check(e["due"] == "2024-12-31" and e["days"] == 5 and e["receipt"] == "day-of-receipt",
          f"explanation header {e.get('due')} {e.get('receipt')}")
    skipped = [(s["date"], s["name"]) for s in e["steps"] if s["kind"] == "bank-holiday"]
    check(skipped == [("2024-12-25", "Christmas Day"), ("2024-12-26", "Boxing Day")],
          f"holidays skipped: {skipped}")
    # Received Saturday 21 Dec 2024, deemed received Monday 23; one working
    # day later is Tuesday 24. Counting from the Saturday, Monday 23.
    e = json.loads(one(c, "SELECT ukc_explain_deadline('2024-12-21', 1, 'england-and-wales', "
                          "'next-working-day')"))
    check((e["counted_from"], e["due"]) == ("2024-12-23", "2024-12-24"), "next-working-day receipt")
    check(one(c, "SELECT ukc_explain_deadline('2024-12-21', 1, 'england-and-wales')->>'due'")
          == "2024-12-23", "day-of-receipt default")


def test_govuk_lists(c):
    """ukc_holidays() lists exactly GOV.UK's published days, with their titles."""
    for name, years in (("govuk-bank-holidays-2012-2020.json", range(2012, 2019)),
                        ("govuk-bank-holidays-2019-2028.json", range(2019, 2029))):
        with open(os.path.join(DATA, name), encoding="utf-8") as f:
            feed = json.load(f)
        for division, body in feed.items():
            want = sorted((e["date"], e["title"]) for e in body["events"]
                          if int(e["date"][:4]) in years)
            got = rows(c, f"SELECT day, name FROM ukc_holidays('{division}', "
                          f"'{years[0]}-01-01', '{years[-1]}-12-31') ORDER BY day")
            check([tuple(r) for r in got] == want,
                  f"{division} {years[0]}-{years[-1]} differs from {name}: "
                  f"{sorted(set(map(tuple, got)) ^ set(want))[:6]}")


def sql_literal(s):
    return "'" + s.replace("'", "''") + "'"


def test_stored_feed(c):
    with open(os.path.join(DATA, "govuk-bank-holidays-2019-2028.json"), encoding="utf-8") as f:
        feed = json.load(f)
    # A proclamation the embedded data does not know: Friday 4 June 2027.
    feed["england-and-wales"]["events"].append(
        {"title": "Proclaimed holiday", "date": "2027-06-04", "notes": "", "bunting": True})
    text = json.dumps(feed)
    check(one(c, f"SELECT ukc_calendar_from_govuk('council-feed', {sql_literal(text)}::jsonb)")
          == "council-feed", "store a feed")
    check(rows(c, "SELECT ukc_is_working_day('2027-06-04', 'council-feed'), "
                  "ukc_is_working_day('2027-06-04', 'england-and-wales'), "
                  "ukc_add_working_days('2027-06-03', 1, 'council-feed')") == [["f", "t", "2027-06-07"]],
          "stored feed adds a holiday")
    check(rows(c, "SELECT name, kind FROM ukc_holidays('council-feed', '2027-06-01', '2027-06-30')")
          == [["Proclaimed holiday", "one-off"]], "stored feed's holiday listed")
    # A case's deadlines on the stored calendar. Warwickshire's target of 10
    # working days from Monday 24 May 2027: 25-28 May (4), Monday 31 May the
    # Spring bank holiday, 1-4 June (8), 7 and 8 June (10); with Friday 4
    # June proclaimed, 1-3 June (7), 7-9 June (10).
    doc = sql_literal(json.dumps({"procedure": "general", "kind": "complaint",
                                  "received": "2027-05-24", "events": []}))
    check(rows(c, f"SELECT (SELECT due FROM ukc_case_obligations('warwickshire', {doc}, "
                  f"'2027-05-24') WHERE id = 'stage-1.respond'), "
                  f"(SELECT due FROM ukc_case_obligations('warwickshire', {doc}, "
                  f"'2027-05-24', 'council-feed') WHERE id = 'stage-1.respond')")
          == [["2027-06-08", "2027-06-09"]], "case deadlines on a stored calendar")
    # Replacing the row changes the answer in the next statement.
    feed["england-and-wales"]["events"].pop()
    c.psql(f"SELECT ukc_calendar_from_govuk('council-feed', {sql_literal(json.dumps(feed))}::jsonb)")
    check(one(c, "SELECT ukc_is_working_day('2027-06-04', 'council-feed')") == "t",
          "a replaced feed is read again")
    # Bad feeds never reach the table.
    expect_error(c, "SELECT ukc_calendar_from_govuk('bad', '{\"foo\": 1}')", "42704",
                 "UKC_ERR_NOT_FOUND", "feed without the division")
    weekend = {"england-and-wales": {"division": "england-and-wales", "events": [
        {"title": "Saturday", "date": "2027-06-05", "notes": "", "bunting": False}]}}
    expect_error(c, f"SELECT ukc_calendar_from_govuk('bad', {sql_literal(json.dumps(weekend))})",
                 "22000", "UKC_ERR_INVALID_DATA", "feed with a weekend event")
    expect_error(c, f"SELECT ukc_calendar_from_govuk('scotland', {sql_literal(text)})",
                 "42710", "UKC_ERR_INVALID_ARGUMENT", "a built-in calendar's name")
    check(one(c, "SELECT count(*) FROM ukc_calendar_feed") == "1", "only the good feed stored")


# Warwickshire's general procedure, worked by hand in docs/cases.md.
WARWICKSHIRE_CASE = {
    "procedure": "general", "kind": "complaint", "received": "2024-04-15", "channel": "email",
    "events": [
        {"event": "acknowledge", "date": "2024-04-16"},
        {"event": "respond", "date": "2024-05-02", "delivery": "second-class-post"},
        {"event": "request-escalation", "date": "2024-05-20"},
        {"event": "request-escalation", "date": "2024-05-20",
         "reasons": "The reply did not deal with the missed collections"},
        {"event": "refuse-escalation", "date": "2024-05-31",
         "reasons": "Stage one answered each point"},
    ]}


def test_case(c):
    doc = sql_literal(json.dumps(WARWICKSHIRE_CASE))
    got = rows(c, f"SELECT id, party, due, state, coalesce(met::text, ''), late_by "
                  f"FROM ukc_case_obligations('warwickshire', {doc}, '2024-05-31') ORDER BY due, id")
    # Target 10 working days from 15 April: 29 April, met 2 May, 3 days late;
    # maximum 30: 29 May; 20 calendar days from deemed receipt on 8 May: 28 May;
    # refusal explained within 10 working days of 20 May: 4 June.
    want = [["stage-1.respond", "council", "2024-04-29", "missed", "2024-05-02", "3"],
            ["stage-2.request", "customer", "2024-05-28", "met", "2024-05-20", "0"],
            ["stage-1.respond.maximum", "council", "2024-05-29", "met", "2024-05-02", "0"],
            ["stage-2.explain-refusal", "council", "2024-06-04", "met", "2024-05-31", "0"]]
    check(got == want, f"Warwickshire case obligations: {got}")
    expl = json.loads(one(c, f"SELECT explanation FROM ukc_case_obligations('warwickshire', {doc}, "
                             f"'2024-05-31') WHERE id = 'stage-2.explain-refusal'"))
    check(expl["due"] == "2024-06-04" and any(s["date"] == "2024-05-27" and s["kind"] == "bank-holiday"
                                              for s in expl["steps"]),
          "explanation skips the Spring bank holiday")
    dec = rows(c, f"SELECT index, event, allowed, coalesce(code, '') "
                  f"FROM ukc_case_decisions('warwickshire', {doc})")
    check(dec == [["0", "acknowledge", "t", ""], ["1", "respond", "t", ""],
                  ["2", "request-escalation", "f", "UKC-R007"], ["3", "request-escalation", "t", ""],
                  ["4", "refuse-escalation", "t", ""]], f"decisions: {dec}")
    expect_error(c, "SELECT * FROM ukc_case_obligations('nowhere', '{}', '2024-05-31')", "42704",
                 "UKC_ERR_NOT_FOUND", "unknown policy")
    bad = dict(WARWICKSHIRE_CASE, colour="blue")
    expect_error(c, f"SELECT * FROM ukc_case_obligations('warwickshire', "
                    f"{sql_literal(json.dumps(bad))}, '2024-05-31')", "22000",
                 "UKC_ERR_INVALID_DATA", "unknown member")
    bad = dict(WARWICKSHIRE_CASE, received="2024-02-30")
    expect_error(c, f"SELECT * FROM ukc_case_obligations('warwickshire', "
                    f"{sql_literal(json.dumps(bad))}, '2024-05-31')", "22P02",
                 "UKC_ERR_PARSE", "no such day")
    bad = dict(WARWICKSHIRE_CASE, events=[{"event": "dance", "date": "2024-04-16"}])
    expect_error(c, f"SELECT * FROM ukc_case_obligations('warwickshire', "
                    f"{sql_literal(json.dumps(bad))}, '2024-05-31')", "42704",
                 "UKC_ERR_NOT_FOUND", "unknown event")


def test_classify(c):
    check(one(c, "SELECT ukc_classify('I wish to make a formal complaint. Nobody has collected "
                 "my bins for three weeks despite four phone calls.')->>'kind'") == "complaint",
          "a complaint")
    check(one(c, "SELECT ukc_classify('Thank you so much to the library staff, they were "
                 "wonderful and so helpful.')->>'kind'") == "compliment", "a compliment")
    r = json.loads(one(c, "SELECT ukc_classify('I wish to make a formal complaint about the "
                          "missed bin collections.', 'kent')"))
    check(isinstance(r, dict) and "obligations" in r, "classify under a council gives its routing")
    expect_error(c, "SELECT ukc_classify('x', 'nowhere')", "42704", "UKC_ERR_NOT_FOUND",
                 "classify under an unknown council")
    expect_error(c, "SELECT ukc_classify(repeat('a', 1048577))", "54000", "UKC_ERR_TOO_LONG",
                 "classify text over 1 MiB")


def test_errors_and_nulls(c):
    expect_error(c, "SELECT ukc_add_working_days('1960-01-04', 1, 'england-and-wales')", "22008",
                 "UKC_ERR_OUT_OF_RANGE", "before 1971")
    expect_error(c, "SELECT ukc_add_working_days('2199-12-30', 5, 'england-and-wales')", "22008",
                 "UKC_ERR_OUT_OF_RANGE", "result after 2199")
    expect_error(c, "SELECT ukc_is_working_day('infinity', 'england-and-wales')", "22008",
                 "UKC_ERR_OUT_OF_RANGE", "infinity")
    expect_error(c, "SELECT ukc_count_working_days('2024-01-01', '2024-02-01', 'narnia')", "42704",
                 "UKC_ERR_NOT_FOUND", "unknown calendar")
    expect_error(c, "SELECT ukc_explain_deadline('2024-01-01', 5, 'scotland', 'whenever')", "42704",
                 "UKC_ERR_NOT_FOUND", "unknown receipt convention")
    expect_error(c, "SELECT ukc_explain_deadline('2024-01-01', 10001, 'scotland')", "22023",
                 "UKC_ERR_INVALID_ARGUMENT", "explanation too long")
    expect_error(c, "SELECT * FROM ukc_holidays('scotland', '2024-12-31', '2024-01-01')", "22023",
                 "UKC_ERR_INVALID_ARGUMENT", "reversed range")
    # STRICT: a NULL argument gives NULL (or no rows), never an error.
    got = rows(c, "SELECT ukc_add_working_days(NULL, 1, 'scotland') IS NULL, "
                  "ukc_add_working_days('2024-01-01', NULL, 'scotland') IS NULL, "
                  "ukc_add_working_days('2024-01-01', 1, NULL) IS NULL, "
                  "ukc_count_working_days(NULL, '2024-01-01', 'scotland') IS NULL, "
                  "ukc_is_working_day('2024-01-01', NULL) IS NULL, "
                  "ukc_next_working_day(NULL, 'scotland') IS NULL, "
                  "ukc_explain_deadline('2024-01-01', 1, 'scotland', NULL) IS NULL, "
                  "ukc_classify(NULL) IS NULL, ukc_classify('x', NULL) IS NULL, "
                  "(SELECT count(*) FROM ukc_holidays('scotland', NULL, '2024-12-31')), "
                  "(SELECT count(*) FROM ukc_case_obligations('kent', NULL, '2024-01-01'))")
    check(got == [["t"] * 9 + ["0", "0"]], f"NULL handling: {got}")
    vol = rows(c, "SELECT proname, provolatile, proparallel, proisstrict FROM pg_proc "
                  "WHERE proname LIKE 'ukc\\_%' AND proname NOT IN ('ukc_calendar_from_govuk') "
                  "ORDER BY 1, 2")
    check(all(r[2] == "s" and r[3] == "t" for r in vol) and len(vol) >= 11,
          f"functions are PARALLEL SAFE and STRICT: {vol}")


def test_rows_against_library(c):
    """100,000 rows computed in the server equal the C library's answers."""
    lib = ctypes.CDLL(LIBRARY)
    lib.ukc_calendar_builtin.argtypes = [ctypes.c_char_p, ctypes.POINTER(ctypes.c_void_p)]
    lib.ukc_calendar_add_working_days.argtypes = [ctypes.c_void_p, ctypes.c_int32, ctypes.c_int32,
                                                  ctypes.POINTER(ctypes.c_int32)]
    lib.ukc_calendar_count_working_days.argtypes = [ctypes.c_void_p, ctypes.c_int32,
                                                    ctypes.c_int32, ctypes.POINTER(ctypes.c_int32)]
    names = ["england-and-wales", "scotland", "northern-ireland", "united-kingdom"]
    cals = {}
    for n in names:
        p = ctypes.c_void_p()
        assert lib.ukc_calendar_builtin(n.encode(), ctypes.byref(p)) == 0
        cals[n] = p
    rng = random.Random(23)
    day0 = 365 + 500  # 1972-05-15: going back 60 working days or 400 days stays in range
    with tempfile.NamedTemporaryFile("w", suffix=".tsv", delete=False) as f:
        path = f.name
        want = []
        out = ctypes.c_int32()
        for i in range(100000):
            cal = names[i % 4]
            start = rng.randrange(day0, 83500)
            n = rng.randrange(-60, 300)
            end = start + rng.randrange(-400, 400)
            assert lib.ukc_calendar_add_working_days(cals[cal], start, n, ctypes.byref(out)) == 0
            due = out.value
            assert lib.ukc_calendar_count_working_days(cals[cal], start, end, ctypes.byref(out)) == 0
            want.append((i, due, out.value))
            f.write(f"{i}\t{start}\t{n}\t{end}\t{cal}\n")
    try:
        os.chmod(path, 0o644)
        c.psql("CREATE TABLE probe (i int, start int, n int, stop int, cal text);\n"
               f"\\copy probe FROM '{path}'\n")
    finally:
        os.unlink(path)
    # Forced into parallel workers, which must find the calendars too.
    got = rows(c, "SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0; "
                  "SET min_parallel_table_scan_size = 0; SET max_parallel_workers_per_gather = 2;\n"
                  "SELECT i, ukc_add_working_days(date '1970-01-01' + start, n, cal) - date '1970-01-01', "
                  "ukc_count_working_days(date '1970-01-01' + start, date '1970-01-01' + stop, cal) "
                  "FROM probe ORDER BY i")
    got = [tuple(int(x) for x in r) for r in got]
    bad = [(g, w) for g, w in zip(got, want) if g != w]
    check(len(got) == len(want) and not bad, f"100,000 rows: {len(got)} rows, first differences {bad[:3]}")
    # The stored feed (test_stored_feed leaves GOV.UK's 2019-2028 feed as
    # 'council-feed') read by parallel workers gives England and Wales's days.
    got = rows(c, "SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0; "
                  "SET min_parallel_table_scan_size = 0; SET max_parallel_workers_per_gather = 2;\n"
                  "SELECT i, ukc_add_working_days(date '1970-01-01' + start, n, 'council-feed') "
                  "- date '1970-01-01' FROM probe WHERE cal = 'england-and-wales' ORDER BY i")
    got = [tuple(int(x) for x in r) for r in got]
    want = [(i, due) for i, due, _ in want if i % 4 == 0]
    _, plan, _ = c.psql("SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0; "
                        "SET min_parallel_table_scan_size = 0; SET max_parallel_workers_per_gather = 2;\n"
                        "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) SELECT sum(ukc_add_working_days("
                        "date '1970-01-01' + start, n, 'council-feed') - date '1970-01-01') FROM probe")
    launched = re.search(r"Workers Launched: (\d+)", plan)
    check(launched and int(launched.group(1)) > 0, f"parallel workers ran: {plan}")
    check(got == want, f"stored feed in parallel workers: {len(got)} rows, "
                       f"first differences {[(g, w) for g, w in zip(got, want) if g != w][:3]}")


def doc_blocks(path):
    """(sql, expected output or None) for each ```sql block of a Markdown page."""
    blocks = re.findall(r"^```(\w*)\n(.*?)^```$", open(path, encoding="utf-8").read(), re.S | re.M)
    out = []
    for i, (lang, body) in enumerate(blocks):
        if lang == "sql":
            nxt = blocks[i + 1] if i + 1 < len(blocks) else None
            out.append((body, nxt[1] if nxt and nxt[0] == "text" else None))
    return out


def test_docs(c):
    """Every SQL block of docs/postgresql.md runs as written, in order, in a
    fresh database, and prints the result shown after it."""
    c.psql("CREATE DATABASE docs;")
    blocks = doc_blocks(os.path.join(SRCDIR, "docs", "postgresql.md"))
    check(len(blocks) >= 8, f"docs/postgresql.md has {len(blocks)} SQL blocks")
    for sql, want in blocks:
        code, out, err = c.psql_aligned(sql, db="docs")
        if code:
            check(False, f"docs block failed: {sql[:200]!r}: {err}")
            continue
        if want is not None:
            norm = [line.rstrip() for line in out.strip("\n").splitlines()]
            exp = [line.rstrip() for line in want.strip("\n").splitlines()]
            check(norm == exp, "docs block output differs:\n" + sql + "\n--- got\n" +
                  "\n".join(norm) + "\n--- documented\n" + "\n".join(exp))


def main():
    try:
        if MODULE == "-":
            cluster = pgcluster.Cluster(PG_CONFIG, None, None, None, LIBRARY)
        else:
            cluster = pgcluster.Cluster(PG_CONFIG, MODULE, CONTROL, SCRIPT, LIBRARY)
    except pgcluster.Unavailable as exc:
        print(f"SKIP: PostgreSQL's server is not available ({exc}); install postgresql-15 and "
              "postgresql-server-dev-15 to run this test")
        return pgcluster.SKIP
    test_no_symbol_clash(cluster.bindir)
    with cluster:
        t0 = time.monotonic()
        cluster.start()
        cluster.psql("CREATE EXTENSION ukcomplaints;")
        print(f"cluster started ({time.monotonic() - t0:.1f} s)")
        for t in (test_deadlines, test_explain, test_govuk_lists, test_stored_feed, test_case,
                  test_classify, test_errors_and_nulls, test_docs, test_rows_against_library):
            n = len(failures)
            t0 = time.monotonic()
            try:
                t(cluster)
            except Exception as exc:  # a broken statement fails its group, not the run
                failures.append(f"{t.__name__}: {exc!r}")
                print(f"FAIL: {t.__name__}: {exc!r}")
            print(f"{t.__name__}: {'ok' if len(failures) == n else 'FAILED'} "
                  f"({time.monotonic() - t0:.1f} s)")
        if failures:
            print(cluster.server_log()[-4000:])
    print(f"{len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
