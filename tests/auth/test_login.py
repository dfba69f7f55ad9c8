"""Password login, logout and sessions."""

from datetime import timedelta

from app.auth.models import UserSession
from app.auth.passwords import hash_password
from app.core import clock
from tests.support import one_of, rows_of


def _login(api, username="lehrerin", password="richtig-geheim-123"):
    response = api.post("/api/v1/auth/login", json={"username": username, "password": password})
    if response.status_code == 200:
        api.environ_base["HTTP_X_CSRF_TOKEN"] = response.json["csrf_token"]
    return response


def _staff(db, world):
    user = world.users.teacher
    user.username = "lehrerin"
    user.password_hash = hash_password("richtig-geheim-123")
    db.session.commit()
    return user


def test_can_a_teacher_log_in_and_see_their_classes(api, db, world):
    """Does a correct password log the teacher in and show their class?"""
    _staff(db, world)
    response = api.post(
        "/api/v1/auth/login", json={"username": "lehrerin", "password": "richtig-geheim-123"}
    )
    assert response.status_code == 200
    assert response.json["role"] == "teacher"
    assert response.json["class_ids"] == [world.klasse.id]
    assert api.get("/api/v1/auth/me").json["id"] == world.users.teacher.id


def test_is_an_unknown_user_indistinguishable_from_a_wrong_password(api, db, world):
    """Can an attacker tell whether an account exists from the login answer?"""
    _staff(db, world)
    wrong = api.post(
        "/api/v1/auth/login", json={"username": "lehrerin", "password": "falsch-falsch"}
    )
    unknown = api.post(
        "/api/v1/auth/login", json={"username": "niemand", "password": "falsch-falsch"}
    )
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json == unknown.json
    assert wrong.mimetype == "application/problem+json"


def test_is_a_cookie_dead_after_logout(app, api, db, world):
    """Is a session cookie captured before logout refused afterwards?"""
    _staff(db, world)
    _login(api)
    cookie = api.get_cookie(app.config["SESSION_COOKIE_NAME"]).value
    assert api.post("/api/v1/auth/logout").status_code == 204
    replay = app.test_client()
    replay.set_cookie(app.config["SESSION_COOKIE_NAME"], cookie)
    assert replay.get("/api/v1/auth/me").status_code == 401


def test_does_login_issue_a_new_session_identifier(app, api, db, world):
    """Is the pre-login cookie useless after login (no session fixation)?"""
    _staff(db, world)
    before = api.get_cookie(app.config["SESSION_COOKIE_NAME"]).value
    _login(api)
    after = api.get_cookie(app.config["SESSION_COOKIE_NAME"]).value
    assert before != after
    stale = app.test_client()
    stale.set_cookie(app.config["SESSION_COOKIE_NAME"], before)
    assert stale.get("/api/v1/auth/me").status_code == 401


def test_do_idle_and_absolute_timeouts_end_a_staff_session(db, world, login_as):
    """Is a staff session dead after 30 idle minutes, and any session after 12 hours?"""
    client = login_as(world.users.stubo)
    assert client.get("/api/v1/auth/me").status_code == 200
    row = one_of(UserSession)
    row.last_seen_at = clock.now() - timedelta(minutes=31)
    db.session.commit()
    assert client.get("/api/v1/auth/me").status_code == 401

    client = login_as(world.users.stubo)
    row = rows_of(UserSession, UserSession.revoked_at.is_(None))[-1]
    row.created_at = clock.now() - timedelta(hours=12, minutes=1)
    db.session.commit()
    assert client.get("/api/v1/auth/me").status_code == 401


def test_does_deactivation_end_the_session(db, world, login_as):
    """Is a deactivated account logged out at its next request?"""
    client = login_as(world.users.teacher)
    world.users.teacher.active = False
    db.session.commit()
    assert client.get("/api/v1/auth/me").status_code == 401


def test_is_the_eleventh_login_attempt_in_a_minute_refused(api, db, world):
    """Are password guesses limited to ten a minute per account?"""
    _staff(db, world)
    codes = [
        api.post(
            "/api/v1/auth/login", json={"username": "lehrerin", "password": f"rate{i}"}
        ).status_code
        for i in range(11)
    ]
    assert codes[:10] == [401] * 10
    assert codes[10] == 429


def test_is_a_pupil_list_refused_to_a_teacher_of_another_class(world, login_as):
    """Can a teacher see the pupils of a class they do not teach?"""
    client = login_as(world.teacher_b)
    assert client.get(f"/api/v1/classes/{world.klasse.id}/pupils").status_code == 403
    own = login_as(world.users.teacher).get(f"/api/v1/classes/{world.klasse.id}/pupils")
    assert own.status_code == 200
    assert {p["last_name"] for p in own.json} == {"Becker", "Yılmaz"}


def test_does_a_second_login_in_the_same_browser_end_the_first_session(app, api, db, world):
    """If someone else logs in on this browser, is a copy of the first login's cookie dead?"""
    _staff(db, world)
    world.users.stubo.username = "stubo"
    world.users.stubo.password_hash = hash_password("noch-ein-passwort-1")
    db.session.commit()
    _login(api)
    first = api.get_cookie(app.config["SESSION_COOKIE_NAME"]).value
    assert _login(api, "stubo", "noch-ein-passwort-1").status_code == 200
    copy = app.test_client()
    copy.set_cookie(app.config["SESSION_COOKIE_NAME"], first)
    assert copy.get("/api/v1/auth/me").status_code == 401
    assert api.get("/api/v1/auth/me").json["role"] == "stubo"
    open_sessions = rows_of(UserSession, UserSession.revoked_at.is_(None))
    assert [row.user_id for row in open_sessions] == [world.users.stubo.id]
