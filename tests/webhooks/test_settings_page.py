"""/organisations/{id}/webhooks: the admin's settings page — register (the secret shown once, never
cached), remove, and the delivery log; everyone else gets a 404."""
import re

import pytest

from portal.core import outbox_worker
from portal.webhooks.models import Webhook
from tests.referrals import builders


def test_the_admin_registers_a_webhook_on_the_page(client, login, ocmw_admin, ocmw, csrf_token, private_allowed):
    login(ocmw_admin)
    path = f"/organisations/{ocmw.id}/webhooks"
    page = client.get(path)
    assert page.status_code == 200 and "No webhook yet." in page.get_data(as_text=True)
    response = client.post(path, data={"csrf_token": csrf_token(path), "url": "http://127.0.0.1:9/in",
                                       "events": ["referral.moved", "event.changed"]})
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    webhook = Webhook.query.one()
    assert webhook.secret in html and webhook.events == ["event.changed", "referral.moved"]
    assert webhook.secret not in client.get(path).get_data(as_text=True)  # once


def test_a_refused_url_is_shown_beside_the_field(client, login, ocmw_admin, ocmw, csrf_token):
    login(ocmw_admin)
    path = f"/organisations/{ocmw.id}/webhooks"
    response = client.post(path, data={"csrf_token": csrf_token(path), "url": "https://127.0.0.1/x",
                                       "events": ["referral.moved"]})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert re.search(r'id="url-error"[^>]*>\s*The URL points to a private or local address', html)
    assert Webhook.query.count() == 0


def test_the_log_shows_each_delivery(app, client, login, ocmw_admin, ocmw, sie_member, register, private_allowed,
                                     receiver):
    register(ocmw_admin, receiver.url, events=["offer.published"])
    with app.test_request_context():
        builders.offer(sie_member)
    outbox_worker.deliver_due(app)
    login(ocmw_admin)
    html = client.get(f"/organisations/{ocmw.id}/webhooks").get_data(as_text=True)
    assert "<code>offer.published</code>" in html and "Delivered" in html and "HTTP 200" in html


def test_the_admin_removes_a_webhook(client, login, ocmw_admin, ocmw, register, csrf_token, private_allowed):
    webhook, _secret = register(ocmw_admin, "http://127.0.0.1:9/in")
    login(ocmw_admin)
    path = f"/organisations/{ocmw.id}/webhooks"
    response = client.post(f"{path}/{webhook.id}/delete", data={"csrf_token": csrf_token(path)})
    assert response.status_code == 302 and Webhook.query.count() == 0


@pytest.mark.parametrize("role", ["ocmw_member", "sie_admin", "admin", "participant"])
def test_everyone_else_gets_a_404(client, login, request, ocmw, role):
    login(request.getfixturevalue(role))
    assert client.get(f"/organisations/{ocmw.id}/webhooks").status_code == 404


def test_a_visitor_is_sent_to_the_login(client, ocmw):
    assert client.get(f"/organisations/{ocmw.id}/webhooks").status_code == 302
