"""A line chart of places over time as inline SVG, generated on the server.

Zope-free: it takes the rows of ``kooperation.members.reporting.series`` and returns SVG
markup (no script, no external library), so the dashboard shows the chart with the
table beside it in every browser and in print. Labels are escaped.
"""

from xml.sax.saxutils import escape
from xml.sax.saxutils import quoteattr


WIDTH = 640
HEIGHT = 280
MARGIN = {"left": 48, "right": 16, "top": 16, "bottom": 64}
# Colour-blind safe (Okabe-Ito).
COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000")


def nice_max(value):
    """The smallest of 1, 2, 5 × 10^n at or above ``value`` (at least 1): the y-axis top."""
    value = max(value, 1)
    step = 1
    while True:
        for factor in (1, 2, 5):
            if step * factor >= value:
                return step * factor
        step *= 10


def line_chart(labels, lines, title, width=WIDTH, height=HEIGHT):
    """SVG markup: ``labels`` along x, ``lines`` a list of (name, [values]).

    Each line has one value per label. With a single label the points are drawn
    as dots only. Returns an empty string when there is nothing to draw.
    """
    if not labels or not lines:
        return ""
    left, right, top, bottom = (MARGIN[k] for k in ("left", "right", "top", "bottom"))
    plot_w = width - left - right
    plot_h = height - top - bottom
    top_value = nice_max(max((max(values) for _name, values in lines if values), default=1))

    def x(index):
        if len(labels) == 1:
            return left + plot_w / 2
        return left + plot_w * index / (len(labels) - 1)

    def y(value):
        return top + plot_h - plot_h * value / top_value

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="kooperation-chart" role="img" '
        f'viewBox="0 0 {width} {height + 20 * len(lines)}" width="100%" '
        f"aria-label={quoteattr(title)}>",
        f"<title>{escape(title)}</title>",
    ]
    for tick in range(5):
        value = top_value * tick / 4
        ty = y(value)
        out.append(
            f'<line x1="{left}" y1="{ty:.1f}" x2="{width - right}" y2="{ty:.1f}" '
            'stroke="#ddd" stroke-width="1"/>'
        )
        out.append(
            f'<text x="{left - 6}" y="{ty + 4:.1f}" text-anchor="end" font-size="11">'
            f"{value:g}</text>"
        )
    for index, label in enumerate(labels):
        lx = x(index)
        out.append(
            f'<text x="{lx:.1f}" y="{top + plot_h + 14}" text-anchor="end" font-size="11" '
            f'transform="rotate(-40 {lx:.1f} {top + plot_h + 14})">{escape(str(label))}</text>'
        )
    for number, (name, values) in enumerate(lines):
        colour = COLOURS[number % len(COLOURS)]
        points = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in enumerate(values))
        if len(values) > 1:
            out.append(
                f'<polyline fill="none" stroke="{colour}" stroke-width="2" points="{points}"/>'
            )
        for i, v in enumerate(values):
            out.append(
                f'<circle cx="{x(i):.1f}" cy="{y(v):.1f}" r="3" fill="{colour}">'
                f"<title>{escape(str(name))}: {v} ({escape(str(labels[i]))})</title></circle>"
            )
        ly = height + 20 * number + 4
        out.append(
            f'<rect x="{left}" y="{ly}" width="12" height="12" fill="{colour}"/>'
            f'<text x="{left + 18}" y="{ly + 11}" font-size="12">{escape(str(name))}</text>'
        )
    out.append("</svg>")
    return "".join(out)
