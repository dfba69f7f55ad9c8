"""Access policy: who may call which route on which object. Deny by default.

Every view declares a rule with @access(...). A before_request hook evaluates it with the
route's view arguments before the view runs; a route without a rule is refused. A rule maps
roles to a scope predicate `(user, view_args) -> bool | None` (None: the object does not
exist → 404; False: exists but outside the user's scope → 403).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from flask import Flask, current_app, request
from flask_login import current_user

from app.core import audit
from app.core.errors import DomainError, Forbidden, NotFound, Unauthorized

ROLES = (
    "pupil",
    "teacher",
    "stubo",
    "bk_coordinator",
    "kommune_coordinator",
    "recipient_coordinator",
    "provider",
    "admin",
)
STAFF_ROLES = (
    "teacher",
    "stubo",
    "bk_coordinator",
    "kommune_coordinator",
    "recipient_coordinator",
    "admin",
)

Scope = Callable[[object, dict], bool | None]


def everywhere(_user, _args) -> bool:
    return True


@dataclass(frozen=True)
class Rule:
    description: str
    roles: dict[str, Scope] = field(default_factory=dict)
    public: bool = False

    def check(self, user, view_args: dict) -> None:
        if self.public:
            return
        if not getattr(user, "is_authenticated", False):
            raise Unauthorized("login-required")
        scope = self.roles.get(user.role)
        if scope is None:
            raise Forbidden("role-not-permitted")
        verdict = scope(user, view_args)
        if verdict is None:
            raise NotFound("not-found")
        if not verdict:
            raise Forbidden("outside-scope")


def public(description: str) -> Rule:
    return Rule(description=description, public=True)


def authenticated(description: str) -> Rule:
    return Rule(description=description, roles={role: everywhere for role in ROLES})


def allow(description: str, **roles: Scope) -> Rule:
    unknown = set(roles) - set(ROLES)
    if unknown:
        raise ValueError(f"unknown roles in rule: {unknown}")
    return Rule(description=description, roles=roles)


def access(rule: Rule):
    """Attach an access rule to a view function (put it directly under @blp.route)."""

    def decorate(view):
        view._access_rule = rule
        return view

    return decorate


def rule_for_endpoint(app: Flask, endpoint: str | None) -> Rule | None:
    view = app.view_functions.get(endpoint) if endpoint else None
    return getattr(view, "_access_rule", None)


def enforce_access_policy() -> None:
    """before_request: evaluate the route's rule; refuse routes that declare none.

    Every refusal is logged as a security event (written after the request rolled back).
    """
    try:
        _enforce()
    except DomainError as refusal:
        audit.record_denial(current_user, refusal.status)
        raise


def _enforce() -> None:
    if request.endpoint is None:
        return  # routing will answer 404/405
    if request.endpoint == "static" or request.endpoint.startswith("frontend."):
        return
    rule = rule_for_endpoint(current_app, request.endpoint)
    if rule is None:
        if request.path.startswith("/api/") and not request.endpoint.startswith("api-docs"):
            raise Forbidden("no-access-policy")
        return
    rule.check(current_user, request.view_args or {})
