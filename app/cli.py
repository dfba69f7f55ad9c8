"""Command-line tasks: seeding, maintenance jobs."""

from __future__ import annotations

import click
from flask import Flask
from flask.cli import AppGroup

seed_cli = AppGroup("seed", help="Load reference and demo data.")


@seed_cli.command("reference")
def seed_reference():
    """Load reference data (Schulformen, Berufsfelder, Anschluss options …)."""
    from seeds.loader import load_reference

    counts = load_reference()
    click.echo(f"reference data: {counts}")


@seed_cli.command("demo")
def seed_demo():
    """Create the deterministic demo region (development only)."""
    from flask import current_app

    if current_app.config["ENV_NAME"] not in ("development", "testing"):
        raise click.ClickException("the demo region exists only in development")
    from seeds.demo import seed_demo_region

    counts = seed_demo_region()
    click.echo(f"demo region: {counts}")


def register_cli(app: Flask) -> None:
    app.cli.add_command(seed_cli)
