"""Identification rounds: no overlaps, snapshots frozen at the cut-off, the Kommune's progress."""

from __future__ import annotations

from datetime import date, timedelta

from app.anschluss.models import Anschluss
from app.core import clock
from app.verantwortungskette.models import IdentificationRound
from tests import factories as f
from tests.factories import current_school_year
from tests.support import rows_of


def _round(world, name: str, starts_on: date, ends_on: date) -> IdentificationRound:
    from app.extensions import db

    identification_round = IdentificationRound(
        kommune_id=world.kommune.id,
        school_year_id=current_school_year().id,
        name=name,
        starts_on=starts_on,
        ends_on=ends_on,
    )
    db.session.add(identification_round)
    db.session.commit()
    return identification_round


def _ended_round(world) -> IdentificationRound:
    """A round that ended yesterday (the test day is 11 November)."""
    today = clock.today()
    return _round(world, "Runde I", today - timedelta(days=10), today - timedelta(days=1))


def test_is_an_overlapping_round_refused(world, login_as, db):
    """Is a round overlapping another of the Kommune refused, naming the other's dates?"""
    kommune = login_as(world.users.kommune_coordinator)
    spring = current_school_year().ends_on.year
    first = kommune.post(
        "/api/v1/identification-rounds",
        json={"name": "Runde I", "starts_on": f"{spring}-03-01", "ends_on": f"{spring}-04-30"},
    )
    assert first.status_code == 201
    overlapping = kommune.post(
        "/api/v1/identification-rounds",
        json={"name": "Runde II", "starts_on": f"{spring}-04-30", "ends_on": f"{spring}-05-31"},
    )
    assert overlapping.status_code == 422
    body = overlapping.get_json()
    assert body["type"].endswith("/round-overlaps") and "starts_on" in body["errors"]
    assert "Runde I" in body["detail"] and "01.03." in body["detail"] and "30.04." in body["detail"]
    second = kommune.post(
        "/api/v1/identification-rounds",
        json={"name": "Runde II", "starts_on": f"{spring}-05-01", "ends_on": f"{spring}-05-31"},
    )
    assert second.status_code == 201
    stretched = kommune.patch(
        f"/api/v1/identification-rounds/{second.get_json()['id']}",
        json={"starts_on": f"{spring}-04-15"},
    )
    assert stretched.status_code == 422
    assert len(rows_of(IdentificationRound)) == 2
    other = f.make_user("kommune_coordinator", kommune_id=world.other_kommune.id)
    db.session.commit()
    elsewhere = login_as(other).post(
        "/api/v1/identification-rounds",
        json={"name": "Runde I", "starts_on": f"{spring}-03-01", "ends_on": f"{spring}-04-30"},
    )
    assert elsewhere.status_code == 201  # another Kommune's rounds do not count


def test_does_the_snapshot_stay_unchanged_after_a_later_status_change(
    world, login_as, db, reference
):
    """After the cut-off, does a secured Anschluss change the list only as a change since?"""
    identification_round = _ended_round(world)
    url = f"/api/v1/identification-rounds/{identification_round.id}/snapshot"
    stubo = login_as(world.users.stubo)
    first = stubo.get(url).get_json()
    assert first["frozen"] is True and first["frozen_at"]
    frozen_ids = {item["pupil_id"] for item in first["school"]["items"]}
    assert world.pupil.id in frozen_ids and first["school"]["changes"] == []

    db.session.add(
        Anschluss(
            pupil_id=world.pupil.id,
            school_year_id=current_school_year().id,
            status="zugesagt",
            option_code="DUAL",
        )
    )
    db.session.commit()
    later = stubo.get(url).get_json()
    assert later["frozen_at"] == first["frozen_at"]
    assert later["school"]["items"] == first["school"]["items"]
    assert later["school"]["listed"] == first["school"]["listed"] == len(frozen_ids)
    [change] = later["school"]["changes"]
    assert change["pupil_id"] == world.pupil.id and change["change"] == "removed"
    assert change["status_then"] == "offen"
    listed_now = {
        item["pupil_id"]
        for item in stubo.get(f"/api/v1/schools/{world.school.id}/identification").get_json()[
            "items"
        ]
    }
    assert world.pupil.id not in listed_now


def test_does_the_kommune_see_frozen_masked_counts_without_names(world, login_as, db, reference):
    """Does the Kommune get counts per school, small and recomputable ones masked, no names?"""
    year = current_school_year()
    for n in range(5):
        f.make_pupil(world.klasse, first_name=f"Kind{n}")
        secured = f.make_pupil(world.klasse, first_name=f"Fest{n}")
        db.session.add(Anschluss(pupil_id=secured.id, school_year_id=year.id, status="zugesagt"))
    db.session.commit()
    identification_round = _ended_round(world)
    kommune = login_as(world.users.kommune_coordinator)
    body = kommune.get(f"/api/v1/identification-rounds/{identification_round.id}/snapshot")
    assert body.status_code == 200, body.get_json()
    snapshot = body.get_json()
    assert snapshot["school"] is None
    own = next(s for s in snapshot["schools"] if s["school_id"] == world.school.id)
    # 3 + 5 listed, 5 secured: every cell 5 or more, so all shown
    assert (own["leavers"], own["listed"], own["listed_now"]) == ("13", "8", "8")
    same = next(s for s in snapshot["schools"] if s["school_id"] == world.same_kommune_school.id)
    assert same["listed"] == "masked" and same["leavers"] == "masked"
    assert "Kind0" not in body.get_data(as_text=True)

    # Two of the listed secure a place after the cut-off: today's 6 beside the frozen 8 would
    # reveal a change of 2, so today's count is masked; the frozen counts stay as they were.
    for pupil_id in sorted(
        i["pupil_id"] for i in _school_items(login_as, world, identification_round)
    )[:2]:
        db.session.add(Anschluss(pupil_id=pupil_id, school_year_id=year.id, status="zugesagt"))
    db.session.commit()
    later = kommune.get(f"/api/v1/identification-rounds/{identification_round.id}/snapshot")
    own = next(s for s in later.get_json()["schools"] if s["school_id"] == world.school.id)
    assert (own["leavers"], own["listed"], own["listed_now"]) == ("13", "8", "masked")


