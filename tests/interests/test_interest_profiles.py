"""The pupil's interest profiles over the API: scoring, matching, retakes, bad input."""

from __future__ import annotations

import threading

from sqlalchemy import func, select

from app.interests.models import InterestProfile
from tests.interests.interest_answers import answers_for, submission

URL = "/api/v1/me/interest-profiles"


def _count(db, pupil=None) -> int:
    query = select(func.count(InterestProfile.id))
    if pupil is not None:
        query = query.where(InterestProfile.pupil_id == pupil.id)
    return db.session.scalar(query)


def test_can_anyone_read_the_current_questionnaire(api, db):
    """Does the questionnaire come with 60 items in German and English, scale and licence?"""
    response = api.get("/api/v1/questionnaires/current")
    assert response.status_code == 200
    body = response.json
    assert body["version"] == "anschluss-riasec-1"
    assert len(body["items"]) == 60
    assert body["items"][0]["de"] and body["items"][0]["en"]
    assert body["scale"]["labels"]["1"]["de"] == "Mag ich gar nicht"
    assert body["licence"] == "CC BY 4.0"
    assert "O*NET" in body["occupation_attribution"]["de"]


def test_does_a_pupil_get_scores_code_fields_and_occupations(db, world, reference, login_as):
    """Does a completed questionnaire return a code, 16 fields, 'Entdecke auch' and 10 jobs?"""
    client = login_as(world.pupil)
    response = client.post(URL, json=submission({"S": 5, "A": 4, "E": 3}))
    assert response.status_code == 201, response.json
    profile = response.json
    assert profile["code"] == "SAE"
    assert profile["scores"] == {"R": 25, "I": 25, "A": 75, "S": 100, "E": 50, "C": 25}
    assert profile["berufsfelder"][0]["kuerzel"] == "SP"
    assert len(profile["berufsfelder"]) == 16
    top = {f["kuerzel"] for f in profile["berufsfelder"][:3]}
    assert 2 <= len(profile["explore"]) <= 3
    assert not top & {f["kuerzel"] for f in profile["explore"]}
    assert {f["via_type"] for f in profile["explore"]} <= {"A", "E"}
    assert len(profile["occupations"]) == 10
    assert all(o["shared_types"] for o in profile["occupations"][:3])
    assert profile["comparison"] is None and profile["shared"] is False
    assert _count(db, world.pupil) == 1


def test_does_a_retry_with_the_same_key_return_the_same_profile(db, world, reference, login_as):
    """Does the offline outbox sending twice create exactly one profile?"""
    client = login_as(world.pupil)
    headers = {"Idempotency-Key": "8f14e45f-ceea-467f-a0e6-1b5c5a1f2d3e"}
    first = client.post(URL, json=submission(), headers=headers)
    again = client.post(URL, json=submission(), headers=headers)
    assert first.status_code == 201 and again.status_code == 200
    assert first.json["id"] == again.json["id"]
    assert _count(db, world.pupil) == 1


def test_is_a_key_reused_for_other_answers_refused(db, world, reference, login_as):
    """Is the same key with different answers a conflict that stores nothing new?"""
    client = login_as(world.pupil)
    headers = {"Idempotency-Key": "run-1"}
    assert client.post(URL, json=submission(), headers=headers).status_code == 201
    other = client.post(URL, json=submission({"R": 5}), headers=headers)
    assert other.status_code == 409
    assert "Idempotency-Key" in other.json["errors"]
    assert _count(db, world.pupil) == 1


def test_may_two_pupils_use_the_same_key(db, world, reference, login_as):
    """Is a key unique per pupil only, so one pupil's key never returns another's profile?"""
    headers = {"Idempotency-Key": "same-key"}
    mine = login_as(world.pupil).post(URL, json=submission(), headers=headers)
    theirs = login_as(world.classmate).post(URL, json=submission(), headers=headers)
    assert mine.status_code == theirs.status_code == 201
    assert mine.json["id"] != theirs.json["id"]


