"""The receiving Berufskolleg at term start: incoming pupils, arrivals and no-shows."""

from __future__ import annotations

from app.anschluss.models import Anschluss
from app.notifications.models import Notification
from app.transition.models import TransitionAlert
from app.verantwortungskette.models import Handover, VkCase
from tests import factories as f
from tests.support import count_of, one_of, rows_of
from tests.transition.support import go_to_summer, heading_to, leaver_birth_date


def _incoming(client, school_id: int, **query):
    response = client.get(f"/api/v1/schools/{school_id}/incoming", query_string=query)
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def test_berufskolleg_sees_only_pupils_whose_chosen_application_names_it(
    transition_world, login_as, db
):
    """Does the BK list its incoming pupils with minimal fields — and nobody else?"""
    w = transition_world
    stubo = w.users.stubo
    heading_to(stubo, w.pupil, w.berufskolleg)
    other_bk = f.make_school(w.kommune, "BK", "Berufskolleg Ost")
    heading_to(stubo, w.classmate, other_bk)
    other_stubo = f.make_user("stubo", school_id=w.other_school.id)
    heading_to(other_stubo, w.other_pupil, w.berufskolleg)  # another Kommune's school
    db.session.commit()
    page = _incoming(login_as(w.users.bk_coordinator), w.berufskolleg.id)
    assert page["total"] == 1
    (item,) = page["items"]
    assert item["pupil_id"] == w.pupil.id
    assert item["leaving_school"] == "Gesamtschule Nord"
    assert (item["option_code"], item["application_status"]) == ("BFSII", "zugesagt")
    assert item["transfer"] is None  # no address before the Schulpflicht handover
    assert item["schulpflicht"]["status"] in ("full_time", "sek2")


def test_bk_confirms_two_arrivals_and_reports_one_no_show_on_20_august(
    transition_world, login_as, db
):
    """On 20 August: do arrivals close the records as angetreten, and does the no-show alert
    the StuBO and the Kommune and open a Schulpflicht case in the Verantwortungskette?"""
    w = transition_world
    for pupil in (w.pupil, w.classmate, w.pupil_b):
        heading_to(w.users.stubo, pupil, w.berufskolleg)
    db.session.commit()
    go_to_summer(20)
    bk = login_as(w.users.bk_coordinator)
    body = {
        "items": [
            {"pupil_id": w.pupil.id, "result": "arrived"},
            {"pupil_id": w.classmate.id, "result": "arrived"},
            {"pupil_id": w.pupil_b.id, "result": "no_show"},
        ]
    }
    response = bk.post(f"/api/v1/schools/{w.berufskolleg.id}/incoming/arrivals", json=body)
    assert response.status_code == 200, response.get_json()
    assert response.get_json() == {"arrived": 2, "no_show": 1, "unchanged": 0}

    arrived = one_of(Anschluss, pupil_id=w.pupil.id)
    assert (arrived.status, arrived.closed_reason) == ("angetreten", "arrival_confirmed")
    missing = one_of(Anschluss, pupil_id=w.pupil_b.id)
    assert (missing.status, missing.closed_at) == ("nokean", None)  # the school follows up

    alert = one_of(TransitionAlert, pupil_id=w.pupil_b.id)
    assert alert.schulpflichtig and alert.school_id == w.school.id
    case = one_of(VkCase, pupil_id=w.pupil_b.id)
    assert (case.recipient_kind, case.recipient_kommune_id) == ("kommune", w.kommune.id)
    assert db.session.get(Handover, case.handover_id).kind == "schulpflicht"
    kinds = {(n.user_id, n.kind) for n in rows_of(Notification)}
    assert (w.users.stubo.id, "arrival_no_show") in kinds
    assert (w.users.kommune_coordinator.id, "schulpflicht_case_opened") in kinds

    again = bk.post(f"/api/v1/schools/{w.berufskolleg.id}/incoming/arrivals", json=body)
    assert again.get_json() == {"arrived": 0, "no_show": 0, "unchanged": 3}
    assert count_of(TransitionAlert) == 1 and count_of(VkCase) == 1


