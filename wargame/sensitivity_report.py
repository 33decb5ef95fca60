"""A sensitivity study as Markdown (tables and text tornado charts) or one offline HTML page (SVG charts)."""

from __future__ import annotations

from .persistence.html_report import STYLE, e
from .sensitivity import change, figure

BAR = 20
"""Characters on each side of zero in a text tornado bar."""


def _headline(result: dict) -> str:
    bots = ", ".join(f"{team}={persona}" for team, persona in result["personas"].items())
    return f"{result['runs']} games a cell of “{result['campaign']}”, the same seeds in every cell (seed {result['seed']}; bots: {bots})"


def _scale(rows: list[dict], whiskers: bool = False) -> float:
    """The largest change to draw; with `whiskers`, the ends of single-cell intervals too."""
    ends = [max(abs(r["low"]), abs(r["high"])) for r in rows]
    if whiskers:
        ends += [abs(s["difference"]) + s["interval"] for r in rows if len(r["steps"]) == 1 for s in r["steps"]]
    return max(ends, default=0.0) or 1.0


def text_bar(low: float, high: float, scale: float) -> str:
    """A tornado bar in characters: `BAR` a side, zero in the middle (`|`), filled from low to high."""
    cells = []
    for i in range(-BAR, BAR):
        # Cell i covers [i, i + 1) twentieths of the scale; fill it if the bar overlaps its middle.
        middle = (i + 0.5) * scale / BAR
        cells.append("█" if low <= middle <= high else " ")
    return "".join(cells[:BAR]) + "|" + "".join(cells[BAR:])


def _bar_note(row: dict, kind: str) -> str:
    if len(row["steps"]) == 1:
        s = row["steps"][0]
        return change(s["difference"], s["interval"], kind)
    return ", ".join(f"{s['value']}: {change(s['difference'], s['interval'], kind)}" for s in row["steps"])


def text_tornado(result: dict, measure: dict) -> list[str]:
    rows = result["tornado"].get(measure["id"], [])
    if not rows:
        return []
    base = result["baseline"][measure["id"]]
    scale = _scale(rows)
    unit = "percentage points" if measure["kind"] == "share" else "points" if measure["id"].startswith("points:") else "the mean"
    edge = f"{scale * 100:.1f}" if measure["kind"] == "share" else f"{scale:.2f}"
    width = max(len(r["label"]) for r in rows)
    lines = [
        f"{measure['name'][:1].upper() + measure['name'][1:]} — baseline {figure(base['value'], measure['kind'])}; change in {unit}",
        f"{'':<{width}}  {'−' + edge:<{BAR}}0{'+' + edge:>{BAR}}",
    ]
    for r in rows:
        lines.append(f"{r['label']:<{width}}  {text_bar(r['low'], r['high'], scale)}  {_bar_note(r, measure['kind'])}")
    return lines


def to_markdown(result: dict) -> str:
    out = [f"# Sensitivity: {result['campaign']}", "", _headline(result) + ".", ""]
    if result["settings"]:
        out += ["Baseline changed for this study: " + ", ".join(f"`--set {s}`" for s in result["settings"]), ""]
    out += [
        "Every cell plays the same seeds as the baseline, so a difference is the mechanism's, not the dice's;",
        "± is the 95% interval of the per-game difference (paired).",
        "",
        "## What each change does",
        "",
        *(f"- {line}" for line in result["findings"]),
        "",
        "## Cells",
        "",
        "| cell | what it changes |",
        "|---|---|",
        "| baseline | the campaign" + (" with " + ", ".join(result["settings"]) if result["settings"] else "") + " |",
    ]
    for cell in result["cells"]:
        note = _unused_note(cell)
        out.append(f"| {cell['label']} | `{cell['keys']}`{note} |")
    charts = [m for m in result["outcomes"] if m["id"] in result["tornado"]]
    if charts:
        out += ["", "## Tornado charts", "", "Each bar runs from the baseline (|) to the change a factor makes; a varied key's bar spans its steps.", ""]
        for m in charts:
            out += ["```text", *text_tornado(result, m), "```", ""]
    out += ["", "## Every figure", ""]
    played = [c for c in result["cells"] if not c["unused"]]
    for m in result["outcomes"]:
        base = result["baseline"][m["id"]]
        if not base["value"] and not any(c["outcomes"][m["id"]]["value"] for c in played):
            continue  # never happens in any cell (an ending the campaign cannot reach)
        out += [
            f"### {m['name'][:1].upper() + m['name'][1:]}", "",
            "| cell | value | change (95% interval) |", "|---|---:|---:|",
            f"| baseline | {figure(base['value'], m['kind'])} ±{_half(base['interval'], m['kind'])} | |",
        ]
        for c in played:
            fig = c["outcomes"][m["id"]]
            mark = " **" if fig["significant"] else ""
            out.append(f"| {c['label']} | {figure(fig['value'], m['kind'])} | {mark.strip()}{change(fig['difference'], fig['interval'], m['kind'])}{mark.strip()} |")
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def _unused_note(cell: dict) -> str:
    if not cell["unused"]:
        return ""
    return " (not used by this campaign: not played)" if cell["kind"] == "ablate" else " (the campaign's own value: the baseline)"


