"""Cases: a Warwickshire complaint walked end to end, decisions, obligations,
save and restore, errors and ownership. Every date is worked out by hand."""

from __future__ import annotations

import gc
import json
from datetime import date

import pytest

import ukcomplaints as u
from ukcomplaints import (Case, CaseStatus, Delivery, Event, EventKind, Id, ObligationState,
                          Party, Policy, Suspension)


@pytest.fixture(scope="module")
def warks() -> Policy:
    return Policy.builtin("warwickshire")


def open_case(policy: Policy) -> Case:
    return Case(policy, procedure="general", kind="complaint", received=date(2024, 4, 15),
                channel="email")


def test_warwickshire_complaint_end_to_end(warks):
    case = open_case(warks)
    assert case.status is CaseStatus.OPEN and case.stage.id == "stage-1"
    assert case.procedure.id == "general" and case.kind.id == "complaint"
    assert case.received == date(2024, 4, 15) and case.channel == "email"
    assert case.suspension is Suspension.PAUSE and case.history == []

    # Received Mon 2024-04-15 (day 0). Stage-1 respond, Appendix 3 "General
    # 10-30", working days from receipt:
    #   target 10: Tue 16, Wed 17, Thu 18, Fri 19 = 1-4; Mon 22 .. Fri 26 = 5-9;
    #   Mon 29 April = 10.
    #   maximum 30: Tue 30 Apr = 11, Wed 1 May .. Fri 3 = 12-14; Mon 6 May is
    #   the Early May bank holiday; Tue 7 .. Fri 10 = 15-18; Mon 13 .. Fri 17 =
    #   19-23; Mon 20 .. Fri 24 = 24-28; Mon 27 May is the Spring bank holiday;
    #   Tue 28 = 29; Wed 29 May = 30.
    obs = {o.id: o for o in case.obligations(date(2024, 4, 15))}
    assert obs["stage-1.respond"].due == date(2024, 4, 29)
    assert obs["stage-1.respond.maximum"].due == date(2024, 5, 29)
    assert obs["stage-1.respond"].state is ObligationState.PENDING
    assert obs["stage-1.respond"].party is Party.COUNCIL and obs["stage-1.respond"].bound == "target"
    assert obs["stage-1.respond.maximum"].bound == "maximum"
    assert obs["stage-1.respond"].start == date(2024, 4, 15)
    assert obs["stage-1.respond"].citation.quote == "General 10-30 30 n/a"

    d = case.apply("acknowledge", date(2024, 4, 16))
    assert d.allowed and d and d.reason_id is Id.NONE and d.code == "" and d.message

    # Sent Thu 2 May by second class post: 3 working days after the target.
    d = case.apply(Event("respond", date(2024, 5, 2), delivery="second-class-post"))
    assert d.allowed and case.status is CaseStatus.RESPONDED

    # A stage-two request without reasons: refused with UKC-R007, as a Decision.
    d = case.apply("request-escalation", date(2024, 5, 20))
    assert not d.allowed and not d
    assert d.reason_id is Id.R007_REASONS_REQUIRED and d.code == "UKC-R007"
    assert d.slug == "reasons-required" and "reasons" in d.message
    assert d.citation.document == "Customer Complaints Policy"
    assert d.citation.quote.startswith("The customer must provide an explanation")
    assert len(case.history) == 2                    # a refused event changes nothing

    d = case.apply("request-escalation", date(2024, 5, 20),
                   reasons="The reply did not deal with the missed collections")
    assert d.allowed and case.status is CaseStatus.REQUESTED

    # The refusal must be explained "within ten working days" of the request on
    # Mon 2024-05-20: Tue 21 = 1, Wed 22 = 2, Thu 23 = 3, Fri 24 = 4; Mon 27 May
    # (Spring bank holiday) skipped; Tue 28 = 5, Wed 29 = 6, Thu 30 = 7,
    # Fri 31 = 8; Mon 3 June = 9; Tue 4 June = 10.
    refusal = case.obligation("stage-2.explain-refusal", date(2024, 5, 20))
    assert refusal.due == date(2024, 6, 4) and refusal.state is ObligationState.PENDING
    assert refusal.start == date(2024, 5, 20)

    d = case.apply("refuse-escalation", date(2024, 5, 31),
                   reasons="Stage one answered each point")
    assert d.allowed

    obs = {o.id: o for o in case.obligations(date(2024, 5, 31), explain=True)}
    # Target missed: met Thu 2 May, after Mon 29 April: Tue 30 = 1, Wed 1 = 2,
    # Thu 2 = 3 working days late.
    r = obs["stage-1.respond"]
    assert r.state is ObligationState.MISSED and r.met == date(2024, 5, 2) and r.late_by == 3
    assert obs["stage-1.respond.maximum"].state is ObligationState.MET
    # The customer's window: posted second class on Thu 2 May, deemed received
    # on the third business day after posting: Fri 3 = 1, (weekend, Mon 6 May
    # bank holiday) Tue 7 = 2, Wed 8 May = 3; "within 20 days" counted as
    # calendar days: 8 May + 20 = Tue 28 May.
    w = obs["stage-2.request"]
    assert w.party is Party.CUSTOMER and w.due == date(2024, 5, 28)
    assert w.state is ObligationState.MET and w.met == date(2024, 5, 20)
    e = obs["stage-2.explain-refusal"]
    assert e.state is ObligationState.MET and e.met == date(2024, 5, 31)
    assert e.explanation.due == date(2024, 6, 4)
    assert [s.date for s in e.explanation.steps if s.id is Id.E006_HOLIDAY_SKIPPED] == [
        date(2024, 5, 27)]
    assert [o.due for o in case.obligations(date(2024, 5, 31))] == sorted(
        o.due for o in obs.values())

    assert [ev.kind for ev in case.history] == [
        EventKind.ACKNOWLEDGE, EventKind.RESPOND, EventKind.REQUEST_ESCALATION,
        EventKind.REFUSE_ESCALATION]
    assert case.history[1] == Event("respond", date(2024, 5, 2), delivery="second-class-post")
    assert case.history[1].delivery is Delivery.SECOND_CLASS_POST
    assert "warwickshire/general" in repr(case) and "events=4" in repr(case)


