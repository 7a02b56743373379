"""Classification: kinds, routes, scores, evidence spans in str indices, errors."""

from __future__ import annotations

import gc
import json

import pytest

import ukcomplaints as u
from ukcomplaints import FeedbackKind, Id, classify


def test_kinds_and_routes():
    c = classify("The bins were not collected again and I am still waiting for a reply.")
    assert c.kind is FeedbackKind.COMPLAINT and c.kind == "complaint" and isinstance(c.kind, str)
    assert c.route is None and c.reason is Id.C021_DECIDED_COMPLAINT
    assert "waste" in c.areas
    assert c.scores["complaint"] >= 1 and set(c.scores) == {
        "complaint", "comment", "compliment", "request", "other"}
    assert classify("Thank you so much, the staff were brilliant.").kind == "compliment"
    foi = classify("I would like to make a Freedom of Information request about spending.")
    assert foi.kind is FeedbackKind.OTHER and foi.route == "foi"
    assert foi.reason is Id.C027_DECIDED_ALTERNATIVE_ROUTE
    # With routes turned off the same text is classified among the other four kinds.
    assert classify("I would like to make a Freedom of Information request about spending.",
                    no_routes=True).route is None
    empty = classify("")
    assert empty.kind is FeedbackKind.OTHER and empty.reason is Id.C029_DECIDED_EMPTY
    assert empty.evidence == () and empty.sentences == 0
    plain = classify("The meeting is on Tuesday.")
    assert plain.rule_kind is FeedbackKind.COMMENT          # no cue: the rule says comment
    assert abs(sum(plain.probabilities.values()) - 1.0) < 1e-9   # and the model weighs it
    assert plain.probabilities["other"] == 0.0              # no route cue: never other


def test_model_explained():
    c = classify("The app keeps crashing and nobody answers the phone.")
    assert c.kind is FeedbackKind.COMPLAINT and c.runner_up != c.kind
    p = c.probabilities
    assert abs(sum(p.values()) - 1.0) < 1e-9 and p["complaint"] >= p[str(c.runner_up)]
    assert c.uncertain == (p["complaint"] - p[str(c.runner_up)] < 0.2)
    assert c.contributions
    previous = None
    for o in c.contributions:
        assert abs(o.contribution - o.value * (o.weight - o.runner_up_weight)) < 1e-9
        assert o.contribution > 0 and (previous is None or o.contribution <= previous)
        previous = o.contribution
        if o.span is None:
            assert o.group == "feature" and o.text == ""
        else:
            assert c.text[o.span[0]:o.span[1]] == o.text
    assert len(c.as_dict()["contributions"]) == len(c.contributions)
    for w in c.words:
        assert w.id is Id.C059_WEIGHED_WORD and w.weight > 0 and w.counts_for == "complaint"
        assert c.text[w.span[0]:w.span[1]] == w.text


def test_evidence_fields_and_negation():
    text = "The officer was not helpful. The library staff were brilliant."
    c = classify(text)
    assert c.sentences == 2
    helpful = next(e for e in c.evidence if e.text == "helpful")
    assert helpful.negated and helpful.id is Id.C004_PRAISE and helpful.code == "UKC-C004"
    assert helpful.category == "praise" and helpful.sentence == 0
    assert helpful.counted and helpful.counts_for is FeedbackKind.COMPLAINT
    assert helpful.pattern and helpful.lexicon_line > 0 and helpful.weight > 0
    assert text[slice(*helpful.negation_span)] == "not"
    assert helpful.negation_byte_span == helpful.negation_span     # ASCII: bytes == chars
    brilliant = next(e for e in c.evidence if e.text == "brilliant")
    assert not brilliant.negated and brilliant.negation_span is None and brilliant.sentence == 1
    assert [e.span for e in c.evidence] == sorted(e.span for e in c.evidence)
    assert "UKC-C004 praise: 'helpful' (negated)" == str(helpful)