def _half(half: float, kind: str) -> str:
    return f"{half * 100:.1f}" if kind == "share" else f"{half:.2f}"


# --- HTML -----------------------------------------------------------------------------------------

EXTRA_STYLE = """
.tornado text { font-size: 13px; fill: var(--ink); }
.tornado .axis { stroke: var(--ink); stroke-width: 2; }
.tornado .grid { stroke: var(--line); stroke-width: 1; }
ul.findings li { margin: .35em 0; }
td.significant { font-weight: 700; }
"""

UP, DOWN = "#D55E00", "#0072B2"
"""Okabe–Ito vermilion for a rise, blue for a fall: told apart with the common colour-vision deficiencies."""


def svg_tornado(result: dict, measure: dict) -> str:
    """One outcome's tornado chart as inline SVG: a bar per factor from zero to its change, widest on top,
    the 95% interval as a whisker on a single-cell bar, each step's value marked on a varied key's bar."""
    rows = result["tornado"][measure["id"]]
    scale = _scale(rows, whiskers=True)
    label_w, plot_w, note_w, row_h, top = 260, 440, 300, 30, 30
    width, height = label_w + plot_w + note_w, top + row_h * len(rows) + 10
    x0 = label_w + plot_w / 2

    def x(v: float) -> float:
        return x0 + v / scale * (plot_w / 2 - 6)

    edge = f"{scale * 100:.1f} pts" if measure["kind"] == "share" else f"{scale:.2f}"
    parts = [
        f'<svg class="tornado" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img"'
        f' aria-label="Tornado chart: change in {e(measure["name"])} by factor">',
        f'<line class="grid" x1="{x(-scale):.1f}" y1="{top - 6}" x2="{x(-scale):.1f}" y2="{height - 6}"/>',
        f'<line class="grid" x1="{x(scale):.1f}" y1="{top - 6}" x2="{x(scale):.1f}" y2="{height - 6}"/>',
        f'<text x="{x(-scale):.1f}" y="{top - 12}" text-anchor="middle">−{edge}</text>',
        f'<text x="{x0:.1f}" y="{top - 12}" text-anchor="middle">0</text>',
        f'<text x="{x(scale):.1f}" y="{top - 12}" text-anchor="middle">+{edge}</text>',
    ]
    for i, r in enumerate(rows):
        y = top + i * row_h
        parts.append(f'<text x="{label_w - 8}" y="{y + row_h / 2 + 4:.1f}" text-anchor="end">{e(r["label"])}</text>')
        if r["low"] < 0:
            parts.append(f'<rect x="{x(r["low"]):.1f}" y="{y + 6}" width="{x0 - x(r["low"]):.1f}" height="{row_h - 12}" fill="{DOWN}"/>')
        if r["high"] > 0:
            parts.append(f'<rect x="{x0:.1f}" y="{y + 6}" width="{x(r["high"]) - x0:.1f}" height="{row_h - 12}" fill="{UP}"/>')
        if len(r["steps"]) == 1:
            s = r["steps"][0]
            lo, hi = x(s["difference"] - s["interval"]), x(s["difference"] + s["interval"])
            mid = y + row_h / 2
            parts.append(f'<line x1="{lo:.1f}" y1="{mid}" x2="{hi:.1f}" y2="{mid}" stroke="#000" stroke-width="1.5"/>')
            parts += [f'<line x1="{v:.1f}" y1="{mid - 5}" x2="{v:.1f}" y2="{mid + 5}" stroke="#000" stroke-width="1.5"/>' for v in (lo, hi)]
        else:
            for s in r["steps"]:
                parts.append(f'<circle cx="{x(s["difference"]):.1f}" cy="{y + row_h / 2}" r="3.5" fill="#000"><title>{e(s["label"])}</title></circle>')
        parts.append(
            f'<text x="{label_w + plot_w + 8}" y="{y + row_h / 2 + 4:.1f}">{e(_clip_note(_short_note(r, measure["kind"])))}</text>'
        )
    parts.append(f'<line class="axis" x1="{x0:.1f}" y1="{top - 6}" x2="{x0:.1f}" y2="{height - 6}"/>')
    parts.append("</svg>")
    return "".join(parts)


