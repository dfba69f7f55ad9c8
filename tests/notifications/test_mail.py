"""E-mail: queued in the outbox with the event, delivered by `flask notifications send`."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from app.core import clock
from app.notifications import mail
from app.notifications.models import OutboxMail
from app.notifications.services import notify


class FakeSMTP:
    """Stands in for smtplib.SMTP and records what would have been sent."""

    sent: list = []
    fail_with: Exception | None = None

    def __init__(self, host, port, timeout=None):
        self.host, self.port = host, port

    def starttls(self, context=None):
        pass

    def login(self, user, password):
        self.user = user

    def send_message(self, message):
        if FakeSMTP.fail_with is not None:
            raise FakeSMTP.fail_with
        FakeSMTP.sent.append(message)

    def quit(self):
        pass


@pytest.fixture
def smtp(app, monkeypatch):
    FakeSMTP.sent, FakeSMTP.fail_with = [], None
    monkeypatch.setattr(mail.smtplib, "SMTP", FakeSMTP)
    monkeypatch.setitem(app.config, "MAIL_SMTP_HOST", "smtp.test")
    monkeypatch.setitem(app.config, "MAIL_SMTP_USER", "anschluss")
    return FakeSMTP


@pytest.fixture
def mia(world, db):
    world.pupil.email = "mia@example.org"
    db.session.commit()
    return world.pupil


def _event(pupil):
    notify(pupil.id, "booking_confirmed", {"offer_title": "IT", "starts_on": "2027-02-03"})


def test_is_a_mail_queued_only_for_users_with_an_address(world, db, mia):
    """Does an event queue one e-mail for a user with an address, none without?"""
    _event(mia)
    _event(world.classmate)
    rows = db.session.scalars(select(OutboxMail)).all()
    assert [row.to_address for row in rows] == ["mia@example.org"]
    assert rows[0].subject == "Anschluss: Buchung bestätigt: IT"
    assert "Booking confirmed: IT" in rows[0].body and "/#/bookings" in rows[0].body


def test_does_the_send_command_deliver_via_smtp(app, db, mia, smtp):
    """Does `flask notifications send` deliver the queued mail and mark it sent?"""
    _event(mia)
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["notifications", "send"])
    assert result.exit_code == 0, result.output
    assert "mails sent: 1" in result.output
    assert [m["To"] for m in smtp.sent] == ["mia@example.org"]
    db.session.expire_all()
    row = db.session.scalar(select(OutboxMail))
    assert row.status == "sent" and row.sent_at is not None
    app.test_cli_runner().invoke(args=["notifications", "send"])
    assert len(smtp.sent) == 1  # never twice


def test_is_a_mail_kept_and_retried_when_smtp_fails(app, db, mia, smtp):
    """On an SMTP error, is the mail kept with a counter and retried later, not lost?"""
    _event(mia)
    db.session.commit()
    smtp.fail_with = OSError("connection refused")
    assert mail.send_pending() == {"sent": 0, "failed": 1, "skipped": 0}
    row = db.session.scalar(select(OutboxMail))
    assert (row.status, row.attempts) == ("pending", 1)
    assert "connection refused" in row.last_error
    assert row.next_attempt_at > clock.now()
    assert mail.send_pending()["failed"] == 0  # not due yet: back-off
    smtp.fail_with = None
    assert mail.send_pending(now=clock.now() + timedelta(minutes=2))["sent"] == 1
    db.session.expire_all()
    assert db.session.scalar(select(OutboxMail.status)) == "sent"


def test_does_a_mail_give_up_after_many_attempts_but_stay(app, db, mia, smtp):
    """After MAX_ATTEMPTS failures, is the mail marked failed, kept, and requeueable?"""
    _event(mia)
    db.session.commit()
    smtp.fail_with = OSError("down")
    later = clock.now()
    for _ in range(mail.MAX_ATTEMPTS):
        later += timedelta(days=1)
        mail.send_pending(now=later)
    db.session.expire_all()
    row = db.session.scalar(select(OutboxMail))
    assert (row.status, row.attempts) == ("failed", mail.MAX_ATTEMPTS)
    assert mail.retry_failed() == 1
    smtp.fail_with = None
    assert mail.send_pending()["sent"] == 1


def test_does_a_claimed_mail_stay_with_its_sender(app, db, mia, smtp):
    """While another sender holds a mail (lease), is it left alone (no double sending)?"""
    _event(mia)
    row = db.session.scalar(select(OutboxMail))
    row.claimed_until = clock.now() + timedelta(minutes=5)
    db.session.commit()
    assert mail.send_pending()["sent"] == 0
    assert mail.send_pending(now=clock.now() + timedelta(minutes=6))["sent"] == 1


def test_are_mails_printed_in_development(app, db, mia, capsys):
    """Without an SMTP host, does the sender print the mail instead of sending it?"""
    _event(mia)
    db.session.commit()
    assert mail.send_pending()["sent"] == 1
    out = capsys.readouterr().out
    assert "mail to mia@example.org" in out and "Buchung bestätigt: IT" in out
