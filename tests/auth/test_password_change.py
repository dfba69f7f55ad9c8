"""Every account with a password can change it (POST /auth/password), and a password set by
someone else must be changed before anything else (issue 9, M3)."""

from __future__ import annotations

import re

from app.auth.models import User, UserSession
from app.auth.passwords import hash_password
from tests.support import count_of, with_csrf

CHANGE = "/api/v1/auth/password"
OLD = "das-alte-passwort"


def _login(app, username, password):
    client = with_csrf(app.test_client())
    response = client.post("/api/v1/auth/login", json={"username": username, "password": password})
    if response.status_code == 200:
        client.environ_base["HTTP_X_CSRF_TOKEN"] = response.json["csrf_token"]
    return client, response


def _with_password(db, user, username="frau.lehrerin"):
    user.username, user.password_hash = username, hash_password(OLD)
    db.session.commit()
    return username


def test_can_a_user_change_the_own_password(app, db, world):
    """Does the new password work, the old one not, and do other sessions end?"""
    username = _with_password(db, world.users.teacher)
    other, _ = _login(app, username, OLD)
    client, _ = _login(app, username, OLD)
    response = client.post(CHANGE, json={"current_password": OLD, "new_password": "ganz-neu-123"})
    assert response.status_code == 204, response.json
    assert client.get("/api/v1/auth/me").status_code == 200
    assert other.get("/api/v1/auth/me").status_code == 401
    assert _login(app, username, OLD)[1].status_code == 401
    assert _login(app, username, "ganz-neu-123")[1].status_code == 200


def test_does_a_hijacked_session_alone_change_the_password(app, db, world):
    """Without the current password, is the change refused, naming the field?"""
    username = _with_password(db, world.users.teacher)
    client, _ = _login(app, username, OLD)
    response = client.post(CHANGE, json={"current_password": "geraten", "new_password": "x" * 12})
    assert response.status_code == 422
    assert "current_password" in response.json["errors"]
    assert _login(app, username, OLD)[1].status_code == 200


def test_are_weak_new_passwords_refused(app, db, world):
    """Too short, unchanged, or the username: each refused with new_password named?"""
    username = _with_password(db, world.users.teacher, "lehrerin.lang")
    client, _ = _login(app, username, OLD)
    for new in ("kurz", OLD, "Lehrerin.Lang"):
        response = client.post(CHANGE, json={"current_password": OLD, "new_password": new})
        assert response.status_code == 422, new
        assert "new_password" in response.json["errors"], new


def test_is_a_passkey_only_account_told_it_has_no_password(world, login_as):
    """Does a pupil without a password get a clear 409 rather than a wrong-password answer?"""
    response = login_as(world.pupil).post(
        CHANGE, json={"current_password": "irgendwas", "new_password": "ein-neues-passwort"}
    )
    assert response.status_code == 409
    assert response.json["type"].endswith("/problems/no-password-set")


def test_must_a_password_set_by_an_admin_be_changed_first(app, db, world):
    """After an admin reset, is every route but me/password/logout a 403 until changed?"""
    username = _with_password(db, world.users.stubo, "stubo.reset")
    result = app.test_cli_runner().invoke(args=["users", "reset-password", username])
    assert result.exit_code == 0, result.output
    temporary = re.search(r": (\S+)$", result.output.strip()).group(1)
    assert count_of(UserSession, user_id=world.users.stubo.id, revoked_at=None) == 0
    client, login = _login(app, username, temporary)
    assert login.status_code == 200 and login.json["must_change_password"] is True
    blocked = client.get(f"/api/v1/classes/{world.klasse.id}/pupils")
    assert blocked.status_code == 403
    assert blocked.json["type"].endswith("/problems/password-change-required")
    assert client.get("/api/v1/auth/me").status_code == 200
    changed = client.post(
        CHANGE, json={"current_password": temporary, "new_password": "selbst-gewaehlt-1"}
    )
    assert changed.status_code == 204
    assert client.get(f"/api/v1/classes/{world.klasse.id}/pupils").status_code == 200
    db.session.expire_all()
    assert db.session.get(User, world.users.stubo.id).must_change_password is False


def test_is_the_current_password_guessing_rate_limited(app, db, world):
    """Are guesses of the current password limited per account?"""
    username = _with_password(db, world.users.teacher)
    client, _ = _login(app, username, OLD)
    body = {"current_password": "falsch", "new_password": "ein-neues-passwort"}
    codes = [client.post(CHANGE, json=body).status_code for _ in range(11)]
    assert codes[:10] == [422] * 10 and codes[10] == 429


def test_is_an_unknown_account_name_refused_by_the_reset_command(app):
    """Does the command fail clearly for a name that does not exist?"""
    result = app.test_cli_runner().invoke(args=["users", "reset-password", "niemand"])
    assert result.exit_code != 0 and "no active account" in result.output
