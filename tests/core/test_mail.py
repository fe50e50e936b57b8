"""Mail is stored in the change's own transaction and leaves through the outbox worker, in the
recipient's language, over real SMTP (the local aiosmtpd server)."""
from flask_babel import lazy_gettext as _l

from portal.core import outbox_worker
from portal.core.mail import queue_mail
from portal.extensions import db
from tests.core.outbox_helpers import queue_probes, rows


def test_a_committed_mail_is_stored_then_delivered_by_the_worker(app, smtp_server):
    with app.test_request_context():
        queue_mail("anne@example.test", "fr", "test_probe", _l("Log in"), name="Anne")
        assert rows(app) == []  # not before commit
        db.session.commit()
    [row] = rows(app)
    assert (row.kind, row.status, row.recipient, row.attempts) == ("mail", "pending", "anne@example.test", 0)
    assert smtp_server.received == []  # no request ever talks to SMTP
    result = outbox_worker.deliver_due(app)
    assert result.delivered == [row.id]
    [message] = smtp_server.received
    assert message["To"] == "anne@example.test"
    assert message["Subject"] == "Se connecter"
    assert message["Message-ID"] == row.message_id
    assert "Anne" in message.get_content()
    [sent] = rows(app)
    assert sent.status == "sent" and sent.sent_at is not None
    assert sent.payload == b""  # the content goes once delivered; the row stays for operators


def test_a_rolled_back_change_stores_no_mail(app, mailbox):
    with app.test_request_context():
        queue_mail("anne@example.test", "nl", "test_probe", _l("Log in"), name="Anne")
        db.session.rollback()
        db.session.commit()
    assert rows(app) == []
    assert mailbox == []


def test_a_second_pass_delivers_nothing_again(app, smtp_server):
    queue_probes(app)
    assert len(outbox_worker.deliver_due(app).delivered) == 1
    assert outbox_worker.deliver_due(app).delivered == []
    assert len(smtp_server.received) == 1


def test_without_mail_server_the_worker_writes_eml_files(app, mailbox, tmp_path):
    app.config.update(MAIL_SERVER=None, MAIL_OUTBOX_DIR=str(tmp_path / "outbox"))
    queue_probes(app)
    assert not (tmp_path / "outbox").exists()  # the change only stored it
    outbox_worker.deliver_due(app)
    files = list((tmp_path / "outbox").glob("*.eml"))
    assert len(files) == 1 and b"anne@example.test" in files[0].read_bytes()
    assert rows(app)[0].message_id.strip("<>").split("@")[0] in files[0].name
    assert mailbox == []


def test_without_any_mail_server_in_production_the_mail_waits(app, mailbox):
    app.config.update(MAIL_SERVER=None, MAIL_OUTBOX_DIR=None)
    queue_probes(app)
    result = outbox_worker.deliver_due(app)
    assert result.retrying and result.relay_down
    [row] = rows(app)
    assert row.status == "pending" and "no MAIL_SERVER" in row.last_error


def test_the_message_id_is_fixed_when_the_mail_is_written(app):
    with app.test_request_context():
        message = queue_mail("anne@example.test", "en", "test_probe", _l("Log in"), name="Anne")
        db.session.commit()
    [row] = rows(app)
    assert row.message_id == message.msgId
    assert f"Message-ID: {row.message_id}".encode() in row.payload
    assert row.message_id.endswith("@tandem.brussels>")  # the sender's domain, not this machine's name
