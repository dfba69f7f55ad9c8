"""`flask notifications send`: the e-mail sender. (`flask notifications remind`, the daily
booking reminder, belongs to the internships feature and joins this group in app/cli.py.)"""

from __future__ import annotations

import time

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
    from app.notifications import mail, push

    if retry_failed:
        click.echo(f"requeued: {mail.retry_failed()}")
    while True:
        counts = mail.send_pending(limit=limit)
        click.echo(
            f"mails sent: {counts['sent']}, failed: {counts['failed']}, "
            f"skipped: {counts['skipped']}"
        )
        pushed = push.send_pending(limit=limit)
        click.echo(
            f"pushes sent: {pushed['sent']}, failed: {pushed['failed']}, "
            f"subscriptions removed: {pushed['removed']}"
        )
        if watch is None:
            return
        time.sleep(watch)
