import ukcomplaints


def test_imports():
    assert ukcomplaints.version_number() // 100 == 1
