"""`flask anschluss …`: maintenance jobs of the Anschluss feature."""

from __future__ import annotations

from datetime import date

import click
from flask.cli import AppGroup

from app.dashboards import snapshots
from app.extensions import db

anschluss_cli = AppGroup("anschluss", help="Anschluss tracking jobs.")


@anschluss_cli.command("snapshot")
@click.option(
    "--date",
    "day",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Take the snapshot for the week of this day (default: today).",
)
def snapshot(day):
    """Write this week's cohort counts per school (idempotent: safe to run daily or weekly)."""
    result = snapshots.take_snapshot(day.date() if day else None)
    db.session.commit()
    week: date | None = result["week_start"]
    click.echo(f"anschluss snapshot: week {week or '-'}, {result['rows']} rows")


@anschluss_cli.command("freeze-rounds")
def freeze_rounds():
    """Freeze every identification round whose cut-off has passed (run nightly; idempotent)."""
    from app.verantwortungskette import round_snapshots

    count = round_snapshots.freeze_due_rounds()
    db.session.commit()
    click.echo(f"identification rounds frozen: {count}")
