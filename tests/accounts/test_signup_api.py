"""POST /api/v1/signup: the three kinds of account, validation, and nothing half-created."""
import pytest

from portal.accounts.models import User
from portal.core.audit import AuditEntry
from portal.extensions import db
from portal.organisations.models import Membership, Organisation
from tests import factories
from tests.accounts.conftest import STRONG, mails_to, new_organisation, signup_body


def count(model):
    return db.session.execute(db.select(db.func.count()).select_from(model)).scalar_one()


def test_participant_signup_answers_201_like_me(client, mailbox):
    response = client.post("/api/v1/signup", json=signup_body(email="Pat@Example.BE"))
    assert response.status_code == 201
    body = response.get_json()
    assert body["email"] == "pat@example.be"
    assert body["name"] == "Nadia Newcomer" and body["language"] == "fr"
    assert body["organisation"] is None and body["is_admin"] is False and body["email_verified"] is False
    assert body["calendar_feed_url"].startswith("http://localhost/calendar/")
    assert set(body) >= {"id", "email", "name", "language", "is_admin", "organisation", "calendar_feed_url"}
    user = db.session.get(User, body["id"])
    assert user.feed_secret and user.email_verified_at is None
    assert not any(secret in str(body) for secret in (user.password_hash, user.feed_secret))


def test_new_organisation_is_pending_with_the_creator_as_admin(client, mailbox, admin, moderator, mail_languages):
    admin.language = "nl"
    moderator.language = "en"
    db.session.commit()
    response = client.post("/api/v1/signup", json=signup_body(organisation=new_organisation()))
    assert response.status_code == 201
    organisation = response.get_json()["organisation"]
    assert organisation["status"] == "pending" and organisation["role"] == "admin"
    assert organisation["membership_status"] == "approved" and organisation["type"] == "sie"
    stored = db.session.get(Organisation, organisation["id"])
    assert stored.enterprise_number == "0403019261" and stored.commune == "forest-vorst"
    # the platform admin and the federation moderator are told, each in their language
    assert len(mails_to(mailbox, admin.email)) == 1
    assert "Atelier Vert" in mails_to(mailbox, moderator.email)[0].get_content()
    assert "http://localhost/organisations/pending" in mails_to(mailbox, moderator.email)[0].get_content()
    # admin (nl), moderator (en), then the newcomer's verification mail (fr)
    assert mail_languages == ["nl", "en", "fr"]


def test_joining_asks_the_organisation_admins(client, mailbox, ocmw, ocmw_admin, ocmw_member):
    response = client.post("/api/v1/signup", json=signup_body(organisation_id=ocmw.id))
    assert response.status_code == 201
    organisation = response.get_json()["organisation"]
    assert organisation["id"] == ocmw.id and organisation["membership_status"] == "pending"
    assert organisation["role"] == "member"
    request_mail = mails_to(mailbox, ocmw_admin.email)
    assert len(request_mail) == 1 and "Nadia Newcomer" in request_mail[0].get_content()
    assert f"http://localhost/organisations/{ocmw.id}/members" in request_mail[0].get_content()
    assert mails_to(mailbox, ocmw_member.email) == []  # only admins decide


def test_signup_mails_a_verification_link_and_is_audited(client, mailbox):
    body = client.post("/api/v1/signup", json=signup_body()).get_json()
    assert len(mails_to(mailbox, "newcomer@example.be")) == 1
    entry = db.session.execute(db.select(AuditEntry).where(AuditEntry.action == "account.signed_up")).scalar_one()
    assert entry.subject_id == body["id"] and entry.details == {"kind": "participant"}


@pytest.mark.parametrize("password, reason", [
    ("short", "at least 10"),
    ("newcomer@example.be", "e-mail"),
    ("password123", "common"),
])
def test_weak_passwords_are_422_on_password(client, password, reason):
    response = client.post("/api/v1/signup", json=signup_body(password=password))
    assert response.status_code == 422
    fields = response.get_json()["error"]["fields"]
    assert list(fields) == ["password"] and reason in fields["password"][0].lower()


def test_taken_email_is_422_on_email(client):
    factories.user("taken@example.be")
    response = client.post("/api/v1/signup", json=signup_body(email="TAKEN@Example.be"))
    assert response.status_code == 422
    assert "email" in response.get_json()["error"]["fields"]


