"""A stand-in SVWS-Server for the tests: the KAoA endpoints of its REST API (resource
APISchueler, OpenAPI of the SVWS-Server) over real HTTP in a thread.

  GET   /db/{schema}/schueler/{id}/lernabschnitte → 200 [SchuelerLernabschnittListeEintrag]
  GET   /db/{schema}/schueler/{id}/kaoa           → 200 [SchuelerKAoADaten]
  POST  /db/{schema}/schueler/{id}/kaoa/create    → 201 SchuelerKAoADaten | 400 | 404
  PATCH /db/{schema}/schueler/{id}/kaoa/{skid}    → 204 | 400 | 404

HTTP Basic authentication (401 otherwise). A body must have the DTO's shape — known
attributes only, `long` fields integers, `Long` fields integers or null, `jahrgang` and
`bemerkung` strings — and meet the catalogue rules the SVWS-Server checks, read here
independently from the SVWS catalogue files in seeds/reference/svws-kaoa/.
"""

from __future__ import annotations

import base64
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

CATALOGUES = Path(__file__).resolve().parents[2] / "seeds" / "reference" / "svws-kaoa"
LONG = ("id", "abschnitt", "kategorie", "merkmal")
NULLABLE_LONG = ("zusatzmerkmal", "anschlussoption", "berufsfeld", "ebene4")
STRINGS = ("jahrgang", "bemerkung")


def _entries(name: str) -> dict[int, dict]:
    data = json.loads((CATALOGUES / f"{name}.json").read_text(encoding="utf-8"))["daten"]
    result = {}
    for entry in data:
        for history in entry["historie"]:
            result[history["id"]] = {**history, "bezeichner": entry["bezeichner"]}
    return result


class Catalogues:
    def __init__(self):
        self.kategorie = _entries("KAOAKategorie")
        self.merkmal = _entries("KAOAMerkmal")
        self.zusatz = _entries("KAOAZusatzmerkmal")
        self.ebene4 = _entries("KAOAEbene4")
        self.option = _entries("KAOAAnschlussoptionen")
        self.berufsfeld = _entries("KAOABerufsfeld")

    def refuse(self, record: dict) -> str | None:
        """Why the SVWS-Server would answer 400/404, or None."""
        kategorie = self.kategorie.get(record["kategorie"])
        merkmal = self.merkmal.get(record["merkmal"])
        zusatz = self.zusatz.get(record["zusatzmerkmal"])
        if not (kategorie and merkmal and zusatz):
            return "unknown id"
        if merkmal["kategorie"] != kategorie["bezeichner"]:
            return "Merkmal not in Kategorie"
        if zusatz["merkmal"] != merkmal["bezeichner"]:
            return "Zusatzmerkmal not in Merkmal"
        key = record["jahrgang"]
        if (f"JAHRGANG_{key}" if key.isdigit() else key) not in kategorie["jahrgaenge"]:
            return "Jahrgang not in Kategorie"
        optional = [record.get(k) for k in ("anschlussoption", "ebene4", "berufsfeld")]
        if len([v for v in optional if v is not None]) + bool(record.get("bemerkung")) > 1:
            return "more than one of anschlussoption, ebene4, berufsfeld, bemerkung"
        return self._option(record, zusatz)

    def _option(self, record: dict, zusatz: dict) -> str | None:
        kind = zusatz["optionsart"]
        if kind == "ANSCHLUSSOPTION":
            option = self.option.get(record.get("anschlussoption"))
            if not option or zusatz["bezeichner"] not in option["anzeigeZusatzmerkmal"]:
                return "Anschlussoption does not fit"
        if kind == "SBO_EBENE_4":
            ebene4 = self.ebene4.get(record.get("ebene4"))
            if not ebene4 or ebene4["zusatzmerkmal"] != zusatz["bezeichner"]:
                return "Ebene4 does not fit"
        if kind == "BERUFSFELD" and record.get("berufsfeld") not in self.berufsfeld:
            return "Berufsfeld missing"
        if len(record.get("bemerkung") or "") > 255:
            return "Bemerkung too long"
        return None


def shape_error(body) -> str | None:
    """The DTO's shape: only its attributes, with their JSON types."""
    if not isinstance(body, dict):
        return "not an object"
    unknown = set(body) - {*LONG, *NULLABLE_LONG, *STRINGS}
    if unknown:
        return f"unknown attribute {sorted(unknown)}"
    for name, value in body.items():
        if name in LONG and not (isinstance(value, int) and not isinstance(value, bool)):
            return f"{name} must be a long"
        if name in NULLABLE_LONG and value is not None and not isinstance(value, int):
            return f"{name} must be a Long"
        if name in STRINGS and value is not None and not isinstance(value, str):
            return f"{name} must be a string"
    return None


