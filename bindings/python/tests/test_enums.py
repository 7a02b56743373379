"""The enumerations' names come from one table, lib/data/enums.tsv: the Python
names (_enums.py), the library's name functions and the headers' values agree."""

import ctypes

import ukcomplaints as u
from ukcomplaints import _enums, _layout, _lib
from ukcomplaints.errors import last_error


def test_every_table_matches_the_library_and_the_headers():
    for enum, names in _enums.NAMES.items():
        name = _lib.bind(enum + "_name", ctypes.c_char_p, [ctypes.c_int])
        assert [name(i).decode() for i in range(len(names))] == list(names), enum
        assert name(len(names)) == b"" and name(-1) == b"", enum
        assert [v for _, v in _layout.ENUMS[enum]] == list(range(len(names))), enum


def test_the_python_enums_are_the_tables():
    # As case.h documents them: UKC_STATE_PENDING = 0 ("pending"),
    # UKC_EVENT_CONTACT_METHODS = 20 ("contact-methods").
    assert u.ObligationState.from_code(0) == "pending"
    assert u.EventKind.from_code(20) == "contact-methods"
    assert [str(m) for m in u.Channel] == list(_enums.NAMES["ukc_channel"])
    assert u.Unit.from_code(4) == "calendar-months"  # policy.h: UKC_UNIT_CALENDAR_MONTHS = 4


def test_an_unknown_name_lists_the_known_ones():
    raw = ctypes.c_int()
    from_name = _lib.bind("ukc_delivery_from_name", ctypes.c_int,
                          [ctypes.c_char_p, ctypes.POINTER(ctypes.c_int)])
    st = from_name(b"pigeon", ctypes.byref(raw))
    assert st == u.Status.NOT_FOUND and raw.value == 0
    message = last_error(st).message
    assert "unknown delivery method 'pigeon'" in message
    assert "email, first-class-post, second-class-post, hand" in message
