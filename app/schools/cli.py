"""`flask schoolyear rollover`: open the new school year from the command line."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from app.extensions import db
from app.schools import rollover

schoolyear_cli = AppGroup("schoolyear", help="School-year tasks.")


@schoolyear_cli.command("rollover")
@click.option("--school-id", type=int, default=None, help="Only this school (default: all).")
@click.option("--to", "school_year", default=None, help="The year to open, e.g. 2027/28.")
@click.option("--commit", is_flag=True, help="Write (default: preview only).")
def rollover_command(school_id: int | None, school_year: str | None, commit: bool):
    """Move classes up with pupils and teachers, archive leaving classes (idempotent)."""
    result = rollover.rollover(None, "commit" if commit else "preview", school_id, school_year)
    db.session.commit()
    click.echo(f"rollover {result['from_year']} → {result['to_year']} ({result['mode']})")
    for plan in result["schools"]:
        moves = ", ".join(f"{m['from_name']}→{m['to_name']}" for m in plan["moves"])
        archived = ", ".join(a["name"] for a in plan["archived"])
        click.echo(f"  {plan['school_name']}: {moves or '–'}; archived: {archived or '–'}")
