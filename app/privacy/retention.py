"""Retention of pupil data outside the Verantwortungskette (docs/security.md B6, G10; ASVS 14.2.7).

Two stages, both counted from the *purpose end*: the end of the school year of the pupil's
last class membership (they left school), or the deactivation of the account.

1. App-only data — RETENTION_APP_DATA_MONTHS after the purpose end: interest profiles,
   portfolio steps and shares, bookings and their days, waiting lists, provider consents,
   allocation preferences and assignments, notifications and mails, passkeys, sessions,
   challenges and enrolment codes are deleted; the account is switched off.
2. School-record copies — RETENTION_SCHOOL_RECORD_YEARS after the end of that school year
   (VO-DV I § 9): Anschluss and its history, reports, Anschlussvereinbarungen and next steps,
   class memberships, and any Verantwortungskette rows still naming the pupil are deleted or
   pseudonymised; the account row is anonymised (its id stays, so the append-only audit log
   keeps pointing to an id that no longer names anybody).

Which table belongs to which stage is declared once, by its feature, in the privacy registry
(`registry.py`); children are deleted before their parents (the metadata's FK order).
Idempotent: only pupils still holding such data are picked, in batches; a second run changes
nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from flask import current_app
from sqlalchemy import and_, delete, exists, func, or_, select, update

from app.core import audit, clock
from app.core.dates import months_before
from app.core.pupil_data import APP_DATA, PSEUDONYMISED, SCHOOL_RECORD
from app.extensions import db
from app.privacy import registry

DEFAULT_BATCH = 500


def _stage(*stages: str) -> tuple[tuple[str, str], ...]:
    """(table, pupil column) of the registry's tables in `stages`, children before parents;
    child rows found through a parent are deleted with it (see `_children`)."""
    wanted = {
        entry.name: entry.pupil_column
        for entry in registry.TABLES
        if entry.retention in stages and entry.pupil_column
    }
    order = [table.name for table in reversed(db.metadata.sorted_tables)]
    return tuple((name, wanted[name]) for name in order if name in wanted)


def _children() -> dict[str, tuple[str, str]]:
    """Parent table → (child table, link column) for rows found through a parent."""
    return {
        entry.parent[0]: (entry.name, entry.parent[1]) for entry in registry.TABLES if entry.parent
    }


SEAT_HOLDING = ("requested", "confirmed")
ANONYMOUS = {
    "username": None,
    "password_hash": None,
    "first_name": "",
    "last_name": "",
    "display_name": "",
    "email": None,
    "birth_date": None,
    "sex": None,
    "street": None,
    "postcode": None,
    "city": None,
    "external_id": None,
    "webauthn_handle": None,
}


def _t(name: str):
    return db.metadata.tables[name]


def _last_school_year_end():
    memberships, years = _t("class_memberships"), _t("school_years")
    return (
        select(memberships.c.pupil_id, func.max(years.c.ends_on).label("ends_on"))
        .join(years, years.c.id == memberships.c.school_year_id)
        .group_by(memberships.c.pupil_id)
        .subquery()
    )


def _holds(tables, users) -> list:
    return [exists().where(_t(name).c[column] == users.c.id) for name, column in tables]


def _due(cutoff: datetime, tables, personal_account, batch_size: int) -> list[int]:
    """Pupils whose purpose ended before `cutoff` and who still hold data of this stage."""
    users, last = _t("users"), _last_school_year_end()
    ended = or_(
        last.c.ends_on < cutoff.date(),
        and_(users.c.deactivated_at.is_not(None), users.c.deactivated_at < cutoff),
    )
    return list(
        db.session.scalars(
            select(users.c.id)
            .outerjoin(last, last.c.pupil_id == users.c.id)
            .where(users.c.role == "pupil", ended, or_(personal_account, *_holds(tables, users)))
            .order_by(users.c.id)
            .limit(batch_size)
        )
    )


def _free_future_seats(pupil_ids: list[int], today) -> None:
    """Deleted bookings on slots still ahead give their seat back (booked ≤ capacity holds)."""
    bookings, slots = _t("bookings"), _t("slots")
    held = (
        select(func.count(bookings.c.id))
        .where(
            bookings.c.slot_id == slots.c.id,
            bookings.c.pupil_id.in_(pupil_ids),
            bookings.c.status.in_(SEAT_HOLDING),
        )
        .scalar_subquery()
    )
    db.session.execute(
        update(slots)
        .where(slots.c.starts_on >= today, held > 0)
        .values(booked=slots.c.booked - held)
    )


def _delete(tables, pupil_ids: list[int]) -> int:
    removed, children = 0, _children()
    for name, column in tables:
        table = _t(name)
        if name in children:
            child, link = children[name]
            owned = select(table.c.id).where(table.c[column].in_(pupil_ids)).scalar_subquery()
            removed += db.session.execute(
                delete(_t(child)).where(_t(child).c[link].in_(owned))
            ).rowcount
        removed += db.session.execute(delete(table).where(table.c[column].in_(pupil_ids))).rowcount
    return removed


def _delete_about(pupil_ids: list[int]) -> int:
    """Other people's rows about these pupils (staff notices, their mails: issue 9, L2)."""
    removed = 0
    for entry in registry.TABLES:
        if entry.subject_column:
            table = _t(entry.name)
            removed += db.session.execute(
                delete(table).where(table.c[entry.subject_column].in_(pupil_ids))
            ).rowcount
    return removed


