"""Reading what crawlers read in a page: the <head>'s meta, link and JSON-LD, and the links."""
from html.parser import HTMLParser


class Page(HTMLParser):
    """page = Page(html): .lang, .title, .meta {name or property: [content]}, .links [attrs of
    <link>], .anchors [(attrs, text)], .json_ld [raw text of each application/ld+json]."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.lang, self.title, self.meta, self.links, self.anchors, self.json_ld = None, "", {}, [], [], []
        self._in = None
        self._anchor = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang")
        elif tag == "title":
            self._in = "title"
        elif tag == "meta" and ("name" in attrs or "property" in attrs):
            self.meta.setdefault(attrs.get("name") or attrs.get("property"), []).append(attrs.get("content"))
        elif tag == "link":
            self.links.append(attrs)
        elif tag == "script" and attrs.get("type") == "application/ld+json":
            self._in = "json_ld"
            self.json_ld.append("")
        elif tag == "a":
            self._anchor = (attrs, [])
        elif tag == "img" and self._anchor is not None:
            self._anchor[1].append(attrs.get("alt") or "")

    def handle_endtag(self, tag):
        if tag in ("title", "script"):
            self._in = None
        elif tag == "a" and self._anchor is not None:
            attrs, text = self._anchor
            self.anchors.append((attrs, " ".join("".join(text).split())))
            self._anchor = None

    def handle_data(self, data):
        if self._in == "title":
            self.title += data
        elif self._in == "json_ld":
            self.json_ld[-1] += data
        if self._anchor is not None:
            self._anchor[1].append(data)

    def one(self, name):
        values = self.meta.get(name, [])
        assert len(values) == 1, f"{name}: {values}"
        return values[0]

    def alternates(self):
        return {link["hreflang"]: link["href"] for link in self.links
                if link.get("rel") == "alternate" and "hreflang" in link}
