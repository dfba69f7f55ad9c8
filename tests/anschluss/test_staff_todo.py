"""The staff to-do list (GET /me/todo): what waits for a class teacher or StuBO, per class."""

from __future__ import annotations

from datetime import time, timedelta

from app.anschluss.models import AnschlussReport
from app.core import clock
from app.internships.models import Booking, Offer, OfferBerufsfeld, Slot
from app.notifications.models import Notification
from tests.anschluss.cohort_helpers import add_leavers
from tests.support import statements_for


def _slot(provider):
    offer = Offer(
        provider_id=provider.id,
        kind="bfe",
        title="Ein Tag im Betrieb",
        description="Mitmachen",
        street="Hauptstraße 1",
        postcode="44137",
        city="Dortmund",
        status="published",
        min_jahrgang=8,
    )
    offer.fields = [OfferBerufsfeld(berufsfeld="ITC", position=0)]
    day = clock.today() + timedelta(days=14)
    offer.slots = [
        Slot(
            starts_on=day,
            ends_on=day,
            daily_start=time(8),
            daily_end=time(14),
            capacity=10,
            booked=0,
        )
    ]
    return offer


def _request(db, world, pupil, status="requested"):
    offer = _slot(world.provider_org)
    db.session.add(offer)
    db.session.flush()
    booking = Booking(pupil_id=pupil.id, slot_id=offer.slots[0].id, berufsfeld="ITC", status=status)
    db.session.add(booking)


def _report(db, pupil, klasse, state="pending"):
    db.session.add(
        AnschlussReport(
            pupil_id=pupil.id,
            school_year_id=klasse.school_year_id,
            proposed_status="zugesagt",
            option_code="DUAL",
            state=state,
        )
    )


def test_does_the_teacher_see_what_waits_in_the_classes_taught(anschluss_world, login_as, db):
    """Booking requests, pending reports and overdue agreements of the own class only, with the
    unread notifications — and nothing of the class next door?"""
    w = anschluss_world
    _request(db, w, w.pupil)
    _request(db, w, w.classmate)
    _request(db, w, w.pupil, status="confirmed")  # decided: nothing to do
    _request(db, w, w.pupil_b)  # another class
    _report(db, w.pupil, w.klasse)
    _report(db, w.classmate, w.klasse, state="confirmed")
    leavers = add_leavers(db, w.klasse, 4)  # every third has an overdue step: #0 and #3
    db.session.add(
        Notification(
            user_id=w.users.teacher.id,
            kind="x",
            title_de="t",
            body_de="b",
            title_en="t",
            body_en="b",
        )
    )
    db.session.commit()
    body = login_as(w.users.teacher).get("/api/v1/me/todo").get_json()
    assert [c["class_name"] for c in body["classes"]] == ["10a"]
    assert body["totals"] == {"booking_requests": 2, "pending_reports": 1, "overdue_agreements": 2}
    assert body["unread_notifications"] == 1
    assert len(leavers) == 4

    stubo = login_as(w.users.stubo).get("/api/v1/me/todo").get_json()
    by_class = {c["class_name"]: c for c in stubo["classes"]}
    assert set(by_class) == {"10a", "10b"}
    assert by_class["10b"]["booking_requests"] == 1
    assert stubo["totals"]["booking_requests"] == 3


def test_is_the_todo_list_forbidden_to_other_roles(anschluss_world, login_as):
    """Pupils, companies and coordinators have no class to-do list."""
    w = anschluss_world
    for role in ("pupil", "provider", "kommune_coordinator", "bk_coordinator", "admin"):
        assert login_as(getattr(w.users, role)).get("/api/v1/me/todo").status_code == 403


def test_does_the_todo_list_run_a_constant_number_of_statements(anschluss_world, login_as, db):
    """As many SQL statements for two pupils with requests as for forty?"""
    w = anschluss_world
    client = login_as(w.users.stubo)
    _request(db, w, w.pupil)
    db.session.commit()
    small = statements_for(client, db, "/api/v1/me/todo")
    for pupil in add_leavers(db, w.klasse_b, 40):
        _request(db, w, pupil)
        _report(db, pupil, w.klasse_b)
    db.session.commit()
    assert statements_for(client, db, "/api/v1/me/todo") == small
