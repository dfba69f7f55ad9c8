"""Booking: request, teacher confirmation, waiting list, cancellation, attendance, certificate."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from app.core import clock
from app.core.audit import AuditEvent
from app.core.errors import Conflict
from app.internships import booking as booking_service
from app.internships.models import Booking, Slot
from tests import factories as f
from tests.internships.helpers import make_offer, make_slot, school_day


@pytest.fixture
def bfe(world, db):
    offer = make_offer(world.provider_org, fields=("ITC", "ME"))
    slot = make_slot(offer, capacity=1)
    db.session.commit()
    return slot


def book(client, slot_id, **extra):
    return client.post("/api/v1/bookings", json={"slot_id": slot_id, **extra})


def test_pupil_books_teacher_confirms_provider_marks_attendance(world, login_as, db, bfe):
    """Can a pupil book a day, the teacher confirm it, the provider mark attendance, and the
    pupil download a certificate?"""
    pupil = login_as(world.pupil)
    requested = book(pupil, bfe.id)
    assert requested.status_code == 201, requested.json
    assert requested.json["status"] == "requested"
    assert db.session.get(Slot, bfe.id).booked == 1
    booking_id = requested.json["id"]
    confirmed = login_as(world.users.teacher).post(f"/api/v1/bookings/{booking_id}/confirm")
    assert confirmed.status_code == 200 and confirmed.json["status"] == "confirmed"
    db.session.get(Slot, bfe.id).starts_on = clock.today()  # the day has come
    db.session.commit()
    provider = login_as(world.users.provider)
    marked = provider.post(f"/api/v1/bookings/{booking_id}/attendance", json={"attended": True})
    assert marked.status_code == 200 and marked.json["status"] == "attended"
    pdf = pupil.get(f"/api/v1/bookings/{booking_id}/certificate.pdf")
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"
    assert pdf.data.startswith(b"%PDF")
    progress = pupil.get("/api/v1/me/bookings").json["progress"]
    assert progress["days_done"] == 1 and progress["fields_done"] == ["ITC"]


def test_certificate_only_after_attendance(world, login_as, bfe):
    """Is the certificate refused while the booking is not attended?"""
    pupil = login_as(world.pupil)
    booking_id = book(pupil, bfe.id).json["id"]
    assert pupil.get(f"/api/v1/bookings/{booking_id}/certificate.pdf").status_code == 409


def test_attendance_not_before_the_day(world, login_as, bfe):
    """Can a provider mark attendance before the day, or for an unconfirmed booking?"""
    booking_id = book(login_as(world.pupil), bfe.id).json["id"]
    provider = login_as(world.users.provider)
    early = provider.post(f"/api/v1/bookings/{booking_id}/attendance", json={"attended": True})
    assert early.status_code == 409


def test_full_slot_answers_409_and_offers_waiting_list(world, login_as, db, bfe):
    """When the last place is gone, does the next pupil get a 409 and can they queue?"""
    assert book(login_as(world.pupil), bfe.id).status_code == 201
    classmate = login_as(world.classmate)
    full = book(classmate, bfe.id)
    assert full.status_code == 409 and "slot_id" in full.json["errors"]
    queued = classmate.post(f"/api/v1/slots/{bfe.id}/waitlist", json={})
    assert queued.status_code == 201 and queued.json["position"] == 1
    assert classmate.post(f"/api/v1/slots/{bfe.id}/waitlist", json={}).status_code == 409
    assert classmate.get("/api/v1/me/bookings").json["waitlist"][0]["position"] == 1
    assert classmate.delete(f"/api/v1/slots/{bfe.id}/waitlist").status_code == 204
    assert classmate.delete(f"/api/v1/slots/{bfe.id}/waitlist").status_code == 404


def test_rejection_promotes_the_waiting_list(world, login_as, db, bfe):
    """Does a rejection free the place and hand it to the first pupil on the waiting list?"""
    booking_id = book(login_as(world.pupil), bfe.id).json["id"]
    classmate = login_as(world.classmate)
    assert classmate.post(f"/api/v1/slots/{bfe.id}/waitlist", json={}).status_code == 201
    rejected = login_as(world.users.teacher).post(f"/api/v1/bookings/{booking_id}/reject")
    assert rejected.status_code == 200 and rejected.json["status"] == "rejected"
    mine = classmate.get("/api/v1/me/bookings").json
    assert mine["waitlist"] == []
    assert [(b["status"], b["source"]) for b in mine["bookings"]] == [("requested", "waitlist")]
    assert db.session.get(Slot, bfe.id).booked == 1


def test_promotion_skips_pupils_busy_that_day(world, login_as, db, bfe):
    """Is a waiting pupil who booked elsewhere on that day skipped in favour of the next?"""
    other = make_slot(make_offer(world.provider_org, fields=("G",)), bfe.starts_on)
    db.session.commit()
    holder = book(login_as(world.pupil), bfe.id).json["id"]
    classmate, pupil_b = login_as(world.classmate), login_as(world.pupil_b)
    assert classmate.post(f"/api/v1/slots/{bfe.id}/waitlist", json={}).status_code == 201
    assert pupil_b.post(f"/api/v1/slots/{bfe.id}/waitlist", json={}).status_code == 201
    # the classmate is now busy that day
    booking_service.request_booking(world.classmate, other.id)
    db.session.commit()
    assert login_as(world.pupil).post(f"/api/v1/bookings/{holder}/cancel").status_code == 200
    assert [b["status"] for b in pupil_b.get("/api/v1/me/bookings").json["bookings"]] == [
        "requested"
    ]


def test_no_two_bookings_on_the_same_day(world, login_as, db, bfe):
    """Can a pupil book two offers on the same day?"""
    second = make_slot(make_offer(world.provider_org, fields=("G",)), bfe.starts_on)
    db.session.commit()
    pupil = login_as(world.pupil)
    assert book(pupil, bfe.id).status_code == 201
    clash = book(pupil, second.id)
    assert clash.status_code == 409 and "slot_id" in clash.json["errors"]
    assert book(pupil, bfe.id).status_code == 409  # and not the same slot twice


def test_praktikum_blocks_every_day_of_its_period(world, login_as, db):
    """Does a two-week Praktikum block a BFE day inside its period?"""
    start = school_day(30)
    while start.weekday() != 0:
        start += timedelta(days=1)
    praktikum = make_slot(
        make_offer(world.provider_org, kind="praktikum"), start, ends_on=start + timedelta(days=11)
    )
    day_inside = make_slot(make_offer(world.provider_org), start + timedelta(days=8))
    db.session.commit()
    pupil = login_as(world.pupil)
    assert book(pupil, praktikum.id).status_code == 201
    assert book(pupil, day_inside.id).status_code == 409


def test_chosen_berufsfeld_must_belong_to_offer(world, login_as, bfe):
    """Is a Berufsfeld that the offer does not cover refused with a 422?"""
    response = book(login_as(world.pupil), bfe.id, berufsfeld="G")
    assert response.status_code == 422 and "berufsfeld" in response.json["errors"]
    assert book(login_as(world.pupil), bfe.id, berufsfeld="ME").json["berufsfeld"] == "ME"


def test_unknown_or_foreign_slot_is_a_422(world, login_as, db):
    """Is booking a slot that does not exist or lies in another Kommune refused naming slot_id?"""
    foreign = make_slot(make_offer(world.other_provider_org))
    db.session.commit()
    pupil = login_as(world.pupil)
    for slot_id in (999999, foreign.id):
        response = book(pupil, slot_id)
        assert response.status_code == 422 and "slot_id" in response.json["errors"]


def test_minimum_jahrgang(world, login_as, db):
    """Can a pupil of Jahrgang 10 book an offer for Jahrgang 11 and up?"""
    slot = make_slot(make_offer(world.provider_org, min_jahrgang=11))
    db.session.commit()
    assert book(login_as(world.pupil), slot.id).status_code == 422


def test_pupil_cancels_until_deadline_then_teacher(school_monday, world, login_as, db):
    """Can a pupil cancel until two days before, and only the teacher afterwards?"""
    tuesday = school_monday + timedelta(days=1)  # inside the two-day deadline, whatever today is
    soon = make_slot(make_offer(world.provider_org), tuesday)
    later = make_slot(make_offer(world.provider_org), school_day(20))
    db.session.commit()
    pupil = login_as(world.pupil)
    soon_id = book(pupil, soon.id).json["id"]
    later_id = book(pupil, later.id).json["id"]
    assert pupil.post(f"/api/v1/bookings/{later_id}/cancel").status_code == 200
    late = pupil.post(f"/api/v1/bookings/{soon_id}/cancel")
    assert late.status_code == 409
    teacher = login_as(world.users.teacher).post(f"/api/v1/bookings/{soon_id}/cancel")
    assert teacher.status_code == 200 and teacher.json["status"] == "cancelled"
    assert db.session.get(Slot, soon.id).booked == 0
    rebook = book(pupil, later.id)  # a cancelled booking can be requested again
    assert rebook.status_code == 201 and rebook.json["id"] == later_id


def test_only_the_class_teacher_decides(world, login_as, bfe):
    """Can the teacher of another class or a pupil confirm a booking?"""
    booking_id = book(login_as(world.pupil), bfe.id).json["id"]
    assert (
        login_as(world.teacher_b).post(f"/api/v1/bookings/{booking_id}/confirm").status_code == 403
    )
    assert login_as(world.pupil).post(f"/api/v1/bookings/{booking_id}/confirm").status_code == 403
    assert (
        login_as(world.users.stubo).post(f"/api/v1/bookings/{booking_id}/confirm").status_code
        == 200
    )
    again = login_as(world.users.teacher).post(f"/api/v1/bookings/{booking_id}/confirm")
    assert again.status_code == 409


def test_bulk_confirm_for_a_class(world, login_as, db):
    """Can the teacher confirm all open requests of the class at once, and only those?"""
    slots = [make_slot(make_offer(world.provider_org)) for _ in range(3)]
    db.session.commit()
    first = book(login_as(world.pupil), slots[0].id).json["id"]
    book(login_as(world.classmate), slots[1].id)
    other_class = book(login_as(world.pupil_b), slots[2].id).json["id"]
    teacher = login_as(world.users.teacher)
    wrong = teacher.post(
        f"/api/v1/classes/{world.klasse.id}/bookings/confirm",
        json={"booking_ids": [first, other_class]},
    )
    assert wrong.status_code == 422
    done = teacher.post(f"/api/v1/classes/{world.klasse.id}/bookings/confirm", json={})
    assert done.status_code == 200 and len(done.json) == 2
    assert {b["status"] for b in done.json} == {"confirmed"}
    listing = teacher.get(f"/api/v1/classes/{world.klasse.id}/bookings").json
    assert {p["pupil_id"] for p in listing["pupils"]} == {world.pupil.id, world.classmate.id}
    reads = db.session.scalar(
        select(func.count(AuditEvent.id)).where(AuditEvent.resource == "class_bookings")
    )
    assert reads == 2


def test_provider_sees_names_only_with_consent(world, login_as, db, bfe):
    """Does the provider see a participant's name only after the pupil consented?"""
    booking_id = book(login_as(world.pupil), bfe.id).json["id"]
    login_as(world.users.teacher).post(f"/api/v1/bookings/{booking_id}/confirm")
    provider = login_as(world.users.provider)
    url = f"/api/v1/offers/{bfe.offer_id}/participants"
    row = provider.get(url).json[0]
    assert row["consent"] is False and row["last_name"] is None
    given = login_as(world.pupil).post(
        "/api/v1/me/consents", json={"provider_id": world.provider_org.id}
    )
    assert given.status_code == 201 and given.json["given_by"] == "pupil"
    row = provider.get(url).json[0]
    assert (row["last_name"], row["class_name"], row["school_name"]) == (
        "Becker",
        "10a",
        "Gesamtschule Nord",
    )
    revoked = login_as(world.pupil).post(
        "/api/v1/me/consents/revoke", json={"provider_id": world.provider_org.id}
    )
    assert revoked.status_code == 200
    assert provider.get(url).json[0]["last_name"] is None


