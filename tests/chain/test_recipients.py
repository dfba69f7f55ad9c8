"""Recipients are named legal entities of the Kommune; their coordinators see only their cases;
consent covers exactly one recipient and the contact data it names (issue 11; issue 9 L1)."""

from __future__ import annotations

from datetime import date

from app.core import clock
from tests import factories as f
from tests.chain.helpers import audit_rows, hand_over


def _recipients_url(world):
    return f"/api/v1/kommunen/{world.kommune.id}/recipients"


def test_does_the_kommune_configure_its_recipients(world, login_as):
    """Can the coordination add the Agentur, a Jobcenter and a Berufskolleg of its list, rename
    and switch them off — and not a school that is no Berufskolleg of the Kommune?"""
    client = login_as(world.users.kommune_coordinator)
    url = _recipients_url(world)
    listed = client.get(url).get_json()
    assert [(r["kind"], r["name"]) for r in listed] == [
        ("agentur_fuer_arbeit", "Agentur für Arbeit Dortmund")
    ]
    jobcenter = client.post(url, json={"kind": "jobcenter", "name": "Jobcenter Dortmund"})
    assert jobcenter.status_code == 201, jobcenter.get_json()
    college = client.post(url, json={"kind": "berufskolleg", "school_id": world.berufskolleg.id})
    assert college.status_code == 201
    assert college.get_json()["name"] == "Berufskolleg Mitte"
    assert college.get_json()["recipient"] == "berufskolleg"
    coordination = client.post(url, json={"kind": "kommunale_koordinierung"})
    assert coordination.get_json()["recipient"] == "kommune"
    assert (
        client.post(url, json={"kind": "kommunale_koordinierung", "name": "Zweite"}).status_code
        == 409
    )
    assert (
        client.post(url, json={"kind": "berufskolleg", "school_id": world.school.id}).status_code
        == 422
    )
    foreign = f.make_school(world.other_kommune, "BK", "Berufskolleg Bochum")
    refused = client.post(url, json={"kind": "berufskolleg", "school_id": foreign.id})
    assert refused.status_code == 422 and "school_id" in refused.get_json()["errors"]
    with_school = client.post(url, json={"kind": "jobcenter", "school_id": world.berufskolleg.id})
    assert with_school.status_code == 422
    patch = client.patch(
        f"/api/v1/recipients/{jobcenter.get_json()['id']}",
        json={"name": "Jobcenter Dortmund (U25)", "active": False},
    )
    assert patch.status_code == 200 and patch.get_json()["active"] is False
    kind = client.patch(f"/api/v1/recipients/{world.agentur.id}", json={"kind": "jobcenter"})
    assert kind.status_code == 422
    other = client.patch(f"/api/v1/recipients/{world.other_agentur.id}", json={"name": "X"})
    assert other.status_code == 403


def test_may_a_consent_name_only_an_active_recipient_of_the_pupils_kommune(world, login_as, db):
    """Is a recipient of another Kommune, or a switched-off one, refused (issue 9, info item)?"""
    pupil = login_as(world.pupil)
    foreign = pupil.post(
        "/api/v1/me/handover-consents", json={"recipient_id": world.other_agentur.id}
    )
    assert foreign.status_code == 422 and "recipient_id" in foreign.get_json()["errors"]
    foreign_college = f.make_school(world.other_kommune, "BK", "Berufskolleg Bochum")
    db.session.commit()
    legacy = pupil.post(
        "/api/v1/me/handover-consents",
        json={"recipient": "berufskolleg", "recipient_school_id": foreign_college.id},
    )
    assert legacy.status_code == 422
    world.agentur.active = False
    db.session.commit()
    off = pupil.post("/api/v1/me/handover-consents", json={"recipient_id": world.agentur.id})
    assert off.status_code == 422
    assert off.get_json()["type"].endswith("/recipient-inactive")


def test_does_the_agentur_coordinator_see_only_cases_handed_to_the_agentur(world, login_as, db):
    """Handed to the Agentur with consent: does its coordinator see it, and nobody else?"""
    to_agentur = hand_over(world.users.stubo, world.pupil, world.agentur)
    to_college = hand_over(world.users.stubo, world.classmate, "berufskolleg", world.berufskolleg)
    jobcenter = f.make_recipient(world.kommune, "jobcenter", "Jobcenter Dortmund")
    jobcenter_coordinator = f.make_recipient_coordinator(jobcenter)
    other_agentur_coordinator = f.make_recipient_coordinator(world.other_agentur)
    db.session.commit()
    agentur = login_as(world.users.recipient_coordinator)
    items = agentur.get("/api/v1/cases").get_json()
    assert [c["id"] for c in items] == [to_agentur.id]
    assert items[0]["recipient_name"] == "Agentur für Arbeit Dortmund"
    assert agentur.get(f"/api/v1/cases/{to_college.id}").status_code == 403
    assert agentur.get(f"/api/v1/cases/{to_agentur.id}").status_code == 200
    for outsider in (jobcenter_coordinator, other_agentur_coordinator):
        client = login_as(outsider)
        assert client.get("/api/v1/cases").get_json() == []
        assert client.get(f"/api/v1/cases/{to_agentur.id}").status_code == 403
    for user in (world.users.bk_coordinator, world.users.kommune_coordinator):
        ids = [c["id"] for c in login_as(user).get("/api/v1/cases").get_json()]
        assert to_agentur.id not in ids
    assert audit_rows(db, "vk_case", "placement_followup")[-1].actor_role == "recipient_coordinator"


