"""SSRF: a webhook URL that reaches a loopback, private or otherwise internal address is refused
(422 on `url`) — every address the host resolves to is checked — unless WEBHOOK_ALLOW_PRIVATE."""
import pytest

from portal.webhooks import addresses

EN = {"Accept-Language": "en"}  # the messages are read in English


@pytest.mark.parametrize("url", [
    "https://127.0.0.1/hook", "https://127.8.9.10/hook", "https://10.0.0.5/hook", "https://10.255.1.1:8443/x",
    "https://192.168.1.20/hook", "https://172.16.4.4/hook", "https://[::1]/hook", "https://169.254.169.254/latest",
    "https://0.0.0.0/hook", "https://100.64.0.1/hook", "https://[fc00::1]/hook", "https://[fe80::1]/hook",
    "https://[::ffff:127.0.0.1]/hook", "https://224.0.0.1/hook",
])
def test_internal_addresses_are_refused(app, dns, url):
    with app.test_request_context(headers=EN), pytest.raises(addresses.Refused, match="private or local"):
        addresses.check(url)


def test_a_host_name_resolving_to_loopback_is_refused(app, dns):
    dns({"hooks.evil.example": ["127.0.0.1"]})
    with app.test_request_context(headers=EN), pytest.raises(addresses.Refused, match="private or local"):
        addresses.check("https://hooks.evil.example/x")


def test_every_resolved_address_is_checked(app, dns):
    dns({"mixed.example": ["93.184.215.14", "10.1.2.3"]})
    with app.test_request_context(headers=EN), pytest.raises(addresses.Refused):
        addresses.check("https://mixed.example/x")


def test_a_public_host_is_accepted(app, dns):
    dns({"hooks.ocmw.example": ["93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c"]})
    with app.test_request_context(headers=EN):
        assert addresses.check("https://hooks.ocmw.example:8443/in?x=1") == (
            "https", "hooks.ocmw.example", 8443, ["2606:2800:21f:cb07:6820:80da:af6b:8b2c", "93.184.215.14"])


@pytest.mark.parametrize("url, reason", [
    ("ftp://hooks.ocmw.example/", "https://"), ("http://hooks.ocmw.example/", "https://"),
    ("https:///nohost", "https://"), ("https://user:pw@hooks.ocmw.example/", "user name"),
    ("https://hooks.ocmw.example:99999/", "valid URL"), ("https://no-such-host.example/", "cannot be found"),
])
def test_urls_that_are_not_plain_https_are_refused(app, dns, url, reason):
    dns({"hooks.ocmw.example": ["93.184.215.14"]})
    with app.test_request_context(headers=EN), pytest.raises(addresses.Refused, match=reason):
        addresses.check(url)


def test_the_override_allows_private_addresses_and_http(app, dns, private_allowed):
    dns({"intranet.ocmw.local": ["10.0.0.7"]})
    with app.test_request_context(headers=EN):
        assert addresses.check("http://127.0.0.1:8080/x")[3] == ["127.0.0.1"]
        assert addresses.check("https://intranet.ocmw.local/x")[3] == ["10.0.0.7"]
