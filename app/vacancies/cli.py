"""`flask vacancies import --kommune NAME`: fetch the Kommune's Ausbildungsplätze from the
Bundesagentur für Arbeit's jobsuche API (run it e.g. nightly: refreshed and expired each time)."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import AppGroup

vacancies_cli = AppGroup("vacancies", help="Ausbildungsplätze.")


@vacancies_cli.command("import")
@click.option("--kommune", "kommune_name", required=True, help="Kommune name, e.g. Dortmund.")
@click.option("--radius", type=int, default=None, help="Search radius in km (JOBSUCHE_RADIUS_KM).")
def import_command(kommune_name: str, radius: int | None):
    """Import the Kommune's Ausbildung offers (angebotsart 4) with source and link."""
    from sqlalchemy import select

    from app.extensions import db
    from app.schools.models import Kommune
    from app.vacancies.jobsuche import JobsucheError, http_fetcher, import_vacancies

    config = current_app.config
    if not config["JOBSUCHE_API_KEY"]:
        raise click.ClickException("JOBSUCHE_API_KEY is not set")
    kommune = db.session.scalar(select(Kommune).where(Kommune.name == kommune_name))
    if kommune is None:
        raise click.ClickException(f"no Kommune named {kommune_name!r}")
    fetch = http_fetcher(
        config["JOBSUCHE_BASE_URL"],
        config["JOBSUCHE_API_KEY"],
        kommune.name,
        radius or config["JOBSUCHE_RADIUS_KM"],
    )
    try:
        counts = import_vacancies(kommune, fetch)
    except JobsucheError as error:
        db.session.rollback()
        raise click.ClickException(str(error)) from error
    db.session.commit()
    click.echo(f"vacancies of {kommune.name}: {counts}")
