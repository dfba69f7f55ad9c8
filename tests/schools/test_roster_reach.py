"""A roster import never widens the importer's reach (issue 9, H1).

The attack: the class teacher of 10a imports a row carrying the SchILD id of a 10b pupil;
the pupil moved into 10a (their data overwritten), the 10b teacher silently lost them, and the
preview's per-field "changes" confirmed guesses of their name and birth date.
"""

from __future__ import annotations

import io
from datetime import date

import pytest
from sqlalchemy import select

from app.auth.models import User
from app.core.audit import AuditEvent
from app.schools.models import ClassMembership
from tests import factories as f

HEADER = "Nachname;Vorname;Geburtsdatum;ID;Straße"


def _upload(client, klasse, *rows: str, mode: str = "preview", confirm: bool | None = None):
    text = "\r\n".join([HEADER, *rows]) + "\r\n"
    form = {"file": (io.BytesIO(text.encode()), "schueler.csv"), "mode": mode}
    if confirm is not None:
        form["confirm_moves"] = "true" if confirm else "false"
    return client.post(
        f"/api/v1/classes/{klasse.id}/roster-imports", data=form, content_type="multipart/form-data"
    )


def _row(pupil, birth: str = "17.05.2010", street: str = "Neue Straße 1", last=None) -> str:
    return f"{last or pupil.last_name};{pupil.first_name};{birth};{pupil.external_id};{street}"


def _class_of(db, pupil) -> list[int]:
    return list(
        db.session.scalars(
            select(ClassMembership.class_id).where(ClassMembership.pupil_id == pupil.id)
        )
    )


def _classless(db, world, first: str, last: str, external_id: str):
    """A pupil of the school in no class of this school year (born 1 March 2010)."""
    pupil = f.make_user(
        "pupil",
        school_id=world.school.id,
        first_name=first,
        last_name=last,
        birth_date=date(2010, 3, 1),
        external_id=external_id,
        street="Alte Straße 2",
    )
    db.session.commit()
    return pupil


@pytest.fixture
def teacher(login_as, world):
    return login_as(world.users.teacher)


def test_can_a_teacher_pull_a_pupil_of_another_class_into_theirs(db, world, teacher, login_as):
    """Is a 10b pupil's id in the 10a teacher's file rejected, the pupil left in 10b, their
    data untouched and the 10b teacher still in charge?"""
    victim = world.pupil_b
    preview = _upload(teacher, world.klasse, _row(victim)).json
    assert preview["updated"] == [] and preview["moves"] == []
    assert [(r["row"], r["field"]) for r in preview["rejected"]] == [(2, "ID")]
    reason = preview["rejected"][0]["reason_de"] + preview["rejected"][0]["reason_en"]
    assert "10b" not in reason and victim.last_name not in reason

    commit = _upload(teacher, world.klasse, _row(victim, last="Überschrieben"), mode="commit")
    assert commit.status_code == 422
    assert commit.json["type"].endswith("/roster-rows-rejected")
    assert _class_of(db, victim) == [world.klasse_b.id]
    assert db.session.get(User, victim.id).last_name == "Schulz"
    own = login_as(world.teacher_b).get(f"/api/v1/pupils/{victim.id}/anschluss")
    assert own.status_code == 200
    assert teacher.get(f"/api/v1/pupils/{victim.id}/anschluss").status_code == 403


def test_does_the_teachers_preview_confirm_guesses_about_other_pupils(world, teacher):
    """Are a right and a wrong guess of a 10b pupil's birth date answered identically?"""
    right = _upload(teacher, world.klasse, _row(world.pupil_b, birth="17.05.2010")).json
    wrong = _upload(teacher, world.klasse, _row(world.pupil_b, birth="18.05.2010")).json
    assert right == wrong


def test_may_a_teacher_claim_a_pupil_who_is_in_no_class_yet(db, world, teacher):
    """Does a pupil of the school without a class this year join 10a when the row names them
    as the school has them, with only "class" shown in the preview?"""
    newcomer = _classless(db, world, "Noah", "Klein", "N-1")
    row = _row(newcomer, birth="01.03.2010")
    preview = _upload(teacher, world.klasse, row).json
    assert preview["updated"] == [{"row": 2, "external_id": "N-1", "changes": ["class"]}]
    assert _upload(teacher, world.klasse, row, mode="commit").json["committed"] is True
    assert _class_of(db, newcomer) == [world.klasse.id]
    assert db.session.get(User, newcomer.id).street == "Neue Straße 1"


def test_may_a_teacher_claim_a_classless_pupil_with_a_guessed_id_only(db, world, teacher):
    """Is a pupil without a class refused when name or birth date do not match the school's?"""
    stranger = _classless(db, world, "Emma", "Roth", "N-2")
    answer = _upload(teacher, world.klasse, _row(stranger, birth="02.03.2010"), mode="commit")
    assert answer.status_code == 422
    assert [r["field"] for r in answer.json["report"]["rejected"]] == ["ID"]
    assert _class_of(db, stranger) == []


def test_does_a_stubo_move_a_pupil_only_with_confirmation(db, world, login_as):
    """Does the StuBO see the move with the old class, get 422 without confirmation, and
    move the pupil with it — audited with both classes?"""
    stubo = login_as(world.users.stubo)
    pupil = world.pupil_b
    preview = _upload(stubo, world.klasse, _row(pupil)).json
    assert [(m["external_id"], m["from_class"]) for m in preview["moves"]] == [
        (pupil.external_id, "10b")
    ]
    assert preview["updated"][0]["changes"] == ["street", "class"]

    for confirm in (None, False):
        refused = _upload(stubo, world.klasse, _row(pupil), mode="commit", confirm=confirm)
        assert refused.status_code == 422
        assert refused.json["type"].endswith("/roster-moves-unconfirmed")
        assert "confirm_moves" in refused.json["errors"]
        assert refused.json["report"]["moves"] and refused.json["report"]["committed"] is False
    assert _class_of(db, pupil) == [world.klasse_b.id]

    moved = _upload(stubo, world.klasse, _row(pupil), mode="commit", confirm=True)
    assert moved.status_code == 200 and moved.json["moves_confirmed"] is True
    assert _class_of(db, pupil) == [world.klasse.id]
    (event,) = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "move")).all()
    assert event.pupil_id == pupil.id and event.actor_id == world.users.stubo.id
    assert f"class {world.klasse_b.id} (10b)" in event.reason
    assert f"class {world.klasse.id} (10a)" in event.reason
    assert login_as(world.teacher_b).get(f"/api/v1/pupils/{pupil.id}/anschluss").status_code == 403


def test_are_roster_imports_rate_limited_per_account(world, login_as, app, monkeypatch):
    """Is the fourth import within the budget answered 429 (problem+json, Retry-After), while
    another account keeps its own budget?"""
    monkeypatch.setitem(app.config, "ROSTER_IMPORT_RATE_LIMIT", "3 per minute")
    teacher = login_as(world.users.teacher)
    for _ in range(3):
        assert _upload(teacher, world.klasse, _row(world.pupil)).status_code == 200
    refused = _upload(teacher, world.klasse, _row(world.pupil))
    assert refused.status_code == 429
    assert refused.mimetype == "application/problem+json" and "Retry-After" in refused.headers
    stubo = login_as(world.users.stubo)
    assert _upload(stubo, world.klasse, _row(world.pupil)).status_code == 200
