"""A real SMTP server on localhost (aiosmtpd) that keeps what it receives."""
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


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class SMTPServer:
    def __init__(self):
        self.messages = []
        self.host = "127.0.0.1"
        self.port = _free_port()
        self.controller = Controller(_Keeper(self.messages), hostname=self.host, port=self.port)

    def start(self):
        self.controller.start()

    def stop(self):
        self.controller.stop()

    def to(self, address):
        """Messages sent to one address."""
        return [m for m in self.messages if address in m["To"]]
