"""E-mail: queue into the outbox (same transaction as the event) and deliver from it.

Delivery runs outside requests (`flask notifications send`, a cron job or `--watch`). A
sender claims one row at a time with a conditional UPDATE and a lease, so several senders
(processes, machines) never send the same mail concurrently, and a crashed sender's rows
become available again when the lease ends. A failed attempt keeps the row, counts it and
schedules the next try with exponential back-off; after MAX_ATTEMPTS the row is marked
`failed` (kept for inspection, `--retry-failed` queues it again). Without MAIL_SMTP_HOST
(development) mails are written to the log and stdout instead.
"""

from __future__ import annotations

import contextlib
import logging
import smtplib
import ssl
from collections.abc import Iterable
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import make_msgid

from flask import current_app
from sqlalchemy import delete, insert, or_, select, update

from app.core import clock
from app.extensions import db
from app.notifications.models import Notification, OutboxMail
from app.notifications.presenting import present

log = logging.getLogger("anschluss.mail")

LEASE = timedelta(minutes=5)
MAX_ATTEMPTS = 12
FIRST_RETRY = timedelta(minutes=1)
LONGEST_RETRY = timedelta(hours=6)


def _compose(entry) -> tuple[str, str]:
    """Subject and body of a notice's mail (`entry`: a Notification or its presented view)."""
    keys = ("link", "title_de", "body_de", "title_en", "body_en")
    view = entry if isinstance(entry, dict) else {key: getattr(entry, key) for key in keys}
    base = current_app.config.get("PUBLIC_BASE_URL", "").rstrip("/")
    url = f"{base}/#{view['link']}"
    body = (
        f"{view['title_de']}\n\n{view['body_de']}\n\nIn Anschluss öffnen: {url}\n\n"
        f"-- English --\n\n{view['title_en']}\n\n{view['body_en']}\n\n"
        f"Open in Anschluss: {url}\n\n"
        "Diese Nachricht wurde automatisch von Anschluss verschickt. / "
        "This message was sent automatically by Anschluss.\n"
    )
    return f"Anschluss: {view['title_de']}"[:255], body


# Notices whose event was itself a mail or a letter (a coordinator's message): inbox and push only.
NO_MAIL_KINDS = ("coordinator_message",)


def _row(user, entry: Notification) -> dict | None:
    if not user.email or entry.kind in NO_MAIL_KINDS:
        return None
    subject, body = _compose(entry)
    return {
        "user_id": user.id,
        "subject_pupil_id": entry.subject_pupil_id,
        "notification_id": entry.id,
        "to_address": user.email,
        "subject": subject,
        "body": body,
    }


def queue_message(user, subject: str, body: str) -> bool:
    """A mail that is no inbox entry (e.g. an activation link for an account that cannot log
    in yet), queued in the caller's transaction; False without an address."""
    if not user.email:
        return False
    now = clock.now()
    db.session.add(
        OutboxMail(
            user_id=user.id,
            to_address=user.email,
            subject=subject[:255],
            body=body,
            status="pending",
            attempts=0,
            next_attempt_at=now,
            created_at=now,
        )
    )
    return True


def queue_for(user, entry: Notification) -> None:
    queue_many([(user, entry)])


def queue_many(pairs: Iterable[tuple]) -> int:
    rows = [row for row in (_row(user, entry) for user, entry in pairs) if row]
    if not rows:
        return 0
    now = clock.now()
    # One batched INSERT whatever the number of mails (bulk notices after a round).
    db.session.execute(
        insert(OutboxMail),
        [
            {**row, "status": "pending", "attempts": 0, "next_attempt_at": now, "created_at": now}
            for row in rows
        ],
    )
    return len(rows)


# -- delivery ----------------------------------------------------------------------------


class ConsoleTransport:
    """Development: print the mail instead of sending it."""

    def send(self, message: EmailMessage) -> None:
        text = (
            f"--- mail to {message['To']} ---\nSubject: {message['Subject']}\n\n"
            f"{message.get_content()}--- end of mail ---"
        )
        log.info("%s", text)
        print(text, flush=True)

    def close(self) -> None:
        pass


