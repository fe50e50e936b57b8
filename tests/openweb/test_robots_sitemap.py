"""/robots.txt lets crawlers in (and says where the sitemap is); /sitemap.xml lists exactly the
public pages, with the moment each last changed, and is kept until the data changes."""
import xml.etree.ElementTree as ET
from urllib.robotparser import RobotFileParser

from portal.core.types import to_brussels
from portal.extensions import db

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
BASE = "http://localhost"


def robots(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200 and response.mimetype == "text/plain"
    parser = RobotFileParser()
    parser.parse(response.get_data(as_text=True).splitlines())
    return parser, response.get_data(as_text=True)


def test_robots_txt_lets_crawlers_reach_every_public_page(client, public_world):
    parser, _text = robots(client)
    world = public_world
    for path in ("/", "/events", f"/events/{world['event'].id}", "/offers", f"/offers/{world['offer'].id}",
                 "/organisations", "/signup", "/accessibility", "/api/docs", "/sitemap.xml"):
        assert parser.can_fetch("Googlebot", BASE + path), path


def test_robots_txt_keeps_crawlers_out_of_pages_behind_the_login(client):
    parser, _text = robots(client)
    for path in ("/candidates", "/candidates/1", "/referrals/3", "/profile", "/audit", "/api/v1/offers",
                 "/calendar/secret.ics"):
        assert not parser.can_fetch("Googlebot", BASE + path), path


def test_robots_txt_is_valid_and_names_the_sitemap(client):
    _parser, text = robots(client)
    for line in filter(None, text.splitlines()):
        directive, _, value = line.partition(":")
        assert directive in ("User-agent", "Disallow", "Allow", "Sitemap") and value.startswith(" "), line
    assert "Sitemap: http://localhost/sitemap.xml" in text.splitlines()


def sitemap(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200 and response.mimetype == "application/xml"
    root = ET.fromstring(response.get_data())  # noqa: S314  (our own document)
    assert root.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}urlset"
    return {url.find("s:loc", NS).text: getattr(url.find("s:lastmod", NS), "text", None)
            for url in root.findall("s:url", NS)}


def test_the_sitemap_lists_exactly_the_public_pages(client, public_world):
    urls = sitemap(client)
    world = public_world
    expected = {f"{BASE}{path}" for path in (
        "/", "/events", "/offers", "/organisations", "/accessibility", "/api/docs", "/signup",
        f"/events/{world['event'].id}", f"/offers/{world['offer'].id}",
        f"/organisations/{world['organiser'].id}", f"/organisations/{world['sie'].id}")}
    assert set(urls) == expected  # no draft offer or day, no pending organisation, nothing private


def test_each_record_carries_its_last_change(client, public_world):
    urls = sitemap(client)
    offer = public_world["offer"]
    assert urls[f"{BASE}/offers/{offer.id}"] == to_brussels(offer.updated_at).isoformat(timespec="seconds")
    newest_event = to_brussels(public_world["event"].updated_at).isoformat(timespec="seconds")
    assert urls[f"{BASE}/events"] == newest_event


def test_the_sitemap_is_kept_until_the_data_changes(client, public_world, count_queries, federation):
    sitemap(client)
    with count_queries() as queries:
        sitemap(client)
    assert len(queries) <= 1  # at most the data-version counters
    federation.status = "pending"  # a write: the next sitemap is rebuilt and no longer lists it
    db.session.commit()
    assert f"{BASE}/organisations/{federation.id}" not in sitemap(client)


def _document(client, path):
    response = client.get(path)
    assert response.status_code == 200 and response.mimetype == "application/xml"
    return ET.fromstring(response.get_data())  # noqa: S314  (our own document)


def test_past_the_protocols_limit_the_sitemap_is_an_index_of_parts(client, public_world, monkeypatch):
    from portal.openweb import sitemap as module

    everything = set(sitemap(client))
    monkeypatch.setattr(module, "MAX_URLS", 4)
    offer = db.session.get(type(public_world["offer"]), public_world["offer"].id)
    offer.title = "Nieuwe titel"  # a write: the kept sitemap is rebuilt, with the lower limit
    db.session.commit()
    index = _document(client, "/sitemap.xml")
    assert index.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}sitemapindex"
    parts = [(entry.find("s:loc", NS).text, getattr(entry.find("s:lastmod", NS), "text", None))
             for entry in index.findall("s:sitemap", NS)]
    assert [location for location, _ in parts] == [f"{BASE}/sitemap-{n}.xml" for n in (1, 2, 3)]  # 11 pages, 4 a part
    listed = []
    for location, lastmod in parts:
        part = _document(client, location.removeprefix(BASE))
        urls = part.findall("s:url", NS)
        assert part.tag.endswith("urlset") and 1 <= len(urls) <= 4
        listed += [url.find("s:loc", NS).text for url in urls]
        moments = [url.find("s:lastmod", NS).text for url in urls if url.find("s:lastmod", NS) is not None]
        assert lastmod == (max(moments) if moments else None)
    assert sorted(listed) == sorted(everything) and len(listed) == len(everything)  # each page once
    assert client.get("/sitemap-4.xml").status_code == 404
    assert client.get("/sitemap-0.xml").status_code == 404


def test_a_sitemap_within_the_limit_has_no_parts(client, public_world):
    sitemap(client)
    assert client.get("/sitemap-1.xml").status_code == 404
