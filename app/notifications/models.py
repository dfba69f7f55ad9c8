"""Inbox entries (one per user and event) and the e-mail outbox.

Both are written in the transaction that causes the event, so a rolled-back change sends
nothing and a committed one never loses its mail: the outbox row stays until an SMTP server
accepted it (retried with a back-off counter, never deleted on failure).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.core import clock
from app.core.db import UTCDateTime
from app.extensions import db

MAIL_STATES = ("pending", "sent", "failed")


class Notification(db.Model):
    """One inbox entry, rendered in German and English when it is created."""

    __tablename__ = "notifications"
    __table_args__ = (Index("ix_notifications_user_read", "user_id", "read_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    # The pupil a staff notice is about (issue 9, L2): referenced by id, never named in the
    # stored text; the name is filled in when the notice is read or mailed (presenting.py),
    # and the notice is deleted with the pupil's app data (privacy registry, subject_column).
    subject_pupil_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(40))
    data: Mapped[dict] = mapped_column(JSON, default=dict)
    title_de: Mapped[str] = mapped_column(String(200))
    body_de: Mapped[str] = mapped_column(Text)
    title_en: Mapped[str] = mapped_column(String(200))
    body_en: Mapped[str] = mapped_column(Text)
    # The PWA screen to open, as a hash path ("/bookings"); the client prefixes "#".
    link: Mapped[str] = mapped_column(String(200), default="/inbox")
    # Set for notifications that must exist at most once (e.g. a reminder per booking and day).
    dedupe_key: Mapped[str | None] = mapped_column(String(120), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock.now)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class OutboxMail(db.Model):
    """An e-mail waiting for (or done with) delivery; claimed by a sender with a lease."""

    __tablename__ = "outbox_mails"
    __table_args__ = (
        CheckConstraint(
            "status IN (" + ", ".join(f"'{s}'" for s in MAIL_STATES) + ")", name="status"
        ),
        CheckConstraint("attempts >= 0", name="attempts_non_negative"),
        Index("ix_outbox_mails_status_next", "status", "next_attempt_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    notification_id: Mapped[int | None] = mapped_column(
        ForeignKey("notifications.id", ondelete="SET NULL")
    )
    # As Notification.subject_pupil_id: the body names nobody; the sender fills the name in.
    subject_pupil_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    to_address: Mapped[str] = mapped_column(String(255))
    subject: Mapped[str] = mapped_column(String(255))
    body: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(8), default="pending")
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock.now)
    # A sender owns the row until this moment; a crashed sender's claim simply expires.
    claimed_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_error: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock.now)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class PushMessage(db.Model):
    """A web-push notice waiting for delivery to one device (the text is the inbox entry's)."""

    __tablename__ = "push_messages"
    __table_args__ = (
        CheckConstraint(
            "status IN (" + ", ".join(f"'{s}'" for s in MAIL_STATES) + ")", name="status"
        ),
        Index("ix_push_messages_status", "status", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    subscription_id: Mapped[int] = mapped_column(
        ForeignKey("push_subscriptions.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    notification_id: Mapped[int | None] = mapped_column(
        ForeignKey("notifications.id", ondelete="CASCADE")
    )
    status: Mapped[str] = mapped_column(String(8), default="pending")
    attempts: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock.now)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
