"""PostgreSQL-only DDL that autogenerate cannot see, kept apart so regeneration keeps it.

`scripts/regen-migration.sh` makes the initial revision call `upgrade()` after creating the
tables and `downgrade()` before dropping them. `app/core/audit.py` attaches the same
statements (`app/core/audit_ddl.py`) to `db.create_all()` on PostgreSQL, so tests see the
database the migration builds.
"""

from __future__ import annotations

from alembic import op
from sqlalchemy import text

from app.core.audit_ddl import AUDIT_APPEND_ONLY_DDL

# The statements themselves are the app's (app/core/audit_ddl.py): the app and the migration
# build the same database, and core imports nothing from migrations.
DROP_AUDIT_APPEND_ONLY = (
    "DROP TRIGGER IF EXISTS audit_events_append_only ON audit_events",
    "DROP FUNCTION IF EXISTS audit_events_refuse_change()",
)

# Enum types outlive their tables on PostgreSQL; a downgrade to base drops those left over
# so that a following upgrade can create them again.
DROP_ORPHANED_ENUMS = """
DO $$
DECLARE enum_type record;
BEGIN
    FOR enum_type IN
        SELECT t.typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
        WHERE t.typtype = 'e' AND n.nspname = current_schema()
    LOOP
        EXECUTE format('DROP TYPE IF EXISTS %I CASCADE', enum_type.typname);
    END LOOP;
END;
$$
"""


def _is_postgresql() -> bool:
    return op.get_bind().dialect.name == "postgresql"


def upgrade() -> None:
    """Run after the tables exist."""
    if _is_postgresql():
        for statement in AUDIT_APPEND_ONLY_DDL:
            op.execute(text(statement))


def downgrade() -> None:
    """Run before the tables are dropped."""
    if _is_postgresql():
        for statement in DROP_AUDIT_APPEND_ONLY:
            op.execute(text(statement))


def downgrade_finish() -> None:
    """Run after the tables are dropped."""
    if _is_postgresql():
        op.execute(text(DROP_ORPHANED_ENUMS))
