import pytest


@pytest.fixture(autouse=True)
def request_context(app):
    """Services translate their messages: give them a request (locale) as a page would."""
    with app.test_request_context():
        yield
