"""Is the audit log one linear chain that reveals deleted, edited and re-hashed rows?

Runs on SQLite and, with ANSCHLUSS_TEST_DB=postgresql, on PostgreSQL, where the writers are
real concurrent connections and tampering has to get past the append-only trigger first.
"""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import select, text

from app.core import audit, audit_chain
from app.core.audit import AuditEvent, Purpose, verify_chain

WRITERS = 8
APPENDS_PER_WRITER = 5


def _rows(db) -> list[AuditEvent]:
    return list(db.session.scalars(select(AuditEvent).order_by(AuditEvent.seq)))


def _append_reads(db, count: int, pupil_id: int = 1) -> None:
    for _ in range(count):
        audit.record(None, "read", "test", [pupil_id], Purpose.CAREER_GUIDANCE, ("name",))
        db.session.commit()


def _tamper(db, statement: str, **params) -> None:
    """What someone with write access to the database could do behind the app's back."""
    postgresql = db.engine.dialect.name == "postgresql"
    trigger = "ALTER TABLE audit_events {} TRIGGER audit_events_append_only"
    if postgresql:
        db.session.execute(text(trigger.format("DISABLE")))
    db.session.execute(text(statement), params)
    if postgresql:
        db.session.execute(text(trigger.format("ENABLE")))
    db.session.commit()


def _verify_cli(app):
    return app.test_cli_runner().invoke(args=["audit", "verify"])


def test_do_concurrent_writers_build_one_linear_chain(app, db):
    """With 8 transactions appending at once, does every row follow exactly one predecessor?"""
    start = threading.Barrier(WRITERS)
    failures = []

    def writer(pupil_id: int) -> None:
        try:
            with app.app_context():
                start.wait()
                _append_reads(db, APPENDS_PER_WRITER, pupil_id)
        except Exception as error:  # reported below; a thread cannot fail the test itself
            failures.append(error)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(1, WRITERS + 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    rows = _rows(db)
    total = WRITERS * APPENDS_PER_WRITER
    assert [row.seq for row in rows] == list(range(1, total + 1))
    assert len({row.prev_hash for row in rows}) == total
    assert [row.prev_hash for row in rows[1:]] == [row.hash for row in rows[:-1]]
    assert verify_chain()


def test_does_verify_name_a_deleted_middle_row(app, db):
    """Deleting row 3 of 5: does `flask audit verify` fail and name the row after the gap?"""
    _append_reads(db, 5)
    assert verify_chain().rows == 5
    intact = _verify_cli(app)
    assert intact.exit_code == 0 and "intact: 5 rows" in intact.output
    _tamper(db, "DELETE FROM audit_events WHERE seq = 3")
    result = verify_chain()
    assert not result
    assert result.broken.seq == 4 and "gap" in result.broken.reason
    broken = _verify_cli(app)
    assert broken.exit_code == 1
    assert f"row id {result.broken.row_id} (seq 4)" in broken.output


def test_is_a_re_hashed_edit_detected_without_the_key(app, db):
    """Editing a row and recomputing its hash (and the next link) without the key: noticed?"""
    _append_reads(db, 4)
    edited = {
        name: getattr(_rows(db)[1], name) for name in ("id", "hash", *audit_chain.HASHED_FIELDS)
    }
    edited["purpose"] = "statutory_transfer"
    forged = audit_chain.digest(b"a guess at the key", edited)
    _tamper(db, "UPDATE audit_events SET purpose = :p, hash = :h WHERE seq = 2", p="x", h=forged)
    _tamper(db, "UPDATE audit_events SET prev_hash = :h WHERE seq = 3", h=forged)
    result = verify_chain()
    assert result.broken.seq == 2 and "hash" in result.broken.reason
    assert _verify_cli(app).exit_code == 1


def test_is_the_hash_keyed_with_the_configured_secret(app, db, monkeypatch):
    """Does the same chain fail verification under another key (the key is not in the DB)?"""
    _append_reads(db, 2)
    assert verify_chain()
    monkeypatch.setitem(app.config, "AUDIT_HMAC_KEY", "another key of at least 32 characters")
    assert verify_chain().broken.seq == 1


def test_does_a_rolled_back_transaction_leave_no_row_and_no_gap(db):
    """A request that fails after queuing an audit row: does the chain stay gapless?"""
    audit.record(None, "read", "test", [1], Purpose.CAREER_GUIDANCE)
    db.session.rollback()
    _append_reads(db, 2)
    assert [row.seq for row in _rows(db)] == [1, 2]
    assert verify_chain()


@pytest.mark.parametrize("deleted", ["first", "last"])
def test_what_verification_sees_at_the_ends(app, db, deleted):
    """Is a deleted first row caught, and does the CLI print the head to compare a lost tail?"""
    _append_reads(db, 3)
    head_hash = _rows(db)[-1].hash
    seq = 1 if deleted == "first" else 3
    _tamper(db, "DELETE FROM audit_events WHERE seq = :seq", seq=seq)
    output = _verify_cli(app).output
    if deleted == "first":
        assert "BROKEN" in output and "(seq 2)" in output
    else:  # only a head noted elsewhere reveals a cut-off tail
        assert "head seq 2" in output and head_hash not in output
