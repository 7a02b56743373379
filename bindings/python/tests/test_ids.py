"""The permanent answer IDs."""

from __future__ import annotations

import ukcomplaints as u
from ukcomplaints import Id


def test_explanation_ids():
    # lib/data/ids.tsv, group E.
    assert Id.E001_CLOCK_START == 1001
    assert Id.E006_HOLIDAY_SKIPPED == 1006
    assert Id.E009_RULE_CITED == 1009
    assert Id.E006_HOLIDAY_SKIPPED.code == "UKC-E006"
    assert Id.E006_HOLIDAY_SKIPPED.slug == "holiday-skipped"
    assert Id.E006_HOLIDAY_SKIPPED.summary.startswith("A bank holiday")
    assert str(Id.E007_DEADLINE_DUE) == "UKC-E007 deadline-due"
    assert Id.NONE == 0 and str(Id.NONE) == "NONE"


def test_every_member_matches_the_library():
    for m in Id:
        if m is Id.NONE:
            continue
        code = u.id_code(m)
        assert m.name.startswith(code[4:] + "_")
        assert m.name == code[4:] + "_" + u.id_slug(m).upper().replace("-", "_")
        assert u.id_from_code(code) is m
        assert u.id_summary(m)


def test_unknown_ids():
    assert u.id_code(999) == "" and u.id_slug(999) == "" and u.id_summary(999) == ""
    from ukcomplaints.ids import as_id
    assert as_id(1999) == 1999 and not isinstance(as_id(1999), Id)
