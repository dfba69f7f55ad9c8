"""The negative cases of docs/security.md §2: each is refused with a 4xx and a security-log entry.

Case 14 (20 parallel finishes on one challenge) is in test_passkeys_concurrency.py.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import update

from app.auth.models import UserSession, WebAuthnChallenge, WebAuthnCredential
from app.core import clock
from tests.auth.passkey_support import (
    BASE,
    authenticator,
    finish_login,
    login,
    login_options,
    register,
    registration_options,
    security_events,
    watch_security_log,
)
from tests.support import count_of, one_of, with_csrf


@pytest.fixture
def enrolled(app, world, login_as, caplog):
    """The pupil has registered a passkey with the software authenticator."""
    auth = authenticator(app)
    assert register(login_as(world.pupil), auth).status_code == 201
    watch_security_log(caplog)
    caplog.clear()
    return auth


@pytest.fixture
def visitor(app):
    return with_csrf(app.test_client())


def assert_refused_and_logged(response, caplog, status=401, event="passkey.login"):
    assert response.status_code == status, response.json
    assert response.mimetype == "application/problem+json"
    assert event in security_events(caplog)


def test_01_is_a_replayed_assertion_refused(enrolled, visitor, caplog):
    """Can a captured assertion be sent a second time?"""
    assertion = enrolled.get(login_options(visitor))
    assert finish_login(visitor, assertion).status_code == 200
    again = with_csrf(visitor)
    assert_refused_and_logged(finish_login(again, assertion), caplog)


def test_01b_is_a_challenge_burnt_even_when_verification_failed(enrolled, visitor, caplog):
    """Does a failed finish use up the challenge, so a corrected retry cannot reuse it?"""
    options = login_options(visitor)
    assert finish_login(visitor, enrolled.get(options, uv=False)).status_code == 401
    assert_refused_and_logged(finish_login(visitor, enrolled.get(options)), caplog)


def test_02_is_an_expired_challenge_refused(enrolled, visitor, db, caplog):
    """Is a challenge older than five minutes refused?"""
    options = login_options(visitor)
    db.session.execute(
        update(WebAuthnChallenge).values(expires_at=clock.now() - timedelta(seconds=1))
    )
    db.session.commit()
    assert_refused_and_logged(finish_login(visitor, enrolled.get(options)), caplog)


def test_03_is_a_challenge_of_another_browser_session_refused(app, enrolled, visitor, caplog):
    """Can an assertion for one browser's challenge be finished from another browser?"""
    options = login_options(visitor)
    other_browser = with_csrf(app.test_client())
    assert_refused_and_logged(finish_login(other_browser, enrolled.get(options)), caplog)
    assert finish_login(visitor, enrolled.get(options)).status_code == 200  # still the owner's


def test_04_is_a_registration_challenge_refused_for_login(enrolled, world, login_as, caplog):
    """Can the challenge of a registration be used to finish a login?"""
    client = login_as(world.pupil)
    registration = registration_options(client).json
    assertion = enrolled.get(login_options(client), challenge=registration["challenge"])
    assert_refused_and_logged(finish_login(client, assertion), caplog)


@pytest.mark.parametrize(
    "origin", ["http://localhost:5001", "https://localhost:5000", "https://evil.example"]
)
def test_05_is_a_wrong_origin_or_port_refused(enrolled, visitor, caplog, origin):
    """Is an assertion made on another origin (scheme, host or port) refused?"""
    assertion = enrolled.get(login_options(visitor), origin=origin)
    assert_refused_and_logged(finish_login(visitor, assertion), caplog)


def test_05b_is_a_registration_on_a_wrong_origin_refused(app, world, login_as, caplog):
    """Is a registration made on another origin refused?"""
    watch_security_log(caplog)
    response = register(login_as(world.pupil), authenticator(app), origin="https://evil.example")
    assert_refused_and_logged(response, caplog, status=400, event="passkey.register")


