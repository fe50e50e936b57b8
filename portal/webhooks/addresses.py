"""Where a webhook may post (SSRF): a URL whose host resolves to a loopback, private, link-local,
shared, reserved or multicast address would let anyone with an admin account make the portal
call machines inside its own network (a database, a metadata service at 169.254.169.254). The
host is resolved and EVERY address it resolves to must be public — at registration, and again at
each delivery (DNS may change its answer: rebinding), and the delivery then connects to the
address it checked, not to a second lookup. `WEBHOOK_ALLOW_PRIVATE=true` lifts the rule (a test
set-up, or a receiver on the same private network on purpose).
"""
import ipaddress
import socket
from urllib.parse import urlsplit

from flask import current_app
from flask_babel import gettext as _

from portal.core.errors import Invalid


class Refused(Exception):
    """The URL may not be called: str() says why in the reader's language; `reason`, in English,
    is what the delivery log keeps (the worker has no reader)."""

    def __init__(self, message, reason):
        super().__init__(message)
        self.reason = reason


def _is_public(address):
    ip = ipaddress.ip_address(address.split("%", 1)[0])  # an IPv6 zone (fe80::1%eth0) names no public host
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped  # ::ffff:127.0.0.1 is 127.0.0.1
    return ip.is_global and not ip.is_multicast


def parse(url):
    """(scheme, host, port) of a URL a webhook may name, or raise Refused: http(s) only, https
    unless private addresses are allowed, no user:password@, a host."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise Refused(_("This is not a valid URL."), "not a valid URL") from None
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise Refused(_("The URL must start with https:// and name a host."), "not an https URL")
    if parts.scheme == "http" and not current_app.config["WEBHOOK_ALLOW_PRIVATE"]:
        raise Refused(_("The URL must start with https:// and name a host."), "not an https URL")
    if parts.username is not None or parts.password is not None:
        raise Refused(_("The URL may not hold a user name or password."), "credentials in the URL")
    return parts.scheme, parts.hostname, port or (443 if parts.scheme == "https" else 80)


def resolve(host, port):
    """Every address `host` resolves to, or raise Refused."""
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, OSError):
        raise Refused(_("The host of this URL cannot be found."), "host not found") from None
    return sorted({info[4][0] for info in found})


def check(url):
    """(scheme, host, port, [addresses]) to call for `url`, or raise Refused when any address the
    host resolves to is not public (and private ones are not allowed)."""
    scheme, host, port = parse(url)
    addresses = resolve(host, port)
    if not current_app.config["WEBHOOK_ALLOW_PRIVATE"] and not all(_is_public(a) for a in addresses):
        raise Refused(_("The URL points to a private or local address, where webhooks may not be sent."),
                      f"refused: {host} resolves to a private or local address")
    return scheme, host, port, addresses


def validate_for_registration(url):
    """check(url), as a 422 on the `url` field."""
    try:
        return check(url)
    except Refused as refusal:
        raise Invalid(fields={"url": [str(refusal)]}) from None
