"""`flask --app wsgi send-webhooks [--watch]`: the webhook worker.

Until the mail outbox of issue #13 lands (then deliveries become one more kind of outbox row,
delivered by `send-mail`), webhooks have this worker of their own, with the same guarantee:
rows written in the change's transaction, delivered by the worker, retried, never lost."""
import time

import click
from flask.cli import with_appcontext


@click.command("send-webhooks")
@click.option("--watch", is_flag=True, help="keep delivering (the production worker) instead of once")
@with_appcontext
def send_webhooks_command(watch):
    """Deliver the webhook posts that are due, once (or for ever with --watch)."""
    from portal.webhooks.delivery import send_due

    while True:
        outcome = send_due()
        if outcome or not watch:
            click.echo(", ".join(f"{count} {status}" for status, count in sorted(outcome.items())) or "nothing due")
        if not watch:
            return
        time.sleep(1)


def register(cli):
    cli.add_command(send_webhooks_command)
