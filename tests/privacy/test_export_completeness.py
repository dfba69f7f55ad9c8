"""The pupil's self-service export covers every table that references a pupil (G10, ASVS 8.3.2)."""

from __future__ import annotations

from sqlalchemy import func, or_, select

from app.core.audit import AuditEvent
from app.extensions import db as _db
from app.notifications.models import Notification
from app.privacy import export_records, registry
from tests.privacy.everything import seed_everything
from tests.privacy.pupil_tables import THROUGH_PARENT, pupil_tables
from tests.support import counted_statements


def _db_ids(table_name: str, columns: list[str], pupil_id: int) -> set[int]:
    table = _db.metadata.tables[table_name]
    if table_name in THROUGH_PARENT:
        link, parent_name = THROUGH_PARENT[table_name]
        parent = _db.metadata.tables[parent_name]
        owned = select(parent.c.id).where(parent.c.pupil_id == pupil_id).scalar_subquery()
        where = table.c[link].in_(owned)
    else:
        where = or_(*(table.c[c] == pupil_id for c in columns))
    return set(_db.session.scalars(select(table.c.id).where(where)))


def _at(document: dict, location: str):
    for key in location.split("."):
        document = document[key]
    return document


def test_is_every_table_referencing_a_pupil_in_the_privacy_registry(app):
    """Is every table with a pupil reference declared once, with its retention stage and its
    place in the export (or the reason it is left out), and names the registry no stale table?"""
    declared = set(registry.BY_NAME)
    missing = sorted(set(pupil_tables()) - declared)
    assert missing == [], f"tables referencing a pupil missing from the registry: {missing}"
    stale = sorted(declared - set(_db.metadata.tables))
    assert stale == [], f"the registry names tables that do not exist: {stale}"
    exported, excluded = registry.exported_tables(), registry.not_exported()
    assert set(exported) | set(excluded) == declared and not set(exported) & set(excluded)
    assert all(len(reason) > 10 for reason in excluded.values())
    assert {"user_sessions", "webauthn_challenges", "enrolment_codes"} <= set(excluded)


def test_does_the_registry_find_each_tables_pupil_rows_by_a_real_column(app):
    """Does each declared pupil column (or parent link) exist in its table?"""
    tables = _db.metadata.tables
    for entry in registry.TABLES:
        if entry.parent:
            parent, link = entry.parent
            assert link in tables[entry.name].c and "pupil_id" in tables[parent].c, entry.name
        else:
            assert entry.pupil_column in tables[entry.name].c, entry.name
        if entry.pseudonymous:
            assert "pupil_pseudonym" in tables[entry.name].c, entry.name


def test_does_the_export_contain_the_pupils_rows_of_every_feature(db, world, reference, login_as):
    """Are all of the pupil's rows, in every exported table, in the JSON export?"""
    client = login_as(world.pupil)
    seed_everything(world, client)
    response = client.get("/api/v1/me/export")
    assert response.status_code == 200
    document = response.json
    tables = pupil_tables()
    for table_name, location in registry.exported_tables().items():
        expected = _db_ids(table_name, tables[table_name], world.pupil.id)
        assert expected, f"the seed left {table_name} empty"
        exported = _at(document, location)
        if table_name == "audit_events":
            others = db.session.scalar(
                select(func.count(AuditEvent.id)).where(
                    AuditEvent.pupil_id == world.pupil.id, AuditEvent.actor_id != world.pupil.id
                )
            )
            assert sum(row["count"] for row in exported) == others
        elif table_name == "portfolio_shares":
            assert len(exported) == len(expected)
        else:
            assert {row["id"] for row in exported} == expected, table_name
    sections = document["sections"]
    assert (
        set(sections)
        == set(registry.sections())
        >= {
            "account",
            "class_memberships",
            "internships",
            "allocation",
            "notifications",
            "anschluss",
            "anschlussvereinbarungen",
            "handover",
        }
    )
    account = sections["account"]["users"][0]
    assert account["last_name"] == "Becker" and account["birth_date"] == "2010-05-17"
    assert sections["anschlussvereinbarungen"]["anschluss_next_steps"][0]["description"] == (
        "Bewerbung abschicken"
    )
    assert sections["handover"]["handovers"][0]["recipient_name"] == "Berufskolleg Mitte"
    assert any(
        e["role"] == "teacher" and e["purpose"] == "class_management" and e["count"] == 1
        for e in document["access_log"]
    )


def test_does_the_export_leave_out_secrets(db, world, reference, login_as):
    """Are password hashes, passkey keys, code hashes and pseudonyms absent from the export?"""
    client = login_as(world.pupil)
    seed_everything(world, client)
    text = client.get("/api/v1/me/export").get_data(as_text=True)
    for secret in export_records.SECRET_COLUMNS:
        assert f'"{secret}"' not in text
    assert "Mein Handy" in text  # the passkey's name is the pupil's own data


def test_is_the_export_audited_as_a_data_subject_request(db, world, reference, login_as):
    """Does each JSON or PDF export leave an audit event with purpose dsr?"""
    client = login_as(world.pupil)
    assert client.get("/api/v1/me/export").status_code == 200
    assert client.get("/api/v1/me/export.pdf").status_code == 200
    events = db.session.scalars(
        select(AuditEvent).where(AuditEvent.resource == "pupil_export")
    ).all()
    assert [(e.action, e.purpose, e.pupil_id, e.actor_id) for e in events] == [
        ("export", "dsr", world.pupil.id, world.pupil.id)
    ] * 2


def test_does_the_export_run_a_constant_number_of_queries(db, world, reference, login_as, app):
    """Does a pupil with ten times the rows cost the same number of SQL statements?"""
    client = login_as(world.pupil)
    seed_everything(world, client)
    # The first read creates the pupil's portfolio step rows (once); count from the second.
    assert client.get("/api/v1/me/export").status_code == 200
    with counted_statements(_db.engine) as few:
        assert client.get("/api/v1/me/export").status_code == 200
    for n in range(10):
        db.session.add(
            Notification(
                user_id=world.pupil.id,
                kind="reminder",
                title_de=f"Erinnerung {n}",
                body_de="…",
                title_en=f"Reminder {n}",
                body_en="…",
            )
        )
    db.session.commit()
    with counted_statements(_db.engine) as many:
        assert client.get("/api/v1/me/export").status_code == 200
    assert len(many) == len(few)
