"""Policy: loading, every rule list and look-up, due dates, checks and errors.

Expected values come from the policies' source documents as quoted in
lib/data/policies/*.json, and from dates worked out by hand.
"""

from __future__ import annotations

import gc
import json
from datetime import date

import pytest

import ukcomplaints as u
from ukcomplaints import (ActionKind, Answer, Citation, ClockEvent, Delivery, Id, LimitKind,
                         ObligationKind, Policy, Route, Status, Unit)


@pytest.fixture(scope="module")
def warks() -> Policy:
    return Policy.builtin("warwickshire")


@pytest.fixture(scope="module")
def unnamed() -> Policy:
    return Policy.builtin("unnamed-unitary-004")


def test_builtins_and_repr():
    names = Policy.builtins()
    assert names[:4] == ["kent", "warwickshire", "derby", "unnamed-unitary-004"]
    assert {"lgsco-2024", "foia", "foisa", "eir", "sar"} <= set(names[4:])
    sar = Policy.builtin("sar")
    respond = sar.procedures[0].stages[0].obligations[0]
    assert respond.time.unit == "calendar-months" and respond.citation.source == "primary"
    kent = Policy.builtin("kent")
    assert kent.id == "kent" and kent.council == "Kent County Council"
    assert kent.is_builtin and not kent.closed
    r = repr(kent)
    assert r.startswith("<Policy built-in 'kent': Kent County Council") and "procedures" in r
    kent.close()                       # a no-op for a built-in policy
    assert kent.id == "kent"
    assert Policy.builtin("kent") == kent
    with pytest.raises(u.NotFoundError):
        Policy.builtin("atlantis")
    with pytest.raises(TypeError):
        Policy()


def test_procedures_stages_obligations(warks):
    assert [p.id for p in warks.procedures] == ["general", "adult-social-care",
                                                "childrens-services"]
    general = warks.procedure("general")
    assert [s.id for s in general.stages] == ["stage-1", "stage-2"]
    s1 = general.stage("stage-1")
    assert s1.number == 1 and s1.automatic is Answer.YES
    respond = s1.obligation("respond")
    # Appendix 3's table: "General 10-30 30 n/a", working days from receipt.
    assert respond.kind is ObligationKind.RESPOND and respond.kind == "respond"
    assert (respond.count, respond.maximum, respond.unit, respond.from_event) == (
        10, 30, Unit.WORKING_DAYS, ClockEvent.RECEIPT)
    assert respond.time.range and respond.unit == "working-days"
    c = respond.citation
    assert isinstance(c, Citation) and c
    assert (c.document, c.section, c.quote) == (
        "Customer Complaints Policy", "Appendix 3: Complaints Processes: Timescales",
        "General 10-30 30 n/a")
    s2 = warks.stage("general", "stage-2")
    assert s2.reasons_required is Answer.YES
    assert [o.id for o in s2.obligations] == ["explain-refusal", "respond"]
    assert warks.stage_obligation("general", "stage-2", "respond").count == 30
    with pytest.raises(u.NotFoundError):
        warks.procedure("nope")
    with pytest.raises(u.NotFoundError):
        warks.stage("general", "stage-9")
    with pytest.raises(u.NotSetError):
        warks.stage_obligation("general", "stage-1", "acknowledge")
    with pytest.raises(u.NotSetError):
        s1.obligation("acknowledge")


def test_every_rule_list_has_citations():
    for name in Policy.builtins():
        p = Policy.builtin(name)
        rules = (list(p.feedback_kinds) + list(p.exclusions) + list(p.time_limits)
                 + list(p.case_actions) + list(p.external_bodies) + list(p.deemed_receipts))
        for pr in p.procedures:
            rules.append(pr)
            if pr.stages_known:
                for s in pr.stages:
                    rules.append(s)
                    rules.extend(s.obligations)
        for r in rules:
            assert r.citation.document and r.citation.quote, (name, r)
        assert p.documents and all(d.title for d in p.documents)
        cited = {d.title for d in p.documents}
        assert all(r.citation.document in cited for r in rules)


