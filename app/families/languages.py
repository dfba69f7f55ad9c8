"""Each person's language: pupils (and guardians through their link) read seven languages and
Leichte Sprache; staff screens are German and English. Server messages, e-mails and PDFs
follow the stored choice."""

from __future__ import annotations

from flask import g
from flask_login import current_user

from app.auth.models import User
from app.core.errors import Invalid
from app.extensions import db

PUPIL_LANGUAGES = ("de", "de-LS", "en", "tr", "ar", "uk", "ru", "pl")
STAFF_LANGUAGES = ("de", "en")


def allowed_for(role: str) -> tuple[str, ...]:
    return PUPIL_LANGUAGES if role == "pupil" else STAFF_LANGUAGES


def set_own(user, language: str) -> dict:
    if language not in allowed_for(user.role):
        raise Invalid("language-not-offered", field="language")
    person = db.session.get(User, user.id)
    person.language = language
    g.language = server_language(language)
    db.session.flush()
    return {"language": language, "offered": list(allowed_for(user.role))}


def server_language(language: str | None) -> str | None:
    """Server texts have no Leichte Sprache catalogue: its messages are the German ones."""
    if language == "de-LS":
        return "de"
    return language


def language_of(person: User | None) -> str:
    """The language to write to this person in (e-mails, letters, PDFs): German by default."""
    return server_language(person.language if person is not None else None) or "de"


def remember_person_language() -> None:
    """before_request: note the signed-in person's language while their row is fresh (an error
    answer later in a failed transaction must not need the database to pick its language)."""
    if getattr(current_user, "is_authenticated", False):
        g.person_language = server_language(current_user.language)


def language_of_request() -> str | None:
    """i18n language source: the link's language on the guardian page, else the signed-in
    person's stored choice."""
    if "guardian_language" in g:
        return g.guardian_language
    return g.get("person_language")
