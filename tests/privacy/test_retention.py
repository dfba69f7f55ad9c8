"""Retention of pupil data in time travel (docs/security.md B6, G10; ASVS 14.2.7)."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from sqlalchemy import String, Text, cast, func, select

from app.auth.models import User
from app.core import clock
from app.core.audit import AuditEvent
from app.core.pupil_data import APP_DATA, SCHOOL_RECORD
from app.extensions import db as _db
from app.interests.models import InterestProfile
from app.internships.models import Booking, Slot
from app.privacy import registry, retention
from app.schools.models import ClassMembership, SchoolClass, SchoolYear
from tests.privacy.everything import last_school_year_end, seed_everything
from tests.privacy.pupil_tables import THROUGH_PARENT, pupil_tables

APP_ONLY = tuple(entry.name for entry in registry.in_stage(APP_DATA))
SCHOOL_RECORDS = tuple(entry.name for entry in registry.in_stage(SCHOOL_RECORD))


def _rows_of(pupil_id: int) -> dict[str, int]:
    """Rows per table that still name the pupil (the audit log and the users row aside)."""
    counts = {}
    for name, columns in pupil_tables().items():
        if name in ("audit_events", "users"):
            continue
        table = _db.metadata.tables[name]
        if name in THROUGH_PARENT:
            link, parent_name = THROUGH_PARENT[name]
            parent = _db.metadata.tables[parent_name]
            owned = select(parent.c.id).where(parent.c.pupil_id == pupil_id).scalar_subquery()
            where = table.c[link].in_(owned)
        else:
            where = _db.or_(*(table.c[c] == pupil_id for c in columns))
        counts[name] = _db.session.scalar(select(func.count()).select_from(table).where(where))
    return counts


def _mentions(text: str) -> list[str]:
    """Every table.column holding `text` anywhere (names copied into other rows included)."""
    found = []
    for table in _db.metadata.sorted_tables:
        if table.name == "audit_events":
            continue
        for column in table.columns:
            if not isinstance(column.type, String | Text) and column.type.__class__.__name__ != (
                "JSON"
            ):
                continue
            hit = _db.session.scalar(
                select(func.count()).select_from(table).where(cast(column, Text).contains(text))
            )
            if hit:
                found.append(f"{table.name}.{column.name}")
    return found


def _after(day, **delta) -> datetime:
    return datetime.combine(day, time(3), tzinfo=UTC) + timedelta(**delta)


def _still_at_school(world):
    """world.classmate moves on to a class of the next school year, with a profile of its own."""
    ends = last_school_year_end(world.classmate.id)
    year = SchoolYear(
        label="next", starts_on=ends + timedelta(days=1), ends_on=ends.replace(year=ends.year + 1)
    )
    _db.session.add(year)
    _db.session.flush()
    klasse = SchoolClass(
        school_id=world.school.id, school_year_id=year.id, name="11a", jahrgang="EF"
    )
    _db.session.add(klasse)
    _db.session.flush()
    _db.session.add(
        ClassMembership(pupil_id=world.classmate.id, class_id=klasse.id, school_year_id=year.id)
    )
    _db.session.add(
        InterestProfile(
            pupil_id=world.classmate.id,
            questionnaire_version="v",
            answers={},
            scores={},
            code="SAE",
        )
    )
    _db.session.commit()


def test_is_app_only_data_deleted_months_after_the_pupil_left(db, world, reference, login_as, app):
    """After RETENTION_APP_DATA_MONTHS: app data gone, school record kept, login switched off?"""
    seed_everything(world, login_as(world.pupil))
    _still_at_school(world)
    ends = last_school_year_end(world.pupil.id)
    months = app.config["RETENTION_APP_DATA_MONTHS"]

    early = retention.run(now=_after(ends, days=30 * months - 5))
    assert early["pupils_app_data"] == 0 and _rows_of(world.pupil.id)["interest_profiles"] == 1

    counts = retention.run(now=_after(ends, days=31 * months + 2))
    db.session.commit()
    rows = _rows_of(world.pupil.id)
    assert {name: rows[name] for name in APP_ONLY} == dict.fromkeys(APP_ONLY, 0)
    assert all(rows[name] > 0 for name in SCHOOL_RECORDS)
    pupil = db.session.get(User, world.pupil.id)
    assert pupil.last_name == "Becker" and not pupil.active and pupil.deactivated_at
    assert counts["pupils_app_data"] >= 1 and counts["app_rows"] >= len(APP_ONLY)
    classmate = _rows_of(world.classmate.id)
    assert classmate["interest_profiles"] == 1 and classmate["class_memberships"] == 2


def test_does_a_deactivated_account_lose_its_app_data(db, world, reference, login_as, app):
    """Is a deactivated pupil's app data deleted although the school year is still running?"""
    seed_everything(world, login_as(world.pupil))
    world.pupil.active = False
    db.session.commit()
    stamped = db.session.get(User, world.pupil.id).deactivated_at
    assert stamped is not None
    months = app.config["RETENTION_APP_DATA_MONTHS"]
    retention.run(now=stamped + timedelta(days=31 * months + 1))
    db.session.commit()
    rows = _rows_of(world.pupil.id)
    assert rows["interest_profiles"] == rows["bookings"] == rows["webauthn_credentials"] == 0
    assert rows["anschluesse"] == 1


