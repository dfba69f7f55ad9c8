"""Term start at the Berufskolleg: confirm arrivals in bulk, report no-shows.

All items or none: a pupil who is not on the school's incoming list (or twice in the request)
refuses the whole request, naming the item. An arrival closes the leaver's record as
"angetreten" (anschluss/arrival.py). A no-show alerts the leaving school's StuBO and, for a
youth still obliged to attend school, opens a Schulpflicht case for the Kommune in the
Verantwortungskette (transfers.py) and alerts its coordination.
"""

from __future__ import annotations

from sqlalchemy import select

from app.anschluss import arrival
from app.anschluss.models import Application
from app.auth.models import User
from app.core import audit
from app.core.errors import Invalid
from app.extensions import db
from app.schools.models import School
from app.transition import hooks, incoming, transfers
from app.transition.models import TransitionAlert


def _resolve(school: School, items: list[dict]) -> dict[int, Application]:
    pupil_ids = [entry["pupil_id"] for entry in items]
    found = {
        row.pupil_id: row.application_id
        for row in db.session.execute(incoming.incoming_query(school, pupil_ids=pupil_ids))
    }
    errors, seen = {}, set()
    for index, pupil_id in enumerate(pupil_ids):
        if pupil_id in seen:
            errors[f"items.{index}.pupil_id"] = ["arrival-pupil-twice"]
        elif pupil_id not in found:
            errors[f"items.{index}.pupil_id"] = ["arrival-not-incoming"]
        seen.add(pupil_id)
    if errors:
        raise Invalid("arrivals-rejected", errors=errors)
    applications = db.session.scalars(
        select(Application).where(Application.id.in_(list(found.values())))
    )
    return {application.pupil_id: application for application in applications}


def _no_show(actor, application: Application, school: School) -> None:
    pupil = db.session.get(User, application.pupil_id)
    duty = transfers.evaluate(pupil)
    case = transfers.open_schulpflicht_case(actor, pupil) if duty["obliged"] else None
    home = db.session.get(School, pupil.school_id)
    db.session.add(
        TransitionAlert(
            pupil_id=pupil.id,
            kind="no_show",
            school_id=home.id,
            kommune_id=home.kommune_id,
            reported_by_school_id=school.id,
            application_id=application.id,
            case_id=case.id if case else None,
            schulpflichtig=duty["obliged"],
        )
    )
    db.session.flush()
    hooks.notify_no_show(pupil, school, case)


def record_arrivals(actor, school_id: int, items: list[dict]) -> dict:
    school = db.session.get(School, school_id)
    applications = _resolve(school, items)
    counts = {"arrived": 0, "no_show": 0, "unchanged": 0}
    for entry in items:
        application = applications[entry["pupil_id"]]
        if not arrival.record_arrival(actor, application, entry["result"]):
            counts["unchanged"] += 1
            continue
        counts[entry["result"]] += 1
        if entry["result"] == "no_show":
            _no_show(actor, application, school)
    audit.record(
        actor,
        "update",
        "arrivals",
        list(applications),
        audit.Purpose.SCHOOL_TRANSFER,
        ("identity", "anschluss"),
    )
    return counts
