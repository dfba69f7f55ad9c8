"""Words and states people meet around a booking: the certificate names the Berufsfeld, a
decided request no longer waits in anyone's inbox."""

from __future__ import annotations

from app.internships.certificates import certificate_lines
from app.internships.models import Booking
from tests.internships.helpers import make_offer, make_slot


def test_does_the_certificate_name_the_berufsfeld(world, reference, db):
    """ "Berufsfeld: IT, Computer" — not "Berufsfeld: ITC"?"""
    slot = make_slot(make_offer(world.provider_org, fields=("ITC",)))
    booking = Booking(pupil_id=world.pupil.id, slot_id=slot.id, berufsfeld="ITC", status="attended")
    db.session.add(booking)
    db.session.flush()
    _title, lines = certificate_lines(booking)
    assert "Berufsfeld: IT, Computer" in lines
    assert not any(line.endswith("ITC") for line in lines)


def test_is_a_decided_request_read_in_every_teachers_inbox(world, reference, db, login_as):
    """Once a request is confirmed, does the "please decide" notification stop being unread?"""
    from app.notifications.models import Notification
    from tests.support import rows_of

    slot = make_slot(make_offer(world.provider_org, fields=("ITC",)))
    db.session.commit()
    booked = login_as(world.pupil).post("/api/v1/bookings", json={"slot_id": slot.id})
    assert booked.status_code == 201, booked.json

    def unread_requests():
        return rows_of(
            Notification,
            Notification.read_at.is_(None),
            kind="booking_requested",
            user_id=world.users.teacher.id,
        )

    assert len(unread_requests()) == 1
    teacher = login_as(world.users.teacher)
    assert teacher.post(f"/api/v1/bookings/{booked.json['id']}/confirm").status_code == 200
    db.session.expire_all()
    assert unread_requests() == []


def test_does_booking_the_same_slot_twice_say_so(world, reference, db, login_as):
    """The same slot again: "Du hast diesen Termin bereits gebucht", not "another date"?"""
    slot = make_slot(make_offer(world.provider_org, fields=("ITC",)))
    db.session.commit()
    pupil = login_as(world.pupil)
    assert pupil.post("/api/v1/bookings", json={"slot_id": slot.id}).status_code == 201
    again = pupil.post("/api/v1/bookings", json={"slot_id": slot.id})
    assert again.status_code == 409
    assert again.json["type"].endswith("/slot-already-booked")
    assert "bereits gebucht" in again.json["detail"]


def test_does_the_pupils_log_name_the_company_that_read(world, reference, db, login_as):
    """When the company read the pupil's name (with consent), does "Wohin gingen meine Daten?"
    name the company, not just "Betrieb"?"""
    slot = make_slot(make_offer(world.provider_org, fields=("ITC",)))
    db.session.commit()
    pupil = login_as(world.pupil)
    booking_id = pupil.post("/api/v1/bookings", json={"slot_id": slot.id}).json["id"]
    login_as(world.users.teacher).post(f"/api/v1/bookings/{booking_id}/confirm")
    pupil.post("/api/v1/me/consents", json={"provider_id": world.provider_org.id})
    login_as(world.users.provider).get(f"/api/v1/offers/{slot.offer_id}/participants")
    events = pupil.get("/api/v1/me/disclosures").json["access_events"]
    by_company = [e for e in events if e["role"] == "provider"]
    assert by_company and by_company[0]["company_name"] == world.provider_org.name
