"""Working hours of pupils in internships under the Jugendarbeitsschutzgesetz (JArbSchG).

Pupils in full-time compulsory schooling (Sek I: BFE, Betriebspraktikum, Praxiskurs,
Langzeitpraktikum) may be employed in a Betriebspraktikum only under § 5 (2) Nr. 2, with
§ 7 Satz 1 Nr. 2: at most 7 hours a day and 35 hours a week. § 11: rest breaks of at least
30 minutes above 4.5 hours and 60 minutes above 6 hours of work. Upper-school pupils
(Sek II Praxiselemente) are Jugendliche past full-time compulsory schooling as a rule: § 8,
at most 8 hours a day and 40 a week, with the same breaks.

The daily times are the time at the workplace; the working time is that minus the stated
breaks. Where no break is stated, the whole time counts as working time (an 8-hour day
without a break is refused) and the breaks are not checked.
"""

from __future__ import annotations

from datetime import date, datetime, time

from app.core.errors import Invalid

LIMITS = {  # (hours a day, hours a week, section)
    "sek1": (7.0, 35.0, "§ 7"),
    "sek2": (8.0, 40.0, "§ 8"),
}


def working_hours(start: time, end: time, break_minutes: int | None) -> float:
    span = (datetime.combine(date.min, end) - datetime.combine(date.min, start)).total_seconds()
    return (span - 60 * (break_minutes or 0)) / 3600


def required_break(hours: float) -> int:
    """§ 11 JArbSchG: the minimum rest break for a working day of `hours`."""
    if hours > 6:
        return 60
    if hours > 4.5:
        return 30
    return 0


def check(
    start: time,
    end: time,
    break_minutes: int | None,
    days_per_week: int = 5,
    stage: str = "sek1",
    field: str = "daily_end",
) -> None:
    """Raise a 422 naming the rule the daily times break (the field `field`)."""
    daily, weekly, section = LIMITS[stage]
    hours = working_hours(start, end, break_minutes)
    if hours > daily:
        raise Invalid("jarbschg-daily-hours", field=field, hours=f"{daily:g}", section=section)
    if hours * days_per_week > weekly:
        raise Invalid("jarbschg-weekly-hours", field=field, hours=f"{weekly:g}", section=section)
    if break_minutes is not None and break_minutes < required_break(hours):
        raise Invalid("jarbschg-breaks", field="break_minutes", minutes=required_break(hours))