def test_feedback_kinds_exclusions_limits_actions_bodies(warks):
    assert [k.id for k in warks.feedback_kinds] == ["complaint", "request-for-service"]
    assert warks.feedback_kind("complaint").procedure == "general"
    ex = warks.exclusion("requests-for-service")
    assert ex.route in set(Route) and ex.citation
    assert warks.exclusions[0] == ex
    lim = warks.time_limit("bring-complaint")
    assert lim.kind is LimitKind.BRING_COMPLAINT and lim.citation
    assert [t.id for t in warks.time_limits] == ["bring-complaint", "escalate-stage-2",
                                                 "escalate-stage-3"]
    acts = {a.kind for a in warks.case_actions}
    assert {ActionKind.SUSPEND, ActionKind.RESUME, ActionKind.WITHDRAW} <= acts
    suspend = warks.case_action("suspend")
    assert suspend.kind is ActionKind.SUSPEND and suspend.grounds
    assert all(g.id and g.text and g.citation for g in suspend.grounds)
    # Exclusion ix names the Information Commissioner (ICO) beside the LGSCO.
    assert [b.id for b in warks.external_bodies] == ["lgsco", "ico"]
    assert warks.external_body("lgsco").name
    assert warks.external_body("ico").name == "Information Commissioner (ICO)"
    with pytest.raises(u.NotSetError):
        warks.external_body("secretary-of-state")
    with pytest.raises(u.NotSetError):
        warks.exclusion("nope")
    with pytest.raises(u.NotSetError):
        warks.time_limit("nope")
    with pytest.raises(u.NotFoundError):
        warks.case_action("fly")
    kent = Policy.builtin("kent")
    assert {"lgsco", "ico"} <= {b.id for b in kent.external_bodies}
    with pytest.raises(u.NotSetError):
        kent.case_action(ActionKind.SUSPEND)   # Kent's documents say nothing of suspension
    ack = kent.feedback_obligation("complaint", "acknowledge")
    assert ack.kind is ObligationKind.ACKNOWLEDGE and ack.citation
    assert ack == kent.feedback_kind("complaint").obligations[0]
    with pytest.raises(u.NotSetError):
        kent.feedback_obligation("compliment", "acknowledge")


def test_deemed_receipt_and_working_days(warks):
    # Appendix 3: email the day sent; first class the day after posting;
    # second class the third business day after posting.
    assert [(d.method, d.count, d.unit) for d in warks.deemed_receipts] == [
        (Delivery.EMAIL, 0, Unit.CALENDAR_DAYS), (Delivery.FIRST_CLASS_POST, 1, Unit.CALENDAR_DAYS),
        (Delivery.SECOND_CLASS_POST, 3, Unit.WORKING_DAYS)]
    assert warks.deemed_receipt("second-class-post").count == 3
    # Posted Thu 2024-05-02 second class: Fri 3 = 1; weekend; Mon 6 May bank
    # holiday skipped; Tue 7 = 2; Wed 8 = 3.
    e = warks.explain_deemed_receipt("second-class-post", date(2024, 5, 2))
    assert e.due == date(2024, 5, 8)
    assert any(s.id is Id.E006_HOLIDAY_SKIPPED for s in e.steps)
    with pytest.raises(u.NotSetError):
        Policy.builtin("kent").deemed_receipt(Delivery.EMAIL)
    wd = warks.working_days
    assert wd.calendar == "england-and-wales" and not wd.calendar_stated and wd.note
    assert wd.receipt is u.Receipt.DAY_OF_RECEIPT
    cal = warks.calendar
    assert isinstance(cal, u.Calendar) and cal.name == "england-and-wales"
    assert warks.note is not None


def test_due_dates_and_explanations(warks):
    respond = warks.stage("general", "stage-1").obligation("respond")
    # Received Mon 2024-04-15 (day 0). Target 10 working days: Tue 16 .. Fri 19
    # = 1-4; Mon 22 .. Fri 26 = 5-9; Mon 29 = 10.
    assert warks.due(respond, date(2024, 4, 15)) == date(2024, 4, 29)
    # Maximum 30: Tue 30 Apr = 11, Wed 1 May = 12, Thu 2 = 13, Fri 3 = 14; Mon 6
    # May (Early May bank holiday) skipped; Tue 7 .. Fri 10 = 15-18; Mon 13 ..
    # Fri 17 = 19-23; Mon 20 .. Fri 24 = 24-28; Mon 27 (Spring bank holiday)
    # skipped; Tue 28 = 29; Wed 29 = 30.
    assert warks.due(respond, date(2024, 4, 15), maximum=True) == date(2024, 5, 29)
    e = warks.explain_obligation(respond, date(2024, 4, 15), maximum=True)
    assert e.due == date(2024, 5, 29)
    assert e.steps[0].id is Id.E009_RULE_CITED and "General 10-30 30 n/a" in e.steps[0].text
    skipped = [s.date for s in e.steps if s.id is Id.E006_HOLIDAY_SKIPPED]
    assert skipped == [date(2024, 5, 6), date(2024, 5, 27)]
    with pytest.raises(u.NotSetError):
        warks.due(warks.stage_obligation("general", "stage-2", "respond"), date(2024, 1, 2),
                  maximum=True)
    lim = warks.time_limit("bring-complaint")
    el = warks.explain_time_limit(lim, date(2024, 1, 2))
    assert el.due == warks.due(lim, date(2024, 1, 2)) and el.steps[0].id is Id.E009_RULE_CITED
    # A rule of another policy is refused, not passed to C.
    kent = Policy.builtin("kent")
    with pytest.raises(u.InvalidArgumentError):
        kent.explain_obligation(respond, date(2024, 4, 15))
    with pytest.raises(u.OutOfRangeError):
        warks.due(respond, date(2199, 12, 30), maximum=True)


