"""Retention of Verantwortungskette data (docs/security.md B6, B8): safe to run nightly.

* A case closed (placed, refused, finished, or its consent withdrawn) more than
  RETENTION_CASE_MONTHS ago is deleted with its contact log.
* Transfer records stay as a pseudonymous log: the pupil id is removed, the keyed pseudonym
  (which only the pupil's own disclosure view recomputes), recipient, legal basis, date and
  field categories remain. Statutory transfers to the Agentur für Arbeit are pseudonymised
  after the same period (the Agentur itself deletes within six months).
* Consents whose processing has ended (withdrawn, or every case under them deleted) are
  pseudonymised the same way.

Idempotent (only rows still holding personal data are touched) and batched.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from flask import current_app
from sqlalchemy import and_, delete, exists, or_, select, update

from app.core import audit, clock
from app.core.dates import months_before
from app.extensions import db
from app.verantwortungskette.models import CaseContact, Handover, HandoverConsent, VkCase

DEFAULT_BATCH = 500


def _delete_cases(cutoff: datetime, batch_size: int, now: datetime) -> tuple[int, int, int]:
    rows = db.session.execute(
        select(VkCase.id, VkCase.handover_id, VkCase.pupil_id)
        .where(VkCase.closed_at.is_not(None), VkCase.closed_at < cutoff)
        .order_by(VkCase.id)
        .limit(batch_size)
    ).all()
    if not rows:
        return 0, 0, 0
    case_ids = [row.id for row in rows]
    contacts = db.session.execute(
        delete(CaseContact).where(CaseContact.case_id.in_(case_ids))
    ).rowcount
    db.session.execute(delete(VkCase).where(VkCase.id.in_(case_ids)))
    handovers = db.session.execute(
        update(Handover)
        .where(Handover.id.in_([row.handover_id for row in rows]), Handover.pupil_id.is_not(None))
        .values(pupil_id=None, pseudonymised_at=now)
    ).rowcount
    audit.record(
        None,
        "delete",
        "vk_case",
        [row.pupil_id for row in rows if row.pupil_id],
        audit.Purpose.PLACEMENT_FOLLOWUP,
        ("identity", "contact", "prior_schooling"),
        reason="retention",
    )
    return len(case_ids), contacts, handovers


def _pseudonymise_statutory(cutoff: datetime, batch_size: int, now: datetime) -> int:
    ids = list(
        db.session.scalars(
            select(Handover.id)
            .where(
                Handover.kind == "statutory",
                Handover.pupil_id.is_not(None),
                Handover.handed_over_at < cutoff,
            )
            .limit(batch_size)
        )
    )
    if not ids:
        return 0
    db.session.execute(
        update(Handover).where(Handover.id.in_(ids)).values(pupil_id=None, pseudonymised_at=now)
    )
    return len(ids)


def _pseudonymise_consents(cutoff: datetime, batch_size: int) -> int:
    used = exists().where(Handover.consent_id == HandoverConsent.id)
    case_left = exists().where(
        VkCase.handover_id == Handover.id, Handover.consent_id == HandoverConsent.id
    )
    ended = or_(
        and_(HandoverConsent.withdrawn_at.is_not(None), HandoverConsent.withdrawn_at < cutoff),
        and_(used, ~case_left),
    )
    ids = list(
        db.session.scalars(
            select(HandoverConsent.id)
            .where(HandoverConsent.pupil_id.is_not(None), ended)
            .limit(batch_size)
        )
    )
    if ids:
        db.session.execute(
            update(HandoverConsent)
            .where(HandoverConsent.id.in_(ids))
            .values(pupil_id=None, phone=None, guardian_reason=None)
        )
    return len(ids)


def run(
    now: datetime | None = None,
    months: int | None = None,
    batch_size: int = DEFAULT_BATCH,
    commit: Callable[[], None] | None = None,
) -> dict[str, int]:
    """Apply the schedule; `commit` (the CLI passes db.session.commit) runs after each batch."""
    now = now or clock.now()
    months = current_app.config["RETENTION_CASE_MONTHS"] if months is None else months
    cutoff = months_before(now, months)
    totals = {
        "cases_deleted": 0,
        "contacts_deleted": 0,
        "handovers_pseudonymised": 0,
        "statutory_pseudonymised": 0,
        "consents_pseudonymised": 0,
    }
    while True:
        cases, contacts, handovers = _delete_cases(cutoff, batch_size, now)
        statutory = _pseudonymise_statutory(cutoff, batch_size, now)
        consents = _pseudonymise_consents(cutoff, batch_size)
        db.session.flush()
        if commit:
            commit()
        totals["cases_deleted"] += cases
        totals["contacts_deleted"] += contacts
        totals["handovers_pseudonymised"] += handovers
        totals["statutory_pseudonymised"] += statutory
        totals["consents_pseudonymised"] += consents
        if not (cases or statutory or consents):
            return totals
