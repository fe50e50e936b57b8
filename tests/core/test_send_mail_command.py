"""`flask --app wsgi send-mail [--watch]` (API.md §6.1), as an operator runs it."""
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.core.outbox_helpers import queue_probes, rows

ROOT = Path(__file__).resolve().parents[2]


def test_send_mail_delivers_what_is_due_once_and_exits(app, runner, smtp_server):
    queue_probes(app, count=3)
    result = runner.invoke(args=["send-mail"])
    assert result.exit_code == 0, result.output
    assert "3 delivered, 0 to retry, 0 failed." in result.output
    assert len(smtp_server.received) == 3
    assert "0 delivered" in runner.invoke(args=["send-mail"]).output


def test_the_watch_worker_delivers_as_mail_arrives_and_stops_on_sigterm(app, database_url, smtp_server):
    environment = dict(os.environ, PORTAL_ENV="development", DATABASE_URL=database_url,
                       MAIL_SERVER=smtp_server.host, MAIL_PORT=str(smtp_server.port))
    worker = subprocess.Popen(  # noqa: S603  (this interpreter's flask, the production command)
        [sys.executable, "-m", "flask", "--app", "wsgi", "send-mail", "--watch", "--poll", "0.2"],
        cwd=ROOT, env=environment, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        queue_probes(app, count=2)
        deadline = time.monotonic() + 20
        while len(smtp_server.received) < 2:
            assert time.monotonic() < deadline, "the worker delivered nothing"
            time.sleep(0.1)
        worker.send_signal(signal.SIGTERM)
        assert worker.wait(timeout=15) == 0
    finally:
        if worker.poll() is None:
            worker.kill()
            worker.wait()
    assert {row.status for row in rows(app)} == {"sent"}
    assert len(smtp_server.received) == 2
    assert b"stopped" in worker.stdout.read()
