"""Helpers of the outbox tests: queue probe mails, read the table, a relay that never answers."""
import socket
import threading
from contextlib import contextmanager

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.core.mail import queue_mail
from portal.core.outbox import OutboxMessage
from portal.extensions import db


def queue_probes(app, count=1, to="anne@example.test", language="en"):
    """`count` probe mails, queued in one transaction and committed."""
    with app.test_request_context():
        for number in range(count):
            queue_mail(to if count == 1 else f"person{number}@example.test", language, "test_probe",
                       _l("Log in"), name=f"Anne {number}")
        db.session.commit()


def rows(app):
    """Every outbox row as committed now, read on a session of its own."""
    with app.app_context(), Session(db.engine) as session:
        return session.execute(select(OutboxMessage).order_by(OutboxMessage.id)).scalars().all()


def closed_port():
    """A local port where nothing listens (connections are refused)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def silent_relay():
    """A socket that accepts SMTP connections (the kernel completes them) and never says a word."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    try:
        yield listener.getsockname()[1]
    finally:
        listener.close()


@contextmanager
def dribbling_relay(pause=0.1):
    """A relay that greets, then answers one byte every `pause` seconds and never ends a line:
    each read is quick, the reply never comes."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(4)
    stop = threading.Event()

    def serve():
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                connection, _ = listener.accept()
            except OSError:
                continue
            with connection:
                try:
                    connection.sendall(b"220 slow.example ESMTP\r\n")
                    while not stop.wait(pause):
                        connection.sendall(b"2")
                except OSError:
                    continue

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield listener.getsockname()[1]
    finally:
        stop.set()
        thread.join(timeout=5)
        listener.close()
