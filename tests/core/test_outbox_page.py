"""/admin/outbox: platform administrators see failed and waiting mail and send it again."""
import re
from datetime import timedelta

import pytest

from portal.core import outbox_worker
from portal.core.audit import AuditEntry
from portal.extensions import db
from tests.core.outbox_helpers import closed_port, queue_probes, rows

REFUSED = ["participant", "ocmw_admin", "ocmw_member", "sie_admin", "moderator", "partner_member"]


@pytest.fixture
def one_failed_one_waiting(app, mailbox):
    """Two mails to different people: the first failed after MAIL_RETRY_HOURS, the second waiting."""
    smtp_port = app.config["MAIL_PORT"]
    app.config.update(MAIL_PORT=closed_port())
    queue_probes(app, to="failed@example.test")
    created = rows(app)[0].created_at
    outbox_worker.deliver_due(app, now=created + timedelta(hours=73))
    queue_probes(app, to="waiting@example.test")
    outbox_worker.deliver_due(app)
    app.config.update(MAIL_PORT=smtp_port)  # the relay answers again
    failed, waiting = rows(app)
    assert (failed.status, waiting.status) == ("failed", "pending")
    return failed, waiting


def form_token(page):
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)


def test_admins_see_failed_and_waiting_mail_with_the_reason(client, login, admin, one_failed_one_waiting):
    login(admin)
    response = client.get("/admin/outbox")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Failed (1)" in page and "Waiting (1)" in page
    assert "failed@example.test" in page and "waiting@example.test" in page
    assert "cannot reach the mail server" in page
    assert "Send again" in page
    assert 'href="/admin/outbox"' in client.get("/").get_data(as_text=True)  # in the navigation


def test_send_again_delivers_a_failed_mail_once_and_is_audited(client, login, admin, one_failed_one_waiting,
                                                              mailbox):
    failed, _ = one_failed_one_waiting
    login(admin)
    token = form_token(client.get("/admin/outbox").get_data(as_text=True))
    response = client.post(f"/admin/outbox/{failed.id}/send-again", data={"csrf_token": token})
    assert response.status_code == 302 and response.headers["Location"].endswith("/admin/outbox")
    again = {row.id: row for row in rows(app=client.application)}[failed.id]
    assert again.status == "pending" and again.give_up_at > again.created_at + timedelta(hours=72)
    entry = db.session.execute(db.select(AuditEntry).where(AuditEntry.action == "outbox.send_again")).scalar_one()
    assert (entry.actor_id, entry.subject_id, entry.details["recipient"]) == (admin.id, failed.id,
                                                                               "failed@example.test")
    delivered = [m for m in mailbox if m["To"] == "failed@example.test"]
    assert len(delivered) == 1 and delivered[0]["Message-ID"] == failed.message_id
    assert "is queued again" in client.get("/admin/outbox").get_data(as_text=True)


def test_delivered_mail_cannot_be_sent_again(app, client, login, admin, mailbox):
    queue_probes(app)
    assert len(mailbox) == 1
    [row] = rows(app)
    login(admin)
    token = form_token(client.get("/admin/outbox").get_data(as_text=True))
    client.post(f"/admin/outbox/{row.id}/send-again", data={"csrf_token": token})
    assert "already been delivered" in client.get("/admin/outbox").get_data(as_text=True)
    assert rows(app)[0].status == "sent" and len(mailbox) == 1


def test_an_unknown_mail_is_404(client, login, admin, csrf_token):
    login(admin)
    token = csrf_token("/admin/outbox")
    assert client.post("/admin/outbox/999999/send-again", data={"csrf_token": token}).status_code == 404
    assert client.post("/admin/outbox/99999999999999999999/send-again", data={"csrf_token": token}).status_code == 404


def test_send_again_without_the_csrf_token_is_400(client, login, admin, one_failed_one_waiting):
    failed, _ = one_failed_one_waiting
    login(admin)
    assert client.post(f"/admin/outbox/{failed.id}/send-again").status_code == 400
    assert rows(client.application)[0].status == "failed"


@pytest.mark.parametrize("role", REFUSED)
def test_only_platform_admins_see_the_outbox(request, client, login, role, one_failed_one_waiting, csrf_token):
    failed, _ = one_failed_one_waiting
    login(request.getfixturevalue(role))
    response = client.get("/admin/outbox")
    assert response.status_code == 403
    assert "failed@example.test" not in response.get_data(as_text=True)
    token = csrf_token("/")  # the log-out form's: a valid token of this session
    assert client.post(f"/admin/outbox/{failed.id}/send-again", data={"csrf_token": token}).status_code == 403
    assert rows(client.application)[0].status == "failed"
    assert 'href="/admin/outbox"' not in client.get("/").get_data(as_text=True)


def test_anonymous_visitors_are_sent_to_log_in(client, one_failed_one_waiting):
    failed, _ = one_failed_one_waiting
    assert "/login" in client.get("/admin/outbox").headers["Location"]
    response = client.post(f"/admin/outbox/{failed.id}/send-again")
    assert response.status_code in (302, 400)  # never carried out
    assert rows(client.application)[0].status == "failed"


def test_the_page_runs_the_same_queries_whatever_the_number_of_mails(app, client, login, admin, count_queries):
    app.config.update(MAIL_PORT=closed_port())
    login(admin)
    queue_probes(app, count=2)
    client.get("/admin/outbox")
    with count_queries() as few:
        client.get("/admin/outbox")
    queue_probes(app, count=20)
    with count_queries() as many:
        client.get("/admin/outbox")
    assert len(few) == len(many)


@pytest.mark.parametrize("lang, words", [("nl", ("Uitgaande mail", "Opnieuw versturen")),
                                         ("fr", ("E-mails sortants", "Renvoyer"))])
def test_the_page_speaks_the_admins_language(client, login, admin, one_failed_one_waiting, lang, words):
    login(admin)
    page = client.get(f"/admin/outbox?lang={lang}").get_data(as_text=True)
    assert f'lang="{lang}"' in page
    assert all(word in page for word in words)
