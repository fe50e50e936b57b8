"""One home for the signed links mailed to people (core/signed_links.py): a link of one kind
never serves as another, and a tampered, over-long or too old link is refused with its reason."""
import time

import pytest
from itsdangerous import timed

from portal.core.signed_links import MAX_TOKEN_LENGTH, LinkProblem, load, sign


def reason(salt, token, max_age=None):
    with pytest.raises(LinkProblem) as refused:
        load(salt, token, max_age)
    return refused.value.reason


def test_a_link_gives_back_its_payload(app):
    with app.app_context():
        assert load("kind-a", sign("kind-a", {"r": 7, "e": 3})) == {"r": 7, "e": 3}


def test_a_link_of_one_kind_never_serves_as_another(app):
    with app.app_context():
        assert reason("kind-b", sign("kind-a", {"r": 7})) == "invalid"


def test_a_tampered_empty_or_over_long_link_is_invalid(app):
    with app.app_context():
        token = sign("kind-a", {"r": 7})
        assert reason("kind-a", token[:-2] + ("AA" if token[-2:] != "AA" else "BB")) == "invalid"
        assert reason("kind-a", "") == "invalid"
        assert reason("kind-a", None) == "invalid"
        assert reason("kind-a", "x" * (MAX_TOKEN_LENGTH + 1)) == "invalid"


def test_a_link_older_than_its_max_age_has_expired(app, monkeypatch):
    with app.app_context():
        token = sign("kind-a", {"r": 7})
        later = time.time() + 3601
        monkeypatch.setattr(timed.time, "time", lambda: later)
        assert reason("kind-a", token, max_age=3600) == "expired"
        assert load("kind-a", token) == {"r": 7}  # no max_age: valid until its state changes


def test_another_secret_key_refuses_every_link(app, monkeypatch):
    with app.app_context():
        token = sign("kind-a", {"r": 7})
        monkeypatch.setitem(app.config, "SECRET_KEY", "another-secret-key-for-this-test")
        assert reason("kind-a", token) == "invalid"
