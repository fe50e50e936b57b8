"""Redis unreachable (API.md §6.1): log-in, token requests and sign-up keep working, counted in
each process's memory, with one warning and no traceback; back to Redis once it answers.

A Redis server of this test's own is started and stopped (the machine's shared one is left alone).
"""
import logging
import re
import shutil
import subprocess
import time
import uuid

import pytest
import redis

from tests.accounts.conftest import signup_body
from tests.factories import PASSWORD
from tests.smtp import free_port

WRONG = "definitely-not-the-password"
REDIS_SERVER = shutil.which("redis-server")
pytestmark = pytest.mark.skipif(not REDIS_SERVER, reason="redis-server is not installed (CI has it)")


class OwnRedis:
    def __init__(self, directory):
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}"
        self.directory = directory
        self.process = None

    def start(self):
        self.process = subprocess.Popen(  # noqa: S603
            [REDIS_SERVER, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", str(self.directory)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        client = redis.Redis.from_url(self.url)
        deadline = time.monotonic() + 10
        while True:
            try:
                client.ping()
                break
            except redis.ConnectionError:
                assert time.monotonic() < deadline, "redis-server did not start"
                time.sleep(0.05)
        client.close()

    def stop(self):
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None

    def keys(self, pattern):
        client = redis.Redis.from_url(self.url)
        try:
            return list(client.scan_iter(pattern))
        finally:
            client.close()


@pytest.fixture
def own_redis(tmp_path):
    server = OwnRedis(tmp_path)
    server.start()
    yield server
    server.stop()


def token_request(app, email, password=WRONG):
    return app.test_client().post("/api/v1/tokens", json={"email": email, "password": password})


def limiter_warnings(caplog):
    return [r for r in caplog.records if r.levelno >= logging.WARNING and "storage unreachable" in r.getMessage()]


def test_with_redis_down_log_in_works_and_is_still_limited_per_process(make_app, own_redis, participant,
                                                                         ocmw_member, caplog):
    prefix = f"tandem-test-{uuid.uuid4().hex}"
    worker = make_app(RATELIMIT_STORAGE_URI=own_redis.url, RATELIMIT_KEY_PREFIX=prefix,
                      LOGIN_FAILURE_LIMIT="3 per 15 minutes")
    assert token_request(worker, participant.email).status_code == 401
    assert own_redis.keys(f"*{prefix}*")  # counted in Redis while it is up
    own_redis.stop()
    caplog.clear()

    assert [token_request(worker, participant.email).status_code for _ in range(3)] == [401, 401, 401]
    assert token_request(worker, participant.email, PASSWORD).status_code == 429  # still limited
    assert token_request(worker, ocmw_member.email, PASSWORD).status_code == 201  # log-in works
    page = worker.test_client()
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page.get("/login").get_data(as_text=True)).group(1)
    logged_in = page.post("/login", data={"csrf_token": token, "email": ocmw_member.email, "password": PASSWORD})
    assert logged_in.status_code in (302, 303)  # the log-in page too
    assert worker.test_client().post("/api/v1/signup", json=signup_body()).status_code == 201

    [warning] = limiter_warnings(caplog)  # one warning, however many requests
    assert warning.exc_info is None
    assert not [r for r in caplog.records if r.exc_info]  # and no traceback at all


def test_the_counts_go_back_to_redis_when_it_returns(make_app, own_redis, participant, caplog):
    prefix = f"tandem-test-{uuid.uuid4().hex}"
    worker = make_app(RATELIMIT_STORAGE_URI=own_redis.url, RATELIMIT_KEY_PREFIX=prefix,
                      LOGIN_FAILURE_LIMIT="50 per 15 minutes")
    own_redis.stop()
    assert token_request(worker, participant.email).status_code == 401
    assert len(limiter_warnings(caplog)) == 1
    own_redis.start()
    deadline = time.monotonic() + 45  # Flask-Limiter looks again after 1, 2, 4 … 32 seconds
    while not own_redis.keys(f"*{prefix}*"):
        assert time.monotonic() < deadline, "the counts never went back to Redis"
        assert token_request(worker, participant.email).status_code == 401
        time.sleep(0.25)
    assert len(limiter_warnings(caplog)) == 1
