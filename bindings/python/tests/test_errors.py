"""Status codes and the mapping of C failures to exceptions."""

from __future__ import annotations

import json
import threading
from datetime import date

import pytest

import ukcomplaints as u
from ukcomplaints import errors

ALL_CLASSES = {
    u.Status.INVALID_ARGUMENT: u.InvalidArgumentError,
    u.Status.PARSE: u.ParseError,
    u.Status.OUT_OF_RANGE: u.OutOfRangeError,
    u.Status.NO_MEMORY: u.NoMemoryError,
    u.Status.NOT_FOUND: u.NotFoundError,
    u.Status.NOT_SET: u.NotSetError,
    u.Status.IO: u.IoError,
    u.Status.INVALID_UTF8: u.InvalidUtf8Error,
    u.Status.TOO_LONG: u.TooLongError,
    u.Status.TOO_DEEP: u.TooDeepError,
    u.Status.INVALID_DATA: u.InvalidDataError,
    u.Status.BUFFER_TOO_SMALL: u.BufferTooSmallError,
    u.Status.VERSION: u.VersionError,
    u.Status.STATE: u.StateError,
    u.Status.TOO_MANY: u.TooManyError,
    u.Status.INTERNAL: u.InternalError,
}


def test_status_numbers_are_fixed():
    # error.h fixes these numbers for ever.
    assert [int(s) for s in u.Status] == list(range(17))
    assert u.Status.OUT_OF_RANGE == 3 and u.Status.INTERNAL == 16


def test_status_names_and_texts():
    for s in u.Status:
        assert u.status_name(s) == ("UKC_OK" if s == 0 else "UKC_ERR_" + s.name)
        assert u.status_str(s)
    assert u.status_str(u.Status.OUT_OF_RANGE) == "out of the supported range"
    assert u.status_name(999) == "UKC_ERR_UNKNOWN"
    assert u.status_str(999) == "unknown status"


def test_one_class_per_status():
    assert set(ALL_CLASSES) == set(u.Status) - {u.Status.OK}
    for status, cls in ALL_CLASSES.items():
        assert errors.error_class(status) is cls
        assert cls.code == status
        assert issubclass(cls, u.Error)
        e = errors.make(status, "detail", index=4)
        assert type(e) is cls and e.status == status and e.index == 4
    assert errors.error_class(999) is u.Error


def test_builtin_bases():
    assert issubclass(u.OutOfRangeError, ValueError)
    assert issubclass(u.ParseError, ValueError)
    assert issubclass(u.NotFoundError, LookupError)
    assert issubclass(u.IoError, OSError)
    assert issubclass(u.NoMemoryError, MemoryError)


def test_error_defaults_and_str():
    e = u.ParseError("bad", line=2, column=7, offset=30, path="$.a")
    assert e.status is u.Status.PARSE
    assert (e.message, e.line, e.column, e.offset, e.path, e.index) == ("bad", 2, 7, 30, "$.a", -1)
    assert str(e) == "bad (line 2, column 7; at $.a)"
    assert "ParseError" in repr(e) and "UKC_ERR_PARSE" in repr(e)
    assert str(u.Error("x", status=999)) == "x"


def test_out_of_range_from_c(ew):
    with pytest.raises(u.OutOfRangeError) as exc:
        ew.add_working_days(date(1970, 12, 31), 1)
    e = exc.value
    assert e.status == u.Status.OUT_OF_RANGE
    assert "1970-12-31" in e.message and "outside" in e.message
    assert e.index == -1 and e.line == 0 and e.offset == -1 and e.path == ""


def test_parse_error_has_offset():
    with pytest.raises(u.ParseError) as exc:
        u.parse_date("2023-02-29")  # no 29 February in 2023
    assert exc.value.offset == 8
    with pytest.raises(u.ParseError) as exc:
        u.parse_date("2023-1-01")
    assert exc.value.status == u.Status.PARSE


def test_json_parse_error_has_line_column_offset():
    doc = b'{\n  "england-and-wales": [1,}\n}'
    with pytest.raises(u.ParseError) as exc:
        u.Calendar.from_govuk_json(doc, "england-and-wales")
    e = exc.value
    # The stray '}' is on line 2, after `  "england-and-wales": [1,` (26 characters),
    # so in column 27; line 1 is 2 bytes, so the '}' is byte 28 (0-based). jansson
    # reports the position after the bad token, so the offset may be one more.
    assert (e.line, e.column) == (2, 27)
    assert e.offset in (28, 29)


def test_invalid_data_has_path():
    doc = json.dumps({"england-and-wales": {"division": "england-and-wales",
                                            "events": [{"title": "X", "date": "2024-13-01"}]}})
    with pytest.raises(u.InvalidDataError) as exc:
        u.Calendar.from_govuk_json(doc.encode(), "england-and-wales")
    assert exc.value.path.startswith("$")
    assert "events" in exc.value.path


def test_weekend_event_is_invalid_data():
    doc = json.dumps({"england-and-wales": {"division": "england-and-wales", "events": [
        {"title": "Saturday party", "date": "2024-06-01", "notes": "", "bunting": True}]}})
    with pytest.raises(u.InvalidDataError):
        u.Calendar.from_govuk_json(doc.encode(), "england-and-wales")