def test_06_is_a_wrong_rp_id_refused(enrolled, visitor, caplog):
    """Is an assertion scoped to another relying party refused?"""
    credential_id = next(iter(enrolled.credentials))
    assertion = enrolled.get(
        login_options(visitor), rp_id="evil.example", credential_id=credential_id
    )
    assert_refused_and_logged(finish_login(visitor, assertion), caplog)


def test_06b_is_a_registration_for_a_wrong_rp_id_refused(app, world, login_as, caplog):
    """Is a registration for another relying party refused?"""
    watch_security_log(caplog)
    response = register(login_as(world.pupil), authenticator(app), rp_id="evil.example")
    assert_refused_and_logged(response, caplog, status=400, event="passkey.register")


def test_07_is_a_login_without_user_verification_refused(enrolled, visitor, caplog):
    """Is an assertion without user verification (UV=0) refused?"""
    assertion = enrolled.get(login_options(visitor), uv=False)
    assert_refused_and_logged(finish_login(visitor, assertion), caplog)


def test_07b_is_a_registration_without_user_verification_refused(app, world, login_as, caplog):
    """Is a passkey registered without user verification refused?"""
    watch_security_log(caplog)
    response = register(login_as(world.pupil), authenticator(app), uv=False)
    assert_refused_and_logged(response, caplog, status=400, event="passkey.register")


def test_08_is_a_login_without_user_presence_refused(enrolled, visitor, caplog):
    """Is an assertion without user presence (UP=0) refused?"""
    assertion = enrolled.get(login_options(visitor), up=False)
    assert_refused_and_logged(finish_login(visitor, assertion), caplog)


def test_09_is_a_sign_count_regression_refused(app, enrolled, visitor, db, caplog):
    """Is an assertion whose counter did not advance (a cloned key) refused?"""
    assert login(visitor, enrolled).status_code == 200  # stored count is now 1
    again = with_csrf(app.test_client())
    assert_refused_and_logged(login(again, enrolled, sign_count=1), caplog)
    assert any("sign count" in r.getMessage() for r in caplog.records)
    assert one_of(WebAuthnCredential).sign_count == 1


def test_09b_is_a_synced_passkey_with_counter_zero_accepted(app, world, login_as, visitor):
    """Are synced passkeys, which always report 0, still accepted?"""
    auth = authenticator(app)
    register(login_as(world.pupil), auth)
    assert login(visitor, auth, sign_count=0).status_code == 200
    assert login(with_csrf(app.test_client()), auth, sign_count=0).status_code == 200


def test_10_is_user_bs_credential_with_user_as_handle_refused(
    app, enrolled, world, login_as, visitor, caplog
):
    """Can user B's passkey log in while claiming to be user A (userHandle of A)?"""
    handle_of_a = next(iter(enrolled.credentials.values())).user_handle
    auth_b = authenticator(app)
    assert register(login_as(world.classmate), auth_b).status_code == 201
    assertion = auth_b.get(login_options(visitor), user_handle=handle_of_a)
    assert_refused_and_logged(finish_login(visitor, assertion), caplog)
    missing = auth_b.get(login_options(visitor), user_handle=None)
    assert_refused_and_logged(finish_login(visitor, missing), caplog)


def test_11_is_an_unknown_credential_refused(app, world, login_as, visitor, caplog):
    """Is a passkey the server never registered refused?"""
    auth = authenticator(app)
    auth.create(registration_options(login_as(world.pupil)).json)  # never sent to the server
    watch_security_log(caplog)
    assert_refused_and_logged(login(visitor, auth), caplog)


def test_11b_is_a_revoked_credential_refused(app, enrolled, world, db, login_as, visitor, caplog):
    """Is a passkey refused once its owner revoked it?"""
    world.pupil.password_hash = "x"  # not the last login method
    db.session.commit()
    passkey = one_of(WebAuthnCredential)
    assert login_as(world.pupil).delete(f"{BASE}/{passkey.id}").status_code == 204
    assert_refused_and_logged(login(visitor, enrolled), caplog)


