"""A coordinator suggests an Ausbildungsplatz in a Verantwortungskette case and records what
came of it (beworben, Einladung, Zusage, Absage).

The first suggestion of a vacancy is logged in the case's contact log (outcome
"ausbildungsplatz_vorgeschlagen", no free text). An outcome becomes the youth's application
(target: the company and occupation, option DUAL), so the leaving school's Anschluss is derived
from it as from any application; while the youth's record is closed (e.g. handed over as
"noch kein Anschluss") the outcome stays with the case only. A Zusage places the case
("vermittelt", option DUAL).
"""

from __future__ import annotations

from sqlalchemy import select

from app.anschluss import applications
from app.anschluss.models import Application
from app.core import clock
from app.core.errors import DomainError, Invalid
from app.extensions import db
from app.notifications.services import notify
from app.vacancies import matches
from app.vacancies.models import Vacancy, VacancySuggestion
from app.vacancies.scopes import is_live
from app.vacancies.views import suggestion_view
from app.verantwortungskette import cases
from app.verantwortungskette.models import VkCase

APPLICATION_STATUS = {
    "beworben": "beworben",
    "einladung": "einladung",
    "zusage": "zugesagt",
    "absage": "abgesagt",
}
DUAL = "DUAL"


def _vacancy_for(case: VkCase, vacancy_id: int) -> Vacancy:
    vacancy = db.session.get(Vacancy, vacancy_id)
    if vacancy is None or vacancy.kommune_id != matches.case_kommune(case):
        raise Invalid("vacancy-not-available", field="vacancy_id")
    return vacancy


def suggest(user, case_id: int, data: dict) -> dict:
    """Create the case's suggestion of a vacancy (logged as a contact) or record its outcome."""
    case = db.session.get(VkCase, case_id)
    cases.get_case(user, case_id)  # refuses a withdrawn case (410) and audits the read
    vacancy = _vacancy_for(case, data["vacancy_id"])
    suggestion = db.session.scalar(
        select(VacancySuggestion).where(
            VacancySuggestion.case_id == case.id, VacancySuggestion.vacancy_id == vacancy.id
        )
    )
    day = data.get("date") or clock.today()
    if suggestion is None:
        if not is_live(vacancy):
            raise Invalid("vacancy-not-available", field="vacancy_id")
        contact = cases.add_contact(
            user,
            case.id,
            {
                "date": day,
                "channel": data.get("channel") or cases.default_channel(case),
                "outcome": "ausbildungsplatz_vorgeschlagen",
            },
        )
        suggestion = VacancySuggestion(
            case_id=case.id,
            vacancy_id=vacancy.id,
            pupil_id=case.pupil_id,
            contact_id=contact["id"],
            suggested_by_id=user.id,
            suggested_on=day,
        )
        db.session.add(suggestion)
        if case.pupil_id is not None:
            notify(
                case.pupil_id,
                "vacancy_suggested",
                {"title": vacancy.title, "employer": vacancy.employer_name},
            )
    outcome = data.get("outcome") or "vorgeschlagen"
    if outcome != "vorgeschlagen":
        _record_outcome(user, case, vacancy, suggestion, outcome, day)
    suggestion.updated_at = clock.now()
    db.session.flush()
    return suggestion_view(suggestion, vacancy)


def _record_outcome(user, case, vacancy, suggestion, outcome: str, day) -> None:
    suggestion.outcome = outcome
    suggestion.outcome_on = day
    if case.pupil_id is not None:
        suggestion.application_id = _application(user, case.pupil_id, vacancy, suggestion, outcome)
    if outcome == "zusage":
        cases.update_case(user, case.id, {"status": "vermittelt", "anschluss_option": DUAL})


def _application(user, pupil_id: int, vacancy: Vacancy, suggestion, outcome: str) -> int | None:
    status = APPLICATION_STATUS[outcome]
    data = {"status": status}
    if outcome in ("zusage", "absage"):
        data["decided_on"] = clock.today()
    existing = (
        db.session.get(Application, suggestion.application_id)
        if suggestion.application_id
        else None
    )
    try:
        if existing is not None:
            return applications.update(user, existing.id, data)["id"]
        target = " – ".join(part for part in (vacancy.employer_name, vacancy.title) if part)
        created = applications.create(
            user,
            pupil_id,
            {
                **data,
                "target_kind": "company",
                "target_name": target[:200],
                "option_code": DUAL,
                "applied_on": suggestion.suggested_on,
                "starts_on": vacancy.starts_on,
            },
        )
        return created["id"]
    except DomainError as error:
        if getattr(error, "code", None) != "anschluss-closed":
            raise
        return None
