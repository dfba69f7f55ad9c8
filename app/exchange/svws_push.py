"""Push the year-end KAoA records to the school's SVWS-Server, and keep its connection.

Idempotent: a record whose Lernabschnitt, Kategorie, Merkmal and Zusatzmerkmal already exist
on the server is patched where option, Berufsfeld, Ebene 4 or Bemerkung differ, and left
alone otherwise; missing ones are created. A pupil is found by the SVWS id the roster import
stored (SchILD's "Interne ID-Nummer"); the Lernabschnitt by school year and Halbjahr.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import current_app
from sqlalchemy import select

from app.core import audit, clock
from app.core.errors import Conflict, Invalid
from app.exchange import credentials, kaoa_export
from app.exchange.models import SvwsConnection
from app.exchange.svws_client import SvwsClient, SvwsError
from app.extensions import db

MATCH = ("abschnitt", "kategorie", "merkmal", "zusatzmerkmal")
PATCHABLE = ("jahrgang", "anschlussoption", "berufsfeld", "ebene4", "bemerkung")


def _connection(school_id: int) -> SvwsConnection | None:
    return db.session.scalar(select(SvwsConnection).where(SvwsConnection.school_id == school_id))


def connection_view(school_id: int) -> dict:
    """The connection without its password (which is never sent back)."""
    connection = _connection(school_id)
    if connection is None:
        return {"configured": False}
    return {
        "configured": True,
        "base_url": connection.base_url,
        "schema": connection.schema,
        "username": connection.username,
        "verify_tls": connection.verify_tls,
        "updated_at": connection.updated_at,
    }


def _check_url(url: str) -> str:
    parts = urlsplit(url)
    schemes = ("https", "http") if current_app.config["SVWS_ALLOW_HTTP"] else ("https",)
    if parts.scheme not in schemes or not parts.hostname or parts.username or parts.query:
        raise Invalid("svws-url-invalid", field="base_url")
    return url.rstrip("/")


def save_connection(user, school_id: int, data: dict) -> dict:
    connection = _connection(school_id) or SvwsConnection(school_id=school_id)
    if connection.id is None and not data.get("password"):
        raise Invalid("svws-password-missing", field="password")
    connection.base_url = _check_url(data["base_url"])
    connection.schema = data["schema"]
    connection.username = data["username"]
    connection.verify_tls = data.get("verify_tls", True)
    if data.get("password"):
        connection.password_encrypted = credentials.encrypt(data["password"])
    connection.updated_at = clock.now()
    connection.updated_by_id = user.id
    db.session.add(connection)
    db.session.flush()
    return connection_view(school_id)


def delete_connection(school_id: int) -> None:
    connection = _connection(school_id)
    if connection is not None:
        db.session.delete(connection)
        db.session.flush()


def _client(school_id: int) -> SvwsClient:
    connection = _connection(school_id)
    if connection is None:
        raise Conflict("svws-not-configured")
    return SvwsClient(
        connection.base_url,
        connection.schema,
        connection.username,
        credentials.decrypt(connection.password_encrypted),
        connection.verify_tls,
    )


def _abschnitt(sections: list[dict], schuljahr: int, halbjahr: int) -> int | None:
    """The SVWS id of the pupil's Lernabschnitt in that school year (the Halbjahr's, else the
    last one of the year; a section before a class change is skipped)."""
    in_year = [s for s in sections if s.get("schuljahr") == schuljahr and not s.get("wechselNr")]
    exact = [s for s in in_year if s.get("abschnitt") == halbjahr]
    chosen = exact or sorted(in_year, key=lambda s: s.get("abschnitt") or 0)[-1:]
    return chosen[0]["id"] if chosen else None


def _push_pupil(client: SvwsClient, svws_id: int, pupil: dict, counts: dict) -> None:
    abschnitt = _abschnitt(client.lernabschnitte(svws_id), pupil["schuljahr"], pupil["halbjahr"])
    if abschnitt is None:
        counts["skipped"].append({"pupil_id": pupil["pupil_id"], "reason": "no-lernabschnitt"})
        return
    existing = {tuple(e.get(k) for k in MATCH): e for e in client.kaoa(svws_id)}
    for record in pupil["kaoa"]:
        record = {**record, "abschnitt": abschnitt}
        found = existing.get(tuple(record[k] for k in MATCH))
        if found is None:
            client.create(svws_id, {k: v for k, v in record.items() if k != "id"})
            counts["created"] += 1
            continue
        changes = {k: record[k] for k in PATCHABLE if found.get(k) != record[k]}
        if changes:
            client.patch(svws_id, found["id"], changes)
            counts["updated"] += 1
        else:
            counts["unchanged"] += 1


def push(user, school_id: int, school_year_id: int | None = None) -> dict:
    client = _client(school_id)
    document = kaoa_export.build(school_id, school_year_id)
    counts = {"created": 0, "updated": 0, "unchanged": 0, "skipped": [], "failed": []}
    sent = []
    for pupil in document["pupils"]:
        if not pupil["kaoa"]:
            continue
        external = (pupil["external_id"] or "").strip()
        if not external.isdigit():
            counts["skipped"].append({"pupil_id": pupil["pupil_id"], "reason": "no-svws-id"})
            continue
        try:
            _push_pupil(client, int(external), pupil, counts)
            sent.append(pupil["pupil_id"])
        except SvwsError as error:
            counts["failed"].append({"pupil_id": pupil["pupil_id"], "status": error.status})
    audit.record(
        user, "transfer", "svws_push", sent, audit.Purpose.CLASS_MANAGEMENT, ("identity", "kaoa")
    )
    return {"school_year": document["school_year"], **counts}
