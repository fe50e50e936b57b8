"""/api/docs: the API reference rendered from openapi.json, translated, under the strict CSP."""
import re
from html import unescape

import pytest

from portal.api.openapi import METHODS, document
from portal.core.security import CONTENT_SECURITY_POLICY


def test_it_lists_every_operation_of_the_document(client):
    response = client.get("/api/docs")
    assert response.status_code == 200
    page = unescape(response.get_data(as_text=True))
    for path, item in document()["paths"].items():
        for method in METHODS:
            if method in item:
                operation = item[method]
                assert f'id="{operation["operationId"]}"' in page, (method, path)
                assert f"{method.upper()}</span> <code>{path}</code>" in page, (method, path)
    assert "Who may call it" in page
    assert "Request body (JSON)" in page
    assert "/api/v1/openapi.json" in page


def test_it_shows_who_may_call_parameters_fields_and_responses(client):
    page = unescape(client.get("/api/docs").get_data(as_text=True))
    start = page.index('id="post_referrals_referral_id_transitions"')
    section = page[start:page.index("</section>", start)]
    assert "the side allowed that move (see the workflow)" in section
    assert "<code>referral_id</code>" in section  # the path parameter
    assert "<code>to</code>" in section and "<code>outcome</code>" in section  # request fields
    for status in ("200", "401", "403", "404", "409", "422"):
        assert f'<th scope="row">{status}</th>' in section
    assert "required" in section  # a token is required here


@pytest.mark.parametrize(("language", "heading", "who"), [
    ("nl", "API-referentie", "iedereen"),
    ("fr", "Référence de l’API", "tout le monde"),
    ("en", "API reference", "anyone"),
])
def test_it_is_translated_and_sets_the_lang_attribute(client, language, heading, who):
    page = unescape(client.get(f"/api/docs?lang={language}").get_data(as_text=True))
    assert f'<html lang="{language}">' in page
    assert f"<h1>{heading}</h1>" in page
    assert f"<dd>{who}</dd>" in page


def test_it_keeps_the_strict_csp_and_needs_no_script_or_inline_style(client):
    response = client.get("/api/docs")
    assert response.headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    assert "unsafe-inline" not in response.headers["Content-Security-Policy"]
    page = response.get_data(as_text=True)
    assert not re.search(r"<script(?![^>]*\bsrc=)", page)  # only the site's own external script
    assert " style=" not in page and "<style" not in page
    assert re.search(r'<link rel="stylesheet" href="/static/css/api-docs\.css\?v=[0-9a-f]{12}">', page)


def test_the_footer_links_to_it(client):
    page = client.get("/").get_data(as_text=True)
    assert 'href="/api/docs"' in page
