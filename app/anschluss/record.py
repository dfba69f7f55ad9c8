"""Which school year a pupil's Anschluss record belongs to, and whether it is still open.

A leaver's record belongs to the **leaving cohort** — the school year of the leaving class —
not to "today": on 20 August the Berufskolleg confirms arrivals and the leaving school records
"angetreten" for last year's leavers, because the leaving school stays responsible for the
Schulpflicht until the receiving school confirms the admission (VO-DV I § 7 Abs. 1; see
docs/domain.md, "The transition through the summer"). The record stays open until it is
closed; a closed record is read-only.
"""

from __future__ import annotations

from sqlalchemy import select

from app.anschluss import reference
from app.anschluss.models import Anschluss
from app.core import clock, i18n
from app.core.errors import Invalid
from app.extensions import db
from app.schools.models import ClassMembership, SchoolClass, SchoolYear


def latest_membership(pupil_id: int):
    """(SchoolYear, SchoolClass) of the pupil's latest class that has begun, or None."""
    return db.session.execute(
        select(SchoolYear, SchoolClass)
        .join(SchoolClass, SchoolClass.school_year_id == SchoolYear.id)
        .join(ClassMembership, ClassMembership.class_id == SchoolClass.id)
        .where(ClassMembership.pupil_id == pupil_id, SchoolYear.starts_on <= clock.today())
        .order_by(SchoolYear.starts_on.desc())
        .limit(1)
    ).first()


def _record_year_of(current, found) -> SchoolYear | None:
    """The rule: the leaving year for a leaver whose school year has ended (and who has no
    class since), else the current school year."""
    if found is None:
        return current
    year, school_class = found
    if current is not None and year.id == current.id:
        return current
    return year if school_class.is_leaving_class else current


def record_year(pupil_id: int, create: bool = False) -> SchoolYear | None:
    """The school year of the pupil's record (see `_record_year_of`)."""
    return _record_year_of(
        reference.current_school_year(create=create), latest_membership(pupil_id)
    )


def record_years(pupil_ids: list[int]) -> dict[int, SchoolYear | None]:
    """`record_year` for many pupils in two statements (imports)."""
    current = reference.current_school_year()
    latest: dict[int, tuple] = {}
    for pupil_id, year, school_class in db.session.execute(
        select(ClassMembership.pupil_id, SchoolYear, SchoolClass)
        .join(SchoolClass, SchoolClass.id == ClassMembership.class_id)
        .join(SchoolYear, SchoolYear.id == SchoolClass.school_year_id)
        .where(ClassMembership.pupil_id.in_(pupil_ids), SchoolYear.starts_on <= clock.today())
        .order_by(SchoolYear.starts_on.desc())
    ):
        latest.setdefault(pupil_id, (year, school_class))
    return {pupil_id: _record_year_of(current, latest.get(pupil_id)) for pupil_id in pupil_ids}


def find_record(pupil_id: int) -> tuple[SchoolYear | None, Anschluss | None]:
    year = record_year(pupil_id)
    if year is None:
        return None, None
    anschluss = db.session.scalar(
        select(Anschluss).where(Anschluss.pupil_id == pupil_id, Anschluss.school_year_id == year.id)
    )
    return year, anschluss


def reason_text(reason: str | None) -> str:
    """The closing reason in the reader's language (never the code)."""
    if not reason:
        return ""
    return i18n.text("fields", f"close-reason-{reason.replace('_', '-')}") or reason


def ensure_open(anschluss: Anschluss | None) -> None:
    """Refuse any change of a closed record, naming why and since when it is closed."""
    if anschluss is not None and anschluss.closed_at is not None:
        raise Invalid(
            "anschluss-closed",
            reason=reason_text(anschluss.closed_reason),
            date=anschluss.closed_at.astimezone(clock.SCHOOL_TZ).date(),
        )


def close(anschluss: Anschluss, reason: str, actor_id: int | None) -> None:
    anschluss.closed_at = clock.now()
    anschluss.closed_reason = reason
    anschluss.closed_by_id = actor_id
