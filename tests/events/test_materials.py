"""Materials on agenda items (API.md §6.3): files checked by content, size-limited, stored under
MATERIALS_DIR, served as downloads; links; who may add and remove them."""
import io
import zipfile

import pytest

from portal.events.models_study_day import AgendaMaterial
from portal.extensions import db
from tests import factories
from tests.events import helpers
from tests.events.test_organise_pages import token as csrf_from

PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
EXE = b"MZ\x90\x00\x03" + b"\x00" * 64


def office(parts):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return buffer.getvalue()


ODP = office({"mimetype": "application/vnd.oasis.opendocument.presentation", "content.xml": "<x/>"})
PPTX = office({"[Content_Types].xml": "<Types/>", "ppt/presentation.xml": "<p/>"})
DOCX = office({"[Content_Types].xml": "<Types/>", "word/document.xml": "<w/>"})
PLAIN_ZIP = office({"readme.txt": "hello"})


@pytest.fixture(autouse=True)
def materials_dir(app, tmp_path):
    app.config["MATERIALS_DIR"] = str(tmp_path / "materials")
    return tmp_path / "materials"


@pytest.fixture
def item(partner):
    event = helpers.event(partner)
    return event, helpers.agenda_item(event, title="Het wettelijk kader", kind="talk")


def upload(client, event, item_, headers, data, filename="slides.pdf", title="Slides"):
    return client.post(f"/api/v1/events/{event.id}/agenda/{item_.id}/materials", headers=headers,
                       data={"title": title, "file": (io.BytesIO(data), filename)},
                       content_type="multipart/form-data")


