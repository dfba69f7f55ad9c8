"""The pupil's side of the Verantwortungskette: my handover consents, my answer to a round."""

from __future__ import annotations

from flask_login import current_user

from app.core.api import problems
from app.core.policy import access, allow, everywhere
from app.verantwortungskette import consent, declarations
from app.verantwortungskette import scopes as chain_scopes
from app.verantwortungskette.api import blp
from app.verantwortungskette.routes_handover import consent_view
from app.verantwortungskette.schemas import (
    HandoverConsentInputSchema,
    HandoverConsentSchema,
    MyHandoverConsentsSchema,
)
from app.verantwortungskette.schemas_declarations import (
    MyDeclarationsSchema,
    PlanDeclarationInputSchema,
    PlanDeclarationSchema,
)

PUPIL = allow("A pupil sees and manages their own data", pupil=everywhere)


@blp.route("/me/handover-consents", methods=["GET"])
@access(PUPIL)
@blp.response(200, MyHandoverConsentsSchema)
def my_consents():
    """My handover consents and the recipients I may choose."""
    return consent.my_overview(current_user)


@blp.route("/me/handover-consents", methods=["POST"])
@access(PUPIL)
@blp.arguments(HandoverConsentInputSchema)
@blp.response(201, HandoverConsentSchema)
@problems(
    blp,
    (403, "Below 14 the guardian consents (through the school)"),
    (409, "A consent for this recipient is in force"),
    (422, "Unknown recipient"),
)
def give_consent(data: dict):
    """Consent to the handover to exactly one recipient (from 14)."""
    return consent_view(consent.give_own(current_user, data).id)


@blp.route("/me/handover-consents/<int:handover_consent_id>/withdraw", methods=["POST"])
@access(allow("A pupil withdraws their own consent", pupil=chain_scopes.consent_is_own))
@blp.response(200, HandoverConsentSchema)
@problems(blp, (404, "No such consent"), (409, "Already withdrawn"))
def withdraw_consent(handover_consent_id: int):
    """Withdraw a consent: processing stops and the recipient's case loses its data."""
    return consent_view(consent.withdraw(handover_consent_id, "pupil").id)


@blp.route("/me/anschluss/declarations", methods=["GET"])
@access(PUPIL)
@blp.response(200, MyDeclarationsSchema)
def my_declarations():
    """Whether a round asks me now, and my answers so far."""
    return declarations.mine(current_user)


@blp.route("/me/anschluss/declarations", methods=["POST"])
@access(PUPIL)
@blp.arguments(PlanDeclarationInputSchema)
@blp.response(201, PlanDeclarationSchema)
@problems(blp, (422, "No round asks me now (no-open-round)"))
def declare_plan(data: dict):
    """Answer the round: my current plan (my class teacher confirms it)."""
    return declarations.declare(current_user, data)


@blp.route("/declarations/<int:plan_declaration_id>/confirmation", methods=["POST"])
@access(
    allow(
        "The class teacher (or the school's StuBO) confirms a pupil's answer",
        teacher=chain_scopes.declaration_in_taught_class,
        stubo=chain_scopes.declaration_in_own_school,
    )
)
@blp.response(200, PlanDeclarationSchema)
def confirm_declaration(plan_declaration_id: int):
    """Confirm the pupil's answer to the round."""
    return declarations.confirm(current_user, plan_declaration_id)
