"""pandas in, pandas out; NaT per element; out= arrays; chunk boundaries.

Hand-worked answers (England and Wales), used throughout:
  Fri 2024-12-20 + 5 working days = Tue 2024-12-31 (Mon 23, Tue 24, Christmas
      Day and Boxing Day skipped, Fri 27, Mon 30, Tue 31);
  Tue 2024-12-24 + 5 = Fri 2025-01-03 (27, 30, 31, New Year's Day skipped, 2, 3);
  Fri 2024-12-20 + 1 = Mon 2024-12-23;
  working days after Fri 2024-12-20 up to Tue 2024-12-31: 5; up to Fri
      2025-01-03: 7.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest

import ukcomplaints as u
from ukcomplaints import _bulk

pd = pytest.importorskip("pandas")


def ts(text: str, tz=None):
    return pd.Timestamp(text, tz=tz)


def test_series_in_series_out(ew):
    s = pd.Series(pd.to_datetime(["2024-12-20", None, "2024-12-24"]),
                  index=["c1", "c2", "c3"], name="received")
    out = ew.add_working_days_many(s, 5)
    assert isinstance(out, pd.Series)
    assert out.dtype == "datetime64[ns]" and out.name == "received"
    assert out.index.equals(s.index)
    assert out["c1"] == ts("2024-12-31") and out["c3"] == ts("2025-01-03")
    assert out.isna().tolist() == [False, True, False]


def test_datetime_index_in_datetime_index_out(ew):
    idx = pd.DatetimeIndex(["2024-12-20", "NaT", "2024-12-24"], name="received")
    out = ew.add_working_days_many(idx, [5, 5, 5])
    assert isinstance(out, pd.DatetimeIndex) and out.name == "received"
    assert out[0] == ts("2024-12-31") and out[1] is pd.NaT and out[2] == ts("2025-01-03")


def test_timestamps_in_timestamps_out(ew):
    assert ew.add_working_days(ts("2024-12-20"), 5) == ts("2024-12-31")
    assert isinstance(ew.add_working_days(ts("2024-12-20"), 5), pd.Timestamp)
    assert ew.add_working_days(pd.NaT, 5) is pd.NaT
    assert ew.deadline(pd.NaT, 5) is pd.NaT
    # Sat 2024-05-04, deemed received Tue 7 May (Mon 6 is a bank holiday), + 3 = Fri 10.
    london = ew.deadline(ts("2024-05-04 10:15", tz="Europe/London"), 3, "next-working-day")
    assert london == ts("2024-05-10", tz="Europe/London")
    assert ew.next_working_day(ts("2024-12-25")) == ts("2024-12-27")
    assert ew.previous_working_day(ts("2024-12-26")) == ts("2024-12-24")
    assert ew.count_working_days(ts("2024-12-20"), ts("2024-12-31")) == 5
    assert ew.is_working_day(ts("2024-12-27 09:00"))
    with pytest.raises(u.OutOfRangeError):
        ew.count_working_days(pd.NaT, ts("2024-12-31"))


def test_time_zones_and_times_of_day(ew):
    # Each value counts as its own (wall-clock) day, as datetime64[D] takes it.
    s = pd.Series(pd.to_datetime(["2024-12-20 23:30", "2024-12-20 00:00"])).dt.tz_localize(
        "Europe/London")
    out = ew.add_working_days_many(s, 1)
    assert str(out.dtype) == "datetime64[ns, Europe/London]"
    assert out.tolist() == [ts("2024-12-23", tz="Europe/London")] * 2


def test_missing_ns(ew, np):
    s = pd.Series(pd.to_datetime(["2024-12-20"] * 3))
    out = ew.add_working_days_many(s, pd.Series([5, np.nan, 1.0]))
    assert out[0] == ts("2024-12-31") and out[1] is pd.NaT and out[2] == ts("2024-12-23")
    out = ew.add_working_days_many(s, pd.Series([5, None, 1], dtype="Int32"))
    assert out.isna().tolist() == [False, True, False]
    with pytest.raises(u.InvalidArgumentError):
        ew.add_working_days_many(s, pd.Series([5, 1.5, 1.0]))


def test_counts(ew):
    a = pd.Series(pd.to_datetime(["2024-12-20", "2024-12-20", None]), index=[7, 8, 9])
    b = pd.Series(pd.to_datetime(["2024-12-31", "2025-01-03", "2025-01-03"]), index=[7, 8, 9])
    got = ew.count_working_days_many(a, b)
    assert str(got.dtype) == "Int32" and got.index.equals(a.index)
    assert got[7] == 5 and got[8] == 7 and got[9] is pd.NA
    # A single date beside a Series with NaT: 20 Dec to 3 Jan is 7.
    assert ew.count_working_days_many(a, date(2025, 1, 3)).tolist() == [7, 7, pd.NA]
    full = ew.count_working_days_many(a.iloc[:2], b.iloc[:2])
    assert full.dtype == "int32" and full.tolist() == [5, 7]
    idx = ew.count_working_days_many(pd.DatetimeIndex(a.iloc[:2]), date(2024, 12, 31))
    assert isinstance(idx, pd.Index) and idx.tolist() == [5, 5]
    with pytest.raises(ValueError):
        ew.count_working_days_many(a, b.set_axis([1, 2, 3]))


def test_pandas_agrees_with_numpy_over_chunks(ew, np):
    # Over three chunks, with NaT at the edges of the chunks.
    n = 2 * _bulk.CHUNK + 17
    rng = np.random.default_rng(5)
    days = rng.integers(u.to_day_number(date(2000, 1, 1)), u.to_day_number(date(2030, 1, 1)),
                        size=n)
    starts = days.astype("datetime64[D]")
    for k in (0, _bulk.CHUNK - 1, _bulk.CHUNK, 2 * _bulk.CHUNK, n - 1):
        starts[k] = np.datetime64("NaT")
    ns = rng.integers(0, 70, size=n)
    arr = ew.add_working_days_many(starts, ns)
    ser = ew.add_working_days_many(pd.Series(starts.astype("datetime64[ns]")), ns)
    assert np.array_equal(np.isnat(arr), ser.isna().to_numpy())
    ok = ~np.isnat(arr)
    assert (ser.to_numpy()[ok].astype("datetime64[D]") == arr[ok]).all()
    # Every answer against the scalar call, element by element.
    for k in range(0, n, 997):
        if ok[k]:
            want = ew.add_working_days(u.from_day_number(int(days[k])), int(ns[k]))
            assert arr[k] == np.datetime64(want)


def test_errors_after_the_first_chunk_name_their_index(ew, np):
    n = _bulk.CHUNK + 10
    starts = np.full(n, np.datetime64("2024-12-20"))
    starts[_bulk.CHUNK + 3] = np.datetime64("1960-01-01")
    with pytest.raises(u.OutOfRangeError) as exc:
        ew.add_working_days_many(starts, 1)
    assert exc.value.index == _bulk.CHUNK + 3
    assert f"element {_bulk.CHUNK + 3}" in str(exc.value)
    far = np.zeros(n, dtype=np.int64) + u.to_day_number(date(2024, 12, 20))
    far[_bulk.CHUNK + 1] = 2**33
    with pytest.raises(u.OutOfRangeError) as exc:
        ew.add_working_days_many(far, 1)
    assert exc.value.index == _bulk.CHUNK + 1


def test_out_arrays(ew, np):
    starts = np.array(["2024-12-20", "NaT", "2024-12-24"], dtype="datetime64[D]")
    out = np.empty(3, dtype="datetime64[D]")
    assert ew.add_working_days_many(starts, 5, out=out) is out
    assert out.astype(str).tolist() == ["2024-12-31", "NaT", "2025-01-03"]
    ints = np.array([u.to_day_number(date(2024, 12, 20))] * 2, dtype=np.int32)
    out32 = np.zeros(2, dtype=np.int32)
    assert ew.add_working_days_many(ints, [1, 5], out=out32) is out32
    assert [u.from_day_number(int(x)) for x in out32] == [date(2024, 12, 23),
                                                          date(2024, 12, 31)]
    counts = np.zeros(2, dtype=np.int32)
    ew.count_working_days_many(ints, np.array(["2024-12-31", "2025-01-03"],
                                              dtype="datetime64[D]"), out=counts)
    assert counts.tolist() == [5, 7]
    with pytest.raises(ValueError):
        ew.add_working_days_many(starts, 5, out=np.empty(2, dtype="datetime64[D]"))
    with pytest.raises(TypeError):
        ew.add_working_days_many(starts, 5, out=np.empty(3, dtype=np.int64))
    with pytest.raises(u.OutOfRangeError) as exc:  # NaT has no int32 form
        ew.add_working_days_many(starts, 5, out=np.empty(3, dtype=np.int32))
    assert exc.value.index == 1
    with pytest.raises(TypeError):
        ew.add_working_days_many(pd.Series(starts), 5, out=out)


def test_neither_numpy_nor_pandas_is_imported_by_the_package():
    code = ("import sys, ukcomplaints as u; from datetime import date; "
            "u.Calendar().add_working_days_many([date(2024, 12, 20)], [5]); "
            "date(2024, 12, 25) in u.Calendar(); "
            "print('numpy' in sys.modules, 'pandas' in sys.modules)")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                       check=True)
    assert r.stdout.split() == ["False", "False"]
