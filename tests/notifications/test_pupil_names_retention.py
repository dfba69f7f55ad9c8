"""Staff notices and mails name a pupil only by id (issue 9, L2): the name is filled in when
read or sent, the notices go with the pupil's app data, and sent mails are purged nightly."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select, update

from app.auth.models import User
from app.extensions import db as _db
from app.notifications import mail
from app.notifications.models import Notification, OutboxMail
from app.notifications.services import notify
from app.privacy import retention
from tests.support import count_of, one_of

REQUEST = {"offer_title": "Pflege", "starts_on": "2027-02-03"}


def _teacher_notice(world, db):
    world.users.teacher.email = "lehrerin@schule.example"
    db.session.commit()
    notify(world.users.teacher.id, "booking_requested", {**REQUEST, "pupil_id": world.pupil.id})
    db.session.commit()


def test_is_a_pupils_name_stored_in_a_staff_notice_or_its_mail(world, db):
    """Does any stored notice or queued mail of the teacher carry the pupil's name?"""
    _teacher_notice(world, db)
    rows = _db.session.execute(
        select(
            Notification.title_de, Notification.body_de, Notification.body_en, OutboxMail.body
        ).join(OutboxMail, OutboxMail.notification_id == Notification.id)
    ).all()
    assert rows and not any("Becker" in text or "Mia" in text for row in rows for text in row)
    assert one_of(OutboxMail).subject_pupil_id == world.pupil.id


def test_does_the_sent_mail_name_the_pupil_with_the_current_name(world, db, capsys):
    """At sending, is the name filled in (and a renamed pupil shown with the new name)?"""
    _teacher_notice(world, db)
    world.pupil.last_name = "Becker-Yılmaz"
    db.session.commit()
    assert mail.send_pending()["sent"] == 1
    printed = capsys.readouterr().out
    assert "Mia Becker-Yılmaz hat einen Platz" in printed


def test_do_staff_notices_about_a_pupil_go_with_the_pupils_app_data(world, db, app):
    """After the pupil's app data is deleted, is any notice or mail about them left?"""
    _teacher_notice(world, db)
    world.pupil.active = False
    db.session.commit()
    stamped = _db.session.get(User, world.pupil.id).deactivated_at
    months = app.config["RETENTION_APP_DATA_MONTHS"]
    retention.run(now=stamped + timedelta(days=31 * months + 1))
    db.session.commit()
    assert count_of(Notification, subject_pupil_id=world.pupil.id) == 0
    assert count_of(OutboxMail, subject_pupil_id=world.pupil.id) == 0


def test_are_sent_mails_purged_after_the_configured_days(world, db, app):
    """Does the nightly job delete mails sent long enough ago, and keep the rest?"""
    for _ in range(3):
        _teacher_notice(world, db)
    old, recent, pending = _db.session.scalars(select(OutboxMail.id).order_by(OutboxMail.id))
    days = app.config["MAIL_RETENTION_DAYS"]
    now = mail.clock.now()
    for row_id, sent_at in ((old, now - timedelta(days=days + 1)), (recent, now)):
        _db.session.execute(
            update(OutboxMail).where(OutboxMail.id == row_id).values(status="sent", sent_at=sent_at)
        )
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["retention", "run"])
    assert result.exit_code == 0, result.output
    assert "mails_purged=1" in result.output
    assert set(_db.session.scalars(select(OutboxMail.id))) == {recent, pending}
