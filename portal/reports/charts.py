"""Geometry of the report charts, drawn as server-rendered SVG by templates/reports/_charts.html.

Charts are pictures of a table the page shows beside them: every bar carries its number as
text, and series differ by pattern (solid, hatched, dotted, cross-hatched) as well as by
colour, so that no meaning rests on colour alone. A suppressed count (None) draws no bar and
reads "< 5".
"""
WIDTH = 640
PATTERNS = ("solid", "hatch", "dots", "cross")
SUPPRESSED_TEXT = "< 5"  # a symbol, the same in every language


def _text(value):
    return SUPPRESSED_TEXT if value is None else str(value)


def _scale(values):
    known = [v for v in values if v is not None]
    return max(known) if known and max(known) > 0 else 1


def bar_chart(rows, label_width=210, bar_height=22, gap=8):
    """Horizontal bars, one per (label, value): {width, height, bars: [{label, value, text,
    x, y, length, text_x, text_y, label_x}]}."""
    top = max(_scale([v for _, v in rows]), 1)
    room = WIDTH - label_width - 60
    bars = []
    for index, (label, value) in enumerate(rows):
        y = gap + index * (bar_height + gap)
        length = round(room * (value or 0) / top, 1)
        bars.append({"label": str(label), "value": value, "text": _text(value), "x": label_width, "y": y,
                     "length": length, "height": bar_height, "label_x": label_width - 8,
                     "text_x": label_width + length + 6, "text_y": y + bar_height * 0.7})
    return {"width": WIDTH, "height": gap + len(rows) * (bar_height + gap), "bars": bars}


def column_chart(groups, series, height=260):
    """Vertical bars grouped by `groups` [(label, [value per series])], `series` [(key, label)]:
    {width, height, baseline, columns: [...], labels: [...], legend: [...]}."""
    left, right, top, bottom = 8, WIDTH - 8, 34, height - 44
    plot = bottom - top
    peak = _scale([v for _, values in groups for v in values])
    slot = (right - left) / max(len(groups), 1)
    bar = slot * 0.8 / max(len(series), 1)
    columns, labels = [], []
    for g, (label, values) in enumerate(groups):
        x0 = left + g * slot + slot * 0.1
        labels.append({"text": str(label), "x": round(x0 + slot * 0.4, 1), "y": bottom + 16})
        for s, value in enumerate(values):
            h = round(plot * (value or 0) / peak, 1)
            x = round(x0 + s * bar, 1)
            columns.append({"x": x, "y": round(bottom - h, 1), "width": round(bar - 1, 1), "height": h,
                            "pattern": PATTERNS[s % len(PATTERNS)], "value": value, "text": _text(value),
                            "text_x": round(x + bar / 2, 1), "text_y": round(bottom - h - 4, 1),
                            "series": str(series[s][1]), "group": str(label)})
    legend = [{"label": str(label), "pattern": PATTERNS[s % len(PATTERNS)], "x": left + s * 160, "y": 8}
              for s, (_key, label) in enumerate(series)]
    return {"width": WIDTH, "height": height, "baseline": bottom, "left": left, "right": right,
            "columns": columns, "labels": labels, "legend": legend}
