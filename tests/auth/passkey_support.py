"""Helpers for passkey tests: drive the API's ceremonies with the software authenticator."""

from __future__ import annotations

import logging

from tests.softauthn import SoftAuthenticator

BASE = "/api/v1/auth/passkeys"
SECURITY_LOGGER = "anschluss.security"


def authenticator(app) -> SoftAuthenticator:
    return SoftAuthenticator(app.config["WEBAUTHN_RP_ID"], app.config["WEBAUTHN_ORIGIN"])


def registration_options(client, name: str | None = None):
    return client.post(f"{BASE}/registration/options", json={"name": name} if name else {})


def register(client, auth: SoftAuthenticator, name: str | None = None, **create_kwargs):
    """Run a whole registration; returns the verify response."""
    options = registration_options(client)
    assert options.status_code == 200, options.json
    credential = auth.create(options.json, **create_kwargs)
    body = {"credential": credential, **({"name": name} if name else {})}
    return client.post(f"{BASE}/registration/verify", json=body)


def login_options(client) -> dict:
    response = client.post(f"{BASE}/authentication/options")
    assert response.status_code == 200, response.json
    return response.json


def finish_login(client, assertion: dict):
    response = client.post(f"{BASE}/authentication/verify", json={"credential": assertion})
    if response.status_code == 200:
        client.environ_base["HTTP_X_CSRF_TOKEN"] = response.json["csrf_token"]
    return response


def login(client, auth: SoftAuthenticator, **get_kwargs):
    """Run a whole discoverable login; returns the verify response."""
    return finish_login(client, auth.get(login_options(client), **get_kwargs))


def security_events(caplog) -> list[str]:
    return [
        getattr(record, "event", record.getMessage())
        for record in caplog.records
        if record.name == SECURITY_LOGGER
    ]


def watch_security_log(caplog) -> None:
    caplog.set_level(logging.INFO, logger=SECURITY_LOGGER)
