"""School days in NRW: weekdays that are neither public holidays nor school holidays.

School holidays come from app/data/reference/schulferien_nw_2019-2029.csv (KMK data via
python-holidays); public holidays from `holidays.Germany(subdiv="NW")`.
"""

from __future__ import annotations

import csv
from datetime import date, timedelta
from functools import lru_cache

import holidays

from app.data import DATA_DIR

HOLIDAY_FILE = DATA_DIR / "reference" / "schulferien_nw_2019-2029.csv"


@lru_cache(maxsize=1)
def school_holidays() -> tuple[tuple[date, date, str], ...]:
    with HOLIDAY_FILE.open(encoding="utf-8") as handle:
        return tuple(
            (
                date.fromisoformat(row["start_date"]),
                date.fromisoformat(row["end_date"]),
                row["name_de"],
            )
            for row in csv.DictReader(handle)
            if row["subdivision"] == "NW"
        )


@lru_cache(maxsize=32)
def _public_holidays(year: int) -> holidays.HolidayBase:
    return holidays.Germany(subdiv="NW", years=year)


def holiday_name(day: date) -> str | None:
    """The name of the public or school holiday on `day`, or None."""
    public = _public_holidays(day.year).get(day)
    if public:
        return public
    for start, end, name in school_holidays():
        if start <= day <= end:
            return name
    return None


def why_not_a_school_day(day: date) -> str | None:
    """None for a school day, else a German reason (shown to the provider in a 422)."""
    if day.weekday() >= 5:
        return "Der Tag fällt auf ein Wochenende."
    name = holiday_name(day)
    if name:
        return f"Der Tag liegt in den Ferien oder ist ein Feiertag ({name})."
    return None


def school_days(start: date, end: date, weekdays: str = "") -> list[date]:
    """School days from start to end inclusive; `weekdays` ("03" = Mon, Thu) narrows them."""
    allowed = {int(d) for d in weekdays} if weekdays else {0, 1, 2, 3, 4}
    days = []
    day = start
    while day <= end:
        if day.weekday() in allowed and why_not_a_school_day(day) is None:
            days.append(day)
        day += timedelta(days=1)
    return days
