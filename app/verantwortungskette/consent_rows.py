"""Handover consents as the screens show them: with the recipient's name, in one query."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import aliased

from app.extensions import db
from app.schools.models import Kommune, School
from app.verantwortungskette import common
from app.verantwortungskette.models import HandoverConsent, Recipient


def consent_rows(where) -> list[dict]:
    """Consents with the recipient's name, in one query."""
    from app.verantwortungskette.consent import terms

    recipient_school = aliased(School)
    rows = db.session.execute(
        select(HandoverConsent, Recipient.name, recipient_school, Kommune)
        .outerjoin(Recipient, Recipient.id == HandoverConsent.recipient_id)
        .outerjoin(recipient_school, recipient_school.id == HandoverConsent.recipient_school_id)
        .outerjoin(Kommune, Kommune.id == HandoverConsent.recipient_kommune_id)
        .where(where)
        .order_by(HandoverConsent.given_at.desc(), HandoverConsent.id.desc())
    ).all()
    result = []
    for consent, name, school, kommune in rows:
        name = name or common.recipient_name(consent.recipient_kind, school, kommune)
        covers = [c for c in (consent.categories or "").split(",") if c]
        result.append(
            {
                "id": consent.id,
                "recipient": consent.recipient_kind,
                "recipient_id": consent.recipient_id,
                "recipient_school_id": consent.recipient_school_id,
                "recipient_name": name,
                "given_by": consent.given_by,
                "guardian_reason": consent.guardian_reason,
                "age_at_consent": consent.age_at_consent,
                "text_version": consent.text_version,
                "purpose": consent.purpose,
                "covers": covers,
                "preferred_channel": consent.preferred_channel,
                "terms": {**terms(name, covers), "text_version": consent.text_version},
                "given_at": consent.given_at,
                "withdrawn_at": consent.withdrawn_at,
                "active": consent.withdrawn_at is None,
            }
        )
    return result
