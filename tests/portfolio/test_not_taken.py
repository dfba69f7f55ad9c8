"""Staff record "nicht teilgenommen" with a reason: shown, counted as resolved, exported."""

from __future__ import annotations

from sqlalchemy import select

from app.core.audit import AuditEvent
from app.portfolio.models import PortfolioStep


def _url(pupil, code="SBO_6_1"):
    return f"/api/v1/pupils/{pupil.id}/steps/{code}/not-taken"


def _leaver_row(client, school, pupil) -> dict:
    body = client.get(f"/api/v1/schools/{school.id}/leavers?per_page=100").get_json()
    return next(r for r in body["items"] if r["pupil_id"] == pupil.id)


def test_teacher_records_not_taken_and_it_counts_as_resolved(world, reference, login_as, db):
    """Does the class teacher's "nicht teilgenommen" with a reason resolve the missing
    Praktikum (on the grade-9 step of the grade-10 pupil), show it to the pupil and audit it?"""
    stubo = login_as(world.users.stubo)
    assert "SBO 6.1" in _leaver_row(stubo, world.school, world.pupil)["missing_steps"]
    response = login_as(world.users.teacher).put(
        _url(world.pupil), json={"reason": "Langzeiterkrankung im Praktikumszeitraum"}
    )
    assert response.status_code == 200, response.get_json()
    step = response.get_json()
    assert (step["jahrgang"], step["status"], step["mandatory"]) == ("9", "not_taken", True)
    assert step["not_taken_reason"] == "Langzeiterkrankung im Praktikumszeitraum"
    assert "SBO 6.1" not in _leaver_row(stubo, world.school, world.pupil)["missing_steps"]
    own = login_as(world.pupil).get("/api/v1/me/portfolio").json
    (shown,) = [s for s in own["earlier_steps"] if s["sbo_kuerzel"] == "SBO 6.1"]
    assert shown["status"] == "not_taken" and shown["not_taken_reason"].startswith("Langzeit")
    db.session.expire_all()
    events = db.session.scalars(
        select(AuditEvent).where(AuditEvent.resource == "portfolio_step_not_taken")
    ).all()
    assert [(e.pupil_id, e.actor_id) for e in events] == [(world.pupil.id, world.users.teacher.id)]


def test_not_taken_is_exported_as_nicht_teilgenommen_with_the_reason(
    world, reference, login_as, db
):
    """Does the KAoA export send the catalogue's "nicht teilgenommen" with the reason as
    its free text?"""
    world.pupil.external_id = "4711"
    db.session.commit()
    login_as(world.users.teacher).put(_url(world.pupil, "SBO_10_6"), json={"reason": "verweigert"})
    document = (
        login_as(world.users.stubo)
        .get(f"/api/v1/schools/{world.school.id}/kaoa-export.json")
        .get_json()
    )
    leaver = next(p for p in document["pupils"] if p["external_id"] == "4711")
    remarks = [r["bemerkung"] for r in leaver["kaoa"] if r["bemerkung"]]
    assert remarks == ["verweigert"]


def test_a_done_step_cannot_be_marked_not_taken(world, reference, login_as, db):
    """Is "nicht teilgenommen" on a step the pupil did refused with 409?"""
    db.session.add(
        PortfolioStep(pupil_id=world.pupil.id, jahrgang="9", sbo_kuerzel="SBO 6.1", status="done")
    )
    db.session.commit()
    response = login_as(world.users.teacher).put(_url(world.pupil), json={"reason": "x"})
    assert response.status_code == 409
    assert response.get_json()["type"].endswith("/step-already-done")


def test_an_element_outside_the_plan_or_no_reason_is_refused(world, reference, login_as):
    """Is an element not in the pupil's plan, or a missing reason, a 422 naming the field?"""
    client = login_as(world.users.teacher)
    outside = client.put(_url(world.pupil, "SBO_6_3"), json={"reason": "x"})
    assert outside.status_code == 422 and "code" in outside.get_json()["errors"]
    empty = client.put(_url(world.pupil), json={"reason": ""})
    assert empty.status_code == 422 and "reason" in empty.get_json()["errors"]


def test_the_pupil_may_not_record_not_taken(world, reference, login_as):
    """Can a pupil not mark their own step as not taken part?"""
    response = login_as(world.pupil).put(_url(world.pupil), json={"reason": "keine Lust"})
    assert response.status_code == 403
