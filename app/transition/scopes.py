"""Scope predicates of the transition (None → 404, False → 403, True → allowed)."""

from __future__ import annotations

from app.extensions import db
from app.schools import scopes as school_scopes
from app.transition.models import TransitionAlert


def school_is_my_berufskolleg(user, args) -> bool | None:
    return school_scopes.school_is_own(user, args)


def _alert(args) -> TransitionAlert | None:
    alert_id = args.get("alert_id")
    return db.session.get(TransitionAlert, alert_id) if isinstance(alert_id, int) else None


def alert_of_own_school(user, args) -> bool | None:
    alert = _alert(args)
    return None if alert is None else alert.school_id == user.school_id


def alert_exists(_user, args) -> bool | None:
    return None if _alert(args) is None else True
