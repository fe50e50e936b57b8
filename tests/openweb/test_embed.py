"""/embed/events: framable by the sites of EMBED_ORIGINS only (no other page is), sets no cookie
whoever asks, lists the upcoming days of one organiser with links that open Tandem in a new
tab; bad input is a clear 4xx."""
import pytest

from portal import create_app
from portal.openweb.embed import content_security_policy, parse_origins
from tests.events import helpers as event_helpers
from tests.openweb.page import Page


def frame_ancestors(response):
    policy = response.headers["Content-Security-Policy"]
    return next(d for d in policy.split("; ") if d.startswith("frame-ancestors")).split(" ", 1)[1]


@pytest.fixture
def embedding_client(app):
    """A client of an application whose EMBED_ORIGINS lists two partner sites (same database)."""
    other = create_app("testing", SQLALCHEMY_DATABASE_URI=app.config["SQLALCHEMY_DATABASE_URI"],
                       EMBED_ORIGINS="https://www.febisp.be  https://brulocalis.brussels")
    client = other.test_client()
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def test_only_the_listed_sites_may_frame_the_embed_page(embedding_client, public_world):
    response = embedding_client.get("/embed/events")
    assert response.status_code == 200
    assert frame_ancestors(response) == "https://www.febisp.be https://brulocalis.brussels"
    assert "X-Frame-Options" not in response.headers  # it would forbid what frame-ancestors allows
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]  # the rest stays strict


def test_every_other_page_still_refuses_to_be_framed(embedding_client, public_world):
    for path in ("/", "/events", f"/events/{public_world['event'].id}", "/login"):
        response = embedding_client.get(path)
        assert frame_ancestors(response) == "'none'", path
        assert response.headers["X-Frame-Options"] == "DENY", path


def test_without_embed_origins_no_site_may_frame_it(client, public_world):
    assert frame_ancestors(client.get("/embed/events")) == "'none'"


def test_the_embed_page_sets_no_cookie(client, public_world, login, participant):
    assert "Set-Cookie" not in client.get("/embed/events?lang=fr").headers  # ?lang= is not remembered
    login(participant)
    response = client.get(f"/embed/events?lang=nl&organiser_id={public_world['organiser'].id}")
    assert response.status_code == 200 and "Set-Cookie" not in response.headers
    assert Page(response.get_data(as_text=True)).lang == "nl"


def test_it_lists_the_upcoming_days_of_one_organiser(client, public_world, partner):
    event_helpers.event(organiser=partner, title="A day of another organiser")
    event_helpers.event(organiser=public_world["organiser"], title="A day gone by", days_ahead=-3)
    co_organised = event_helpers.event(organiser=partner, co_organisers=[public_world["organiser"]],
                                       title="Co-organised day")
    html = client.get(f"/embed/events?organiser_id={public_world['organiser'].id}&lang=fr").get_data(as_text=True)
    page = Page(html)
    assert page.lang == "fr" and "Journées d'étude de FeBISP" in page.title
    titles = [text for attrs, text in page.anchors]
    assert any(t.startswith("Samenwerking OCMW's en SIE's") for t in titles)
    assert any(t.startswith("Co-organised day") for t in titles)
    assert not any("another organiser" in t or "gone by" in t or "Draft day" in t for t in titles)
    for attrs, _text in page.anchors:
        assert attrs["target"] == "_blank" and attrs["rel"] == "noopener"
        assert attrs["href"].startswith("http://localhost/")  # Tandem, absolute: not the partner's site
    assert f"http://localhost/events/{co_organised.id}?lang=fr" in [a["href"] for a, _t in page.anchors]
    assert page.one("robots") == "noindex"  # the days' own pages are what search engines should find


def test_bad_input_is_a_clear_4xx(client, public_world):
    assert client.get("/embed/events?organiser_id=abc").status_code == 422
    assert client.get("/embed/events?organiser_id=99999999999").status_code == 422
    assert client.get("/embed/events?organiser_id=4242").status_code == 404
    assert client.get(f"/embed/events?organiser_id={public_world['pending'].id}").status_code == 404
    assert client.get("/embed/events?lang=xx").status_code == 200  # an unknown language: the usual choice


@pytest.mark.parametrize("value", ["https://a.be; script-src *", "javascript:alert(1)", "'self'", "https://a.be/path"])
def test_a_bad_embed_origin_stops_the_start_up(value):
    with pytest.raises(ValueError, match="EMBED_ORIGINS"):
        parse_origins(value)


def test_the_policy_opens_frame_ancestors_only():
    policy = content_security_policy(["https://www.febisp.be", "https://*.brulocalis.brussels"])
    assert "frame-ancestors https://www.febisp.be https://*.brulocalis.brussels" in policy
    assert content_security_policy([]).endswith("frame-ancestors 'none'")


def test_the_organisers_admin_gets_the_code_to_embed(client, login, federation, moderator):
    snippet = 'src="http://localhost/embed/events?organiser_id='
    assert snippet not in client.get(f"/organisations/{federation.id}").get_data(as_text=True)  # visitors: no
    login(moderator)
    html = client.get(f"/organisations/{federation.id}").get_data(as_text=True)
    assert "&lt;iframe " + snippet.replace('"', "&#34;") + f"{federation.id}&amp;lang=en" in html
