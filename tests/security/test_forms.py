"""Bad input on every HTML form (the account forms are covered by tests/accounts/test_bad_input.py):
overlong names and free text, NUL, impossible dates are refused without effect; HTML, SQL quotes,
Unicode and CR/LF are kept and shown escaped on the page that shows them; never a 500."""
import re

import pytest

from tests.security.conftest import ODD_TEXTS
from tests.security.forms import PAGE_FORMS
from tests.security.test_api_bodies import run

by_form = pytest.mark.parametrize("form", PAGE_FORMS, ids=lambda f: f.name)


@pytest.fixture
def poster(client, login, world, csrf_token):
    """poster(form, **changes) → the answer to posting the form's data with those changes,
    redirects followed (the page a person then sees)."""
    tokens = {}

    def post(form, follow=True, **changes):
        if form.role not in tokens:
            if form.role:
                login(world.user(form.role))
            tokens[form.role] = csrf_token("/profile" if form.role else "/accessibility")
        path = form.path.format_map(world.ids)
        data = {**form.data(world), **changes}
        if form.prefixed:
            record_id = re.search(r"/(\d+)/", path).group(1)
            data = {f"org{record_id}-{name}": value for name, value in data.items()}
        return client.post(path, data={**data, "csrf_token": tokens[form.role]}, follow_redirects=follow)

    return post


@by_form
def test_the_tables_form_data_succeeds(poster, form):
    response = poster(form, follow=False)
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]


@by_form
def test_overlong_text_and_impossible_dates_are_refused_without_effect(poster, form):
    def check(case):
        field, value = case
        response = poster(form, **{field: value})
        page = response.get_data(as_text=True)
        if response.status_code not in (200, 422):
            return f"status {response.status_code}"
        if response.status_code == 422:
            return None  # the form again, with the message next to the field
        # forms posted from a detail page come back to it with the message flashed
        if 'class="flash flash-error"' not in page:
            return "no error shown"
        return "the value was saved" if form.shows and value in page else None

    cases = ([(f, "x" * 201) for f in form.titles] + [(f, "x" * 10_001) for f in form.texts]
             + [(f, d) for f in form.dates for d in ("2023-02-30", "2023-13-01", "30/02/2023")])
    run(cases, check)


@by_form
def test_a_nul_character_in_any_field_is_422(poster, form):
    run(form.titles + form.texts + form.dates + ("a_field_the_form_does_not_know",),
        lambda field: None if (r := poster(form, follow=False, **{field: "a\x00b"})).status_code == 422
        else f"status {r.status_code}")


@by_form
def test_odd_text_is_kept_and_shown_escaped(poster, form):
    def check(kind):
        value = ODD_TEXTS[kind]
        response = poster(form, **{field: value for field in form.titles + form.texts})
        page = response.get_data(as_text=True)
        if response.status_code != 200:
            return f"status {response.status_code}"
        if "<script>alert" in page or "<img src=x" in page:
            return "HTML not escaped"
        if form.shows and kind == "html" and "&lt;script&gt;alert(" not in page:
            return "the text is not shown (escaped) on the page"
        if form.shows and kind == "unicode" and value not in page:
            return "the text is not shown as written"
        return None

    run([k for k in ODD_TEXTS if form.titles or form.texts], check)


@pytest.mark.parametrize("path, field, role", [
    ("/offers/{offer}/status", "status", "sie_member"),
    ("/organisations/{sie}/members/{sie_admin_id}/role", "role", "sie_admin"),
])
def test_unknown_codes_posted_by_buttons_are_refused_and_escaped(client, login, world, csrf_token, path, field, role):
    login(world.user(role))
    token = csrf_token("/profile")
    url = path.replace("{sie_admin_id}", str(world.user("sie_admin").id)).format_map(world.ids)
    response = client.post(url, data={field: ODD_TEXTS["html"], "csrf_token": token}, follow_redirects=True)
    page = response.get_data(as_text=True)
    assert response.status_code in (200, 409, 422)
    assert "<script>alert" not in page


@pytest.mark.parametrize("offer_id", ["²", "99999999999999999999", "-1", ""])
def test_a_referral_for_an_offer_id_that_is_no_id_goes_back_with_a_message(client, login, world, csrf_token, offer_id):
    login(world.user("ocmw_member"))
    response = client.post("/referrals", data={"csrf_token": csrf_token("/profile"), "offer_id": offer_id,
                                               "candidate_id": str(world.candidate.id)}, follow_redirects=True)
    assert response.status_code == 200
    assert 'class="flash flash-error"' in response.get_data(as_text=True)
