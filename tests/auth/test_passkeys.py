"""Passkeys: register, log in without a username, list, rename and revoke."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.auth.models import UserSession, WebAuthnChallenge, WebAuthnCredential
from app.auth.passwords import hash_password
from app.core import clock
from tests.auth.passkey_support import BASE, authenticator, login, register, registration_options
from tests.support import count_of, one_of, rows_of, with_csrf


@pytest.fixture
def pupil_client(world, login_as):
    return login_as(world.pupil)


def _age_sessions(db, user, minutes):
    for row in rows_of(UserSession, user_id=user.id):
        row.created_at = clock.now() - timedelta(minutes=minutes)
    db.session.commit()


def test_do_registration_options_ask_for_a_verified_discoverable_passkey(
    app, pupil_client, db, world
):
    """Do the options require a resident key and user verification, without attestation?"""
    options = registration_options(pupil_client).json
    assert options["rp"] == {
        "id": app.config["WEBAUTHN_RP_ID"],
        "name": app.config["WEBAUTHN_RP_NAME"],
    }
    assert options["authenticatorSelection"]["residentKey"] == "required"
    assert options["authenticatorSelection"]["userVerification"] == "required"
    assert options["attestation"] == "none"
    assert {p["alg"] for p in options["pubKeyCredParams"]} == {-7, -257, -8}
    assert options["timeout"] == 300_000
    assert len(options["challenge"]) >= 43  # ≥ 32 random bytes, base64url
    challenge = one_of(WebAuthnChallenge)
    assert challenge.purpose == "register" and challenge.user_id == world.pupil.id
    assert challenge.expires_at - clock.now() <= timedelta(minutes=5)


def test_can_a_pupil_register_a_passkey_and_log_in_with_it(app, pupil_client, api, world):
    """Does a registered passkey log the pupil in without a username, like a password login?"""
    auth = authenticator(app)
    created = register(pupil_client, auth, name="Mein Handy")
    assert created.status_code == 201, created.json
    assert created.json["name"] == "Mein Handy"
    assert set(created.json) == {"id", "name", "created_at", "last_used_at", "backed_up"}

    response = login(api, auth)
    assert response.status_code == 200, response.json
    assert response.json["id"] == world.pupil.id
    assert response.json["role"] == "pupil"
    assert response.json["passkey_count"] == 1
    assert response.json["csrf_token"]
    assert api.get("/api/v1/auth/me").json["id"] == world.pupil.id
    listed = api.get(BASE).json
    assert listed[0]["last_used_at"] is not None


def test_does_a_passkey_login_start_a_new_server_side_session(app, pupil_client, api, db, world):
    """Is the login a new session of method 'passkey', with a new cookie?"""
    auth = authenticator(app)
    register(pupil_client, auth)
    before = api.get_cookie(app.config["SESSION_COOKIE_NAME"]).value
    login(api, auth)
    assert api.get_cookie(app.config["SESSION_COOKIE_NAME"]).value != before
    assert count_of(UserSession, user_id=world.pupil.id, method="passkey") == 1


def test_are_existing_passkeys_excluded_when_adding_another(app, pupil_client):
    """Do the options name the passkeys the user already has, so a device is not added twice?"""
    auth = authenticator(app)
    register(pupil_client, auth)
    options = registration_options(pupil_client).json
    (existing,) = options["excludeCredentials"]
    assert existing["id"] == next(iter(auth.credentials.values())).id_b64
    assert existing["transports"] == ["internal"]


def test_does_every_passkey_of_a_user_carry_the_same_user_handle(app, pupil_client):
    """Does a second registration reuse the user's handle (so devices replace, not duplicate)?"""
    first = registration_options(pupil_client).json["user"]["id"]
    second = registration_options(pupil_client).json["user"]["id"]
    assert first == second


def test_can_a_user_list_and_rename_their_passkeys(app, pupil_client):
    """Can the owner see and rename their passkeys?"""
    auth = authenticator(app)
    passkey_id = register(pupil_client, auth).json["id"]
    assert [p["name"] for p in pupil_client.get(BASE).json] == ["Passkey"]
    renamed = pupil_client.patch(f"{BASE}/{passkey_id}", json={"name": "Tablet"})
    assert renamed.status_code == 200
    assert renamed.json["name"] == "Tablet"
    blank = pupil_client.patch(f"{BASE}/{passkey_id}", json={"name": "   "})
    assert blank.status_code == 422
    assert "name" in blank.json["errors"]


def test_is_another_users_passkey_invisible(app, world, login_as):
    """Can a user rename or delete someone else's passkey?"""
    auth = authenticator(app)
    passkey_id = register(login_as(world.pupil), auth).json["id"]
    intruder = login_as(world.classmate)
    assert intruder.get(BASE).json == []
    assert intruder.patch(f"{BASE}/{passkey_id}", json={"name": "x"}).status_code == 404
    assert intruder.delete(f"{BASE}/{passkey_id}").status_code == 404


