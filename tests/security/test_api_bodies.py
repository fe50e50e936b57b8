"""Bad bodies on every JSON endpoint of API.md §2: malformed JSON (400), JSON that is not an
object, wrong types, overlong text, NUL, impossible dates, unknown codes and broken rules (422
on the field), fields a client may not set (422, never taking effect), and odd but valid text
(Unicode, HTML, SQL quotes, CR/LF) stored and answered as sent. The table is endpoints.py; each
test runs all of an endpoint's cases and reports every one that fails."""
import copy
import json

import pytest

from tests.security.conftest import ODD_TEXTS
from tests.security.endpoints import BODYLESS, ENDPOINTS

TITLE_MAX, TEXT_MAX = 200, 10_000
by_endpoint = pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda e: e.name)


def send(client, bearer, world, endpoint, body=None, raw=None):
    path = endpoint.path.format_map(world.ids)
    data = raw if raw is not None else json.dumps(body)
    return getattr(client, endpoint.method)(path, data=data, content_type="application/json",
                                            headers=bearer(endpoint.role))


def error_problem(response, status, fields=None):
    """What is wrong with an error answer (None: it is the documented one). `fields`: the
    field the error must name, or alternatives separated by |."""
    if response.status_code != status:
        return f"status {response.status_code}, not {status}: {response.get_data(as_text=True)[:300]}"
    body = response.get_json(silent=True) or {}
    error = body.get("error") or {}
    if not (isinstance(error.get("code"), str) and isinstance(error.get("message"), str) and error["message"]):
        return f"not the error format: {body}"
    named = error.get("fields") or {}
    if fields and not any(name in named for name in fields.split("|")):
        return f"{fields} not named in {named}"
    if not all(isinstance(m, str) for messages in named.values() for m in messages):
        return f"field messages are not text: {named}"
    return None


def with_value(body, dotted, value):
    body = copy.deepcopy(body)
    target = body
    *parents, last = dotted.split(".")
    for part in parents:
        target = target[part]
    target[last] = value
    return body


def dig(answer, dotted):
    for part in dotted.split("."):
        answer = answer[int(part)] if part.lstrip("-").isdigit() else answer[part]
    return answer


def run(cases, check):
    """check(case) → a problem or None, for every case; fails listing all problems."""
    problems = [f"{case!r}: {problem}" for case in cases if (problem := check(case))]
    assert not problems, "\n".join(problems)


@by_endpoint
def test_the_tables_valid_body_succeeds(client, bearer, world, endpoint):
    response = send(client, bearer, world, endpoint, endpoint.body(world))
    assert response.status_code == endpoint.ok, response.get_data(as_text=True)


MALFORMED = [b"{", b"{'title': 'x'}", b'{"title": "x",}', b"[1, 2", b"\xff\xfe{", b'{"a": 1} trailing',
             b'{"title": "\\ud800"', b"\x00"]


@by_endpoint
def test_malformed_json_is_400_in_the_error_format(client, bearer, world, endpoint):
    def check(raw):
        response = send(client, bearer, world, endpoint, raw=raw)
        return error_problem(response, 400) or (
            None if response.get_json()["error"]["code"] == "malformed_json" else "code is not malformed_json")

    run(MALFORMED, check)


NOT_OBJECTS = ["[]", '[{"title": "x"}]', '"text"', "42", "true", "null"]


@by_endpoint
def test_json_that_is_not_an_object_is_422(client, bearer, world, endpoint):
    run(NOT_OBJECTS, lambda raw: error_problem(send(client, bearer, world, endpoint, raw=raw), 422))


def _run_422_cases(client, bearer, world, endpoint, cases):
    """Each (field, value[, field named in the error]) sent alone in a valid body: 422 on that field."""
    def check(case):
        field, value, *named = case
        body = with_value(endpoint.body(world), field, value)
        return error_problem(send(client, bearer, world, endpoint, body), 422, named[0] if named else field)

    run(cases, check)


@pytest.mark.parametrize("endpoint", [e for e in ENDPOINTS if e.wrong_type], ids=lambda e: e.name)
def test_a_value_of_the_wrong_type_is_422_on_that_field(client, bearer, world, endpoint):
    _run_422_cases(client, bearer, world, endpoint, endpoint.wrong_type)


@pytest.mark.parametrize("endpoint", [e for e in ENDPOINTS if e.bad_values], ids=lambda e: e.name)
def test_impossible_dates_unknown_codes_and_broken_rules_are_422_on_the_field(client, bearer, world, endpoint):
    _run_422_cases(client, bearer, world, endpoint, endpoint.bad_values)


