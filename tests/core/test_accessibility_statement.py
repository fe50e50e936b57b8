"""The accessibility statement, in three languages, with a way to report a barrier."""
import pytest

from portal.core.audit import AuditEntry
from portal.extensions import db


@pytest.mark.parametrize("language, title", [
    ("nl", "Toegankelijkheidsverklaring"), ("fr", "Déclaration d'accessibilité"), ("en", "Accessibility statement"),
])
def test_the_statement_exists_in_three_languages(client, language, title):
    page = client.get(f"/accessibility?lang={language}").get_data(as_text=True)
    assert title in page and "WCAG" in page and "2.1" in page


def test_every_page_links_to_the_statement(client):
    assert 'href="/accessibility"' in client.get("/").get_data(as_text=True)


def test_a_barrier_report_is_mailed_to_the_contact(app, client, csrf_token, mailbox):
    response = client.post("/accessibility", data={
        "csrf_token": csrf_token("/accessibility"), "page": "/events/1",
        "description": "The agenda cannot be read with my screen reader.", "email": "anne@example.be",
    })
    assert response.status_code == 302
    (message,) = mailbox
    assert message["To"] == app.config["ACCESSIBILITY_CONTACT"]
    body = message.get_content()
    assert "/events/1" in body and "screen reader" in body and "anne@example.be" in body
    assert db.session.execute(db.select(AuditEntry).filter_by(action="accessibility.barrier_reported")).scalar_one()


def test_an_empty_report_is_refused_next_to_the_field(client, csrf_token, mailbox):
    response = client.post("/accessibility", data={"csrf_token": csrf_token("/accessibility"), "description": ""})
    assert response.status_code == 422
    assert 'id="description-error"' in response.get_data(as_text=True)
    assert mailbox == []


def test_a_report_without_csrf_token_is_refused(client, mailbox):
    assert client.post("/accessibility", data={"description": "x"}).status_code == 400
    assert mailbox == []
