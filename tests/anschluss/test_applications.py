"""Bewerbungen: the pupil adds, staff confirm, the Anschluss status follows from them."""

from __future__ import annotations

from app.anschluss.models import Anschluss, AnschlussChange, Application
from tests.anschluss.anschluss_helpers import put_anschluss
from tests.support import count_of, one_of


def _add(client, path: str, **body):
    body.setdefault("target_kind", "company")
    if body["target_kind"] == "company":
        body.setdefault("target_name", "Elektro Schmidt GmbH")
    response = client.post(path, json=body)
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def _status(pupil_id: int) -> tuple[str, str | None]:
    record = one_of(Anschluss, pupil_id=pupil_id)
    return record.status, record.option_code


def test_pupil_adds_applications_and_the_teacher_confirms_the_acceptance(
    anschluss_world, login_as, db
):
    """Does a pupil's own "zugesagt" count only once the teacher confirms it?"""
    w = anschluss_world
    pupil = login_as(w.pupil)
    mine = _add(pupil, "/api/v1/me/applications", option_code="DUAL", status="beworben")
    assert mine["confirmed"] is False and mine["source"] == "pupil"
    assert _status(w.pupil.id) == ("beworben", "DUAL")

    changed = pupil.patch(f"/api/v1/applications/{mine['id']}", json={"status": "zugesagt"})
    assert changed.status_code == 200
    assert _status(w.pupil.id) == ("beworben", "DUAL")  # not secured on the pupil's word

    teacher = login_as(w.users.teacher)
    listed = teacher.get(f"/api/v1/pupils/{w.pupil.id}/applications").get_json()
    assert [a["status"] for a in listed["items"]] == ["zugesagt"]
    confirmed = teacher.patch(
        f"/api/v1/applications/{mine['id']}", json={"confirmed": True, "is_chosen": True}
    )
    assert confirmed.status_code == 200, confirmed.get_json()
    assert confirmed.get_json()["confirmed"] is True
    assert _status(w.pupil.id) == ("zugesagt", "DUAL")
    sources = {c.source for c in db.session.scalars(db.select(AnschlussChange))}
    assert sources == {"applications"}


def test_a_secured_fallback_holds_while_the_pupil_still_applies(anschluss_world, login_as, db):
    """With a confirmed fallback place and the chosen application pending, is the leaver
    secured — and does the chosen one take over once it is accepted?"""
    w = anschluss_world
    stubo = login_as(w.users.stubo)
    path = f"/api/v1/pupils/{w.pupil.id}/applications"
    chosen = _add(stubo, path, option_code="DUAL", status="beworben", is_chosen=True)
    _add(
        stubo,
        path,
        target_kind="school",
        target_school_id=w.berufskolleg.id,
        option_code="BFSII",
        status="zugesagt",
        is_fallback=True,
    )
    assert _status(w.pupil.id) == ("zugesagt", "BFSII")
    stubo.patch(f"/api/v1/applications/{chosen['id']}", json={"status": "zugesagt"})
    assert _status(w.pupil.id) == ("zugesagt", "DUAL")


def test_status_is_not_typed_twice_once_there_are_applications(anschluss_world, login_as, db):
    """Is a hand-typed "beworben" refused when applications decide the status?"""
    w = anschluss_world
    teacher = login_as(w.users.teacher)
    _add(teacher, f"/api/v1/pupils/{w.pupil.id}/applications", option_code="DUAL")
    response = put_anschluss(
        teacher,
        w.pupil.id,
        status="beworben",
        option_code="DUAL",
        expected_certificate="SBO_10_7_7",
    )
    assert response.status_code == 422
    assert response.get_json()["type"].endswith("/anschluss-status-from-applications")


def test_every_application_rejected_means_noch_kein_anschluss(anschluss_world, login_as, db):
    """When the last open application is rejected, does the leaver count as "nokean"?"""
    w = anschluss_world
    teacher = login_as(w.users.teacher)
    one = _add(
        teacher, f"/api/v1/pupils/{w.pupil.id}/applications", option_code="DUAL", status="beworben"
    )
    teacher.patch(f"/api/v1/applications/{one['id']}", json={"status": "abgesagt"})
    assert _status(w.pupil.id) == ("nokean", "NOKEAN")


def test_pupil_removes_only_unconfirmed_applications(anschluss_world, login_as, db):
    """May the pupil delete their own draft but not one the school confirmed?"""
    w = anschluss_world
    pupil = login_as(w.pupil)
    draft = _add(pupil, "/api/v1/me/applications", status="geplant")
    assert pupil.delete(f"/api/v1/applications/{draft['id']}").status_code == 204
    teacher = login_as(w.users.teacher)
    confirmed = _add(teacher, f"/api/v1/pupils/{w.pupil.id}/applications", status="beworben")
    response = pupil.delete(f"/api/v1/applications/{confirmed['id']}")
    assert response.status_code == 409
    assert count_of(Application) == 1


def test_application_needs_a_known_school_or_a_name(anschluss_world, login_as, db):
    """Is a school target without a school, or a company without a name, refused by field?"""
    w = anschluss_world
    pupil = login_as(w.pupil)
    no_school = pupil.post("/api/v1/me/applications", json={"target_kind": "school"})
    assert no_school.status_code == 422 and "target_school_id" in no_school.get_json()["errors"]
    no_name = pupil.post("/api/v1/me/applications", json={"target_kind": "company"})
    assert no_name.status_code == 422 and "target_name" in no_name.get_json()["errors"]
    assert count_of(Application) == 0


def test_achieved_certificate_flags_options_that_no_longer_fit(anschluss_world, login_as, db):
    """With an Erster Schulabschluss achieved, are BFS II and FOS flagged and DUAL not?"""
    w = anschluss_world
    teacher = login_as(w.users.teacher)
    path = f"/api/v1/pupils/{w.pupil.id}/applications"
    bfs = _add(
        teacher,
        path,
        target_kind="school",
        target_school_id=w.berufskolleg.id,
        option_code="BFSII",
        status="beworben",
    )
    _add(teacher, path, option_code="DUAL", status="beworben")
    response = teacher.put(
        f"/api/v1/pupils/{w.pupil.id}/achieved-certificate", json={"certificate": "SBO_10_7_5"}
    )
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert body["anschluss"]["achieved_certificate"] == "SBO_10_7_5"
    # the derived Anschluss (first application sent: BFS II) and that application
    assert [(m["kind"], m["option_code"]) for m in body["mismatches"]] == [
        ("anschluss", "BFSII"),
        ("application", "BFSII"),
    ]
    assert body["mismatches"][1]["id"] == bfs["id"]
    listed = teacher.get(path).get_json()["items"]
    assert [(a["option_code"], a["certificate_fit"]) for a in listed] == [
        ("BFSII", False),
        ("DUAL", True),
    ]
    refused = teacher.post(
        path, json={"target_kind": "company", "target_name": "X", "option_code": "FOS"}
    )
    assert refused.status_code == 422
    assert refused.get_json()["type"].endswith("/application-option-not-open")
