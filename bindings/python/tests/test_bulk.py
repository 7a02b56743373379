"""The batch entry points against the scalar ones, in every container."""

from __future__ import annotations

import array
import random
from datetime import date

import pytest

import ukcomplaints as u
from ukcomplaints import to_day_number

N = 100_000
FIRST = date(1971, 1, 1)


@pytest.fixture(scope="module")
def cases():
    # Starts over 1973-2190 and n in -300..300, so that results stay in range.
    rng = random.Random(20240101)
    lo, hi = to_day_number(date(1973, 1, 1)), to_day_number(date(2190, 12, 31))
    starts = [rng.randint(lo, hi) for _ in range(N)]
    ns = [rng.randint(-300, 300) for _ in range(N)]
    ends = [rng.randint(lo, hi) for _ in range(N)]
    return starts, ns, ends


def test_add_many_matches_scalar_on_100000_random_inputs(ew, cases):
    starts, ns, _ = cases
    ds = [u.from_day_number(s) for s in starts]
    bulk = ew.add_working_days_many(ds, ns)
    scalar = [ew.add_working_days(d, n) for d, n in zip(ds, ns)]
    assert bulk == scalar
    arr = ew.add_working_days_many(array.array("i", starts), array.array("i", ns))
    assert isinstance(arr, array.array) and arr.typecode == "i"
    assert list(arr) == [to_day_number(d) for d in scalar]


def test_count_many_matches_scalar_on_100000_random_inputs(scot, cases):
    starts, _, ends = cases
    a = [u.from_day_number(s) for s in starts]
    b = [u.from_day_number(e) for e in ends]
    bulk = scot.count_working_days_many(a, b)
    assert isinstance(bulk, list) and all(type(x) is int for x in bulk[:10])
    assert bulk == [scot.count_working_days(x, y) for x, y in zip(a, b)]
    arr = scot.count_working_days_many(array.array("i", starts), array.array("i", ends))
    assert list(arr) == bulk


def test_count_inverts_add(ew, cases):
    starts, ns, _ = cases
    ends = ew.add_working_days_many(array.array("i", starts), array.array("i", ns))
    assert list(ew.count_working_days_many(array.array("i", starts), ends)) == ns


def test_containers_and_scalars(ew):
    starts = [date(2024, 12, 20), date(2024, 12, 24)]
    # Fri 20 + 5 = Tue 31 (see test_calendar); Tue 24 + 5: 27, 30, 31, 2 Jan, 3 Jan.
    want = [date(2024, 12, 31), date(2025, 1, 3)]
    assert ew.add_working_days_many(starts, [5, 5]) == want
    assert ew.add_working_days_many(starts, 5) == want
    assert ew.add_working_days_many(tuple(starts), (5, 5)) == want
    assert ew.add_working_days_many(iter(starts), [5, 5]) == want
    assert ew.add_working_days_many(["2024-12-20", "2024-12-24"], 5) == want
    assert ew.add_working_days_many(date(2024, 12, 20), [0, 5]) == [date(2024, 12, 20), want[0]]
    # From Fri 20 Dec to Fri 3 Jan: 23, 24, 27, 30, 31, 2, 3 (1 January skipped) = 7.
    assert ew.count_working_days_many(date(2024, 12, 20), want) == [5, 7]
    assert ew.count_working_days_many(starts, date(2024, 12, 31)) == [5, 3]
    assert ew.add_working_days_many([], []) == []
    assert ew.count_working_days_many(array.array("i"), []) == array.array("i")
    # 'l' arrays are 8 bytes on 64-bit Linux: converted, not misread.
    out = ew.add_working_days_many(array.array("l", [to_day_number(starts[0])]), [5])
    assert list(out) == [to_day_number(want[0])]


def test_bulk_errors(ew):
    with pytest.raises(ValueError):
        ew.add_working_days_many([date(2024, 1, 2)] * 3, [1, 2])
    with pytest.raises(TypeError):
        ew.add_working_days_many(date(2024, 1, 2), 3)
    with pytest.raises(TypeError):
        ew.add_working_days_many(b"abc", [1, 2, 3])
    with pytest.raises(TypeError):
        ew.add_working_days_many([20000], [1])  # a list of ints is not a list of dates
    with pytest.raises(u.OutOfRangeError):
        ew.add_working_days_many([date(2024, 1, 2)], [2**31])
    with pytest.raises(u.OutOfRangeError) as exc:
        ew.count_working_days_many([date(2024, 1, 2)] * 4, [date(2024, 1, 2)] * 3 +
                                   [date(2200, 1, 1)])
    assert exc.value.index == 3
    # On a bad element nothing is computed: the error, not a partial answer.
    with pytest.raises(u.OutOfRangeError) as exc:
        ew.add_working_days_many([date(2024, 1, 2), date(2199, 12, 30)], [1, 10])
    assert exc.value.index == 1


