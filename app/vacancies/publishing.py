"""Publishing Ausbildungsplätze: create, change, close when filled, withdraw.

A provider's contact users publish for their provider; a Kommune coordinator may enter one for
a provider of the Kommune. A vacancy of a provider the Kommune has not approved yet is stored
and shown to the Kommune, but reaches pupils only after the approval (as offers do).
"""

from __future__ import annotations

from app.anschluss import reference
from app.catalog.models import Occupation
from app.core import clock
from app.core.errors import Conflict, Invalid
from app.extensions import db
from app.internships.models import Provider
from app.vacancies.models import Vacancy

EDITABLE = (
    "title",
    "starts_on",
    "places",
    "street",
    "postcode",
    "city",
    "apply_until",
    "how_to_apply",
    "description",
    "accessibility_notes",
)


def _provider_for(user, provider_id: int | None) -> Provider:
    if user.role == "provider":
        if user.provider_id is None:
            raise Conflict("account-without-provider")
        return db.session.get(Provider, user.provider_id)
    provider = db.session.get(Provider, provider_id) if provider_id else None
    if provider is None or (
        user.role == "kommune_coordinator" and provider.kommune_id != user.kommune_id
    ):
        raise Invalid("vacancy-provider-unknown", field="provider_id")
    return provider


def _set_occupation(vacancy: Vacancy, occupation_id: int) -> None:
    occupation = db.session.get(Occupation, occupation_id)
    if occupation is None:
        raise Invalid("vacancy-occupation-unknown", field="occupation_id")
    vacancy.occupation_id = occupation.id
    vacancy.kldb_code = occupation.kldb_code
    vacancy.berufsfeld = occupation.berufsfeld
    if not vacancy.title:
        vacancy.title = occupation.title_de


def _check_dates(vacancy: Vacancy, changed: dict) -> None:
    today = clock.today()
    if "starts_on" in changed and vacancy.starts_on is not None and vacancy.starts_on < today:
        raise Invalid("vacancy-start-past", field="starts_on")
    if "apply_until" in changed and vacancy.apply_until is not None:
        if vacancy.apply_until < today:
            raise Invalid("vacancy-deadline-past", field="apply_until")
        if vacancy.starts_on is not None and vacancy.apply_until > vacancy.starts_on:
            raise Invalid("vacancy-deadline-after-start", field="apply_until")


def _apply(vacancy: Vacancy, data: dict) -> None:
    for name in EDITABLE:
        if name in data:
            setattr(vacancy, name, data[name])
    if "occupation_id" in data:
        if "title" not in data:
            vacancy.title = ""
        _set_occupation(vacancy, data["occupation_id"])
    if "usual_certificate" in data:
        vacancy.usual_certificate = reference.require_certificate(
            data["usual_certificate"], field="usual_certificate"
        )
    _check_dates(vacancy, data)


def create(user, data: dict) -> Vacancy:
    data = dict(data)
    provider = _provider_for(user, data.pop("provider_id", None))
    vacancy = Vacancy(
        kommune_id=provider.kommune_id,
        provider_id=provider.id,
        source="provider",
        employer_name=provider.name,
        title=data.get("title") or "",
        created_by_id=user.id,
    )
    _apply(vacancy, data)
    db.session.add(vacancy)
    db.session.flush()
    return vacancy


def update(user, vacancy_id: int, data: dict) -> Vacancy:
    vacancy = db.session.get(Vacancy, vacancy_id)
    if vacancy.status == "withdrawn":
        raise Conflict("vacancy-withdrawn")
    if vacancy.source == "ba" and set(data) - {"status"}:
        raise Conflict("vacancy-imported")
    status = data.pop("status", None)
    _apply(vacancy, data)
    if status is not None:
        vacancy.status = status
    vacancy.updated_at = clock.now()
    db.session.flush()
    return vacancy


def withdraw(user, vacancy_id: int) -> None:
    """Take a vacancy off the board; it stays for the interests and suggestions naming it."""
    vacancy = db.session.get(Vacancy, vacancy_id)
    vacancy.status = "withdrawn"
    vacancy.updated_at = clock.now()
    db.session.flush()