def test_under_14_needs_guardian_consent_recorded_by_teacher(world, login_as, db, bfe):
    """Is a 13-year-old refused self-consent, and can the teacher record the guardian's?"""
    young = f.make_pupil(
        world.klasse, birth_date=clock.today().replace(year=clock.today().year - 13)
    )
    db.session.commit()
    booking_id = book(login_as(young), bfe.id).json["id"]
    refused = login_as(young).post(
        "/api/v1/me/consents", json={"provider_id": world.provider_org.id}
    )
    assert refused.status_code == 403
    assert login_as(young).get("/api/v1/me/bookings").json["may_consent_self"] is False
    teacher = login_as(world.users.teacher)
    missing = teacher.post(f"/api/v1/bookings/{booking_id}/guardian-consent", json={})
    assert missing.status_code == 422
    recorded = teacher.post(
        f"/api/v1/bookings/{booking_id}/guardian-consent", json={"guardian_signature_seen": True}
    )
    assert recorded.status_code == 201 and recorded.json["given_by"] == "guardian"


def test_consent_only_for_booked_providers(world, login_as):
    """Can a pupil consent to a provider they never booked?"""
    response = login_as(world.pupil).post(
        "/api/v1/me/consents", json={"provider_id": world.other_provider_org.id}
    )
    assert response.status_code == 422 and "provider_id" in response.json["errors"]