# -- numpy ------------------------------------------------------------------


def test_numpy_datetime64_in_datetime64_out(ew, np, cases):
    starts, ns, ends = cases
    s = np.array(starts, dtype=np.int64).astype("datetime64[D]")
    n = np.array(ns, dtype=np.int32)
    out = ew.add_working_days_many(s, n)
    assert out.dtype == np.dtype("datetime64[D]") and out.shape == (N,)
    ref = ew.add_working_days_many(array.array("i", starts), array.array("i", ns))
    assert out.astype(np.int64).tolist() == list(ref)
    e = np.array(ends, dtype="int64").astype("datetime64[D]")
    counts = ew.count_working_days_many(s, e)
    assert counts.dtype == np.int32
    assert counts.tolist() == list(ew.count_working_days_many(array.array("i", starts),
                                                              array.array("i", ends)))


def test_numpy_int32_in_int32_out_without_copies(ew, np):
    s = np.array([to_day_number(date(2024, 12, 20))] * 4, dtype=np.int32)
    n = np.array([0, 1, 2, 5], dtype=np.int32)
    out = ew.add_working_days_many(s, n)
    assert out.dtype == np.int32
    assert [u.from_day_number(int(x)) for x in out] == [
        date(2024, 12, 20), date(2024, 12, 23), date(2024, 12, 24), date(2024, 12, 31)]
    from ukcomplaints import _bulk
    assert _bulk.convert(s, "s", True).addr == s.ctypes.data  # used in place


def test_numpy_shapes_dtypes_and_scalars(ew, np):
    s = np.array(["2024-12-20", "2024-12-24", "2024-12-20", "2024-12-24"],
                 dtype="datetime64[D]").reshape(2, 2)
    out = ew.add_working_days_many(s, 5)
    assert out.shape == (2, 2)
    assert out.tolist() == [[date(2024, 12, 31), date(2025, 1, 3)]] * 2
    n64 = np.array([5, 5, 5, 5], dtype=np.int64).reshape(2, 2)
    assert (ew.add_working_days_many(s, n64) == out).all()
    secs = s.astype("datetime64[s]") + np.timedelta64(3600, "s")
    assert (ew.add_working_days_many(secs, 5) == out).all()
    assert ew.add_working_days_many(np.datetime64("2024-12-20"), np.array([5])).tolist() == \
        [date(2024, 12, 31)]
    assert ew.add_working_days_many(s.ravel(), np.int64(5)).tolist() == out.ravel().tolist()
    obj = np.array([date(2024, 12, 20)], dtype=object)
    assert ew.add_working_days_many(obj, [5]).dtype == np.dtype("datetime64[D]")
    # Mixed: a list of dates with numpy ns gives a list.
    assert ew.add_working_days_many([date(2024, 12, 20)], np.array([5])) == [date(2024, 12, 31)]
    # Non-contiguous input is copied, not misread.
    big = np.array(["2024-12-20", "2000-01-01"] * 3, dtype="datetime64[D]")[::2]
    assert ew.add_working_days_many(big, 5).tolist() == [date(2024, 12, 31)] * 3
    empty = np.array([], dtype="datetime64[D]")
    assert ew.add_working_days_many(empty, 1).shape == (0,)


def test_numpy_errors(ew, np):
    # NaT gives NaT for its element (2024-12-20 is a Friday: + 1 is Mon 23rd);
    # a count cannot be NaT, so counting from numpy NaT is an error naming it.
    s = np.array(["2024-12-20", "NaT", "2024-12-20"], dtype="datetime64[D]")
    assert ew.add_working_days_many(s, 1).astype(str).tolist() == \
        ["2024-12-23", "NaT", "2024-12-23"]
    with pytest.raises(u.OutOfRangeError) as exc:
        ew.count_working_days_many(s, np.datetime64("2024-12-31"))
    assert exc.value.index == 1
    far = np.array([0, 2**33 + 20000], dtype=np.int64)  # would wrap to a valid day in int32
    with pytest.raises(u.OutOfRangeError) as exc:
        ew.add_working_days_many(far, 1)
    assert exc.value.index == 1
    with pytest.raises(u.OutOfRangeError) as exc:
        ew.add_working_days_many(np.array(["1960-01-01"], dtype="datetime64[D]"), 1)
    assert exc.value.index == 0
    with pytest.raises(TypeError):
        ew.add_working_days_many(np.array([1.5]), 1)
    with pytest.raises(TypeError):
        ew.add_working_days_many(np.array(["2024-12-20"], dtype="datetime64[D]"),
                                 np.array(["2024-12-20"], dtype="datetime64[D]"))
