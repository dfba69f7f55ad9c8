"""The API routes of the app, enumerated once for parametrised tests."""

from __future__ import annotations

UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}


def api_routes(app):
    for url_rule in app.url_map.iter_rules():
        if not url_rule.rule.startswith("/api/") or url_rule.endpoint.startswith("api-docs"):
            continue
        for method in sorted(url_rule.methods - {"HEAD", "OPTIONS"}):
            yield url_rule, method


def route_ids() -> list[str]:
    from app import create_app

    app = create_app({"ENV_NAME": "testing", "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    return [f"{method} {rule.rule}" for rule, method in api_routes(app)]


ROUTES = route_ids()
