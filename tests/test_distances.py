"""Distance statements between places of one article ("X, 40 km north of Y")."""

from wirewatch.corpus.quantities import find_distances
from wirewatch.corpus.records import PlaceRec


def places(text: str, names: dict[str, int]) -> list[PlaceRec]:
    return [PlaceRec(1, text.index(n), text.index(n) + len(n), gid, n, None, None, "PPL") for n, gid in names.items()]


def test_each_place_of_a_list_gets_the_distance_the_list_is_given():
    text = "Troops fought near Pisky and Vilkhivka, villages about 30 km east of Kharkiv, on Monday.\n"
    found = find_distances(1, text, places(text, {"Pisky": 1, "Vilkhivka": 2, "Kharkiv": 3}))
    assert [(q.subject, q.value, q.unit, q.reference) for q in found] == [("Pisky", 30.0, "km", "Kharkiv"),
                                                                          ("Vilkhivka", 30.0, "km", "Kharkiv")]
    assert all(text[q.start:q.end] == q.text for q in found)


def test_a_place_named_earlier_but_not_in_the_list_gets_no_distance():
    text = "After Izium fell, troops entered Balakliia, a town 60 km from Kharkiv.\n"
    found = find_distances(1, text, places(text, {"Izium": 1, "Balakliia": 2, "Kharkiv": 3}))
    assert [q.subject for q in found] == ["Balakliia"]
