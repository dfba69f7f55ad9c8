"""Validation of slots per offer kind (clear 422s naming the field).

- BFE (SBO 5.1): a single school day (no weekend, public or school holiday), about 6 hours
  (5 to 7 hours accepted).
- Betriebspraktikum (SBO 6.1): a period of 2 to 3 weeks (12–21 calendar days) starting and
  ending on school days.
- Praxiskurs (SBO 6.4): 3 to 10 school days within at most two weeks.
- Langzeitpraktikum (SBO 6.5): 1 or 2 fixed weekdays over 2 weeks to one year.
All: in the future, end after start, daily hours within the Jugendarbeitsschutzgesetz for
pupils in full-time compulsory schooling (app/internships/jarbschg.py: at most 7 h a day,
35 h a week, § 11 breaks where stated).
"""

from __future__ import annotations

from datetime import date, datetime

from app.core.errors import Invalid
from app.internships import jarbschg
from app.internships.schooldays import holiday_name, school_days


def _fail(field: str, code: str, **params):
    raise Invalid(code, field=field, **params)


def _hours(data: dict) -> float:
    start = datetime.combine(date.min, data["daily_start"])
    end = datetime.combine(date.min, data["daily_end"])
    return (end - start).total_seconds() / 3600


def _check_common(data: dict, today: date) -> None:
    if data["starts_on"] <= today:
        _fail("starts_on", "slot-not-in-future")
    if data["ends_on"] < data["starts_on"]:
        _fail("ends_on", "slot-ends-before-start")
    hours = _hours(data)
    if hours <= 0:
        _fail("daily_end", "slot-day-ends-before-start")
    days = len(set(data.get("weekdays") or "")) or 5
    jarbschg.check(data["daily_start"], data["daily_end"], data.get("break_minutes"), days)


def _check_bfe(data: dict) -> None:
    if data["ends_on"] != data["starts_on"]:
        _fail("ends_on", "bfe-single-day")
    _check_school_day(data, "starts_on")
    if not 5 <= _hours(data) <= 7:
        _fail("daily_end", "bfe-hours")


def _check_school_day(data: dict, field: str) -> None:
    day = data[field]
    if day.weekday() >= 5:
        _fail(field, "slot-day-weekend", date=day)
    holiday = holiday_name(day)
    if holiday:
        _fail(field, "slot-day-holiday", date=day, holiday=holiday)


def _check_edges_are_school_days(data: dict) -> None:
    for field in ("starts_on", "ends_on"):
        _check_school_day(data, field)


def _check_praktikum(data: dict) -> None:
    _check_edges_are_school_days(data)
    span = (data["ends_on"] - data["starts_on"]).days + 1
    if not 12 <= span <= 21:
        _fail("ends_on", "praktikum-length")


def _check_praxiskurs(data: dict) -> None:
    _check_edges_are_school_days(data)
    days = len(school_days(data["starts_on"], data["ends_on"]))
    if (data["ends_on"] - data["starts_on"]).days > 13 or not 3 <= days <= 10:
        _fail("ends_on", "praxiskurs-length")


def _check_langzeit(data: dict) -> None:
    if not 1 <= len(set(data["weekdays"])) <= 2:
        _fail("weekdays", "langzeit-weekdays")
    span = (data["ends_on"] - data["starts_on"]).days + 1
    if not 14 <= span <= 366:
        _fail("ends_on", "langzeit-length")


CHECKS = {
    "bfe": _check_bfe,
    "praktikum": _check_praktikum,
    "praxiskurs": _check_praxiskurs,
    "langzeitpraktikum": _check_langzeit,
}


def validate_slot(kind: str, data: dict, today: date) -> None:
    _check_common(data, today)
    if kind != "langzeitpraktikum" and data.get("weekdays"):
        _fail("weekdays", "weekdays-only-langzeit")
    CHECKS[kind](data)
    if not school_days(data["starts_on"], data["ends_on"], data.get("weekdays", "")):
        _fail("starts_on", "slot-without-school-day")
