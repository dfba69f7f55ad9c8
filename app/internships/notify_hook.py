"""Notifications sent by the internships feature (in-app inbox + e-mail).

`app.notifications.services.notify(user_id, kind, data)` writes the inbox entry and the e-mail
in the caller's transaction. Kinds sent from here: booking_requested, booking_confirmed,
booking_rejected, booking_cancelled, booking_promoted, attendance_marked, provider_approved.
"""

from __future__ import annotations

from app.notifications.services import mark_handled
from app.notifications.services import notify as _notify


def notify(user_id: int | None, kind: str, data: dict) -> None:
    """Notify a user; a booking or provider without a user to tell (None) is skipped."""
    if user_id is None:
        return
    _notify(user_id, kind, data)


def requests_handled(booking_ids) -> None:
    """The booking requests were decided (or withdrawn): the teachers' "please decide"
    notifications about them are read, whoever decided."""
    mark_handled("booking_requested", "booking_id", booking_ids)
