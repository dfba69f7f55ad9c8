"""Alembic environment for Flask-Migrate: the app's metadata, batch mode for SQLite.

`flask db upgrade` runs this with the application's configuration (DATABASE_URL).
"""

import logging
from logging.config import fileConfig

import sqlalchemy as sa
from alembic import context
from alembic.operations import ops
from flask import current_app

config = context.config

# Keep the application's loggers alive when migrations run inside a process (tests, CLI).
fileConfig(config.config_file_name, disable_existing_loggers=False)
logger = logging.getLogger("alembic.env")


def get_engine():
    return current_app.extensions["migrate"].db.engine


def get_engine_url():
    return get_engine().url.render_as_string(hide_password=False).replace("%", "%%")


config.set_main_option("sqlalchemy.url", get_engine_url())
target_db = current_app.extensions["migrate"].db


def get_metadata():
    return target_db.metadata


def render_item(type_, obj, autogen_context):
    """Render the app's UTC datetime type as the plain column type it stores.

    A revision must not depend on application classes that may change later.
    """
    from app.core.db import UTCDateTime

    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False


CONTEXT_OPTIONS = {
    "compare_type": True,
    "compare_server_default": False,
    "render_as_batch": True,  # SQLite cannot ALTER most things; batch mode copies the table
    "render_item": render_item,
}


def run_migrations_offline():
    """Emit SQL to stdout instead of running it (`flask db upgrade --sql`)."""
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=get_metadata(),
        literal_binds=True,
        **CONTEXT_OPTIONS,
    )
    with context.begin_transaction():
        context.run_migrations()


def defer_use_alter_foreign_keys(script) -> None:
    """Create foreign keys marked `use_alter=True` after all tables, drop them first.

    Such keys break a cycle between two tables (e.g. users ↔ providers); autogenerate would
    render them inside create_table, where the referred table may not exist yet.
    """
    deferred = []
    for operation in script.upgrade_ops.ops:
        if not isinstance(operation, ops.CreateTableOp):
            continue
        keep = []
        for item in operation.columns:
            if isinstance(item, sa.ForeignKeyConstraint) and item.use_alter:
                deferred.append(item)
            else:
                keep.append(item)
        operation.columns = keep
    for constraint in deferred:
        table = constraint.table.name
        script.upgrade_ops.ops.append(
            ops.ModifyTableOps(table, [ops.CreateForeignKeyOp.from_constraint(constraint)])
        )
        script.downgrade_ops.ops.insert(
            0, ops.ModifyTableOps(table, [ops.DropConstraintOp.from_constraint(constraint)])
        )


def run_migrations_online():
    def process_revision_directives(context, revision, directives):
        if getattr(config.cmd_opts, "autogenerate", False):
            script = directives[0]
            if script.upgrade_ops.is_empty():
                # No empty revision when autogenerate finds no change.
                directives[:] = []
                logger.info("No changes in schema detected.")
                return
            defer_use_alter_foreign_keys(script)

    conf_args = dict(current_app.extensions["migrate"].configure_args)
    conf_args.setdefault("process_revision_directives", process_revision_directives)
    conf_args.update(CONTEXT_OPTIONS)

    with get_engine().connect() as connection:
        context.configure(connection=connection, target_metadata=get_metadata(), **conf_args)
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
