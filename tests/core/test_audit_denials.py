"""Are requests the access policy refuses logged as security events, and only as such?"""

from __future__ import annotations

from sqlalchemy import select

from app.core.audit import AuditEvent, verify_chain

PUPILS_ROUTE = "/api/v1/classes/<int:class_id>/pupils"


def _denials(db) -> list[AuditEvent]:
    query = select(AuditEvent).where(AuditEvent.outcome == "denied").order_by(AuditEvent.seq)
    return list(db.session.scalars(query))


def test_is_a_teacher_refused_another_class_logged_with_actor_and_route(db, world, login_as):
    """Who tried which route and was refused — without naming a pupil?"""
    url = f"/api/v1/classes/{world.klasse.id}/pupils"
    assert login_as(world.teacher_b).get(url).status_code == 403
    [event] = _denials(db)
    assert (event.actor_id, event.actor_role) == (world.teacher_b.id, "teacher")
    assert (event.action, event.purpose, event.pupil_id) == ("request", "security", None)
    assert event.reason == f"403 GET {PUPILS_ROUTE}"
    assert event.resource == "schools.class_pupils"
    assert verify_chain()


def test_are_anonymous_and_missing_object_refusals_logged(db, world, client, login_as):
    """A 401 without a session, a 404 for an object that does not exist: both logged?"""
    assert client.get(f"/api/v1/classes/{world.klasse.id}/pupils").status_code == 401
    teacher = login_as(world.users.teacher)
    assert teacher.get("/api/v1/classes/987654/pupils").status_code == 404
    anonymous, missing = _denials(db)
    assert (anonymous.actor_id, anonymous.reason) == (None, f"401 GET {PUPILS_ROUTE}")
    assert (missing.actor_id, missing.reason) == (world.users.teacher.id, f"404 GET {PUPILS_ROUTE}")


def test_does_a_refused_attempt_stay_out_of_the_pupils_disclosures(db, world, login_as):
    """The pupil sees who read their data — is a refused attempt not listed as an access?"""
    login_as(world.teacher_b).get(f"/api/v1/classes/{world.klasse.id}/pupils")
    login_as(world.teacher_b).get(f"/api/v1/pupils/{world.pupil.id}/anschluss")
    assert len(_denials(db)) == 2
    body = login_as(world.pupil).get("/api/v1/me/disclosures").get_json()
    assert body["access_events"] == []


def test_does_an_allowed_request_write_no_security_event(db, world, login_as):
    """Is nothing logged as denied when the policy lets a request through?"""
    assert login_as(world.users.teacher).get("/api/v1/auth/me").status_code == 200
    assert _denials(db) == []
