"""The latency distribution of several servers as an SVG picture (written by hand: a few lines and
axes need no plotting library, and the benchmarks then add no dependency).

The x axis spreads the tail: percentile p sits at -log10(1 - p/100), so 90, 99, 99.9 and 99.99 are
evenly spaced; the y axis is latency in ms on a log scale.
"""

from __future__ import annotations

import math
from html import escape

from bench.load import LoadResult

WIDTH, HEIGHT = 900, 440
LEFT, RIGHT, TOP, BOTTOM = 70, 370, 40, 60
COLOURS = ("#d62728", "#1f77b4", "#2ca02c", "#9467bd", "#ff7f0e")
TICKS = (50, 90, 99, 99.9, 99.99)


def _x_of(percentile: float) -> float:
    return -math.log10(1 - min(percentile, 99.999) / 100)


def latency_svg(title: str, series: list[tuple[str, LoadResult]]) -> str:
    points = [
        (name, [(p, ms) for p, ms in result.distribution if ms > 0]) for name, result in series
    ]
    points = [(name, found) for name, found in points if found]
    every_ms = [ms for _, found in points for _, ms in found] or [1.0]
    low = 10 ** math.floor(math.log10(min(every_ms)))
    high = 10 ** math.ceil(math.log10(max(every_ms)))
    x_low, x_high = _x_of(min(p for _, found in points for p, _ in found) if points else 1), 4.0
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(percentile: float) -> float:
        return LEFT + (_x_of(percentile) - x_low) / (x_high - x_low) * plot_w

    def y(ms: float) -> float:
        return TOP + plot_h - (math.log10(ms) - math.log10(low)) / math.log10(high / low) * plot_h

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" font-family="sans-serif" font-size="12">',
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="white"/>',
        f'<text x="{LEFT}" y="22" font-size="14">{escape(title)}</text>',
        f'<rect x="{LEFT}" y="{TOP}" width="{plot_w}" height="{plot_h}" fill="none" stroke="#444"/>',
    ]
    decade = low
    while decade <= high * 1.001:
        for step in (1, 2, 5):
            ms = decade * step
            if low <= ms <= high * 1.001:
                out.append(
                    f'<line x1="{LEFT}" x2="{LEFT + plot_w}" y1="{y(ms):.1f}" y2="{y(ms):.1f}" '
                    f'stroke="#ddd"/><text x="{LEFT - 6}" y="{y(ms) + 4:.1f}" text-anchor="end">{ms:g}</text>'
                )
        decade *= 10
    for tick in TICKS:
        if _x_of(tick) >= x_low:
            out.append(
                f'<line x1="{x(tick):.1f}" x2="{x(tick):.1f}" y1="{TOP}" y2="{TOP + plot_h}" stroke="#ddd"/>'
                f'<text x="{x(tick):.1f}" y="{TOP + plot_h + 16}" text-anchor="middle">p{tick:g}</text>'
            )
    out.append(
        f'<text x="{LEFT + plot_w / 2}" y="{HEIGHT - 18}" text-anchor="middle">percentile of requests</text>'
        f'<text x="18" y="{TOP + plot_h / 2}" text-anchor="middle" '
        f'transform="rotate(-90 18 {TOP + plot_h / 2})">latency, ms (log scale)</text>'
    )
    for index, (name, found) in enumerate(points):
        colour = COLOURS[index % len(COLOURS)]
        path = " ".join(f"{x(p):.1f},{y(ms):.1f}" for p, ms in found)
        out.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"/>')
        legend_y = TOP + 16 + index * 20
        out.append(
            f'<line x1="{LEFT + plot_w + 14}" x2="{LEFT + plot_w + 34}" y1="{legend_y - 4}" '
            f'y2="{legend_y - 4}" stroke="{colour}" stroke-width="3"/>'
            f'<text x="{LEFT + plot_w + 40}" y="{legend_y}">{escape(name)}</text>'
        )
    out.append("</svg>")
    return "\n".join(out) + "\n"
