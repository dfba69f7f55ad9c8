"""A pupil's KAoA target groups (STAR, Lernen/ESE, KAoA-kompakt) and the Kommune's choices:
edited by staff, audited, and the plan follows them."""

from __future__ import annotations

from sqlalchemy import select

from app.core.audit import AuditEvent


def _url(pupil):
    return f"/api/v1/pupils/{pupil.id}/target-groups"


def test_teacher_sets_star_and_the_pupils_plan_follows(world, reference, login_as, db):
    """Does the class teacher's STAR flag (Förderschwerpunkt Sehen) change the pupil's own
    missing steps to the STAR elements, and is the change audited?"""
    teacher = login_as(world.users.teacher)
    assert teacher.get(_url(world.pupil)).get_json()["target_groups"] == []
    response = teacher.put(
        _url(world.pupil), json={"target_groups": ["star"], "foerderschwerpunkt": "SE"}
    )
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert (body["target_groups"], body["source"]) == (["star"], "staff")
    missing = login_as(world.pupil).get("/api/v1/me/portfolio").json["progress"]["missing"]
    assert "SBO 4.5" in missing and "SBO 6.3" in missing and "SBO 2.4" in missing
    assert "SBO 4.1" not in missing and "SBO 6.1" not in missing
    db.session.expire_all()
    actions = db.session.scalars(
        select(AuditEvent.action).where(AuditEvent.resource == "target_groups")
    ).all()
    assert sorted(actions) == ["read", "update"]


def test_kompakt_pupil_owes_no_grade_8_elements(world, reference, login_as):
    """Is a newly arrived grade-10 pupil (KAoA-kompakt) expected to do 7.1 but not the
    grade-8 Potenzialanalyse and BFE days?"""
    login_as(world.users.stubo).put(
        _url(world.pupil), json={"target_groups": ["kaoa_kompakt"], "arrived_on": "2025-09-01"}
    )
    missing = login_as(world.pupil).get("/api/v1/me/portfolio").json["progress"]["missing"]
    assert "SBO 7.1" in missing and "SBO 4.1" not in missing and "SBO 5.1" not in missing


def test_conflicting_or_incomplete_groups_are_refused(world, reference, login_as):
    """Are STAR with Lernen/ESE together, or STAR without a Förderschwerpunkt, refused with a
    422 naming the field?"""
    client = login_as(world.users.teacher)
    both = client.put(
        _url(world.pupil),
        json={"target_groups": ["star", "sen_learning"], "foerderschwerpunkt": "GG"},
    )
    assert both.status_code == 422 and "target_groups" in both.get_json()["errors"]
    bare = client.put(_url(world.pupil), json={"target_groups": ["star"]})
    assert bare.status_code == 422 and "foerderschwerpunkt" in bare.get_json()["errors"]
    unknown = client.put(_url(world.pupil), json={"target_groups": ["vip"]})
    assert unknown.status_code == 422


def test_the_pupil_and_other_teachers_cannot_read_the_flags(world, reference, login_as):
    """Are special-needs flags kept from the pupil and from the teacher of another class?"""
    assert login_as(world.pupil).get(_url(world.pupil)).status_code == 403
    assert login_as(world.teacher_b).get(_url(world.pupil)).status_code == 403


def test_kommune_sets_its_kaoa_choices(world, reference, login_as):
    """Can the Kommunale Koordinierung set Praxiselemente in Q1/Q2 and Girls'/Boys' Day as a
    BFE day — and not for another Kommune?"""
    client = login_as(world.users.kommune_coordinator)
    url = f"/api/v1/kommunen/{world.kommune.id}/kaoa-settings"
    assert client.get(url).get_json()["praxiselemente_window"] == "EF_Q1"
    body = {"praxiselemente_window": "Q1_Q2", "girls_boys_day_counts": True}
    assert client.put(url, json=body).get_json() == {"kommune_id": world.kommune.id, **body}
    plan = client.get("/api/v1/kaoa/plan?schulform=GY&jahrgang=Q1").get_json()
    assert "SBO 9.1" in [s["sbo_kuerzel"] for s in plan["steps"] if s["mandatory"]]
    other = f"/api/v1/kommunen/{world.other_kommune.id}/kaoa-settings"
    assert client.put(other, json=body).status_code == 403
