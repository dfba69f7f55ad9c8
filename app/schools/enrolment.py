"""Staff hand out enrolment codes to the pupils of a class (the codes: auth/enrolment)."""

from __future__ import annotations

from sqlalchemy import select

from app.auth import enrolment
from app.auth.models import User, WebAuthnCredential
from app.core.errors import Conflict, Invalid
from app.extensions import db
from app.schools.models import ClassMembership


def _class_pupils(class_id: int, pupil_ids: list[int] | None) -> list[User]:
    """The chosen pupils of the class, or by default those who cannot log in yet."""
    query = (
        select(User)
        .join(ClassMembership, ClassMembership.pupil_id == User.id)
        .where(ClassMembership.class_id == class_id, User.role == "pupil")
        .order_by(User.last_name, User.first_name, User.id)
    )
    if pupil_ids is None:
        has_passkey = select(WebAuthnCredential.id).where(WebAuthnCredential.user_id == User.id)
        query = query.where(User.password_hash.is_(None), ~has_passkey.exists(), User.active)
        return list(db.session.scalars(query))
    pupils = list(db.session.scalars(query.where(User.id.in_(pupil_ids))))
    missing = sorted(set(pupil_ids) - {p.id for p in pupils})
    if missing:
        raise Invalid("pupils-not-in-class", field="pupil_ids", ids=missing)
    return pupils


def issue_codes(
    actor: User,
    class_id: int,
    pupil_ids: list[int] | None = None,
    purpose: str = enrolment.FIRST_LOGIN,
) -> list[dict]:
    """New codes for pupils of a class; earlier open codes of those pupils stop working.

    A pupil who can log in already gets a code only as a lost-device reset (issue 9, H2):
    otherwise the code would let whoever holds it log in as that pupil next to the pupil.
    """
    if purpose == enrolment.LOST_DEVICE and pupil_ids is None:
        raise Invalid("revoke-needs-pupils", field="pupil_ids")
    pupils = _class_pupils(class_id, pupil_ids)
    if purpose == enrolment.FIRST_LOGIN:
        can_log_in = enrolment.ids_with_login([p.id for p in pupils])
        if can_log_in:
            raise Conflict("pupils-can-log-in", field="pupil_ids", ids=can_log_in)
    return enrolment.issue_codes(actor, pupils, purpose)
