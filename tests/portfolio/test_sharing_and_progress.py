"""Sharing with the class teacher, the class progress matrix and their audit trail."""

from __future__ import annotations

from sqlalchemy import event, select

from app.core.audit import AuditEvent
from app.extensions import db as _db
from tests import factories as f
from tests.portfolio.portfolio_answers import submission

PORTFOLIO = "/api/v1/me/portfolio"
SHARES = "/api/v1/me/shares"


def _reflect(client, kind="internship", text="Ich mag Werkstätten."):
    body = client.get(PORTFOLIO).json
    step = next(s for s in body["steps"] + body["earlier_steps"] if s["kind"] == kind)
    body = {
        "status": "done",
        "date": "2026-01-20",
        "provider": "Bäckerei Yıldız",
        "berufsfeld": None,
        "reflection": text,
    }
    return client.put(f"{PORTFOLIO}/steps/{step['id']}", json=body).json


def _audit(action_resource: str, actor) -> list[AuditEvent]:
    return list(
        _db.session.scalars(
            select(AuditEvent).where(
                AuditEvent.resource == action_resource, AuditEvent.actor_id == actor.id
            )
        )
    )


def test_does_the_teacher_see_only_what_the_pupil_shared(db, world, reference, login_as):
    """Is an unshared reflection invisible, a shared one readable, a withdrawn one gone?"""
    pupil = login_as(world.pupil)
    shared_step = _reflect(pupil, "internship", "Teilen: Werkstatt war super.")
    _reflect(pupil, "practice_course", "Privat: war langweilig.")
    teacher = login_as(world.users.teacher)
    url = f"/api/v1/pupils/{world.pupil.id}/shared-items"
    assert teacher.get(url).json["steps"] == []

    response = pupil.post(SHARES, json={"item_type": "step", "item_id": shared_step["id"]})
    assert response.status_code == 201
    visible = teacher.get(url).json
    assert [s["reflection"] for s in visible["steps"]] == ["Teilen: Werkstatt war super."]
    assert "langweilig" not in str(visible)

    withdraw = pupil.delete(f"{SHARES}?item_type=step&item_id={shared_step['id']}")
    assert withdraw.status_code == 204
    assert teacher.get(url).json["steps"] == []
    assert len(_audit("shared_items", world.users.teacher)) == 3


def test_can_a_pupil_share_an_interest_profile_but_not_the_answers(db, world, reference, login_as):
    """Does the teacher get code and fields of a shared profile, never the single answers?"""
    pupil = login_as(world.pupil)
    profile = pupil.post("/api/v1/me/interest-profiles", json=submission()).json
    assert (
        pupil.post(
            SHARES, json={"item_type": "interest_profile", "item_id": profile["id"]}
        ).status_code
        == 201
    )
    again = pupil.post(SHARES, json={"item_type": "interest_profile", "item_id": profile["id"]})
    assert again.status_code == 200
    assert pupil.get("/api/v1/me/interest-profiles").json[0]["shared"] is True
    seen = login_as(world.users.teacher).get(f"/api/v1/pupils/{world.pupil.id}/shared-items")
    shared = seen.json["interest_profiles"]
    assert [p["code"] for p in shared] == [profile["code"]]
    assert "answers" not in shared[0] and "occupations" not in shared[0]


def test_can_a_pupil_not_share_someone_elses_item(db, world, reference, login_as):
    """Is sharing a classmate's step refused with 422 naming item_id?"""
    theirs = login_as(world.classmate).get(PORTFOLIO).json["steps"][0]
    response = login_as(world.pupil).post(
        SHARES, json={"item_type": "step", "item_id": theirs["id"]}
    )
    assert response.status_code == 422 and "item_id" in response.json["errors"]


