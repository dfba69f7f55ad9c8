"""The pupil's rows in every feature, grouped by category (Art. 15, 20 DSGVO; SECURITY.md B3).

`SECTIONS` names, per category, each table that holds the pupil's data and how its rows are
found; `NOT_EXPORTED` names the tables left out on purpose, with the reason. A test walks the
SQLAlchemy metadata and fails for any table referencing a pupil that is in neither.

Each table costs one statement, so the export runs a fixed number of queries however much
the pupil has. Secrets (hashes, keys, pseudonyms, idempotency keys) are never exported.
"""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import func, or_, select

from app.anschluss.chain import common
from app.core.audit import AuditEvent
from app.extensions import db
from app.schools.models import School

# Tables shown elsewhere in the export document (the richer views of the portfolio).
TOP_LEVEL = {
    "interest_profiles": "interest_profiles",
    "portfolio_steps": "steps",
    "portfolio_shares": "shares",
    "audit_events": "access_log",
}

NOT_EXPORTED = {
    "user_sessions": "security data: hashed session tokens, ended at logout",
    "webauthn_challenges": "security data: single-use login challenges, minutes long",
    "enrolment_codes": "security data: hashed one-time codes; the pupil sees the code on paper",
}

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

# category → table → how the pupil's rows are found:
#   a column name (the pupil's id), ("via", parent table, link column) for child rows,
#   or ("pseudonymous", column) for logs retention pseudonymised (pupil id or keyed pseudonym).
SECTIONS: dict[str, dict[str, object]] = {
    "account": {"users": "id", "webauthn_credentials": "user_id"},
    "class_memberships": {"class_memberships": "pupil_id"},
    "internships": {
        "bookings": "pupil_id",
        "booking_days": "pupil_id",
        "waitlist_entries": "pupil_id",
        "data_transfer_consents": "pupil_id",
    },
    "allocation": {"allocation_preferences": "pupil_id", "allocation_assignments": "pupil_id"},
    "notifications": {"notifications": "user_id", "outbox_mails": "user_id"},
    "anschluss": {
        "anschluesse": "pupil_id",
        "anschluss_changes": ("via", "anschluesse", "anschluss_id"),
        "anschluss_reports": "pupil_id",
    },
    "anschlussvereinbarungen": {
        "anschlussvereinbarungen": "pupil_id",
        "anschluss_next_steps": "pupil_id",
    },
    "handover": {
        "handover_consents": ("pseudonymous", "pupil_id"),
        "handovers": ("pseudonymous", "pupil_id"),
        "vk_cases": "pupil_id",
        "vk_case_contacts": ("via", "vk_cases", "case_id"),
    },
}


def exported_tables() -> dict[str, str]:
    """table name → where it appears in the export document."""
    located = {
        table: f"sections.{category}.{table}"
        for category, tables in SECTIONS.items()
        for table in tables
    }
    return {**located, **TOP_LEVEL}


def _plain(value):
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return value


def _where(table, how, pupil_id: int):
    tables = db.metadata.tables
    if isinstance(how, str):
        return table.c[how] == pupil_id
    if how[0] == "via":
        parent = tables[how[1]]
        owned = select(parent.c.id).where(parent.c.pupil_id == pupil_id)
        return table.c[how[2]].in_(owned.scalar_subquery())
    return or_(table.c[how[1]] == pupil_id, table.c.pupil_pseudonym == common.pseudonym(pupil_id))


def _rows(table_name: str, how, pupil_id: int) -> list[dict]:
    table = db.metadata.tables[table_name]
    columns = [c for c in table.columns if c.name not in SECRET_COLUMNS]
    result = db.session.execute(
        select(*columns).where(_where(table, how, pupil_id)).order_by(table.c.id)
    )
    return [{key: _plain(value) for key, value in row._mapping.items()} for row in result]


def sections(pupil_id: int) -> dict[str, dict[str, list[dict]]]:
    """Every category's rows of this pupil: one statement per table."""
    return {
        category: {name: _rows(name, how, pupil_id) for name, how in tables.items()}
        for category, tables in SECTIONS.items()
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
