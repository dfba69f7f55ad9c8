"""Identification rounds, set by the Kommune's coordination for its schools."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from app.anschluss import reference
from app.core.errors import Conflict, Invalid, NotFound
from app.extensions import db
from app.schools.models import Kommune, School, SchoolYear
from app.verantwortungskette.models import IdentificationRound


def _school_year_for(starts_on, ends_on) -> SchoolYear:
    year = reference.school_year_for(starts_on, create=True)
    if not (year.starts_on <= ends_on <= year.ends_on):
        raise Invalid("round-across-school-years", field="ends_on")
    return year


def _check_dates(starts_on, ends_on) -> None:
    if ends_on < starts_on:
        raise Invalid("period-ends-before-start", field="ends_on")


def _refuse_overlap(identification_round: IdentificationRound) -> None:
    """Rounds of one Kommune may not overlap (each pupil answers one round at a time); the
    Kommune's row is locked so two concurrent requests cannot both pass (PostgreSQL; SQLite
    writes one at a time)."""
    db.session.execute(
        select(Kommune.id).where(Kommune.id == identification_round.kommune_id).with_for_update()
    )
    other = db.session.scalars(
        select(IdentificationRound)
        .where(
            IdentificationRound.kommune_id == identification_round.kommune_id,
            IdentificationRound.id != identification_round.id,
            IdentificationRound.starts_on <= identification_round.ends_on,
            IdentificationRound.ends_on >= identification_round.starts_on,
        )
        .order_by(IdentificationRound.starts_on)
        .limit(1)
    ).first()
    if other is not None:
        raise Invalid(
            "round-overlaps",
            field="starts_on",
            name=other.name,
            starts_on=other.starts_on,
            ends_on=other.ends_on,
        )


def list_rounds(kommune_id: int | None) -> list[IdentificationRound]:
    if kommune_id is None:
        return []
    return list(
        db.session.scalars(
            select(IdentificationRound)
            .where(IdentificationRound.kommune_id == kommune_id)
            .order_by(IdentificationRound.starts_on.desc(), IdentificationRound.id)
        )
    )


def rounds_for_user(user) -> list[IdentificationRound]:
    """Rounds of the user's Kommune (coordinators) or of their school's Kommune (schools)."""
    kommune_id = user.kommune_id
    if kommune_id is None and user.school_id is not None:
        kommune_id = db.session.get(School, user.school_id).kommune_id
    return list_rounds(kommune_id)


def create(user, data: dict) -> IdentificationRound:
    _check_dates(data["starts_on"], data["ends_on"])
    year = _school_year_for(data["starts_on"], data["ends_on"])
    identification_round = IdentificationRound(
        kommune_id=user.kommune_id, school_year_id=year.id, created_by_id=user.id, **data
    )
    _save(lambda: db.session.add(identification_round))
    _refuse_overlap(identification_round)
    return identification_round


def _save(change) -> None:
    """Apply `change` and flush inside a savepoint (begin_nested flushes what is pending
    first, so the change must come after it): a taken name rolls back only the savepoint."""
    try:
        with db.session.begin_nested():
            change()
            db.session.flush()
    except IntegrityError as error:
        raise Conflict("round-name-taken", field="name") from error


def update(round_id: int, data: dict) -> IdentificationRound:
    identification_round = db.session.get(IdentificationRound, round_id)
    if identification_round is None:
        raise NotFound("identification-round-not-found")
    starts_on = data.get("starts_on", identification_round.starts_on)
    ends_on = data.get("ends_on", identification_round.ends_on)
    _check_dates(starts_on, ends_on)
    year = _school_year_for(starts_on, ends_on)

    def change() -> None:
        for name, value in data.items():
            setattr(identification_round, name, value)
        identification_round.school_year_id = year.id

    _save(change)
    _refuse_overlap(identification_round)
    return identification_round


def delete(round_id: int) -> None:
    identification_round = db.session.get(IdentificationRound, round_id)
    if identification_round is not None:
        db.session.delete(identification_round)
        db.session.flush()


def current_round(kommune_id: int) -> IdentificationRound | None:
    """The round running today, else the latest started one, else the next one to come."""
    today = reference.today()
    rounds = list_rounds(kommune_id)
    started = [r for r in rounds if r.starts_on <= today]
    running = [r for r in started if today <= r.ends_on]
    if running:
        return running[0]
    if started:
        return started[0]
    upcoming = sorted((r for r in rounds if r.starts_on > today), key=lambda r: r.starts_on)
    return upcoming[0] if upcoming else None


def round_for_school(school: School, round_id: int | None) -> IdentificationRound | None:
    if round_id is None:
        return current_round(school.kommune_id)
    identification_round = db.session.get(IdentificationRound, round_id)
    if identification_round is None or identification_round.kommune_id != school.kommune_id:
        raise Invalid("identification-round-unknown", field="identification_round_id")
    return identification_round
