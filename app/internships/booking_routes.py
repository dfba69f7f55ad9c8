"""Routes of bookings: request, decide, cancel, attendance, waiting list, calendar, certificate."""

from __future__ import annotations

from flask import Response
from flask_login import current_user
from flask_smorest import Blueprint

from app.core import audit, clock
from app.core.api import problems
from app.core.errors import NotFound
from app.core.policy import access, allow
from app.extensions import db
from app.internships import booking, calendar, certificates, scopes, views, waitlist
from app.internships.booking_schemas import (
    AttendanceResultSchema,
    AttendanceSchema,
    BookingCreateSchema,
    BookingSchema,
    MyBookingsSchema,
    WaitlistEntrySchema,
    WaitlistJoinSchema,
)
from app.internships.consents import active_consents
from app.internships.models import Booking

blp = Blueprint(
    "bookings",
    __name__,
    url_prefix="/api/v1",
    description="Bookings, waiting lists, attendance and certificates",
)

PUPIL_ONLY = allow("Pupils manage their own bookings", pupil=lambda user, args: True)
OWN_BOOKING_STAFF = {
    "teacher": scopes.booking_of_taught_pupil,
    "stubo": scopes.booking_in_own_school,
}


def out(item):
    return views.booking_row(item, current_user, active_consents([item.pupil_id]))


@blp.route("/bookings", methods=["POST"])
@access(PUPIL_ONLY)
@blp.arguments(BookingCreateSchema)
@blp.response(201, BookingSchema)
@problems(blp, 401, 403, 409, 422)
def create_booking(data):
    """Request a place on a slot (held until the teacher confirms; 409 when full)."""
    return out(booking.request_booking(current_user, data["slot_id"], data.get("berufsfeld")))


@blp.route("/me/bookings", methods=["GET"])
@access(PUPIL_ONLY)
@blp.response(200, MyBookingsSchema)
@problems(blp, 401, 403)
def my_bookings():
    """My bookings, waiting-list places and BFE progress."""
    return views.my_bookings(current_user)


@blp.route("/me/bookings.ics", methods=["GET"])
@access(PUPIL_ONLY)
@blp.response(200, description="iCalendar file", content_type="text/calendar")
@problems(blp, 401, 403)
def my_bookings_ics():
    """My active bookings as an iCalendar (.ics) file."""
    body = calendar.bookings_ics(views.bookings_of([current_user.id]))
    return Response(
        body,
        mimetype="text/calendar",
        headers={"Content-Disposition": 'attachment; filename="praktika.ics"'},
    )


@blp.route("/bookings/<int:booking_id>/confirm", methods=["POST"])
@access(allow("The class teacher (or StuBO) makes a request binding", **OWN_BOOKING_STAFF))
@blp.response(200, BookingSchema)
@problems(blp, 401, 403, 404, 409)
def confirm_booking(booking_id: int):
    """Confirm a requested booking."""
    return out(booking.confirm(current_user, booking_id))


@blp.route("/bookings/<int:booking_id>/reject", methods=["POST"])
@access(allow("The class teacher (or StuBO) turns a request down", **OWN_BOOKING_STAFF))
@blp.response(200, BookingSchema)
@problems(blp, 401, 403, 404, 409)
def reject_booking(booking_id: int):
    """Reject a requested booking; the place goes to the waiting list."""
    return out(booking.reject(current_user, booking_id))


@blp.route("/bookings/<int:booking_id>/cancel", methods=["POST"])
@access(
    allow(
        "Pupils cancel their own until the deadline; the teacher or StuBO at any time",
        pupil=scopes.booking_is_own,
        admin=scopes.booking_exists,
        **OWN_BOOKING_STAFF,
    )
)
@blp.response(200, BookingSchema)
@problems(blp, 401, 403, 404, 409)
def cancel_booking(booking_id: int):
    """Cancel a booking; the place goes to the waiting list."""
    return out(booking.cancel(current_user, booking_id))


@blp.route("/bookings/<int:booking_id>/attendance", methods=["POST"])
@access(
    allow(
        "The provider records who came",
        provider=scopes.booking_for_own_offer,
        admin=scopes.booking_exists,
    )
)
@blp.arguments(AttendanceSchema)
@blp.response(200, AttendanceResultSchema)
@problems(blp, 401, 403, 404, 409, 422)
def mark_attendance(data, booking_id: int):
    """Mark a confirmed booking as attended or no-show."""
    return booking.mark_attendance(current_user, booking_id, data["attended"])


@blp.route("/bookings/<int:booking_id>/certificate.pdf", methods=["GET"])
@access(
    allow(
        "The pupil, the class teacher and the StuBO",
        pupil=scopes.booking_is_own,
        **OWN_BOOKING_STAFF,
    )
)
@blp.response(200, description="Teilnahmebescheinigung", content_type="application/pdf")
@problems(blp, 401, 403, 404, 409)
def certificate(booking_id: int):
    """The Teilnahmebescheinigung (PDF) of an attended booking."""
    pdf = certificates.certificate_pdf(booking_id)
    if current_user.role != "pupil":
        pupil_id = db.session.get(Booking, booking_id).pupil_id
        audit.record(
            current_user,
            "export",
            "internship_certificate",
            [pupil_id],
            audit.Purpose.INTERNSHIP_PLANNING,
            categories=("identity", "internships"),
        )
    return Response(
        pdf,
        mimetype="application/pdf",
        headers={
            "Content-Disposition": f'inline; filename="teilnahmebescheinigung-{booking_id}.pdf"'
        },
    )


@blp.route("/slots/<int:slot_id>/waitlist", methods=["POST"])
@access(allow("Pupils queue for full slots they could book", pupil=scopes.slot_visible))
@blp.arguments(WaitlistJoinSchema)
@blp.response(201, WaitlistEntrySchema)
@problems(blp, 401, 403, 404, 409, 422)
def join_waitlist(data, slot_id: int):
    """Join the waiting list of a full slot."""
    entry = waitlist.join_slot(current_user, slot_id, data.get("berufsfeld"), clock.today())
    return views.waitlist_row(entry, waitlist.position(entry))


@blp.route("/slots/<int:slot_id>/waitlist", methods=["DELETE"])
@access(allow("Pupils leave a waiting list", pupil=scopes.slot_exists))
@blp.response(204)
@problems(blp, 401, 403, 404)
def leave_waitlist(slot_id: int):
    """Leave the waiting list of a slot."""
    if not waitlist.remove(current_user.id, slot_id):
        raise NotFound("not-on-waitlist")
