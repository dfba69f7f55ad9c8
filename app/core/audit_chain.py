"""The audit log's hash chain: keyed hashes, serialised appends, verification of every link.

Each row carries `seq` (1, 2, 3 … without gaps), the hash of the row before it (`prev_hash`)
and an HMAC-SHA256 over its content, keyed with AUDIT_HMAC_KEY — a secret kept in the
configuration, never in the database. So

- deleting a row leaves a gap in `seq` and a broken link;
- editing a row and recomputing its hash needs the key, which the database does not hold;
- two transactions never chain to the same predecessor: appends are serialised (PostgreSQL:
  a transaction-level advisory lock; SQLite: BEGIN IMMEDIATE already holds the write lock).

What no chain shows by itself is the removal of the newest rows; `flask audit verify` prints
the head (seq and hash) so that operators can note it elsewhere and compare later.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

from flask import current_app
from sqlalchemy import text
from sqlalchemy.orm import Session

GENESIS_HASH = "0" * 64

# The fields a row's hash covers, fixed here (not "every column") so that a column added
# later does not silently change the hash of rows written before it.
HASHED_FIELDS = (
    "seq",
    "prev_hash",
    "event_id",
    "at",
    "actor_id",
    "actor_role",
    "actor_school_id",
    "action",
    "resource",
    "pupil_id",
    "categories",
    "purpose",
    "outcome",
    "reason",
    "request_id",
    "ip_prefix",
)

# Any constant 64-bit number; it names "the audit chain" among advisory locks of the database.
CHAIN_LOCK_KEY = 0x4155444954  # "AUDIT"


def chain_key() -> bytes:
    return current_app.config["AUDIT_HMAC_KEY"].encode()


def _canonical(value):
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat()
    return value


def digest(key: bytes, row: Mapping) -> str:
    """HMAC-SHA256 of the row's hashed fields (which include seq and prev_hash)."""
    payload = json.dumps(
        {name: _canonical(row[name]) for name in HASHED_FIELDS},
        sort_keys=True,
        separators=(",", ":"),
    )
    return hmac.new(key, payload.encode(), hashlib.sha256).hexdigest()


def lock_chain(session: Session) -> None:
    """Wait until no other transaction is appending; held until this transaction ends."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": CHAIN_LOCK_KEY})
    # SQLite: the transaction began with BEGIN IMMEDIATE and holds the only write lock.


def link(rows: list[dict], head_seq: int, head_hash: str, key: bytes) -> None:
    """Give new rows their places after the head: seq, prev_hash and hash."""
    for row in rows:
        head_seq += 1
        row["seq"] = head_seq
        row["prev_hash"] = head_hash
        row["hash"] = head_hash = digest(key, row)


@dataclass(frozen=True)
class ChainBreak:
    """The first row at which the chain does not hold, and why."""

    row_id: int | None
    seq: int | None
    reason: str


@dataclass(frozen=True)
class Verification:
    rows: int
    head_seq: int
    head_hash: str
    broken: ChainBreak | None = None

    def __bool__(self) -> bool:
        return self.broken is None


def _break_in(row: Mapping, expected_seq: int, expected_prev: str, key: bytes) -> str | None:
    if row["seq"] != expected_seq:
        return f"sequence gap: expected seq {expected_seq}, found {row['seq']}"
    if row["prev_hash"] != expected_prev:
        return "link broken: prev_hash is not the hash of the row before"
    if not hmac.compare_digest(digest(key, row), row["hash"]):
        return "content does not match its hash (edited, or hashed without the key)"
    return None


def verify(rows: Iterable[Mapping], key: bytes) -> Verification:
    """Check every link of rows given in seq order, from the first row of the chain."""
    count, head_seq, head_hash = 0, 0, GENESIS_HASH
    for row in rows:
        reason = _break_in(row, head_seq + 1, head_hash, key)
        if reason:
            broken = ChainBreak(row_id=row.get("id"), seq=row["seq"], reason=reason)
            return Verification(count, head_seq, head_hash, broken)
        count, head_seq, head_hash = count + 1, row["seq"], row["hash"]
    return Verification(count, head_seq, head_hash)