def test_11c_is_an_inactive_users_passkey_refused(enrolled, world, db, visitor, caplog):
    """Can a deactivated account log in with its passkey?"""
    world.pupil.active = False
    db.session.commit()
    assert_refused_and_logged(login(visitor, enrolled), caplog)


def test_12_is_a_duplicate_credential_id_refused(app, enrolled, world, login_as, db, caplog):
    """Can another user register a credential id that already exists?"""
    existing_id = next(iter(enrolled.credentials))
    response = register(login_as(world.classmate), authenticator(app), credential_id=existing_id)
    assert_refused_and_logged(response, caplog, status=409, event="passkey.register")
    assert count_of(WebAuthnCredential) == 1


def test_13_is_a_tampered_signature_refused(enrolled, visitor, caplog):
    """Is an assertion with a wrong signature refused?"""
    assertion = enrolled.get(login_options(visitor), tamper_signature=True)
    assert_refused_and_logged(finish_login(visitor, assertion), caplog)


def test_13b_is_tampered_client_data_refused(enrolled, visitor, caplog):
    """Is an assertion whose clientDataJSON changed after signing refused?"""
    assertion = enrolled.get(login_options(visitor), tamper_client_data=True)
    assert_refused_and_logged(finish_login(visitor, assertion), caplog)


def test_13c_is_a_create_type_in_a_login_refused(enrolled, visitor, caplog):
    """Is client data of type webauthn.create refused in a login?"""
    assertion = enrolled.get(login_options(visitor), type_="webauthn.create")
    assert_refused_and_logged(finish_login(visitor, assertion), caplog)


def test_is_a_registration_challenge_bound_to_its_user(app, world, login_as, caplog):
    """Can user B finish a registration with a challenge issued to user A in the same browser?"""
    watch_security_log(caplog)
    client_a, client_b = login_as(world.pupil), login_as(world.classmate)
    options = registration_options(client_a).json
    with client_a.session_transaction() as session_a:
        binding = session_a["webauthn_binding"]
    with client_b.session_transaction() as session_b:
        session_b["webauthn_binding"] = binding  # same browser, another account
    credential = authenticator(app).create(options)
    response = client_b.post(f"{BASE}/registration/verify", json={"credential": credential})
    assert_refused_and_logged(response, caplog, status=400, event="passkey.register")


def test_is_a_registration_challenge_single_use(app, world, login_as, db, caplog):
    """Can one registration challenge store two passkeys?"""
    watch_security_log(caplog)
    client = login_as(world.pupil)
    auth = authenticator(app)
    options = registration_options(client).json
    first = client.post(f"{BASE}/registration/verify", json={"credential": auth.create(options)})
    second = client.post(f"{BASE}/registration/verify", json={"credential": auth.create(options)})
    assert first.status_code == 201
    assert_refused_and_logged(second, caplog, status=400, event="passkey.register")
    assert count_of(WebAuthnCredential) == 1


def test_is_the_eleventh_passkey_login_in_a_minute_refused(enrolled, visitor):
    """Are passkey login attempts limited to ten a minute per IP?"""
    codes = [login(visitor, enrolled, tamper_signature=True).status_code for _ in range(11)]
    assert codes[:10] == [401] * 10
    assert codes[10] == 429


def test_is_the_limit_per_passkey_independent_of_the_ip(app, enrolled):
    """Does spreading attempts over many addresses still hit the per-passkey limit?"""
    codes = []
    for n in range(11):
        client = with_csrf(app.test_client())
        client.environ_base["REMOTE_ADDR"] = f"10.0.0.{n + 1}"
        codes.append(login(client, enrolled, tamper_signature=True).status_code)
    assert codes[:10] == [401] * 10
    assert codes[10] == 429


def test_does_a_failed_login_leave_no_session(enrolled, visitor, db):
    """Does a refused passkey login create any session?"""
    before = count_of(UserSession)
    login(visitor, enrolled, uv=False)
    assert count_of(UserSession) == before
    assert visitor.get("/api/v1/auth/me").status_code == 401
