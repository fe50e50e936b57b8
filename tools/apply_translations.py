"""Fill nl/fr translations from JSON files: {"English msgid": {"nl": "...", "fr": "..."}}.

Usage (after `make extract-messages`): python tools/apply_translations.py FILE.json [FILE.json …]
Only empty msgstrs are filled, so a translator's edit in a .po file is never overwritten. Prints
the messages of nl and fr that are still untranslated (the i18n test fails on any of them).
"""
import json
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1] / "portal" / "translations"


def apply(locale, translations):
    path = ROOT / locale / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=locale)
    missing = []
    for message in catalog:
        if not message.id or isinstance(message.id, tuple | list):
            if message.id and not all(message.string):
                missing.append(message.id[0])
            continue
        if not message.string and locale in translations.get(message.id, {}):
            message.string = translations[message.id][locale]
            message.flags.discard("fuzzy")
        if not message.string:
            missing.append(message.id)
    with path.open("wb") as handle:
        write_po(handle, catalog, width=100)
    return missing


def main(files):
    translations = {}
    for name in files:
        translations.update(json.loads(Path(name).read_text(encoding="utf-8")))
    for locale in ("nl", "fr"):
        for msgid in apply(locale, translations):
            print(f"{locale}: untranslated: {msgid!r}")


if __name__ == "__main__":
    main(sys.argv[1:])
