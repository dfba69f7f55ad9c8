"""The KAoA plan per school form, Jahrgang and target group, mandatory vs optional, and what
counts as missing for a pupil (their own plan; a step done earlier counts later)."""

from __future__ import annotations

import pytest

from app.portfolio.models import PortfolioStep
from app.schools.models import PupilTargetGroup
from tests import factories as f

PLAN = "/api/v1/kaoa/plan"


def _plan(client, **query) -> dict:
    response = client.get(PLAN, query_string=query)
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def _elements(body, mandatory: bool) -> list[str]:
    return [s["sbo_kuerzel"] for s in body["steps"] if s["mandatory"] is mandatory]


def test_grade_8_has_potenzialanalyse_three_bfe_days_parents_and_portfolio(world, login_as):
    """Does grade 8 at a Realschule plan 2.5, 3.4, the Potenzialanalyse and three BFE days as
    mandatory, and Beratung / Berufsberatung (from grade 8) as optional?"""
    body = _plan(login_as(world.users.teacher), schulform="R", jahrgang="8")
    assert _elements(body, True) == [
        "SBO 2.5", "SBO 3.4", "SBO 4.1", "SBO 5.1", "SBO 5.1", "SBO 5.1",
    ]  # fmt: skip
    assert _elements(body, False) == ["SBO 2.1", "SBO 2.2"]
    assert [s["sequence"] for s in body["steps"] if s["sbo_kuerzel"] == "SBO 5.1"] == [1, 2, 3]


@pytest.mark.parametrize("schulform", ["H", "R", "SK", "GE"])
def test_one_mandatory_praktikum_in_grade_9_and_praxiskurse_optional(world, login_as, schulform):
    """Is the Betriebspraktikum mandatory once, in grade 9, and the Praxiskurs an optional
    extra in 9 and 10 — with the Praktikum still due in 10 only from grade 9?"""
    client = login_as(world.users.teacher)
    nine = _plan(client, schulform=schulform, jahrgang="9")
    assert _elements(nine, True) == ["SBO 6.1", "SBO 10.6"]
    assert "SBO 6.4" in _elements(nine, False)
    ten = _plan(client, schulform=schulform, jahrgang="10")
    assert "SBO 6.1" not in [s["sbo_kuerzel"] for s in ten["steps"]]
    assert _elements(ten, True) == ["SBO 10.6"]
    assert "SBO 6.4" in _elements(ten, False)
    earlier = [(s["jahrgang"], s["sbo_kuerzel"]) for s in ten["due_from_earlier"]]
    assert ("9", "SBO 6.1") in earlier and ("8", "SBO 4.1") in earlier


def test_gymnasium_g9_plans_the_praktikum_in_grade_10(world, login_as):
    """Does a Gymnasium (G9: Sek I ends with grade 10) plan the Praktikum in grade 10?"""
    client = login_as(world.users.teacher)
    assert "SBO 6.1" not in [
        s["sbo_kuerzel"] for s in _plan(client, schulform="GY", jahrgang="9")["steps"]
    ]
    assert "SBO 6.1" in _elements(_plan(client, schulform="GY", jahrgang="10"), True)


@pytest.mark.parametrize("schulform", ["GY", "GE", "BK"])
def test_sek_ii_workshops_studienorientierung_praxiselemente_and_av_in_q1(
    world, login_as, reference, schulform
):
    """Does Sek II (Gymnasium, Gesamtschule, Berufliches Gymnasium) plan 8.1 in EF, 8.2, 9.2
    and the updated Anschlussvereinbarung in Q1, 9.3 in Q2 and the Praxiselemente in EF —
    Studienorientierung not as a workshop?"""
    client = login_as(world.users.teacher)
    ef, q1, q2 = (_plan(client, schulform=schulform, jahrgang=j) for j in ("EF", "Q1", "Q2"))
    assert _elements(ef, True) == ["SBO 8.1", "SBO 9.1"]
    assert _elements(q1, True) == ["SBO 8.2", "SBO 9.2", "SBO 10.6"]
    assert _elements(q2, True) == ["SBO 9.3"]
    (orientation,) = [s for s in q1["steps"] if s["sbo_kuerzel"] == "SBO 9.2"]
    assert orientation["kind"] == "study_orientation"
    assert orientation["official_text"] == "Studienorientierung"
    assert [s["sbo_kuerzel"] for s in q2["due_from_earlier"]] == [
        "SBO 8.1", "SBO 9.1", "SBO 8.2", "SBO 9.2", "SBO 10.6",
    ]  # fmt: skip


