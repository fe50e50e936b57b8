"""A real SMTP server on localhost (aiosmtpd) that keeps what it receives.

Mail leaves the portal only through the outbox worker. So that a test can look at the mail a
change caused right after making it, reading what the server received (`messages`, `to()`,
or the `mailbox` fixture) first runs one pass of the real worker (`deliver_pending`, set by
the `app` fixture): real outbox rows, real SMTP, no shortcut production would not have.
"""
import email
import socket
from email import policy

from aiosmtpd.controller import Controller


class _Keeper:
    def __init__(self, messages):
        self.messages = messages

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=policy.default)
        message.envelope_recipients = list(envelope.rcpt_tos)
        self.messages.append(message)
        return "250 Message accepted for delivery"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class SMTPServer:
    def __init__(self, port=None):
        self.received = []
        self.host = "127.0.0.1"
        self.port = port or free_port()
        self.controller = Controller(_Keeper(self.received), hostname=self.host, port=self.port)
        self.deliver_pending = None  # set while an app is under test: one pass of its outbox worker

    def start(self):
        self.controller.start()

    def stop(self):
        self.controller.stop()

    @property
    def messages(self):
        """What the server has received, once the outbox's due mail has been delivered."""
        if self.deliver_pending is not None:
            self.deliver_pending()
        return self.received

    def to(self, address):
        """Messages sent to one address."""
        return [m for m in self.messages if address in m["To"]]


class Mailbox:
    """The `mailbox` fixture: a read-only list of the messages received, delivered first."""

    def __init__(self, server):
        self.server = server

    def _messages(self):
        return self.server.messages

    def clear(self):
        """Forget what was received so far (what was due is delivered, then forgotten)."""
        self._messages().clear()

    def __iter__(self):
        return iter(list(self._messages()))

    def __len__(self):
        return len(self._messages())

    def __getitem__(self, index):
        return self._messages()[index]

    def __bool__(self):
        return bool(self._messages())

    def __eq__(self, other):
        return list(self._messages()) == list(other)

    def __repr__(self):
        return f"Mailbox({self.server.received!r})"
