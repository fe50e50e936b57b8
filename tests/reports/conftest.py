import pytest

from tests.reports import dataset


@pytest.fixture
def data(host, sie, ocmw, other_ocmw):
    """The hand-made data set of tests/reports/dataset.py."""
    return dataset.build(host, sie, ocmw, other_ocmw)


@pytest.fixture
def request_context(app):
    with app.test_request_context():
        yield
