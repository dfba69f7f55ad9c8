"""Recording a leaver's Anschluss: validation, transitions, history, access and audit."""

from __future__ import annotations

from app.anschluss.models import Anschluss
from tests.anschluss.anschluss_helpers import audit_events, put_anschluss
from tests.support import count_of


def test_teacher_records_an_anschluss_with_history_and_audit(anschluss_world, login_as, db):
    """Can the class teacher record certificate, option and status, and see who changed what?"""
    w = anschluss_world
    teacher = login_as(w.users.teacher)
    response = put_anschluss(
        teacher,
        w.pupil.id,
        status="geplant",
        option_code="BFSII",
        expected_certificate="SBO_10_7_7",
    )
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert (body["status"], body["option_code"], body["lock_version"]) == ("geplant", "BFSII", 1)
    response = put_anschluss(
        teacher,
        w.pupil.id,
        status="zugesagt",
        option_code="BFSII",
        expected_certificate="SBO 10.7.7",
        evidence="admission",
        lock_version=1,
    )
    assert response.status_code == 200
    assert response.get_json()["secured"] is True

    history = teacher.get(f"/api/v1/pupils/{w.pupil.id}/anschluss/history").get_json()
    assert [(h["from_status"], h["to_status"]) for h in history] == [
        ("geplant", "zugesagt"),
        ("offen", "geplant"),
    ]
    assert history[1]["to_option"] == "BFSII"
    assert history[0]["changed_by"] == w.users.teacher.full_name
    assert history[0]["changed_by_role"] == "teacher"
    events = audit_events(db, "anschluss_history")
    assert events[-1].purpose == "career_guidance" and events[-1].pupil_id == w.pupil.id


def test_option_must_fit_the_certificate(anschluss_world, login_as, db):
    """Is Gymnasiale Oberstufe refused with a plain FOR, naming the field, and nothing stored?"""
    w = anschluss_world
    teacher = login_as(w.users.teacher)
    response = put_anschluss(
        teacher, w.pupil.id, status="geplant", option_code="GY", expected_certificate="SBO_10_7_7"
    )
    assert response.status_code == 422
    assert response.mimetype == "application/problem+json"
    assert "option_code" in response.get_json()["errors"]
    assert count_of(Anschluss) == 0

    ok = put_anschluss(
        teacher, w.pupil.id, status="geplant", option_code="GY", expected_certificate="SBO_10_7_8"
    )
    assert ok.status_code == 200


def test_study_needs_fhr_or_ahr(anschluss_world, login_as):
    """Is Studium refused with a Hauptschulabschluss but accepted with the Abitur?"""
    w = anschluss_world
    teacher = login_as(w.users.teacher)
    refused = put_anschluss(
        teacher,
        w.pupil.id,
        status="beworben",
        option_code="STUD",
        expected_certificate="SBO_10_7_5",
    )
    assert refused.status_code == 422 and "option_code" in refused.get_json()["errors"]
    accepted = put_anschluss(
        teacher,
        w.pupil.id,
        status="beworben",
        option_code="STUD",
        expected_certificate="SBO_10_7_13",
    )
    assert accepted.status_code == 200


def test_missing_pieces_are_named(anschluss_world, login_as):
    """Does the 422 name the missing certificate, the missing option or the unknown key?"""
    w = anschluss_world
    teacher = login_as(w.users.teacher)
    cases = [
        ({"status": "geplant", "option_code": "DUAL"}, "expected_certificate"),
        ({"status": "geplant", "expected_certificate": "SBO_10_7_7"}, "option_code"),
        (
            {"status": "offen", "option_code": "DUAL", "expected_certificate": "SBO_10_7_7"},
            "option_code",
        ),
        (
            {"status": "geplant", "option_code": "XYZ", "expected_certificate": "SBO_10_7_7"},
            "option_code",
        ),
        (
            {"status": "geplant", "option_code": "DUAL", "expected_certificate": "SBO_99"},
            "expected_certificate",
        ),
        (
            {"status": "geplant", "option_code": "NOKEAN", "expected_certificate": "SBO_10_7_7"},
            "option_code",
        ),
        ({"status": "vielleicht"}, "status"),
        ({"status": "offen", "note": "free text"}, "note"),
    ]
    for body, field in cases:
        response = put_anschluss(teacher, w.pupil.id, **body)
        assert response.status_code == 422, body
        assert field in response.get_json()["errors"], (body, response.get_json())