def test_check_does_not_apply(warks):
    case = open_case(warks)
    d = case.check("respond", date(2024, 4, 20), delivery="email")
    assert d.allowed and case.history == [] and case.status is CaseStatus.OPEN
    d = case.check("acknowledge", date(2024, 4, 1))
    assert not d.allowed and d.reason_id is Id.R002_BEFORE_RECEIPT
    case.apply("acknowledge", date(2024, 4, 16))
    d = case.check("acknowledge", date(2024, 4, 17))
    assert d.reason_id is Id.R009_ALREADY_ACKNOWLEDGED
    assert case.check("close", date(2024, 4, 18)).reason_id is Id.R008_RESPONSE_OUTSTANDING
    with pytest.raises(TypeError):
        case.check("acknowledge")                  # no date
    with pytest.raises(TypeError):
        case.check(Event("acknowledge", date(2024, 4, 17)), date(2024, 4, 17))


def test_save_and_restore_round_trip(warks):
    case = open_case(warks)
    case.apply("acknowledge", date(2024, 4, 16), note="by phone")
    case.apply("respond", date(2024, 5, 2), delivery=Delivery.SECOND_CLASS_POST)
    case.apply("request-escalation", date(2024, 5, 20), reasons="Not answered 😀 — Siôn")
    text = case.to_json()
    doc = json.loads(text)
    assert doc["format"] == u.CASE_FORMAT and doc["policy"] == "warwickshire"
    assert case.as_dict() == doc
    back = Case.from_json(warks, text)
    assert back.to_json() == text and back.history == case.history
    assert back.status is CaseStatus.REQUESTED and back.history[2].reasons.endswith("Siôn")
    assert back.obligations(date(2024, 5, 31)) == case.obligations(date(2024, 5, 31))
    assert Case.from_json(warks, text.encode()).to_json() == text
    # An edited date is refused on replay, with where it is.
    doc["events"][1]["date"] = "2024-04-10"
    with pytest.raises(u.InvalidDataError) as info:
        Case.from_json(warks, json.dumps(doc, indent=1))
    assert info.value.path.startswith("$.events[1]") and info.value.line > 0
    with pytest.raises(u.InvalidDataError):
        Case.from_json(Policy.builtin("kent"), text)       # another policy's case
    with pytest.raises(u.ParseError):
        Case.from_json(warks, "{")
    with pytest.raises(u.InvalidUtf8Error):
        Case.from_json(warks, b'{"format": 1, "policy": "\xff"}')


def test_open_errors_and_not_set(warks):
    with pytest.raises(u.NotFoundError):
        Case(warks, "nope", "complaint", date(2024, 4, 15))
    with pytest.raises(u.NotSetError):
        Case(warks, "general", "petition", date(2024, 4, 15))
    unnamed = Policy.builtin("unnamed-unitary-004")
    with pytest.raises(u.NotSetError) as info:
        Case(unnamed, None, "complaint", date(2024, 4, 15))
    assert "not in the source" in info.value.message
    with pytest.raises(u.OutOfRangeError):
        Case(warks, "general", "complaint", date(1960, 1, 1))
    with pytest.raises(TypeError):
        Case(warks, "general", "complaint")
    with pytest.raises(u.NotFoundError):
        Case(warks, "general", "complaint", date(2024, 4, 15), suspension="freeze")
    # A compliment has no procedure: a case without stages.
    derby = Policy.builtin("derby")
    c = Case(derby, None, "compliment", received=date(2024, 4, 15))
    assert c.procedure is None and c.stage is None
    # Derby: "acknowledged within two working days": Tue 16 = 1, Wed 17 = 2.
    assert [(o.what, o.due) for o in c.obligations(date(2024, 4, 15))] == [
        ("acknowledge", date(2024, 4, 17))]