def test_a_kommune_may_set_praxiselemente_in_q1_q2(world, login_as, db):
    """When the Kommune sets Q1/Q2, are the Praxiselemente planned in Q1 instead of EF?"""
    world.kommune.praxiselemente_window = "Q1_Q2"
    db.session.commit()
    client = login_as(world.users.teacher)
    assert "SBO 9.1" not in _elements(_plan(client, schulform="GY", jahrgang="EF"), True)
    assert "SBO 9.1" in _elements(_plan(client, schulform="GY", jahrgang="Q1"), True)


def test_a_kommune_may_count_girls_boys_day_as_one_bfe_day(world, login_as, db):
    """Where the Kommune allows it, is Girls'/Boys' Day an optional element that meets a
    Berufsfelderkundung day?"""
    world.kommune.girls_boys_day_counts = True
    db.session.commit()
    body = _plan(login_as(world.users.teacher), schulform="R", jahrgang="8")
    assert "GBD" in _elements(body, False)
    days = [s for s in body["steps"] if s["sbo_kuerzel"] == "SBO 5.1"]
    assert all(d["alternatives"] == ["GBD"] for d in days)


def test_no_plan_for_a_jahrgang_the_school_form_lacks(world, login_as):
    """Is a Q1 plan for a Realschule refused with a 422 naming the Jahrgang?"""
    response = login_as(world.users.teacher).get(
        PLAN, query_string={"schulform": "R", "jahrgang": "Q1"}
    )
    assert response.status_code == 422
    body = response.get_json()
    assert body["type"].endswith("/kaoa-plan-not-offered") and "jahrgang" in body["errors"]


def test_star_plan_has_the_star_elements(world, login_as):
    """Does the STAR plan have the STAR Potenzialanalyse (Sehen: 4.5), STAR-BFE days, the
    Berufswegekonferenz and the STAR Praktikum (block or long-term) instead of 6.1?"""
    client = login_as(world.users.teacher)
    eight = _plan(client, schulform="GE", jahrgang="8", target_group="star")
    assert _elements(eight, True) == [
        "SBO 2.5", "SBO 3.4", "SBO 4.3", "SBO 5.2", "SBO 5.2", "SBO 5.2",
    ]  # fmt: skip
    seeing = _plan(
        client, schulform="GE", jahrgang="8", target_group="star", foerderschwerpunkt="SE"
    )
    assert "SBO 4.5" in _elements(seeing, True)
    nine = _plan(client, schulform="GE", jahrgang="9", target_group="star")
    assert _elements(nine, True) == ["SBO 2.4", "SBO 6.3", "SBO 10.6"]
    (block,) = [s for s in nine["steps"] if s["sbo_kuerzel"] == "SBO 6.3"]
    assert block["alternatives"] == ["SBO 6.6"]


def test_learning_support_and_foerderschule_get_the_two_day_potenzialanalyse(world, login_as):
    """Do pupils with Förderschwerpunkt Lernen/ESE — and a Förderschule by default — get the
    two-day Potenzialanalyse 4.2?"""
    client = login_as(world.users.teacher)
    sen = _plan(client, schulform="R", jahrgang="8", target_group="sen_learning")
    assert "SBO 4.2" in _elements(sen, True) and "SBO 4.1" not in _elements(sen, True)
    school = _plan(client, schulform="S", jahrgang="8")
    assert school["target_groups"] == ["sen_learning"] and "SBO 4.2" in _elements(school, True)


def test_kaoa_kompakt_replaces_the_grade_8_elements(world, login_as):
    """Does a newly arrived pupil in grade 9 (KAoA-kompakt) have 7.1 and owe no grade-8
    element?"""
    body = _plan(
        login_as(world.users.teacher), schulform="H", jahrgang="9", target_group="kaoa_kompakt"
    )
    assert _elements(body, True) == ["SBO 7.1", "SBO 6.1", "SBO 10.6"]
    assert body["due_from_earlier"] == []


def _leaver_row(client, school, pupil) -> dict:
    body = client.get(f"/api/v1/schools/{school.id}/leavers?per_page=100").get_json()
    return next(r for r in body["items"] if r["pupil_id"] == pupil.id)