def test_spans_with_emoji_and_welsh_diacritics():
    # Each emoji is 1 str character but 4 UTF-8 bytes (the thumbs-up with a skin
    # tone is 2 characters, 8 bytes); ŵ, ô, ŷ and â are 1 character, 2 bytes.
    text = ("😀👍🏽 Siôn o Dŷ Gŵyn: the bin men in Llanelli were brilliant, "
            "but Ffion Tâf's café was rude 😡 and I'm still waiting.")
    c = classify(text)
    raw = text.encode("utf-8")
    assert c.evidence
    for e in c.evidence:
        assert text[e.span[0]:e.span[1]] == e.text == text[e.slice]
        assert raw[e.byte_span[0]:e.byte_span[1]].decode("utf-8") == e.text
    by_text = {e.text: e for e in c.evidence}
    # The expected positions come from str.find, not from the library.
    for cue in ("brilliant", "rude", "😡", "bin men"):
        assert cue in by_text, sorted(by_text)
        start = text.find(cue)
        assert by_text[cue].span == (start, start + len(cue))
        assert by_text[cue].byte_span == (len(text[:start].encode()),
                                          len(text[:start].encode()) + len(cue.encode()))
    # Before "brilliant": 2 four-byte emoji, 1 emoji modifier (4 bytes), and ô,
    # ŷ, ŵ (2 bytes each): byte offset = char offset + 3 * 3 + 3 * 1.
    b = by_text["brilliant"]
    assert b.byte_span[0] - b.span[0] == 3 * 3 + 3 * 1
    # The same text given as bytes gives the same spans.
    assert [e.span for e in classify(raw).evidence] == [e.span for e in c.evidence]
    assert classify(raw).text == text


def test_to_json_and_ownership():
    c = classify("The bins were not collected again.")
    doc = c.as_dict()
    assert doc["kind"] == "complaint" and doc["reason"]["id"] == "UKC-C021"
    assert [e["start"] for e in doc["evidence"]] == [e.byte_span[0] for e in c.evidence]
    assert json.loads(c.to_json()) == doc
    assert "complaint" in repr(c) and len(c) == len(c.evidence) == len(list(c))
    with c:
        pass
    assert c.closed and c.kind == "complaint" and c.evidence   # copies outlive the handle
    c.close()
    with pytest.raises(u.ClosedError):
        c.to_json()
    with pytest.raises(TypeError):
        u.Classification()


def test_invalid_input_is_refused():
    with pytest.raises(u.InvalidUtf8Error) as info:
        classify(b"caf\xc3 bins")
    assert info.value.offset == 3
    with pytest.raises(u.InvalidUtf8Error) as info:
        classify("bins\0missed")
    assert info.value.offset == 4
    with pytest.raises(u.InvalidUtf8Error) as info:
        classify("café \ud800")      # a lone surrogate: é is 2 bytes, so byte 6
    assert info.value.offset == 6
    with pytest.raises(u.TooLongError):
        classify("x" * 100, max_length=10)
    with pytest.raises(u.TooLongError):
        classify(b"x" * (u.CLASSIFY_MAX_LENGTH + 1))
    with pytest.raises(u.InvalidArgumentError):
        classify("x", max_length=0)
    with pytest.raises(TypeError):
        classify(42)


def test_feedback_kind_names():
    assert [str(k) for k in FeedbackKind] == ["complaint", "comment", "compliment", "request",
                                               "other"]
    assert u.feedback_kind("request") is FeedbackKind.REQUEST
    assert FeedbackKind.OTHER.code == 4
    with pytest.raises(u.NotFoundError):
        u.feedback_kind("rant")


def test_a_classification_is_freed_once():
    c = classify("The bins were missed.")
    fin = c._h._finalizer
    assert fin.alive
    c.close()
    assert not fin.alive
    c.close()
    d = classify("The bins were missed.")
    fin = d._h._finalizer
    del d
    gc.collect()
    assert not fin.alive
