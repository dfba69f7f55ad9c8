"""Append-only audit log of staff access to pupil data, with a hash chain.

Rows are only ever inserted: the ORM refuses updates and deletes, and on PostgreSQL a
trigger (migrations/extra_ddl.py; also created by `create_all`) refuses them too. Field
categories are logged, never values.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Iterable
from datetime import datetime
from enum import StrEnum

from flask import has_request_context, request
from sqlalchemy import DDL, Index, String, event, insert, select
from sqlalchemy.orm import Mapped, mapped_column

from app.core import clock
from app.core.db import UTCDateTime
from app.extensions import db
from migrations.extra_ddl import AUDIT_APPEND_ONLY_DDL


class Purpose(StrEnum):
    CLASS_MANAGEMENT = "class_management"
    CAREER_GUIDANCE = "career_guidance"
    INTERNSHIP_PLANNING = "internship_planning"
    PLACEMENT_FOLLOWUP = "placement_followup"
    SCHOOL_TRANSFER = "school_transfer"
    STATUTORY_TRANSFER = "statutory_transfer"
    DATA_SUBJECT_REQUEST = "dsr"
    AUTHENTICATION = "authentication"
    RETENTION = "retention"


class AuditEvent(db.Model):
    __tablename__ = "audit_events"
    __table_args__ = (Index("ix_audit_events_pupil_at", "pupil_id", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[str] = mapped_column(String(36), unique=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock.now)
    actor_id: Mapped[int | None] = mapped_column(index=True)
    actor_role: Mapped[str | None] = mapped_column(String(32))
    actor_school_id: Mapped[int | None]
    action: Mapped[str] = mapped_column(String(32))
    resource: Mapped[str] = mapped_column(String(64))
    pupil_id: Mapped[int | None]
    categories: Mapped[str] = mapped_column(String(255), default="")
    purpose: Mapped[str] = mapped_column(String(32))
    outcome: Mapped[str] = mapped_column(String(16), default="allowed")
    reason: Mapped[str | None] = mapped_column(String(255))
    request_id: Mapped[str | None] = mapped_column(String(36))
    ip_prefix: Mapped[str | None] = mapped_column(String(64))
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


@event.listens_for(AuditEvent, "before_update")
@event.listens_for(AuditEvent, "before_delete")
def _refuse_change(*_args):
    raise RuntimeError("audit events are append-only")


# The same trigger the migration installs, for databases built with create_all (tests).
for _statement in AUDIT_APPEND_ONLY_DDL:
    event.listen(
        AuditEvent.__table__,
        "after_create",
        DDL(_statement.replace("%", "%%")).execute_if(dialect="postgresql"),
    )


def _truncated_ip() -> str | None:
    if not has_request_context() or not request.remote_addr:
        return None
    address = request.remote_addr
    if ":" in address:
        return ":".join(address.split(":")[:3]) + "::/48"
    return ".".join(address.split(".")[:3]) + ".0/24"


def _digest(prev_hash: str, row: dict) -> str:
    payload = json.dumps({k: v for k, v in row.items() if k != "at"}, sort_keys=True, default=str)
    return hashlib.sha256((prev_hash + row["at"].isoformat() + payload).encode()).hexdigest()


def record(
    actor,
    action: str,
    resource: str,
    pupil_ids: Iterable[int | None],
    purpose: Purpose | str,
    categories: Iterable[str] = (),
    outcome: str = "allowed",
    reason: str | None = None,
) -> int:
    """Insert one audit row per pupil in a single statement; returns the number written."""
    pupil_ids = list(pupil_ids)
    if not pupil_ids:
        return 0
    prev = db.session.scalar(select(AuditEvent.hash).order_by(AuditEvent.id.desc()).limit(1))
    prev = prev or "0" * 64
    request_id = getattr(request, "request_id", None) if has_request_context() else None
    now = clock.now()
    rows = []
    for pupil_id in pupil_ids:
        row = {
            "event_id": str(uuid.uuid4()),
            "at": now,
            "actor_id": getattr(actor, "id", None),
            "actor_role": getattr(actor, "role", None),
            "actor_school_id": getattr(actor, "school_id", None),
            "action": action,
            "resource": resource,
            "pupil_id": pupil_id,
            "categories": ",".join(sorted(categories)),
            "purpose": str(purpose),
            "outcome": outcome,
            "reason": reason,
            "request_id": request_id,
            "ip_prefix": _truncated_ip(),
            "prev_hash": prev,
        }
        row["hash"] = _digest(prev, row)
        prev = row["hash"]
        rows.append(row)
    db.session.execute(insert(AuditEvent), rows)
    return len(rows)


def verify_chain(events: list[AuditEvent]) -> bool:
    """True when each event's hash matches its content and predecessor (in id order)."""
    for audit_event in events:
        row = {
            c.name: getattr(audit_event, c.name)
            for c in AuditEvent.__table__.columns
            if c.name not in {"id", "hash"}
        }
        if _digest(audit_event.prev_hash, row) != audit_event.hash:
            return False
    return True
