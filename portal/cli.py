"""Flask commands (API.md §1). Each one calls services; none holds business rules."""
import click
from flask.cli import with_appcontext


@click.command("create-admin")
@click.argument("email")
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True)
@click.option("--name", default="Platform administrator")
@with_appcontext
def create_admin_command(email, password, name):
    """Create (or reset) a platform administrator, verified and usable at once."""
    from portal.accounts.admin import create_or_reset_admin
    from portal.core.errors import Invalid

    try:
        user, created = create_or_reset_admin(email, password, name)
    except Invalid as error:
        for field, messages in error.fields.items():
            for message in messages:
                click.echo(f"{field}: {message}", err=True)
        raise SystemExit(1) from None
    click.echo(f"{'Created' if created else 'Reset'} platform administrator {user.email}")


@click.command("demo")
@click.option("--offers", default=0, type=click.IntRange(min=0), help="synthetic published offers to add")
@click.option("--events", default=0, type=click.IntRange(min=0), help="synthetic published events to add")
@click.option("--candidates", default=0, type=click.IntRange(min=0), help="synthetic candidates to add")
@with_appcontext
def demo_command(offers, events, candidates):
    """Load the demo data set (idempotently), then any synthetic volume asked for."""
    from portal import demo

    demo.load(offers=offers, events=events, candidates=candidates, echo=click.echo)


@click.command("purge")
@with_appcontext
def purge_command():
    """Apply the retention rules (API.md §5; guests: docs/notes/events.md) and print what was
    anonymised or deleted."""
    from portal.events.services import purge_guest_data
    from portal.referrals.services import purge

    candidates = purge()
    for candidate in candidates:
        click.echo(f"anonymised candidate {candidate.id} (organisation {candidate.organisation_id})")
    click.echo(f"{len(candidates)} candidate(s) anonymised; placement facts kept.")
    requests, registrations = purge_guest_data()
    click.echo(f"{requests} expired guest request(s) deleted; {registrations} guest registration(s) "
               "of past study days erased.")


@click.command("send-mail")
@click.option("--watch", is_flag=True, help="keep delivering until stopped (the production worker)")
@click.option("--poll", default=1.0, type=click.FloatRange(min=0.1, max=60), help="seconds between looks when idle")
@with_appcontext
def send_mail_command(watch, poll):
    """Deliver the outbox: what is due once, or, with --watch, until SIGTERM or Ctrl-C."""
    import signal
    import threading

    from flask import current_app

    from portal.core import outbox_worker

    app = current_app._get_current_object()
    if not app.config.get("MAIL_SERVER") and not app.config.get("MAIL_OUTBOX_DIR"):
        click.echo("warning: no MAIL_SERVER is configured; mail waits in the outbox", err=True)
    if not watch:
        result = outbox_worker.deliver_due(app)
        outbox_worker.prune(app)
        click.echo(f"{len(result.delivered)} delivered, {len(result.retrying)} to retry, "
                   f"{len(result.failed)} failed.")
        return
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):  # finish the mail in hand (at most MAIL_TIMEOUT), then stop
        signal.signal(signum, lambda *_: stop.set())
    outbox_worker.watch(app, poll=poll, stop=stop)


def init_app(app):
    import importlib
    import importlib.util

    app.cli.add_command(create_admin_command)
    app.cli.add_command(demo_command)
    app.cli.add_command(purge_command)
    app.cli.add_command(send_mail_command)
    # Domain commands (the reminders) live beside their domain's services.
    for domain in ("accounts", "organisations", "offers", "referrals", "events", "reports"):
        if importlib.util.find_spec(f"portal.{domain}.commands"):
            importlib.import_module(f"portal.{domain}.commands").register(app.cli)
