"""Commands of the referrals domain: the retention purge and the overdue reminders."""
import click
from flask.cli import with_appcontext


@click.command("purge")
@with_appcontext
def purge_command():
    """Apply the retention rules (API.md §5) and print what was anonymised."""
    from portal.referrals.services import purge

    candidates = purge()
    for candidate in candidates:
        click.echo(f"anonymised candidate {candidate.id} (organisation {candidate.organisation_id})")
    click.echo(f"{len(candidates)} candidate(s) anonymised; placement facts kept.")


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
    cli_group.add_command(purge_command)
    cli_group.add_command(remind_consent_command)
    cli_group.add_command(remind_referrals_command)
