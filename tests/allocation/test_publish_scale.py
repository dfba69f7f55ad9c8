"""Publishing at scale: set-based bookings, and the guarantees of a single booking kept."""

from __future__ import annotations

from sqlalchemy import event, func, select

from app.allocation.models import AllocationAssignment
from app.internships.booking import create_confirmed_booking
from app.internships.models import Booking, BookingDay, Slot, WaitlistEntry
from app.notifications.models import Notification, OutboxMail
from tests.allocation.helpers import make_round, make_slot, pass_deadline, rank, school_days
from tests.factories import make_pupil


def _round_with(world, db, pupils: int, after_days: int):
    """`pupils` new pupils ranking two slots on different days; seats for 3/4 of them."""
    days = school_days(2, after_days=after_days)
    seats = pupils * 3 // 4
    slots = [
        make_slot(world.provider_org, days[0], capacity=seats // 2, fields=("ITC",)),
        make_slot(world.provider_org, days[1], capacity=seats - seats // 2, fields=("M",)),
    ]
    allocation_round = make_round(school=world.school, days=days, seed=5)
    people = [
        make_pupil(world.klasse, email=f"p{after_days}-{i}@schule.test") for i in range(pupils)
    ]
    for i, pupil in enumerate(people):
        rank(allocation_round, pupil, slots if i % 2 else slots[::-1])
    db.session.commit()
    pass_deadline(allocation_round)
    return allocation_round, slots, people


def _publish_counting(client, db, allocation_round) -> tuple[int, dict]:
    url = f"/api/v1/allocation-rounds/{allocation_round.id}"
    assert client.post(f"{url}/run").status_code == 200
    statements = []

    def count(*_args, **_kwargs):
        statements.append(1)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        response = client.post(f"{url}/publish")
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    assert response.status_code == 200, response.get_json()
    return len(statements), response.get_json()


def test_does_publishing_run_the_same_number_of_statements_for_20_or_200_pupils(
    world, login_as, db
):
    """Does publishing a round cost a fixed number of SQL statements, not a few per pupil?"""
    client = login_as(world.users.stubo)
    small, slots_small, _ = _round_with(world, db, 20, after_days=30)
    small_count, small_data = _publish_counting(client, db, small)
    large, slots_large, people = _round_with(world, db, 200, after_days=60)
    large_count, large_data = _publish_counting(client, db, large)

    assert (small_data["booked"], large_data["booked"]) == (15, 150)
    assert len(large_data["unassigned"]) == 50
    assert large_count == small_count, (small_count, large_count)
    placed = {
        b.pupil_id
        for b in db.session.scalars(select(Booking))
        if b.slot_id in {s.id for s in slots_large}
    }
    assert len(placed) == 150
    assert [db.session.get(Slot, s.id).booked for s in slots_large] == [75, 75]
    assert (
        db.session.scalar(
            select(func.count()).select_from(BookingDay).where(BookingDay.pupil_id.in_(placed))
        )
        == 150
    )
    told = dict(
        db.session.execute(
            select(Notification.user_id, Notification.kind).where(
                Notification.user_id.in_([p.id for p in people]),
                Notification.kind != "allocation_round_opened",
            )
        ).all()
    )
    assert sorted(set(told.values())) == ["allocation_unassigned", "booking_confirmed"]
    assert sum(kind == "booking_confirmed" for kind in told.values()) == 150
    mails = db.session.scalar(
        select(func.count())
        .select_from(OutboxMail)
        .where(OutboxMail.user_id.in_([p.id for p in people]))
    )
    assert mails == 200  # one per pupil: booked or left over
    assert client.post(f"/api/v1/allocation-rounds/{large.id}/publish").status_code == 409


def test_does_a_day_booked_after_the_run_fail_only_that_pupil(world, login_as, db):
    """If a placed pupil booked the same day elsewhere after the run, is only they left over?"""
    client = login_as(world.users.stubo)
    allocation_round, slots, people = _round_with(world, db, 8, after_days=30)
    url = f"/api/v1/allocation-rounds/{allocation_round.id}"
    client.post(f"{url}/run")
    placed = db.session.execute(
        select(AllocationAssignment.pupil_id, AllocationAssignment.slot_id).where(
            AllocationAssignment.round_id == allocation_round.id,
            AllocationAssignment.slot_id.is_not(None),
        )
    ).first()
    day = db.session.get(Slot, placed.slot_id).starts_on
    elsewhere = make_slot(world.provider_org, day, capacity=1, fields=("G",))
    create_confirmed_booking(
        placed.pupil_id, elsewhere.id, source="teacher", actor=world.users.teacher
    )
    db.session.add(WaitlistEntry(slot_id=placed.slot_id, pupil_id=people[0].id, berufsfeld="ITC"))
    db.session.commit()

    response = client.post(f"{url}/publish")

    assert response.status_code == 200
    data = response.get_json()
    assert data["booked"] == 5
    failed = [row for row in data["unassigned"] if row["pupil_id"] == placed.pupil_id]
    assert failed and "anderen Termin" in failed[0]["reason"]
    assert db.session.get(Slot, placed.slot_id).booked == sum(
        1 for b in db.session.scalars(select(Booking).where(Booking.slot_id == placed.slot_id))
    )
    on_waitlist = db.session.scalars(select(WaitlistEntry.pupil_id)).all()
    booked_pupils = set(
        db.session.scalars(select(Booking.pupil_id).where(Booking.slot_id == placed.slot_id))
    )
    assert not set(on_waitlist) & booked_pupils
