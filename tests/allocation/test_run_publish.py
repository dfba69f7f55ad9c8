"""Running a round after its deadline, reviewing the draft and publishing it."""

from __future__ import annotations

from sqlalchemy import select

from app.allocation.models import AllocationAssignment
from app.core.audit import AuditEvent
from app.internships.models import Booking, Slot
from app.notifications.models import Notification
from tests.allocation.helpers import pass_deadline, rank


def _url(bfe, action=""):
    return f"/api/v1/allocation-rounds/{bfe.round.id}{action}"


def _ranked(world, bfe, db):
    """Three pupils want slot 0 (capacity 1) first; only Lena has no second choice.

    Most pupils placed: Lena gets slot 0, Mia or Ali (by the seed) slot 1, the other none.
    """
    s = bfe.slots
    rank(bfe.round, world.pupil, [s[0], s[1]])
    rank(bfe.round, world.classmate, [s[0], s[1]])
    rank(bfe.round, world.pupil_b, [s[0]])
    db.session.commit()


def test_is_running_refused_before_the_deadline(world, login_as, bfe, db):
    """Can a coordinator compute the assignment while pupils may still rank?"""
    _ranked(world, bfe, db)
    assert login_as(world.users.stubo).post(_url(bfe, "/run")).status_code == 409


def test_does_a_run_draft_a_result_without_booking(world, login_as, bfe, db):
    """Does the run store a reviewed-draft with figures, and book nothing yet?"""
    _ranked(world, bfe, db)
    pass_deadline(bfe.round)
    response = login_as(world.users.stubo).post(_url(bfe, "/run"))
    assert response.status_code == 200, response.get_json()
    data = response.get_json()
    assert data["round"]["status"] == "drafted"
    result = data["result"]
    assert result["optimal"]["assigned"] == 2
    assert result["optimal"]["by_rank"][0]["count"] == 1
    assert result["optimal"]["by_rank"][1]["count"] == 1
    assert result["fcfs"]["participants"] == 3
    itc = next(row for row in result["fields"] if row["berufsfeld"] == "ITC")
    assert itc == {"berufsfeld": "ITC", "demand": 3, "seats": 1, "over_demanded": True}
    assert [row["name"] for row in data["unassigned"]] in (["Mia Becker"], ["Ali Yılmaz"])
    assert db.session.scalar(select(Booking.id)) is None


def test_is_the_result_reproducible_with_the_seed(world, login_as, bfe, db):
    """Does running again with the same input and seed give exactly the same assignment?"""
    _ranked(world, bfe, db)
    pass_deadline(bfe.round)
    client = login_as(world.users.stubo)
    results = []
    for _ in range(3):
        client.post(_url(bfe, "/run"))
        results.append(
            db.session.execute(
                select(AllocationAssignment.pupil_id, AllocationAssignment.slot_id).order_by(
                    AllocationAssignment.pupil_id
                )
            ).all()
        )
    assert results[0] == results[1] == results[2]


def test_does_publishing_book_notify_and_list_the_unassigned(world, login_as, bfe, db):
    """Does publishing create confirmed bookings, tell pupils and name who is left over?"""
    _ranked(world, bfe, db)
    pass_deadline(bfe.round)
    client = login_as(world.users.stubo)
    client.post(_url(bfe, "/run"))
    response = client.post(_url(bfe, "/publish"))
    assert response.status_code == 200, response.get_json()
    data = response.get_json()
    assert data["booked"] == 2
    assert data["round"]["status"] == "published"
    assert data["round"]["published_by_id"] == world.users.stubo.id
    left = data["unassigned"][0]["pupil_id"]
    placed = ({world.pupil.id, world.classmate.id} - {left}).pop()
    assert [row["pupil_id"] for row in data["unassigned"]] == [left]
    bookings = db.session.scalars(select(Booking)).all()
    assert {b.status for b in bookings} == {"confirmed"}
    assert {b.source for b in bookings} == {"allocation"}
    assert db.session.get(Slot, bfe.slots[0].id).booked == 1
    kinds = dict(
        db.session.execute(
            select(Notification.user_id, Notification.kind).where(
                Notification.kind != "allocation_round_opened"
            )
        ).all()
    )
    assert kinds[left] == "allocation_unassigned"
    assert kinds[placed] == kinds[world.pupil_b.id] == "booking_confirmed"
    audited = db.session.scalars(
        select(AuditEvent.pupil_id).where(AuditEvent.resource == "allocation_unassigned")
    ).all()
    assert left in audited
    mine = login_as(world.pupil_b).get(_url(bfe)).get_json()["my_result"]
    assert mine["placed"] is True and mine["rank"] == 1
    assert (
        login_as(db.session.get(type(world.pupil), left))
        .get(_url(bfe))
        .get_json()["my_result"]["placed"]
        is False
    )


