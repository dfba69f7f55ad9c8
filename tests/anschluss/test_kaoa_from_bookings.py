"""The cohort reads KAoA steps as the portfolio shows them: attended bookings count."""

from __future__ import annotations

from app.core import clock
from app.internships.models import Booking
from tests import factories as f
from tests.internships.helpers import make_offer, make_slot, school_day


def attend(db, pupil, provider, kind, *, skip=0, days=1):
    offer = make_offer(provider, kind=kind, fields=("GESGE",), title=f"Angebot {kind}")
    slot = make_slot(offer, school_day(skip=skip), ends_on=school_day(skip=skip + days - 1))
    slot.booked = 1
    db.session.add(
        Booking(
            pupil_id=pupil.id,
            slot_id=slot.id,
            berufsfeld="GESGE",
            status="attended",
            attendance_at=clock.now(),
        )
    )
    db.session.flush()


def row_of(client, w, pupil):
    body = client.get(f"/api/v1/schools/{w.school.id}/leavers?per_page=100").get_json()
    return next(r for r in body["items"] if r["pupil_id"] == pupil.id)


def test_are_attended_bookings_no_missing_steps(school_monday, anschluss_world, login_as, db):
    """Is a leaver with three attended BFE days and a Betriebspraktikum, who never entered a
    step in "Mein Weg", neither missing those steps nor flagged "no internship"?"""
    w = anschluss_world
    stubo = login_as(w.users.stubo)
    before = row_of(stubo, w, w.classmate)
    assert {"SBO 5.1", "SBO 6.1"} <= set(before["missing_steps"])
    assert "no_internship" in before["risk_reasons"]
    provider = f.make_provider(w.kommune, name="Klinikum Nord")
    attend(db, w.classmate, provider, "bfe")
    attend(db, w.classmate, provider, "praktikum", skip=1, days=10)
    db.session.commit()
    after = row_of(stubo, w, w.classmate)
    # One BFE day of the three leaves the Berufsfelderkundung missing; the Praktikum is met.
    assert "SBO 5.1" in after["missing_steps"] and "SBO 6.1" not in after["missing_steps"]
    attend(db, w.classmate, provider, "bfe", skip=11)
    attend(db, w.classmate, provider, "bfe", skip=12)
    db.session.commit()
    after = row_of(stubo, w, w.classmate)
    assert "SBO 5.1" not in after["missing_steps"] and "SBO 6.1" not in after["missing_steps"]
    assert after["internship_done"] is True
    assert "no_internship" not in after["risk_reasons"]


def test_does_a_confirmed_booking_not_count_as_done(anschluss_world, login_as, db):
    """Does a merely confirmed BFE day (geplant) still leave the step missing?"""
    w = anschluss_world
    provider = f.make_provider(w.kommune)
    offer = make_offer(provider, kind="bfe", fields=("GESGE",))
    slot = make_slot(offer, booked=1)
    db.session.add(
        Booking(pupil_id=w.classmate.id, slot_id=slot.id, berufsfeld="GESGE", status="confirmed")
    )
    db.session.commit()
    row = row_of(login_as(w.users.stubo), w, w.classmate)
    assert "SBO 5.1" in row["missing_steps"]
