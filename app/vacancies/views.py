"""Reading vacancies: the board in the caller's scope, one vacancy, and its candidates.

The company sees a candidate (name, school, e-mail) only while the pupil's consent to pass the
data to that provider holds (data_transfer_consents, as for bookings); without it only how many
pupils are interested. The Kommune coordinator sees counts only: the candidates are the
company's business, the youths the coordinator works with are the cases.
"""

from __future__ import annotations

from sqlalchemy import func, select

from app.auth.models import User
from app.catalog.models import Occupation
from app.core import audit, clock
from app.core.pagination import paginate
from app.extensions import db
from app.internships import geo
from app.internships.consents import active_consents
from app.internships.models import Provider
from app.internships.scopes import user_kommune_id
from app.schools.models import School
from app.vacancies import queries
from app.vacancies.models import Vacancy, VacancyInterest, VacancySuggestion

STAFF_VIEW = ("provider", "kommune_coordinator", "admin")


def serialize(vacancy: Vacancy, provider_approved: bool | None, **extra) -> dict:
    live = (
        vacancy.status == "open"
        and (vacancy.apply_until is None or vacancy.apply_until >= clock.today())
        and (vacancy.source == "ba" or bool(provider_approved))
    )
    return {
        "id": vacancy.id,
        "kommune_id": vacancy.kommune_id,
        "provider_id": vacancy.provider_id,
        "source": vacancy.source,
        "external_url": vacancy.external_url,
        "employer_name": vacancy.employer_name,
        "occupation_id": vacancy.occupation_id,
        "title": vacancy.title,
        "kldb_code": vacancy.kldb_code,
        "berufsfeld": vacancy.berufsfeld,
        "starts_on": vacancy.starts_on,
        "places": vacancy.places,
        "street": vacancy.street,
        "postcode": vacancy.postcode,
        "city": vacancy.city,
        "usual_certificate": vacancy.usual_certificate,
        "apply_until": vacancy.apply_until,
        "how_to_apply": vacancy.how_to_apply,
        "description": vacancy.description,
        "accessibility_notes": vacancy.accessibility_notes,
        "status": vacancy.status,
        "provider_approved": provider_approved,
        "live": live,
        "refreshed_at": vacancy.refreshed_at,
        "updated_at": vacancy.updated_at,
        **extra,
    }


def _home_postcode(user) -> str | None:
    row = db.session.execute(
        select(User.postcode, School.postcode)
        .outerjoin(School, School.id == User.school_id)
        .where(User.id == user.id)
    ).first()
    return (row[0] or row[1]) if row else None


def _scoped(user, q: dict):
    query = select(Vacancy, Provider.approved_at.is_not(None)).outerjoin(
        Provider, Provider.id == Vacancy.provider_id
    )
    if user.role == "provider":
        query = query.where(Vacancy.provider_id == user.provider_id)
    elif user.role == "kommune_coordinator":
        query = query.where(Vacancy.kommune_id == user.kommune_id)
    elif user.role != "admin":
        query = query.where(
            Vacancy.kommune_id == user_kommune_id(user), queries.live_clause(clock.today())
        )
    if user.role in STAFF_VIEW:
        if q.get("status"):
            query = query.where(Vacancy.status == q["status"])
        else:
            query = query.where(Vacancy.status != "withdrawn")
        if q.get("pending"):
            query = query.where(Vacancy.source == "provider", Provider.approved_at.is_(None))
    if q.get("berufsfeld"):
        query = query.where(Vacancy.berufsfeld == q["berufsfeld"])
    if q.get("source"):
        query = query.where(Vacancy.source == q["source"])
    return query


def list_vacancies(user, **q) -> dict:
    """The board: live vacancies of the Kommune for school users, own ones for a provider, all
    of the Kommune (pending approval and closed too) for its coordinator; soonest start first."""
    query = _scoped(user, q).order_by(Vacancy.starts_on.is_(None), Vacancy.starts_on, Vacancy.id)
    page = paginate(query, q["page"], q["per_page"], entities=False)
    home = _home_postcode(user) if user.role in ("pupil", "teacher", "stubo") else None
    counts = _interest_counts([v.id for v, _ in page["items"]]) if user.role in STAFF_VIEW else {}
    page["items"] = [
        serialize(
            vacancy,
            approved,
            distance_km=geo.distance_km(home, vacancy.postcode),
            interested_count=counts.get(vacancy.id),
        )
        for vacancy, approved in page["items"]
    ]
    return page