class SmtpTransport:
    """One SMTP connection per run, reopened after an error."""

    def __init__(self, config):
        self.config = config
        self.connection: smtplib.SMTP | None = None

    def _connect(self) -> smtplib.SMTP:
        cfg = self.config
        host, port = cfg["MAIL_SMTP_HOST"], cfg["MAIL_SMTP_PORT"]
        if cfg.get("MAIL_SMTP_SSL"):
            connection = smtplib.SMTP_SSL(
                host, port, timeout=30, context=ssl.create_default_context()
            )
        else:
            connection = smtplib.SMTP(host, port, timeout=30)
            if cfg.get("MAIL_SMTP_STARTTLS", True):
                connection.starttls(context=ssl.create_default_context())
        if cfg.get("MAIL_SMTP_USER"):
            connection.login(cfg["MAIL_SMTP_USER"], cfg.get("MAIL_SMTP_PASSWORD", ""))
        return connection

    def send(self, message: EmailMessage) -> None:
        try:
            if self.connection is None:
                self.connection = self._connect()
            self.connection.send_message(message)
        except Exception:
            self.close()
            raise

    def close(self) -> None:
        if self.connection is not None:
            # A broken connection is closed either way.
            with contextlib.suppress(Exception):
                self.connection.quit()
            self.connection = None


def transport():
    config = current_app.config
    return SmtpTransport(config) if config.get("MAIL_SMTP_HOST") else ConsoleTransport()


def _texts(row: OutboxMail) -> tuple[str, str]:
    """A notice about a pupil is stored without the name: it is filled in at sending."""
    entry = db.session.get(Notification, row.notification_id) if row.subject_pupil_id else None
    if entry is None:
        return row.subject, row.body
    return _compose(present([entry])[0])


def _message(row: OutboxMail) -> EmailMessage:
    subject, body = _texts(row)
    message = EmailMessage()
    message["From"] = current_app.config.get("MAIL_FROM", "anschluss@localhost")
    message["To"] = row.to_address
    message["Subject"] = subject
    message["Message-ID"] = make_msgid(idstring=f"outbox-{row.id}")
    message.set_content(body)
    return message


def purge_sent(now: datetime | None = None) -> int:
    """Nightly: delete mails sent (or given up) more than MAIL_RETENTION_DAYS ago — they hold
    names, addresses and links that are of no use once delivered."""
    cutoff = (now or clock.now()) - timedelta(days=current_app.config["MAIL_RETENTION_DAYS"])
    done = or_(
        (OutboxMail.status == "sent") & (OutboxMail.sent_at < cutoff),
        (OutboxMail.status == "failed") & (OutboxMail.created_at < cutoff),
    )
    return db.session.execute(delete(OutboxMail).where(done)).rowcount


def retry_delay(attempts: int) -> timedelta:
    return min(FIRST_RETRY * (2 ** max(attempts - 1, 0)), LONGEST_RETRY)


def _claim(row_id: int, now: datetime) -> OutboxMail | None:
    result = db.session.execute(
        update(OutboxMail)
        .where(
            OutboxMail.id == row_id,
            OutboxMail.status == "pending",
            or_(OutboxMail.claimed_until.is_(None), OutboxMail.claimed_until < now),
        )
        .values(claimed_until=now + LEASE)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    return db.session.get(OutboxMail, row_id) if result.rowcount == 1 else None


def _record_failure(row: OutboxMail, error: Exception, now: datetime) -> None:
    row.attempts += 1
    row.last_error = f"{type(error).__name__}: {error}"[:500]
    row.claimed_until = None
    row.next_attempt_at = now + retry_delay(row.attempts)
    if row.attempts >= MAX_ATTEMPTS:
        row.status = "failed"
    log.warning(
        "mail %s to %s failed (attempt %s): %s",
        row.id,
        row.to_address,
        row.attempts,
        row.last_error,
    )


def send_pending(limit: int = 200, now: datetime | None = None) -> dict:
    """Deliver due mails; commits after each one (a job, not a request). Returns counts."""
    now = now or clock.now()
    due = db.session.scalars(
        select(OutboxMail.id)
        .where(
            OutboxMail.status == "pending",
            OutboxMail.next_attempt_at <= now,
            or_(OutboxMail.claimed_until.is_(None), OutboxMail.claimed_until < now),
        )
        .order_by(OutboxMail.id)
        .limit(limit)
    ).all()
    db.session.commit()
    counts = {"sent": 0, "failed": 0, "skipped": 0}
    sender = transport()
    try:
        for row_id in due:
            row = _claim(row_id, now)
            if row is None:
                counts["skipped"] += 1
                continue
            try:
                sender.send(_message(row))
            except Exception as error:  # noqa: BLE001 - any failure is retried later
                _record_failure(row, error, now)
                counts["failed"] += 1
            else:
                row.status, row.sent_at, row.claimed_until = "sent", clock.now(), None
                counts["sent"] += 1
            db.session.commit()
    finally:
        sender.close()
    return counts


def retry_failed() -> int:
    """Queue mails that gave up again (after the SMTP problem has been fixed)."""
    result = db.session.execute(
        update(OutboxMail)
        .where(OutboxMail.status == "failed")
        .values(status="pending", attempts=0, next_attempt_at=clock.now(), claimed_until=None)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    return result.rowcount