def test_registered_enterprise_number_suggests_joining(client):
    factories.organisation("OCMW Anderlecht", "ocmw", enterprise_number="0403019261")
    organisation = new_organisation(enterprise_number="BE 0403.019.261")
    response = client.post("/api/v1/signup", json=signup_body(organisation=organisation))
    assert response.status_code == 422
    message = response.get_json()["error"]["fields"]["organisation.enterprise_number"][0]
    assert "OCMW Anderlecht" in message and "join" in message


@pytest.mark.parametrize("status", ["pending", "rejected"])
def test_joining_an_unapproved_organisation_is_422(client, status):
    organisation = factories.organisation("Not yet", "host", status=status)
    response = client.post("/api/v1/signup", json=signup_body(organisation_id=organisation.id))
    assert response.status_code == 422
    assert "organisation_id" in response.get_json()["error"]["fields"]


@pytest.mark.parametrize("organisation_id", [999999, 0, -1, 2**63, "1"])
def test_unknown_or_malformed_organisation_id_is_422(client, organisation_id):
    response = client.post("/api/v1/signup", json=signup_body(organisation_id=organisation_id))
    assert response.status_code == 422
    assert "organisation_id" in response.get_json()["error"]["fields"]


@pytest.mark.parametrize("organisation, field", [
    (new_organisation(enterprise_number="0431.150.351"), "organisation.enterprise_number"),
    (new_organisation(commune="paris"), "organisation.commune"),
    (new_organisation(type="bank"), "organisation.type"),
    (new_organisation(name=""), "organisation.name"),
    (new_organisation(name="x" * 201), "organisation.name"),
    (new_organisation(website="not a url"), "organisation.website"),
    (new_organisation(status="approved"), "organisation.status"),
    ({}, "organisation.name"),
    ("Atelier", "organisation"),
])
def test_bad_new_organisation_is_422_naming_the_field(client, organisation, field):
    response = client.post("/api/v1/signup", json=signup_body(organisation=organisation))
    assert response.status_code == 422
    assert field in response.get_json()["error"]["fields"]


@pytest.mark.parametrize("body, field", [
    (signup_body(email="not-an-address"), "email"),
    (signup_body(email=42), "email"),
    (signup_body(name=""), "name"),
    (signup_body(name="n" * 201), "name"),
    (signup_body(language="de"), "language"),
    (signup_body(is_admin=True), "is_admin"),
    ({k: v for k, v in signup_body().items() if k != "password"}, "password"),
])
def test_bad_fields_are_422_naming_them(client, body, field):
    response = client.post("/api/v1/signup", json=body)
    assert response.status_code == 422
    assert field in response.get_json()["error"]["fields"]


def test_both_organisation_and_organisation_id_is_422(client, ocmw):
    response = client.post("/api/v1/signup", json=signup_body(organisation=new_organisation(), organisation_id=ocmw.id))
    assert response.status_code == 422
    assert "organisation_id" in response.get_json()["error"]["fields"]


@pytest.mark.parametrize("raw", [b"{not json", b"\xff\xfe", b"[1, 2"])
def test_malformed_json_is_400(client, raw):
    response = client.post("/api/v1/signup", data=raw, content_type="application/json")
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "malformed_json"


def test_a_refused_signup_leaves_nothing_behind(client, mailbox):
    factories.organisation("OCMW Anderlecht", "ocmw", enterprise_number="0403019261")
    before = (count(User), count(Organisation), count(Membership), count(AuditEntry))
    # everything valid except the password: neither the user nor the organisation may appear
    response = client.post("/api/v1/signup", json=signup_body(password="short", organisation=new_organisation()))
    assert response.status_code == 422
    # a valid password, but the enterprise number is taken
    taken = new_organisation(enterprise_number="0403019261")
    assert client.post("/api/v1/signup", json=signup_body(organisation=taken)).status_code == 422
    assert (count(User), count(Organisation), count(Membership), count(AuditEntry)) == before
    assert mailbox == []


def test_the_server_decides_rights_and_status(client):
    body = signup_body(organisation=new_organisation())
    body["organisation"]["website"] = "https://atelier-vert.example.be"
    response = client.post("/api/v1/signup", json=body)
    assert response.status_code == 201
    user = db.session.get(User, response.get_json()["id"])
    assert user.is_admin is False and user.membership.organisation.status == "pending"
    assert user.membership.organisation.website == "https://atelier-vert.example.be"


def test_new_account_cannot_get_a_token_before_verifying(client):
    client.post("/api/v1/signup", json=signup_body())
    response = client.post("/api/v1/tokens", json={"email": "newcomer@example.be", "password": STRONG})
    assert response.status_code == 401
