"""Several workers at once (threads here, each with its own session and connection, as on
several machines): every mail is handed to SMTP by exactly one of them."""
import threading
from collections import Counter

from portal.core import outbox_worker
from tests.core.outbox_helpers import queue_probes, rows

MAILS = 200


def run_workers(app, count):
    start = threading.Barrier(count)
    results, errors = [None] * count, []

    def work(index):
        try:
            start.wait()
            results[index] = outbox_worker.deliver_due(app)
        except Exception as error:  # noqa: BLE001  (reported by the test)
            errors.append(error)

    threads = [threading.Thread(target=work, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    return results


def test_two_workers_deliver_200_mails_each_exactly_once(app, smtp_server):
    queue_probes(app, count=MAILS)
    smtp_server.received.clear()
    first, second = run_workers(app, 2)
    assert not set(first.delivered) & set(second.delivered)
    assert len(first.delivered) + len(second.delivered) == MAILS
    assert first.delivered and second.delivered  # both really worked
    received = Counter(message["Message-ID"] for message in smtp_server.received)
    stored = {row.message_id for row in rows(app)}
    assert len(smtp_server.received) == MAILS
    assert set(received) == stored and set(received.values()) == {1}
    assert {row.status for row in rows(app)} == {"sent"}


def test_canary_without_the_lease_check_two_workers_do_send_twice(app, smtp_server, monkeypatch):
    """The test above can see a double delivery: with the claim's lease condition taken out,
    the same 200 mails and two workers, some mail goes out twice."""
    from portal.core import outbox
    from portal.core.outbox import OutboxMessage

    monkeypatch.setattr(outbox, "_due", lambda now: (OutboxMessage.status == outbox.PENDING)
                        & (OutboxMessage.next_attempt_at <= now))
    queue_probes(app, count=MAILS)
    smtp_server.received.clear()
    run_workers(app, 2)
    received = Counter(message["Message-ID"] for message in smtp_server.received)
    assert max(received.values()) > 1
