"""Do pupils who allow it get push notices on their devices, and do subscriptions end?

A local stand-in push service (HTTP on 127.0.0.1) receives the encrypted pushes and answers
201, or 410 for a subscription the browser dropped.
"""

from __future__ import annotations

import base64
import os
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from py_vapid import Vapid01

from app.auth.models import PushSubscription
from app.notifications import push
from app.notifications.models import PushMessage
from app.notifications.services import notify
from tests.support import count_of


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


class _PushService(BaseHTTPRequestHandler):
    received: list[tuple[str, int]] = []

    def do_POST(self):  # noqa: N802 - http.server's name
        length = int(self.headers.get("Content-Length", 0))
        self.rfile.read(length)
        gone = self.path.endswith("/gone")
        _PushService.received.append((self.path, length))
        self.send_response(410 if gone else 201)
        self.end_headers()

    def log_message(self, *_args):
        pass


@pytest.fixture
def push_service():
    server = HTTPServer(("127.0.0.1", 0), _PushService)
    _PushService.received = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture
def vapid(app):
    key = Vapid01()
    key.generate_keys()
    private = _b64(
        key.private_key.private_bytes(
            serialization.Encoding.DER,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    public = key.public_key.public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )
    app.config.update(VAPID_PRIVATE_KEY=private, VAPID_PUBLIC_KEY=_b64(public))
    yield
    app.config.update(VAPID_PRIVATE_KEY="", VAPID_PUBLIC_KEY="")


def _browser_keys() -> dict:
    key = ec.generate_private_key(ec.SECP256R1())
    public = key.public_key().public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )
    return {"p256dh": _b64(public), "auth": _b64(os.urandom(16))}


def _subscribe(client, endpoint: str):
    return client.post(
        "/api/v1/me/push-subscriptions",
        json={"endpoint": endpoint, "keys": _browser_keys(), "expirationTime": None},
    )


def test_is_a_confirmed_booking_pushed_to_each_device(db, world, login_as, vapid, push_service):
    """Two devices: the booking notice is delivered to both by the sender."""
    phone, laptop = login_as(world.pupil), login_as(world.pupil)
    assert _subscribe(phone, f"{push_service}/push/phone").status_code == 201
    assert _subscribe(laptop, f"{push_service}/push/laptop").status_code == 201
    state = phone.get("/api/v1/me/push-subscriptions").get_json()
    assert state["vapid_public_key"] and len(state["subscriptions"]) == 2
    notify(world.pupil.id, "booking_confirmed", _booking_data())
    notify(world.pupil.id, "attendance_marked", _booking_data())  # not a push kind
    db.session.commit()
    assert count_of(PushMessage) == 2
    assert push.send_pending() == {"sent": 2, "removed": 0, "failed": 0}
    assert sorted(path for path, _ in _PushService.received) == ["/push/laptop", "/push/phone"]
    assert all(length > 0 for _, length in _PushService.received)  # encrypted payload


def test_does_a_410_end_the_subscription(db, world, login_as, vapid, push_service):
    client = login_as(world.pupil)
    _subscribe(client, f"{push_service}/push/gone")
    notify(world.pupil.id, "booking_reminder", _booking_data())
    db.session.commit()
    assert push.send_pending()["removed"] == 1
    assert count_of(PushSubscription) == 0 and count_of(PushMessage) == 0


def test_does_logout_end_the_devices_subscription(db, world, login_as, vapid, push_service):
    client = login_as(world.pupil)
    _subscribe(client, f"{push_service}/push/phone")
    assert client.post("/api/v1/auth/logout").status_code in (200, 204)
    assert count_of(PushSubscription) == 0


def test_is_push_refused_without_vapid_keys(db, world, login_as):
    """No keys configured: nothing offered, nothing stored."""
    client = login_as(world.pupil)
    assert client.get("/api/v1/me/push-subscriptions").get_json()["vapid_public_key"] is None
    response = _subscribe(client, "https://push.example.org/abc")
    assert response.status_code == 422
    assert response.get_json()["type"].endswith("/push-not-configured")


def _booking_data() -> dict:
    return {
        "offer_title": "Ein Tag in der Werkstatt",
        "provider_name": "Betrieb",
        "starts_on": "2026-11-20",
        "ends_on": "2026-11-20",
        "address": "Hauptstraße 1, Dortmund",
        "daily_start": "08:00",
        "pupil_id": None,
    }
