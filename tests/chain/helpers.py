"""Helpers of the Verantwortungskette tests: consents, handovers and cases made via services."""

from __future__ import annotations

from sqlalchemy import select

from app.core.audit import AuditEvent
from app.verantwortungskette import consent as consents
from app.verantwortungskette import handover


def recipient_data(recipient, school=None) -> dict:
    """A recipient organisation (a model instance), or the former kind + school."""
    if not isinstance(recipient, str):
        return {"recipient_id": recipient.id}
    data = {"recipient": recipient}
    if recipient == "berufskolleg":
        data["recipient_school_id"] = school.id
    return data


def give_consent(pupil, recipient="berufskolleg", school=None, given_by="guardian", **coverage):
    """A consent recorded directly (no age rule): for setting up other tests."""
    return consents._record(
        pupil, given_by, {**recipient_data(recipient, school), **coverage}, None
    )


def hand_over(staff, pupil, recipient="berufskolleg", school=None, consent=True, **coverage):
    """Consent (unless one exists) and handover by `staff`; returns the new case."""
    if consent:
        give_consent(pupil, recipient, school, **coverage)
    data = {"pupil_id": pupil.id, **recipient_data(recipient, school)}
    return handover.hand_over(staff, data).case


def audit_rows(db, resource: str | None = None, purpose: str | None = None) -> list[AuditEvent]:
    query = select(AuditEvent).order_by(AuditEvent.id)
    if resource:
        query = query.where(AuditEvent.resource == resource)
    if purpose:
        query = query.where(AuditEvent.purpose == purpose)
    return list(db.session.scalars(query))
