"""Scope predicates of guardian links (a link is in scope when its pupil is)."""

from __future__ import annotations

from app.extensions import db
from app.families.models import GuardianLink
from app.schools import scopes as school_scopes


def _pupil_args(args) -> dict | None:
    link_id = args.get("guardian_link_id")
    link = db.session.get(GuardianLink, link_id) if isinstance(link_id, int) else None
    return None if link is None else {"pupil_id": link.pupil_id}


def _through_pupil(predicate):
    def scope(user, args) -> bool | None:
        pupil_args = _pupil_args(args)
        return None if pupil_args is None else predicate(user, pupil_args)

    return scope


link_in_taught_class = _through_pupil(school_scopes.pupil_in_taught_class)
link_in_own_school = _through_pupil(school_scopes.pupil_in_own_school)
link_exists = _through_pupil(school_scopes.pupil_exists)
