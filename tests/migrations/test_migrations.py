"""The Alembic history builds exactly the models, on PostgreSQL and SQLite."""

from __future__ import annotations

import secrets
from pathlib import Path

import flask_migrate
import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text
from sqlalchemy.exc import DBAPIError

from app import create_app
from app.extensions import db
from tests.support import create_pg_database, drop_pg_database, pg_url, require_postgres

MIGRATIONS_DIR = Path(__file__).resolve().parents[2] / "migrations"


def make_app(database_url: str):
    return create_app(
        {
            "ENV_NAME": "testing",
            "TESTING": True,
            "SECRET_KEY": secrets.token_hex(16),
            "SQLALCHEMY_DATABASE_URI": database_url,
            "RATELIMIT_STORAGE_URI": "memory://",
            "MIGRATIONS_DIR": str(MIGRATIONS_DIR),
        }
    )


def schema_differences(app) -> list:
    """What autogenerate would still write: empty when the database matches the models."""
    with app.app_context(), db.engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "compare_server_default": False}
        )
        return compare_metadata(context, db.metadata)


STALE = "the migration does not match the models: run scripts/regen-migration.sh"


def assert_matches_models(app) -> None:
    assert table_names(app) == set(db.metadata.tables), STALE
    assert schema_differences(app) == [], STALE


def upgrade(app, revision: str = "head") -> None:
    with app.app_context():
        flask_migrate.upgrade(directory=str(MIGRATIONS_DIR), revision=revision)


def downgrade(app, revision: str = "base") -> None:
    with app.app_context():
        flask_migrate.downgrade(directory=str(MIGRATIONS_DIR), revision=revision)


def table_names(app) -> set[str]:
    with app.app_context():
        return set(inspect(db.engine).get_table_names()) - {"alembic_version"}


def dispose(app) -> None:
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def pg_app():
    require_postgres()
    name = create_pg_database("anschluss_mig")
    app = make_app(pg_url(name))
    yield app
    dispose(app)
    drop_pg_database(name)


@pytest.fixture
def sqlite_app(tmp_path):
    app = make_app(f"sqlite:///{tmp_path / 'migrated.db'}")
    yield app
    dispose(app)


def insert_audit_row(connection) -> None:
    connection.execute(
        text(
            "INSERT INTO audit_events (seq, event_id, at, action, resource, categories, purpose,"
            " outcome, prev_hash, hash) VALUES (1, 'e1', now(), 'read', 'class_pupils', '',"
            " 'class_management', 'allowed', :zero, :zero)"
        ),
        {"zero": "0" * 64},
    )


def assert_audit_log_refuses_changes(app) -> None:
    with app.app_context():
        with db.engine.begin() as connection:
            insert_audit_row(connection)
        for statement in (
            "UPDATE audit_events SET outcome = 'denied'",
            "DELETE FROM audit_events",
            "DELETE FROM audit_events WHERE event_id = 'no such event'",
        ):
            with pytest.raises(DBAPIError, match="append-only"), db.engine.begin() as connection:
                connection.execute(text(statement))
        with db.engine.connect() as connection:
            count = connection.scalar(text("SELECT count(*) FROM audit_events"))
            assert count == 1


def test_history_has_exactly_one_head():
    """Is the migration history one straight line (a single head)?"""
    heads = ScriptDirectory(str(MIGRATIONS_DIR)).get_heads()
    assert len(heads) == 1, heads


@pytest.mark.postgres
def test_upgrade_on_postgresql_yields_exactly_the_models(pg_app):
    """Does `flask db upgrade` on an empty PostgreSQL database build exactly the models?"""
    upgrade(pg_app)
    assert_matches_models(pg_app)


@pytest.mark.postgres
def test_downgrade_to_base_and_upgrade_again_on_postgresql(pg_app):
    """Can the history be rolled back to nothing and applied again?"""
    upgrade(pg_app)
    downgrade(pg_app)
    assert table_names(pg_app) == set()
    upgrade(pg_app)
    assert_matches_models(pg_app)


@pytest.mark.postgres
def test_migrated_postgresql_refuses_changes_to_the_audit_log(pg_app):
    """After a migration, does PostgreSQL itself refuse UPDATE and DELETE on audit events?"""
    upgrade(pg_app)
    assert_audit_log_refuses_changes(pg_app)


@pytest.mark.postgres
def test_create_all_on_postgresql_also_refuses_changes_to_the_audit_log(pg_app):
    """Do databases built with create_all (the test suite's) carry the same trigger?"""
    with pg_app.app_context():
        db.create_all()
    assert_audit_log_refuses_changes(pg_app)


def test_upgrade_and_downgrade_run_on_sqlite(sqlite_app):
    """Does the same history build the models on SQLite, and roll back to nothing?"""
    upgrade(sqlite_app)
    assert_matches_models(sqlite_app)
    downgrade(sqlite_app)
    assert table_names(sqlite_app) == set()
