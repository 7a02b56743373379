"""Routing: records as dataclasses and dicts, every answer, errors, threads.

Due dates are worked out by hand from the policies' quoted timescales.
"""

from __future__ import annotations

import gc
import threading
from datetime import date

import pytest

import ukcomplaints as u
from ukcomplaints import (Channel, FeedbackKind, FeedbackRecord, Id, ObligationKind, Policy,
                          Route, RoutingState)

BINS = "The bins were not collected again and nobody replied to my emails. I am very unhappy."


@pytest.fixture(scope="module")
def warks() -> Policy:
    return Policy.builtin("warwickshire")


@pytest.fixture(scope="module")
def derby() -> Policy:
    return Policy.builtin("derby")


def test_warwickshire_complaint(warks):
    r = warks.route(text=BINS, received=date(2024, 4, 15), aware=date(2024, 4, 1))
    assert isinstance(r, u.Routing) and r.policy is warks
    k = r.kind
    assert k.kind is FeedbackKind.COMPLAINT and r.feedback_kind == "complaint"
    assert k.state is RoutingState.DECIDED and k.decided and k.id is Id.C030_KIND_FROM_TEXT
    assert k.definition.id == "complaint" and k.citation
    assert r.exclusion.exclusion is None and r.exclusion.id is Id.C041_NO_EXCLUSION
    assert r.exclusion.destination == "" and r.exclusion.route is None
    assert r.procedure.procedure.id == "general" and r.procedure.citation is not None
    # Bring the complaint within 12 months of being aware (1 April 2024): the
    # last day is 1 April 2025; received 15 April 2024, in time.
    tl = r.time_limit
    assert tl.id is Id.C049_TIME_LIMIT_MET and tl.in_time
    assert tl.limit.id == "bring-complaint" and tl.start == date(2024, 4, 1)
    assert tl.last_day == date(2025, 4, 1) and tl.explanation.due == date(2025, 4, 1)
    assert tl.citation.quote.startswith("To bring their complaint to us within 12 months")
    # Respond: Appendix 3, "General 10-30", working days from receipt on Mon
    # 2024-04-15: 10 -> Mon 29 April; 30 -> Wed 29 May (Mon 6 May and Mon 27
    # May are bank holidays; the working is in test_policy.py).
    respond = r.obligation("respond")
    assert respond.kind is ObligationKind.RESPOND and respond.state == "decided"
    assert (respond.due, respond.due_maximum) == (date(2024, 4, 29), date(2024, 5, 29))
    assert respond.obligation.count == 10 and respond.citation.quote == "General 10-30 30 n/a"
    assert respond.explanation.due == date(2024, 4, 29)
    assert respond.explanation.steps[0].id is Id.E009_RULE_CITED
    # Warwickshire's policy sets no acknowledgement timescale: not set, not invented.
    ack = r.obligation("acknowledge")
    assert ack.state is RoutingState.NOT_SET and ack.id is Id.C055_OBLIGATION_NOT_SET
    assert ack.due is None and ack.obligation is None and ack.explanation is None
    assert r.classification.kind == "complaint" and r.classification.text == BINS
    assert "procedure='general'" in repr(r)
    with pytest.raises(KeyError):
        r.obligation("panel")


def test_record_forms_agree(warks):
    rec = FeedbackRecord(text=BINS, received=date(2024, 4, 15), channel=Channel.EMAIL)
    as_dict = {"text": BINS, "received": date(2024, 4, 15), "channel": "email"}
    a, b, c = warks.route(rec), warks.route(as_dict), warks.route(**as_dict)
    assert a.to_json() == b.to_json() == c.to_json()
    assert warks.route(rec, received="2024-04-16").obligation("respond").due == date(2024, 4, 30)
    with pytest.raises(TypeError):
        warks.route({"txt": BINS})
    with pytest.raises(TypeError):
        warks.route(42)
    with pytest.raises(u.NotFoundError):
        warks.route(text=BINS, channel="pigeon")


def test_derby_dates_and_time_limit(derby):
    # Derby: "acknowledged within two working days" and respond in 10 working
    # days from receipt. Received Mon 2024-04-15: Tue 16 = 1, Wed 17 = 2; for
    # 10: Tue 16 .. Fri 19 = 1-4, Mon 22 .. Fri 26 = 5-9, Mon 29 = 10.
    r = derby.route(text=BINS, received=date(2024, 4, 15), events=date(2023, 3, 1))
    assert r.obligation("acknowledge").due == date(2024, 4, 17)
    assert r.obligation("respond").due == date(2024, 4, 29)
    assert r.obligation("respond").due_maximum is None
    # "within 12 months of the issue arising": 1 March 2023 + 12 months is
    # 1 March 2024, before the receipt: passed.
    tl = r.time_limit
    assert tl.id is Id.C050_TIME_LIMIT_PASSED and not tl.in_time
    assert tl.last_day == date(2024, 3, 1)
    # Without the date of the events the check needs input.
    r2 = derby.route(text=BINS, received=date(2024, 4, 15))
    assert r2.time_limit.state is RoutingState.NEEDS_INPUT
    assert r2.time_limit.id is Id.C052_TIME_LIMIT_NEEDS_DATE
    # Without the date received, no due date.
    r3 = derby.route(text=BINS)
    assert r3.obligation("respond").state is RoutingState.NEEDS_INPUT
    assert r3.obligation("respond").due is None


