"""Charts: accessible server-rendered SVG with the numbers of the tables beside them."""
import re

from portal.reports import charts


def test_bar_lengths_follow_the_values_and_suppressed_reads_under_five(app):
    chart = charts.bar_chart([("a", 4), ("b", 2), ("c", None), ("d", 0)])
    lengths = [bar["length"] for bar in chart["bars"]]
    assert lengths[0] == 2 * lengths[1] and lengths[2] == 0 and lengths[3] == 0
    assert [bar["text"] for bar in chart["bars"]] == ["4", "2", "< 5", "0"]


def test_column_series_differ_by_pattern_not_only_colour(app):
    chart = charts.column_chart([("2023", [1, 2]), ("2024", [3, None])], [("s", "Started"), ("e", "Ended")])
    assert {c["pattern"] for c in chart["columns"]} == {"solid", "hatch"}
    assert [item["label"] for item in chart["legend"]] == ["Started", "Ended"]
    assert chart["columns"][-1]["text"] == "< 5" and chart["columns"][-1]["height"] == 0
    assert all(c["y"] + c["height"] <= chart["baseline"] + 0.01 for c in chart["columns"])


def test_an_empty_chart_draws_without_dividing_by_zero(app):
    chart = charts.column_chart([(str(m), [0, 0]) for m in range(12)], [("s", "Started"), ("e", "Ended")])
    assert {c["height"] for c in chart["columns"]} == {0}


def test_the_page_charts_are_images_with_title_desc_and_text_labels(client, login, data, host_member):
    login(host_member)
    page = client.get("/reports?year=2024&lang=en").get_data(as_text=True)
    svgs = re.findall(r"<svg .*?</svg>", page, re.S)
    assert len(svgs) == 3  # outcomes, per month, trend
    for svg in svgs:
        assert 'role="img"' in svg and "<title id=" in svg and "<desc id=" in svg and "<text" in svg
    # the numbers of the table are in the description: 2 hired by the host, 1 broken off
    assert "Hired by the host: 2;" in svgs[0] and "Broken off: 1" in svgs[0]
    # per month: #12 started in July (1), #1 ended in February (1)
    assert "Jul, Placements started: 1" in svgs[1] and "Feb, Placements ended: 1" in svgs[1]
    # trend: 2024 supported 9
    assert "2024, Persons supported: 9" in svgs[2]
    assert "url(#chart-months-hatch)" in svgs[1]


def test_no_inline_style_or_script(client, login, data, host_member, admin):
    for user in (host_member, admin):
        login(user)
        page = client.get("/reports?year=2024").get_data(as_text=True)
        assert " style=" not in page and "<style" not in page
        assert not re.search(r"<script(?![^>]*\bsrc=)", page)
