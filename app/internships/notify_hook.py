"""Thin forwarder to the notifications feature (in-app inbox + e-mail).

`app.notifications.services.notify(user_id, kind, data)` writes the inbox entry and the
e-mail in the caller's transaction. Until that module exists, notifying does nothing, so
the internships feature works on its own. Kinds sent from here:
booking_requested, booking_confirmed, booking_rejected, booking_cancelled,
booking_promoted, attendance_marked, provider_approved.
"""

from __future__ import annotations

try:  # pragma: no cover - depends on whether the notifications feature is installed
    from app.notifications.services import notify as _notify
except ImportError:  # the notifications feature is not there (yet)
    _notify = None


def notify(user_id: int | None, kind: str, data: dict) -> None:
    if user_id is None or _notify is None:
        return
    _notify(user_id, kind, data)
