"""Pessimistic disconnect handling for pooled connections that sat idle.

SQLAlchemy's `pool_pre_ping` tests every connection at every checkout: one extra database
round trip per request, although a connection used a few milliseconds ago is as good as
alive. Here only connections idle for at least `DB_PING_IDLE_SECONDS` (default 30 s) are
tested — those a database restart, a failover or a firewall's idle timeout may have cut
while the server was quiet. A dead one is replaced before the request uses it.

What is given up: a database that restarts while the server is busy fails the statement of
at most one request per worker and pooled connection; SQLAlchemy then recognises the
disconnect and replaces the pool's older connections. `DB_PING_IDLE_SECONDS=0` tests every
checkout again (pool_pre_ping).
"""

from __future__ import annotations

import time

from sqlalchemy import event, exc
from sqlalchemy.engine import Engine

_CHECKED_IN_AT = "anschluss_checked_in_at"


def ping_idle_connections(engine: Engine, idle_seconds: float) -> None:
    if engine.dialect.name == "sqlite":
        return  # a file, not a server: nothing can cut the connection

    @event.listens_for(engine, "connect")
    @event.listens_for(engine, "checkin")
    def _remember_last_use(_dbapi_connection, record):
        if record is not None:
            record.info[_CHECKED_IN_AT] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _ping_if_idle(dbapi_connection, record, _proxy):
        checked_in_at = record.info.get(_CHECKED_IN_AT)
        if checked_in_at is not None and time.monotonic() - checked_in_at < idle_seconds:
            return
        try:
            engine.dialect.do_ping(dbapi_connection)
        except Exception as error:  # whatever the driver raises for a dead connection
            # The pool discards this connection and checks out a fresh one.
            raise exc.DisconnectionError("idle connection failed its ping") from error