def test_stubo_and_kommune_see_the_alert_and_the_schulpflicht_flag(transition_world, login_as, db):
    """Does the StuBO see the no-show by name with the flag, and the Kommune its case?"""
    w = transition_world
    heading_to(w.users.stubo, w.pupil, w.berufskolleg)
    db.session.commit()
    go_to_summer(20)
    login_as(w.users.bk_coordinator).post(
        f"/api/v1/schools/{w.berufskolleg.id}/incoming/arrivals",
        json={"items": [{"pupil_id": w.pupil.id, "result": "no_show"}]},
    )
    stubo = login_as(w.users.stubo)
    (alert,) = stubo.get(f"/api/v1/schools/{w.school.id}/transition-alerts").get_json()
    assert (alert["last_name"], alert["reported_by"]) == ("Becker", "Berufskolleg Mitte")
    assert alert["schulpflichtig"] is True
    cohort = stubo.get(f"/api/v1/schools/{w.school.id}/transition").get_json()
    row = next(r for r in cohort["items"] if r["pupil_id"] == w.pupil.id)
    assert row["open_alert"] and row["arrival"] == "no_show"
    assert row["schulpflicht"]["flagged"] is True

    kommune = login_as(w.users.kommune_coordinator)
    (seen,) = kommune.get(f"/api/v1/kommunen/{w.kommune.id}/transition-alerts").get_json()
    assert seen["last_name"] == "Becker" and seen["case_id"] is not None
    (case,) = kommune.get("/api/v1/cases").get_json()
    assert case["kind"] == "schulpflicht"
    assert case["school_anschluss"]["status"] == "nokean"

    resolved = stubo.post(f"/api/v1/transition-alerts/{alert['id']}/resolve")
    assert resolved.status_code == 200
    assert stubo.post(f"/api/v1/transition-alerts/{alert['id']}/resolve").status_code == 409


def test_a_no_show_no_longer_obliged_opens_no_case_and_stays_anonymous_to_the_kommune(
    transition_world, login_as, db
):
    """For a youth past the Schulpflicht, is there no case, and no name for the Kommune?"""
    w = transition_world
    w.pupil.birth_date = leaver_birth_date(age_at_leaving=19)
    heading_to(w.users.stubo, w.pupil, w.berufskolleg)
    db.session.commit()
    go_to_summer(20)
    login_as(w.users.bk_coordinator).post(
        f"/api/v1/schools/{w.berufskolleg.id}/incoming/arrivals",
        json={"items": [{"pupil_id": w.pupil.id, "result": "no_show"}]},
    )
    assert count_of(VkCase) == 0
    (seen,) = (
        login_as(w.users.kommune_coordinator)
        .get(f"/api/v1/kommunen/{w.kommune.id}/transition-alerts")
        .get_json()
    )
    assert (seen["pupil_id"], seen["last_name"], seen["schulpflichtig"]) == (None, None, False)


def test_arrivals_are_all_or_nothing_and_name_the_item(transition_world, login_as, db):
    """With one pupil not expected at the BK, is nothing saved and the item named?"""
    w = transition_world
    heading_to(w.users.stubo, w.pupil, w.berufskolleg)
    db.session.commit()
    go_to_summer(20)
    response = login_as(w.users.bk_coordinator).post(
        f"/api/v1/schools/{w.berufskolleg.id}/incoming/arrivals",
        json={
            "items": [
                {"pupil_id": w.pupil.id, "result": "arrived"},
                {"pupil_id": w.classmate.id, "result": "arrived"},
            ]
        },
    )
    assert response.status_code == 422
    assert list(response.get_json()["errors"]) == ["items.1.pupil_id"]
    assert one_of(Anschluss, pupil_id=w.pupil.id).status == "zugesagt"


def test_arrival_on_a_closed_record_is_refused(transition_world, login_as, db):
    """After the arrival closed the record, may a late "no-show" still change it? (No.)"""
    w = transition_world
    heading_to(w.users.stubo, w.pupil, w.berufskolleg)
    db.session.commit()
    go_to_summer(20)
    bk = login_as(w.users.bk_coordinator)
    path = f"/api/v1/schools/{w.berufskolleg.id}/incoming/arrivals"
    bk.post(path, json={"items": [{"pupil_id": w.pupil.id, "result": "arrived"}]})
    late = bk.post(path, json={"items": [{"pupil_id": w.pupil.id, "result": "no_show"}]})
    assert late.status_code == 422
    assert late.get_json()["type"].endswith("/anschluss-closed")
