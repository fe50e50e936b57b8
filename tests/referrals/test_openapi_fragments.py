"""The OpenAPI fragments of offers, candidates and referrals describe every route they add."""
import re

from portal.offers.openapi import OPENAPI_PATHS as OFFER_PATHS
from portal.referrals.openapi import OPENAPI_PATHS as REFERRAL_PATHS

MINE = ("/api/v1/offers", "/api/v1/candidates", "/api/v1/referrals")


def test_every_route_is_described(app):
    documented = {**OFFER_PATHS, **REFERRAL_PATHS}
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith(MINE):
            continue
        path = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule)
        assert path in documented, path
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            assert method.lower() in documented[path], (method, path)
