"""Kommune-wide rounds (issue 9, M4): the Kommune coordinator sees only how many pupils of
each school were left without a place; names and classes go to each school's StuBO."""

from __future__ import annotations

import json

import pytest

from app.core.audit import AuditEvent
from app.notifications.models import Notification
from tests import factories as f
from tests.allocation.helpers import make_round, make_slot, pass_deadline, rank, school_days
from tests.support import rows_of


@pytest.fixture
def kommune_round(world, db):
    """One seat, four pupils of two schools of the Kommune want it: three stay unplaced."""
    days = school_days(1)
    slot = make_slot(world.provider_org, days[0], capacity=1)
    allocation_round = make_round(kommune=world.kommune, days=days, seed=3)
    for pupil in (world.pupil, world.classmate, world.pupil_b, world.same_kommune_pupil):
        rank(allocation_round, pupil, [slot])
    other_stubo = f.make_user("stubo", school_id=world.same_kommune_school.id)
    db.session.commit()
    pass_deadline(allocation_round)
    return allocation_round, other_stubo


def _url(allocation_round, action=""):
    return f"/api/v1/allocation-rounds/{allocation_round.id}{action}"


def _names(world):
    pupils = (world.pupil, world.classmate, world.pupil_b, world.same_kommune_pupil)
    return [name for p in pupils for name in (p.first_name, p.last_name)]


def test_does_the_kommune_coordinator_see_unplaced_pupils_names(world, login_as, kommune_round):
    """The attack of issue 9 M4: do names, classes or pupil ids reach the coordinator?"""
    allocation_round, _ = kommune_round
    coordinator = login_as(world.users.kommune_coordinator)
    assert coordinator.post(_url(allocation_round, "/run")).status_code == 200
    published = coordinator.post(_url(allocation_round, "/publish"))
    assert published.status_code == 200, published.json
    detail = coordinator.get(_url(allocation_round))
    for response in (published, detail):
        body = response.json
        assert "unassigned" not in body
        text = json.dumps(body, ensure_ascii=False)
        assert not any(name in text for name in _names(world))
        assert "pupil_id" not in text and "class_name" not in text
        counts = {row["school"]: row["unassigned"] for row in body["unassigned_by_school"]}
        assert sum(counts.values()) == 3
        assert set(counts) <= {world.school.name, world.same_kommune_school.name}
    assert not rows_of(AuditEvent, resource="allocation_unassigned")


def test_does_each_stubo_see_the_names_of_the_own_school_only(world, login_as, kommune_round):
    """Does the StuBO hear of the unplaced pupils and see only the own school's names?"""
    allocation_round, other_stubo = kommune_round
    coordinator = login_as(world.users.kommune_coordinator)
    coordinator.post(_url(allocation_round, "/run"))
    by_school = coordinator.post(_url(allocation_round, "/publish")).json["unassigned_by_school"]
    counts = {row["school_id"]: row["unassigned"] for row in by_school}
    for stubo, school in (
        (world.users.stubo, world.school),
        (other_stubo, world.same_kommune_school),
    ):
        view = login_as(stubo).get(_url(allocation_round)).json
        assert len(view["unassigned"]) == counts.get(school.id, 0)
        assert {row["school"] for row in view["unassigned"]} <= {school.name}
        assert [row["school_id"] for row in view["unassigned_by_school"]] in ([], [school.id])
        if counts.get(school.id):
            (notice,) = rows_of(Notification, user_id=stubo.id)
            assert notice.kind == "allocation_unassigned_school"
            assert str(counts[school.id]) in notice.title_de
    read = rows_of(AuditEvent, resource="allocation_unassigned", actor_id=world.users.stubo.id)
    assert {event.pupil_id for event in read} <= {
        world.pupil.id,
        world.classmate.id,
        world.pupil_b.id,
    }
