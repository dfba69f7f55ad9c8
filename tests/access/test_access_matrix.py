"""Does every API route declare an access rule, and does no route leak across roles or scopes?

Walks every rule in the URL map × every role (plus anonymous) × objects of the own school,
another school of the same Kommune, and a school of another Kommune.
"""

from __future__ import annotations

import pytest

from app.core.policy import ROLES, everywhere, rule_for_endpoint
from tests.access.scope_objects import SCOPE_OBJECTS
from tests.api_routes import ROUTES, UNSAFE, api_routes

SCHOOL_SCOPED_ROLES = {"pupil", "teacher", "stubo"}


def test_does_every_api_route_declare_an_access_rule(app):
    """Is any API route reachable without a declared policy (deny by default)?"""
    missing = [
        f"{method} {rule.rule}"
        for rule, method in api_routes(app)
        if rule_for_endpoint(app, rule.endpoint) is None
    ]
    assert missing == []


def _find(app, route_id):
    for rule, method in api_routes(app):
        if f"{method} {rule.rule}" == route_id:
            return rule, method
    raise LookupError(route_id)


def _build_paths(rule, world, db):
    """One concrete path per scope variant (a single one when the route has no parameters)."""
    if not rule.arguments:
        return {"none": rule.rule}
    ids = {}
    for name in rule.arguments:
        assert name in SCOPE_OBJECTS, f"add '{name}' to tests/access/scope_objects.py"
        ids[name] = SCOPE_OBJECTS[name](world, db)
    paths = {}
    for variant in ("own", "same_kommune", "other_kommune"):
        path = rule.rule
        for name in rule.arguments:
            path = path.replace(f"<int:{name}>", str(ids[name][variant])).replace(
                f"<{name}>", str(ids[name][variant])
            )
        paths[variant] = path
    return paths


def _call(client, method, path):
    if method in UNSAFE:
        return client.open(path, method=method, json={})
    return client.open(path, method=method)


@pytest.mark.parametrize("route_id", ROUTES)
def test_is_access_denied_outside_role_and_scope(app, db, world, login_as, route_id):
    """Can a role reach a route or an object its rule does not grant?"""
    url_rule, method = _find(app, route_id)
    rule = rule_for_endpoint(app, url_rule.endpoint)
    paths = _build_paths(url_rule, world, db)
    clients = {role: login_as(getattr(world.users, role)) for role in ROLES}
    anonymous = app.test_client()
    from tests.support import with_csrf

    with_csrf(anonymous)
    leaks = []
    for variant, path in paths.items():
        response = _call(anonymous, method, path)
        assert response.status_code < 500, (variant, "anonymous", response.get_json())
        if not rule.public and response.status_code != 401:
            leaks.append((variant, "anonymous", response.status_code))
        for role in ROLES:
            response = _call(clients[role], method, path)
            status = response.status_code
            assert status < 500, (variant, role, response.get_json())
            if rule.public:
                continue
            scope = rule.roles.get(role)
            if scope is None:
                if status != 403:
                    leaks.append((variant, role, status))
                continue
            if scope is everywhere or role == "admin" or variant in ("own", "none"):
                assert status != 401, (variant, role)
                continue
            kommune_wide = role not in SCHOOL_SCOPED_ROLES
            if variant == "same_kommune" and kommune_wide:
                continue
            if 200 <= status < 300:
                leaks.append((variant, role, status))
    assert leaks == [], f"{route_id}: {leaks}"
