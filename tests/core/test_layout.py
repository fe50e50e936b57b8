"""The layout's menu and footer (core/navigation.py): rendered once per (sections, language,
page), yet each person sees exactly the sections they may open, in their language, with the
current page marked."""
import re

import pytest

from portal.core import navigation


def menu(client, path="/events"):
    body = client.get(path).get_data(as_text=True)
    nav = re.search(r'<nav class="main-nav".*?</nav>', body, re.S).group(0)
    return re.findall(r'<a href="([^"]+)"\s*(aria-current="page")?>([^<]+)</a>', nav)


@pytest.fixture
def renders(monkeypatch):
    templates = []
    original = navigation._render

    def counting(template, **context):
        templates.append(template)
        return original(template, **context)

    monkeypatch.setattr(navigation, "_render", counting)
    return templates


def test_each_role_sees_its_own_sections(app, login, ocmw_member, sie_member, participant):
    seen = {}
    for name, user in (("ocmw", ocmw_member), ("sie", sie_member), ("participant", participant)):
        client = app.test_client()
        login(user, client)
        seen[name] = {href for href, _current, _label in menu(client, "/events?lang=en")}
    visitor = {href for href, _current, _label in menu(app.test_client(), "/events?lang=en")}
    assert "/candidates" in seen["ocmw"] and "/candidates" not in seen["sie"]
    assert "/candidates" not in seen["participant"] and "/candidates" not in visitor
    assert "/referrals" in seen["sie"] and "/referrals" not in visitor


def test_the_menu_is_rendered_once_for_everyone_with_the_same_sections(app, renders, ocmw_member, login):
    for _ in range(2):
        menu(app.test_client(), "/events?lang=en")
        menu(app.test_client(), "/events?lang=fr")
    assert renders.count("layout/main_menu.html") == 2 and renders.count("layout/site_footer.html") == 2
    client = app.test_client()
    login(ocmw_member, client)
    menu(client, "/events?lang=en")  # other sections: its own menu
    assert renders.count("layout/main_menu.html") == 3


def test_the_current_page_is_marked_in_the_readers_language(client):
    english = menu(client, "/events?lang=en")
    assert [(href, label) for href, current, label in english if current] == [("/events", "Study days")]
    french = menu(client, "/offers?lang=fr")
    assert [href for href, current, _label in french if current] == ["/offers"]
    assert "Study days" not in {label for _href, _current, label in french}
