"""Serves the progressive web app from frontend/ (no build step)."""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, abort, send_from_directory

FRONTEND_DIR = Path(__file__).resolve().parent.parent / "frontend"

frontend = Blueprint("frontend", __name__)

_NO_CACHE = {"sw.js", "index.html", "manifest.webmanifest"}
# Only what the browser needs is served: notes for engineers (README.md) and anything else
# that lands in frontend/ by accident stay private.
_SERVED_SUFFIXES = (".html", ".js", ".css", ".json", ".png", ".svg", ".ico", ".webmanifest")
_NEVER_SERVED = {"package.json", "package-lock.json", "eslint.config.js"}


def _servable(filename: str) -> bool:
    parts = filename.split("/")
    return (
        parts[0] != "api"
        and filename.endswith(_SERVED_SUFFIXES)
        and not any(part.startswith(".") for part in parts)
        and parts[-1] not in _NEVER_SERVED
    )


def _send(filename: str):
    response = send_from_directory(FRONTEND_DIR, filename)
    if filename in _NO_CACHE:
        response.headers["Cache-Control"] = "no-cache"
    if filename == "sw.js":
        response.headers["Service-Worker-Allowed"] = "/"
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
