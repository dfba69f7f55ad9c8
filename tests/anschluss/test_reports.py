"""A pupil reports news ("Ich habe eine Zusage"); the teacher confirms or dismisses it."""

from __future__ import annotations

from tests.anschluss.anschluss_helpers import put_anschluss


def test_pupil_report_confirmed_by_teacher_changes_the_anschluss(anschluss_world, login_as):
    """Does a confirmed Zusage become the pupil's status, marked as coming from the pupil?"""
    w = anschluss_world
    teacher = login_as(w.users.teacher)
    put_anschluss(
        teacher,
        w.pupil.id,
        status="beworben",
        option_code="DUAL",
        expected_certificate="SBO_10_7_7",
    )
    pupil = login_as(w.pupil)
    created = pupil.post("/api/v1/me/anschluss/reports", json={"proposed_status": "zugesagt"})
    assert created.status_code == 201, created.get_json()
    report_id = created.get_json()["id"]
    assert (
        pupil.post("/api/v1/me/anschluss/reports", json={"proposed_status": "zugesagt"}).status_code
        == 409
    )

    pending = teacher.get(f"/api/v1/pupils/{w.pupil.id}/anschluss/reports").get_json()
    assert [(r["id"], r["state"]) for r in pending] == [(report_id, "pending")]
    confirmed = teacher.post(f"/api/v1/anschluss-reports/{report_id}/confirm", json={})
    assert confirmed.status_code == 200, confirmed.get_json()
    assert confirmed.get_json()["state"] == "confirmed"

    mine = pupil.get("/api/v1/me/anschluss").get_json()
    assert mine["anschluss"]["status"] == "zugesagt"
    assert mine["anschluss"]["evidence"] == "pupil_report"
    assert mine["history"][0]["source"] == "pupil_report"
    assert mine["history"][0]["changed_by"] is None  # staff names stay with the school
    again = teacher.post(f"/api/v1/anschluss-reports/{report_id}/confirm", json={})
    assert again.status_code == 409


def test_confirming_needs_a_valid_anschluss(anschluss_world, login_as):
    """Can the teacher add the option the pupil did not give, and is an invalid one refused?"""
    w = anschluss_world
    pupil = login_as(w.pupil)
    report_id = pupil.post(
        "/api/v1/me/anschluss/reports", json={"proposed_status": "zugesagt"}
    ).get_json()["id"]
    teacher = login_as(w.users.teacher)
    refused = teacher.post(f"/api/v1/anschluss-reports/{report_id}/confirm", json={})
    assert refused.status_code == 422 and "option_code" in refused.get_json()["errors"]
    ok = teacher.post(
        f"/api/v1/anschluss-reports/{report_id}/confirm",
        json={"option_code": "DUAL", "expected_certificate": "SBO_10_7_5"},
    )
    assert ok.status_code == 200


def test_dismissed_report_leaves_the_anschluss_alone(anschluss_world, login_as):
    """Does dismissing a report keep the status, and may the pupil not decide it themself?"""
    w = anschluss_world
    pupil = login_as(w.pupil)
    report_id = pupil.post(
        "/api/v1/me/anschluss/reports", json={"proposed_status": "beworben", "option_code": "FOS"}
    ).get_json()["id"]
    assert pupil.post(f"/api/v1/anschluss-reports/{report_id}/dismiss").status_code == 403
    assert (
        login_as(w.teacher_b).post(f"/api/v1/anschluss-reports/{report_id}/dismiss").status_code
        == 403
    )
    teacher = login_as(w.users.teacher)
    assert teacher.post(f"/api/v1/anschluss-reports/{report_id}/dismiss").status_code == 200
    assert pupil.get("/api/v1/me/anschluss").get_json()["anschluss"]["status"] == "offen"


def test_pupil_cannot_report_arbitrary_states(anschluss_world, login_as):
    """Is 'geplant' or an unknown option refused from the pupil's side with a named field?"""
    w = anschluss_world
    pupil = login_as(w.pupil)
    response = pupil.post("/api/v1/me/anschluss/reports", json={"proposed_status": "geplant"})
    assert response.status_code == 422 and "proposed_status" in response.get_json()["errors"]
    response = pupil.post(
        "/api/v1/me/anschluss/reports", json={"proposed_status": "zugesagt", "option_code": "NOPE"}
    )
    assert response.status_code == 422 and "option_code" in response.get_json()["errors"]
    assert login_as(w.users.teacher).get("/api/v1/me/anschluss").status_code == 403
