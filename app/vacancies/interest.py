"""A pupil's interest in an Ausbildungsplatz, and the consent that lets the company see them.

Marking interest tells the school side and the coordinators; the company learns the pupil's
name only with the pupil's consent to pass it to that provider (from 14 the pupil's own, as for
bookings; younger pupils need the guardian's, recorded by the teacher). Imported vacancies have
no provider here: the pupil applies through the Bundesagentur's link.
"""

from __future__ import annotations

from sqlalchemy import select

from app.auth.models import User
from app.core import clock
from app.extensions import db
from app.internships import consents
from app.notifications.services import notify_many
from app.vacancies.models import Vacancy, VacancyInterest


def mark(pupil, vacancy_id: int, data: dict) -> dict:
    vacancy = db.session.get(Vacancy, vacancy_id)
    interest = db.session.scalar(
        select(VacancyInterest).where(
            VacancyInterest.vacancy_id == vacancy.id, VacancyInterest.pupil_id == pupil.id
        )
    )
    if not data.get("interested", True):
        if interest is not None and interest.withdrawn_at is None:
            interest.withdrawn_at = clock.now()
            db.session.flush()
        return _view(vacancy, None, pupil.id)
    seen_before = _company_sees(vacancy, interest, pupil.id)
    if interest is None:
        interest = VacancyInterest(vacancy_id=vacancy.id, pupil_id=pupil.id)
        db.session.add(interest)
    elif interest.withdrawn_at is not None:
        interest.withdrawn_at = None
        interest.created_at = clock.now()
    if data.get("consent") and vacancy.provider_id is not None:
        consents.give_own_to(pupil, vacancy.provider_id)
        if not seen_before:
            _tell_company(vacancy)
    db.session.flush()
    return _view(vacancy, interest, pupil.id)


def _view(vacancy: Vacancy, interest: VacancyInterest | None, pupil_id: int) -> dict:
    consent = vacancy.provider_id is not None and (
        (pupil_id, vacancy.provider_id) in consents.active_consents([pupil_id])
    )
    return {
        "vacancy_id": vacancy.id,
        "interested": interest is not None,
        "since": interest.created_at if interest else None,
        "consent": consent,
        "company_sees_me": bool(interest) and consent,
    }


def _company_sees(vacancy: Vacancy, interest: VacancyInterest | None, pupil_id: int) -> bool:
    if interest is None or interest.withdrawn_at is not None or vacancy.provider_id is None:
        return False
    return (pupil_id, vacancy.provider_id) in consents.active_consents([pupil_id])


def _tell_company(vacancy: Vacancy) -> None:
    """The company's contact users hear of a new candidate they may see (no name in it)."""
    contacts = db.session.scalars(
        select(User.id).where(User.provider_id == vacancy.provider_id, User.active)
    ).all()
    notify_many(contacts, "vacancy_candidate", {"title": vacancy.title})
