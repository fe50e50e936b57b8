"""Service rules of candidates: consent, confidentiality, revocation, erasure, audit."""
from datetime import date, timedelta

import pytest

from portal.core.audit import AuditEntry
from portal.core.errors import Forbidden, NotFound
from portal.extensions import db
from portal.referrals import permissions, queries, services
from portal.referrals.forms import CandidateForm
from portal.referrals.models import Candidate, Placement
from portal.referrals.serialise import candidate_for_receiver
from tests.referrals import builders as b


def test_ocmw_member_records_candidate_with_consent_and_recorder(ocmw_member):
    candidate = b.candidate(ocmw_member)
    assert candidate.organisation_id == ocmw_member.membership.organisation_id
    assert candidate.consent_recorded_by_id == ocmw_member.id
    assert candidate.consent_date == date(2026, 11, 1)


@pytest.mark.parametrize("who", ["sie_member", "host_member", "participant", "admin", "moderator"])
def test_only_ocmw_members_record_candidates(request, who):
    with pytest.raises(Forbidden):
        b.candidate(request.getfixturevalue(who))
    assert db.session.query(Candidate).count() == 0


def _form(**overrides):
    from werkzeug.datastructures import MultiDict

    data = {"first_name": "Amina", "last_initial": "B", "commune": "anderlecht", "consent": "y",
            "consent_date": date.today().isoformat()}
    data.update(overrides)
    return CandidateForm(formdata=MultiDict({k: v for k, v in data.items() if v is not None}),
                         meta={"csrf": False})


def test_form_requires_consent_and_a_consent_date_not_in_the_future():
    assert _form().validate()
    form = _form(consent=None)
    assert not form.validate() and "consent" in form.errors
    form = _form(consent_date=(date.today() + timedelta(days=1)).isoformat())
    assert not form.validate() and "consent_date" in form.errors
    form = _form(consent_date=None)
    assert not form.validate() and "consent_date" in form.errors


def test_form_refuses_unknown_commune_and_language():
    form = _form(commune="paris")
    assert not form.validate() and "commune" in form.errors


@pytest.mark.parametrize("who", ["other_ocmw_member", "sie_member", "host_member", "participant", "admin",
                                 "moderator"])
def test_nobody_outside_the_ocmw_sees_its_candidate(request, ocmw_member, who):
    candidate = b.candidate(ocmw_member)
    user = request.getfixturevalue(who)
    with pytest.raises(NotFound):
        permissions.get_candidate_for(user, candidate.id)
    assert db.session.execute(permissions.candidates_visible_to(user)).all() == []
    for action in (queries.candidate_record, services.revoke_consent, services.erase_candidate):
        with pytest.raises(NotFound):
            action(user, candidate.id)
    assert db.session.get(Candidate, candidate.id).first_name == "Amina"


def test_every_read_is_audit_logged_for_the_ocmw(ocmw_member):
    candidate = b.candidate(ocmw_member)
    queries.candidate_record(ocmw_member, candidate.id)
    entry = db.session.query(AuditEntry).filter_by(action="candidate.read").one()
    assert (entry.actor_id, entry.subject_id, entry.organisation_id) == (
        ocmw_member.id, candidate.id, candidate.organisation_id)


def test_revoking_consent_hides_identity_from_recipients(ocmw_member, host_member):
    candidate = b.candidate(ocmw_member)
    referral = b.referral(ocmw_member, candidate, b.offer(host_member))
    assert candidate_for_receiver(candidate)["first_name"] == "Amina"
    services.revoke_consent(ocmw_member, candidate.id)
    seen, side = queries.referral_page(host_member, referral.id)
    view = candidate_for_receiver(seen.candidate)
    assert side == "receiving" and view["withheld"] is True and view["first_name"] is None
    assert view["skills"] == "" and view["commune"] is None


def test_erasure_wipes_personal_fields_and_keeps_placement_facts(ocmw_member, host_member):
    referral = b.placed(ocmw_member, host_member)
    candidate_id = db.session.get(type(referral), referral.id).candidate_id
    services.erase_candidate(ocmw_member, candidate_id)
    candidate = db.session.get(Candidate, candidate_id)
    assert candidate.is_erased
    assert (candidate.first_name, candidate.last_initial, candidate.reference, candidate.birth_year,
            candidate.notes, candidate.skills) == ("", "", "", None, "", "")
    placement = db.session.query(Placement).one()
    assert placement.started_on == date(2026, 1, 5) and placement.function == "kitchen_help"
    assert db.session.query(AuditEntry).filter_by(action="candidate.erase").count() == 1