@pytest.mark.parametrize("endpoint", [e for e in ENDPOINTS if e.titles or e.texts], ids=lambda e: e.name)
def test_text_over_the_limit_is_422_on_that_field_and_at_the_limit_is_accepted(client, bearer, world, endpoint):
    def check(case):
        field, limit = case
        over = send(client, bearer, world, endpoint, with_value(endpoint.body(world), field, "é" * (limit + 1)))
        at = send(client, bearer, world, endpoint, with_value(endpoint.body(world), field, "é" * limit))
        return error_problem(over, 422, field) or (
            None if at.status_code == endpoint.ok else f"{limit} characters refused: {at.get_data(as_text=True)}")

    run([(f, TITLE_MAX) for f in endpoint.titles] + [(f, TEXT_MAX) for f in endpoint.texts], check)


NUL_FIELDS = {"tokens": ("email", "password"), "signup": ("email", "password"),
              "signup_organisation": ("organisation.name", "organisation.enterprise_number")}


@pytest.mark.parametrize("endpoint", [e for e in ENDPOINTS if e.titles or e.texts or e.name in NUL_FIELDS],
                         ids=lambda e: e.name)
def test_a_nul_character_is_422_on_that_field(client, bearer, world, endpoint):
    """PostgreSQL cannot store NUL: it must be refused as input, never reach the database."""
    fields = endpoint.titles + endpoint.texts + NUL_FIELDS.get(endpoint.name, ())
    run(fields, lambda field: error_problem(
        send(client, bearer, world, endpoint, with_value(endpoint.body(world), field, "before\x00after")), 422, field))


def _as_stored(value):
    """Services trim text and store line ends as \\n; nothing else may change."""
    return value.replace("\r\n", "\n").strip()


@pytest.mark.parametrize("endpoint", [e for e in ENDPOINTS if e.titles or e.texts], ids=lambda e: e.name)
def test_unicode_and_injection_strings_are_stored_and_answered_as_sent(client, bearer, world, endpoint):
    shown_fields = [f for f in endpoint.titles + endpoint.texts if endpoint.echo.get(f, f) is not None]

    def check(kind):
        value = ODD_TEXTS[kind]
        body = endpoint.body(world)
        for field in endpoint.titles + endpoint.texts:
            body = with_value(body, field, value)
        response = send(client, bearer, world, endpoint, body)
        if response.status_code != endpoint.ok:
            return f"status {response.status_code}: {response.get_data(as_text=True)[:300]}"
        answer = response.get_json()
        wrong = {f: dig(answer, endpoint.echo.get(f, f)) for f in shown_fields
                 if dig(answer, endpoint.echo.get(f, f)) not in (value, _as_stored(value))}
        return f"answered {wrong}" if wrong else None

    run(list(ODD_TEXTS), check)


@by_endpoint
def test_fields_a_client_may_not_set_are_refused_with_422(client, bearer, world, endpoint):
    """API.md: ownership, status, rights, ids and timestamps are never taken from the body."""

    def check(field):
        value = True if field == "is_admin" else "approved" if field.endswith("status") else 424242
        return error_problem(send(client, bearer, world, endpoint, with_value(endpoint.body(world), field, value)),
                             422, field)

    run(endpoint.forbidden, check)


def test_a_refused_is_admin_leaves_no_account_behind(client, world):
    from portal.accounts.models import User
    from portal.extensions import db

    body = {"email": "climber@example.be", "password": "a-long-passphrase-for-tandem", "name": "C",
            "language": "nl", "is_admin": True}
    assert client.post("/api/v1/signup", json=body).status_code == 422
    assert db.session.execute(db.select(User).filter_by(email="climber@example.be")).scalar() is None


@pytest.mark.parametrize("method, path, role", BODYLESS, ids=[p for _m, p, _r in BODYLESS])
def test_endpoints_without_a_body_ignore_whatever_is_sent(client, bearer, world, method, path, role):
    headers = bearer(role)
    url = path.format_map(world.ids)
    if path.endswith("/registrations/me"):
        assert client.post(url.rsplit("/", 1)[0], headers=headers).status_code == 201
    raw = '{"status": "approved", "is_admin": true, "id": 1}' + " " * 5000 + "{"
    response = getattr(client, method)(url, data=raw, content_type="application/json", headers=headers)
    assert response.status_code in (200, 201, 204), response.get_data(as_text=True)
