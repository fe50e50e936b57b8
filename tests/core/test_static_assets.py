"""Cache-busting static URLs: a content hash in every static URL, and long caching for them."""
import hashlib
import re

from config import ROOT
from portal.core import assets

STYLESHEET = re.compile(r'<link rel="stylesheet" href="/static/css/tandem\.css\?v=([0-9a-f]{12})"')
SCRIPT = re.compile(r'<script src="/static/js/tandem\.js\?v=([0-9a-f]{12})"')


def sha12(content):
    return hashlib.sha256(content).hexdigest()[:12]


def use_static_folder(app, folder, files):
    """Point the application at a temporary static folder holding `files` (as after a restart)."""
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    app.static_folder = str(folder)
    with app.app_context():
        assets.versions().forget()


def test_base_page_links_stylesheet_and_script_with_their_content_hash(app, client):
    page = client.get("/").get_data(as_text=True)
    assert STYLESHEET.search(page)[1] == sha12((ROOT / "static/css/tandem.css").read_bytes())
    assert SCRIPT.search(page)[1] == sha12((ROOT / "static/js/tandem.js").read_bytes())


def test_hash_changes_when_the_file_changes(app, client, tmp_path):
    folder = tmp_path / "static"
    use_static_folder(app, folder, {"css/tandem.css": b"body { color: black }", "js/tandem.js": b"// v1"})
    # /login, never kept in the visitors' cache (a release restarts the processes, and the cache with them)
    before = client.get("/login").get_data(as_text=True)
    assert STYLESHEET.search(before)[1] == sha12(b"body { color: black }")
    assert SCRIPT.search(before)[1] == sha12(b"// v1")

    use_static_folder(app, folder, {"css/tandem.css": b"body { color: navy }", "js/tandem.js": b"// v1"})
    after = client.get("/login").get_data(as_text=True)
    assert STYLESHEET.search(after)[1] == sha12(b"body { color: navy }")
    assert STYLESHEET.search(after)[1] != STYLESHEET.search(before)[1]
    assert SCRIPT.search(after)[1] == SCRIPT.search(before)[1]  # an unchanged file keeps its URL


def test_hash_is_computed_once_not_per_request(app, client, monkeypatch):
    with app.app_context():
        assets.versions().forget()
    calls = []
    real = assets.file_hash
    monkeypatch.setattr(assets, "file_hash", lambda path: calls.append(path) or real(path))
    for _ in range(3):
        client.get("/")
    hashed = [path for path in calls if path.endswith("tandem.css")]
    assert len(hashed) == 1


def test_versioned_static_url_is_cached_for_a_year(app, client):
    with app.test_request_context():
        from flask import url_for

        url = url_for("static", filename="css/tandem.css")
    assert "?v=" in url
    response = client.get(url)
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert response.headers["Content-Type"].startswith("text/css")


def test_unversioned_or_stale_static_url_is_revalidated(client):
    for url in ("/static/css/tandem.css", "/static/css/tandem.css?v=000000000000"):
        response = client.get(url)
        assert response.status_code == 200
        assert "immutable" not in response.headers.get("Cache-Control", "")
        assert "no-cache" in response.headers["Cache-Control"]


def test_missing_static_file_gets_no_version_and_is_404(app, client):
    with app.test_request_context():
        from flask import url_for

        assert url_for("static", filename="css/absent.css") == "/static/css/absent.css"
    assert client.get("/static/css/absent.css?v=abc").status_code == 404
