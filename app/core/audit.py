"""Append-only audit log of staff access to pupil data and of refused requests, hash-chained.

Rows are only ever inserted: the ORM refuses updates and deletes, and on PostgreSQL a
trigger (core/audit_ddl.py, in the migration and in `create_all`) refuses them too. Field
categories are logged, never values.

`record()` queues rows on the session; they join the chain when the transaction commits
(`audit_chain`: serialised, keyed, verifiable), so the chain lock is held only for the
commit itself, and a rolled-back request leaves no row. Requests the access policy refuses
are logged as security events (`record_denial`) even though their transaction rolls back.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import datetime
from enum import StrEnum

from flask import g, has_request_context, request
from sqlalchemy import DDL, BigInteger, Index, String, event, insert, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from app.core import audit_chain, clock
from app.core.audit_ddl import AUDIT_APPEND_ONLY_DDL
from app.core.db import UTCDateTime
from app.extensions import db

QUEUE = "audit_queue"
DENIALS = "audit_denials"


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
    SECURITY = "security"


class AuditEvent(db.Model):
    __tablename__ = "audit_events"
    __table_args__ = (Index("ix_audit_events_pupil_at", "pupil_id", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # Position in the hash chain: 1, 2, 3 … without gaps (ids may skip after a rollback).
    seq: Mapped[int] = mapped_column(BigInteger, unique=True)
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


def _row(actor, action: str, resource: str, pupil_id, purpose, categories, outcome, reason):
    return {
        "event_id": str(uuid.uuid4()),
        "at": clock.now(),
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
        "request_id": getattr(request, "request_id", None) if has_request_context() else None,
        "ip_prefix": _truncated_ip(),
    }


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
    """Queue one audit row per pupil; they are written when the transaction commits.

    Returns the number of rows queued. A transaction that rolls back writes none.
    """
    # What the rows of one call share is worked out once (a page of 50 pupils is 50 rows).
    shared = _row(actor, action, resource, None, purpose, tuple(categories), outcome, reason)
    rows = [
        {**shared, "event_id": str(uuid.uuid4()), "pupil_id": pupil_id} for pupil_id in pupil_ids
    ]
    _queue(rows)
    return len(rows)


def _queue(rows: list[dict]) -> None:
    session = db.session()
    if not session.in_transaction():
        session.begin()  # so that a rollback, too, forgets the queued rows
    session.info.setdefault(QUEUE, []).extend(rows)


def record_denial(actor, status: int) -> None:
    """Remember a request the access policy refused, as a security event of no pupil.

    The route's pattern is logged, never its concrete path: the object asked for may be a
    pupil, and a refusal is not a disclosure of that pupil's data.
    """
    rule = request.url_rule.rule if request.url_rule else request.path
    row = _row(
        actor if getattr(actor, "is_authenticated", False) else None,
        "request",
        (request.endpoint or "unrouted")[:64],
        None,
        Purpose.SECURITY,
        (),
        "denied",
        f"{status} {request.method} {rule}"[:255],
    )
    g.setdefault(DENIALS, []).append(row)


def write_denials() -> None:
    """After the refused request rolled back: commit its security events on their own."""
    rows = g.pop(DENIALS, None)
    if not rows:
        return
    _queue(rows)
    db.session.commit()


APPEND_CHUNK = 500


def _append(session: Session, rows: list[dict]) -> None:
    audit_chain.lock_chain(session)
    head = session.execute(
        select(AuditEvent.seq, AuditEvent.hash).order_by(AuditEvent.seq.desc()).limit(1)
    ).first()
    head_seq, head_hash = head if head else (0, audit_chain.GENESIS_HASH)
    audit_chain.link(rows, head_seq, head_hash, audit_chain.chain_key())
    # One multi-row INSERT per chunk instead of an executemany: a list read appends a row per
    # pupil, and this runs under the chain lock, so every statement saved shortens the time
    # other workers wait. Chunks stay far below the databases' bound-parameter limits.
    for start in range(0, len(rows), APPEND_CHUNK):
        session.execute(insert(AuditEvent).values(rows[start : start + APPEND_CHUNK]))


@event.listens_for(db.session, "before_commit")
def _append_queued_rows(session: Session) -> None:
    if session.in_nested_transaction():
        return  # a savepoint ends; the rows join the chain when the whole transaction commits
    rows = session.info.pop(QUEUE, None)
    if not rows:
        return
    # This transaction's own row locks first, the chain lock last: a transaction that holds
    # the chain lock waits for nobody, so appends cannot deadlock with other writes.
    session.flush()
    _append(session, rows)


@event.listens_for(db.session, "after_transaction_end")
def _forget_queued_rows(session: Session, transaction) -> None:
    if transaction.parent is None:
        session.info.pop(QUEUE, None)


def verify_chain(events: Iterable[AuditEvent] | None = None) -> audit_chain.Verification:
    """Check every link of the chain (events in seq order; default: the whole table).

    Falsy, naming the first broken row, when a row was deleted, edited or re-hashed.
    """
    names = ("id", "hash", *audit_chain.HASHED_FIELDS)
    if events is None:
        statement = select(*(AuditEvent.__table__.c[name] for name in names))
        result = db.session.execute(
            statement.order_by(AuditEvent.seq).execution_options(yield_per=1000)
        )
        rows = (row._mapping for row in result)
    else:
        rows = ({name: getattr(e, name) for name in names} for e in events)
    return audit_chain.verify(rows, audit_chain.chain_key())
