"""The outbox under failure: a relay that is down or silent, a worker that dies, retries and
giving up. Real SMTP servers (aiosmtpd) and real sockets throughout."""
import time
from datetime import timedelta

import pytest
from sqlalchemy.orm import Session

from portal import create_app
from portal.core import outbox, outbox_worker
from portal.core.types import utcnow
from portal.extensions import db
from tests.core.outbox_helpers import closed_port, dribbling_relay, queue_probes, rows, silent_relay
from tests.smtp import SMTPServer

SIGNUP = {"email": "nadia@example.be", "password": "a-long-passphrase-for-tandem", "name": "Nadia",
          "language": "fr"}


def test_smtp_down_the_change_commits_and_the_mail_waits_then_goes_once(app, client):
    port = closed_port()
    app.config.update(MAIL_PORT=port)
    assert client.post("/api/v1/signup", json=SIGNUP).status_code == 201
    result = outbox_worker.deliver_due(app)
    assert result.relay_down and result.delivered == []
    [waiting] = rows(app)
    assert waiting.status == "pending" and waiting.attempts == 1
    assert "cannot reach the mail server" in waiting.last_error

    relay = SMTPServer(port=port)
    relay.start()
    try:
        later = waiting.next_attempt_at
        assert outbox_worker.deliver_due(app, now=later).delivered == [waiting.id]
        assert outbox_worker.deliver_due(app, now=later + timedelta(minutes=5)).delivered == []
        [verification] = relay.received
    finally:
        relay.stop()
    assert verification["To"] == SIGNUP["email"]
    assert verification["Message-ID"] == waiting.message_id  # the same Message-ID across retries
    assert "/verify/" in verification.get_content()


def test_while_the_relay_is_down_the_others_stay_due_for_when_it_answers(app):
    app.config.update(MAIL_PORT=closed_port())
    queue_probes(app, count=3)
    result = outbox_worker.deliver_due(app)
    assert len(result.retrying) == 1  # one try, then the pass stops
    assert [row.attempts for row in rows(app)] == [1, 0, 0]


def test_a_silent_relay_never_holds_a_request_and_the_worker_gives_up_after_mail_timeout(app, client):
    with silent_relay() as port:
        app.config.update(MAIL_PORT=port, MAIL_TIMEOUT=0.5)
        started = time.monotonic()
        assert client.post("/api/v1/signup", json=SIGNUP).status_code == 201
        assert time.monotonic() - started < 1.0
        started = time.monotonic()
        result = outbox_worker.deliver_due(app)
        took = time.monotonic() - started
    assert 0.5 <= took < 2.0
    assert result.relay_down
    [row] = rows(app)
    assert row.status == "pending" and "timed out" in row.last_error


def test_a_relay_that_answers_a_byte_at_a_time_cannot_stretch_the_conversation(app):
    with dribbling_relay(pause=0.1) as port:
        app.config.update(MAIL_PORT=port, MAIL_TIMEOUT=0.6)
        queue_probes(app)
        started = time.monotonic()
        result = outbox_worker.deliver_due(app)
        took = time.monotonic() - started
    assert result.relay_down and 0.6 <= took < 1.5
    assert "timed out" in rows(app)[0].last_error or "MAIL_TIMEOUT" in rows(app)[0].last_error


def test_retry_delays_grow_and_are_capped():
    assert [outbox.retry_delay(n, 60) for n in range(1, 9)] == [5, 10, 20, 40, 60, 60, 60, 60]


def test_each_failed_attempt_waits_longer_never_more_than_the_maximum(app):
    app.config.update(MAIL_PORT=closed_port(), MAIL_RETRY_MAX_DELAY=30)
    queue_probes(app)
    moment, delays = rows(app)[0].next_attempt_at, []
    for _ in range(6):
        outbox_worker.deliver_due(app, now=moment)
        following = rows(app)[0].next_attempt_at
        delays.append((following - moment).total_seconds())
        moment = following
    assert delays == [5, 10, 20, 30, 30, 30]
    assert rows(app)[0].attempts == 6


def test_after_mail_retry_hours_the_mail_is_failed(app):
    app.config.update(MAIL_PORT=closed_port(), MAIL_RETRY_HOURS=72)
    queue_probes(app)
    created = rows(app)[0].created_at
    outbox_worker.deliver_due(app, now=created + timedelta(hours=71))
    assert rows(app)[0].status == "pending"
    result = outbox_worker.deliver_due(app, now=created + timedelta(hours=72, minutes=1))
    assert result.failed and rows(app)[0].status == "failed"
    assert outbox_worker.deliver_due(app, now=created + timedelta(hours=80)).retrying == []  # left alone


def test_a_recipient_refused_for_good_fails_at_once(app, smtp_server, monkeypatch):
    import smtplib

    def refuse(self, from_addr, to_addrs, msg, *args):
        raise smtplib.SMTPRecipientsRefused({to_addrs[0]: (550, b"no such mailbox")})

    monkeypatch.setattr(smtplib.SMTP, "sendmail", refuse)
    queue_probes(app)
    assert outbox_worker.deliver_due(app).failed
    assert rows(app)[0].status == "failed" and "550" in rows(app)[0].last_error


def test_a_worker_that_dies_mid_delivery_leaves_a_lease_that_runs_out(app, mailbox):
    queue_probes(app)
    now = utcnow()
    lease = outbox_worker.lease_seconds(app.config)
    with Session(db.engine, expire_on_commit=False) as session:  # a worker that claims, then dies
        assert outbox.claim_next(session, "dead-worker", now, lease, ("mail",)) is not None
    assert outbox_worker.deliver_due(app, now=now + timedelta(seconds=lease - 1)).delivered == []
    assert len(outbox_worker.deliver_due(app, now=now + timedelta(seconds=lease + 1)).delivered) == 1
    assert len(mailbox) == 1


def test_a_crash_between_commit_and_delivery_loses_nothing(database_url, smtp_server, tmp_path, app):
    """The process that made the change ends before any worker ran; another one delivers."""
    web = create_app("testing", SQLALCHEMY_DATABASE_URI=database_url, MAIL_SERVER=smtp_server.host,
                     MAIL_PORT=smtp_server.port)
    with web.app_context():
        assert web.test_client().post("/api/v1/signup", json=SIGNUP).status_code == 201
        db.session.remove()
        db.engine.dispose()  # gone, as a killed worker would be
    del web
    smtp_server.received.clear()
    assert len(outbox_worker.deliver_due(app).delivered) == 1
    assert smtp_server.received[0]["To"] == SIGNUP["email"]


@pytest.mark.parametrize("error", [RuntimeError("a bug"), KeyError("x")])
def test_an_unexpected_error_while_delivering_is_retried_not_fatal(app, monkeypatch, error):
    def broken(config, row):
        raise error

    monkeypatch.setitem(outbox_worker.DELIVERERS, "mail", broken)
    queue_probes(app, count=2)
    result = outbox_worker.deliver_due(app)
    assert len(result.retrying) == 2
    assert all(row.status == "pending" and row.attempts == 1 for row in rows(app))
