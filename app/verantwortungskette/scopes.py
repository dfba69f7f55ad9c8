"""Scope predicates of the Verantwortungskette (None → 404, False → 403, True → allowed)."""

from __future__ import annotations

from app.extensions import db
from app.schools import scopes as school_scopes
from app.schools.models import School
from app.verantwortungskette.cases import is_recipient
from app.verantwortungskette.models import (
    HandoverConsent,
    IdentificationRound,
    Recipient,
    VkCase,
)
from app.verantwortungskette.round_models import PlanDeclaration


def _get(model, object_id):
    return db.session.get(model, object_id) if isinstance(object_id, int) else None


def case_handed_to_me(user, args) -> bool | None:
    """Only the coordinator of the receiving Berufskolleg / Kommune reaches a case."""
    case = _get(VkCase, args.get("case_id"))
    return None if case is None else is_recipient(user, case)


def recipient_of_my_kommune(user, args) -> bool | None:
    recipient = _get(Recipient, args.get("recipient_id"))
    return None if recipient is None else recipient.kommune_id == user.kommune_id


def recipient_exists(_user, args) -> bool | None:
    return None if _get(Recipient, args.get("recipient_id")) is None else True


def round_of_my_kommune(user, args) -> bool | None:
    identification_round = _get(IdentificationRound, args.get("identification_round_id"))
    if identification_round is None:
        return None
    return identification_round.kommune_id == user.kommune_id


def round_of_my_schools_kommune(user, args) -> bool | None:
    """School staff reach the rounds of their school's Kommune."""
    identification_round = _get(IdentificationRound, args.get("identification_round_id"))
    if identification_round is None:
        return None
    school = db.session.get(School, user.school_id) if user.school_id else None
    return school is not None and identification_round.kommune_id == school.kommune_id


def _consent_pupil_scope(pupil_scope):
    def scope(user, args) -> bool | None:
        consent = _get(HandoverConsent, args.get("handover_consent_id"))
        if consent is None:
            return None
        if consent.pupil_id is None:  # pseudonymised: nobody acts on it any more
            return False
        return pupil_scope(user, {"pupil_id": consent.pupil_id})

    return scope


consent_is_own = _consent_pupil_scope(school_scopes.pupil_is_self)
consent_in_taught_class = _consent_pupil_scope(school_scopes.pupil_in_taught_class)
consent_in_own_school = _consent_pupil_scope(school_scopes.pupil_in_own_school)


def _declaration_pupil_scope(pupil_scope):
    def scope(user, args) -> bool | None:
        declaration = _get(PlanDeclaration, args.get("plan_declaration_id"))
        if declaration is None:
            return None
        return pupil_scope(user, {"pupil_id": declaration.pupil_id})

    return scope


declaration_in_taught_class = _declaration_pupil_scope(school_scopes.pupil_in_taught_class)
declaration_in_own_school = _declaration_pupil_scope(school_scopes.pupil_in_own_school)
