"""A pupil's active bookings as an iCalendar file (RFC 5545) to add to any calendar app.

Times are local to Germany (TZID Europe/Berlin with a VTIMEZONE block); a multi-day period
becomes one event per school day, so weekends and holidays stay free.
"""

from __future__ import annotations

import re
from datetime import datetime

from flask import current_app

from app.core import clock
from app.internships.models import Booking
from app.internships.schooldays import school_days

VTIMEZONE = [
    "BEGIN:VTIMEZONE",
    "TZID:Europe/Berlin",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "TZNAME:CEST",
    "DTSTART:19700329T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "TZNAME:CET",
    "DTSTART:19701025T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
]
STATUS_LABEL = {"requested": "angefragt", "confirmed": "bestätigt", "attended": "teilgenommen"}


# Line breaks of any kind (CRLF, a bare CR or LF, NEL, Unicode line/paragraph separators).
_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
# Every other control character (C0 including TAB, DEL, C1): RFC 5545 TEXT allows none of
# them, and a calendar app may read a stray CR as the end of the line (issue 9, L9).
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


def escape(value: str) -> str:
    """An RFC 5545 TEXT value: backslash, semicolon and comma escaped, line breaks as \\n,
    tabs as spaces, every other control character removed — so no value can end its line
    and start a property or component of its own."""

    def text(part: str) -> str:
        part = _CONTROL.sub("", part.replace("\t", " "))
        return part.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")

    return "\\n".join(text(part) for part in _LINE_BREAK.split(value))


def fold(line: str) -> list[str]:
    """Lines longer than 75 octets continue on lines starting with a space."""
    out, current = [], ""
    for char in line:
        if len((current + char).encode()) > 75:
            out.append(current)
            current = " " + char
        else:
            current += char
    out.append(current)
    return out


def _events(booking: Booking, stamp: str, host: str) -> list[str]:
    slot, offer = booking.slot, booking.slot.offer
    lines = []
    for day in school_days(slot.starts_on, slot.ends_on, slot.weekdays):
        start = datetime.combine(day, slot.daily_start)
        end = datetime.combine(day, slot.daily_end)
        lines += [
            "BEGIN:VEVENT",
            f"UID:booking-{booking.id}-{day:%Y%m%d}@{host}",
            f"DTSTAMP:{stamp}",
            f"DTSTART;TZID=Europe/Berlin:{start:%Y%m%dT%H%M%S}",
            f"DTEND;TZID=Europe/Berlin:{end:%Y%m%dT%H%M%S}",
            "SUMMARY:" + escape(f"{offer.title} ({offer.provider.name})"),
            "LOCATION:" + escape(f"{offer.street}, {offer.postcode} {offer.city}".strip(", ")),
            "DESCRIPTION:" + escape(f"Status: {STATUS_LABEL.get(booking.status, booking.status)}"),
            "STATUS:" + ("TENTATIVE" if booking.status == "requested" else "CONFIRMED"),
            "END:VEVENT",
        ]
    return lines


def bookings_ics(bookings: list[Booking]) -> str:
    host = current_app.config.get("PUBLIC_BASE_URL", "anschluss").split("//")[-1].split("/")[0]
    stamp = f"{clock.now():%Y%m%dT%H%M%SZ}"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Anschluss//Praktika//DE",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:Meine Praktika",
        *VTIMEZONE,
    ]
    for booking in bookings:
        if booking.status in STATUS_LABEL:
            lines += _events(booking, stamp, host)
    lines.append("END:VCALENDAR")
    return "\r\n".join(part for line in lines for part in fold(line)) + "\r\n"
