"""Schulpflicht computed and explained (SchulG NRW §§ 35, 37, 38)."""

from __future__ import annotations

from datetime import date

import pytest

from app.transition.schulpflicht import Facts, evaluate, full_time_end, school_entry, sek2_end


@pytest.mark.parametrize(
    ("born", "entry"),
    [
        (date(2011, 9, 30), date(2017, 8, 1)),  # six on 30 September: starts that year
        (date(2011, 10, 1), date(2018, 8, 1)),  # six on 1 October: the next year
        (date(2011, 1, 15), date(2017, 8, 1)),
    ],
)
def test_school_entry_follows_the_30_september_rule(born, entry):
    """Does a child who is six by 30 September start on 1 August of that year (§ 35)?"""
    assert school_entry(born) == entry


def test_vollzeitschulpflicht_lasts_ten_school_years():
    """Entry 1 August 2017 → ten school years → until 31 July 2027 (§ 37)?"""
    assert full_time_end(date(2011, 3, 3)) == date(2027, 7, 31)


@pytest.mark.parametrize(
    ("born", "end"),
    [
        (date(2011, 5, 17), date(2029, 7, 31)),  # 18 in May 2029: school year 2028/29
        (date(2011, 8, 1), date(2030, 7, 31)),  # 18 on 1 August 2029: school year 2029/30
        (date(2011, 7, 31), date(2029, 7, 31)),
    ],
)
def test_sek2_schulpflicht_ends_with_the_school_year_of_the_18th_birthday(born, end):
    """Without an apprenticeship: until the end of the school year in which the youth turns
    18 (§ 38 Abs. 3)?"""
    assert sek2_end(born) == end


def test_a_16_year_old_without_a_place_after_the_summer_is_flagged():
    """A leaver of 2027 with no Anschluss on 20 August: still obliged, flagged, explained?"""
    result = evaluate(Facts(date(2011, 5, 17), "nokean", "NOKEAN"), date(2027, 8, 20))
    assert (result["status"], result["until"]) == ("sek2", date(2029, 7, 31))
    assert result["obliged"] and result["flagged"]
    assert [r["code"] for r in result["reasons"]] == [
        "estimated_entry",
        "sek2_until_18",
        "place_missing",
    ]


def test_an_apprenticeship_means_schulpflicht_until_it_ends():
    """With a secured DUAL place: obliged for the apprenticeship's duration, not flagged?"""
    result = evaluate(Facts(date(2008, 5, 17), "zugesagt", "DUAL"), date(2027, 8, 20))
    assert result["status"] == "training" and not result["flagged"]


def test_an_unskilled_job_is_no_school_place():
    """Is a secured SVP job flagged for a youth still obliged (no Berufsschule place)?"""
    result = evaluate(Facts(date(2011, 5, 17), "zugesagt", "SVP"), date(2027, 8, 20))
    assert result["place"] == "place_not_school" and result["flagged"]


def test_past_18_the_schulpflicht_has_ended():
    result = evaluate(Facts(date(2008, 5, 17), "nokean", None), date(2027, 8, 20))
    assert (result["status"], result["obliged"], result["flagged"]) == ("ended", False, False)


def test_without_a_birth_date_the_status_is_unknown_not_guessed():
    result = evaluate(Facts(None, "offen", None), date(2027, 8, 20))
    assert (result["status"], result["flagged"]) == ("unknown", False)


def test_stubo_reads_the_explained_status(transition_world, login_as, db):
    """Does the StuBO get status, reasons and the legal basis for a leaver (and no code
    beyond the explanation keys)?"""
    w = transition_world
    response = login_as(w.users.stubo).get(f"/api/v1/pupils/{w.pupil.id}/schulpflicht")
    assert response.status_code == 200
    body = response.get_json()
    assert body["legal_basis"] == "SchulG NRW §§ 34–38"
    assert body["obliged"] is True
    assert body["reasons"][0]["code"] == "estimated_entry"
