"""eval dedup: copies made with an outlet's edits are found, independent articles are kept apart."""

from __future__ import annotations

import random

from wirewatch.evaluation.dedup import EDITS, edit, evaluate, make_copies

TOWNS = ("Balakliia", "Chuhuiv", "Derhachi", "Lozova", "Zolochiv", "Vovchansk")
VERBS = ("shelled", "struck", "hit", "targeted", "attacked")
THINGS = ("a school", "the market", "a bridge", "the railway station", "a grain store", "the hospital grounds")


def _article(rng: random.Random, n: int) -> str:
    paragraphs = []
    for _ in range(6):
        town, verb, thing = rng.choice(TOWNS), rng.choice(VERBS), rng.choice(THINGS)
        paragraphs.append(f"Russian artillery {verb} {thing} in {town} on day {rng.randrange(1, 30)} of article {n}, "
                          f"officials said. {rng.randrange(2, 40)} people were hurt and {rng.randrange(1, 9)} "
                          f"houses burned near {rng.choice(TOWNS)}, the {rng.choice(('governor', 'mayor'))} added.")
    return f"Headline number {n}\n" + "\n".join(paragraphs)


def test_copies_are_grouped_and_independent_articles_are_not(tmp_path):
    rng = random.Random(7)
    for n in range(12):
        (tmp_path / f"{n}.txt").write_text(_article(rng, n), encoding="utf-8")
    result = evaluate(tmp_path)
    assert result["originals"] == 12 and result["copies"] > 0
    assert result["originals_wrongly_grouped_pairs"] == 0 and result["precision"] == 1.0
    for kind in ("boilerplate", "headline", "paragraph_dropped"):
        assert result["recall_by_edit"].get(kind, 1.0) == 1.0
    assert set(result["sweep"]) >= {"0.3", "0.5"}


def test_every_edit_changes_the_text_and_copies_point_to_their_original():
    rng = random.Random(1)
    text = _article(rng, 0)
    for kind in EDITS:
        assert edit(text, kind, random.Random(2), ["alpha", "beta"]) != text
    docs, base_of, kind_of = make_copies([text, _article(rng, 1)], seed=3)
    assert docs[:2] == [text, docs[1]] and all(base_of[i] in (0, 1) for i in range(len(docs)))
    assert all(bool(k) == (i >= 2) for i, k in enumerate(kind_of))
