"""Who decides: the one place that says when the law requires the guardians.

Below 14 (or when the birth date is unknown) a pupil cannot consent alone: the guardians give
company and handover consents and see everything on their page. From 14 the pupil decides
what the guardians see and consents themselves — unless the school recorded that the pupil
cannot consent (`guardian_required`), then the guardians act as below 14.
"""

from __future__ import annotations

from sqlalchemy import select

from app.auth.models import User
from app.core import clock, consent_age
from app.extensions import db
from app.families.models import GuardianSharing

SECTIONS = ("plan", "bookings", "agreement")


def sharing_of(pupil_id: int) -> GuardianSharing | None:
    return db.session.scalar(select(GuardianSharing).where(GuardianSharing.pupil_id == pupil_id))


def guardians_decide(pupil: User, sharing: GuardianSharing | None) -> bool:
    if sharing is not None and sharing.guardian_required:
        return True
    # The one consent age rule (core/consent_age.py): below it the guardians decide.
    return not consent_age.may_consent_myself(consent_age.age_on(pupil.birth_date, clock.today()))


def visible_sections(pupil: User, sharing: GuardianSharing | None) -> set[str]:
    """What the guardian page shows: everything where the guardians decide, else what the
    pupil chose to share (nothing until the pupil chooses)."""
    if guardians_decide(pupil, sharing):
        return set(SECTIONS)
    if sharing is None:
        return set()
    return {section for section in SECTIONS if getattr(sharing, f"share_{section}")}
