"""Python's view of every built-in policy agrees with the library's JSON.

The library hands out each policy as a format-1 document (ukc_policy_to_json;
for a policy based on a model, the merged document). Every rule Python gives
must say what that document says, member by member, and where the document
leaves a member out, what docs/policy-format.md says an absent member means:
"" for text, nothing for a maximum, false for a flag, `unstated` for an
answer, the policy's calendar for a timescale's, and for a citation's source
its document's, else `primary`. The number of rules in each list is held to
the library's own counts too.
"""

from __future__ import annotations

import ctypes
import json
from typing import Any, Dict, List

import pytest

from ukcomplaints import Policy, _lib

_count = {name: _lib.bind(f"ukc_policy_{name}_count", ctypes.c_size_t, [ctypes.c_void_p])
          for name in ("procedure", "feedback_kind", "exclusion", "time_limit", "case_action",
                       "deemed_receipt", "external_body", "document")}


def _text(rule: Any, j: Dict[str, Any], *members: str) -> None:
    for m in members:
        assert getattr(rule, m) == j.get(m, ""), (m, j.get("id"))


def _answer(rule: Any, j: Dict[str, Any], *members: str) -> None:
    for m in members:
        assert getattr(rule, m) == j.get(m, "unstated"), (m, j.get("id"))


def _citation(got: Any, j: Any, docs: List[Dict[str, Any]]) -> None:
    j = j or {}
    assert (got.document, got.section, got.quote) == \
        (j.get("document", ""), j.get("section", ""), j.get("quote", ""))
    own = [d.get("source", "primary") for d in docs if d.get("title") == j.get("document")]
    assert got.source == j.get("source", own[0] if own else "primary")


def _time(got: Any, j: Dict[str, Any], calendar: str) -> None:
    assert got.count == j.get("count", 0)
    assert got.maximum == j.get("maximum")
    assert got.range is j.get("range", False)
    assert got.unit == j["unit"] and got.from_event == j["from"]
    assert got.calendar == j.get("calendar", calendar)
    assert got.recurring is j.get("recurring", False)
    assert got.unit_unclear is j.get("unit_unclear", False)
    assert got.maximum_condition == j.get("maximum_condition", "")
    assert got.note == j.get("note", "")


def _obligations(got: Any, j: Dict[str, Any], docs: List[Any], calendar: str) -> None:
    want = j.get("obligations", [])
    assert len(got) == len(want)
    for o, w in zip(got, want):
        _text(o, w, "id", "text", "condition")
        assert o.kind == w["kind"]
        _time(o.time, w["time"], calendar)
        _citation(o.citation, w.get("citation"), docs)


@pytest.mark.parametrize("name", Policy.builtins())
def test_every_rule_is_the_library_json(name: str) -> None:
    p = Policy.builtin(name)
    doc = json.loads(p.to_json())
    ptr = p._ptr()
    docs = doc.get("documents", [])
    lists = {"procedure": "procedures", "feedback_kind": "feedback_kinds",
             "exclusion": "exclusions", "time_limit": "time_limits",
             "case_action": "case_actions", "deemed_receipt": "deemed_receipt",
             "external_body": "external_bodies", "document": "documents"}
    for c_name, key in lists.items():
        assert _count[c_name](ptr) == len(doc.get(key, [])), key

    assert [(d.title, d.date, d.note) for d in p.documents] == \
        [(d["title"], d.get("date", ""), d.get("note", "")) for d in docs]
    wd, w = p.working_days, doc["working_days"]
    calendar = w["calendar"]
    assert (wd.calendar, wd.calendar_stated, wd.receipt, wd.receipt_stated, wd.note) == \
        (calendar, w.get("calendar_stated", False), w.get("receipt", "day-of-receipt"),
         w.get("receipt_stated", False), w.get("note", ""))
    _citation(wd.citation, w.get("citation"), docs)

    for pr, j in zip(p.procedures, doc.get("procedures", [])):
        _text(pr, j, "id", "name", "scope", "run_by", "external_body", "not_in_source")
        _answer(pr, j, "statutory")
        _citation(pr.citation, j.get("citation"), docs)
        stages = j.get("stages", [])
        assert pr.stages_known is (bool(stages) or "not_in_source" not in j)
        for number, (st, sj) in enumerate(zip(pr._stages, stages), 1):
            _text(st, sj, "id", "name", "handler", "entry", "request_limit", "external_body")
            _answer(st, sj, "automatic", "reasons_required", "acceptance_required")
            assert st.number == number
            _obligations(st.obligations, sj, docs, calendar)
            _citation(st.citation, sj.get("citation"), docs)
        assert len(pr._stages) == len(stages)

    for k, j in zip(p.feedback_kinds, doc.get("feedback_kinds", [])):
        _text(k, j, "id", "name", "definition", "procedure")
        _obligations(k.obligations, j, docs, calendar)
        _citation(k.citation, j.get("citation"), docs)

    for e, j in zip(p.exclusions, doc.get("exclusions", [])):
        _text(e, j, "id", "subject", "destination", "procedure", "external_body",
              "feedback_kind")
        assert e.route == j["route"]
        _citation(e.citation, j.get("citation"), docs)

    for t, j in zip(p.time_limits, doc.get("time_limits", [])):
        _text(t, j, "id", "procedure", "stage", "text", "exception")
        assert t.kind == j["kind"]
        _time(t.time, j["time"], calendar)
        _citation(t.exception_citation, j.get("exception_citation"), docs)
        _citation(t.citation, j.get("citation"), docs)

    for a, j in zip(p.case_actions, doc.get("case_actions", [])):
        _text(a, j, "id", "procedure", "decided_by", "conditions", "external_body")
        _answer(a, j, "in_writing", "appeal_to_council")
        assert a.kind == j["kind"]
        assert a.min_attempts == j.get("min_attempts", 0)
        assert a.different_methods is j.get("different_methods", False)
        assert [(g.id, g.text) for g in a.grounds] == \
            [(g["id"], g.get("text", "")) for g in j.get("grounds", [])]
        for g, gj in zip(a.grounds, j.get("grounds", [])):
            _citation(g.citation, gj.get("citation"), docs)
        _obligations(a.obligations, j, docs, calendar)
        _citation(a.citation, j.get("citation"), docs)

    for d, j in zip(p.deemed_receipts, doc.get("deemed_receipt", [])):
        assert d.method == j["method"]
        _time(d.time, j["time"], calendar)
        _citation(d.citation, j.get("citation"), docs)

    for b, j in zip(p.external_bodies, doc.get("external_bodies", [])):
        _text(b, j, "id", "name", "when", "contact")
        _citation(b.citation, j.get("citation"), docs)


def test_a_loaded_policy_based_on_a_model_is_its_merged_document(srcdir) -> None:
    # docs/policy-format.md's worked example: Derby's own acknowledgement,
    # "within 2 working days", replaces the LGSCO Code's five; the response
    # stays the Code's 10 working days from the acknowledgement.
    p = Policy.load(srcdir / "tests" / "data" / "policy-based-on.json")
    stage = p.stage("complaints", "stage-1")
    assert stage.obligation("acknowledge").count == 2
    assert stage.obligation("acknowledge").unit == "working-days"
    respond = stage.obligation("respond")
    assert (respond.count, respond.unit, respond.from_event) == \
        (10, "working-days", "acknowledgement")
    merged = json.loads(p.to_json())
    assert merged["based_on"] == "lgsco-2024"
    assert p.stage_obligation("complaints", "stage-1", "respond") is respond
