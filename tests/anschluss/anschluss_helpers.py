"""Helpers of the Anschluss tests: statement counting, audit look-ups, recording an Anschluss."""

from __future__ import annotations

from contextlib import contextmanager

import pytest
from sqlalchemy import event, func, select

from app.core.audit import AuditEvent


# Fixtures live here, not in a conftest.py: a second module named `conftest` would shadow
# tests/conftest.py for `from support import …` elsewhere in the suite.
@pytest.fixture(name="ref")
def fixture_ref(db):
    """Leaving certificates, Anschluss options and Berufsfelder from seeds/."""
    from seeds.loader import load_reference

    load_reference()
    db.session.commit()


@pytest.fixture(name="anschluss_world")
def fixture_anschluss_world(world, ref):
    return world


@contextmanager
def counted_statements(engine):
    """Count the SQL statements the engine runs inside the block."""
    statements: list[str] = []

    def _count(_conn, _cursor, statement, *_args):
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", _count)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", _count)


def audit_events(db, resource: str | None = None) -> list[AuditEvent]:
    query = select(AuditEvent).order_by(AuditEvent.id)
    if resource:
        query = query.where(AuditEvent.resource == resource)
    return list(db.session.scalars(query))


def audit_count(db) -> int:
    return db.session.scalar(select(func.count(AuditEvent.id)))


def put_anschluss(client, pupil_id: int, **body):
    return client.put(f"/api/v1/pupils/{pupil_id}/anschluss", json=body)