class SvwsState:
    def __init__(self, username: str, password: str, schema: str):
        self.credentials = base64.b64encode(f"{username}:{password}".encode()).decode()
        self.schema = schema
        self.catalogues = Catalogues()
        self.lernabschnitte: dict[int, list[dict]] = {}
        self.kaoa: dict[int, dict[int, dict]] = {}
        self.requests: list[tuple[str, str]] = []
        self.next_id = 1000

    def add_pupil(self, svws_id: int, schuljahr: int, jahrgang: str) -> int:
        """A pupil with two Lernabschnitte in the school year; returns the second's id."""
        self.next_id += 2
        self.lernabschnitte[svws_id] = [
            {
                "id": self.next_id - 1,
                "schuelerID": svws_id,
                "schuljahr": schuljahr,
                "abschnitt": 1,
                "wechselNr": None,
                "jahrgang": jahrgang,
            },
            {
                "id": self.next_id,
                "schuelerID": svws_id,
                "schuljahr": schuljahr,
                "abschnitt": 2,
                "wechselNr": None,
                "jahrgang": jahrgang,
            },
        ]
        self.kaoa[svws_id] = {}
        return self.next_id


class Handler(BaseHTTPRequestHandler):
    state: SvwsState

    def log_message(self, *args):  # quiet
        pass

    def _send(self, status: int, body=None):
        payload = json.dumps(body).encode() if body is not None else b""
        self.send_response(status)
        if payload:
            self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def _route(self):
        self.state.requests.append((self.command, self.path))
        if self.headers.get("Authorization") != f"Basic {self.state.credentials}":
            return self._send(401)
        parts = self.path.strip("/").split("/")
        if parts[:3] != ["db", self.state.schema, "schueler"] or len(parts) < 5:
            return self._send(404)
        if not parts[3].isdigit() or int(parts[3]) not in self.state.kaoa:
            return self._send(404)
        return int(parts[3]), parts[4:]

    def _body(self):
        length = int(self.headers.get("Content-Length") or 0)
        try:
            return json.loads(self.rfile.read(length) or b"null")
        except ValueError:
            return None

    def do_GET(self):
        found = self._route()
        if not isinstance(found, tuple):
            return None
        pupil, rest = found
        if rest == ["lernabschnitte"]:
            return self._send(200, self.state.lernabschnitte[pupil])
        if rest == ["kaoa"]:
            return self._send(200, list(self.state.kaoa[pupil].values()))
        return self._send(404)

    def _check(self, pupil: int, record: dict) -> str | None:
        if record["abschnitt"] not in {s["id"] for s in self.state.lernabschnitte[pupil]}:
            return "Lernabschnitt not of this pupil"
        return self.state.catalogues.refuse(record)

    def do_POST(self):
        found = self._route()
        if not isinstance(found, tuple) or found[1] != ["kaoa", "create"]:
            return None if not isinstance(found, tuple) else self._send(404)
        pupil, body = found[0], self._body()
        problem = shape_error(body)
        record = {**dict.fromkeys((*NULLABLE_LONG, "bemerkung")), **(body or {})}
        problem = problem or (None if set(LONG[1:]) <= set(record) else "required missing")
        problem = problem or self._check(pupil, record)
        if problem:
            return self._send(400, {"message": problem})
        self.state.next_id += 1
        record["id"] = self.state.next_id
        self.state.kaoa[pupil][record["id"]] = record
        return self._send(201, record)

    def do_PATCH(self):
        found = self._route()
        if not isinstance(found, tuple):
            return None
        pupil, rest = found
        if len(rest) != 2 or rest[0] != "kaoa" or not rest[1].isdigit():
            return self._send(404)
        stored = self.state.kaoa[pupil].get(int(rest[1]))
        body = self._body()
        if stored is None:
            return self._send(404)
        problem = shape_error(body) or ("id is not patchable" if "id" in (body or {}) else None)
        merged = {**stored, **(body or {})}
        problem = problem or self._check(pupil, merged)
        if problem:
            return self._send(400, {"message": problem})
        stored.update(body)
        return self._send(204)


class SvwsServer:
    """`with SvwsServer(...) as svws:` → svws.url, svws.state."""

    def __init__(self, username="kaoa", password="geheim-123", schema="gesamtschule"):
        self.state = SvwsState(username, password, schema)
        handler = type("BoundHandler", (Handler,), {"state": self.state})
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"

    def __enter__(self):
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
