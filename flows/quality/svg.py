"""Small inline SVG charts for the run report: no JavaScript, no external CSS, no network."""
from __future__ import annotations

from html import escape

BAR = "#3b6ea5"
MUTED = "#9aa5b1"
INK = "#1f2933"


def _fmt(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


def _clip(label: str, limit: int) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def empty_chart(message: str, *, width: int = 520, height: int = 60) -> str:
    return (f'<svg class="chart" role="img" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
            f'xmlns="http://www.w3.org/2000/svg"><text x="8" y="{height // 2}" fill="{MUTED}" '
            f'font-size="13">{escape(message)}</text></svg>')


def column_chart(items: list[tuple[str, float]], *, title: str, width: int = 520, height: int = 220,
                 highlight: set[str] | None = None) -> str:
    """Vertical bars (e.g. documents per month); values above the bars, labels below."""
    if not items:
        return empty_chart("no data")
    left, right, top, bottom = 34, 8, 18, 52
    plot_w, plot_h = width - left - right, height - top - bottom
    peak = max(v for _, v in items) or 1
    slot = plot_w / len(items)
    bar_w = max(2.0, min(48.0, slot * 0.72))
    every = max(1, round(len(items) / 14))  # at most ~14 x labels
    parts = [f'<svg class="chart" role="img" aria-label="{escape(title)}" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>',
             f'<line x1="{left}" y1="{top + plot_h}" x2="{width - right}" y2="{top + plot_h}" stroke="#cbd2d9"/>']
    for i, (label, value) in enumerate(items):
        h = plot_h * value / peak
        x = left + i * slot + (slot - bar_w) / 2
        y = top + plot_h - h
        fill = MUTED if highlight and label in highlight else BAR
        parts.append(f'<g><title>{escape(label)}: {_fmt(value)}</title>'
                     f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{h:.1f}" rx="2" fill="{fill}"/>')
        if len(items) <= 24 and value:
            parts.append(f'<text x="{x + bar_w / 2:.1f}" y="{y - 4:.1f}" text-anchor="middle" font-size="11" '
                         f'fill="{INK}">{_fmt(value)}</text>')
        parts.append("</g>")
        if i % every == 0:
            lx, ly = x + bar_w / 2, top + plot_h + 14
            parts.append(f'<text x="{lx:.1f}" y="{ly:.1f}" font-size="11" fill="{INK}" text-anchor="end" '
                         f'transform="rotate(-40 {lx:.1f} {ly:.1f})">{escape(_clip(label, 10))}</text>')
    parts.append("</svg>")
    return "".join(parts)


def bar_chart(items: list[tuple[str, float]], *, title: str, width: int = 520, label_width: int = 170,
              bar_height: int = 22) -> str:
    """Horizontal bars with the label on the left and the value at the bar's end (modes, speakers)."""
    if not items:
        return empty_chart("no data")
    height = len(items) * (bar_height + 6) + 8
    peak = max(v for _, v in items) or 1
    span = width - label_width - 60
    parts = [f'<svg class="chart" role="img" aria-label="{escape(title)}" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>']
    for i, (label, value) in enumerate(items):
        y = 4 + i * (bar_height + 6)
        w = max(1.0, span * value / peak) if value else 0
        parts.append(f'<g><title>{escape(label)}: {_fmt(value)}</title>'
                     f'<text x="{label_width - 8}" y="{y + bar_height * 0.7:.1f}" text-anchor="end" font-size="12" '
                     f'fill="{INK}">{escape(_clip(label, 26))}</text>'
                     f'<rect x="{label_width}" y="{y}" width="{w:.1f}" height="{bar_height}" rx="2" fill="{BAR}"/>'
                     f'<text x="{label_width + w + 6:.1f}" y="{y + bar_height * 0.7:.1f}" font-size="12" '
                     f'fill="{INK}">{_fmt(value)}</text></g>')
    parts.append("</svg>")
    return "".join(parts)


def sparkline(values: list[float | None], *, width: int = 110, height: int = 26, label: str = "") -> str:
    """A tiny line of a figure across runs (oldest to newest); the last value is dotted."""
    points = [(i, v) for i, v in enumerate(values) if v is not None]
    if not points:
        return ""
    lo, hi = min(v for _, v in points), max(v for _, v in points)
    span = (hi - lo) or 1
    n = max(len(values) - 1, 1)

    def xy(i: int, v: float) -> tuple[float, float]:
        return 2 + (width - 4) * i / n, height - 3 - (height - 6) * ((v - lo) / span if hi != lo else 0.5)

    coords = " ".join(f"{x:.1f},{y:.1f}" for x, y in (xy(i, v) for i, v in points))
    lx, ly = xy(*points[-1])
    text = ", ".join("–" if v is None else _fmt(v) for v in values)
    return (f'<svg class="spark" role="img" aria-label="{escape(label)} across runs" width="{width}" '
            f'height="{height}" viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">'
            f'<title>{escape(label)}: {escape(text)}</title>'
            f'<polyline points="{coords}" fill="none" stroke="{BAR}" stroke-width="1.5"/>'
            f'<circle cx="{lx:.1f}" cy="{ly:.1f}" r="2.5" fill="{BAR}"/></svg>')