def test_does_the_case_carry_contact_data_only_as_far_as_the_consent_covers(world, login_as, db):
    """Phone and e-mail only when covered; the contact log offers no phone without a number."""
    world.pupil.email = "mia@example.org"
    world.classmate.email = "ali@example.org"
    covered = hand_over(
        world.users.stubo,
        world.pupil,
        world.agentur,
        covers=["phone", "email"],
        phone="0231 123456",
        preferred_channel="phone",
    )
    bare = hand_over(world.users.stubo, world.classmate, world.agentur)
    db.session.commit()
    agentur = login_as(world.users.recipient_coordinator)
    full = agentur.get(f"/api/v1/cases/{covered.id}").get_json()
    assert full["contact"]["phone"] == "0231 123456"
    assert full["contact"]["email"] == "mia@example.org"
    assert full["contact_channels"] == ["phone", "email", "letter", "visit"]
    assert full["default_channel"] == "phone"
    plain = agentur.get(f"/api/v1/cases/{bare.id}").get_json()
    assert plain["contact"]["phone"] is None and plain["contact"]["email"] is None
    assert plain["default_channel"] == "letter"
    today = clock.today().isoformat()
    call = agentur.post(
        f"/api/v1/cases/{bare.id}/contacts",
        json={"date": today, "channel": "phone", "outcome": "erreicht"},
    )
    assert call.status_code == 422 and "channel" in call.get_json()["errors"]
    handovers = login_as(world.users.stubo).get(f"/api/v1/schools/{world.school.id}/handovers")
    fields = {h["pupil_id"]: h["fields"] for h in handovers.get_json()}
    assert "phone" in fields[world.pupil.id] and "phone" not in fields[world.classmate.id]


def test_is_the_consent_text_versioned_with_recipient_categories_and_retention(world, login_as):
    """Does a consent store its text version and state recipient, categories and retention?"""
    pupil = login_as(world.pupil)
    missing_number = pupil.post(
        "/api/v1/me/handover-consents",
        json={"recipient_id": world.agentur.id, "covers": ["phone"]},
    )
    assert missing_number.status_code == 422 and "phone" in missing_number.get_json()["errors"]
    uncovered = pupil.post(
        "/api/v1/me/handover-consents",
        json={"recipient_id": world.agentur.id, "preferred_channel": "phone"},
    )
    assert uncovered.status_code == 422
    response = pupil.post(
        "/api/v1/me/handover-consents",
        json={
            "recipient_id": world.agentur.id,
            "covers": ["phone"],
            "phone": "0231 98765",
            "preferred_channel": "phone",
        },
    )
    assert response.status_code == 201, response.get_json()
    consent = response.get_json()
    assert consent["text_version"] == "vk-2026-2"
    assert consent["terms"]["recipient_name"] == "Agentur für Arbeit Dortmund"
    assert "phone" in consent["terms"]["categories"]
    assert "identity" in consent["terms"]["categories"]
    assert consent["terms"]["retention_months"] == 6
    assert consent["covers"] == ["phone"] and consent["preferred_channel"] == "phone"


def _birthday(years: int) -> date:
    today = clock.today()
    return today.replace(year=today.year - years)


def test_one_consent_age_rule_for_staff_recorded_consents(world, login_as, db):
    """From 14 a guardian consents only with a recorded reason (audited); under 14 only a
    guardian — in the Verantwortungskette."""
    world.pupil.birth_date = _birthday(15)
    world.classmate.birth_date = _birthday(13)
    db.session.commit()
    stubo = login_as(world.users.stubo)
    url = f"/api/v1/pupils/{world.pupil.id}/handover-consents"
    body = {"recipient_id": world.agentur.id, "given_by": "guardian"}
    no_reason = stubo.post(url, json=body)
    assert no_reason.status_code == 422 and "guardian_reason" in no_reason.get_json()["errors"]
    reason = "Schwere kognitive Beeinträchtigung; Betreuung durch die Eltern"
    given = stubo.post(url, json={**body, "guardian_reason": reason})
    assert given.status_code == 201, given.get_json()
    assert given.get_json()["guardian_reason"] == reason
    event = audit_rows(db, "handover_consent")[-1]
    assert event.action == "create" and "guardian_reason" in event.categories
    young = stubo.post(
        f"/api/v1/pupils/{world.classmate.id}/handover-consents",
        json={"recipient_id": world.agentur.id, "given_by": "pupil"},
    )
    assert young.status_code == 422 and "given_by" in young.get_json()["errors"]
    own = login_as(world.classmate).post(
        "/api/v1/me/handover-consents", json={"recipient_id": world.agentur.id}
    )
    assert own.status_code == 403