def test_is_a_double_withdrawal_harmless(db, world, reference, login_as):
    """Does withdrawing an item that is not shared (an outbox retry) answer 204?"""
    pupil = login_as(world.pupil)
    step = pupil.get(PORTFOLIO).json["steps"][0]
    assert pupil.delete(f"{SHARES}?item_type=step&item_id={step['id']}").status_code == 204


def test_does_another_teacher_not_see_shared_items(db, world, reference, login_as):
    """Is a pupil's share only for the own class teacher?"""
    pupil = login_as(world.pupil)
    step = _reflect(pupil)
    pupil.post(SHARES, json={"item_type": "step", "item_id": step["id"]})
    other = login_as(world.teacher_b).get(f"/api/v1/pupils/{world.pupil.id}/shared-items")
    assert other.status_code == 403
    stubo = login_as(world.users.stubo).get(f"/api/v1/pupils/{world.pupil.id}/shared-items")
    assert stubo.status_code == 403


def test_does_the_class_teacher_see_the_progress_matrix_with_counts(db, world, reference, login_as):
    """Does the grade-10 matrix show each pupil's statuses and counts per step — with the
    Praktikum of grade 9 as a mandatory step still due — but no texts?"""
    _reflect(login_as(world.pupil), "internship", "geheim")
    response = login_as(world.users.teacher).get(f"/api/v1/classes/{world.klasse.id}/progress")
    assert response.status_code == 200
    body = response.json
    keys = [s["key"] for s in body["steps"]]
    i = keys.index("9:SBO 6.1#1")
    assert body["steps"][i]["mandatory"] and body["steps"][i]["jahrgang"] == "9"
    assert not body["steps"][keys.index("SBO 6.4#1")]["mandatory"]
    rows = {row["id"]: row for row in body["pupils"]}
    assert rows[world.pupil.id]["statuses"][i] == "done"
    assert "SBO 6.1" not in rows[world.pupil.id]["missing"]
    assert "SBO 6.1" in rows[world.classmate.id]["missing"]
    mine, theirs = rows[world.pupil.id], rows[world.classmate.id]
    assert mine["mandatory_met"] == theirs["mandatory_met"] + 1 == mine["mandatory_due"] - 8
    assert rows[world.classmate.id]["statuses"] == ["open"] * len(keys)
    assert body["totals"][i] == {
        "key": "9:SBO 6.1#1",
        "done": 1,
        "planned": 0,
        "open": 1,
        "not_taken": 0,
    }
    assert "geheim" not in str(body)
    audited = _audit("class_progress", world.users.teacher)
    assert {e.pupil_id for e in audited} == {world.pupil.id, world.classmate.id}
    assert {e.purpose for e in audited} == {"career_guidance"}


def test_may_the_stubo_see_the_matrix_but_not_another_teacher(db, world, reference, login_as):
    """Does the school's StuBO get the matrix, and the teacher of 10b not the one of 10a?"""
    url = f"/api/v1/classes/{world.klasse.id}/progress"
    assert login_as(world.users.stubo).get(url).status_code == 200
    assert login_as(world.teacher_b).get(url).status_code == 403
    assert login_as(world.pupil).get(url).status_code == 403


def _statements(app, client, url) -> int:
    count = 0

    def counter(*_args):
        nonlocal count
        count += 1

    with app.app_context():
        engine = _db.engine
    event.listen(engine, "before_cursor_execute", counter)
    try:
        assert client.get(url).status_code == 200
    finally:
        event.remove(engine, "before_cursor_execute", counter)
    return count


def test_does_the_matrix_cost_the_same_queries_for_3_or_30_pupils(
    app, db, world, reference, login_as
):
    """Is the number of SQL statements independent of the class size?"""
    teacher = login_as(world.users.teacher)
    url = f"/api/v1/classes/{world.klasse.id}/progress"
    small = _statements(app, teacher, url)
    for _ in range(28):
        pupil = f.make_pupil(world.klasse)
        db.session.add(pupil)
    db.session.commit()
    assert _statements(app, teacher, url) == small
