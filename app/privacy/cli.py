"""`flask retention run`: the nightly retention job (the Verantwortungskette's own schedule for
closed cases, the registry-driven pupil stages of `retention.py`, then auth's clean-up of
stale login challenges and failure counts)."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from app.auth import maintenance as auth_maintenance
from app.extensions import db
from app.notifications import mail
from app.privacy import retention as pupil_retention
from app.verantwortungskette import retention

retention_cli = AppGroup("retention", help="Delete or pseudonymise data whose time is up.")


@retention_cli.command("run")
@click.option("--batch-size", default=retention.DEFAULT_BATCH, show_default=True, type=int)
@click.option("--months", default=None, type=int, help="Override RETENTION_CASE_MONTHS.")
def run(batch_size: int, months: int | None):
    """Delete closed cases, pseudonymise transfer logs, then delete app-only and expired
    school-record data of pupils who left, then stale login challenges and failure counts, then
    mails sent more than MAIL_RETENTION_DAYS ago (idempotent; commits per batch)."""
    counts = retention.run(months=months, batch_size=batch_size, commit=db.session.commit)
    counts |= pupil_retention.run(batch_size=batch_size, commit=db.session.commit)
    counts |= auth_maintenance.run()
    counts["mails_purged"] = mail.purge_sent()
    db.session.commit()
    click.echo("retention: " + ", ".join(f"{name}={count}" for name, count in counts.items()))
