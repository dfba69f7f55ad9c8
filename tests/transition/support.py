"""Helpers of the transition tests: dates around the world's summer, applications."""

from __future__ import annotations

from datetime import date

from app.core import clock
from tests.factories import current_school_year


def leaving_year():
    return current_school_year()


def summer(day: int = 20) -> date:
    """`day` August after the world's school year (the leavers' first days at the BK)."""
    return date(leaving_year().ends_on.year, 8, day)


def leaver_birth_date(age_at_leaving: int = 16) -> date:
    return date(leaving_year().ends_on.year - age_at_leaving, 5, 17)


def heading_to(staff, pupil, school, option="BFSII", status="zugesagt") -> dict:
    """A chosen application of the pupil to the school, as staff record it (confirmed); the
    pupil's record follows from it."""
    from app.anschluss import applications

    data = {
        "target_kind": "school",
        "target_school_id": school.id,
        "option_code": option,
        "status": status,
        "is_chosen": True,
    }
    return applications.create(staff, pupil.id, data)


def go_to_summer(day: int = 20) -> None:
    clock.travel_to(summer(day))
