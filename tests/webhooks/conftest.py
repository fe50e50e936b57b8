"""Webhook fixtures: a real local HTTP receiver (which can be down, then up), DNS answers
chosen by the test, and a helper that registers a webhook the way an admin does."""
import http.server
import json
import socket
import threading

import pytest

from portal.webhooks import addresses, services

EN = {"Accept-Language": "en"}


class Receiver:
    """A local HTTP server that records each POST (headers and raw body) and answers `status`.
    `stop()` closes the port (a receiver that is down); `start()` opens it again, same port."""

    def __init__(self):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.received = []
        self.status = 200
        self.server = None

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}/hooks/tandem"

    def start(self):
        receiver = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802  (the standard library's name)
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.received.append({"path": self.path, "headers": dict(self.headers), "body": body})
                self.send_response(receiver.status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self):
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
            self.server = None

    def payloads(self):
        return [json.loads(item["body"]) for item in self.received]


@pytest.fixture
def receiver():
    server = Receiver().start()
    yield server
    server.stop()


@pytest.fixture
def private_allowed(app):
    """WEBHOOK_ALLOW_PRIVATE=true: the local receiver on 127.0.0.1 may be called."""
    app.config["WEBHOOK_ALLOW_PRIVATE"] = True
    yield
    app.config["WEBHOOK_ALLOW_PRIVATE"] = False


@pytest.fixture
def dns(monkeypatch):
    """dns({"host": ["address", …]}): what the resolver answers for those hosts (others: unknown)."""
    answers = {}
    real = socket.getaddrinfo

    def fake(host, port, *args, **kwargs):
        if host in answers:
            return [(socket.AF_INET6 if ":" in a else socket.AF_INET, socket.SOCK_STREAM, 6, "", (a, port))
                    for a in answers[host]]
        if host in ("127.0.0.1", "::1") or host.replace(".", "").isdigit() or ":" in host:
            return real(host, port, *args, **kwargs)  # a literal address resolves to itself
        raise socket.gaierror("unknown host")

    monkeypatch.setattr(addresses.socket, "getaddrinfo", fake)
    return answers.update


@pytest.fixture
def register(app):
    def register_as(user, url, events=("referral.moved", "registration.changed", "offer.published", "event.changed")):
        with app.test_request_context(headers=EN):
            return services.register_webhook(user, url, list(events))
    return register_as
