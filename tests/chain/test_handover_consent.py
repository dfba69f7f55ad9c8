"""Consent per recipient, handover with consent, and withdrawal (docs/security.md B7)."""

from __future__ import annotations

from datetime import date

from app.core import clock
from app.verantwortungskette.models import CaseContact, VkCase
from tests import factories as f
from tests.chain.helpers import audit_rows, give_consent, hand_over
from tests.support import count_of


def _handover(client, pupil, recipient="berufskolleg", school=None):
    body = {"pupil_id": pupil.id, "recipient": recipient}
    if school is not None:
        body["recipient_school_id"] = school.id
    return client.post("/api/v1/handovers", json=body)


def test_can_a_pupil_of_14_consent_per_recipient_in_the_app(world, login_as):
    """Does a pupil from 14 give a consent naming exactly one Berufskolleg, recorded fully?"""
    pupil = login_as(world.pupil)
    overview = pupil.get("/api/v1/me/handover-consents").get_json()
    assert overview["may_consent_myself"] is True
    # the Kommune's configured Agentur, its Berufskolleg and its coordination (former targets)
    assert {r["recipient"] for r in overview["recipients"]} == {
        "agentur_fuer_arbeit",
        "berufskolleg",
        "kommune",
    }
    assert all(r["terms"]["retention_months"] > 0 for r in overview["recipients"])
    response = pupil.post(
        "/api/v1/me/handover-consents",
        json={"recipient": "berufskolleg", "recipient_school_id": world.berufskolleg.id},
    )
    assert response.status_code == 201, response.get_json()
    consent = response.get_json()
    assert consent["given_by"] == "pupil"
    assert consent["age_at_consent"] >= 14
    assert consent["text_version"] and consent["purpose"] == "verantwortungskette"
    assert consent["recipient_name"] == "Berufskolleg Mitte"
    again = pupil.post(
        "/api/v1/me/handover-consents",
        json={"recipient": "berufskolleg", "recipient_school_id": world.berufskolleg.id},
    )
    assert again.status_code == 409


def test_is_a_pupil_under_14_refused_and_must_the_guardian_consent(world, login_as, db):
    """Below 14, may only staff record the guardian's consent (not the pupil, not 'pupil')?"""
    young = f.make_pupil(world.klasse, birth_date=date(clock.today().year - 13, 1, 1))
    db.session.commit()
    refused = login_as(young).post("/api/v1/me/handover-consents", json={"recipient": "kommune"})
    assert refused.status_code == 403
    stubo = login_as(world.users.stubo)
    wrong = stubo.post(
        f"/api/v1/pupils/{young.id}/handover-consents",
        json={"recipient": "kommune", "given_by": "pupil"},
    )
    assert wrong.status_code == 422 and "given_by" in wrong.get_json()["errors"]
    recorded = stubo.post(
        f"/api/v1/pupils/{young.id}/handover-consents",
        json={"recipient": "kommune", "given_by": "guardian"},
    )
    assert recorded.status_code == 201
    assert recorded.get_json()["given_by"] == "guardian"
    assert recorded.get_json()["age_at_consent"] in (12, 13)


def test_is_a_handover_refused_without_consent_for_exactly_that_recipient(world, login_as, db):
    """Does a consent for the Kommune or another Berufskolleg not cover this Berufskolleg?"""
    other_bk = f.make_school(world.kommune, "BK", "Berufskolleg Ost")
    give_consent(world.pupil, "kommune")
    give_consent(world.pupil, "berufskolleg", other_bk)
    db.session.commit()
    stubo = login_as(world.users.stubo)
    response = _handover(stubo, world.pupil, "berufskolleg", world.berufskolleg)
    assert response.status_code == 422
    assert "recipient" in response.get_json()["errors"]
    assert count_of(VkCase) == 0


def test_does_a_handover_with_consent_record_the_legal_basis_and_open_a_case(world, login_as, db):
    """Does the case exist for the receiving school, with the legal basis logged per transfer?"""
    give_consent(world.pupil, "berufskolleg", world.berufskolleg)
    db.session.commit()
    stubo = login_as(world.users.stubo)
    response = _handover(stubo, world.pupil, "berufskolleg", world.berufskolleg)
    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    assert "Einwilligung" in body["legal_basis"]
    assert body["case_status"] == "neu" and body["recipient_name"] == "Berufskolleg Mitte"
    assert set(body["fields"]) == {"identity", "contact", "prior_schooling", "intended_training"}
    assert _handover(stubo, world.pupil, "berufskolleg", world.berufskolleg).status_code == 409
    transfers = audit_rows(db, "vk_case", "school_transfer")
    assert [(e.action, e.pupil_id) for e in transfers] == [("transfer", world.pupil.id)]


def test_may_a_stubo_hand_over_a_pupil_of_another_school(world, login_as, db):
    """Is a pupil of another school refused as if unknown?"""
    give_consent(world.same_kommune_pupil, "kommune")
    db.session.commit()
    response = _handover(login_as(world.users.stubo), world.same_kommune_pupil, "kommune")
    assert response.status_code == 422 and "pupil_id" in response.get_json()["errors"]


def test_does_withdrawal_stop_processing_and_hide_the_case(world, login_as, db):
    """After withdrawal: case gone from the list, 410 on the case, data erased, school told?"""
    case = hand_over(world.users.stubo, world.pupil, "berufskolleg", world.berufskolleg)
    db.session.add(
        CaseContact(
            case_id=case.id, contacted_on=clock.today(), channel="phone", outcome="erreicht"
        )
    )
    db.session.commit()
    bk = login_as(world.users.bk_coordinator)
    assert [c["id"] for c in bk.get("/api/v1/cases").get_json()] == [case.id]
    consent_id = (
        login_as(world.pupil).get("/api/v1/me/handover-consents").get_json()["consents"][0]["id"]
    )
    withdrawn = login_as(world.pupil).post(f"/api/v1/me/handover-consents/{consent_id}/withdraw")
    assert withdrawn.status_code == 200 and withdrawn.get_json()["active"] is False
    assert bk.get("/api/v1/cases").get_json() == []
    gone = bk.get(f"/api/v1/cases/{case.id}")
    assert gone.status_code == 410 and gone.content_type == "application/problem+json"
    assert (
        bk.post(
            f"/api/v1/cases/{case.id}/contacts",
            json={"date": clock.today().isoformat(), "channel": "phone", "outcome": "erreicht"},
        ).status_code
        == 410
    )
    stored = db.session.get(VkCase, case.id)
    assert (stored.first_name, stored.birth_date, stored.street, stored.status) == (
        None,
        None,
        None,
        "widerrufen",
    )
    assert count_of(CaseContact) == 0
    school_view = (
        login_as(world.users.stubo).get(f"/api/v1/schools/{world.school.id}/handovers").get_json()
    )
    assert [h["case_status"] for h in school_view] == ["widerrufen"]
    again = login_as(world.pupil).post(f"/api/v1/me/handover-consents/{consent_id}/withdraw")
    assert again.status_code == 409


def test_can_staff_record_a_withdrawal_of_their_school(world, login_as, db):
    """May the StuBO record a withdrawal given on paper, and a teacher of another class not?"""
    consent = give_consent(world.pupil, "kommune")
    db.session.commit()
    assert (
        login_as(world.teacher_b)
        .post(f"/api/v1/handover-consents/{consent.id}/withdraw")
        .status_code
        == 403
    )
    response = login_as(world.users.stubo).post(f"/api/v1/handover-consents/{consent.id}/withdraw")
    assert response.status_code == 200 and response.get_json()["withdrawn_at"]
