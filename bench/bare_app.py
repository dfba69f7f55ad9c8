"""The floor under /health: a bare Flask app, served by the same gunicorn as the real one.

`/health` answers without a database; `/health-db` runs `SELECT 1` on a pooled SQLAlchemy
engine (no pre-ping), as the real health check does. What the real `/api/v1/health` costs on
top of `/health-db` is the app's per-request overhead (session, policy, headers, transaction).
"""

from __future__ import annotations

import os

from flask import Flask
from sqlalchemy import create_engine, text

app = Flask(__name__)
_engine = None


def _database():
    global _engine
    if _engine is None:
        _engine = create_engine(os.environ["DATABASE_URL"])
    return _engine


@app.get("/health")
def health():
    return {"status": "ok"}


@app.get("/health-db")
def health_db():
    with _database().connect() as connection:
        connection.execute(text("SELECT 1"))
    return {"status": "ok"}
