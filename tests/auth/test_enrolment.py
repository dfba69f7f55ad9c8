"""A pupil uses an enrolment code once: logs in, picks a display name, then adds a passkey."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from sqlalchemy import update

from app.auth.models import EnrolmentCode, UserSession, WebAuthnCredential
from app.core import clock
from tests.auth.passkey_support import (
    BASE,
    authenticator,
    login,
    register,
    registration_options,
    security_events,
    watch_security_log,
)
from tests.support import count_of, one_of, with_csrf

ENROL = "/api/v1/auth/enrol"


@pytest.fixture
def issue(world, login_as):
    """issue(pupil) → a fresh code for that pupil of world.klasse, issued by the class teacher."""
    teacher = login_as(world.users.teacher)

    def _issue(pupil=None):
        pupil = pupil or world.pupil
        response = teacher.post(
            f"/api/v1/classes/{world.klasse.id}/enrolment-codes", json={"pupil_ids": [pupil.id]}
        )
        assert response.status_code == 201, response.json
        return response.json[0]["code"]

    return _issue


def _enrol(client, code, display_name="Mia B.", **extra):
    response = client.post(ENROL, json={"code": code, "display_name": display_name, **extra})
    if response.status_code == 200:
        client.environ_base["HTTP_X_CSRF_TOKEN"] = response.json["csrf_token"]
    return response


def test_does_a_code_log_the_pupil_in_and_set_the_display_name(api, db, world, issue):
    """Does a valid code log the pupil in like a login, with the chosen display name?"""
    response = _enrol(api, issue(), display_name="  Mia B. ")
    assert response.status_code == 200, response.json
    assert response.json["id"] == world.pupil.id
    assert response.json["display_name"] == "Mia B."
    assert response.json["csrf_token"]
    assert api.get("/api/v1/auth/me").json["id"] == world.pupil.id
    session = one_of(UserSession, user_id=world.pupil.id)
    assert session.method == "enrolment"
    assert one_of(EnrolmentCode).used_at is not None


def test_can_a_pupil_enrol_and_then_register_a_passkey(app, api, db, world, issue):
    """Can a freshly enrolled pupil add a passkey at once and log in with it later?"""
    _enrol(api, issue())
    auth = authenticator(app)
    assert register(api, auth).status_code == 201
    api.post("/api/v1/auth/logout")
    assert login(with_csrf(app.test_client()), auth).json["id"] == world.pupil.id


def test_may_an_enrolment_session_add_a_first_passkey_within_the_window(app, api, db, issue):
    """Can a pupil who enrolled nine minutes ago still add the first passkey?"""
    _enrol(api, issue())
    db.session.execute(update(UserSession).values(created_at=clock.now() - timedelta(minutes=9)))
    db.session.commit()
    assert register(api, authenticator(app)).status_code == 201


def test_is_an_enrolment_session_too_old_for_a_passkey(app, api, db, issue):
    """Issue 9 H2: can a code holder come back later and register a passkey?"""
    window = app.config["ENROLMENT_PASSKEY_WINDOW"]
    _enrol(api, issue())
    db.session.execute(update(UserSession).values(created_at=clock.now() - window))
    db.session.commit()
    response = registration_options(api)
    assert response.status_code == 403
    assert response.json["type"].endswith("/problems/fresh-login-required")
    assert count_of(WebAuthnCredential) == 0


def test_does_an_enrolment_session_register_exactly_one_passkey(app, api, db, world, issue):
    """Issue 9 H2: can the holder of a code register a second passkey that keeps working?"""
    _enrol(api, issue())
    first, second = (authenticator(app).create(registration_options(api).json) for _ in "12")
    verify = f"{BASE}/registration/verify"
    assert api.post(verify, json={"credential": first}).status_code == 201
    response = api.post(verify, json={"credential": second})
    assert response.status_code == 403
    assert registration_options(api).status_code == 403
    assert count_of(WebAuthnCredential, user_id=world.pupil.id) == 1
    assert one_of(UserSession, user_id=world.pupil.id).method == "enrolled"


def test_is_an_enrolment_session_no_fresh_login_afterwards(app, api, db, world, issue):
    """After the first passkey, can the enrolment session still change passkeys?"""
    _enrol(api, issue())
    register(api, authenticator(app))
    passkey_id = api.get("/api/v1/auth/passkeys").json[0]["id"]
    response = api.delete(f"/api/v1/auth/passkeys/{passkey_id}")
    assert response.status_code == 403
    assert response.json["type"].endswith("/problems/fresh-login-required")


def test_can_a_pupil_choose_a_password_instead(app, api, db, world, issue):
    """Does a pupil without passkey support get a password and a username to log in with?"""
    response = _enrol(api, issue(), password="ein-sicheres-passwort")
    username = response.json["username"]
    assert username == "mia.becker"
    assert response.json["has_password"] is True
    fresh = with_csrf(app.test_client())
    login_response = fresh.post(
        "/api/v1/auth/login", json={"username": username, "password": "ein-sicheres-passwort"}
    )
    assert login_response.status_code == 200
    assert login_response.json["id"] == world.pupil.id


def test_is_a_taken_username_avoided(api, db, world, issue):
    """Does a second Mia Becker get a different username?"""
    from tests import factories

    factories.make_user("teacher", username="mia.becker")
    db.session.commit()
    assert _enrol(api, issue(), password="ein-sicheres-passwort").json["username"] == "mia.becker2"


def test_is_a_short_password_refused_without_spending_the_code(api, db, issue):
    """Is a password under ten characters refused, and the code still usable?"""
    code = issue()
    response = _enrol(api, code, password="kurz")
    assert response.status_code == 422
    assert "password" in response.json["errors"]
    assert _enrol(api, code).status_code == 200


def test_is_a_blank_display_name_refused(api, issue):
    """Is an empty or blank display name refused with the field named?"""
    response = _enrol(api, issue(), display_name="   ")
    assert response.status_code == 422
    assert "display_name" in response.json["errors"]


def test_does_the_code_accept_lowercase_and_missing_hyphen(api, issue):
    """Can the pupil type the code in lowercase without the hyphen?"""
    code = issue().replace("-", "").lower()
    assert _enrol(api, f" {code[:4]} {code[4:]} ").status_code == 200


def test_are_unknown_used_expired_and_revoked_codes_indistinguishable(
    app, db, world, issue, caplog
):
    """Do all bad codes get the same answer (no hint which codes exist)?"""
    watch_security_log(caplog)
    revoked = issue(world.classmate)
    used = issue(world.classmate)  # ends the earlier code
    assert _enrol(with_csrf(app.test_client()), used).status_code == 200
    expired = issue(world.pupil)
    db.session.execute(
        update(EnrolmentCode)
        .where(EnrolmentCode.pupil_id == world.pupil.id)
        .values(expires_at=clock.now() - timedelta(seconds=1))
    )
    db.session.commit()
    answers = [
        _enrol(with_csrf(app.test_client()), code) for code in ("ABCD-EFGH", used, expired, revoked)
    ]
    assert [a.status_code for a in answers] == [401] * 4
    assert all(a.json == answers[0].json for a in answers)
    assert answers[0].json["type"].endswith("/problems/enrolment-code-invalid")
    assert security_events(caplog).count("enrolment.refused") == 4


def test_is_a_code_of_a_deactivated_pupil_refused(api, db, world, issue):
    """Can a deactivated pupil be logged in by an old code?"""
    code = issue()
    world.pupil.active = False
    db.session.commit()
    assert _enrol(api, code).status_code == 401
    assert count_of(UserSession) == 1  # only the teacher's


def test_is_the_eleventh_code_attempt_in_a_minute_refused(api):
    """Are code guesses limited to ten a minute per address?"""
    codes = [_enrol(api, f"AAAA-AAA{n}").status_code for n in range(2, 9)]
    codes += [_enrol(api, f"BBBB-BBB{n}").status_code for n in range(2, 6)]
    assert codes[:10] == [401] * 10
    assert codes[10] == 429


@pytest.mark.slow
def test_do_parallel_uses_of_one_code_let_exactly_one_through(app, db, issue, monkeypatch):
    """When ten devices use the same code at once, does exactly one get in?"""
    monkeypatch.setitem(app.config, "LOGIN_RATE_LIMIT", "1000 per minute")
    code = issue()
    db.session.commit()
    barrier = threading.Barrier(10, timeout=30)

    def attempt(n):
        client = with_csrf(app.test_client())
        client.environ_base["REMOTE_ADDR"] = f"10.2.0.{n + 1}"
        barrier.wait()
        return client.post(ENROL, json={"code": code, "display_name": f"Gerät {n}"}).status_code

    with ThreadPoolExecutor(max_workers=10) as pool:
        codes = list(pool.map(attempt, range(10), timeout=60))
    assert sorted(codes) == [200] + [401] * 9, codes
    assert count_of(UserSession, method="enrolment") == 1
