"""Two people deciding at once: the conditional UPDATE lets only one win.

Each test simulates the loser: its session still holds the record as `pending` (it read it
before the winner committed) while the database already holds the decision.
"""
import pytest
from flask_babel import force_locale
from sqlalchemy import text

from portal.core.audit import AuditEntry
from portal.core.errors import Conflict
from portal.extensions import db
from portal.organisations import services
from portal.organisations.models import Membership, Organisation
from tests import factories


def decided_behind_the_sessions_back(sql, **params):
    """Another worker commits a decision on its own connection; this session's objects stay stale."""
    with db.engine.begin() as connection:
        connection.execute(text(sql), params)


def test_a_stale_pending_organisation_cannot_be_decided_twice(admin, moderator, mailbox):
    newcomer = factories.organisation("Nieuwe Horizon vzw", "sie", status="pending")
    factories.member(newcomer, "founder@horizon.test", role="admin")
    stale = db.session.get(Organisation, newcomer.id)
    assert stale.status == "pending"
    decided_behind_the_sessions_back("UPDATE organisations SET status = 'rejected' WHERE id = :id", id=newcomer.id)
    assert stale.status == "pending"  # the session still believes it is pending
    with force_locale("en"):  # the message is lazy: read it in English
        with pytest.raises(Conflict) as caught:
            services.approve_organisation(admin, newcomer.id)
        assert "rejected" in str(caught.value.message)
    db.session.expire_all()
    assert db.session.get(Organisation, newcomer.id).status == "rejected"
    assert db.session.execute(db.select(AuditEntry)).first() is None
    assert mailbox == []


def test_a_stale_membership_request_cannot_be_approved_twice(ocmw_admin, ocmw, mailbox):
    applicant = factories.member(ocmw, "applicant@ocmw-anderlecht.test", status="pending")
    membership = db.session.execute(db.select(Membership).where(Membership.user_id == applicant.id)).scalar_one()
    decided_behind_the_sessions_back("UPDATE memberships SET status = 'approved' WHERE id = :id", id=membership.id)
    with pytest.raises(Conflict):
        services.approve_membership(ocmw_admin, ocmw.id, applicant.id)
    assert db.session.execute(db.select(AuditEntry)).first() is None
    assert mailbox == []


def test_a_stale_membership_request_cannot_be_declined_once_approved(ocmw_admin, ocmw, mailbox):
    applicant = factories.member(ocmw, "applicant@ocmw-anderlecht.test", status="pending")
    membership = db.session.execute(db.select(Membership).where(Membership.user_id == applicant.id)).scalar_one()
    decided_behind_the_sessions_back("UPDATE memberships SET status = 'approved' WHERE id = :id", id=membership.id)
    with pytest.raises(Conflict):
        services.decline_membership(ocmw_admin, ocmw.id, applicant.id)
    db.session.expire_all()
    assert db.session.execute(db.select(Membership).where(Membership.user_id == applicant.id)).scalar_one().status \
        == "approved"
    assert mailbox == []