def test_are_no_personal_rows_left_after_the_school_record_period(
    db, world, reference, login_as, app
):
    """After RETENTION_SCHOOL_RECORD_YEARS: 0 rows name the pupil, only the audit remains?"""
    seed_everything(world, login_as(world.pupil))
    audit_before = db.session.scalar(
        select(func.count(AuditEvent.id)).where(AuditEvent.pupil_id == world.pupil.id)
    )
    ends = last_school_year_end(world.pupil.id)
    years = app.config["RETENTION_SCHOOL_RECORD_YEARS"]
    retention.run(now=_after(ends, days=366 * years + 1))
    db.session.commit()
    assert set(_rows_of(world.pupil.id).values()) == {0}
    pupil = db.session.get(User, world.pupil.id)
    personal = ("username", "password_hash", "email", "birth_date", "sex", "street", "postcode")
    assert [getattr(pupil, c) for c in (*personal, "city", "external_id", "webauthn_handle")] == [
        None
    ] * 10
    assert (pupil.first_name, pupil.last_name, pupil.display_name) == ("", "", "")
    assert _mentions("Becker") == [] and _mentions("mia@example.org") == []
    # The audit log is kept, pointing to an id that no longer names anybody.
    events = db.session.scalars(select(AuditEvent).where(AuditEvent.pupil_id == world.pupil.id))
    reasons = [e.reason for e in events]
    assert len(reasons) > audit_before and "retention: school record" in reasons


def test_is_retention_idempotent_and_batched(db, world, reference, login_as, app):
    """Does a second run change nothing, and a batch size of 1 still reach every pupil?"""
    seed_everything(world, login_as(world.pupil))
    ends = last_school_year_end(world.pupil.id)
    later = _after(ends, days=366 * app.config["RETENTION_SCHOOL_RECORD_YEARS"] + 1)
    first = retention.run(now=later, batch_size=1)
    db.session.commit()
    pupils = db.session.scalar(select(func.count(User.id)).where(User.role == "pupil"))
    assert first["pupils_anonymised"] == pupils
    audit_count = db.session.scalar(select(func.count(AuditEvent.id)))
    second = retention.run(now=later, batch_size=1)
    assert set(second.values()) == {0}
    assert db.session.scalar(select(func.count(AuditEvent.id))) == audit_count


def test_does_a_deleted_future_booking_give_its_seat_back(
    db, world, reference, login_as, app, monkeypatch
):
    """Is the seat of a deactivated pupil's booking on a slot ahead freed for others?"""
    seed_everything(world, login_as(world.pupil))
    slot_id = db.session.scalar(select(Booking.slot_id).where(Booking.pupil_id == world.pupil.id))
    assert db.session.get(Slot, slot_id).booked == 1
    world.pupil.active = False
    db.session.commit()
    monkeypatch.setitem(app.config, "RETENTION_APP_DATA_MONTHS", 0)
    retention.run(now=world.pupil.deactivated_at + timedelta(minutes=1))
    db.session.commit()
    db.session.expire_all()
    assert db.session.get(Slot, slot_id).booked == 0


def test_does_flask_retention_run_apply_the_pupil_schedule(
    db, world, reference, login_as, app, monkeypatch
):
    """Does the nightly CLI job delete app data of pupils who left, and report counts?"""
    seed_everything(world, login_as(world.pupil))
    ends = last_school_year_end(world.pupil.id)
    travelled = _after(ends, days=31 * app.config["RETENTION_APP_DATA_MONTHS"] + 2)
    clock.travel_to(travelled)
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["retention", "run", "--batch-size", "2"])
    assert result.exit_code == 0, result.output
    assert "pupils_app_data=" in result.output and "app_rows=" in result.output
    db.session.expire_all()
    assert _rows_of(world.pupil.id)["interest_profiles"] == 0
