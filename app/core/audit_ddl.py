"""PostgreSQL DDL that makes the audit log append-only; used by `db.create_all()` (core/audit.py)
and by the migration (migrations/extra_ddl.py), so both build the same database."""

# The audit log is append-only (docs/security.md §1 no. 22, §3): the database itself refuses
# UPDATE and DELETE, whatever the application does. A statement-level trigger also refuses
# statements that match no row. TRUNCATE stays possible for the table owner (test clean-up,
# a deliberate purge of expired audit data by an administrator).
AUDIT_APPEND_ONLY_FUNCTION = """
CREATE OR REPLACE FUNCTION audit_events_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$
"""

AUDIT_APPEND_ONLY_TRIGGER = """
CREATE TRIGGER audit_events_append_only
BEFORE UPDATE OR DELETE ON audit_events
FOR EACH STATEMENT EXECUTE FUNCTION audit_events_refuse_change()
"""

AUDIT_APPEND_ONLY_DDL = (AUDIT_APPEND_ONLY_FUNCTION, AUDIT_APPEND_ONLY_TRIGGER)
