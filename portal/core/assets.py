"""Cache-busting static URLs.

Every `url_for('static', filename=...)` gets `?v=<first 12 hex digits of the file's SHA-256>`,
so a changed file gets a new URL and an unchanged one can be cached for a year. The hashes are
computed once at start-up (the static folder is small) and cached per file for any file added
later — never per request. A response to a URL whose `v` is the file's current hash is served
`Cache-Control: public, max-age=31536000, immutable`; any other static URL keeps Flask's
default (revalidate with the ETag), so a stale or made-up version is never pinned in a cache.
deploy/nginx.conf does the same when nginx serves static/ itself.
"""
import hashlib
import os
from pathlib import Path

from flask import current_app, request
from werkzeug.security import safe_join

LONG_CACHE = "public, max-age=31536000, immutable"
HASH_LENGTH = 12


def file_hash(path):
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        for block in iter(lambda: stream.read(65536), b""):
            digest.update(block)
    return digest.hexdigest()[:HASH_LENGTH]


class StaticVersions:
    """The content hash of each file under one static folder, by its URL filename."""

    def __init__(self, folder):
        self.folder = folder
        self._hashes = {}

    def warm(self):
        """Hash every file now (at start-up), so that requests only read a dictionary."""
        root = Path(self.folder)
        if not root.is_dir():
            return
        for path in root.rglob("*"):
            if path.is_file():
                self.version(path.relative_to(root).as_posix())

    def version(self, filename):
        if filename in self._hashes:
            return self._hashes[filename]
        path = safe_join(self.folder, filename)
        value = file_hash(path) if path and os.path.isfile(path) else None
        self._hashes[filename] = value
        return value

    def forget(self):
        """Drop every cached hash (a restart does this; tests and `flask run --reload` call it)."""
        self._hashes.clear()


def versions():
    """This application's StaticVersions, following its current static folder."""
    state = current_app.extensions.get("static_versions")
    if state is None or state.folder != current_app.static_folder:
        state = current_app.extensions["static_versions"] = StaticVersions(current_app.static_folder)
    return state


def add_version(endpoint, values):
    if endpoint != "static" or "v" in values or not values.get("filename"):
        return
    value = versions().version(values["filename"])
    if value:
        values["v"] = value


def long_cache_for_versioned(response):
    if request.endpoint != "static" or response.status_code not in (200, 304):
        return response
    asked = request.args.get("v")
    filename = (request.view_args or {}).get("filename")
    if asked and filename and asked == versions().version(filename):
        response.headers["Cache-Control"] = LONG_CACHE
        response.headers.pop("Expires", None)
    return response


def init_app(app):
    app.url_defaults(add_version)
    app.after_request(long_cache_for_versioned)
    if app.static_folder:
        with app.app_context():
            versions().warm()
