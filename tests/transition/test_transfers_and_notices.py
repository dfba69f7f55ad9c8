"""The Schulpflicht handover without consent, and who hears of changes to a leaver's record."""

from __future__ import annotations

from app.notifications.models import Notification
from app.verantwortungskette.models import Handover
from tests.anschluss.anschluss_helpers import put_anschluss
from tests.chain.helpers import hand_over
from tests.support import one_of, rows_of
from tests.transition.support import heading_to, leaver_birth_date


def test_stubo_passes_the_schulpflicht_data_set_to_the_berufskolleg(transition_world, login_as, db):
    """Does the VO-DV I § 7 transfer need no consent, show the data set to the BK, and appear
    in the pupil's disclosures with its legal basis?"""
    w = transition_world
    w.pupil.street, w.pupil.postcode, w.pupil.city = "Hauptstr. 1", "44135", "Dortmund"
    heading_to(w.users.stubo, w.pupil, w.berufskolleg)
    db.session.commit()
    stubo = login_as(w.users.stubo)
    path = f"/api/v1/pupils/{w.pupil.id}/school-transfers"
    response = stubo.post(path, json={"school_id": w.berufskolleg.id})
    assert response.status_code == 201, response.get_json()
    assert "VO-DV I § 7" in response.get_json()["legal_basis"]
    assert stubo.post(path, json={"school_id": w.berufskolleg.id}).status_code == 201
    assert len(rows_of(Handover, kind="school_transfer")) == 1  # idempotent

    page = (
        login_as(w.users.bk_coordinator)
        .get(f"/api/v1/schools/{w.berufskolleg.id}/incoming")
        .get_json()
    )
    transfer = page["items"][0]["transfer"]
    assert (transfer["street"], transfer["class_name"]) == ("Hauptstr. 1", "10a")

    disclosed = login_as(w.pupil).get("/api/v1/me/disclosures").get_json()["transfers"]
    (entry,) = disclosed
    assert entry["kind"] == "school_transfer" and entry["recipient_name"] == "Berufskolleg Mitte"
    assert "VO-DV I § 7" in entry["legal_basis"]


def test_no_transfer_without_consent_once_the_schulpflicht_has_ended(
    transition_world, login_as, db
):
    """Is the transfer refused for a youth no longer obliged, and to a school that is no BK?"""
    w = transition_world
    w.pupil.birth_date = leaver_birth_date(age_at_leaving=19)
    db.session.commit()
    stubo = login_as(w.users.stubo)
    path = f"/api/v1/pupils/{w.pupil.id}/school-transfers"
    refused = stubo.post(path, json={"school_id": w.berufskolleg.id})
    assert refused.status_code == 422
    assert refused.get_json()["type"].endswith("/school-transfer-not-obliged")
    w.pupil.birth_date = leaver_birth_date()
    db.session.commit()
    not_bk = stubo.post(path, json={"school_id": w.same_kommune_school.id})
    assert not_bk.status_code == 422 and "school_id" in not_bk.get_json()["errors"]


def test_case_coordinator_hears_when_the_school_records_an_anschluss(
    transition_world, login_as, db
):
    """With an open Verantwortungskette case, is the coordinator told of "zugesagt – DUAL",
    and does the case show the school-side Anschluss?"""
    w = transition_world
    case = hand_over(w.users.stubo, w.pupil, "kommune")
    db.session.commit()
    response = put_anschluss(
        login_as(w.users.teacher),
        w.pupil.id,
        status="zugesagt",
        option_code="DUAL",
        expected_certificate="SBO_10_7_7",
    )
    assert response.status_code == 200
    notice = one_of(Notification, user_id=w.users.kommune_coordinator.id)
    assert notice.kind == "vk_case_anschluss_changed"
    assert "zugesagt" in notice.body_de and "Duale Berufsausbildung" in notice.body_de
    assert "DUAL" not in notice.title_de
    assert notice.link == f"/cases/{case.id}"
    detail = login_as(w.users.kommune_coordinator).get(f"/api/v1/cases/{case.id}").get_json()
    assert detail["school_anschluss"]["status"] == "zugesagt"
    assert detail["school_anschluss"]["option_code"] == "DUAL"


def test_teacher_and_stubo_hear_when_the_achieved_certificate_does_not_fit(
    transition_world, login_as, db
):
    """Are the class teacher and the StuBO notified — in words, not codes?"""
    w = transition_world
    heading_to(w.users.stubo, w.pupil, w.berufskolleg, option="BFSII")
    db.session.commit()
    login_as(w.users.teacher).put(
        f"/api/v1/pupils/{w.pupil.id}/achieved-certificate", json={"certificate": "SBO_10_7_5"}
    )
    notices = {n.user_id: n for n in rows_of(Notification, kind="certificate_mismatch")}
    assert set(notices) == {w.users.teacher.id, w.users.stubo.id}
    body = notices[w.users.stubo.id].body_de
    assert "Berufsfachschule" in body and "BFSII" not in body and "SBO_" not in body
