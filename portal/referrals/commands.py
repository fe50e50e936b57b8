"""Commands of the referrals domain: the overdue and consent reminders (the retention purge,
which spans domains, is portal/cli.py's)."""
import click
from flask.cli import with_appcontext


@click.command("remind-referrals")
@with_appcontext
def remind_referrals_command():
    """Mail the receivers of referrals unanswered for 2 working days (once each)."""
    from portal.referrals.services import send_overdue_reminders

    referrals = send_overdue_reminders()
    for referral in referrals:
        click.echo(f"reminded the receivers of referral {referral.id}")
    click.echo(f"{len(referrals)} overdue referral(s) reminded.")


@click.command("remind-consent")
@with_appcontext
def remind_consent_command():
    """Mail each OCMW once about the consents that end within 30 days."""
    from portal.referrals.services import send_consent_reminders

    candidates = send_consent_reminders()
    for candidate in candidates:
        click.echo(f"reminded OCMW {candidate.organisation_id} of candidate {candidate.id}'s consent")
    click.echo(f"{len(candidates)} consent reminder(s) sent.")


def register(cli_group):
    cli_group.add_command(remind_consent_command)
    cli_group.add_command(remind_referrals_command)