def test_grade_10_pupil_with_praktikum_in_9_has_no_missing_praktikum(
    world, reference, login_as, db
):
    """Does a grade-10 pupil who did the Praktikum in grade 9 miss no 6.1 — in the leaver list,
    the class matrix and their own progress — while a classmate without it does?"""
    db.session.add(
        PortfolioStep(pupil_id=world.pupil.id, jahrgang="9", sbo_kuerzel="SBO 6.1", status="done")
    )
    db.session.commit()
    stubo = login_as(world.users.stubo)
    assert "SBO 6.1" not in _leaver_row(stubo, world.school, world.pupil)["missing_steps"]
    assert "SBO 6.1" in _leaver_row(stubo, world.school, world.classmate)["missing_steps"]
    assert "SBO 6.4" not in _leaver_row(stubo, world.school, world.classmate)["missing_steps"]
    matrix = login_as(world.users.teacher).get(f"/api/v1/classes/{world.klasse.id}/progress").json
    rows = {r["id"]: r for r in matrix["pupils"]}
    assert "SBO 6.1" not in rows[world.pupil.id]["missing"]
    own = login_as(world.pupil).get("/api/v1/me/portfolio").json
    assert "SBO 6.1" not in own["progress"]["missing"]
    assert own["progress"]["mandatory_due"] > own["progress"]["mandatory_met"] > 0


def test_star_pupils_missing_steps_are_the_star_elements(world, reference, login_as, db):
    """Are the missing steps of a STAR leaver (Förderschwerpunkt GG) the STAR elements — and
    does a STAR Praktikum in long-term form meet the STAR Praktikum?"""
    db.session.add(
        PupilTargetGroup(pupil_id=world.classmate.id, star=True, foerderschwerpunkt="GG")
    )
    db.session.commit()
    stubo = login_as(world.users.stubo)
    missing = _leaver_row(stubo, world.school, world.classmate)["missing_steps"]
    assert missing == ["SBO 2.5", "SBO 3.4", "SBO 4.3", "SBO 5.2", "SBO 2.4", "SBO 6.3", "SBO 10.6"]
    db.session.add(
        PortfolioStep(
            pupil_id=world.classmate.id, jahrgang="9", sbo_kuerzel="SBO 6.6", status="done"
        )
    )
    db.session.commit()
    assert "SBO 6.3" not in _leaver_row(stubo, world.school, world.classmate)["missing_steps"]
    regular = _leaver_row(stubo, world.school, world.pupil)["missing_steps"]
    assert "SBO 4.1" in regular and "SBO 4.3" not in regular


def test_plan_needs_a_signed_in_user(api, world):
    """Is the plan refused to anonymous callers?"""
    assert api.get(PLAN, query_string={"schulform": "R", "jahrgang": "8"}).status_code == 401


def test_a_new_school_form_pupil_plan_in_the_portfolio(world, reference, login_as, db):
    """Does a grade-9 pupil of a Hauptschule see the Praktikum as mandatory, the Praxiskurs as
    optional in "Mein Weg"?"""
    school = f.make_school(world.kommune, schulform="H")
    pupil = f.make_pupil(f.make_class(school, "9b", "9"))
    db.session.commit()
    steps = login_as(pupil).get("/api/v1/me/portfolio").json["steps"]
    flags = {s["sbo_kuerzel"]: s["mandatory"] for s in steps}
    assert flags["SBO 6.1"] is True and flags["SBO 6.4"] is False and flags["SBO 10.6"] is True


def test_certificates_are_shown_under_todays_names(world, reference, login_as):
    """Does the Anschluss catalogue name the certificates as people know them today (ESA, EESA,
    MSA, MSA mit Qualifikationsvermerk) and keep the catalogue key and text internally?"""
    client = login_as(world.users.teacher)
    body = client.get("/api/v1/anschluss/catalog").get_json()
    names = {c["code"]: c["text"] for c in body["certificates"]}
    assert names["SBO_10_7_5"] == "Erster Schulabschluss (ESA)"
    assert names["SBO_10_7_6"] == "Erweiterter Erster Schulabschluss (EESA)"
    assert names["SBO_10_7_7"] == "Mittlerer Schulabschluss (MSA)"
    assert names["SBO_10_7_8"] == "MSA mit Qualifikationsvermerk"
    official = {c["code"]: c["official_text"] for c in body["certificates"]}
    assert "HA9" in official["SBO_10_7_5"]
    english = client.get("/api/v1/anschluss/catalog", headers={"Accept-Language": "en"})
    assert "ESA" in {c["code"]: c["text"] for c in english.get_json()["certificates"]}["SBO_10_7_5"]
