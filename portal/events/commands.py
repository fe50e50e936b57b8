"""`flask --app wsgi send-reminders` (API.md §1)."""
import click
from flask.cli import with_appcontext


@click.command("send-reminders")
@with_appcontext
def send_reminders_command():
    """E-mail confirmed registrants of events starting within the next 48 hours, once each."""
    from portal.events.services import send_reminders

    sent = send_reminders()
    click.echo(f"Sent {sent} reminder(s).")


def register(cli_group):
    cli_group.add_command(send_reminders_command)
