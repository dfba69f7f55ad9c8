"""Supply vs. demand of Ausbildungsplätze per Berufsfeld in a Kommune — no personal data.

Supply: the Kommune's live vacancies and their places, per the occupation's Berufsfeld.
Demand: the Kommune's unplaced youths — leavers without a secured Anschluss and the youths of
open Verantwortungskette cases handed to the Kommune or its Berufskollegs (each counted once) —
per the best Berufsfeld of their newest interest profile ("ohne Profil" without one), and how
many pupils marked interest in a vacancy of the field. Youth counts are hidden below 5, and so is
every cell that could be recomputed from the total (kommune.mask_breakdown); "short" is said
only where the demand cell is shown.
"""

from __future__ import annotations

from sqlalchemy import func, or_, select, union

from app.catalog.models import Berufsfeld
from app.core import clock
from app.dashboards.kommune import mask_breakdown, masked
from app.extensions import db
from app.interests.models import InterestProfile
from app.internships.models import BERUFSFELDER
from app.schools.models import ClassMembership, School
from app.vacancies import queries
from app.vacancies.models import Vacancy, VacancyInterest
from app.verantwortungskette.cases import CLOSING_STATUSES
from app.verantwortungskette.models import WITHDRAWN, VkCase

NO_FIELD = "none"


def _supply(kommune_id: int, today) -> dict[str, tuple[int, int, int]]:
    interested = (
        select(func.count(VacancyInterest.id))
        .where(VacancyInterest.vacancy_id == Vacancy.id, VacancyInterest.withdrawn_at.is_(None))
        .scalar_subquery()
    )
    rows = db.session.execute(
        select(
            Vacancy.berufsfeld,
            func.count(Vacancy.id),
            func.sum(Vacancy.places),
            func.sum(interested),
        )
        .where(Vacancy.kommune_id == kommune_id, queries.live_clause(today))
        .group_by(Vacancy.berufsfeld)
    )
    return {
        field or NO_FIELD: (count, int(places or 0), int(keen or 0))
        for field, count, places, keen in rows
    }


def _unplaced_pupils(kommune_id: int, today):
    """SELECT of the pupil ids: leavers without a secured Anschluss, and open cases' youths."""
    leavers = (
        queries.leaver_query(today)
        .with_only_columns(ClassMembership.pupil_id.label("pupil_id"))
        .where(School.kommune_id == kommune_id)
    )
    bk_ids = select(School.id).where(School.kommune_id == kommune_id)
    cases = select(VkCase.pupil_id.label("pupil_id")).where(
        VkCase.pupil_id.is_not(None),
        VkCase.status.not_in((*CLOSING_STATUSES, WITHDRAWN)),
        or_(VkCase.recipient_kommune_id == kommune_id, VkCase.recipient_school_id.in_(bk_ids)),
    )
    return union(leavers, cases).subquery("unplaced")


def _demand(kommune_id: int, today) -> dict[str, int]:
    unplaced = _unplaced_pupils(kommune_id, today)
    newest = (
        select(func.max(InterestProfile.id))
        .where(InterestProfile.pupil_id == unplaced.c.pupil_id)
        .correlate(unplaced)
        .scalar_subquery()
    )
    rows = db.session.execute(
        select(unplaced.c.pupil_id, InterestProfile.berufsfelder).outerjoin(
            InterestProfile, InterestProfile.id == newest
        )
    ).all()
    counts: dict[str, int] = {}
    for _pupil_id, ranking in rows:
        field = ranking[0].get("kuerzel") if ranking else None
        key = field if field in BERUFSFELDER else NO_FIELD
        counts[key] = counts.get(key, 0) + 1
    return counts


def vacancy_supply(kommune_id: int) -> dict:
    today = clock.today()
    supply, demand = _supply(kommune_id, today), _demand(kommune_id, today)
    names = dict(db.session.execute(select(Berufsfeld.kuerzel, Berufsfeld.text)).all())
    fields = [*BERUFSFELDER, NO_FIELD]
    shown = mask_breakdown({field: demand.get(field, 0) for field in fields})
    rows = []
    for field in fields:
        vacancies, places, interested = supply.get(field, (0, 0, 0))
        youths = shown[field]
        rows.append(
            {
                "berufsfeld": field,
                "name": names.get(field, ""),
                "vacancies": vacancies,
                "places": places,
                "interested": masked(interested),
                "unplaced_youths": youths,
                "short": None if not youths.isdigit() else places < int(youths),
            }
        )
    return {
        "kommune_id": kommune_id,
        "rows": rows,
        "total_vacancies": sum(v[0] for v in supply.values()),
        "total_places": sum(v[1] for v in supply.values()),
        "total_unplaced_youths": masked(sum(demand.values())),
    }
