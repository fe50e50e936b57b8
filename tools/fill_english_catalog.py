"""The source strings are English: the en catalog translates each message to itself.

Run by `make extract-messages` after the catalogs are updated.
"""
from pathlib import Path

from babel.messages.pofile import read_po, write_po

PO = Path(__file__).resolve().parents[1] / "portal" / "translations" / "en" / "LC_MESSAGES" / "messages.po"

with PO.open("rb") as handle:
    catalog = read_po(handle, locale="en")
for message in catalog:
    if not message.id:
        continue
    if isinstance(message.id, tuple | list):
        if not all(message.string):
            message.string = tuple(message.id)
    elif not message.string:
        message.string = message.id
    message.flags.discard("fuzzy")
with PO.open("wb") as handle:
    write_po(handle, catalog, width=100)
