"""The limits against the real local Redis: several app instances (workers) share the counts."""
import uuid

import pytest
import redis

from tests.factories import PASSWORD

REDIS_URL = "redis://127.0.0.1:6379"


@pytest.fixture
def redis_prefix():
    """A key prefix of this test's own, removed afterwards (other suites share the server)."""
    prefix = f"tandem-test-{uuid.uuid4().hex}"
    yield prefix
    server = redis.Redis.from_url(REDIS_URL)
    for key in server.scan_iter(f"*{prefix}*"):
        server.delete(key)
    server.close()


def fail_token_request(worker, email, password="wrong-password-guess"):  # noqa: S107
    return worker.test_client().post("/api/v1/tokens", json={"email": email, "password": password})


def test_two_app_instances_share_the_failure_count(make_app, participant, redis_prefix):
    config = dict(RATELIMIT_STORAGE_URI=REDIS_URL, RATELIMIT_KEY_PREFIX=redis_prefix,
                  LOGIN_FAILURE_LIMIT="3 per 15 minutes")
    first = make_app(**config)
    for _ in range(3):
        assert fail_token_request(first, participant.email).status_code == 401
    second = make_app(**config)  # a new worker: a new limiter storage, the same Redis
    refused = fail_token_request(second, participant.email, PASSWORD)
    assert refused.status_code == 429
    assert refused.get_json()["error"]["code"] == "rate_limited"
    server = redis.Redis.from_url(REDIS_URL)
    assert list(server.scan_iter(f"*{redis_prefix}*"))  # the counts really are in Redis
    server.close()


def test_in_memory_counts_are_per_instance(make_app, participant):
    """The contrast that gives the Redis test its meaning: memory:// forgets across instances."""
    config = dict(RATELIMIT_STORAGE_URI="memory://", LOGIN_FAILURE_LIMIT="3 per 15 minutes")
    first = make_app(**config)
    for _ in range(3):
        fail_token_request(first, participant.email)
    second = make_app(**config)
    assert fail_token_request(second, participant.email, PASSWORD).status_code == 201


def test_signup_limit_is_shared_through_redis(make_app, redis_prefix):
    config = dict(RATELIMIT_STORAGE_URI=REDIS_URL, RATELIMIT_KEY_PREFIX=redis_prefix, SIGNUP_LIMIT="1 per hour")
    body = {"email": "x@example.be", "password": "short", "name": "X", "language": "nl"}
    first = make_app(**config)
    assert first.test_client().post("/api/v1/signup", json=body).status_code == 422
    second = make_app(**config)
    assert second.test_client().post("/api/v1/signup", json=body).status_code == 429
