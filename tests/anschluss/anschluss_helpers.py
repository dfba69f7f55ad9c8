"""Helpers of the Anschluss tests: statement counting, audit look-ups, recording an Anschluss."""

from __future__ import annotations

from sqlalchemy import func, select

from app.core.audit import AuditEvent


def audit_events(db, resource: str | None = None) -> list[AuditEvent]:
    query = select(AuditEvent).order_by(AuditEvent.id)
    if resource:
        query = query.where(AuditEvent.resource == resource)
    return list(db.session.scalars(query))


def audit_count(db) -> int:
    return db.session.scalar(select(func.count(AuditEvent.id)))


def put_anschluss(client, pupil_id: int, **body):
    return client.put(f"/api/v1/pupils/{pupil_id}/anschluss", json=body)
