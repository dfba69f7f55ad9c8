"""Application factory: config, extensions, blueprints, errors, CLI — nothing else."""

from __future__ import annotations

from importlib import import_module

from flask import Flask

from app.config import load_config

# Feature packages whose routes module exposes `blp` (a flask-smorest Blueprint).
API_BLUEPRINTS = (
    "app.auth.routes",
    "app.auth.passkey_routes",
    "app.auth.enrolment_routes",
    "app.auth.password_routes",
    "app.schools.routes",
    "app.schools.roster_routes",
    "app.schools.enrolment_routes",
    "app.schools.rollover_routes",
    "app.schools.schooling_routes",
    "app.schools.routes_target_groups",
    "app.interests.routes",
    "app.interests.routes_occupations",
    "app.portfolio.routes_favourites",
    "app.portfolio.routes_attachments",
    "app.portfolio.routes",
    "app.portfolio.routes_kaoa",
    "app.internships.routes",
    "app.internships.booking_routes",
    "app.internships.report_routes",
    "app.internships.placement_routes",
    "app.anschluss.routes",
    "app.anschluss.routes_agreements",
    "app.anschluss.routes_me",
    "app.anschluss.routes_applications",
    "app.verantwortungskette.routes",
    "app.transition.routes",
    "app.exchange.routes_registrations",
    "app.exchange.routes_kaoa",
    "app.vacancies.routes",
    "app.families.routes",
    "app.dashboards.routes_leavers",
    "app.dashboards.routes",
    "app.dashboards.routes_rounds",
    "app.privacy.routes",
    "app.notifications.routes",
    "app.allocation.routes",
    "app.core.meta_routes",
)


def create_app(config: dict | None = None) -> Flask:
    app = Flask(__name__, static_folder=None)
    app.config.update(load_config(config))
    from app.core import clock

    development = app.config["ENV_NAME"] in {"development", "testing"}
    clock.configure(app.config["TODAY_OVERRIDE"], production=not development)
    if app.config["PROXY_COUNT"]:
        # Behind a TLS proxy the client address (rate limits, audit) comes from its headers.
        from werkzeug.middleware.proxy_fix import ProxyFix

        hops = app.config["PROXY_COUNT"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)

    from app.auth.password_change import enforce_password_change
    from app.core.converters import register_converters
    from app.core.db import configure_sqlite
    from app.core.db_ping import ping_idle_connections
    from app.core.errors import register_error_handlers
    from app.core.logsafety import init_log_safety
    from app.core.policy import enforce_access_policy
    from app.core.request_guards import init_request_guards
    from app.core.security import init_security
    from app.core.transactions import init_transactions
    from app.extensions import api, db, limiter, login_manager, migrate

    db.init_app(app)
    migrate.init_app(app, db, directory=str(app.config.get("MIGRATIONS_DIR", "migrations")))
    login_manager.init_app(app)
    init_request_guards(app)  # before the limiter: its key functions read the body
    limiter.init_app(app)
    api.init_app(app)
    register_converters(app, api)
    with app.app_context():
        configure_sqlite(db.engine)
        ping_idle_connections(db.engine, app.config["DB_PING_IDLE_SECONDS"])

    import_module("app.models")  # every model registered before mappers configure
    from app.wiring import wire

    wire()

    init_security(app)
    init_log_safety(app)
    app.before_request(enforce_access_policy)
    app.before_request(enforce_password_change)  # after the policy: anonymous → 401 first
    init_transactions(app)
    register_error_handlers(app)

    for module_name in API_BLUEPRINTS:
        api.register_blueprint(import_module(module_name).blp)

    from app.frontend import frontend

    app.register_blueprint(frontend)

    from app.cli import register_cli

    register_cli(app)
    return app
