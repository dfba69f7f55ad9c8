"""The pupil's rows in every feature, grouped by category (Art. 15, 20 DSGVO; docs/security.md B3).

Which tables, in which category, and how their rows are found comes from the privacy registry
(`registry.py`); tables left out on purpose carry their reason there. A test walks the
SQLAlchemy metadata and fails for any table referencing a pupil that the registry lacks.

Each table costs one statement, so the export runs a fixed number of queries however much
the pupil has. Secrets (hashes, keys, pseudonyms, idempotency keys) are never exported.
"""

from __future__ import annotations

import base64
from datetime import date, datetime, time

from sqlalchemy import func, or_, select

from app.core.audit import AuditEvent
from app.core.pupil_data import PupilTable
from app.extensions import db
from app.privacy import registry
from app.schools.models import School
from app.verantwortungskette import common

# Columns never exported: secrets, or keyed pseudonyms that would help re-identification.
SECRET_COLUMNS = {
    "password_hash",
    "webauthn_handle",
    "credential_id",
    "public_key",
    "code_hash",
    "token_hash",
    "pupil_pseudonym",
    "idempotency_key",
}


def _plain(value):
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, bytes):  # attachment contents: the file itself, base64-encoded
        return base64.b64encode(value).decode("ascii")
    return value


def _where(table, entry: PupilTable, pupil_id: int):
    if entry.parent:
        parent_name, link = entry.parent
        parent = db.metadata.tables[parent_name]
        owned = select(parent.c.id).where(parent.c.pupil_id == pupil_id)
        return table.c[link].in_(owned.scalar_subquery())
    where = table.c[entry.pupil_column] == pupil_id
    if entry.pseudonymous:
        return or_(where, table.c.pupil_pseudonym == common.pseudonym(pupil_id))
    return where


def _rows(entry: PupilTable, pupil_id: int) -> list[dict]:
    table = db.metadata.tables[entry.name]
    columns = [c for c in table.columns if c.name not in SECRET_COLUMNS]
    result = db.session.execute(
        select(*columns).where(_where(table, entry, pupil_id)).order_by(table.c.id)
    )
    return [{key: _plain(value) for key, value in row._mapping.items()} for row in result]


def sections(pupil_id: int) -> dict[str, dict[str, list[dict]]]:
    """Every category's rows of this pupil: one statement per table."""
    return {
        category: {entry.name: _rows(entry, pupil_id) for entry in tables}
        for category, tables in registry.sections().items()
    }


def access_log_summary(pupil_id: int) -> list[dict]:
    """Who (role and school, never staff names) accessed the pupil's data, how often, why."""
    rows = db.session.execute(
        select(
            AuditEvent.actor_role,
            School.name,
            AuditEvent.action,
            AuditEvent.purpose,
            func.count(AuditEvent.id),
            func.min(AuditEvent.at),
            func.max(AuditEvent.at),
        )
        .outerjoin(School, School.id == AuditEvent.actor_school_id)
        .where(
            AuditEvent.pupil_id == pupil_id,
            or_(AuditEvent.actor_id.is_(None), AuditEvent.actor_id != pupil_id),
        )
        .group_by(AuditEvent.actor_role, School.name, AuditEvent.action, AuditEvent.purpose)
        .order_by(func.max(AuditEvent.at).desc())
    ).all()
    return [
        {
            "role": role or "system",
            "school_name": school_name,
            "action": action,
            "purpose": purpose,
            "count": count,
            "first_at": first_at,
            "last_at": last_at,
        }
        for role, school_name, action, purpose, count, first_at, last_at in rows
    ]
