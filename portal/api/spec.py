"""Small builders the domains' OpenAPI fragments share, so answers are described precisely alike.

An answer's object lists every key it always carries as required and allows no other key: the
schemathesis test then catches a field that goes missing, changes type, or leaks (a receiver's view
that grew a `reference`).
"""
DATE = {"type": "string", "format": "date"}
DATETIME = {"type": "string", "format": "date-time", "description": "ISO 8601, Brussels time with its offset"}
ID = {"type": "integer"}


def nullable(schema):
    """`schema` or null (anyOf, not oneOf: a schema that also admits null must not fail the check)."""
    return {"anyOf": [schema, {"type": "null"}]}


def answer(properties, optional=(), **extra):
    """An object as the API answers it: every listed key present unless optional, no other key."""
    return {"type": "object", "additionalProperties": False,
            "required": [name for name in properties if name not in optional], "properties": properties, **extra}


def page_of(item):
    """The list envelope of API.md §2."""
    return answer({"items": {"type": "array", "items": item}, "total": {"type": "integer", "minimum": 0},
                   "page": {"type": "integer", "minimum": 1},
                   "per_page": {"type": "integer", "minimum": 1, "maximum": 100}})


PAGE_PARAMETERS = [
    {"name": "page", "in": "query", "required": False,
     "schema": {"type": "integer", "minimum": 1, "maximum": 1_000_000}},
    {"name": "per_page", "in": "query", "required": False,
     "schema": {"type": "integer", "minimum": 1, "maximum": 100}},
]


def translations_schema(translated):
    """The `translations` object of API.md §6.2 for a model's TRANSLATED fields: by language,
    each text or null (null removes it in a PATCH); the record's own language is refused (422)."""
    from portal.core.translated import LANGUAGES, TextList

    texts = {}
    for name, spec in translated.items():
        if isinstance(spec, TextList):
            texts[name] = {"type": "array", "maxItems": spec.max_items,
                           "items": {"type": "string", "maxLength": spec.max_length}}
        else:
            texts[name] = nullable({"type": "string", "maxLength": spec.max_length})
    per_language = nullable({"type": "object", "additionalProperties": False, "properties": texts})
    return {"type": "object", "additionalProperties": False,
            "properties": {language: per_language for language in LANGUAGES},
            "description": "texts in the other languages, e.g. {\"fr\": {\"title\": \"…\"}}; {} when none"}
