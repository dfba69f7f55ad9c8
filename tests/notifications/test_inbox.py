"""The in-app inbox: entries for state changes, unread counts, marking as read."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.extensions import db as _db
from app.notifications.models import Notification, OutboxMail
from app.notifications.services import notify
from tests.allocation.helpers import make_slot, school_days


def test_does_notify_write_a_bilingual_inbox_entry(world, db):
    """Does an event become an entry with German and English text and a link?"""
    notify(
        world.pupil.id,
        "booking_confirmed",
        {"pupil_id": world.pupil.id, "offer_title": "IT bei Muster", "starts_on": "2027-02-03"},
    )
    entry = db.session.scalar(select(Notification))
    assert entry.title_de == "Buchung bestätigt: IT bei Muster"
    assert "03.02.2027" in entry.body_de
    assert entry.title_en == "Booking confirmed: IT bei Muster"
    assert "03 Feb 2027" in entry.body_en
    assert entry.link == "/bookings"


def test_is_an_unknown_kind_shown_neutrally(world, db):
    """Does an event kind without a template still reach the inbox (no error)?"""
    notify(world.pupil.id, "something_new", {})
    assert db.session.scalar(select(Notification.title_de)) == "Neuigkeit in Anschluss"


def test_does_a_rolled_back_change_leave_no_notification(world, db):
    """Is the entry part of the caller's transaction (gone when the change is rolled back)?"""
    world.pupil.email = "mia@example.org"
    db.session.commit()
    notify(world.pupil.id, "booking_rejected", {"offer_title": "IT", "starts_on": "2027-02-03"})
    db.session.rollback()
    assert db.session.scalar(select(Notification.id)) is None
    assert db.session.scalar(select(OutboxMail.id)) is None


def test_does_a_booking_request_reach_pupil_and_class_teacher(world, db, login_as):
    """Does a booking request notify the pupil and name the pupil to their class teacher —
    by id in the stored notice, by name only when the teacher reads it (issue 9, L2)?"""
    booking = pytest.importorskip("app.internships.booking")
    slot = make_slot(world.provider_org, school_days(1)[0], title="Pflege im Klinikum")
    db.session.commit()
    booking.request_booking(world.pupil, slot.id)
    db.session.commit()
    entries = {n.user_id: n for n in db.session.scalars(select(Notification))}
    assert entries[world.pupil.id].title_de == "Anfrage gesendet: Pflege im Klinikum"
    stored = entries[world.users.teacher.id]
    assert stored.subject_pupil_id == world.pupil.id
    assert "Mia" not in str(stored.data) + stored.body_de + stored.body_en + stored.title_de
    (shown,) = login_as(world.users.teacher).get("/api/v1/me/notifications").json["items"]
    assert "Mia Becker" in shown["body_de"] and "Mia Becker" in shown["body_en"]


def test_can_a_user_list_and_read_their_inbox(world, login_as, db):
    """Does the inbox page show newest first with the unread count, and can items be read?"""
    for title in ("Eins", "Zwei", "Drei"):
        notify(
            world.pupil.id, "booking_confirmed", {"offer_title": title, "starts_on": "2027-02-03"}
        )
    notify(world.classmate.id, "booking_confirmed", {"offer_title": "Fremd", "starts_on": "x"})
    db.session.commit()
    client = login_as(world.pupil)
    page = client.get("/api/v1/me/notifications?per_page=2").get_json()
    assert page["total"] == 3 and page["unread"] == 3
    assert [item["title_de"] for item in page["items"]] == [
        "Buchung bestätigt: Drei",
        "Buchung bestätigt: Zwei",
    ]
    first = page["items"][0]["id"]
    response = client.post(f"/api/v1/me/notifications/{first}/read")
    assert response.status_code == 200 and response.get_json()["read"] is True
    assert client.get("/api/v1/me/notifications").get_json()["unread"] == 2
    unread = client.get("/api/v1/me/notifications?unread_only=true").get_json()
    assert first not in {item["id"] for item in unread["items"]}
    assert client.post("/api/v1/me/notifications/read-all").get_json()["marked"] == 2
    assert client.get("/api/v1/me/notifications").get_json()["unread"] == 0


def test_can_a_user_read_someone_elses_notification(world, login_as, db):
    """Is another user's notification invisible (404) and left unread?"""
    notify(world.classmate.id, "booking_confirmed", {"offer_title": "IT", "starts_on": "x"})
    db.session.commit()
    other = db.session.scalar(select(Notification.id))
    client = login_as(world.pupil)
    assert client.post(f"/api/v1/me/notifications/{other}/read").status_code == 404
    client.post("/api/v1/me/notifications/read-all")
    assert _db.session.get(Notification, other).read_at is None


def test_does_the_inbox_list_run_constant_queries(world, login_as, db):
    """Does listing 40 notifications take as many SQL statements as listing 2?"""
    from sqlalchemy import event

    client = login_as(world.pupil)
    counts = []
    for total in (2, 40):
        while db.session.scalar(select(_db.func.count(Notification.id))) < total:
            notify(world.pupil.id, "booking_confirmed", {"offer_title": "IT", "starts_on": "x"})
        db.session.commit()
        statements = []

        def count(*_args, statements=statements):
            statements.append(1)

        event.listen(_db.engine, "before_cursor_execute", count)
        try:
            client.get("/api/v1/me/notifications?per_page=50")
        finally:
            event.remove(_db.engine, "before_cursor_execute", count)
        counts.append(len(statements))
    assert counts[0] == counts[1]
