#!/usr/bin/env bash
# Regenerate the single initial Alembic revision from the current models (until the first
# release). Autogenerates against a fresh, empty SQLite database, then hooks in the
# PostgreSQL-only DDL of migrations/extra_ddl.py (append-only trigger on audit_events).
#   scripts/regen-migration.sh            # writes migrations/versions/0001_initial_schema.py
set -euo pipefail
cd "$(dirname "$0")/.."

PY=.venv/bin/python
FLASK=.venv/bin/flask
[ -x "$FLASK" ] || { echo "run 'make install' first (.venv missing)" >&2; exit 1; }

workdir="$(mktemp -d)"
trap 'rm -rf "$workdir"' EXIT

rm -f migrations/versions/*.py
rm -rf migrations/versions/__pycache__

export ANSCHLUSS_ENV=development
export ANSCHLUSS_INSTANCE_DIR="$workdir"
export SECRET_KEY=regen-migration-only
export DATABASE_URL="sqlite:///$workdir/empty.db"

"$FLASK" --app wsgi db migrate -m "initial schema" --rev-id 0001 >"$workdir/log" 2>&1 \
  || { cat "$workdir/log" >&2; exit 1; }

revision="$(ls migrations/versions/0001_*.py)"

"$PY" - "$revision" <<'PYEOF'
import re
import sys

path = sys.argv[1]
source = open(path, encoding="utf-8").read()
source = source.replace(
    "import sqlalchemy as sa\n",
    "import sqlalchemy as sa\n\nfrom migrations import extra_ddl\n",
    1,
)
# upgrade(): extra DDL after the tables exist.
source = re.sub(
    r"(def upgrade\(\):\n(?:(?!\ndef ).)*?)(\n\n\ndef downgrade)",
    r"\1\n    extra_ddl.upgrade()\2",
    source,
    count=1,
    flags=re.S,
)
# downgrade(): drop the extra DDL first, clean up leftover types at the end.
source = source.replace(
    "def downgrade():\n",
    "def downgrade():\n    extra_ddl.downgrade()\n",
    1,
)
source = source.rstrip("\n") + "\n    extra_ddl.downgrade_finish()\n"
open(path, "w", encoding="utf-8").write(source)
PYEOF

# A fresh SQLite database must upgrade cleanly with the new revision.
DATABASE_URL="sqlite:///$workdir/check.db" "$FLASK" --app wsgi db upgrade >"$workdir/log" 2>&1 \
  || { cat "$workdir/log" >&2; exit 1; }
echo "wrote $revision"