def _app_data_batch(cutoff: datetime, now: datetime, batch_size: int) -> tuple[int, int]:
    users = _t("users")
    login_left = or_(
        users.c.active.is_(True),
        users.c.password_hash.is_not(None),
        users.c.webauthn_handle.is_not(None),
    )
    app_data = _stage(APP_DATA)
    about = tuple((e.name, e.subject_column) for e in registry.TABLES if e.subject_column)
    pupil_ids = _due(cutoff, app_data + about, login_left, batch_size)
    if not pupil_ids:
        return 0, 0
    _free_future_seats(pupil_ids, now.date())
    removed = _delete_about(pupil_ids) + _delete(app_data, pupil_ids)
    db.session.execute(
        update(users)
        .where(users.c.id.in_(pupil_ids))
        .values(
            active=False,
            password_hash=None,
            webauthn_handle=None,
            deactivated_at=func.coalesce(users.c.deactivated_at, now),
        )
    )
    audit.record(
        None,
        "delete",
        "app_data",
        pupil_ids,
        audit.Purpose.RETENTION,
        ("interest_profile", "portfolio", "bookings", "notifications", "credentials"),
        reason="retention: app data",
    )
    return len(pupil_ids), removed


def _school_record_batch(cutoff: datetime, now: datetime, batch_size: int) -> tuple[int, int]:
    users = _t("users")
    named = or_(
        users.c.first_name != "",
        users.c.last_name != "",
        users.c.display_name != "",
        *(users.c[c].is_not(None) for c, v in ANONYMOUS.items() if v is None),
    )
    deleted, pseudonymised = _stage(SCHOOL_RECORD, APP_DATA), _stage(PSEUDONYMISED)
    pupil_ids = _due(cutoff, deleted + pseudonymised, named, batch_size)
    if not pupil_ids:
        return 0, 0
    _free_future_seats(pupil_ids, now.date())
    removed = _delete(deleted, pupil_ids)
    for name, column in pseudonymised:
        table = _t(name)
        values = {column: None}
        if "pseudonymised_at" in table.c:
            values["pseudonymised_at"] = now
        removed += db.session.execute(
            update(table).where(table.c[column].in_(pupil_ids)).values(**values)
        ).rowcount
    db.session.execute(
        update(users)
        .where(users.c.id.in_(pupil_ids))
        .values(
            active=False, deactivated_at=func.coalesce(users.c.deactivated_at, now), **ANONYMOUS
        )
    )
    audit.record(
        None,
        "delete",
        "school_record",
        pupil_ids,
        audit.Purpose.RETENTION,
        ("identity", "contact", "anschluss", "class_membership"),
        reason="retention: school record",
    )
    return len(pupil_ids), removed


def run(
    now: datetime | None = None,
    batch_size: int = DEFAULT_BATCH,
    commit: Callable[[], None] | None = None,
) -> dict[str, int]:
    """Apply both stages; `commit` (the CLI passes db.session.commit) runs after each batch."""
    now = now or clock.now()
    config = current_app.config
    app_cutoff = months_before(now, config["RETENTION_APP_DATA_MONTHS"])
    record_cutoff = months_before(now, 12 * config["RETENTION_SCHOOL_RECORD_YEARS"])
    totals = {"pupils_app_data": 0, "app_rows": 0, "pupils_anonymised": 0, "record_rows": 0}
    for stage, cutoff, pupils_key, rows_key in (
        (_school_record_batch, record_cutoff, "pupils_anonymised", "record_rows"),
        (_app_data_batch, app_cutoff, "pupils_app_data", "app_rows"),
    ):
        while True:
            pupils, rows = stage(cutoff, now, batch_size)
            db.session.flush()
            if commit:
                commit()
            totals[pupils_key] += pupils
            totals[rows_key] += rows
            if not pupils:
                break
    return totals
