"""Routes for teachers and providers: class booking lists, participants, consents."""

from __future__ import annotations

from flask_login import current_user
from flask_smorest import Blueprint

from app.core.api import problems
from app.core.policy import access, allow
from app.internships import booking, consents, scopes, views
from app.internships.booking_schemas import (
    BookingSchema,
    BulkConfirmSchema,
    ClassBookingsSchema,
    ConsentCreateSchema,
    ConsentSchema,
    GuardianConsentSchema,
    ParticipantSchema,
)
from app.schools import scopes as school_scopes

blp = Blueprint(
    "internship_reports",
    __name__,
    url_prefix="/api/v1",
    description="Class booking lists, participants, consents",
)

PUPIL_ONLY = allow("Pupils manage their own consents", pupil=lambda user, args: True)
CLASS_STAFF = {"teacher": school_scopes.class_taught, "stubo": school_scopes.class_in_own_school}


@blp.route("/classes/<int:class_id>/bookings", methods=["GET"])
@access(allow("The class teacher and the StuBO plan internships", **CLASS_STAFF))
@blp.response(200, ClassBookingsSchema)
@problems(blp, 401, 403, 404)
def class_bookings(class_id: int):
    """Bookings, BFE progress and consent state of every pupil of a class (audited)."""
    return views.class_bookings(current_user, class_id)


@blp.route("/classes/<int:class_id>/bookings/confirm", methods=["POST"])
@access(allow("The class teacher and the StuBO confirm requests in bulk", **CLASS_STAFF))
@blp.arguments(BulkConfirmSchema)
@blp.response(200, BookingSchema(many=True))
@problems(blp, 401, 403, 404, 409, 422)
def confirm_class_bookings(data, class_id: int):
    """Confirm the open requests of a class (all, or the ids given)."""
    confirmed = booking.confirm_for_class(current_user, class_id, data.get("booking_ids"))
    given = consents.active_consents({b.pupil_id for b in confirmed})
    return [views.booking_row(b, current_user, given) for b in confirmed]


@blp.route("/bookings/<int:booking_id>/guardian-consent", methods=["POST"])
@access(
    allow(
        "The class teacher records a guardian's signed consent",
        teacher=scopes.booking_of_taught_pupil,
        stubo=scopes.booking_in_own_school,
    )
)
@blp.arguments(GuardianConsentSchema)
@blp.response(201, ConsentSchema)
@problems(blp, 401, 403, 404, 422)
def guardian_consent(data, booking_id: int):
    """Record the guardian's consent to pass data to this booking's provider (from 14 only
    with the reason why the pupil cannot consent)."""
    return consents.serialize(
        consents.record_guardian(current_user, booking_id, data.get("guardian_reason"))
    )


@blp.route("/me/consents", methods=["GET"])
@access(PUPIL_ONLY)
@blp.response(200, ConsentSchema(many=True))
@problems(blp, 401, 403)
def my_consents():
    """My consents to pass data to providers (also withdrawn ones)."""
    return consents.list_own(current_user)


@blp.route("/me/consents", methods=["POST"])
@access(PUPIL_ONLY)
@blp.arguments(ConsentCreateSchema)
@blp.response(201, ConsentSchema)
@problems(blp, 401, 403, 422)
def give_consent(data):
    """Consent (from 14) to pass name, school and class to a provider I booked."""
    return consents.serialize(consents.give_own(current_user, data["provider_id"]))


@blp.route("/me/consents/revoke", methods=["POST"])
@access(PUPIL_ONLY)
@blp.arguments(ConsentCreateSchema)
@blp.response(200, ConsentSchema)
@problems(blp, 401, 403, 404, 422)
def revoke_consent(data):
    """Withdraw my consent for a provider."""
    return consents.serialize(consents.revoke_own(current_user, data["provider_id"]))


@blp.route("/offers/<int:offer_id>/participants", methods=["GET"])
@access(
    allow(
        "A provider sees the confirmed participants of its own offers", provider=scopes.offer_is_own
    )
)
@blp.response(200, ParticipantSchema(many=True))
@problems(blp, 401, 403, 404)
def offer_participants(offer_id: int):
    """Confirmed participants; name, school, class, school phone only with consent."""
    return views.participants(current_user, offer_id)
