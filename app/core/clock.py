"""The one clock of the application: only this module reads the real date and time.

Everything that depends on "today" (school years, deadlines, attendance, retention, reminders)
asks `today()` or `now()`. Two things can move the clock, never in production:

- the development override `ANSCHLUSS_TODAY=YYYY-MM-DD` (see `configure`): the demo server
  believes it is that day, while the time of day keeps running;
- tests, which pin it with `travel_to` (the suite pins it for every test; see tests/conftest.py).

The offset is process state, but it is the same in every worker because it is derived from
the environment at start-up; production always runs with a zero offset.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

SCHOOL_TZ = ZoneInfo("Europe/Berlin")
OVERRIDE_VARIABLE = "ANSCHLUSS_TODAY"

_offset = timedelta(0)


def _real_now() -> datetime:
    return datetime.now(UTC)


def now() -> datetime:
    """The current moment, timezone-aware UTC."""
    return _real_now() + _offset


def today() -> date:
    """Today's date where the schools are (Europe/Berlin), not in UTC."""
    return now().astimezone(SCHOOL_TZ).date()


def local_now() -> datetime:
    """The current moment in the schools' time zone (for labels, PDFs and calendars)."""
    return now().astimezone(SCHOOL_TZ)


def at_school_time(day: date, clock_time: time = time(0, 0)) -> datetime:
    """A school-local wall-clock moment on `day`, as an aware UTC datetime."""
    return datetime.combine(day, clock_time, tzinfo=SCHOOL_TZ).astimezone(UTC)


def travel_to(moment: datetime | date) -> None:
    """Let the clock read `moment` now and keep running from there (tests and the override).

    A date means 10:00 school time on that day, so a whole test run stays on the same day.
    """
    global _offset
    if not isinstance(moment, datetime):
        moment = at_school_time(moment, time(10, 0))
    if moment.tzinfo is None:
        raise ValueError("travel_to needs a timezone-aware datetime or a date")
    _offset = moment - _real_now()


def shift_days(days: int) -> None:
    """Move today by whole days, keeping the time of day (the development override)."""
    global _offset
    _offset = timedelta(days=days)


def reset() -> None:
    global _offset
    _offset = timedelta(0)


def is_shifted() -> bool:
    return _offset != timedelta(0)


def parse_override(value: str | None) -> date | None:
    """The `ANSCHLUSS_TODAY` value as a date, or None; a malformed value is an error."""
    if not value:
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError as error:
        raise RuntimeError(f"{OVERRIDE_VARIABLE} must be YYYY-MM-DD, got {value!r}") from error


def configure(override: date | None, *, production: bool) -> None:
    """Apply the development override at start-up; production refuses it."""
    if override is None:
        return
    if production:
        raise RuntimeError(f"{OVERRIDE_VARIABLE} is a development aid and refused in production")
    shift_days((override - _real_now().astimezone(SCHOOL_TZ).date()).days)
