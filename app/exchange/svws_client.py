"""A small client of the SVWS-Server's REST API (HTTP Basic, JSON) for the KAoA push.

Endpoints (the SVWS-Server's OpenAPI, resource APISchueler):
  GET   /db/{schema}/schueler/{id}/lernabschnitte  → [SchuelerLernabschnittListeEintrag]
  GET   /db/{schema}/schueler/{id}/kaoa            → [SchuelerKAoADaten]
  POST  /db/{schema}/schueler/{id}/kaoa/create     → 201 SchuelerKAoADaten
  PATCH /db/{schema}/schueler/{id}/kaoa/{skid}     → 204
The server's answers are never shown to users (only the status), so a wrongly configured
address reveals nothing about the network it points into.
"""

from __future__ import annotations

import base64
import json
import ssl
import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import quote

TIMEOUT_SECONDS = 15


class SvwsError(Exception):
    def __init__(self, status: int, where: str):
        super().__init__(f"SVWS answered {status} for {where}")
        self.status = status


@dataclass
class SvwsClient:
    base_url: str
    schema: str
    username: str
    password: str
    verify_tls: bool = True

    def _url(self, pupil_id: int, *parts: str) -> str:
        path = "/".join(("db", quote(self.schema, safe=""), "schueler", str(pupil_id), *parts))
        return f"{self.base_url.rstrip('/')}/{path}"

    def _opener(self):
        """https with the system's trust store; a school's self-signed server may be accepted
        explicitly (verify_tls off, set by the school's admin)."""
        context = ssl.create_default_context()
        if not self.verify_tls:
            context.check_hostname = False
            context.verify_mode = ssl.CERT_NONE
        return urllib.request.build_opener(urllib.request.HTTPSHandler(context=context))

    def _request(self, method: str, url: str, body: dict | None = None):
        token = base64.b64encode(f"{self.username}:{self.password}".encode()).decode()
        data = json.dumps(body).encode() if body is not None else None
        # The address was checked to be https (or http in development) when it was saved.
        request = urllib.request.Request(url, data=data, method=method)  # noqa: S310
        request.add_header("Authorization", f"Basic {token}")
        request.add_header("Accept", "application/json")
        if data is not None:
            request.add_header("Content-Type", "application/json")
        try:
            with self._opener().open(request, timeout=TIMEOUT_SECONDS) as answer:
                payload = answer.read()
                return json.loads(payload) if payload else None
        except urllib.error.HTTPError as error:
            raise SvwsError(error.code, method) from None
        except (urllib.error.URLError, TimeoutError, ValueError) as error:
            raise SvwsError(0, method) from error

    def lernabschnitte(self, pupil_id: int) -> list[dict]:
        return self._request("GET", self._url(pupil_id, "lernabschnitte")) or []

    def kaoa(self, pupil_id: int) -> list[dict]:
        return self._request("GET", self._url(pupil_id, "kaoa")) or []

    def create(self, pupil_id: int, record: dict) -> dict:
        return self._request("POST", self._url(pupil_id, "kaoa", "create"), record)

    def patch(self, pupil_id: int, skid: int, changes: dict) -> None:
        self._request("PATCH", self._url(pupil_id, "kaoa", str(skid)), changes)