def test_calendar_file(world, login_as, bfe):
    """Does the .ics file contain the booked day with local times?"""
    book(login_as(world.pupil), bfe.id)
    response = login_as(world.pupil).get("/api/v1/me/bookings.ics")
    assert response.status_code == 200 and response.mimetype == "text/calendar"
    text = response.data.decode()
    assert (
        "BEGIN:VEVENT" in text
        and f"DTSTART;TZID=Europe/Berlin:{bfe.starts_on:%Y%m%d}T080000" in text
    )
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))


def test_bfe_progress_three_days_three_fields(world, login_as, db):
    """Is BFE complete only with three attended days in three different Berufsfelder?"""
    for i, field in enumerate(("ITC", "ITC", "G", "SP")):
        slot = make_slot(make_offer(world.provider_org, fields=(field,)), school_day(10, skip=i))
        b = booking_service.create_confirmed_booking(
            world.pupil.id, slot.id, source="teacher", actor=world.users.teacher
        )
        if i < 3:
            b.status = "attended"
    db.session.commit()
    progress = login_as(world.pupil).get("/api/v1/me/bookings").json["progress"]
    assert progress["days_done"] == 3 and progress["fields_done"] == ["G", "ITC"]
    assert progress["complete"] is False and progress["on_track"] is True


