"""Where did my data go? (Art. 15 DSGVO; docs/security.md B3)

Every transfer with recipient, legal basis, date and field categories; every consent given or
withdrawn; and staff access to the pupil's data by role and school — never staff names. Logs
that retention has pseudonymised are still found through the pupil's keyed pseudonym.
"""

from __future__ import annotations

from sqlalchemy import or_, select

from app.auth.models import User
from app.core.audit import AuditEvent
from app.extensions import db
from app.families import page as guardian_page
from app.internships.models import Provider
from app.schools.models import School
from app.verantwortungskette import common
from app.verantwortungskette.consent_rows import consent_rows
from app.verantwortungskette.models import Handover, HandoverConsent, VkCase

ACCESS_EVENT_LIMIT = 500


def _mine(model, pupil_id: int):
    return or_(model.pupil_id == pupil_id, model.pupil_pseudonym == common.pseudonym(pupil_id))


def _transfers(pupil_id: int) -> list[dict]:
    rows = db.session.execute(
        select(Handover, VkCase.status)
        .outerjoin(VkCase, VkCase.handover_id == Handover.id)
        .where(_mine(Handover, pupil_id))
        .order_by(Handover.handed_over_at.desc(), Handover.id.desc())
    ).all()
    return [
        {
            "id": handover.id,
            "kind": handover.kind,
            "recipient": handover.recipient_kind,
            "recipient_name": handover.recipient_name,
            "legal_basis": handover.legal_basis,
            "date": handover.handed_over_at,
            "fields": handover.fields.split(",") if handover.fields else [],
            "case_status": status,
        }
        for handover, status in rows
    ]


def _access_events(pupil_id: int) -> list[dict]:
    # A company's reader is named by the company (the pupil knows "Bäckerei Hoffmann", not
    # "Betrieb"); staff by their school.
    rows = db.session.execute(
        select(AuditEvent, School.name, Provider.name)
        .outerjoin(School, School.id == AuditEvent.actor_school_id)
        .outerjoin(User, User.id == AuditEvent.actor_id)
        .outerjoin(Provider, Provider.id == User.provider_id)
        .where(
            AuditEvent.pupil_id == pupil_id,
            or_(AuditEvent.actor_id.is_(None), AuditEvent.actor_id != pupil_id),
        )
        .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
        .limit(ACCESS_EVENT_LIMIT)
    ).all()
    return [
        {
            "at": event.at,
            "role": event.actor_role or "system",
            "school_name": school_name,
            "company_name": company_name,
            "action": event.action,
            "purpose": event.purpose,
            "categories": [c for c in event.categories.split(",") if c],
        }
        for event, school_name, company_name in rows
    ]


def my_disclosures(pupil) -> dict:
    return {
        "transfers": _transfers(pupil.id),
        "consents": consent_rows(_mine(HandoverConsent, pupil.id)),
        "access_events": _access_events(pupil.id),
        "guardian_link_uses": guardian_page.uses_of(pupil.id),
    }
