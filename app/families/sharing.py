"""What a pupil shares with the guardians; the school records when guardians stay required."""

from __future__ import annotations

from app.auth.models import User
from app.core import audit, clock
from app.core.errors import Forbidden
from app.extensions import db
from app.families import rules
from app.families.models import GuardianSharing


def _row(pupil_id: int) -> GuardianSharing:
    row = rules.sharing_of(pupil_id)
    if row is None:
        row = GuardianSharing(
            pupil_id=pupil_id,
            share_plan=False,
            share_bookings=False,
            share_agreement=False,
            guardian_required=False,
        )
        db.session.add(row)
    return row


def view(pupil: User) -> dict:
    row = rules.sharing_of(pupil.id)
    decides = rules.guardians_decide(pupil, row)
    sections = rules.visible_sections(pupil, row)
    return {
        "guardians_decide": decides,
        "guardian_required": bool(row and row.guardian_required),
        **{f"share_{section}": section in sections for section in rules.SECTIONS},
    }


def set_own(pupil: User, data: dict) -> dict:
    """From 14 the pupil chooses; below 14 the guardians see everything (nothing to choose)."""
    pupil = db.session.get(User, pupil.id)
    if rules.guardians_decide(pupil, rules.sharing_of(pupil.id)):
        raise Forbidden("guardian-sharing-by-law")
    row = _row(pupil.id)
    for section in rules.SECTIONS:
        setattr(row, f"share_{section}", data[f"share_{section}"])
    row.updated_at = clock.now()
    db.session.flush()
    return view(pupil)


def set_required(staff: User, pupil_id: int, required: bool) -> dict:
    """The school records that the pupil cannot consent (the guardians act as below 14)."""
    row = _row(pupil_id)
    row.guardian_required = required
    row.updated_at = clock.now()
    db.session.flush()
    audit.record(
        staff, "update", "guardian_sharing", [pupil_id], audit.Purpose.CAREER_GUIDANCE, ("consent",)
    )
    return view(db.session.get(User, pupil_id))
