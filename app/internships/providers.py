"""Providers: registration, listing within scope, approval by the Kommune coordinator."""

from __future__ import annotations

from sqlalchemy import select

from app.auth.models import User
from app.core import clock
from app.core.errors import Conflict, Invalid
from app.extensions import db
from app.internships.models import Provider
from app.internships.notify_hook import notify
from app.internships.scopes import user_kommune_id
from app.schools.models import Kommune


def list_providers(user, pending: bool | None = None) -> list[Provider]:
    """Admins see all, coordinators their Kommune, providers themselves, school staff the
    approved providers of their Kommune."""
    query = select(Provider)
    if user.role == "kommune_coordinator":
        query = query.where(Provider.kommune_id == user.kommune_id)
    elif user.role == "provider":
        query = query.where(Provider.id == user.provider_id)
    elif user.role != "admin":
        query = query.where(
            Provider.kommune_id == user_kommune_id(user), Provider.approved_at.is_not(None)
        )
    if pending is not None:
        query = query.where(
            Provider.approved_at.is_(None) if pending else Provider.approved_at.is_not(None)
        )
    return list(db.session.scalars(query.order_by(Provider.name, Provider.id)))


def _kommune_for_new_provider(user, kommune_id: int | None) -> int:
    if user.role == "kommune_coordinator":
        if kommune_id not in (None, user.kommune_id):
            raise Invalid("provider-own-kommune-only", field="kommune_id")
        return user.kommune_id
    if kommune_id is None or db.session.get(Kommune, kommune_id) is None:
        raise Invalid("provider-kommune-required", field="kommune_id")
    return kommune_id


def create_provider(user, data: dict) -> Provider:
    """A coordinator's provider is approved at once; a company's own registration waits for
    approval and links the registering contact user to it."""
    if user.role == "provider" and user.provider_id is not None:
        raise Conflict("account-has-provider")
    kommune_id = _kommune_for_new_provider(user, data.pop("kommune_id", None))
    provider = Provider(kommune_id=kommune_id, **data)
    if user.role in ("kommune_coordinator", "admin"):
        provider.approved_at = clock.now()
        provider.approved_by_id = user.id
    db.session.add(provider)
    db.session.flush()
    if user.role == "provider":
        db.session.get(User, user.id).provider_id = provider.id
        db.session.flush()
    return provider


def approve_provider(user, provider_id: int) -> Provider:
    provider = db.session.get(Provider, provider_id)
    if provider.approved_at is not None:
        raise Conflict("provider-already-approved")
    provider.approved_at = clock.now()
    provider.approved_by_id = user.id
    db.session.flush()
    contacts = db.session.scalars(select(User.id).where(User.provider_id == provider.id))
    for contact_id in contacts:
        notify(contact_id, "provider_approved", {"provider_id": provider.id, "name": provider.name})
    return provider