def test_exclusions_say_where_the_customer_goes(derby, warks):
    r = derby.route(text=BINS, legal_proceedings=True, received=date(2024, 4, 15))
    assert r.exclusion.exclusion.id == "legal-proceedings"
    assert r.exclusion.id is Id.C034_EXCLUDED_BY_RECORD_FIELD and r.exclusion.citation
    assert r.procedure.procedure is None and r.procedure.id is Id.C047_PROCEDURE_NOT_APPLICABLE
    # Derby: "we will write to you within 10 working days to explain why":
    # Mon 2024-04-15 + 10 working days = Mon 29 April.
    assert [o.kind for o in r.obligations] == [ObligationKind.EXPLAIN_REFUSAL]
    assert r.obligations[0].due == date(2024, 4, 29)
    appeal = warks.route(text="I want to appeal my parking ticket.")
    assert appeal.kind.kind is FeedbackKind.OTHER
    assert appeal.exclusion.suggested_route == "appeal"
    assert appeal.exclusion.exclusion.id == "parking-notices"
    assert appeal.exclusion.route is Route.OTHER_PROCESS
    kent = Policy.builtin("kent")
    child = kent.route(text="My son's social worker never called back.", kind="complaint",
                       service_area="childrens-services", received=date(2024, 4, 15))
    assert child.procedure.procedure.id == "childrens-social-services"
    assert child.exclusion.route is Route.SEPARATE_PROCEDURE
    handler = kent.route(text="x", kind="complaint", procedure="corporate")
    assert handler.kind.id is Id.C031_KIND_FROM_RECORD
    assert handler.procedure.id is Id.C042_PROCEDURE_FROM_RECORD
    with pytest.raises(u.NotFoundError):
        kent.route(text="x", procedure="nope")


def test_unnamed_council_timescales_are_not_set():
    p = Policy.builtin("unnamed-unitary-004")
    r = p.route(text="I want to complain: the housing officer was rude.",
                received=date(2024, 4, 15))
    assert r.kind.kind == "complaint" and r.procedure.procedure.id == "corporate"
    assert [o.state for o in r.obligations] == [RoutingState.NOT_SET, RoutingState.NOT_SET]
    assert all(o.due is None and "not in the source" in o.text for o in r.obligations)


def test_json_and_errors(warks):
    r = warks.route(text=BINS, received=date(2024, 4, 15))
    doc = r.as_dict()
    assert doc["policy"] == "warwickshire" and doc["kind"]["id"] == "UKC-C030"
    assert {"kind", "route", "procedure", "time_limit", "obligations"} <= set(doc)
    e = r.obligation("respond").explanation
    r.close()
    assert r.closed
    with pytest.raises(u.ClosedError):
        r.to_json()
    # The explanation keeps the routing's memory until it goes too.
    assert e.as_dict()["due"] == "2024-04-29"
    with pytest.raises(u.InvalidUtf8Error):
        warks.route(text="bins\0")
    with pytest.raises(u.InvalidUtf8Error):
        warks.route(text="\udcff")
    with pytest.raises(u.InvalidArgumentError):     # route.h: a date out of range
        warks.route(text=BINS, received=date(1850, 1, 1))
    with pytest.raises(u.InvalidUtf8Error):
        warks.route(text=BINS, service_area="a\0b")


def test_routing_memory_is_released_once_its_parts_go(warks):
    r = warks.route(text=BINS, received=date(2024, 4, 15))
    fin = r._h._finalizer
    ex = r.obligation("respond").explanation
    del r
    gc.collect()
    assert fin.alive          # the explanation still holds the routing
    del ex
    gc.collect()
    assert not fin.alive
    with warks.route(text=BINS) as r2:
        fin = r2._h._finalizer
    del r2
    gc.collect()
    assert not fin.alive


def test_a_loaded_policy_outlives_its_close_while_routings_hold_it(warks):
    p = Policy.from_json(warks.to_json())
    r = p.route(text=BINS, received=date(2024, 4, 15))
    pfin = p._h._finalizer
    p.close()
    assert p.closed and pfin.alive
    assert r.to_json() and r.obligation("respond").due == date(2024, 4, 29)
    del r
    gc.collect()
    assert not pfin.alive


def test_eight_threads_classify_and_route_with_one_policy(warks):
    texts = [BINS, "Thank you, the library staff were brilliant.",
             "I would like to make a Freedom of Information request.",
             "Please could you collect my bulky waste?",
             "Siôn's café 😀 — the parking officer was rude and I'm still waiting."]
    expected = {t: (u.classify(t).as_dict(),
                    warks.route(text=t, received=date(2024, 4, 15)).to_json()) for t in texts}
    errors = []
    start = threading.Barrier(8)

    def work(k: int) -> None:
        try:
            start.wait()
            for i in range(150):
                t = texts[(i + k) % len(texts)]
                c = u.classify(t)
                r = warks.route(text=t, received=date(2024, 4, 15))
                if c.as_dict() != expected[t][0] or r.to_json() != expected[t][1]:
                    errors.append((k, i, t))
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(k,)) for k in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
