"""The portal on the open web (API.md §6.5): what search engines, link previews and partners'
sites read — meta descriptions, hreflang alternates and Open Graph tags (seo.py), /robots.txt and
/sitemap.xml (views.py, sitemap.py), and /embed/events, the one page other sites may frame
(embed.py)."""