def _short_note(row: dict, kind: str) -> str:
    """A bar's change beside it: with its interval for one cell, each step's change for a varied key
    (their intervals are in the tables)."""
    if len(row["steps"]) == 1:
        return _bar_note(row, kind)
    steps = (f"{s['difference'] * 100:+.1f}" if kind == "share" else f"{s['difference']:+.2f}" for s in row["steps"])
    return ", ".join(f"{s['value']}: {change.replace('-', '−')}" for s, change in zip(row["steps"], steps, strict=True))


def _clip_note(text: str, limit: int = 44) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def to_html(result: dict) -> str:
    played = [c for c in result["cells"] if not c["unused"]]
    body = [
        '<p class="kicker">Sensitivity study</p>',
        f"<h1>{e(result['campaign'])}</h1>",
        f"<p>{e(_headline(result))}. Every cell plays the same seeds as the baseline, so a difference is the"
        " mechanism's, not the dice's; ± is the 95% interval of the per-game difference (paired).</p>",
    ]
    if result["settings"]:
        body.append("<p>Baseline changed for this study: " + ", ".join(f"<code>--set {e(s)}</code>" for s in result["settings"]) + "</p>")
    body += ["<h2>What each change does</h2>", '<ul class="findings">', *(f"<li>{e(line)}</li>" for line in result["findings"]), "</ul>"]
    body += ["<h2>Cells</h2>", "<table><tr><th>cell</th><th>what it changes</th></tr>"]
    for cell in result["cells"]:
        note = f' <span class="muted">{e(_unused_note(cell))}</span>' if cell["unused"] else ""
        body.append(f"<tr><td>{e(cell['label'])}</td><td><code>{e(cell['keys'])}</code>{note}</td></tr>")
    body.append("</table>")
    charts = [m for m in result["outcomes"] if m["id"] in result["tornado"]]
    if charts:
        body += [
            "<h2>Tornado charts</h2>",
            f'<p class="muted">A bar per factor from the baseline (the black line) to the change it makes: '
            f'<span style="color:{UP}">■</span> a rise, <span style="color:{DOWN}">■</span> a fall; the whisker is'
            " the 95% interval; dots mark the steps of a varied key.</p>",
        ]
        for m in charts:
            base = result["baseline"][m["id"]]
            body.append(
                f"<h3>{e(m['name'][:1].upper() + m['name'][1:])}: baseline {e(figure(base['value'], m['kind']))}</h3>"
                f"<figure>{svg_tornado(result, m)}</figure>"
            )
    body.append("<h2>Every figure</h2>")
    for m in result["outcomes"]:
        base = result["baseline"][m["id"]]
        if not base["value"] and not any(c["outcomes"][m["id"]]["value"] for c in played):
            continue
        body += [
            f"<h3>{e(m['name'][:1].upper() + m['name'][1:])}</h3>",
            '<table><tr><th>cell</th><th class="num">value</th><th class="num">change (95% interval)</th></tr>',
            f'<tr><td>baseline</td><td class="num">{e(figure(base["value"], m["kind"]))} ±{_half(base["interval"], m["kind"])}</td><td></td></tr>',
        ]
        for c in played:
            fig = c["outcomes"][m["id"]]
            cls = "num significant" if fig["significant"] else "num"
            body.append(
                f'<tr><td>{e(c["label"])}</td><td class="num">{e(figure(fig["value"], m["kind"]))}</td>'
                f'<td class="{cls}">{e(change(fig["difference"], fig["interval"], m["kind"]))}</td></tr>'
            )
        body.append("</table>")
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>Sensitivity: {e(result['campaign'])}</title><style>{STYLE}{EXTRA_STYLE}</style></head>"
        f"<body><main>{''.join(body)}</main></body></html>\n"
    )