def test_do_concurrent_retries_create_one_profile(app, db, world, reference, login_as):
    """Do two simultaneous uploads with one key (flaky bus Wi-Fi) leave exactly one profile?"""
    clients = [login_as(world.pupil) for _ in range(4)]
    statuses, ids = [], []
    barrier = threading.Barrier(len(clients))

    def upload(client):
        barrier.wait()
        response = client.post(URL, json=submission(), headers={"Idempotency-Key": "bus-1"})
        statuses.append(response.status_code)
        ids.append(response.json.get("id"))

    threads = [threading.Thread(target=upload, args=(c,)) for c in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    db.session.expire_all()
    assert sorted(statuses) == [200, 200, 200, 201]
    assert len(set(ids)) == 1
    assert _count(db, world.pupil) == 1


def test_is_bad_input_refused_naming_the_field(db, world, reference, login_as):
    """Are out-of-range answers, unknown or missing items and a wrong version 422s?"""
    client = login_as(world.pupil)
    out_of_range = submission()
    out_of_range["answers"]["R01"] = 6
    response = client.post(URL, json=out_of_range)
    assert response.status_code == 422
    assert any(key.startswith("answers") for key in response.json["errors"])
    missing = submission()
    del missing["answers"]["C10"]
    response = client.post(URL, json=missing)
    assert response.status_code == 422 and "C10" in " ".join(response.json["errors"]["answers"])
    unknown = submission()
    unknown["answers"]["X99"] = 3
    assert client.post(URL, json=unknown).status_code == 422
    wrong = client.post(URL, json=submission(questionnaire_version="anschluss-riasec-0"))
    assert wrong.status_code == 422 and "questionnaire_version" in wrong.json["errors"]
    not_a_number = submission()
    not_a_number["answers"]["R01"] = "5"
    assert client.post(URL, json=not_a_number).status_code == 422
    bad_key = client.post(URL, json=submission(), headers={"Idempotency-Key": "x" * 65})
    assert bad_key.status_code == 422
    assert _count(db) == 0


def test_is_a_retake_kept_and_compared_with_the_previous_one(db, world, reference, login_as):
    """After a retake, does the history list both, newest first, with the score changes?"""
    client = login_as(world.pupil)
    first = client.post(URL, json=submission({"R": 5, "I": 4, "C": 3})).json
    second = client.post(URL, json=submission({"S": 5, "A": 4, "E": 3}))
    assert second.json["comparison"]["previous_code"] == first["code"]
    history = client.get(URL).json
    assert [p["id"] for p in history] == [second.json["id"], first["id"]]
    assert history[0]["comparison"]["score_changes"]["R"] == 25 - 100
    assert history[1]["comparison"] is None


def test_is_matching_blind_to_personal_attributes(db, world, reference, login_as):
    """Do two pupils of different sex and age with equal answers get identical results?"""
    world.pupil.sex, world.classmate.sex = "w", "m"
    world.classmate.birth_date = world.pupil.birth_date.replace(year=2008)
    db.session.commit()
    body = submission({"R": 4, "I": 5, "C": 3})
    mine = login_as(world.pupil).post(URL, json=body).json
    theirs = login_as(world.classmate).post(URL, json=body).json
    for key in ("scores", "code", "berufsfelder", "explore", "occupations"):
        assert mine[key] == theirs[key]


def test_does_a_pupil_only_see_their_own_profiles(db, world, reference, login_as):
    """Does the list contain none of a classmate's profiles?"""
    login_as(world.classmate).post(URL, json=submission())
    assert login_as(world.pupil).get(URL).json == []


def test_can_staff_not_take_or_read_the_pupil_questionnaire(db, world, reference, login_as):
    """Are the 'me' routes closed to a teacher (the profile is the pupil's)?"""
    teacher = login_as(world.users.teacher)
    assert teacher.post(URL, json=submission()).status_code == 403
    assert teacher.get(URL).status_code == 403
    assert answers_for({})  # helper sanity: every item answered
