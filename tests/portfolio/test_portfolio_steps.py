"""The pupil's portfolio "Mein Weg": KAoA steps of the Jahrgang and the pupil's reflections."""

from __future__ import annotations

from sqlalchemy import func, select

from app.portfolio.models import PortfolioStep
from tests import factories as f

URL = "/api/v1/me/portfolio"


def _steps(client):
    body = client.get(URL).json
    return body["steps"] + body["earlier_steps"]


def _put(client, step_id, **fields):
    body = {"status": "open", "date": None, "provider": "", "berufsfeld": None, "reflection": ""}
    body.update(fields)
    return client.put(f"{URL}/steps/{step_id}", json=body)


def test_does_a_grade_10_pupil_see_the_official_steps_of_the_jahrgang(
    db, world, reference, login_as
):
    """Are the SBO elements of Jahrgang 10 (Gesamtschule) listed with their official texts, all
    still open — the Praktikum not again (it is planned in 9), the Praxiskurs optional?"""
    response = login_as(world.pupil).get(URL)
    assert response.status_code == 200
    body = response.json
    assert body["jahrgang"] == "10" and body["class_name"] == "10a"
    assert [(s["sbo_kuerzel"], s["mandatory"]) for s in body["steps"]] == [
        ("SBO 2.1", False),
        ("SBO 2.2", False),
        ("SBO 6.4", False),
        ("SBO 10.1", False),
        ("SBO 10.6", True),
    ]
    assert body["steps"][4]["official_text"] == "Anschlussvereinbarung"
    assert {s["status"] for s in body["steps"]} == {"open"}
    assert not any(s["shared"] for s in body["steps"])


def test_does_a_grade_8_pupil_get_potenzialanalyse_and_three_bfe_days(
    db, world, reference, login_as
):
    """Does Jahrgang 8 list the Potenzialanalyse and three Berufsfelderkundung days?"""
    klasse = f.make_class(world.school, "8c", "8")
    pupil = f.make_pupil(klasse)
    db.session.commit()
    steps = _steps(login_as(pupil))
    kinds = [s["kind"] for s in steps]
    assert kinds.count("field_day") == 3 and "potential_analysis" in kinds
    assert [s["sequence"] for s in steps if s["kind"] == "field_day"] == [1, 2, 3]


def test_does_opening_the_portfolio_twice_create_no_duplicates(db, world, reference, login_as):
    """Is the list the same, with the same ids, when opened again?"""
    client = login_as(world.pupil)
    first, second = _steps(client), _steps(client)
    assert [s["id"] for s in first] == [s["id"] for s in second]
    assert db.session.scalar(select(func.count(PortfolioStep.id))) == len(first)


def test_can_the_pupil_record_a_step_and_a_reflection(db, world, reference, login_as):
    """Is a finished internship with date, company, Berufsfeld and reflection kept?"""
    client = login_as(world.pupil)
    step = next(s for s in _steps(client) if s["kind"] == "internship")
    response = _put(
        client,
        step["id"],
        status="done",
        date="2026-02-02",
        provider="Tischlerei Kaya",
        berufsfeld="PRFE",
        reflection="Holz riecht gut. Ich nehme mit: genau messen!",
    )
    assert response.status_code == 200, response.json
    again = next(s for s in _steps(client) if s["id"] == step["id"])
    assert again["status"] == "done" and again["date"] == "2026-02-02"
    assert again["provider"] == "Tischlerei Kaya" and again["berufsfeld"] == "PRFE"
    assert again["reflection"].startswith("Holz riecht gut")


def test_is_bad_step_input_refused_and_nothing_changed(db, world, reference, login_as):
    """Are an oversized reflection, a wrong status and a misplaced Berufsfeld 422s?"""
    client = login_as(world.pupil)
    steps = _steps(client)
    internship = next(s for s in steps if s["kind"] == "internship")
    talk = next(s for s in steps if s["kind"] == "counselling")
    too_long = _put(client, internship["id"], status="done", reflection="x" * 2001)
    assert too_long.status_code == 422 and "reflection" in too_long.json["errors"]
    assert _put(client, internship["id"], status="finished").status_code == 422
    bad_field = _put(client, internship["id"], status="done", berufsfeld="XX")
    assert bad_field.status_code == 422 and "berufsfeld" in bad_field.json["errors"]
    assert _put(client, talk["id"], status="done", berufsfeld="SP").status_code == 422
    unknown = client.put(f"{URL}/steps/{internship['id']}", json={"status": "done", "x": 1})
    assert unknown.status_code == 422 and "x" in unknown.json["errors"]
    stored = db.session.get(PortfolioStep, internship["id"])
    assert stored.status == "open" and stored.reflection == ""


def test_can_a_pupil_not_change_another_pupils_step(db, world, reference, login_as):
    """Is a classmate's step id answered with 404 and left untouched?"""
    theirs = _steps(login_as(world.classmate))[0]
    response = _put(login_as(world.pupil), theirs["id"], status="done", reflection="hacked")
    assert response.status_code == 404
    assert db.session.get(PortfolioStep, theirs["id"]).reflection == ""


def test_can_staff_not_write_into_a_pupils_portfolio(db, world, reference, login_as):
    """Is there no way for a teacher to set a step or write text about a pupil?"""
    step = _steps(login_as(world.pupil))[0]
    teacher = login_as(world.users.teacher)
    assert _put(teacher, step["id"], status="done", reflection="Note").status_code == 403
    assert teacher.get(URL).status_code == 403


def test_does_a_pupil_without_a_class_get_an_empty_portfolio(db, world, reference, login_as):
    """Does a pupil not yet in a class get no steps instead of an error?"""
    loner = f.make_user("pupil", school_id=world.school.id)
    db.session.commit()
    body = login_as(loner).get(URL).json
    assert body == {
        "jahrgang": None,
        "class_name": None,
        "steps": [],
        "earlier_steps": [],
        "bookings": [],
        "progress": {"mandatory_due": 0, "mandatory_met": 0, "missing": []},
    }