def test_unnamed_council_complaint_timescales_are_not_set(unnamed):
    # The unnamed council's text stops before its complaint stages: asking for
    # them raises NotSetError saying what the source lacks, never a number.
    proc = unnamed.procedure("corporate")
    assert not proc.stages_known and "not in the source" in proc.not_in_source
    with pytest.raises(u.NotSetError) as info:
        proc.stages
    assert "not in the source" in str(info.value)
    with pytest.raises(u.NotSetError) as info:
        unnamed.stage("corporate", "stage-1")
    assert info.value.status is Status.NOT_SET and "not in the source" in info.value.message
    with pytest.raises(u.NotSetError):
        unnamed.stage_obligation("corporate", "stage-1", "respond")
    assert unnamed.feedback_kind("complaint").obligations == ()
    with pytest.raises(u.NotSetError):
        unnamed.feedback_obligation("complaint", "respond")
    with pytest.raises(u.NotSetError):
        unnamed.feedback_kind("petition")
    assert unnamed.time_limits == () and unnamed.external_bodies == ()


def test_to_json_round_trip_and_load(warks, tmp_path):
    text = warks.to_json()
    doc = json.loads(text)
    assert doc["format"] == u.POLICY_FORMAT and doc["id"] == "warwickshire"
    with Policy.from_json(text) as p:
        assert not p.is_builtin and p.id == "warwickshire"
        assert p.to_json() == text
        assert p.procedures == warks.procedures
        assert "built-in" not in repr(p)
    assert p.closed and repr(p) == "<Policy (closed)>"
    with pytest.raises(u.ClosedError):
        p.id
    path = tmp_path / "w.json"
    path.write_text(text, encoding="utf-8")
    p2 = Policy.load(path)
    assert p2.council == "Warwickshire County Council"
    assert Policy.from_json(text.encode()).id == "warwickshire"
    with pytest.raises(u.IoError):
        Policy.load(tmp_path / "missing.json")


def test_load_errors_carry_p_codes(warks):
    doc = json.loads(warks.to_json())
    del doc["procedures"][0]["stages"][0]["obligations"][0]["citation"]
    bad = json.dumps(doc, indent=1)
    with pytest.raises(u.InvalidDataError) as info:
        Policy.from_json(bad)
    e = info.value
    assert e.message.startswith("UKC-P00") and e.path.startswith("$.procedures[0].stages[0]")
    assert e.line > 0 and e.column > 0
    with pytest.raises(u.ParseError) as info:
        Policy.from_json('{"format": 1,\n "id": "x",\n "id": "y"}')
    assert info.value.line == 3
    with pytest.raises(u.VersionError):
        Policy.from_json('{"format": 2}')
    with pytest.raises(u.InvalidUtf8Error):
        Policy.from_json(b'{"format": 1, "id": "\xff"}')
    with pytest.raises(u.InvalidUtf8Error):
        Policy.from_json('{"id": "\ud800"}')
    with pytest.raises(TypeError):
        Policy.from_json(42)


def test_check_lists_every_problem_with_codes_and_positions(warks):
    assert Policy.check(warks.to_json()) == []
    doc = json.loads(warks.to_json())
    del doc["procedures"][0]["stages"][0]["obligations"][0]["citation"]
    doc["procedures"][0]["stages"][0]["obligations"][0]["time"]["unit"] = "fortnights"
    doc["surprise"] = True
    problems = Policy.check(json.dumps(doc, indent=1))
    codes = {p.code for p in problems}
    assert {"UKC-P003", "UKC-P006", "UKC-P010"} <= codes, problems
    for p in problems:
        assert p.message.startswith(p.code) and p.id.code == p.code
        assert p.status is Status.INVALID_DATA
        assert p.path.startswith("$") and p.line > 0 and p.column > 0
    unknown = next(p for p in problems if p.code == "UKC-P003")
    assert unknown.id is Id.P003_UNKNOWN_KEY and "surprise" in unknown.message
    unit = next(p for p in problems if p.code == "UKC-P010")
    assert unit.path == "$.procedures[0].stages[0].obligations[0].time.unit"
    assert str(unit).startswith(f"{unit.line}:{unit.column}: UKC-P010")
    syntax = Policy.check("{")
    assert len(syntax) == 1 and syntax[0].id is Id.P001_JSON_INVALID
    assert syntax[0].status is Status.PARSE


def test_rules_outlive_a_closed_policy(warks):
    p = Policy.from_json(warks.to_json())
    procs = p.procedures
    respond = procs[0].stages[0].obligations[0]
    p.close()
    del p
    gc.collect()
    assert respond.count == 10 and respond.citation.quote == "General 10-30 30 n/a"
    with pytest.raises(u.InvalidArgumentError):
        warks.explain_obligation(respond, date(2024, 4, 15))


def test_enums_match_the_library():
    assert Unit.WORKING_DAYS.code == 0 and Unit.from_code(3) is Unit.MONTHS
    assert [str(m) for m in Delivery] == ["email", "first-class-post", "second-class-post",
                                           "hand"]
    assert ClockEvent.from_code(11) is ClockEvent.ISSUE_ARISING
    assert ObligationKind.CONTACT.code == 9 and Route.RECLASSIFIED.code == 4
    assert Answer.coerce("yes", "answer") is Answer.YES
    with pytest.raises(u.NotFoundError):
        Delivery.coerce("pigeon", "delivery")
