from pytest import approx

from wirewatch.geodesy import km


def test_distances_between_towns_in_kilometres():
    assert km(49.98, 36.25, 50.45, 30.52) == approx(412, abs=3)  # Kharkiv to Kyiv
    assert km(49.98, 36.25, 49.98, 36.25) == 0.0
    assert km(0.0, 0.0, 0.0, 180.0) == approx(20015, abs=1)  # half the equator
