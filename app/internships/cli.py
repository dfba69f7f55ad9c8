"""`flask notifications remind`: the daily reminder of bookings starting tomorrow (attached to
the notifications command group by app/cli.py)."""

from __future__ import annotations

from datetime import date

import click


@click.command("remind")
@click.option(
    "--today",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Pretend today is this date (YYYY-MM-DD); default: today in Germany.",
)
def remind_command(today):
    """Remind pupils of confirmed bookings starting tomorrow (safe to run repeatedly)."""
    from app.extensions import db
    from app.internships.reminders import remind

    day: date | None = today.date() if today else None
    count = remind(day)
    db.session.commit()
    click.echo(f"reminders: {count}")
