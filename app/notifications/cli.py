"""`flask notifications send|remind`: the e-mail sender and the daily reminder job."""

from __future__ import annotations

import time
from datetime import date

import click
from flask.cli import AppGroup

notifications_cli = AppGroup("notifications", help="Send queued e-mails and reminders.")


@notifications_cli.command("send")
@click.option("--limit", default=200, show_default=True, help="Mails per pass.")
@click.option(
    "--watch",
    type=float,
    default=None,
    help="Keep running, sending every N seconds (a background worker).",
)
@click.option("--retry-failed", is_flag=True, help="Queue mails that gave up again first.")
def send_command(limit: int, watch: float | None, retry_failed: bool):
    """Deliver due e-mails from the outbox (SMTP, or the console in development)."""
    from app.notifications import mail

    if retry_failed:
        click.echo(f"requeued: {mail.retry_failed()}")
    while True:
        counts = mail.send_pending(limit=limit)
        click.echo(
            f"mails sent: {counts['sent']}, failed: {counts['failed']}, "
            f"skipped: {counts['skipped']}"
        )
        if watch is None:
            return
        time.sleep(watch)


@notifications_cli.command("remind")
@click.option(
    "--today",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Pretend today is this date (YYYY-MM-DD); default: today in Germany.",
)
def remind_command(today):
    """Remind pupils of confirmed bookings starting tomorrow (safe to run repeatedly)."""
    from app.extensions import db
    from app.notifications.reminders import remind

    day: date | None = today.date() if today else None
    count = remind(day)
    db.session.commit()
    click.echo(f"reminders: {count}")