def _interest_counts(ids: list[int]) -> dict[int, int]:
    if not ids:
        return {}
    rows = db.session.execute(
        select(VacancyInterest.vacancy_id, func.count())
        .where(VacancyInterest.vacancy_id.in_(ids), VacancyInterest.withdrawn_at.is_(None))
        .group_by(VacancyInterest.vacancy_id)
    )
    return dict(rows.all())


def get_vacancy(user, vacancy_id: int) -> dict:
    vacancy = db.session.get(Vacancy, vacancy_id)
    provider = db.session.get(Provider, vacancy.provider_id) if vacancy.provider_id else None
    approved = provider.approved_at is not None if provider else None
    extra: dict = {"distance_km": None, "interested_count": None}
    if user.role == "pupil":
        extra["my_interest"] = _own_interest(user.id, vacancy)
    if user.role in ("pupil", "teacher", "stubo"):
        extra["distance_km"] = geo.distance_km(_home_postcode(user), vacancy.postcode)
    if user.role in STAFF_VIEW:
        extra["interested_count"] = _interest_counts([vacancy.id]).get(vacancy.id, 0)
    if user.role in ("provider", "admin") and vacancy.provider_id is not None:
        extra["candidates"] = candidates(user, vacancy)
    return serialize(vacancy, approved, **extra)


def _own_interest(pupil_id: int, vacancy: Vacancy) -> dict | None:
    interest = db.session.scalar(
        select(VacancyInterest).where(
            VacancyInterest.vacancy_id == vacancy.id,
            VacancyInterest.pupil_id == pupil_id,
            VacancyInterest.withdrawn_at.is_(None),
        )
    )
    if interest is None:
        return None
    consents = active_consents([pupil_id]) if vacancy.provider_id else set()
    return {
        "since": interest.created_at,
        "consent": (pupil_id, vacancy.provider_id) in consents,
    }


def candidates(user, vacancy: Vacancy) -> list[dict]:
    """Interested pupils who consented to this provider: name, school and e-mail (audited as a
    transfer to the company)."""
    rows = db.session.execute(
        select(VacancyInterest, User, School.name)
        .join(User, User.id == VacancyInterest.pupil_id)
        .outerjoin(School, School.id == User.school_id)
        .where(VacancyInterest.vacancy_id == vacancy.id, VacancyInterest.withdrawn_at.is_(None))
        .order_by(VacancyInterest.created_at, VacancyInterest.id)
    ).all()
    consents = active_consents({interest.pupil_id for interest, *_ in rows})
    shown = [
        (interest, pupil, school)
        for interest, pupil, school in rows
        if (pupil.id, vacancy.provider_id) in consents
    ]
    audit.record(
        user,
        "transfer",
        "vacancy_candidates",
        sorted({pupil.id for _, pupil, _ in shown}),
        audit.Purpose.CAREER_GUIDANCE,
        categories=("identity", "school"),
    )
    return [
        {
            "interest_id": interest.id,
            "since": interest.created_at,
            "first_name": pupil.first_name,
            "last_name": pupil.last_name,
            "email": pupil.email,
            "school_name": school,
        }
        for interest, pupil, school in shown
    ]


def suggestion_view(suggestion: VacancySuggestion, vacancy: Vacancy) -> dict:
    return {
        "id": suggestion.id,
        "case_id": suggestion.case_id,
        "vacancy_id": suggestion.vacancy_id,
        "title": vacancy.title,
        "employer_name": vacancy.employer_name,
        "outcome": suggestion.outcome,
        "suggested_on": suggestion.suggested_on,
        "outcome_on": suggestion.outcome_on,
        "contact_id": suggestion.contact_id,
        "application_id": suggestion.application_id,
    }


def occupations() -> list[dict]:
    rows = db.session.execute(
        select(
            Occupation.id, Occupation.title_de, Occupation.kldb_code, Occupation.berufsfeld
        ).order_by(Occupation.title_de, Occupation.id)
    )
    return [
        {
            "id": row.id,
            "title": row.title_de,
            "kldb_code": row.kldb_code,
            "berufsfeld": row.berufsfeld,
        }
        for row in rows
    ]
