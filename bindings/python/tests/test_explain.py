"""Explained deadlines: steps, text, JSON and ownership."""

from __future__ import annotations

import gc
import json
import weakref
from datetime import date

import pytest

import ukcomplaints as u
from ukcomplaints import DayKind, Id, Receipt


def test_explain_deadline_steps(ew):
    # Fri 2024-12-20 + 5 (the working in test_calendar.py): due Tue 31 December.
    e = ew.explain_deadline(date(2024, 12, 20), 5, full=True)
    assert e.due == date(2024, 12, 31)
    assert e.start == e.counted_from == date(2024, 12, 20)
    assert e.days == 5 and e.receipt is Receipt.DAY_OF_RECEIPT
    assert e.calendar == "england-and-wales" and not e.projected
    ids = [s.id for s in e.steps]
    assert ids[0] is Id.E001_CLOCK_START and ids[1] is Id.E002_COUNT_FROM_RECEIPT
    assert ids[-1] is Id.E007_DEADLINE_DUE
    counted = [s for s in e.steps if s.id is Id.E004_WORKING_DAY_COUNTED]
    assert [(s.number, s.date) for s in counted] == [
        (1, date(2024, 12, 23)), (2, date(2024, 12, 24)), (3, date(2024, 12, 27)),
        (4, date(2024, 12, 30)), (5, date(2024, 12, 31))]
    assert all(s.kind is DayKind.WORKING for s in counted)
    skipped = [s for s in e.steps if s.id is Id.E006_HOLIDAY_SKIPPED]
    assert [(s.date, s.name, s.kind) for s in skipped] == [
        (date(2024, 12, 25), "Christmas Day", DayKind.BANK_HOLIDAY),
        (date(2024, 12, 26), "Boxing Day", DayKind.BANK_HOLIDAY)]
    assert all(s.source and s.code == "UKC-E006" and s.slug == "holiday-skipped"
               for s in skipped)
    weekends = [s.date for s in e.steps if s.id is Id.E005_WEEKEND_SKIPPED]
    assert weekends == [date(2024, 12, 21), date(2024, 12, 22), date(2024, 12, 28),
                        date(2024, 12, 29)]
    assert all(s.text for s in e.steps)
    assert len(e) == len(e.steps) and list(e) == list(e.steps)


def test_compact_by_default(ew):
    # The same deadline, compact: no working day counted; the four weekend days
    # and the two holidays skipped are all there.
    e = ew.explain_deadline(date(2024, 12, 20), 5)
    assert e.due == date(2024, 12, 31)
    assert not any(s.id is Id.E004_WORKING_DAY_COUNTED for s in e.steps)
    assert [s.date for s in e.steps if s.id in (Id.E005_WEEKEND_SKIPPED,
                                                Id.E006_HOLIDAY_SKIPPED)] == [
        date(2024, 12, 21), date(2024, 12, 22), date(2024, 12, 25), date(2024, 12, 26),
        date(2024, 12, 28), date(2024, 12, 29)]


def test_explanation_text(ew):
    e = ew.explain_deadline(date(2024, 12, 20), 5)
    text = str(e)
    assert text == e.text
    lines = text.strip().splitlines()
    assert len(lines) == len(e.steps)
    assert lines[0].startswith("UKC-E001") and "2024-12-20" in lines[0]
    assert "Christmas Day" in text and "2024-12-31" in lines[-1]
    assert str(e.steps[0]) == lines[0]
    assert "due=2024-12-31" in repr(e)


def test_next_working_day_receipt(ew):
    # Receipt Sat 2024-05-04, deemed received Tue 7 May (Mon 6 is Early May);
    # Wed 8 = 1, Thu 9 = 2, Fri 10 = 3.
    e = ew.explain_deadline(date(2024, 5, 4), 3, receipt="next-working-day")
    assert e.receipt is Receipt.NEXT_WORKING_DAY
    assert (e.start, e.counted_from, e.due) == (date(2024, 5, 4), date(2024, 5, 7),
                                                date(2024, 5, 10))
    assert any(s.id is Id.E003_DEEMED_NEXT_WORKING_DAY for s in e.steps)


def test_projected(ew):
    # 2031 is after the newest published list (2028): projected by rule.
    e = ew.explain_deadline(date(2031, 12, 19), 5)
    assert e.projected
    assert e.steps[-1].id is Id.E008_PROJECTED_DAYS and e.steps[-1].date is None
    assert any(s.projected for s in e.steps if s.id is Id.E006_HOLIDAY_SKIPPED)


def test_to_json(ew):
    with ew.explain_deadline(date(2024, 12, 20), 5) as e:
        doc = e.as_dict()
        assert json.loads(e.to_json()) == doc
    assert doc["due"] == "2024-12-31" and doc["days"] == 5
    assert doc["receipt"] == "day-of-receipt" and doc["calendar"] == "england-and-wales"
    assert len(doc["steps"]) == len(e.steps)
    assert doc["steps"][0]["id"] == "UKC-E001"
    # After close, the data stays; the JSON needs the handle.
    assert e.closed and e.due == date(2024, 12, 31)
    with pytest.raises(u.ClosedError):
        e.to_json()
    e.close()


def test_explanation_is_freed_once(ew):
    e = ew.explain_deadline(date(2024, 12, 20), 5)
    fin = e._finalizer
    ref = weakref.ref(e)
    del e
    gc.collect()
    assert ref() is None and not fin.alive


def test_explanation_cannot_be_built_by_hand():
    with pytest.raises(TypeError):
        u.Explanation()


def test_explain_errors(ew):
    with pytest.raises(u.InvalidArgumentError):
        ew.explain_deadline(date(2024, 1, 2), -1)
    with pytest.raises(u.OutOfRangeError):
        ew.explain_deadline(date(2199, 12, 20), 100)
    with pytest.raises(u.NotFoundError):
        ew.explain_deadline(date(2024, 1, 2), 1, receipt="someday")
