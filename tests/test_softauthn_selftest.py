"""Self-test: the software authenticator against py_webauthn's own verifiers."""

import json

import pytest
from webauthn import (
    generate_authentication_options,
    generate_registration_options,
    options_to_json,
    verify_authentication_response,
    verify_registration_response,
)
from webauthn.helpers.exceptions import (
    InvalidAuthenticationResponse,
    InvalidRegistrationResponse,
)
from webauthn.helpers.structs import PublicKeyCredentialDescriptor

try:
    from tests.softauthn import SoftAuthenticator, b64url_decode
except ImportError:  # tests/ became a package
    from tests.softauthn import SoftAuthenticator, b64url_decode

RP_ID = "localhost"
ORIGIN = "http://localhost:5000"


def reg_options():
    opts = generate_registration_options(rp_id=RP_ID, rp_name="Test", user_name="alice")
    return opts.challenge, json.loads(options_to_json(opts))


def auth_options(cred_id=None):
    allow = [PublicKeyCredentialDescriptor(id=cred_id)] if cred_id else None
    opts = generate_authentication_options(rp_id=RP_ID, allow_credentials=allow)
    return opts.challenge, json.loads(options_to_json(opts))


def verify_reg(credential, challenge):
    return verify_registration_response(
        credential=credential,
        expected_challenge=challenge,
        expected_rp_id=RP_ID,
        expected_origin=ORIGIN,
        require_user_verification=True,
    )


def verify_auth(credential, challenge, public_key, current_count=0):
    return verify_authentication_response(
        credential=credential,
        expected_challenge=challenge,
        expected_rp_id=RP_ID,
        expected_origin=ORIGIN,
        credential_public_key=public_key,
        credential_current_sign_count=current_count,
        require_user_verification=True,
    )


@pytest.fixture
def registered():
    auth = SoftAuthenticator()
    challenge, opts = reg_options()
    verified = verify_reg(auth.create(opts), challenge)
    return auth, verified


def test_registration_verifies(registered):
    auth, verified = registered
    assert verified.user_verified
    assert verified.sign_count == 0
    assert verified.fmt == "none"
    (cred,) = auth.credentials.values()
    assert verified.credential_id == cred.id
    assert verified.credential_public_key == cred.cose_public_key


def test_authentication_verifies_and_counts(registered):
    auth, reg = registered
    count = 0
    for expected in (1, 2):
        challenge, opts = auth_options(reg.credential_id)
        response = auth.get(opts)
        result = verify_auth(response, challenge, reg.credential_public_key, count)
        assert result.new_sign_count == expected
        assert result.user_verified
        assert b64url_decode(response["response"]["userHandle"])  # user handle present
        count = result.new_sign_count


def test_discoverable_login_without_allow_credentials(registered):
    auth, reg = registered
    challenge, opts = auth_options()
    result = verify_auth(auth.get(opts), challenge, reg.credential_public_key)
    assert result.credential_id == reg.credential_id


@pytest.mark.parametrize(
    ("kwargs", "reason"),
    [
        ({"uv": False}, "User verification is required"),
        ({"up": False}, "User presence was required"),
        ({"origin": "http://localhost:5001"}, "origin"),
        ({"origin": "http://evil.example"}, "origin"),
        ({"rp_id": "evil.example"}, "RP ID hash"),
        ({"challenge": b"not-the-challenge"}, "challenge"),
        ({"type_": "webauthn.get"}, "client data type"),
    ],
    ids=repr,
)
def test_registration_rejected(kwargs, reason):
    auth = SoftAuthenticator()
    challenge, opts = reg_options()
    with pytest.raises(InvalidRegistrationResponse, match=reason):
        verify_reg(auth.create(opts, **kwargs), challenge)


# Note: "registration challenge used for login" cannot be caught by the library (it only
# compares challenge bytes); the server must bind each stored challenge to its ceremony.
# The library-level part of that case is the clientData type check ("webauthn.create" below).
@pytest.mark.parametrize(
    ("kwargs", "reason"),
    [
        ({"uv": False}, "User verification is required"),
        ({"up": False}, "User was not present"),
        ({"origin": "http://localhost:5001"}, "origin"),
        ({"origin": "http://evil.example"}, "origin"),
        ({"rp_id": "evil.example"}, "RP ID hash"),
        ({"challenge": b"not-the-challenge"}, "challenge"),
        ({"tamper_signature": True}, "signature"),
        ({"tamper_client_data": True}, "signature"),
        ({"type_": "webauthn.create"}, "client data type"),
    ],
    ids=repr,
)
def test_authentication_rejected(registered, kwargs, reason):
    auth, reg = registered
    challenge, opts = auth_options(reg.credential_id)
    with pytest.raises(InvalidAuthenticationResponse, match=reason):
        verify_auth(auth.get(opts, **kwargs), challenge, reg.credential_public_key)


def test_sign_count_regression_rejected(registered):
    auth, reg = registered
    challenge, opts = auth_options(reg.credential_id)
    first = verify_auth(auth.get(opts), challenge, reg.credential_public_key)
    assert first.new_sign_count == 1
    challenge, opts = auth_options(reg.credential_id)
    response = auth.get(opts)  # counter 2, but the server already saw 5
    with pytest.raises(InvalidAuthenticationResponse, match="sign count"):
        verify_auth(response, challenge, reg.credential_public_key, current_count=5)
    challenge, opts = auth_options(reg.credential_id)
    with pytest.raises(InvalidAuthenticationResponse, match="sign count"):  # replayed count
        verify_auth(auth.get(opts, sign_count=1), challenge, reg.credential_public_key, 1)


def test_foreign_credential_key_rejected(registered):
    auth, reg = registered
    other = SoftAuthenticator()
    challenge, opts = reg_options()
    other_reg = verify_reg(other.create(opts), challenge)
    challenge, opts = auth_options(reg.credential_id)
    with pytest.raises(InvalidAuthenticationResponse, match="signature"):  # A signs, B's key
        verify_auth(auth.get(opts), challenge, other_reg.credential_public_key)


def test_replayed_assertion_rejected(registered):
    auth, reg = registered
    challenge, opts = auth_options(reg.credential_id)
    response = auth.get(opts)
    result = verify_auth(response, challenge, reg.credential_public_key)
    with pytest.raises(InvalidAuthenticationResponse, match="sign count"):
        verify_auth(response, challenge, reg.credential_public_key, result.new_sign_count)


def test_backup_flags_reported():
    auth = SoftAuthenticator()
    challenge, opts = reg_options()
    verified = verify_reg(auth.create(opts, be=True, bs=True), challenge)
    assert verified.credential_backed_up
    assert verified.credential_device_type == "multi_device"