@pytest.mark.parametrize("data,content_type", [
    (PDF, "application/pdf"), (PNG, "image/png"), (b"\xff\xd8\xff\xe0" + b"\x00" * 20, "image/jpeg"),
    (ODP, "application/vnd.oasis.opendocument.presentation"),
    (PPTX, "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
    (DOCX, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
])
def test_accepted_files_are_typed_by_content_stored_and_downloaded(client, item, partner_member, auth_headers,
                                                                   materials_dir, data, content_type):
    event, item_ = item
    response = upload(client, event, item_, auth_headers(partner_member), data, filename="whatever.bin")
    assert response.status_code == 201
    body = response.get_json()
    assert body["kind"] == "file" and body["content_type"] == content_type and body["size"] == len(data)
    stored = db.session.get(AgendaMaterial, body["id"])
    assert (materials_dir / stored.stored_name).read_bytes() == data
    download = client.get(body["url"].removeprefix("http://localhost"))
    assert download.status_code == 200 and download.data == data
    assert download.headers["Content-Disposition"].startswith("attachment")
    assert download.headers["X-Content-Type-Options"] == "nosniff" and download.mimetype == content_type
    listed = client.get(f"/api/v1/events/{event.id}").get_json()["agenda"][0]["materials"]
    assert listed == [body]


@pytest.mark.parametrize("data,filename", [(EXE, "slides.pdf"), (PLAIN_ZIP, "slides.pptx"),
                                           (b"<html><script>", "page.png"), (b"", "empty.pdf")])
def test_anything_else_is_422_and_nothing_is_stored(client, item, partner_member, auth_headers, materials_dir,
                                                    data, filename):
    event, item_ = item
    response = upload(client, event, item_, auth_headers(partner_member), data, filename=filename)
    assert response.status_code == 422 and "file" in response.get_json()["error"]["fields"]
    assert db.session.execute(db.select(AgendaMaterial)).first() is None
    assert not materials_dir.exists() or not any(materials_dir.iterdir())


def test_an_oversized_upload_is_413(app, client, item, partner_member, auth_headers):
    app.config["MAX_UPLOAD_MB"] = 1
    event, item_ = item
    big = PDF + b"0" * (1024 * 1024 + 1)
    assert upload(client, event, item_, auth_headers(partner_member), big).status_code == 413
    assert db.session.execute(db.select(AgendaMaterial)).first() is None
    # between the general 1 MB limit and MAX_UPLOAD_MB: accepted on the upload route only
    app.config["MAX_UPLOAD_MB"] = 3
    assert upload(client, event, item_, auth_headers(partner_member), big).status_code == 201


def test_links_are_http_only(client, item, partner_member, auth_headers):
    event, item_ = item
    path = f"/api/v1/events/{event.id}/agenda/{item_.id}/materials"
    headers = auth_headers(partner_member)
    response = client.post(path, json={"title": "Wetgeving", "url": "https://www.ejustice.just.fgov.be/"},
                           headers=headers)
    assert response.status_code == 201
    assert response.get_json() == {"id": response.get_json()["id"], "title": "Wetgeving", "kind": "link",
                                   "url": "https://www.ejustice.just.fgov.be/"}
    for url in ("javascript:alert(1)", "ftp://example.be/x", "https://", "not a url", 5):
        assert client.post(path, json={"title": "X", "url": url}, headers=headers).status_code == 422
    assert client.post(path, json={"title": "", "url": "https://a.be"}, headers=headers).status_code == 422
    assert client.post(path, json={"title": "X", "url": "https://a.be", "kind": "file"},
                       headers=headers).status_code == 422


def test_organisers_remove_materials_and_their_files(client, item, partner_member, auth_headers, materials_dir):
    event, item_ = item
    headers = auth_headers(partner_member)
    body = upload(client, event, item_, headers, PDF).get_json()
    stored = db.session.get(AgendaMaterial, body["id"]).stored_name
    other_item = helpers.agenda_item(event, minutes_from_start=60, title="Pauze", kind="break")
    assert client.delete(f"/api/v1/events/{event.id}/agenda/{other_item.id}/materials/{body['id']}",
                         headers=headers).status_code == 404
    assert client.delete(f"/api/v1/events/{event.id}/agenda/{item_.id}/materials/{body['id']}",
                         headers=headers).status_code == 204
    assert not (materials_dir / stored).exists()
    assert client.get(body["url"].removeprefix("http://localhost")).status_code == 404


@pytest.mark.parametrize("role,status", [("participant", 403), ("other_partner", 403), ("anonymous", 401)])
def test_only_organisers_add_or_remove_materials(client, item, partner_member, auth_headers, request, role, status):
    event, item_ = item
    material = upload(client, event, item_, auth_headers(partner_member), PDF).get_json()
    if role == "other_partner":
        headers = auth_headers(factories.member(factories.organisation("Ander", "partner"), "o@example.test"))
    elif role == "anonymous":
        headers = {}
    else:
        headers = auth_headers(request.getfixturevalue(role))
    assert upload(client, event, item_, headers, PDF).status_code == status
    assert client.delete(f"/api/v1/events/{event.id}/agenda/{item_.id}/materials/{material['id']}",
                         headers=headers).status_code == status
    assert db.session.execute(db.select(db.func.count()).select_from(AgendaMaterial)).scalar_one() == 1


def test_materials_of_a_draft_are_not_downloadable_by_others(client, partner, partner_member, auth_headers):
    event = helpers.event(partner, status="draft")
    item_ = helpers.agenda_item(event)
    body = upload(client, event, item_, auth_headers(partner_member), PDF).get_json()
    assert client.get(body["url"].removeprefix("http://localhost")).status_code == 404


def test_the_organisers_page_adds_and_the_event_page_lists_materials(client, login, item, partner_member):
    event, item_ = item
    login(partner_member)
    path = f"/events/{event.id}/agenda/{item_.id}/materials"
    response = client.post(path, data={"csrf_token": csrf_from(client, path), "kind": "file", "title": "Slides",
                                       "file": (io.BytesIO(PDF), "slides.pdf")}, content_type="multipart/form-data")
    assert response.status_code == 302
    bad = client.post(path, data={"csrf_token": csrf_from(client, path), "kind": "file", "title": "Virus",
                                  "file": (io.BytesIO(EXE), "virus.pdf")}, content_type="multipart/form-data")
    assert bad.status_code == 422 and "Only PDF" in bad.get_data(as_text=True)
    client.post(path, data={"csrf_token": csrf_from(client, path), "kind": "link", "title": "Wetgeving",
                            "url": "https://www.ejustice.just.fgov.be/"})
    page = client.get(f"/events/{event.id}").get_data(as_text=True)
    assert "Slides</a> <small>(PDF" in page and 'href="https://www.ejustice.just.fgov.be/"' in page


def test_the_event_page_runs_the_same_queries_with_more_materials(client, item, partner_member, auth_headers,
                                                                  count_queries):
    event, item_ = item
    headers = auth_headers(partner_member)
    upload(client, event, item_, headers, PDF)

    def measure():
        with count_queries() as statements:
            assert client.get(f"/api/v1/events/{event.id}").status_code == 200
        return len(statements)

    few = measure()
    for n in range(3):
        second = helpers.agenda_item(event, minutes_from_start=60 + 30 * n, title=f"Item {n}", kind="talk")
        upload(client, event, second, headers, PNG)
    assert measure() == few
