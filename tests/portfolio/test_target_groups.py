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


def _roster(client, klasse, text: str):
    import io

    form = {"file": (io.BytesIO(text.encode("utf-8")), "schueler.csv"), "mode": "commit"}
    return client.post(
        f"/api/v1/classes/{klasse.id}/roster-imports", data=form, content_type="multipart/form-data"
    )


def test_roster_import_sets_target_groups_but_not_over_staff(world, reference, login_as, db):
    """Does SchILD's Förderschwerpunkt (key or name) and date of arrival set STAR, Lernen/ESE
    and KAoA-kompakt — while a flag staff changed stays — and is an unknown key rejected?"""
    from app.auth.models import User
    from app.core import clock
    from app.schools.models import PupilTargetGroup
    from tests import factories as f

    nine = f.make_class(world.school, "9c", "9")
    kept = f.make_pupil(nine, first_name="Tom", last_name="Berg")
    db.session.commit()
    stubo = login_as(world.users.stubo)
    stubo.put(_url(kept), json={"target_groups": []})
    arrived = (clock.today().replace(day=1)).strftime("%d.%m.%Y")
    text = (
        "Nachname;Vorname;Klasse;Geburtsdatum;Interne ID-Nummer;Förderschwerpunkt;Zuzugsdatum\r\n"
        f"Berg;Tom;9c;17.05.2010;{kept.external_id};GG;\r\n"
        "Kaya;Ela;9c;01.02.2011;NEU1;Lernen;\r\n"
        f"Nowak;Ada;9c;03.03.2011;NEU2;;{arrived}\r\n"
        "Yilmaz;Can;9c;04.04.2011;NEU3;Sehen;\r\n"
    )
    response = _roster(stubo, nine, text)
    assert response.status_code == 200 and response.json["committed"] is True, response.json
    db.session.expire_all()
    rows = {r.pupil_id: r for r in db.session.scalars(select(PupilTargetGroup))}
    users = {u.last_name: u.id for u in db.session.scalars(select(User))}
    assert rows[users["Berg"]].groups == [] and rows[users["Berg"]].source == "staff"
    assert rows[users["Kaya"]].groups == ["sen_learning"]
    assert rows[users["Nowak"]].groups == ["kaoa_kompakt"]
    assert rows[users["Yilmaz"]].groups == ["star"]
    assert rows[users["Yilmaz"]].foerderschwerpunkt == "SE"
    bad = "Nachname;Vorname;Klasse;Geburtsdatum;Interne ID-Nummer;Förderschwerpunkt\r\n"
    bad += "Kaya;Ela;9c;01.02.2011;NEU1;XY\r\n"
    refused = _roster(stubo, nine, bad)
    assert refused.status_code == 422
