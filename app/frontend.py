"""Serves the progressive web app from frontend/ (no build step)."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from flask import Blueprint, abort, current_app, request, send_from_directory

FRONTEND_DIR = Path(__file__).resolve().parent.parent / "frontend"

frontend = Blueprint("frontend", __name__)

_NO_CACHE = {"sw.js", "index.html", "manifest.webmanifest"}
# Only what the browser needs is served: notes for engineers (README.md) and anything else
# that lands in frontend/ by accident stay private.
_SERVED_SUFFIXES = (".html", ".js", ".css", ".json", ".png", ".svg", ".ico", ".webmanifest")
_NEVER_SERVED = {"package.json", "package-lock.json", "eslint.config.js"}
_SW_VERSION = re.compile(r"^const VERSION = '([^']+)';$", re.M)
# The served files as they stand: (path, mtime, size) of each → their content fingerprint.
_fingerprints: dict[tuple, str] = {}


def _servable(filename: str) -> bool:
    parts = filename.split("/")
    return (
        parts[0] != "api"
        and filename.endswith(_SERVED_SUFFIXES)
        and not any(part.startswith(".") for part in parts)
        and parts[-1] not in _NEVER_SERVED
    )


def app_fingerprint(folder: Path = FRONTEND_DIR) -> str:
    """A short hash of every served file of the app except the service worker itself.

    The service worker serves the app from its cache first, so a changed file reaches users only
    with a changed sw.js: appending this to its VERSION makes every change a new version, even
    when nobody bumped it by hand. Hashed by content (the same on every server of a
    deployment); recomputed only when a file's time stamp or size changed.
    """
    files = sorted(
        path
        for path in folder.rglob("*")
        if path.is_file()
        and path.name != "sw.js"
        and _servable(path.relative_to(folder).as_posix())
    )
    stamp = tuple((p.as_posix(), p.stat().st_mtime_ns, p.stat().st_size) for p in files)
    if stamp not in _fingerprints:
        digest = hashlib.sha256()
        for path in files:
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
        _fingerprints.clear()
        _fingerprints[stamp] = digest.hexdigest()[:12]
    return _fingerprints[stamp]


def _service_worker():
    source = (FRONTEND_DIR / "sw.js").read_text(encoding="utf-8")
    fingerprint = app_fingerprint()
    body = _SW_VERSION.sub(lambda m: f"const VERSION = '{m.group(1)}-{fingerprint}';", source, 1)
    response = current_app.response_class(body, mimetype="text/javascript")
    response.headers["Cache-Control"] = "no-cache"
    response.headers["Service-Worker-Allowed"] = "/"
    response.set_etag(hashlib.sha256(body.encode()).hexdigest()[:32])
    return response.make_conditional(request)


def _send(filename: str):
    if filename == "sw.js":
        return _service_worker()
    response = send_from_directory(FRONTEND_DIR, filename)
    if filename in _NO_CACHE:
        response.headers["Cache-Control"] = "no-cache"
    if filename.endswith(".webmanifest"):
        response.mimetype = "application/manifest+json"
    return response


@frontend.get("/")
def index():
    return _send("index.html")


@frontend.get("/<path:filename>")
def asset(filename: str):
    if not _servable(filename):
        abort(404)
    return _send(filename)
