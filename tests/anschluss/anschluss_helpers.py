"""Helpers of the Anschluss tests: statement counting, audit look-ups, recording an Anschluss."""

from __future__ import annotations

from sqlalchemy import func, select

from app.anschluss import record
from app.anschluss.models import Anschluss
from app.core.audit import AuditEvent
from app.extensions import db as database


def audit_events(db, resource: str | None = None) -> list[AuditEvent]:
    query = select(AuditEvent).order_by(AuditEvent.id)
    if resource:
        query = query.where(AuditEvent.resource == resource)
    return list(db.session.scalars(query))


def audit_count(db) -> int:
    return db.session.scalar(select(func.count(AuditEvent.id)))


def put_anschluss(client, pupil_id: int, **body):
    """Change the record like the screen does: with the stored lock_version (0 before the
    first save), unless the test names one (the API requires it). Read from the database, not
    through the API, so that the audit trail of the test holds only what the test did."""
    if "lock_version" not in body:
        year = record.record_year(pupil_id)
        stored = year and database.session.scalar(
            select(Anschluss.lock_version).where(
                Anschluss.pupil_id == pupil_id, Anschluss.school_year_id == year.id
            )
        )
        body["lock_version"] = stored or 0
    return client.put(f"/api/v1/pupils/{pupil_id}/anschluss", json=body)
