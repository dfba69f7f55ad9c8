"""Scoring and matching rules of the interest questionnaire (no HTTP)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from app.interests import catalog
from app.interests.matching import OccupationProfile, rank_occupations
from app.interests.scoring import score, type_score
from app.interests.services import evaluate

WORKED_EXAMPLE = {
    "R": [2, 2, 3, 1, 2, 2, 3, 2, 1, 2],
    "I": [3] * 10,
    "A": [4, 5, 4, 4, 3, 4, 5, 4, 4, 4],
    "S": [4, 4, 4, 5, 4, 4, 4, 4, 4, 4],
    "E": [3, 4, 3, 3, 4, 3, 3, 4, 3, 3],
    "C": [2] * 10,
}


def _answers(per_type: dict[str, list[int]]) -> dict[str, int]:
    answers = {}
    for letter, values in per_type.items():
        ids = [i for i, t in catalog.item_types().items() if t == letter]
        answers.update(zip(ids, values, strict=True))
    return answers


def test_does_the_worked_example_of_the_readme_give_ase_with_honest_ties():
    """Is 4.1 scored 78 (half up, not 77 or banker's 78/77) and are ties reported?"""
    result = score(_answers(WORKED_EXAMPLE), catalog.item_types(), 8)
    assert result.scores == {"R": 25, "I": 50, "A": 78, "S": 78, "E": 58, "C": 25}
    assert result.code == "ASE"
    assert result.ties == [["A", "S"], ["R", "C"]]


def test_is_a_half_point_rounded_up():
    """Is a mean of 3.9 (72.5) shown as 73 rather than 72?"""
    assert type_score([4, 4, 4, 4, 4, 4, 4, 4, 4, 3]) == 73
    assert type_score([1] * 10) == 0 and type_score([5] * 10) == 100


def test_does_a_flat_profile_follow_the_fixed_order():
    """When all six types are equal, is the code RIA and is the tie named?"""
    result = score({i: 3 for i in catalog.item_types()}, catalog.item_types(), 8)
    assert result.code == "RIA"
    assert result.ties == [["R", "I", "A", "S", "E", "C"]]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(min_value=1, max_value=5), min_size=60, max_size=60))
def test_are_scores_and_code_always_well_formed(values):
    """Whatever the answers: scores 0–100, three distinct letters, order matches the scores?"""
    answers = dict(zip(catalog.item_types(), values, strict=True))
    result = score(answers, catalog.item_types(), 8)
    assert all(0 <= v <= 100 for v in result.scores.values())
    assert len(set(result.code)) == 3
    ranked = [result.scores[t] for t in result.order]
    assert ranked == sorted(ranked, reverse=True)
    evaluation = evaluate(answers, [])
    top = {f["kuerzel"] for f in evaluation["berufsfelder"][:3]}
    assert 2 <= len(evaluation["explore"]) <= 3
    assert not top & {f["kuerzel"] for f in evaluation["explore"]}


def test_do_the_berufsfelder_follow_the_documented_weights():
    """Does a strongly social, then artistic profile put Soziales, Pädagogik first?"""
    result = evaluate(
        _answers({t: [5 if t == "S" else 4 if t == "A" else 2] * 10 for t in catalog.TYPES}), []
    )
    assert result["berufsfelder"][0]["kuerzel"] == "SP"
    assert len(result["berufsfelder"]) == 16
    assert result["berufsfelder"][0]["reason_de"]


def test_are_occupations_ranked_by_the_shape_not_by_the_level():
    """Does a social pupil get the social occupation although all levels are higher elsewhere?"""
    occupations = [
        OccupationProfile(1, "Tischler/in", "PRFE", (6.5, 2.0, 2.5, 1.5, 2.0, 4.5)),
        OccupationProfile(2, "Erzieher/in", "SP", (4.5, 2.5, 2.5, 5.5, 2.5, 4.0)),
        OccupationProfile(3, "Kaufmann/-frau", "WIVE", (4.0, 2.0, 1.5, 2.0, 5.0, 6.5)),
    ]
    scores = {"R": 20, "I": 30, "A": 50, "S": 95, "E": 40, "C": 10}
    ranked = rank_occupations(scores, "SAE", occupations)
    assert ranked[0]["title"] == "Erzieher/in"
    assert "S" in ranked[0]["shared_types"]
    assert [o["similarity"] for o in ranked] == sorted(
        (o["similarity"] for o in ranked), reverse=True
    )
