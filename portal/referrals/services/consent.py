"""Scoped consent (API.md §6.4): given on a date, optionally until a date and for named
receiving organisations; every step kept in the candidate's consent history; a reminder to
the OCMW 30 days before it ends."""
from datetime import timedelta

from flask_babel import format_date
from flask_babel import lazy_gettext as _l
from sqlalchemy import update

from portal.core import audit
from portal.core.errors import Conflict, Invalid
from portal.core.types import BRUSSELS, utcnow
from portal.core.use_case import parsed, use_case
from portal.extensions import db
from portal.organisations.models import Organisation
from portal.referrals import notify, permissions
from portal.referrals.models import Candidate, ConsentRecord

REMINDER_DAYS = 30
# Organisations a candidate is referred to: those that publish offers.
RECEIVING_TYPES = ("sie", "host")


def checked_scope(data):
    """(given_on, expires_on, organisation_ids) from validated form data, or Invalid: the end
    after the day it was given, and only approved receiving organisations named."""
    given_on, expires_on = data["consent_date"], data.get("consent_expires_on")
    ids = data.get("consent_organisation_ids")
    errors = {}
    if expires_on is not None and expires_on <= given_on:
        errors["consent_expires_on"] = [_l("The consent must end after the day it was given.")]
    if ids:
        ids = sorted(set(ids))
        known = set(db.session.execute(db.select(Organisation.id).where(
            Organisation.id.in_(ids), Organisation.status == "approved",
            Organisation.type.in_(RECEIVING_TYPES))).scalars())
        if known != set(ids):
            errors["consent_organisation_ids"] = [_l("Name only approved host organisations or social "
                                                     "integration enterprises.")]
    if errors:
        raise Invalid(fields=errors)
    return given_on, expires_on, (ids or None)


def record_consent(candidate, actor, action, given_on=None, expires_on=None, organisation_ids=None):
    """Apply a consent step to the candidate and keep it in its history (the caller commits)."""
    if action != "revoked":
        candidate.consent_date, candidate.consent_expires_on = given_on, expires_on
        candidate.consent_organisation_ids = organisation_ids
        candidate.consent_recorded_by_id = actor.id
        candidate.consent_revoked_at = None
        candidate.consent_reminder_sent_at = None
    record = ConsentRecord(action=action, at=utcnow(), by_id=getattr(actor, "id", None), given_on=given_on,
                           expires_on=expires_on, organisation_ids=organisation_ids)
    if candidate.id is None:
        record.candidate = candidate  # inserted with it
    else:
        record.candidate_id = candidate.id  # without loading the history
    db.session.add(record)


@use_case
def renew_consent(actor, candidate_id, data):
    """The owning OCMW records consent given again (after expiry or revocation, or to widen
    its scope): a new date, end and scope; referrals are possible again within it. `data` may
    be a parser, run once access is decided."""
    candidate = permissions.get_candidate_for(actor, candidate_id)
    data = parsed(data, candidate)
    if candidate.is_erased:
        raise Conflict(_l("This candidate's personal data has been erased."))
    given_on, expires_on, ids = checked_scope(data)
    record_consent(candidate, actor, "renewed", given_on, expires_on, ids)
    audit.record(actor, "candidate.consent_renewed", candidate, organisation_id=candidate.organisation_id)
    return candidate


def check_referral_allowed(candidate, organisation):
    """A referral needs consent in force that covers the receiving organisation (else 409)."""
    if candidate.consent_revoked:
        raise Conflict(_l("This candidate has revoked their consent: no new referral is possible."))
    if candidate.consent_expired:
        raise Conflict(_l("The person's consent ended on %(date)s: renew it before referring them.",
                          date=format_date(candidate.consent_expires_on, "long")))
    if not candidate.consent_covers(organisation.id):
        raise Conflict(_l("The person's consent does not cover %(organisation)s: renew it with this organisation "
                          "in its scope before referring them.", organisation=organisation.name))


def due_for_consent_reminder(today):
    """Ids of candidates whose consent ends within REMINDER_DAYS and who were not reminded."""
    return db.session.execute(db.select(Candidate.id).where(
        Candidate.erased_at.is_(None), Candidate.consent_revoked_at.is_(None),
        Candidate.consent_expires_on.between(today, today + timedelta(days=REMINDER_DAYS)),
        Candidate.consent_reminder_sent_at.is_(None),
    ).order_by(Candidate.id)).scalars().all()


def claim_consent_reminder(candidate_id, now):
    """Take the reminder of one candidate with one conditional UPDATE: True for the one run
    (of several, on several machines) whose UPDATE changed the row, False for any other."""
    return db.session.execute(
        update(Candidate).where(Candidate.id == candidate_id, Candidate.consent_reminder_sent_at.is_(None))
        .values(consent_reminder_sent_at=now).execution_options(synchronize_session=False)
    ).rowcount == 1


def send_consent_reminders(now=None):
    """Mail the OCMW once about each consent that ends within 30 days. Each candidate is
    claimed before its mail is queued, so two machines running the command at once never
    both mail it; the claim and the mail commit together."""
    now = now or utcnow()
    reminded = []
    for candidate_id in due_for_consent_reminder(now.astimezone(BRUSSELS).date()):
        if not claim_consent_reminder(candidate_id, now):
            db.session.rollback()
            continue
        candidate = db.session.get(Candidate, candidate_id)
        notify.mail_consent_ending(candidate)
        audit.record(None, "candidate.consent_reminder", candidate, organisation_id=candidate.organisation_id)
        db.session.commit()
        reminded.append(candidate)
    return reminded


def receiving_organisations():
    """(id, name) of the organisations a consent may name, for the forms' choices."""
    rows = db.session.execute(db.select(Organisation.id, Organisation.name).where(
        Organisation.status == "approved", Organisation.type.in_(RECEIVING_TYPES)
    ).order_by(Organisation.name, Organisation.id)).all()
    return [(organisation_id, name) for organisation_id, name in rows]
