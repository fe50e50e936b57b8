"""Materials on agenda items (API.md §6.3): files and links the organisers attach.

A file's type is read from its content, never from its name or the browser's word for it:
PDF, PNG and JPEG by their magic bytes; ODT/ODP and DOCX/PPTX are ZIP archives, told apart by the
OpenDocument `mimetype` entry or the Office Open XML part names. Anything else (an executable
renamed `.pdf`) is 422. Files are stored under MATERIALS_DIR with a random name and served as
downloads (`Content-Disposition: attachment`, `nosniff` from the factory); size is capped by
MAX_UPLOAD_MB (413, checked before the body is read: core/security.py).
"""
import io
import secrets
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

from flask import current_app
from flask_babel import gettext as _

from portal.core import audit
from portal.core.errors import Invalid, NotFound
from portal.core.use_case import use_case
from portal.events import links
from portal.events.models_study_day import AgendaMaterial
from portal.extensions import db

TITLE_MAX = 200
URL_MAX = 2000
# content type → file extension of the download
TYPES = {
    "application/pdf": "pdf",
    "image/png": "png",
    "image/jpeg": "jpg",
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.presentation": "odp",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": "pptx",
}


def sniff(head, stream):
    """The content type of an accepted file from its bytes, else None."""
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"PK\x03\x04"):
        return _zip_type(stream)
    return None


def _zip_type(stream):
    try:
        with zipfile.ZipFile(stream) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                declared = archive.read("mimetype")[:100].decode("ascii", "replace").strip()
                return declared if declared in TYPES else None
            if "[Content_Types].xml" in names:
                if any(n.startswith("word/") for n in names):
                    return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
                if any(n.startswith("ppt/") for n in names):
                    return "application/vnd.openxmlformats-officedocument.presentationml.presentation"
    except (zipfile.BadZipFile, OSError, KeyError, RuntimeError, NotImplementedError):
        return None
    return None


def _title(title):
    if not isinstance(title, str) or not title.strip() or "\x00" in title:
        raise Invalid(fields={"title": [_("This field is required.")]})
    if len(title.strip()) > TITLE_MAX:
        raise Invalid(fields={"title": [_("At most %(max)d characters.", max=TITLE_MAX)]})
    return title.strip()


def directory():
    path = Path(current_app.config["MATERIALS_DIR"])
    path.mkdir(parents=True, exist_ok=True)
    return path


def _download_name(title, content_type):
    safe = "".join(c if c.isalnum() or c in " -_." else "_" for c in title).strip(" ._")[:80] or "material"
    return f"{safe}.{TYPES[content_type]}"


@use_case
def add_file(actor, event, item, title, upload):
    """Attach an uploaded file (a werkzeug FileStorage) to an agenda item."""
    title = _title(title)
    if upload is None or not getattr(upload, "filename", None):
        raise Invalid(fields={"file": [_("Choose a file.")]})
    data = upload.stream.read()
    content_type = sniff(data[:16], io.BytesIO(data))
    if content_type is None:
        raise Invalid(fields={"file": [_("Only PDF, ODT, ODP, DOCX, PPTX, PNG and JPEG files are accepted.")]})
    stored_name = secrets.token_hex(16)
    material = AgendaMaterial(agenda_item_id=item.id, event_id=event.id, title=title, kind="file",
                              stored_name=stored_name, file_name=_download_name(title, content_type),
                              content_type=content_type, size=len(data))
    db.session.add(material)
    db.session.flush()
    (directory() / stored_name).write_bytes(data)  # written before the commit; removed if it fails
    try:
        audit.record(actor, "event.material.add", material, event_id=event.id)
        db.session.commit()
    except Exception:
        (directory() / stored_name).unlink(missing_ok=True)
        raise
    return material


@use_case
def add_link(actor, event, item, title, url):
    """Attach a link (http or https) to an agenda item."""
    title = _title(title)
    parts = urlsplit(url) if isinstance(url, str) else None
    if (parts is None or parts.scheme not in ("http", "https") or not parts.netloc or len(url) > URL_MAX
            or any(c.isspace() or c == "\x00" for c in url)):
        raise Invalid(fields={"url": [_("Give a web address starting with https:// or http://.")]})
    material = AgendaMaterial(agenda_item_id=item.id, event_id=event.id, title=title, kind="link", link_url=url)
    db.session.add(material)
    db.session.flush()
    audit.record(actor, "event.material.add", material, event_id=event.id)
    return material


def get_material(event, material_id, item_id=None):
    material = db.session.get(AgendaMaterial, material_id) if 0 < material_id < 2**31 else None
    if material is None or material.event_id != event.id or (item_id is not None
                                                             and material.agenda_item_id != item_id):
        raise NotFound()
    return material


@use_case
def delete(actor, event, material):
    """Remove a material; its file goes once the removal is committed."""
    stored_name = material.stored_name
    audit.record(actor, "event.material.delete", material, event_id=event.id)
    db.session.delete(material)
    db.session.commit()
    if stored_name:
        (directory() / stored_name).unlink(missing_ok=True)


def path_of(material):
    return directory() / material.stored_name


def download_url(material):
    if material.kind == "link":
        return material.link_url
    return links.material_url(material.event_id, material.id)