def test_create_confirmed_booking_respects_capacity(world, db, bfe):
    """Does the allocation entry point confirm at once and refuse when the slot is full?"""
    made = booking_service.create_confirmed_booking(
        world.pupil.id, bfe.id, source="allocation", actor=world.users.stubo
    )
    assert made.status == "confirmed" and made.decided_by_id == world.users.stubo.id
    with pytest.raises(Conflict):
        booking_service.create_confirmed_booking(
            world.classmate.id, bfe.id, source="allocation", actor=world.users.stubo
        )
    assert db.session.get(Slot, bfe.id).booked == 1
    assert db.session.scalar(select(func.count(Booking.id))) == 1


def test_supply_and_demand_per_field(world, login_as, db):
    """Does the coordinator see places per Berufsfeld and how many pupils still need days?"""
    klasse8 = f.make_class(world.school, "8a", "8")
    pupils = [f.make_pupil(klasse8) for _ in range(2)]
    slot = make_slot(make_offer(world.provider_org, fields=("ITC",)), capacity=1)
    db.session.commit()
    booking_service.request_booking(pupils[0], slot.id)
    db.session.commit()
    body = (
        login_as(world.users.kommune_coordinator)
        .get(f"/api/v1/kommunen/{world.kommune.id}/supply-demand")
        .json
    )
    itc = next(f for f in body["fields"] if f["berufsfeld"] == "ITC")
    assert (itc["places"], itc["booked"], itc["free"]) == (1, 1, 0)
    assert body["pupils_needing_bfe"] == 2 and body["missing_days"] == 5
    assert body["shortfall"] == 5
    school = login_as(world.users.stubo).get(f"/api/v1/schools/{world.school.id}/supply-demand")
    assert school.status_code == 200 and school.json["pupils_needing_bfe"] == 2
    other = login_as(world.users.stubo).get(
        f"/api/v1/schools/{world.other_school.id}/supply-demand"
    )
    assert other.status_code == 403


