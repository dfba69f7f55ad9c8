#!/usr/bin/env bash
# Run the suite again on PostgreSQL (browser tests ran on SQLite already).
set -eu
if .venv/bin/python -c "import psycopg; psycopg.connect('postgresql://postgres@127.0.0.1:5432/postgres', connect_timeout=3).close()" 2>/dev/null; then
  ANSCHLUSS_TEST_DB=postgresql .venv/bin/python -m pytest -q -m "not browser"
elif [ -n "${CI:-}" ]; then
  echo "ERROR: CI is set but PostgreSQL at 127.0.0.1:5432 is unreachable" >&2
  exit 1
else
  echo "WARNING: PostgreSQL not reachable: skipped the PostgreSQL run" >&2
fi
