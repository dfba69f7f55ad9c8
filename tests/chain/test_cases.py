"""The receiving coordinator: own cases only, transfer fields only, contacts, outcome (B1, B9)."""

from __future__ import annotations

from datetime import timedelta

from app.core import clock
from app.verantwortungskette.cases import case_outcomes_for_pupils
from tests import factories as f
from tests.chain.helpers import audit_rows, hand_over

CASE_KEYS = {
    "id",
    "kind",
    "school_anschluss",  # the school-side status and option only (school_side.py)
    "status",
    "anschluss_option",
    "follow_up_on",
    "overdue",
    "handed_over_at",
    "legal_basis",
    "recipient_name",
    "contact_channels",  # what the transfer covers: no phone without a number
    "default_channel",
    "updated_at",
    "identity",
    "contact",
    "prior_schooling",
    "intended_training",
    "contact_count",
}


def test_does_the_coordinator_see_only_transfer_fields(world, login_as, db):
    """Identity, contact, prior schooling, intended training — and no class, grades, portfolio?"""
    world.pupil.street, world.pupil.postcode, world.pupil.city = "Hauptstr. 1", "44135", "Dortmund"
    world.pupil.sex = "w"
    case = hand_over(world.users.stubo, world.pupil, "berufskolleg", world.berufskolleg)
    db.session.commit()
    items = login_as(world.users.bk_coordinator).get("/api/v1/cases").get_json()
    assert len(items) == 1
    item = items[0]
    assert set(item) == CASE_KEYS
    assert set(item["identity"]) == {"first_name", "last_name", "birth_date", "sex"}
    assert set(item["contact"]) == {
        "street",
        "postcode",
        "city",
        "email",
        "phone",
        "preferred_channel",
    }
    # the consent covers no phone or e-mail: neither is transferred, and no "Telefon" default
    assert item["contact"]["email"] is None and item["contact"]["phone"] is None
    assert item["contact_channels"] == ["letter", "visit"]
    assert item["default_channel"] == "letter"
    assert set(item["prior_schooling"]) == {"school_name", "school_form", "certificate"}
    assert set(item["intended_training"]) == {"option_code", "text"}
    assert item["identity"]["last_name"] == "Becker"
    assert item["prior_schooling"]["school_name"] == "Gesamtschule Nord"
    assert "10a" not in str(item) and "class" not in str(item)
    assert item["id"] == case.id and item["status"] == "neu"


def test_does_another_berufskolleg_or_the_kommune_see_nothing(world, login_as, db):
    """Does a coordinator of another Berufskolleg (or the Kommune) see none of these cases?"""
    case = hand_over(world.users.stubo, world.pupil, "berufskolleg", world.berufskolleg)
    other_bk = f.make_school(world.kommune, "BK", "Berufskolleg Ost")
    other_coordinator = f.make_user(
        "bk_coordinator", school_id=other_bk.id, kommune_id=world.kommune.id
    )
    db.session.commit()
    for user in (other_coordinator, world.users.kommune_coordinator):
        client = login_as(user)
        assert client.get("/api/v1/cases").get_json() == []
        assert client.get(f"/api/v1/cases/{case.id}").status_code == 403
        assert (
            client.patch(f"/api/v1/cases/{case.id}", json={"status": "kontaktiert"}).status_code
            == 403
        )


def test_can_the_coordinator_log_contacts_without_free_text(world, login_as, db):
    """Is a contact (date, channel, outcome) logged, a free-text note refused?"""
    case = hand_over(world.users.stubo, world.pupil, "berufskolleg", world.berufskolleg)
    db.session.commit()
    bk = login_as(world.users.bk_coordinator)
    today = clock.today().isoformat()
    response = bk.post(
        f"/api/v1/cases/{case.id}/contacts",
        json={"date": today, "channel": "letter", "outcome": "nicht_erreicht"},
    )
    assert response.status_code == 201
    assert response.get_json()["outcome"] == "nicht_erreicht"
    note = bk.post(
        f"/api/v1/cases/{case.id}/contacts",
        json={"date": today, "channel": "letter", "outcome": "erreicht", "note": "wirkte krank"},
    )
    assert note.status_code == 422 and "note" in note.get_json()["errors"]
    free = bk.post(
        f"/api/v1/cases/{case.id}/contacts",
        json={"date": today, "channel": "letter", "outcome": "hat keine Lust"},
    )
    assert free.status_code == 422 and "outcome" in free.get_json()["errors"]
    future = (clock.today() + timedelta(days=2)).isoformat()
    later = bk.post(
        f"/api/v1/cases/{case.id}/contacts",
        json={"date": future, "channel": "letter", "outcome": "erreicht"},
    )
    assert later.status_code == 422 and "date" in later.get_json()["errors"]
    detail = bk.get(f"/api/v1/cases/{case.id}").get_json()
    assert [(c["channel"], c["outcome"]) for c in detail["contacts"]] == [
        ("letter", "nicht_erreicht")
    ]
    assert detail["status"] == "kontaktiert"