def test_from_14_a_guardian_consents_only_with_the_schools_reason(world, login_as, db, bfe):
    """Issue 9 L1: is a guardian's consent for a 15-year-old refused without a reason, and
    recorded and audited with one (the rule the Verantwortungskette uses, too)?"""
    from tests.chain.helpers import audit_rows

    older = f.make_pupil(
        world.klasse, birth_date=clock.today().replace(year=clock.today().year - 15)
    )
    db.session.commit()
    booking_id = book(login_as(older), bfe.id).json["id"]
    teacher = login_as(world.users.teacher)
    url = f"/api/v1/bookings/{booking_id}/guardian-consent"
    refused = teacher.post(url, json={"guardian_signature_seen": True})
    assert refused.status_code == 422 and "guardian_reason" in refused.json["errors"]
    reason = "Die Schülerin kann die Tragweite nicht einschätzen (Förderbedarf)."
    recorded = teacher.post(url, json={"guardian_signature_seen": True, "guardian_reason": reason})
    assert recorded.status_code == 201 and recorded.json["guardian_reason"] == reason
    event = audit_rows(db, "data_transfer_consent")[-1]
    assert event.pupil_id == older.id and "guardian_reason" in event.categories


def test_does_the_kommune_see_a_schools_small_demand_masked(world, login_as, db):
    """Issue 9 M2: a school's pupils needing BFE days, as the Kommune sees them, are hidden when
    small — and a bigger school's too when the Kommune total would give the small one away."""
    small = f.make_class(world.school, "8a", "8")
    big = f.make_class(world.same_kommune_school, "8a", "8")
    for _ in range(2):
        f.make_pupil(small)
    for _ in range(9):
        f.make_pupil(big)
    db.session.commit()
    coordinator = login_as(world.users.kommune_coordinator)
    total = coordinator.get(f"/api/v1/kommunen/{world.kommune.id}/supply-demand").json
    assert total["pupils_needing_bfe"] == 11 and total["masked"] is False
    for school in (world.school, world.same_kommune_school):
        seen = coordinator.get(f"/api/v1/schools/{school.id}/supply-demand").json
        assert seen["masked"] is True, school.name
        assert seen["pupils_needing_bfe"] is None and seen["missing_days"] is None
        assert seen["shortfall"] is None
    own = login_as(world.users.stubo).get(f"/api/v1/schools/{world.school.id}/supply-demand").json
    assert own["masked"] is False and own["pupils_needing_bfe"] == 2
