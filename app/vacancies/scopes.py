"""Scope predicates of vacancies (None → 404, False → 403, True → allowed)."""

from __future__ import annotations

from app.core import clock
from app.extensions import db
from app.internships.models import Provider
from app.internships.scopes import user_kommune_id
from app.vacancies.models import Vacancy


def _get(vacancy_id) -> Vacancy | None:
    return db.session.get(Vacancy, vacancy_id) if isinstance(vacancy_id, int) else None


def is_live(vacancy: Vacancy) -> bool:
    """Open, deadline not passed, and imported or of a provider the Kommune approved (the same
    rule as queries.live_clause, for one loaded row)."""
    if vacancy.status != "open":
        return False
    if vacancy.apply_until is not None and vacancy.apply_until < clock.today():
        return False
    if vacancy.source == "ba":
        return True
    provider = db.session.get(Provider, vacancy.provider_id)
    return provider is not None and provider.approved_at is not None


def vacancy_visible(user, args) -> bool | None:
    """Pupils and school staff see live vacancies of their Kommune; others stay invisible."""
    vacancy = _get(args.get("vacancy_id"))
    if vacancy is None or not is_live(vacancy):
        return None
    return vacancy.kommune_id == user_kommune_id(user)


def vacancy_is_own(user, args) -> bool | None:
    vacancy = _get(args.get("vacancy_id"))
    if vacancy is None:
        return None
    return vacancy.provider_id is not None and vacancy.provider_id == user.provider_id


def vacancy_in_own_kommune(user, args) -> bool | None:
    vacancy = _get(args.get("vacancy_id"))
    return None if vacancy is None else vacancy.kommune_id == user.kommune_id


def vacancy_exists(_user, args) -> bool | None:
    return None if _get(args.get("vacancy_id")) is None else True