def test_is_a_second_publish_refused(world, login_as, bfe, db):
    """Does publishing twice create bookings twice, or is the second attempt a 409?"""
    _ranked(world, bfe, db)
    pass_deadline(bfe.round)
    client = login_as(world.users.stubo)
    assert client.post(_url(bfe, "/publish")).status_code == 409  # not run yet
    client.post(_url(bfe, "/run"))
    assert client.post(_url(bfe, "/publish")).status_code == 200
    assert client.post(_url(bfe, "/publish")).status_code == 409
    assert client.post(_url(bfe, "/run")).status_code == 409
    assert len(db.session.scalars(select(Booking)).all()) == 2


def test_does_a_seat_lost_before_publishing_leave_the_pupil_for_follow_up(world, login_as, bfe, db):
    """If a slot filled up between run and publish, is that pupil listed instead of a 5xx?"""
    _ranked(world, bfe, db)
    pass_deadline(bfe.round)
    client = login_as(world.users.stubo)
    client.post(_url(bfe, "/run"))
    slot = db.session.get(Slot, bfe.slots[0].id)
    slot.booked = slot.capacity
    db.session.commit()
    response = client.post(_url(bfe, "/publish"))
    assert response.status_code == 200
    assert response.get_json()["booked"] == 1
    assert len(response.get_json()["unassigned"]) == 2


def test_are_existing_bookings_respected(world, login_as, bfe, db):
    """Is a pupil never given a slot on a day they are already booked elsewhere?"""
    from app.internships.booking import create_confirmed_booking

    create_confirmed_booking(
        world.pupil.id, bfe.slots[0].id, source="teacher", actor=world.users.teacher
    )
    rank(bfe.round, world.pupil, [bfe.slots[0]])
    db.session.commit()
    pass_deadline(bfe.round)
    data = login_as(world.users.stubo).post(_url(bfe, "/run")).get_json()
    assert data["result"]["optimal"]["assigned"] == 0
    assert "überschneiden" in data["unassigned"][0]["reason"]


def test_can_a_stubo_of_another_school_run_or_publish(world, login_as, bfe, db):
    """May the StuBO of another school run or publish this school's round?"""
    from tests.factories import make_user

    stranger = make_user("stubo", school_id=world.same_kommune_school.id)
    db.session.commit()
    pass_deadline(bfe.round)
    client = login_as(stranger)
    assert client.post(_url(bfe, "/run")).status_code == 403
    assert client.post(_url(bfe, "/publish")).status_code == 403
    assert client.get(_url(bfe)).status_code == 403


def test_does_the_coordinator_see_figures_before_the_run(world, login_as, bfe, db):
    """Does the round show how many pupils could and did rank, and the seats on offer?"""
    _ranked(world, bfe, db)
    data = login_as(world.users.kommune_coordinator).get(_url(bfe)).get_json()
    assert data["overview"] == {"eligible_pupils": 3, "ranked_pupils": 3, "slots": 3, "seats": 4}
