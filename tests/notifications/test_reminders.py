"""The reminder the day before a confirmed booking: sent once per booking and day."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from app.internships.reminders import remind
from app.notifications.models import Notification
from tests.allocation.helpers import make_slot, school_days


@pytest.fixture
def booked(world, db):
    booking = pytest.importorskip("app.internships.booking")
    day = school_days(1)[0]
    slot = make_slot(world.provider_org, day, title="Werkstatt")
    booking.create_confirmed_booking(
        world.pupil.id, slot.id, source="teacher", actor=world.users.teacher
    )
    db.session.commit()
    return day


def _reminders(db):
    return db.session.scalars(
        select(Notification).where(Notification.kind == "booking_reminder")
    ).all()


def test_is_a_pupil_reminded_the_day_before(world, db, booked):
    """Does the job remind the pupil exactly on the day before the booking?"""
    assert remind(booked - timedelta(days=2)) == 0
    assert remind(booked - timedelta(days=1)) == 1
    entry = _reminders(db)[0]
    assert entry.user_id == world.pupil.id
    assert entry.title_de == "Morgen: Werkstatt"
    assert "08:00" in entry.body_de


def test_is_the_reminder_never_sent_twice(app, world, db, booked):
    """Running the job again the same day (also via the CLI) — a second reminder?"""
    day = booked - timedelta(days=1)
    assert remind(day) == 1
    db.session.commit()
    assert remind(day) == 0
    result = app.test_cli_runner().invoke(
        args=["notifications", "remind", "--today", day.isoformat()]
    )
    assert result.exit_code == 0, result.output
    assert "reminders: 0" in result.output
    assert len(_reminders(db)) == 1


def test_is_a_cancelled_booking_not_reminded(world, db, booked):
    """Does a booking that is no longer confirmed get a reminder?"""
    from app.internships.models import Booking

    db.session.scalar(select(Booking)).status = "cancelled"
    db.session.commit()
    assert remind(booked - timedelta(days=1)) == 0
