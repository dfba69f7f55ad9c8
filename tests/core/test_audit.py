"""Is every staff read of pupil data audited, and is the audit log tamper-evident?"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.core.audit import AuditEvent, verify_chain


def _events(db):
    return db.session.scalars(select(AuditEvent).order_by(AuditEvent.id)).all()


def test_does_a_teacher_reading_a_class_list_leave_one_audit_row_per_pupil(db, world, login_as):
    """Who read which pupil's data, when, and why?"""
    response = login_as(world.users.teacher).get(f"/api/v1/classes/{world.klasse.id}/pupils")
    assert response.status_code == 200
    events = _events(db)
    assert {e.pupil_id for e in events} == {world.pupil.id, world.classmate.id}
    for event in events:
        assert event.actor_id == world.users.teacher.id
        assert event.actor_role == "teacher"
        assert event.action == "read"
        assert event.purpose == "class_management"
        assert event.outcome == "allowed"
        assert event.at.tzinfo is not None
        assert event.request_id
        assert "Becker" not in (event.categories + (event.reason or ""))


def test_is_a_refused_read_not_logged_as_a_read(db, world, login_as):
    """Does a teacher of another class leave no 'allowed' read behind?"""
    response = login_as(world.teacher_b).get(f"/api/v1/classes/{world.klasse.id}/pupils")
    assert response.status_code == 403
    assert [e for e in _events(db) if e.outcome == "allowed"] == []


def test_does_the_hash_chain_reveal_a_changed_row(db, world, login_as):
    """Would editing an audit row behind the app's back be noticed?"""
    login_as(world.users.teacher).get(f"/api/v1/classes/{world.klasse.id}/pupils")
    login_as(world.users.stubo).get(f"/api/v1/classes/{world.klasse.id}/pupils")
    events = _events(db)
    assert len(events) == 4
    assert verify_chain(events)
    assert events[1].prev_hash == events[0].hash
    db.session.expunge(events[2])
    events[2].purpose = "something_else"
    assert not verify_chain(events)


def test_does_the_app_refuse_to_change_or_delete_audit_rows(db, world, login_as):
    """Can application code update or delete an audit event?"""
    login_as(world.users.teacher).get(f"/api/v1/classes/{world.klasse.id}/pupils")
    event = _events(db)[0]
    event.purpose = "changed"
    with pytest.raises(RuntimeError, match="append-only"):
        db.session.flush()
    db.session.rollback()
    event = _events(db)[0]
    db.session.delete(event)
    with pytest.raises(RuntimeError, match="append-only"):
        db.session.flush()
    db.session.rollback()