def test_is_a_small_change_between_rounds_masked_in_every_view(world, login_as, db, reference):
    """Round I froze 8 listed, round II 6: is the older count masked in the progress and in
    the snapshot alike, so the 2 between them cannot be read off?"""
    year = current_school_year()
    extra = [f.make_pupil(world.klasse, first_name=f"Kind{n}") for n in range(5)]
    for n in range(5):
        secured = f.make_pupil(world.klasse, first_name=f"Fest{n}")
        db.session.add(Anschluss(pupil_id=secured.id, school_year_id=year.id, status="zugesagt"))
    db.session.commit()
    today = clock.today()
    first = _round(world, "Runde I", today - timedelta(days=20), today - timedelta(days=15))
    kommune = login_as(world.users.kommune_coordinator)
    kommune.get(f"/api/v1/kommunen/{world.kommune.id}/rounds/progress")  # freezes round I: 8
    for pupil in extra[:2]:
        db.session.add(Anschluss(pupil_id=pupil.id, school_year_id=year.id, status="zugesagt"))
    db.session.commit()
    second = _round(world, "Runde II", today - timedelta(days=10), today - timedelta(days=1))
    progress = kommune.get(f"/api/v1/kommunen/{world.kommune.id}/rounds/progress").get_json()
    listed = {
        r["round"]["name"]: next(
            s["listed"] for s in r["schools"] if s["school_id"] == world.school.id
        )
        for r in progress["rounds"]
    }
    assert listed == {"Runde II": "6", "Runde I": "masked"}
    for identification_round, expected in ((first, "masked"), (second, "6")):
        snapshot = kommune.get(f"/api/v1/identification-rounds/{identification_round.id}/snapshot")
        own = next(s for s in snapshot.get_json()["schools"] if s["school_id"] == world.school.id)
        assert own["listed"] == expected


def _school_items(login_as, world, identification_round) -> list[dict]:
    url = f"/api/v1/identification-rounds/{identification_round.id}/snapshot"
    return login_as(world.users.stubo).get(url).get_json()["school"]["items"]


def test_is_a_running_round_not_frozen(world, login_as, db):
    """Before the cut-off, is nothing frozen and no list shown as the round's?"""
    today = clock.today()
    identification_round = _round(world, "Runde I", today - timedelta(days=3), today)
    snapshot = (
        login_as(world.users.stubo)
        .get(f"/api/v1/identification-rounds/{identification_round.id}/snapshot")
        .get_json()
    )
    assert snapshot["frozen"] is False and snapshot["school"]["items"] == []
    assert snapshot["school"]["listed"] is None


def test_does_the_kommune_see_which_schools_completed_each_round(world, login_as, db):
    """Does the progress show the school that reported completion, when, and the others not?"""
    today = clock.today()
    running = _round(world, "Runde II", today - timedelta(days=3), today + timedelta(days=10))
    ended = _round(world, "Runde I", today - timedelta(days=30), today - timedelta(days=5))
    upcoming = _round(world, "Runde III", today + timedelta(days=20), today + timedelta(days=30))
    stubo = login_as(world.users.stubo)
    done = stubo.post(f"/api/v1/identification-rounds/{running.id}/completion")
    assert done.status_code == 200 and done.get_json()["school_id"] == world.school.id
    early = stubo.post(f"/api/v1/identification-rounds/{upcoming.id}/completion")
    assert early.status_code == 422 and early.get_json()["type"].endswith("/round-not-started")

    progress = (
        login_as(world.users.kommune_coordinator)
        .get(f"/api/v1/kommunen/{world.kommune.id}/rounds/progress")
        .get_json()
    )
    by_name = {r["round"]["name"]: r for r in progress["rounds"]}
    assert [r["round"]["name"] for r in progress["rounds"]] == ["Runde III", "Runde II", "Runde I"]
    assert by_name["Runde II"]["completed"] == 1 and by_name["Runde II"]["frozen"] is False
    school = next(s for s in by_name["Runde II"]["schools"] if s["school_id"] == world.school.id)
    assert school["completed_at"] and school["leavers"] is None
    assert by_name["Runde I"]["frozen"] is True and by_name["Runde I"]["completed"] == 0
    frozen = next(s for s in by_name["Runde I"]["schools"] if s["school_id"] == world.school.id)
    assert frozen["leavers"] == "masked" and frozen["completed_at"] is None
    assert ended.id != running.id


def test_does_the_nightly_job_freeze_rounds_past_their_cut_off(world, app, db):
    """Does `flask anschluss freeze-rounds` freeze ended rounds once, and leave running ones?"""
    ended = _ended_round(world)
    today = clock.today()
    running = _round(world, "Runde II", today, today + timedelta(days=5))
    runner = app.test_cli_runner()
    result = runner.invoke(args=["anschluss", "freeze-rounds"])
    assert "frozen: 1" in result.output
    assert runner.invoke(args=["anschluss", "freeze-rounds"]).output.strip().endswith("0")
    db.session.expire_all()
    assert db.session.get(IdentificationRound, ended.id).frozen_at is not None
    assert db.session.get(IdentificationRound, running.id).frozen_at is None
