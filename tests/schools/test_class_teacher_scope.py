"""A class teacher reaches the pupils of the classes they teach *now* (issue 9, M1).

The attack: a teacher who taught a class last year keeps reading and changing its pupils'
data for ever. Now the scope is the current school year's classes; a leaving class stays
with its teacher for CLASS_TEACHER_GRACE_DAYS after 31 July (the leavers' follow-up).
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from app.core import clock
from app.notifications.models import Notification
from app.schools.models import ClassMembership, ClassTeacher
from tests import factories as f
from tests.internships.helpers import make_offer, make_slot

# What a class teacher does with one pupil or one class (method, URL template).
PUPIL_READS = [
    "/api/v1/pupils/{pupil}/anschluss",
    "/api/v1/pupils/{pupil}/anschluss/history",
    "/api/v1/pupils/{pupil}/shared-items",
    "/api/v1/pupils/{pupil}/anschlussvereinbarungen",
    "/api/v1/pupils/{pupil}/handover-consents",
    "/api/v1/classes/{klasse}/pupils",
    "/api/v1/classes/{klasse}/bookings",
    "/api/v1/classes/{klasse}/progress",
    "/api/v1/classes/{klasse}/anschluss",
]


def _statuses(client, pupil, klasse) -> list[int]:
    return [
        client.get(url.format(pupil=pupil.id, klasse=klasse.id)).status_code for url in PUPIL_READS
    ]


@pytest.fixture
def year_end(world):
    return world.klasse.school_year.ends_on


@pytest.fixture
def ninth(db, world):
    """A class that does not leave (9c) with its teacher and a pupil, this school year."""
    klasse = f.make_class(world.school, "9c", "9")
    pupil = f.make_pupil(klasse, first_name="Jonas", last_name="Neun")
    teacher = f.make_teacher(klasse)
    db.session.commit()
    return klasse, pupil, teacher


def test_does_a_class_teacher_keep_the_class_until_the_last_day_of_the_school_year(
    world, login_as, ninth, year_end
):
    """On 31 July: do the teachers of 10a and 9c still reach their pupils?"""
    clock.travel_to(year_end)
    klasse, pupil, teacher = ninth
    client = login_as(teacher)
    assert set(_statuses(client, pupil, klasse)) == {200}
    assert client.get("/api/v1/auth/me").json["class_ids"] == [klasse.id]
    assert set(_statuses(login_as(world.users.teacher), world.pupil, world.klasse)) == {200}


def test_does_the_teacher_of_a_class_that_stays_lose_it_on_1_august(
    world, login_as, ninth, year_end
):
    """On 1 August: is last year's 9c teacher refused for every read of its pupils?"""
    clock.travel_to(year_end + timedelta(days=1))
    klasse, pupil, teacher = ninth
    client = login_as(teacher)
    assert set(_statuses(client, pupil, klasse)) == {403}
    me = client.get("/api/v1/auth/me").json
    assert me["class_ids"] == []
    listed = client.get(f"/api/v1/schools/{world.school.id}/classes").json
    assert listed == []


def test_does_the_teacher_of_a_leaving_class_keep_it_for_the_grace_period(
    world, login_as, year_end, app
):
    """Does the 10a teacher reach the leavers — their open Anschluss records too — until
    31 August and not a day longer, while the StuBO keeps following them up?"""
    grace = app.config["CLASS_TEACHER_GRACE_DAYS"]
    clock.travel_to(year_end + timedelta(days=grace))
    client = login_as(world.users.teacher)
    assert set(_statuses(client, world.pupil, world.klasse)) == {200}
    clock.travel_to(year_end + timedelta(days=grace + 1))
    client = login_as(world.users.teacher)
    assert set(_statuses(client, world.pupil, world.klasse)) == {403}
    # The leaver's record stays open for the StuBO, who follows it up from now on.
    stubo = login_as(world.users.stubo)
    assert stubo.get(f"/api/v1/pupils/{world.pupil.id}/anschluss").status_code == 200
    assert (
        client.put(
            f"/api/v1/pupils/{world.pupil.id}/anschluss",
            json={"status": "offen", "lock_version": 0},
        ).status_code
        == 403
    )


def test_is_the_grace_period_configurable(world, login_as, year_end, app, monkeypatch):
    """With CLASS_TEACHER_GRACE_DAYS=0, does the leaving class end on 31 July too?"""
    monkeypatch.setitem(app.config, "CLASS_TEACHER_GRACE_DAYS", 0)
    clock.travel_to(year_end)
    client = login_as(world.users.teacher)
    assert client.get(f"/api/v1/pupils/{world.pupil.id}/anschluss").status_code == 200
    clock.travel_to(year_end + timedelta(days=1))
    client = login_as(world.users.teacher)
    assert client.get(f"/api/v1/pupils/{world.pupil.id}/anschluss").status_code == 403


def test_does_a_teacher_reach_this_years_class_and_not_last_years(
    db, world, login_as, ninth, year_end
):
    """After the change, does the teacher reach the pupil in the new 10c but not the old 9c?"""
    old_class, pupil, teacher = ninth
    clock.travel_to(year_end + timedelta(days=1))
    new_class, _teacher = _move_up(db, world, pupil, teacher)
    client = login_as(teacher)
    assert set(_statuses(client, pupil, new_class)) == {200}
    assert client.get(f"/api/v1/classes/{old_class.id}/pupils").status_code == 403
    listed = client.get(f"/api/v1/schools/{world.school.id}/classes").json
    assert [c["id"] for c in listed] == [new_class.id]


def _move_up(db, world, pupil, teacher=None):
    """The pupil's class of the new school year (10c), with its own class teacher."""
    new_class = f.make_class(world.school, "10c", "10")
    db.session.add(
        ClassMembership(
            pupil_id=pupil.id, class_id=new_class.id, school_year_id=new_class.school_year_id
        )
    )
    new_teacher = teacher or f.make_teacher(new_class)
    if teacher is not None:
        db.session.add(ClassTeacher(teacher_id=teacher.id, class_id=new_class.id))
    db.session.commit()
    return new_class, new_teacher


def test_may_a_former_class_teacher_no_longer_decide_bookings_or_hear_of_them(
    db, world, login_as, ninth, year_end
):
    """Is last year's teacher refused a booking decision and told nothing of new requests,
    while the new class teacher hears of them?"""
    _klasse, pupil, old_teacher = ninth
    clock.travel_to(year_end + timedelta(days=1))
    _new_class, new_teacher = _move_up(db, world, pupil)
    slot = make_slot(make_offer(world.provider_org))
    db.session.commit()
    request = login_as(pupil).post("/api/v1/bookings", json={"slot_id": slot.id})
    assert request.status_code == 201, request.json
    booking_id = request.json["id"]
    told = db.session.scalars(select(Notification.user_id).where(Notification.user_id != pupil.id))
    assert list(told) == [new_teacher.id]
    old = login_as(old_teacher)
    assert old.post(f"/api/v1/bookings/{booking_id}/confirm").status_code == 403
    assert old.post(f"/api/v1/bookings/{booking_id}/reject").status_code == 403
    assert login_as(new_teacher).post(f"/api/v1/bookings/{booking_id}/confirm").status_code == 200