def test_event_errors_and_not_provided_for(warks):
    case = open_case(warks)
    with pytest.raises(u.NotFoundError):
        case.apply("dance", date(2024, 4, 16))
    with pytest.raises(u.NotFoundError):
        case.apply("respond", date(2024, 4, 16), delivery="pigeon")
    with pytest.raises(u.InvalidUtf8Error):
        case.apply("acknowledge", date(2024, 4, 16), note="a\0b")
    with pytest.raises(TypeError):
        case.apply("acknowledge", date(2024, 4, 16), colour="red")
    kent = Case(Policy.builtin("kent"), "corporate", "complaint", date(2024, 4, 15))
    d = kent.apply("suspend", date(2024, 4, 16), ground="court-proceedings")
    assert not d.allowed and d.reason_id is Id.R004_NOT_PROVIDED_FOR


def test_suspension_restart_option(warks):
    case = Case(warks, "general", "complaint", date(2024, 4, 15), suspension=Suspension.RESTART)
    assert case.suspension is Suspension.RESTART
    ground = warks.case_action("suspend").grounds[0].id
    assert case.apply("suspend", date(2024, 4, 17), ground=ground)
    assert case.status is CaseStatus.SUSPENDED
    assert case.apply("resume", date(2024, 4, 22))
    # Restart: day 0 is the resumption, Mon 22 April; + 10 working days: Tue 23
    # .. Fri 26 = 1-4; Mon 29, Tue 30, Wed 1 May, Thu 2, Fri 3 = 5-9; Mon 6 May
    # (bank holiday) skipped; Tue 7 May = 10.
    assert case.obligation("stage-1.respond", date(2024, 4, 22)).due == date(2024, 5, 7)


def test_a_case_is_freed_once_and_keeps_its_policy(warks):
    case = open_case(warks)
    fin = case._finalizer
    with case:
        pass
    assert case.closed and not fin.alive and repr(case) == "<Case (closed)>"
    case.close()
    with pytest.raises(u.ClosedError):
        case.apply("acknowledge", date(2024, 4, 16))
    with pytest.raises(u.ClosedError):
        case.to_json()
    other = open_case(warks)
    fin = other._finalizer
    del other
    gc.collect()
    assert not fin.alive
    # A loaded policy closed under an open case stays alive until the case goes.
    p = Policy.from_json(warks.to_json())
    c = Case(p, "general", "complaint", date(2024, 4, 15))
    pfin = p._h._finalizer
    p.close()
    assert pfin.alive and c.stage.id == "stage-1"
    assert c.apply("respond", date(2024, 4, 20), delivery="email")
    del c
    gc.collect()
    assert not pfin.alive


def test_obligations_json_is_the_librarys(warks):
    # The object `ukc case --json` prints, from the library, with the same
    # state names as ObligationState. Received Mon 2024-04-15: stage-1 respond
    # is due Mon 29 April (10 working days, worked in the end-to-end test above);
    # responded Thu 2 May, after it, so on 2 May it is missed, 3 working days late
    # (Tue 30 Apr, Wed 1 May, Thu 2 May).
    case = open_case(warks)
    case.apply("acknowledge", date(2024, 4, 16))
    case.apply(Event("respond", date(2024, 5, 2), delivery="email"))
    doc = case.obligations_json(date(2024, 5, 2))
    assert doc["as_of"] == "2024-05-02" and doc["status"] == "responded"
    assert doc["stage"] == "stage-1"
    rows = {o["id"]: o for o in doc["obligations"]}
    respond = rows["stage-1.respond"]
    assert respond["due"] == "2024-04-29" and respond["state"] == "missed"
    assert respond["met"] == "2024-05-02" and respond["late_by"] == 3
    assert respond["citation"]["quote"] == "General 10-30 30 n/a"
    # Every state is a name Python's ObligationState has, as in case.obligations().
    py = {o.id: o for o in case.obligations(date(2024, 5, 2))}
    assert set(rows) == set(py)
    for oid, o in rows.items():
        assert ObligationState(o["state"]) is py[oid].state
    assert "explanation" not in respond
    assert "explanation" in case.obligations_json(date(2024, 5, 2), explain=True)[
        "obligations"][0]
