"""Alembic migrations; a package so revisions can import `migrations.extra_ddl`."""
