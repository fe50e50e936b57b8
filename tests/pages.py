"""Reading pages in tests: the one place that scrapes a form's CSRF token."""
import re

CSRF_FIELD = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def csrf_in(html):
    """The CSRF token of the (first) form on a page's HTML."""
    match = CSRF_FIELD.search(html)
    assert match, "no CSRF token on the page"
    return match.group(1)


def csrf_of(client, path="/profile"):
    """GET `path` with the test client and return the CSRF token its form carries."""
    return csrf_in(client.get(path).get_data(as_text=True))