def test_does_vermittelt_require_an_option_and_flow_back_to_the_school(
    world, login_as, db, reference
):
    """Is a placement without option refused, and does the school see the outcome (status only)?"""
    case = hand_over(world.users.stubo, world.pupil, "berufskolleg", world.berufskolleg)
    db.session.commit()
    bk = login_as(world.users.bk_coordinator)
    missing = bk.patch(f"/api/v1/cases/{case.id}", json={"status": "vermittelt"})
    assert missing.status_code == 422
    assert "anschluss_option" in missing.get_json()["errors"]
    unknown = bk.patch(
        f"/api/v1/cases/{case.id}", json={"status": "vermittelt", "anschluss_option": "XYZ"}
    )
    assert unknown.status_code == 422
    placed = bk.patch(
        f"/api/v1/cases/{case.id}", json={"status": "vermittelt", "anschluss_option": "DUAL"}
    )
    assert placed.status_code == 200, placed.get_json()
    assert placed.get_json()["anschluss_option"] == "DUAL"
    school = login_as(world.users.stubo).get(f"/api/v1/schools/{world.school.id}/handovers")
    rows = school.get_json()
    assert [(r["pupil_id"], r["case_status"]) for r in rows] == [(world.pupil.id, "vermittelt")]
    assert "contacts" not in rows[0] and "anschluss_option" not in rows[0]
    assert case_outcomes_for_pupils([world.pupil.id, world.classmate.id]) == {
        world.pupil.id: "vermittelt"
    }


def test_are_overdue_follow_ups_listed(world, login_as, db):
    """Does overdue=true list only open cases whose follow-up date has passed?"""
    late = hand_over(world.users.stubo, world.pupil, "kommune")
    soon = hand_over(world.users.stubo, world.classmate, "kommune")
    db.session.commit()
    kommune = login_as(world.users.kommune_coordinator)
    yesterday = (clock.today() - timedelta(days=1)).isoformat()
    tomorrow = (clock.today() + timedelta(days=1)).isoformat()
    assert (
        kommune.patch(f"/api/v1/cases/{late.id}", json={"follow_up_on": yesterday}).status_code
        == 200
    )
    kommune.patch(f"/api/v1/cases/{soon.id}", json={"follow_up_on": tomorrow})
    overdue = kommune.get("/api/v1/cases?overdue=true").get_json()
    assert [(c["id"], c["overdue"]) for c in overdue] == [(late.id, True)]
    assert len(kommune.get("/api/v1/cases").get_json()) == 2


def test_is_every_case_read_audited_with_its_purpose(world, login_as, db):
    """Do list, detail and update write audit rows with the coordinator's purpose?"""
    case = hand_over(world.users.stubo, world.pupil, "berufskolleg", world.berufskolleg)
    db.session.commit()
    bk = login_as(world.users.bk_coordinator)
    bk.get("/api/v1/cases")
    bk.get(f"/api/v1/cases/{case.id}")
    bk.patch(f"/api/v1/cases/{case.id}", json={"status": "in_beratung"})
    events = [e for e in audit_rows(db, "vk_case") if e.actor_role == "bk_coordinator"]
    assert [(e.action, e.purpose, e.pupil_id) for e in events] == [
        ("read", "school_transfer", world.pupil.id),
        ("read", "school_transfer", world.pupil.id),
        ("update", "school_transfer", world.pupil.id),
    ]


def test_does_the_case_list_run_a_constant_number_of_statements(world, login_as, db, app):
    """Does listing 2 or 12 cases cost the same number of SQL statements?"""
    from sqlalchemy import event

    from app.extensions import db as _db

    def count(client):
        statements = []
        listener = lambda *args: statements.append(1)  # noqa: E731
        event.listen(_db.engine, "before_cursor_execute", listener)
        try:
            assert client.get("/api/v1/cases").status_code == 200
        finally:
            event.remove(_db.engine, "before_cursor_execute", listener)
        return len(statements)

    for pupil in (world.pupil, world.classmate):
        hand_over(world.users.stubo, pupil, "kommune")
    db.session.commit()
    client = login_as(world.users.kommune_coordinator)
    small = count(client)
    for n in range(10):
        hand_over(world.users.stubo, f.make_pupil(world.klasse, last_name=f"N{n}"), "kommune")
    db.session.commit()
    assert count(client) == small
