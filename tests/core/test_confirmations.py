"""A confirmation before every destructive action (docs/notes/interface.md).

Two kinds: forms that delete, cancel, withdraw, revoke, reject, decline, end or replace carry
`data-confirm` (static/js/tandem.js asks before submitting); the two that cannot be undone and
touch other people — erasing a candidate, cancelling a study day — are not forms on the record's
page at all but links to a confirmation page of their own, so they are confirmed without
JavaScript too.
"""
import re
from html import unescape
from pathlib import Path

import pytest

from portal.events.models import Event
from portal.extensions import db
from portal.referrals.models import Candidate
from tests.events import helpers as event_helpers
from tests.referrals import builders as b

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"

# endpoint → the values of a hidden field that make the form destructive (None: always)
DESTRUCTIVE = {
    "events.delete_item": None,
    "events.unregister": None,
    "referrals.candidate_revoke": None,
    "organisations.decline_member": None,
    "organisations.remove_member": None,
    "organisations.reject": None,
    "accounts.regenerate_feed": None,
    "offers.change_status": "closed",
    "referrals.move": ("declined", "withdrawn", "ended"),
}
CONFIRM_PAGE_ONLY = ("events.cancel", "referrals.candidate_erase")


def post_forms():
    """(template, endpoint, opening tag and body) of every POST form in the templates."""
    for path in sorted(TEMPLATES.rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        for match in re.finditer(r'<form\b([^>]*)>(.*?)</form>', text, re.S):
            tag, body = match.groups()
            if 'method="post"' not in tag:
                continue
            endpoint = re.search(r"url_for\('([\w.]+)'", tag) or re.search(r'url_for\("([\w.]+)"', tag)
            yield path.relative_to(TEMPLATES).as_posix(), endpoint.group(1) if endpoint else None, tag, body


def test_the_scan_finds_the_destructive_forms():
    found = {endpoint for _template, endpoint, _tag, _body in post_forms()}
    assert set(DESTRUCTIVE) <= found  # a renamed endpoint must not make the test below vacuous


@pytest.mark.parametrize("template, endpoint, tag, body",
                         [f for f in post_forms() if f[1] in DESTRUCTIVE],
                         ids=lambda value: value if isinstance(value, str) and "/" in value else "")
def test_every_destructive_form_asks_first(template, endpoint, tag, body):
    assert "data-confirm=" in tag, f"{template}: the form to {endpoint} has no data-confirm"
    condition = DESTRUCTIVE[endpoint]
    if condition:  # the confirmation is conditional: it must name the destructive values
        values = (condition,) if isinstance(condition, str) else condition
        for value in values:
            assert f"'{value}'" in tag or f'"{value}"' in tag, f"{template}: {value} not confirmed"


def test_logging_out_everywhere_from_the_logout_page_asks_first():
    forms = [tag for template, endpoint, tag, _ in post_forms()
             if template == "accounts/logout.html" and endpoint == "accounts.logout"]
    assert forms and all("data-confirm=" in tag for tag in forms)


@pytest.mark.parametrize("endpoint", CONFIRM_PAGE_ONLY)
def test_the_gravest_actions_have_no_form_outside_their_confirmation_page(endpoint):
    templates = {template for template, found, _, _ in post_forms() if found == endpoint}
    assert templates == set(), templates  # confirm.html builds its action in the view


# --- erase a candidate -----------------------------------------------------------------

def test_erasing_a_candidate_goes_through_a_confirmation_page(client, login, ocmw_member, csrf_token):
    candidate = b.candidate(ocmw_member)
    login(ocmw_member)
    detail = client.get(f"/candidates/{candidate.id}").get_data(as_text=True)
    assert f'href="/candidates/{candidate.id}/erase"' in detail
    assert f'action="/candidates/{candidate.id}/erase"' not in detail
    page = client.get(f"/candidates/{candidate.id}/erase")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and page.headers["Cache-Control"].startswith("no-store")
    assert f'action="/candidates/{candidate.id}/erase"' in html and "This cannot be undone." in html
    assert f'href="/candidates/{candidate.id}"' in html  # the way back
    assert "Amina" not in html  # the page names no one: reading it is no access to personal data
    assert not db.session.get(Candidate, candidate.id).is_erased  # asking erased nothing
    token = csrf_token(f"/candidates/{candidate.id}/erase")
    client.post(f"/candidates/{candidate.id}/erase", data={"csrf_token": token})
    assert db.session.get(Candidate, candidate.id).is_erased
    assert client.get(f"/candidates/{candidate.id}/erase").status_code == 302  # nothing left to erase


@pytest.mark.parametrize("role", ["other_ocmw_member", "host_member", "participant"])
def test_the_erase_confirmation_is_404_to_others(client, login, request, ocmw_member, role):
    candidate = b.candidate(ocmw_member)
    login(request.getfixturevalue(role))
    assert client.get(f"/candidates/{candidate.id}/erase").status_code in (403, 404)


def test_the_erase_confirmation_needs_a_login(client, ocmw_member):
    candidate = b.candidate(ocmw_member)
    assert client.get(f"/candidates/{candidate.id}/erase").status_code in (302, 401)


# --- cancel a study day ----------------------------------------------------------------

def test_cancelling_a_study_day_goes_through_a_confirmation_page(client, login, partner, partner_member):
    event = event_helpers.event(partner)
    login(partner_member)
    html = client.get(f"/events/{event.id}/cancel").get_data(as_text=True)
    assert "Cancel the study day?" in html and event.title in unescape(html)
    assert "told by e-mail" in html and f'href="/events/{event.id}"' in html
    db.session.refresh(event)
    assert event.status == "published"  # asking cancelled nothing


def test_the_cancel_confirmation_of_a_cancelled_day_leads_back(client, login, partner, partner_member):
    event = event_helpers.event(partner, status="cancelled")
    login(partner_member)
    response = client.get(f"/events/{event.id}/cancel")
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/events/{event.id}")


@pytest.mark.parametrize("role", ["participant", "ocmw_member", "moderator"])
def test_the_cancel_confirmation_is_refused_to_non_organisers(client, login, request, partner, role):
    event = event_helpers.event(partner)
    login(request.getfixturevalue(role))
    assert client.get(f"/events/{event.id}/cancel").status_code == 403
    assert db.session.get(Event, event.id).status == "published"


def test_the_cancel_confirmation_needs_a_login(client, partner):
    event = event_helpers.event(partner)
    response = client.get(f"/events/{event.id}/cancel")
    assert response.status_code == 302
    assert response.headers["Location"] == f"/login?next=/events/{event.id}/cancel"


# --- the rendered pages carry their confirmations ----------------------------------------

def test_a_referral_page_confirms_declining_but_not_accepting(client, login, ocmw_member, sie_member):
    referral = b.referral(ocmw_member, b.candidate(ocmw_member), b.offer(sie_member))
    login(sie_member)
    html = client.get(f"/referrals/{referral.id}").get_data(as_text=True)
    forms = re.findall(r'<form\b[^>]*>.*?</form>', html, re.S)
    by_move = {re.search(r'name="to" value="(\w+)"', f).group(1): f for f in forms if 'name="to"' in f}
    assert "declined" in by_move and "data-confirm=" in by_move["declined"].split(">")[0]
    assert "in_review" in by_move and "data-confirm=" not in by_move["in_review"].split(">")[0]
