"""Command-line tasks: seeding, maintenance jobs."""

from __future__ import annotations

import click
from flask import Flask
from flask.cli import AppGroup

seed_cli = AppGroup("seed", help="Load reference and demo data.")


@seed_cli.command("reference")
def seed_reference():
    """Load reference data (Schulformen, Berufsfelder, Anschluss options …)."""
    from app.extensions import db
    from seeds.loader import load_reference

    counts = load_reference()
    db.session.commit()
    click.echo(f"reference data: {counts}")


@seed_cli.command("schools")
@click.option("--kommune", "kommune_name", required=True, help="Kommune name, e.g. Dortmund.")
@click.option(
    "--regional-key",
    "regional_key_prefix",
    default=None,
    help="Regionalschlüssel prefix (e.g. 158 for Kreis Mettmann); default: match the place name.",
)
def seed_schools(kommune_name: str, regional_key_prefix: str | None):
    """Import the current NRW schools of one Kommune from the official school list."""
    from app.extensions import db
    from seeds.loader import import_schools

    count = import_schools(kommune_name, regional_key_prefix)
    if not count:
        raise click.ClickException(f"no current schools found for {kommune_name!r}")
    db.session.commit()
    click.echo(f"schools of {kommune_name}: {count}")


@seed_cli.command("demo")
def seed_demo():
    """Create the deterministic demo region (development only)."""
    from flask import current_app

    if current_app.config["ENV_NAME"] not in ("development", "testing"):
        raise click.ClickException("the demo region exists only in development")
    from app.extensions import db
    from seeds.demo import seed_demo_region

    counts = seed_demo_region()
    db.session.commit()
    click.echo(f"demo region: {counts}")


audit_cli = AppGroup("audit", help="Check the audit log.")


@audit_cli.command("verify")
def audit_verify():
    """Check every link of the audit chain; exit 1 naming the first broken row."""
    from app.core.audit import verify_chain

    result = verify_chain()
    if result.broken:
        broken = result.broken
        click.echo(
            f"audit chain BROKEN at row id {broken.row_id} (seq {broken.seq}): {broken.reason}; "
            f"{result.rows} rows before it are intact",
            err=True,
        )
        raise SystemExit(1)
    click.echo(
        f"audit chain intact: {result.rows} rows; head seq {result.head_seq} {result.head_hash}"
    )


def register_cli(app: Flask) -> None:
    app.cli.add_command(seed_cli)
    app.cli.add_command(audit_cli)
    from app.auth.cli import users_cli  # `flask users reset-password`

    app.cli.add_command(users_cli)
    from app.dashboards.cli import anschluss_cli  # `flask anschluss snapshot`

    app.cli.add_command(anschluss_cli)
    from app.internships.cli import remind_command
    from app.notifications.cli import notifications_cli

    notifications_cli.add_command(remind_command)
    app.cli.add_command(notifications_cli)
    from app.privacy.cli import retention_cli

    app.cli.add_command(retention_cli)
    from app.schools.cli import schoolyear_cli  # `flask schoolyear rollover`
    from app.vacancies.cli import vacancies_cli  # `flask vacancies import --kommune …`

    app.cli.add_command(vacancies_cli)

    app.cli.add_command(schoolyear_cli)
