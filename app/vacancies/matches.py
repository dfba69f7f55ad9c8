"""Matches that explain themselves: for a leaver without a secured Anschluss, for an open
Verantwortungskette case, and for all of a Kommune's leavers at once (the bench's run).

A constant number of statements whatever the number of vacancies: the youth (one), the newest
interest profile (one), the occupations' mean profile and the live vacancies (two), the shown
vacancies' details (one), the pupil's interests and consents or the case's suggestions (two).
"""

from __future__ import annotations

from sqlalchemy import select

from app.core import audit, clock
from app.extensions import db
from app.internships.consents import active_consents
from app.internships.models import Provider
from app.internships.scopes import user_kommune_id
from app.schools.models import School
from app.vacancies.models import Vacancy, VacancyInterest, VacancySuggestion
from app.vacancies.views import serialize, suggestion_view
from app.verantwortungskette.common import Gone
from app.verantwortungskette.models import WITHDRAWN, VkCase


def _details(ids: list[int]) -> dict[int, tuple[Vacancy, bool | None]]:
    if not ids:
        return {}
    rows = db.session.execute(
        select(Vacancy, Provider.approved_at.is_not(None))
        .outerjoin(Provider, Provider.id == Vacancy.provider_id)
        .where(Vacancy.id.in_(ids))
    ).all()
    return {vacancy.id: (vacancy, approved) for vacancy, approved in rows}


def _items(youths, vacancies, ranked: list[dict], fields_of) -> list[dict]:
    from app.vacancies import scoring  # numpy: loaded by the first match request

    ids = [int(vacancies.ids[match["index"]]) for match in ranked]
    details = _details(ids)
    items = []
    for match, vacancy_id in zip(ranked, ids, strict=True):
        vacancy, approved = details[vacancy_id]
        items.append(
            serialize(
                vacancy,
                approved,
                distance_km=None if match["km"] is None else round(match["km"], 1),
                score=round(match["score"] * 100),
                why=scoring.explain(youths, 0, vacancies, match),
                **fields_of(vacancy),
            )
        )
    return items


def for_pupil(pupil) -> dict:
    """ "Ausbildungsplätze für dich": only for a leaver whose Anschluss is not secured."""
    from app.vacancies import loading, scoring  # numpy: loaded by the first match request

    today = clock.today()
    youths = loading.leaver(pupil.id, today)
    if youths is None:
        return {"eligible": False, "profile_code": None, "items": []}
    vacancies = loading.load_vacancies(user_kommune_id(pupil), today)
    ranked = scoring.rank(youths, vacancies)[0]
    interests = dict(
        db.session.execute(
            select(VacancyInterest.vacancy_id, VacancyInterest.created_at).where(
                VacancyInterest.pupil_id == pupil.id, VacancyInterest.withdrawn_at.is_(None)
            )
        ).all()
    )
    consents = active_consents([pupil.id])

    def fields_of(vacancy):
        since = interests.get(vacancy.id)
        mine = None
        if since is not None:
            mine = {"since": since, "consent": (pupil.id, vacancy.provider_id) in consents}
        return {"interested": since is not None, "my_interest": mine}

    items = _items(youths, vacancies, ranked, fields_of)
    return {"eligible": True, "profile_code": youths.codes[0] or None, "items": items}


def case_kommune(case: VkCase) -> int | None:
    if case.recipient_kommune_id is not None:
        return case.recipient_kommune_id
    return db.session.scalar(select(School.kommune_id).where(School.id == case.recipient_school_id))


def for_case(user, case_id: int) -> dict:
    """The case's matches beside the vacancies already suggested and their outcomes."""
    from app.vacancies import loading, scoring  # numpy: loaded by the first match request

    case = db.session.get(VkCase, case_id)
    if case.status == WITHDRAWN:
        raise Gone("case-consent-withdrawn")
    youths = loading.case_youth(case)
    vacancies = loading.load_vacancies(case_kommune(case), clock.today())
    ranked = scoring.rank(youths, vacancies)[0]
    suggestions = db.session.execute(
        select(VacancySuggestion, Vacancy)
        .join(Vacancy, Vacancy.id == VacancySuggestion.vacancy_id)
        .where(VacancySuggestion.case_id == case.id)
        .order_by(VacancySuggestion.suggested_on.desc(), VacancySuggestion.id.desc())
    ).all()
    suggested = {s.vacancy_id: s for s, _ in suggestions}
    audit.record(
        user,
        "read",
        "case_vacancy_matches",
        [case.pupil_id],
        audit.Purpose.PLACEMENT_FOLLOWUP,
        categories=("interests", "anschluss"),
    )

    def fields_of(vacancy):
        suggestion = suggested.get(vacancy.id)
        return {"suggestion_outcome": suggestion.outcome if suggestion else None}

    return {
        "case_id": case.id,
        "profile_code": youths.codes[0] or None,
        "items": _items(youths, vacancies, ranked, fields_of),
        "suggestions": [suggestion_view(s, vacancy) for s, vacancy in suggestions],
    }


def for_kommune(kommune_id: int, top: int | None = None) -> dict[int, list[dict]]:
    """Every leaver of the Kommune without a secured Anschluss → their best matches (vacancy id,
    score, why). Four statements; the scoring is vectorised (scoring.py)."""
    from app.vacancies import loading, scoring  # numpy: loaded by the first match request

    today = clock.today()
    youths = loading.leavers_of_kommune(kommune_id, today)
    vacancies = loading.load_vacancies(kommune_id, today)
    ranked = scoring.rank(youths, vacancies, scoring.TOP if top is None else top)
    return {
        key: [
            {
                "vacancy_id": int(vacancies.ids[m["index"]]),
                "score": round(m["score"] * 100),
                "why": scoring.explain(youths, i, vacancies, m),
            }
            for m in matches
        ]
        for i, (key, matches) in enumerate(zip(youths.keys, ranked, strict=True))
    }
