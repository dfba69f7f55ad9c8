"""Anschlussvereinbarung: versions, pupil confirmation, next steps, PDF."""

from __future__ import annotations

from datetime import timedelta

from app.core import clock
from tests.anschluss.anschluss_helpers import audit_events, put_anschluss

URL = "/api/v1/pupils/{}/anschlussvereinbarungen"


def agreement_body(**extra):
    body = {
        "stufe": "10",
        "wish_option": "DUAL",
        "wish_text": "Kfz-Mechatroniker/in",
        "alternatives": [{"option_code": "BFSII", "text": "Berufsfachschule Technik"}],
        "berufsfelder": ["M", "TEC"],
        "next_steps": [
            {
                "description": "Bewerbung an drei Betriebe",
                "owner": "pupil",
                "due_on": (clock.today() + timedelta(days=14)).isoformat(),
            },
            {"description": "Termin Berufsberatung", "owner": "teacher"},
        ],
        "contacts": [{"name": "Frau Demir", "organisation": "Agentur für Arbeit"}],
    }
    body.update(extra)
    return body


def test_each_save_is_a_new_version(anschluss_world, login_as, db):
    """Does every POST create a new version and keep the earlier one readable?"""
    w = anschluss_world
    teacher = login_as(w.users.teacher)
    first = teacher.post(URL.format(w.pupil.id), json=agreement_body(stufe="9.2"))
    assert first.status_code == 201, first.get_json()
    second = teacher.post(
        URL.format(w.pupil.id), json=agreement_body(wish_text="Industriemechaniker/in")
    )
    assert second.get_json()["version"] == 2
    versions = teacher.get(URL.format(w.pupil.id)).get_json()
    assert [(v["version"], v["is_current"]) for v in versions] == [(2, True), (1, False)]
    assert versions[1]["stufe"] == "9.2"
    assert versions[0]["next_steps"][0]["owner"] == "pupil"
    assert versions[0]["berufsfelder"] == ["M", "TEC"]
    assert audit_events(db, "anschlussvereinbarung")[-1].purpose == "career_guidance"


def test_invalid_agreements_name_the_field(anschluss_world, login_as):
    """Are unknown Berufsfelder, wrong owners and options not open with the certificate refused?"""
    w = anschluss_world
    teacher = login_as(w.users.teacher)
    put_anschluss(teacher, w.pupil.id, status="nokean", expected_certificate="SBO_10_7_7")
    cases = [
        (agreement_body(berufsfelder=["XX"]), "berufsfelder"),
        (agreement_body(wish_option="STUD"), "wish_option"),
        (agreement_body(alternatives=[{"option_code": "GY"}]), "alternatives.0.option_code"),
        (
            agreement_body(next_steps=[{"description": "x", "owner": "nobody"}]),
            "next_steps.0.owner",
        ),
        (agreement_body(stufe="11"), "stufe"),
        (agreement_body(notes="free text"), "notes"),
    ]
    for body, field in cases:
        response = teacher.post(URL.format(w.pupil.id), json=body)
        assert response.status_code == 422, body
        assert field in response.get_json()["errors"], response.get_json()
    assert teacher.get(URL.format(w.pupil.id)).get_json() == []


def test_pupil_confirms_the_current_version(anschluss_world, login_as):
    """Can the pupil confirm their current version — once — but not an outdated one?"""
    w = anschluss_world
    teacher = login_as(w.users.teacher)
    v1 = teacher.post(URL.format(w.pupil.id), json=agreement_body()).get_json()
    v2 = teacher.post(URL.format(w.pupil.id), json=agreement_body()).get_json()
    pupil = login_as(w.pupil)
    mine = pupil.get("/api/v1/me/anschluss").get_json()
    assert mine["agreement"]["id"] == v2["id"] and mine["agreement"]["confirmed_at"] is None
    assert pupil.post(f"/api/v1/me/anschlussvereinbarungen/{v1['id']}/confirm").status_code == 409
    ok = pupil.post(f"/api/v1/me/anschlussvereinbarungen/{v2['id']}/confirm")
    assert ok.status_code == 200 and ok.get_json()["confirmed_at"]
    assert pupil.post(f"/api/v1/me/anschlussvereinbarungen/{v2['id']}/confirm").status_code == 409
    classmate = login_as(w.classmate)
    assert (
        classmate.post(f"/api/v1/me/anschlussvereinbarungen/{v2['id']}/confirm").status_code == 403
    )


def test_overdue_next_steps_show_for_the_teacher(anschluss_world, login_as):
    """Does a step past its due date show in the class overview until it is ticked off?"""
    w = anschluss_world
    teacher = login_as(w.users.teacher)
    yesterday = (clock.today() - timedelta(days=1)).isoformat()
    created = teacher.post(
        URL.format(w.pupil.id),
        json=agreement_body(
            next_steps=[
                {"description": "Praktikumsplatz suchen", "owner": "pupil", "due_on": yesterday}
            ]
        ),
    ).get_json()
    step = created["next_steps"][0]
    assert step["overdue"] is True
    rows = teacher.get(f"/api/v1/classes/{w.klasse.id}/anschluss").get_json()
    mine = next(r for r in rows if r["pupil_id"] == w.pupil.id)
    assert mine["overdue_steps"] == 1 and "overdue_next_step" in mine["risk_reasons"]

    pupil = login_as(w.pupil)
    done = pupil.patch(f"/api/v1/anschluss-steps/{step['id']}", json={"done": True})
    assert done.status_code == 200 and done.get_json()["overdue"] is False
    assert (
        login_as(w.classmate)
        .patch(f"/api/v1/anschluss-steps/{step['id']}", json={"done": False})
        .status_code
        == 403
    )
    rows = teacher.get(f"/api/v1/classes/{w.klasse.id}/anschluss").get_json()
    assert next(r for r in rows if r["pupil_id"] == w.pupil.id)["overdue_steps"] == 0


def test_printable_pdf(anschluss_world, login_as, db):
    """Do the pupil and the teacher get a PDF, and is the teacher's download audited?"""
    w = anschluss_world
    teacher = login_as(w.users.teacher)
    agreement = teacher.post(URL.format(w.classmate.id), json=agreement_body()).get_json()
    response = teacher.get(f"/api/v1/anschlussvereinbarungen/{agreement['id']}/pdf")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf" and response.data.startswith(b"%PDF")
    assert audit_events(db, "anschlussvereinbarung.pdf")[-1].pupil_id == w.classmate.id
    assert (
        login_as(w.classmate)
        .get(f"/api/v1/anschlussvereinbarungen/{agreement['id']}/pdf")
        .status_code
        == 200
    )
    assert (
        login_as(w.pupil).get(f"/api/v1/anschlussvereinbarungen/{agreement['id']}/pdf").status_code
        == 403
    )
    assert login_as(w.teacher_b).get(URL.format(w.classmate.id)).status_code == 403
