"""Commands of the offers domain: the daily offer alerts of saved searches."""
import click
from flask.cli import with_appcontext


@click.command("send-offer-alerts")
@with_appcontext
def send_offer_alerts_command():
    """Mail each saved search's owner the offers published since the previous run (daily)."""
    from portal.offers.alerts import send_offer_alerts

    sent = send_offer_alerts()
    for search, offers in sent:
        click.echo(f"saved search {search.id}: {len(offers)} new offer(s) mailed")
    click.echo(f"{len(sent)} alert mail(s) sent.")


def register(cli_group):
    cli_group.add_command(send_offer_alerts_command)