def test_nokean_and_unbe_are_explicit(anschluss_world, login_as):
    """Do 'noch kein Anschluss' and 'Verbleib unbekannt' carry their official option codes?"""
    w = anschluss_world
    teacher = login_as(w.users.teacher)
    body = put_anschluss(teacher, w.pupil.id, status="nokean").get_json()
    assert (body["status"], body["option_code"]) == ("nokean", "NOKEAN")
    body = put_anschluss(teacher, w.pupil.id, status="unbe", option_code="ABSENZ").get_json()
    assert (body["status"], body["option_code"]) == ("unbe", "ABSENZ")


def test_status_transitions_are_checked(anschluss_world, login_as):
    """Can a started Anschluss fall back to 'geplant'? (No — only to nokean or unbe.)"""
    w = anschluss_world
    teacher = login_as(w.users.teacher)
    base = {"option_code": "DUAL", "expected_certificate": "SBO_10_7_6"}
    assert put_anschluss(teacher, w.pupil.id, status="zugesagt", **base).status_code == 200
    assert put_anschluss(teacher, w.pupil.id, status="angetreten", **base).status_code == 200
    response = put_anschluss(teacher, w.pupil.id, status="geplant", **base)
    assert response.status_code == 422 and "status" in response.get_json()["errors"]
    assert put_anschluss(teacher, w.pupil.id, status="nokean").status_code == 200


def test_stale_lock_version_is_a_conflict(anschluss_world, login_as):
    """Does a change based on an outdated read answer 409 instead of overwriting?"""
    w = anschluss_world
    teacher = login_as(w.users.teacher)
    put_anschluss(teacher, w.pupil.id, status="nokean", lock_version=0)
    response = put_anschluss(teacher, w.pupil.id, status="unbe", lock_version=0)
    assert response.status_code == 409


def test_unchanged_put_adds_no_history(anschluss_world, login_as):
    """Does saving the same values twice keep the history free of empty entries?"""
    w = anschluss_world
    teacher = login_as(w.users.teacher)
    put_anschluss(teacher, w.pupil.id, status="nokean")
    put_anschluss(teacher, w.pupil.id, status="nokean")
    history = teacher.get(f"/api/v1/pupils/{w.pupil.id}/anschluss/history").get_json()
    assert len(history) == 1


def test_get_is_offen_before_anything_is_recorded_and_audited(anschluss_world, login_as, db):
    """Does a pupil without a record show 'offen', and is the StuBO's read audited?"""
    w = anschluss_world
    stubo = login_as(w.users.stubo)
    body = stubo.get(f"/api/v1/pupils/{w.pupil.id}/anschluss").get_json()
    assert body["status"] == "offen" and body["lock_version"] == 0
    event = audit_events(db, "anschluss")[-1]
    assert (event.actor_role, event.purpose, event.pupil_id) == (
        "stubo",
        "career_guidance",
        w.pupil.id,
    )


def test_scope(anschluss_world, login_as):
    """Do another class's teacher, another school's StuBO, pupils and coordinators get refused?"""
    w = anschluss_world
    url = f"/api/v1/pupils/{w.pupil.id}/anschluss"
    assert login_as(w.teacher_b).get(url).status_code == 403
    assert login_as(w.users.pupil).get(url).status_code == 403
    assert login_as(w.users.kommune_coordinator).get(url).status_code == 403
    assert login_as(w.users.bk_coordinator).get(url).status_code == 403
    other = f"/api/v1/pupils/{w.other_pupil.id}/anschluss"
    assert login_as(w.users.stubo).get(other).status_code == 403
    assert login_as(w.users.admin).get(url).status_code == 200
    assert login_as(w.users.teacher).get("/api/v1/pupils/999999/anschluss").status_code == 404