def test_is_a_revoked_passkey_useless_and_are_other_sessions_ended(app, db, world, login_as):
    """Does revoking end the user's other sessions and the passkey's ability to log in?"""
    world.pupil.password_hash = hash_password("ein-langes-passwort")
    db.session.commit()
    auth = authenticator(app)
    current = login_as(world.pupil)
    passkey_id = register(current, auth).json["id"]
    elsewhere = login_as(world.pupil)
    assert current.delete(f"{BASE}/{passkey_id}").status_code == 204
    assert current.get("/api/v1/auth/me").status_code == 200
    assert elsewhere.get("/api/v1/auth/me").status_code == 401
    assert login(with_csrf(app.test_client()), auth).status_code == 401


def test_is_deleting_the_last_login_method_refused(app, db, world, login_as):
    """Can a pupil without password remove their only passkey and lock themself out?"""
    auth = authenticator(app)
    client = login_as(world.pupil)
    first = register(client, auth).json["id"]
    refused = client.delete(f"{BASE}/{first}")
    assert refused.status_code == 409
    assert refused.json["type"].endswith("/problems/last-login-method")
    second = register(client, auth).json["id"]
    assert client.delete(f"{BASE}/{second}").status_code == 204
    assert count_of(WebAuthnCredential, user_id=world.pupil.id) == 1


def test_does_adding_a_passkey_need_a_fresh_login(app, db, world, login_as):
    """Is a passkey refused when the login is older than ten minutes (ASVS 7.5.1)?"""
    client = login_as(world.users.teacher)
    options = registration_options(client)
    _age_sessions(db, world.users.teacher, minutes=11)
    assert registration_options(client).status_code == 403
    credential = authenticator(app).create(options.json)
    response = client.post(f"{BASE}/registration/verify", json={"credential": credential})
    assert response.status_code == 403
    assert response.json["type"].endswith("/problems/fresh-login-required")
    assert count_of(WebAuthnCredential) == 0


def test_does_removing_a_passkey_need_a_fresh_login(app, db, world, login_as):
    """Is revoking a passkey refused when the login is stale?"""
    world.pupil.password_hash = hash_password("ein-langes-passwort")
    db.session.commit()
    client = login_as(world.pupil)
    passkey_id = register(client, authenticator(app)).json["id"]
    _age_sessions(db, world.pupil, minutes=11)
    assert client.delete(f"{BASE}/{passkey_id}").status_code == 403
    assert db.session.get(WebAuthnCredential, passkey_id) is not None


def test_does_staff_log_in_by_password_and_then_add_a_passkey(app, api, db, world):
    """Can a teacher log in with a password and add a passkey in the same session?"""
    teacher = world.users.teacher
    teacher.username = "lehrerin"
    teacher.password_hash = hash_password("richtig-geheim-123")
    db.session.commit()
    login_response = api.post(
        "/api/v1/auth/login", json={"username": "lehrerin", "password": "richtig-geheim-123"}
    )
    api.environ_base["HTTP_X_CSRF_TOKEN"] = login_response.json["csrf_token"]
    auth = authenticator(app)
    assert register(api, auth).status_code == 201
    anonymous = with_csrf(app.test_client())
    assert login(anonymous, auth).json["id"] == teacher.id


def test_do_passkey_routes_need_a_login(api):
    """Can an anonymous visitor start a registration or list passkeys?"""
    assert api.post(f"{BASE}/registration/options", json={}).status_code == 401
    assert api.get(BASE).status_code == 401


def test_is_an_unknown_field_in_the_verify_body_refused(pupil_client):
    """Is a body with an undeclared field refused with the field named?"""
    response = pupil_client.post(
        f"{BASE}/registration/verify", json={"credential": {}, "user_id": 5}
    )
    assert response.status_code == 422
    assert "user_id" in response.json["errors"]


def test_is_garbage_in_a_credential_a_clean_4xx(api, pupil_client):
    """Does a malformed browser answer give a 4xx problem, never a server error?"""
    garbage = {
        "id": "x",
        "rawId": "!!!",
        "type": "public-key",
        "response": {"clientDataJSON": "not-base64-json", "authenticatorData": 5},
    }
    api.post(f"{BASE}/authentication/options")
    assert (
        api.post(f"{BASE}/authentication/verify", json={"credential": garbage}).status_code == 401
    )
    registration_options(pupil_client)
    answer = pupil_client.post(f"{BASE}/registration/verify", json={"credential": garbage})
    assert answer.status_code == 400
    assert answer.mimetype == "application/problem+json"