def test_not_found():
    with pytest.raises(u.NotFoundError) as exc:
        u.Calendar("mars")
    assert "mars" in exc.value.message
    with pytest.raises(u.NotFoundError):
        u.Calendar.from_govuk_json(b'{"england-and-wales": {"division": "england-and-wales", '
                                   b'"events": []}}', "wales")
    with pytest.raises(u.NotFoundError):
        u.Calendar().deadline(date(2024, 1, 2), 1, receipt="whenever")


def test_io_error(tmp_path):
    with pytest.raises(u.IoError) as exc:
        u.Calendar.from_govuk_json(tmp_path / "missing.json")
    assert exc.value.status == u.Status.IO


def test_too_long():
    doc = b" " * (16 * 1024 * 1024 + 1)
    with pytest.raises(u.TooLongError):
        u.Calendar.from_govuk_json(doc)


def test_too_deep():
    doc = b"[" * 100000 + b"]" * 100000
    with pytest.raises(u.TooDeepError) as exc:
        u.Calendar.from_govuk_json(doc)
    assert exc.value.status == u.Status.TOO_DEEP and exc.value.line == 1


def test_invalid_utf8_in_json():
    doc = b'{"england-and-wales": {"division": "england-and-wales", "events": [{"title": "\xff"}]}}'
    with pytest.raises(u.InvalidUtf8Error) as exc:
        u.Calendar.from_govuk_json(doc)
    assert exc.value.status == u.Status.INVALID_UTF8 and exc.value.line == 1


def test_nul_in_names_is_invalid_utf8(ew):
    with pytest.raises(u.InvalidUtf8Error):
        u.Calendar("england-and-wales\0")
    with pytest.raises(u.InvalidUtf8Error):
        ew.with_closures({date(2024, 1, 2): "a\0b"})
    with pytest.raises(u.InvalidUtf8Error):
        ew.union(ew, name="\udc80")


def test_invalid_argument_has_index(ew):
    with pytest.raises(u.InvalidArgumentError) as exc:
        ew.with_closures([(date(2024, 1, 2), "ok"), (date(2024, 1, 3), "")])
    assert exc.value.index == 1
    with pytest.raises(u.OutOfRangeError) as exc:
        ew.with_closures([(date(2024, 1, 2), "ok"), (date(2024, 1, 3), "ok"),
                          (date(1960, 1, 1), "too early")])
    assert exc.value.index == 2


def test_invalid_argument_from_c(ew):
    with pytest.raises(u.InvalidArgumentError):
        ew.deadline(date(2024, 1, 2), -1)
    with pytest.raises(u.InvalidArgumentError):
        ew.explain_deadline(date(2024, 1, 2), 10001)
    with pytest.raises(u.InvalidArgumentError):
        ew.holidays(date(2024, 2, 1), date(2024, 1, 1))


def test_batch_error_has_index(ew):
    starts = [date(2024, 1, 2)] * 5 + [date(1960, 1, 1)] + [date(2024, 1, 2)] * 3
    with pytest.raises(u.OutOfRangeError) as exc:
        ew.add_working_days_many(starts, 3)
    assert exc.value.index == 5
    assert "element 5" in str(exc.value)


def test_type_errors_are_not_library_errors(ew):
    with pytest.raises(TypeError):
        ew.add_working_days(20000, 1)  # a day number is not a date
    from datetime import datetime
    with pytest.raises(TypeError):
        ew.add_working_days(datetime(2024, 1, 2, 12, 0), 1)
    with pytest.raises(TypeError):
        ew.add_working_days(date(2024, 1, 2), "3")


def test_n_beyond_32_bits_is_out_of_range_not_wrapped(ew):
    # 2**32 + 1 would wrap to 1 in a C int32; it must be refused instead.
    with pytest.raises(u.OutOfRangeError):
        ew.add_working_days(date(2024, 1, 2), 2**32 + 1)


def test_errors_are_per_thread(ew):
    # ukc_last_error is thread-local: each thread sees its own failure's detail.
    failures = {}
    barrier = threading.Barrier(8)

    def work(k: int) -> None:
        barrier.wait()
        for _ in range(300):
            starts = [date(2024, 1, 2)] * 10
            starts[k] = date(1960, 1, 1)
            try:
                ew.add_working_days_many(starts, 1)
            except u.OutOfRangeError as e:
                if e.index != k:
                    failures[k] = e.index
                    return
            ew.add_working_days(date(2024, 1, 2), 1)  # a success in between

    threads = [threading.Thread(target=work, args=(k,)) for k in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert failures == {}


def test_finaliser_during_error_does_not_lose_detail(ew):
    # A calendar freed by the garbage collector while an error is read must not
    # wipe the error's detail (every C call, frees included, resets it).
    from ukcomplaints import _lib
    c = ew.with_closures({date(2024, 1, 2): "x"})
    tid = _lib.error_guard_enter()
    try:
        del c  # its finaliser runs now, on this thread, and is held back
        assert _lib._pending
    finally:
        _lib.error_guard_exit(tid)
    assert not _lib._pending
