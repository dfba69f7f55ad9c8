"""The pupil's side of the Verantwortungskette: my handover consents."""

from __future__ import annotations

from flask_login import current_user

from app.core.api import problems
from app.core.policy import access, allow, everywhere
from app.verantwortungskette import consent
from app.verantwortungskette import scopes as chain_scopes
from app.verantwortungskette.api import blp
from app.verantwortungskette.routes_handover import consent_view
from app.verantwortungskette.schemas import (
    HandoverConsentInputSchema,
    HandoverConsentSchema,
    MyHandoverConsentsSchema,
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
