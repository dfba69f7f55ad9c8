"""The Verantwortungskette outcome flows back to the leaving school's cohort view (status only)."""

from __future__ import annotations

from tests.chain.helpers import hand_over


def leavers(client, world) -> dict[int, dict]:
    body = client.get(f"/api/v1/schools/{world.school.id}/leavers").get_json()
    return {row["pupil_id"]: row for row in body["items"]}


def test_does_the_stubo_see_the_case_status_of_a_handed_over_leaver(anschluss_world, login_as, db):
    """After a handover, does the leaver list show the case status the Berufskolleg sets?"""
    w = anschluss_world
    case = hand_over(w.users.stubo, w.pupil, "berufskolleg", w.berufskolleg)
    db.session.commit()
    stubo = login_as(w.users.stubo)
    rows = leavers(stubo, w)
    assert rows[w.pupil.id]["case_status"] == "neu"
    assert rows[w.classmate.id]["case_status"] is None
    coordinator = login_as(w.users.bk_coordinator)
    response = coordinator.patch(f"/api/v1/cases/{case.id}", json={"status": "in_beratung"})
    assert response.status_code == 200, response.get_json()
    assert leavers(stubo, w)[w.pupil.id]["case_status"] == "in_beratung"


def test_does_the_leaver_row_carry_no_case_detail(anschluss_world, login_as, db):
    """Is the outcome only a status — no contact log, follow-up date or recipient data?"""
    w = anschluss_world
    hand_over(w.users.stubo, w.pupil, "berufskolleg", w.berufskolleg)
    db.session.commit()
    row = leavers(login_as(w.users.stubo), w)[w.pupil.id]
    assert not {"contacts", "follow_up_on", "anschluss_option", "recipient"} & set(row)


def test_does_the_class_teacher_see_the_outcome_in_the_class_overview(
    anschluss_world, login_as, db
):
    """Does the teacher's class overview show the case status of a handed-over pupil?"""
    w = anschluss_world
    hand_over(w.users.stubo, w.classmate, "kommune")
    db.session.commit()
    rows = login_as(w.users.teacher).get(f"/api/v1/classes/{w.klasse.id}/anschluss").get_json()
    by_id = {row["pupil_id"]: row["case_status"] for row in rows}
    assert by_id == {w.pupil.id: None, w.classmate.id: "neu"}


def test_does_the_summary_count_leavers_by_case_status(anschluss_world, login_as, db):
    """Does the cohort summary count handed-over leavers per case status?"""
    w = anschluss_world
    case = hand_over(w.users.stubo, w.pupil, "berufskolleg", w.berufskolleg)
    hand_over(w.users.stubo, w.classmate, "kommune")
    db.session.commit()
    response = login_as(w.users.bk_coordinator).patch(
        f"/api/v1/cases/{case.id}", json={"status": "kontaktiert"}
    )
    assert response.status_code == 200, response.get_json()
    body = login_as(w.users.stubo).get(f"/api/v1/schools/{w.school.id}/leavers/summary")
    summary = body.get_json()
    assert summary["handed_over"] == 2
    assert summary["by_case_status"]["kontaktiert"] == 1
    assert summary["by_case_status"]["neu"] == 1
    assert summary["by_case_status"]["abgeschlossen"] == 0


def test_is_a_summary_without_handovers_all_zero(anschluss_world, login_as):
    """Without any handover, are all case-status counts zero?"""
    w = anschluss_world
    summary = login_as(w.users.stubo).get(f"/api/v1/schools/{w.school.id}/leavers/summary")
    body = summary.get_json()
    assert body["handed_over"] == 0 and set(body["by_case_status"].values()) == {0}
