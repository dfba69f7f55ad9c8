"""The leaver's status derived from the applications (not typed twice).

Once a record has applications, `derive` sets geplant / beworben / zugesagt — or nokean when
every application failed — and the option from them. An acceptance counts as secured only
when staff confirmed it; the chosen application comes first, then a secured fallback place.
A closing status recorded by hand (angetreten, unbe) is left alone.
"""

from __future__ import annotations

from sqlalchemy import select

from app.anschluss import status
from app.anschluss.models import ACCEPTED_APPLICATION_STATUSES, Anschluss, Application
from app.extensions import db

LIVE_STATUSES = ("geplant", "beworben", "einladung", *ACCEPTED_APPLICATION_STATUSES)


def derived_status(applications: list[Application]) -> tuple[str, str | None]:
    """(status, option) the applications give: zugesagt for a confirmed acceptance (the chosen
    one first, then a secured fallback), beworben once one is sent, geplant while all are
    planned, nokean when every one failed, offen without any."""
    if not applications:
        return "offen", None
    live = [a for a in applications if a.status in LIVE_STATUSES and a.arrival != "no_show"]
    secured = [
        a for a in live if a.status in ACCEPTED_APPLICATION_STATUSES and a.confirmed_at is not None
    ]
    chosen = next((a for a in live if a.is_chosen), None)
    pick = (
        next((a for a in secured if a.is_chosen), None)
        or next((a for a in secured if a.is_fallback), None)
        or (secured[0] if secured else None)
    )
    if pick is not None:
        return "zugesagt", pick.option_code
    sent = [a for a in live if a.status != "geplant"]
    if sent:
        return "beworben", (chosen or sent[0]).option_code
    if live:
        return "geplant", (chosen or live[0]).option_code
    return "nokean", "NOKEAN"


def derive(actor, pupil_id: int, year_id: int) -> Anschluss | None:
    """Set the record's status and option from its applications (unless a closing status —
    angetreten, unbe — was recorded: then the applications no longer decide)."""
    applications = list(
        db.session.scalars(
            select(Application).where(
                Application.pupil_id == pupil_id, Application.school_year_id == year_id
            )
        )
    )
    anschluss = status.find(pupil_id, year_id)
    current = status.snapshot(anschluss)
    if current["status"] not in (*status.DERIVED_STATUSES, "nokean"):
        return anschluss
    new_status, option = derived_status(applications)
    if (new_status, option) == (current["status"], current["option_code"]):
        return anschluss
    if anschluss is None and new_status == "offen":
        return None
    return status.store(
        actor,
        pupil_id,
        year_id,
        anschluss,
        {"status": new_status, "option_code": option},
        "applications",
    )
