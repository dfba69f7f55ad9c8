"""Opening and listing allocation rounds."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from app.core import clock
from app.notifications.models import Notification
from tests.allocation.helpers import make_round, school_days


def _body(world, **overrides):
    days = school_days(3)
    body = {
        "name": "BFE-Woche",
        "school_id": world.school.id,
        "period_start": days[0].isoformat(),
        "period_end": days[-1].isoformat(),
        "preference_deadline": (clock.now() + timedelta(days=2)).isoformat(),
        "max_choices": 6,
    }
    body.update(overrides)
    return body


def test_can_a_stubo_open_a_round_for_their_school(world, login_as, db):
    """Does opening a round store it with a seed and tell the school's pupils to rank?"""
    response = login_as(world.users.stubo).post("/api/v1/allocation-rounds", json=_body(world))
    assert response.status_code == 201, response.get_json()
    data = response.get_json()
    assert data["status"] == "open"
    assert data["scope_name"] == "Gesamtschule Nord"
    assert isinstance(data["seed"], int)
    told = db.session.scalars(
        select(Notification.user_id).where(Notification.kind == "allocation_round_opened")
    ).all()
    assert set(told) == {world.pupil.id, world.classmate.id, world.pupil_b.id}


def test_is_the_given_seed_kept(world, login_as):
    """Is a seed given by the coordinator published unchanged with the round?"""
    response = login_as(world.users.stubo).post(
        "/api/v1/allocation-rounds", json=_body(world, seed=4242)
    )
    assert response.get_json()["seed"] == 4242


def test_can_a_stubo_open_a_round_for_another_school(world, login_as):
    """May a StuBO open a round for a school that is not theirs?"""
    response = login_as(world.users.stubo).post(
        "/api/v1/allocation-rounds", json=_body(world, school_id=world.same_kommune_school.id)
    )
    assert response.status_code == 403


def test_can_a_kommune_coordinator_open_a_kommune_round(world, login_as):
    """Does a Kommune-wide round reach the pupils of every school of the Kommune?"""
    body = _body(world, kommune_id=world.kommune.id)
    del body["school_id"]
    client = login_as(world.users.kommune_coordinator)
    response = client.post("/api/v1/allocation-rounds", json=body)
    assert response.status_code == 201, response.get_json()
    other = _body(world, kommune_id=world.other_kommune.id)
    del other["school_id"]
    assert client.post("/api/v1/allocation-rounds", json=other).status_code == 403


def test_are_bad_round_settings_refused_with_the_field_named(world, login_as):
    """Are both scopes at once, too many choices, a past deadline and a late deadline 422s?"""
    client = login_as(world.users.stubo)
    cases = [
        (_body(world, kommune_id=world.kommune.id), "school_id"),
        (_body(world, max_choices=7), "max_choices"),
        (
            _body(world, preference_deadline=(clock.now() - timedelta(hours=1)).isoformat()),
            "preference_deadline",
        ),
        (
            _body(world, preference_deadline=(clock.now() + timedelta(days=90)).isoformat()),
            "preference_deadline",
        ),
        (_body(world, period_end="2000-01-01"), "period_end"),
        (_body(world, preference_deadline="2030-01-01T10:00:00"), "preference_deadline"),
        (_body(world, colour="blue"), "colour"),
    ]
    for body, field in cases:
        response = client.post("/api/v1/allocation-rounds", json=body)
        assert response.status_code == 422, (field, response.get_json())
        assert field in response.get_json()["errors"], (field, response.get_json())


def test_does_everyone_see_only_rounds_of_their_scope(world, login_as, db):
    """Do pupils and StuBOs see rounds of their school and Kommune, but not of others?"""
    days = school_days(2)
    own = make_round(school=world.school, days=days, name="Eigene")
    kommune_wide = make_round(kommune=world.kommune, days=days, name="Kommune")
    make_round(school=world.same_kommune_school, days=days, name="Nachbarschule")
    make_round(school=world.other_school, days=days, name="Bochum")
    db.session.commit()
    for user in (world.pupil, world.users.stubo):
        page = login_as(user).get("/api/v1/allocation-rounds").get_json()
        assert {r["id"] for r in page["items"]} == {own.id, kommune_wide.id}
    page = login_as(world.users.kommune_coordinator).get("/api/v1/allocation-rounds").get_json()
    assert page["total"] == 3
