"""Small inline-SVG charts for the static report: stacked columns and horizontal bars.

No JavaScript and no external assets; every label is escaped. Each data mark carries ``data-series``,
``data-category`` and ``data-value`` attributes (for tests and for anyone scraping the report) and a ``<title>``
that browsers show as a tooltip.
"""
from __future__ import annotations

import math
from html import escape

# Okabe-Ito, colour-blind safe; grey is reserved for "Other".
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]
OTHER_COLOUR = "#9AA0A6"
FONT = "font-family=\"'Liberation Sans','DejaVu Sans',Arial,sans-serif\""


def nice_ticks(maximum: float, target: int = 5) -> list[float]:
    """Round tick values from 0 to at least ``maximum`` (1-2-5 steps), about ``target`` of them."""
    if maximum <= 0:
        return [0.0, 1.0]
    raw_step = maximum / target
    magnitude = 10 ** math.floor(math.log10(raw_step))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw_step)
    if maximum < 10 and step < 1:  # counts: no fractional ticks
        step = 1.0
    top = math.ceil(maximum / step - 1e-9) * step
    return [round(i * step, 10) for i in range(int(round(top / step)) + 1)]


def _num(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def _attr(value: object) -> str:
    return escape(str(value), quote=True)


def colour_for(index: int, label: str) -> str:
    return OTHER_COLOUR if label == "Other" else PALETTE[index % len(PALETTE)]


def stacked_columns(
    categories: list[str], series: list[tuple[str, list[float]]], *, title: str, width: int = 960, height: int = 340,
    y_label: str = "",
) -> str:
    """Columns per category, stacked by series (``[(label, values per category)]``), with a legend."""
    left, right, top, bottom = 48, 12, 40, 58
    plot_w, plot_h = width - left - right, height - top - bottom
    totals = [sum(values[i] for _, values in series) for i in range(len(categories))]
    ticks = nice_ticks(max(totals, default=0))
    scale = plot_h / ticks[-1]
    slot = plot_w / max(len(categories), 1)
    bar_w = max(min(slot * 0.72, 48), 1)
    parts = [_open(width, height, title), _y_axis(ticks, left, top, plot_w, plot_h, scale, y_label)]
    label_every = max(1, math.ceil(len(categories) / (plot_w / 44)))
    for i, category in enumerate(categories):
        x = left + i * slot + (slot - bar_w) / 2
        base = top + plot_h
        for s, (label, values) in enumerate(series):
            value = values[i]
            if value <= 0:
                continue
            h = value * scale
            base -= h
            parts.append(
                f'<rect class="mark" x="{x:.1f}" y="{base:.1f}" width="{bar_w:.1f}" height="{h:.1f}" '
                f'fill="{colour_for(s, label)}" data-series="{_attr(label)}" data-category="{_attr(category)}" '
                f'data-value="{_num(value)}"><title>{escape(category)} · {escape(label)}: {_num(value)}</title></rect>'
            )
        if i % label_every == 0:
            cx = left + i * slot + slot / 2
            parts.append(
                f'<text x="{cx:.1f}" y="{top + plot_h + 16}" font-size="11" fill="#444" text-anchor="middle">'
                f"{escape(category)}</text>"
            )
    parts.append(_legend([label for label, _ in series], left, height - 18))
    parts.append("</svg>")
    return "".join(parts)


def horizontal_bars(
    labels: list[str], values: list[float], *, title: str, width: int = 640, bar_h: int = 22, label_w: int = 170,
    colour: str = PALETTE[0], series: str = "value",
) -> str:
    """One bar per label, longest first as given, value printed at the end of the bar."""
    top, right = 28, 56
    height = top + len(labels) * (bar_h + 6) + 26
    plot_w = width - label_w - right
    ticks = nice_ticks(max(values, default=0))
    scale = plot_w / ticks[-1]
    parts = [_open(width, height, title)]
    for tick in ticks:
        x = label_w + tick * scale
        parts.append(f'<line x1="{x:.1f}" y1="{top - 6}" x2="{x:.1f}" y2="{height - 22}" stroke="#e6e6e6"/>')
        parts.append(f'<text x="{x:.1f}" y="{height - 8}" font-size="10" fill="#666" text-anchor="middle">'
                     f"{_num(tick)}</text>")
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        y = top + i * (bar_h + 6)
        w = value * scale
        parts.append(
            f'<text x="{label_w - 8}" y="{y + bar_h / 2 + 4:.1f}" font-size="12" fill="#222" text-anchor="end">'
            f"{escape(label)}</text>"
            f'<rect class="mark" x="{label_w}" y="{y}" width="{w:.1f}" height="{bar_h}" rx="2" fill="{colour}" '
            f'data-series="{_attr(series)}" data-category="{_attr(label)}" data-value="{_num(value)}">'
            f"<title>{escape(label)}: {_num(value)}</title></rect>"
            f'<text x="{label_w + w + 6:.1f}" y="{y + bar_h / 2 + 4:.1f}" font-size="12" fill="#222">'
            f"{_num(value)}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


def stacked_bars(
    labels: list[str], series: list[tuple[str, list[float]]], notes: list[str], *, title: str, width: int = 1000,
    bar_h: int = 18, label_w: int = 210,
) -> str:
    """One horizontal bar per label, segments stacked by series left to right, ``notes[i]`` printed after bar i."""
    top, right = 12, 90
    height = top + len(labels) * (bar_h + 6) + 50
    plot_w = width - label_w - right
    totals = [sum(values[i] for _, values in series) for i in range(len(labels))]
    ticks = nice_ticks(max(totals, default=0))
    scale = plot_w / ticks[-1]
    axis_y = top + len(labels) * (bar_h + 6)
    parts = [_open(width, height, title)]
    for tick in ticks:
        x = label_w + tick * scale
        parts.append(f'<line x1="{x:.1f}" y1="{top - 4}" x2="{x:.1f}" y2="{axis_y}" stroke="#e6e6e6"/>'
                     f'<text x="{x:.1f}" y="{axis_y + 13}" font-size="10" fill="#666" text-anchor="middle">'
                     f"{_num(tick)}</text>")
    for i, label in enumerate(labels):
        y, x = top + i * (bar_h + 6), float(label_w)
        parts.append(f'<text x="{label_w - 8}" y="{y + bar_h / 2 + 4:.1f}" font-size="12" fill="#222" '
                     f'text-anchor="end">{escape(label)}</text>')
        for s, (name, values) in enumerate(series):
            if values[i] <= 0:
                continue
            w = values[i] * scale
            parts.append(
                f'<rect class="mark" x="{x:.1f}" y="{y}" width="{w:.1f}" height="{bar_h}" '
                f'fill="{colour_for(s, name)}" data-series="{_attr(name)}" data-category="{_attr(label)}" '
                f'data-value="{_num(values[i])}"><title>{escape(label)} · {escape(name)}: {_num(values[i])}</title>'
                "</rect>"
            )
            x += w
        parts.append(f'<text class="note" x="{x + 6:.1f}" y="{y + bar_h / 2 + 4:.1f}" font-size="12" fill="#222">'
                     f"{escape(notes[i])}</text>")
    parts.append(_legend([name for name, _ in series], label_w, height - 10))
    parts.append("</svg>")
    return "".join(parts)


def _open(width: int, height: int, title: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" role="img" aria-label="{_attr(title)}" {FONT}><title>{escape(title)}</title>'
    )


def _y_axis(ticks: list[float], left: int, top: int, plot_w: int, plot_h: int, scale: float, label: str) -> str:
    parts = []
    for tick in ticks:
        y = top + plot_h - tick * scale
        parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}" stroke="#e6e6e6"/>')
        parts.append(f'<text x="{left - 6}" y="{y + 4:.1f}" font-size="11" fill="#666" text-anchor="end">'
                     f"{_num(tick)}</text>")
    parts.append(f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" stroke="#999"/>')
    if label:
        parts.append(f'<text x="{left}" y="{top - 12}" font-size="11" fill="#666">{escape(label)}</text>')
    return "".join(parts)


def _legend(labels: list[str], x: int, y: int) -> str:
    parts, cursor = [], x
    for i, label in enumerate(labels):
        parts.append(
            f'<g class="legend-item"><rect x="{cursor}" y="{y - 10}" width="12" height="12" rx="2" '
            f'fill="{colour_for(i, label)}"/><text x="{cursor + 17}" y="{y}" font-size="12" fill="#333">'
            f"{escape(label)}</text></g>"
        )
        cursor += 17 + 6.8 * len(label) + 20
    return "".join(parts)
