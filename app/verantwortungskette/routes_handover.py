"""Handover with consent, the statutory transfer, and staff-recorded consents."""

from __future__ import annotations

from flask import Response
from flask_login import current_user

from app.core.api import problems
from app.core.policy import access, allow, everywhere
from app.core.ratelimits import EXPORT_LIMIT_DOC, export_limit
from app.schools import scopes
from app.verantwortungskette import consent, handover, statutory_export
from app.verantwortungskette import scopes as chain_scopes
from app.verantwortungskette.api import blp
from app.verantwortungskette.consent_rows import consent_rows
from app.verantwortungskette.models import HandoverConsent
from app.verantwortungskette.schemas import (
    HandoverConsentSchema,
    HandoverInputSchema,
    HandoverSchema,
    SchoolHandoverSchema,
    StaffHandoverConsentInputSchema,
    StatutoryCandidatesSchema,
    StatutoryExportInputSchema,
)

STUBO_OF_SCHOOL = allow("The school's StuBO hands its leavers over", stubo=scopes.school_is_own)
PUPIL_STAFF = allow(
    "The pupil's teacher and the school's StuBO record consents given on paper",
    teacher=scopes.pupil_in_taught_class,
    stubo=scopes.pupil_in_own_school,
)


def consent_view(consent_id: int) -> dict:
    return consent_rows(HandoverConsent.id == consent_id)[0]


@blp.route("/handovers", methods=["POST"])
@access(
    allow("The StuBO hands a pupil of their school over (checked in the service)", stubo=everywhere)
)
@blp.arguments(HandoverInputSchema)
@blp.response(201, HandoverSchema)
@problems(
    blp,
    (409, "Already handed over to this recipient"),
    (422, "No valid consent for exactly this recipient, or bad input"),
)
def create_handover(data: dict):
    """Hand a leaver to a Berufskolleg or the Kommune's coordination — only with consent."""
    created = handover.hand_over(current_user, data)
    return handover.handover_view(created, created.case.status)


@blp.route("/schools/<int:school_id>/handovers", methods=["GET"])
@access(STUBO_OF_SCHOOL)
@blp.response(200, SchoolHandoverSchema(many=True))
@problems(blp, (404, "No such school"))
def school_handovers(school_id: int):
    """The school's transfers with the outcome (case status only)."""
    return handover.school_handovers(current_user, school_id)


@blp.route("/schools/<int:school_id>/statutory-transfer", methods=["GET"])
@access(STUBO_OF_SCHOOL)
@blp.response(200, StatutoryCandidatesSchema)
@problems(blp, (404, "No such school"))
def statutory_candidates(school_id: int):
    """Who falls under the statutory transfer to the Agentur für Arbeit (exact field set)."""
    return statutory_export.candidates(current_user, school_id)


@blp.route("/schools/<int:school_id>/statutory-transfer.csv", methods=["POST"])
@access(STUBO_OF_SCHOOL)
@export_limit
@blp.arguments(StatutoryExportInputSchema)
@blp.response(
    200,
    content_type="text/csv",
    description="§ 31a SGB III data set: Name, Vorname, Geburtsdatum, Geschlecht, "
    "Anschrift, Schulform, Abschluss",
)
@problems(
    blp,
    (404, "No such school"),
    (422, "A pupil outside the population, or nobody left"),
    (429, EXPORT_LIMIT_DOC),
)
def statutory_export_csv(data: dict, school_id: int):
    """Export the statutory transfer as CSV; every transfer is logged."""
    content = statutory_export.export(current_user, school_id, data)
    return Response(
        content,
        mimetype="text/csv",
        headers={
            "Content-Disposition": 'attachment; filename="uebermittlung-agentur.csv"',
            "Cache-Control": "no-store",
        },
    )


@blp.route("/pupils/<int:pupil_id>/handover-consents", methods=["GET"])
@access(PUPIL_STAFF)
@blp.response(200, HandoverConsentSchema(many=True))
@problems(blp, (404, "No such pupil"))
def pupil_consents(pupil_id: int):
    """The pupil's handover consents (given, withdrawn)."""
    consent.list_for_staff(current_user, pupil_id)
    return consent_rows(HandoverConsent.pupil_id == pupil_id)


@blp.route("/pupils/<int:pupil_id>/handover-consents", methods=["POST"])
@access(PUPIL_STAFF)
@blp.arguments(StaffHandoverConsentInputSchema)
@blp.response(201, HandoverConsentSchema)
@problems(
    blp,
    (404, "No such pupil"),
    (409, "A consent for this recipient is in force"),
    (422, "Wrong giver for the pupil's age, or unknown recipient"),
)
def record_consent(data: dict, pupil_id: int):
    """Record a signed consent: the guardian's below 14, the pupil's own from 14."""
    return consent_view(consent.record_for_pupil(current_user, pupil_id, data).id)


@blp.route("/handover-consents/<int:handover_consent_id>/withdraw", methods=["POST"])
@access(
    allow(
        "The pupil's teacher and the school's StuBO record a withdrawal",
        teacher=chain_scopes.consent_in_taught_class,
        stubo=chain_scopes.consent_in_own_school,
    )
)
@blp.response(200, HandoverConsentSchema)
@problems(blp, (404, "No such consent"), (409, "Already withdrawn"))
def withdraw_consent(handover_consent_id: int):
    """Record a withdrawal; the recipient's case stops and loses its data."""
    return consent_view(consent.withdraw_by_staff(current_user, handover_consent_id).id)
