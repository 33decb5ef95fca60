"""The after-action report as one self-contained HTML page: inline CSS and SVG, no script, nothing fetched."""

from __future__ import annotations

from html import escape

from ..core.views import FACILITATOR
from .report import fork_line, knew_did_rows, not_reproducing, outstanding_obligations, secret_mark, start_sentence

# Okabe–Ito colours, dark ones first: distinguishable with the common colour-vision deficiencies.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#000000", "#E69F00", "#56B4E9", "#882255")
# Teams are often called by colour; draw them in it (white and yellow would vanish on paper).
NAMED = {
    "blue": "#0072B2", "red": "#D55E00", "green": "#009E73", "purple": "#882255", "orange": "#E69F00",
    "yellow": "#9A7D00", "white": "#555555", "grey": "#666666", "gray": "#666666", "black": "#000000",
}
MARKERS = ("circle", "square", "triangle", "diamond")

STYLE = """
:root { --ink: #101418; --muted: #475467; --line: #c9ced6; --soft: #f2f4f7;
  --success: #0f6b2f; --success-bg: #dcfae6; --failure: #e08600; --failure-ink: #8a4500; --failure-bg: #fef0c7;
  --escalation: #b42318; --escalation-bg: #fee4e2; --calm: #0b6479; --calm-bg: #dff4fa;
  --inject: #5b2fb5; --inject-bg: #ede7fb; --alliance: #1d4ed8; --alliance-bg: #e0eaff;
  --message: #344054; --message-bg: #eaecf0; }
* { box-sizing: border-box; }
html { font-size: 20px; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; background: #fff; color: var(--ink); line-height: 1.45;
  font-family: "Segoe UI", "Helvetica Neue", Arial, "DejaVu Sans", "Liberation Sans", sans-serif; }
main { max-width: 1240px; margin: 0 auto; padding: 28px 36px 80px; }
h1 { font-size: 2.2rem; line-height: 1.15; margin: 0 0 .15em; }
h2 { font-size: 1.6rem; margin: 2.2em 0 .6em; padding-bottom: .15em; border-bottom: 4px solid var(--ink); }
h3 { font-size: 1.25rem; margin: 1.4em 0 .5em; }
p { margin: .4em 0; }
.kicker { font-size: 1rem; font-weight: 700; letter-spacing: .08em; text-transform: uppercase; color: var(--muted); margin: 0; }
.meta { display: grid; grid-template-columns: max-content 1fr; gap: .25em 1.2em; margin: 1em 0; font-size: 1rem; }
.meta dt { font-weight: 700; color: var(--muted); }
.meta dd { margin: 0; }
.pov { display: inline-block; padding: .1em .6em; border-radius: 6px; font-weight: 700; background: var(--ink); color: #fff; }
.pov.team { background: var(--alliance); }
.ending { margin: 1em 0; padding: .7em 1em; border-radius: 8px; font-size: 1.15rem; font-weight: 700;
  border-left: 12px solid var(--calm); background: var(--calm-bg); }
.ending.terminal { border-color: var(--escalation); background: var(--escalation-bg); }
.ending.open { border-color: var(--muted); background: var(--soft); }
nav { font-size: .95rem; margin: .6em 0 0; }
nav a { color: var(--alliance); margin-right: 1em; }
table { border-collapse: collapse; width: 100%; font-size: .95rem; margin: .4em 0 1em; }
th, td { padding: .4em .6em; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
th { background: var(--soft); font-weight: 700; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.scoreboard td { vertical-align: middle; }
.scoreboard tr.you td { background: var(--alliance-bg); }
.score { font-size: 1.6rem; font-weight: 800; }
.nowrap { white-space: nowrap; }
.chip { display: inline-block; width: .8em; height: .8em; border-radius: 50%; margin-right: .4em; vertical-align: baseline; }
.met { color: var(--success); font-weight: 700; }
.unmet { color: var(--escalation); font-weight: 700; }
figure { margin: 0 0 1em; }
figcaption { font-size: .95rem; color: var(--muted); margin-top: .3em; }
svg { display: block; max-width: 100%; height: auto; }
svg text { font-family: "Segoe UI", "Helvetica Neue", Arial, "DejaVu Sans", "Liberation Sans", sans-serif; }
.legend { display: flex; flex-wrap: wrap; gap: .3em 1.6em; margin: .2em 0 .6em; font-size: 1rem; padding: 0; list-style: none; }
.legend li { display: flex; align-items: center; gap: .4em; }
.legend svg { display: inline-block; }
.panels { display: grid; grid-template-columns: repeat(auto-fill, minmax(340px, 1fr)); gap: 14px; }
.panels.four { grid-template-columns: repeat(auto-fill, minmax(265px, 1fr)); }
.panel { border: 1px solid var(--line); border-radius: 8px; padding: 8px 12px 6px; }
.panel svg { width: 100%; }
.panel h4 { margin: 0; font-size: 1rem; color: var(--muted); }
.panel .value { font-size: 1.5rem; font-weight: 800; line-height: 1.1; }
.panel .delta { font-size: .9rem; font-weight: 600; color: var(--muted); margin-left: .3em; }
.status { display: inline-block; padding: .05em .5em; border-radius: 5px; font-weight: 700; font-size: .9rem; }
.status.open { background: var(--success-bg); color: var(--success); }
.status.degraded { background: var(--failure-bg); color: var(--failure-ink); }
.status.suspended { background: var(--escalation-bg); color: var(--escalation); }
.traffic { display: block; font-size: .8rem; font-weight: 400; color: var(--muted); }
.terms { margin: .2em 0 .6em; padding-left: 1.2em; font-size: .95rem; }
.totals { display: flex; flex-wrap: wrap; gap: .5em; margin: .4em 0; padding: 0; list-style: none; }
.totals li { padding: .15em .6em; border-radius: 6px; font-weight: 700; font-size: .95rem; background: var(--soft); }
.totals .honoured { background: var(--success-bg); color: var(--success); }
.totals .breached { background: var(--escalation-bg); color: var(--escalation); }
.totals .shortfalls { background: var(--failure-bg); color: var(--failure-ink); }
.totals .outstanding, .outstanding { background: var(--failure-bg); color: var(--failure-ink); }
p.outstanding { font-weight: 700; padding: .3em .6em; border-radius: 6px; }
.forged { margin: 1em 0; padding: .8em 1em; border: 4px solid var(--escalation); border-radius: 8px;
  background: var(--escalation-bg); color: var(--escalation); font-size: 1.1rem; }
.muted { color: var(--muted); }
.turn { margin-top: 2em; }
.turn h3 { font-size: 1.45rem; margin-bottom: .3em; padding: .2em .5em; background: var(--ink); color: #fff; border-radius: 6px; }
.turn h3 .closed { font-weight: 400; font-size: 1.05rem; margin-left: .6em; }
.white-cell { border: 2px dashed var(--inject); border-radius: 8px; padding: .4em .8em; margin: .6em 0; background: var(--inject-bg); }
.white-cell h4, .orders h4, .outcomes h4 { margin: .4em 0 .2em; font-size: 1.05rem; }
.white-cell ul { margin: .2em 0; padding-left: 1.2em; }
.note { border-left: 8px solid var(--inject); border-radius: 6px; padding: .3em .8em; margin: .6em 0; background: #faf8ff; }
.note h4 { margin: .3em 0 .2em; font-size: 1.05rem; } .note ul { margin: .2em 0; padding-left: 1.2em; }
.orders td:first-child { width: 15em; font-weight: 700; }
.orders ul { margin: 0; padding-left: 1.1em; }
.quote { font-style: italic; }
ol.events { list-style: none; margin: .3em 0; padding: 0; }
ol.events li { margin: .35em 0; padding: .3em .6em; border-left: 8px solid var(--line); background: #fff; }
ol.events li .tag { display: inline-block; min-width: 7.2em; margin-right: .5em; padding: 0 .4em; border-radius: 4px;
  font-size: .78rem; font-weight: 800; letter-spacing: .03em; text-transform: uppercase; text-align: center; vertical-align: .1em; }
ol.events li.effect { margin: .1em 0 .1em 2.2em; padding: .05em .6em; border-left-width: 3px; font-size: .9rem; color: #2b323c; }
ol.events li.close { font-weight: 700; border-left-color: var(--ink); }
.success { border-left-color: var(--success) !important; } .success .tag { background: var(--success-bg); color: var(--success); }
.failure { border-left-color: var(--failure) !important; } .failure .tag { background: var(--failure-bg); color: var(--failure-ink); }
.escalation { border-left-color: var(--escalation) !important; background: #fff7f6 !important; }
.escalation .tag { background: var(--escalation); color: #fff; }
.calm { border-left-color: var(--calm) !important; } .calm .tag { background: var(--calm-bg); color: var(--calm); }
.inject { border-left-color: var(--inject) !important; } .inject .tag { background: var(--inject); color: #fff; }
.alliance { border-left-color: var(--alliance) !important; } .alliance .tag { background: var(--alliance-bg); color: var(--alliance); }
.message { border-left-color: var(--message) !important; } .message .tag { background: var(--message-bg); color: var(--message); }
.end { border-left-color: var(--ink) !important; } .end .tag { background: var(--ink); color: #fff; }
.quiet { color: var(--muted); } .quiet .tag { background: var(--soft); color: var(--muted); }
.key { display: flex; flex-wrap: wrap; gap: .4em 1.2em; font-size: .85rem; margin: .4em 0 1em; padding: 0; list-style: none; }
.key li { padding-left: .5em; border-left: 8px solid var(--line); }
footer { margin-top: 3em; font-size: .85rem; color: var(--muted); }
.debrief .purpose { font-size: 1.15rem; }
ol.events li .secret { display: inline-block; margin-left: .5em; padding: 0 .4em; border-radius: 4px; font-size: .8rem;
  font-weight: 700; background: var(--soft); color: var(--muted); border: 1px dashed var(--muted); }
.knew td:first-child { width: 15em; font-weight: 700; }
ol.events li .why { display: block; margin-top: .15em; font-size: .92rem; color: var(--muted); }
.debrief ol.questions { margin: .3em 0 .8em; padding-left: 1.6em; font-size: 1.05rem; }
ol.turning { list-style: none; margin: .4em 0; padding: 0; }
ol.turning li { margin: .35em 0; padding: .3em .6em; border-left: 8px solid var(--escalation); background: #fff7f6; }
ol.turning li a { font-weight: 800; color: var(--ink); margin-right: .6em; white-space: nowrap; }
ol.turning li .tag { font-weight: 700; color: var(--escalation); margin-right: .4em; }
ol.turning li.alliance { border-left-color: var(--alliance); background: var(--alliance-bg); } ol.turning li.alliance .tag { color: var(--alliance); }
ol.turning li.calm { border-left-color: var(--calm); background: var(--calm-bg); } ol.turning li.calm .tag { color: var(--calm); }
ol.turning li.inject { border-left-color: var(--inject); background: var(--inject-bg); } ol.turning li.inject .tag { color: var(--inject); }
ol.turning li.failure { border-left-color: var(--failure); background: var(--failure-bg); } ol.turning li.failure .tag { color: var(--failure-ink); }
section.perception { overflow-x: auto; }
details.turn { margin-top: 1em; }
details.turn > summary { cursor: pointer; list-style-position: inside; font-size: 1.3rem; font-weight: 700;
  padding: .2em .5em; background: var(--ink); color: #fff; border-radius: 6px; }
details.turn > summary .closed { font-weight: 400; font-size: 1.05rem; margin-left: .6em; }
details.turn.pivotal > summary { background: var(--escalation); }
details.turn > summary .mark { font-size: .9rem; font-weight: 800; margin-left: .8em; padding: 0 .4em;
  border-radius: 4px; background: #fff; color: var(--escalation); }
@media print {
  html { font-size: 11pt; }
  main { max-width: none; padding: 0; }
  nav { display: none; }
  h2 { break-after: avoid; page-break-after: avoid; }
  h3, h4 { break-after: avoid; page-break-after: avoid; }
  figure, .panel, tr, li, .white-cell { break-inside: avoid; page-break-inside: avoid; }
  details.turn > summary { list-style: none; }
  .panels { grid-template-columns: repeat(3, 1fr); }
  a { color: inherit; text-decoration: none; }
}
"""


def e(value) -> str:
    """Escaped text: names, objectives and messages are typed by instructors and players."""
    return escape(str(value), quote=True)


def _num(value: float) -> str:
    return f"{value:g}"


def _team_colours(teams: list[dict]) -> dict[str, str]:
    colours, spare = {}, iter(c for c in PALETTE if c not in {NAMED.get(t["id"].lower()) for t in teams})
    for t in teams:
        colours[t["id"]] = NAMED.get(t["id"].lower()) or next(spare, "#333333")
    return colours


def _marker(shape: str, x: float, y: float, colour: str, size: float = 6.0) -> str:
    if shape == "square":
        return f'<rect x="{x - size:.1f}" y="{y - size:.1f}" width="{2 * size:.1f}" height="{2 * size:.1f}" fill="{colour}"/>'
    if shape == "triangle":
        h = size * 1.25
        return f'<polygon points="{x:.1f},{y - h:.1f} {x + h:.1f},{y + size:.1f} {x - h:.1f},{y + size:.1f}" fill="{colour}"/>'
    if shape == "diamond":
        h = size * 1.3
        return f'<polygon points="{x:.1f},{y - h:.1f} {x + h:.1f},{y:.1f} {x:.1f},{y + h:.1f} {x - h:.1f},{y:.1f}" fill="{colour}"/>'
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{size:.1f}" fill="{colour}"/>'


def _swatch(colour: str, shape: str) -> str:
    return (
        f'<svg width="46" height="20" viewBox="0 0 46 20" aria-hidden="true">'
        f'<line x1="2" y1="10" x2="44" y2="10" stroke="{colour}" stroke-width="4"/>{_marker(shape, 23, 10, colour)}</svg>'
    )


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# --- escalation ------------------------------------------------------------------------------


def _escalation_chart(report: dict, shorts: dict[str, str]) -> str:
    rungs = report["rungs"]
    index = {r["id"]: i for i, r in enumerate(rungs)}
    columns = ["Start"] + [f"T{t['turn']}" for t in report["turns"]]
    dyads = [(key, [index[r] for r in history]) for key, history in report["escalation"].items()]
    drawn = [(k, h) for k, h in dyads if any(h)]
    idle = [k for k, h in dyads if not any(h)]

    def pair(key: str) -> str:
        a, b = key.split("-", 1)
        return f"{shorts.get(a, a)}–{shorts.get(b, b)}"

    row, left, right, top, bottom, width = 34, 320, 170, 24, 56, 1200
    plot_w = width - left - right
    height = top + row * (len(rungs) - 1) + bottom
    steps = max(len(columns) - 1, 1)

    def x(i: int) -> float:
        return left + (i * plot_w / steps if len(columns) > 1 else plot_w / 2)

    def y(level: float) -> float:
        return top + (len(rungs) - 1 - level) * row

    out = [
        f'<svg viewBox="0 0 {width} {height}" width="{width}" role="img" '
        f'aria-label="Escalation per dyad over turns">'
    ]
    # Bands as shaded stripes, named in the right margin.
    start, shade = 0, 0
    for i in range(1, len(rungs) + 1):
        if i == len(rungs) or rungs[i]["band"] != rungs[start]["band"]:
            y0, y1 = y(i - 1) - row / 2, y(start) + row / 2
            fill = "#eef1f5" if shade % 2 == 0 else "#ffffff"
            out.append(f'<rect x="{left}" y="{y0:.1f}" width="{plot_w}" height="{y1 - y0:.1f}" fill="{fill}"/>')
            out.append(
                f'<text x="{left + plot_w + 14}" y="{(y0 + y1) / 2 + 6:.1f}" font-size="18" font-style="italic" '
                f'fill="#475467">{e(_clip(rungs[start]["band"], 16))}</text>'
            )
            start, shade = i, shade + 1
    for i, r in enumerate(rungs):
        if r["terminal"]:
            out.append(
                f'<rect x="{left}" y="{y(i) - row / 2:.1f}" width="{plot_w}" height="{row}" fill="#fde2df"/>'
            )
    reached = {level for _, history in dyads for level in history}
    for i, r in enumerate(rungs):
        out.append(f'<line x1="{left}" y1="{y(i):.1f}" x2="{left + plot_w}" y2="{y(i):.1f}" stroke="#d0d5dd" stroke-width="1"/>')
        weight = "700" if i in reached or r["firebreak"] or r["terminal"] else "400"
        colour = "#b42318" if r["firebreak"] or r["terminal"] else ("#101418" if i in reached else "#667085")
        out.append(
            f'<text x="{left - 12}" y="{y(i) + 7:.1f}" font-size="19" text-anchor="end" font-weight="{weight}" '
            f'fill="{colour}"><title>{e(r["name"])}</title>{e(_clip(r["name"], 30))}</text>'
        )
    for i, r in enumerate(rungs):
        if r["terminal"]:
            out.append(
                f'<text x="{left + 8}" y="{y(i) + 6:.1f}" font-size="15" font-weight="700" fill="#b42318">'
                f"TERMINAL — the game ends here</text>"
            )
        if r["firebreak"]:
            threshold = y(i) + row / 2
            out.append(
                f'<line x1="{left}" y1="{threshold:.1f}" x2="{left + plot_w}" y2="{threshold:.1f}" stroke="#b42318" '
                f'stroke-width="3" stroke-dasharray="12 7"/>'
            )
            out.append(
                f'<text x="{left + plot_w - 6}" y="{threshold - 6:.1f}" font-size="15" font-weight="700" '
                f'text-anchor="end" fill="#b42318">FIREBREAK</text>'
            )
    for i, label in enumerate(columns):
        out.append(f'<line x1="{x(i):.1f}" y1="{top - row / 2:.1f}" x2="{x(i):.1f}" y2="{y(0) + row / 2:.1f}" stroke="#e4e7ec"/>')
        out.append(
            f'<text x="{x(i):.1f}" y="{y(0) + row / 2 + 26:.1f}" font-size="18" text-anchor="middle" '
            f'font-weight="600">{e(label)}</text>'
        )
    spread = min(5.0, row * 0.5 / max(len(drawn) - 1, 1))
    for k, (key, history) in enumerate(drawn):
        colour, shape = PALETTE[k % len(PALETTE)], MARKERS[k % len(MARKERS)]
        offset = (k - (len(drawn) - 1) / 2) * spread
        points = [(x(i), y(level) + offset) for i, level in enumerate(history)]
        path = " ".join(f"{px:.1f},{py:.1f}" for px, py in points)
        out.append(f'<g><title>{e(pair(key))}</title>')
        out.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="4" stroke-linejoin="round"/>')
        out.extend(_marker(shape, px, py, colour) for px, py in points)
        out.append("</g>")
    out.append("</svg>")
    names = {r["id"]: r["name"] for r in rungs}
    legend = "".join(
        f"<li>{_swatch(PALETTE[k % len(PALETTE)], MARKERS[k % len(MARKERS)])}"
        f'<span><strong>{e(pair(key))}</strong> <span class="muted">ends at {e(names[rungs[h[-1]]["id"]])}</span></span></li>'
        for k, (key, h) in enumerate(drawn)
    )
    caption = ""
    if idle:
        caption = (
            f"<figcaption>Stayed at {e(rungs[0]['name'])} throughout (not drawn): "
            f"{e(', '.join(pair(k) for k in idle))}.</figcaption>"
        )
    note = (
        '<figcaption>Shaded stripes are the ladder\'s bands; the dashed red line is a firebreak that only a '
        "deliberate move may cross; the red row is terminal.</figcaption>"
    )
    return f'<ul class="legend">{legend}</ul><figure>{"".join(out)}{caption}{note}</figure>'


# --- tracks ----------------------------------------------------------------------------------


def _track_panel(title: str, values: list[float], lo: float, hi: float, colour: str, columns: list[str]) -> str:
    if hi - lo > 10 and values:  # resources are bounded far above anything played: scale to the data
        hi = max(1.0, max(values) * 1.25)
        hi = float(int(hi) + (0 if hi == int(hi) else 1))
    width, height, left, right, top, bottom = 266, 118, 40, 10, 10, 26
    plot_w, plot_h = width - left - right, height - top - bottom
    steps = max(len(values) - 1, 1)

    def x(i: int) -> float:
        return left + (i * plot_w / steps if len(values) > 1 else plot_w / 2)

    def y(v: float) -> float:
        share = 0.5 if hi <= lo else (min(max(v, lo), hi) - lo) / (hi - lo)
        return top + (1 - share) * plot_h

    out = [f'<svg viewBox="0 0 {width} {height}" width="{width}" role="img" aria-label="{e(title)} over turns">']
    out.append(f'<rect x="{left}" y="{top}" width="{plot_w}" height="{plot_h}" fill="#f7f8fa" stroke="#d0d5dd"/>')
    out.append(f'<line x1="{left}" y1="{y((lo + hi) / 2):.1f}" x2="{left + plot_w}" y2="{y((lo + hi) / 2):.1f}" stroke="#e4e7ec"/>')
    for v in (lo, hi):
        out.append(f'<text x="{left - 5}" y="{y(v) + 5:.1f}" font-size="13" text-anchor="end" fill="#475467">{_num(v)}</text>')
    for i, label in enumerate(columns):
        if len(columns) <= 10 or i % 2 == 0 or i == len(columns) - 1:
            text = "S" if i == 0 else label[1:]
            out.append(f'<text x="{x(i):.1f}" y="{height - 8}" font-size="13" text-anchor="middle" fill="#475467">{e(text)}</text>')
    path = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in enumerate(values))
    out.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="3.5" stroke-linejoin="round"/>')
    out.extend(f'<circle cx="{x(i):.1f}" cy="{y(v):.1f}" r="3.5" fill="{colour}"/>' for i, v in enumerate(values))
    out.append("</svg>")
    change = values[-1] - values[0] if values else 0.0
    delta = "no change" if abs(change) < 1e-9 else f"{'▲' if change > 0 else '▼'} {_num(round(abs(change), 4))} since start"
    value = _num(values[-1]) if values else "—"
    return (
        f'<div class="panel"><h4>{e(title)}</h4><div><span class="value">{e(value)}</span>'
        f'<span class="delta">{e(delta)}</span></div>{"".join(out)}</div>'
    )


def _tracks(report: dict, names: dict[str, str], colours: dict[str, str]) -> str:
    defs = {d["id"]: d for d in report["track_defs"]}
    columns = ["Start"] + [f"T{t['turn']}" for t in report["turns"]]
    viewer = report["viewer"]
    order = sorted(report["tracks"], key=lambda t: t != viewer)
    out = []
    public = []
    for team in order:
        tracks = report["tracks"][team]
        if not tracks:
            continue
        if viewer not in (FACILITATOR, team):
            public.append(team)
            continue
        chip = f'<span class="chip" style="background:{colours[team]}"></span>'
        panels = "".join(
            _track_panel(defs[k]["name"] if k in defs else k, v, defs.get(k, {}).get("min", 0.0),
                         defs.get(k, {}).get("max", 1.0), colours[team], columns)
            for k, v in tracks.items()
        )
        you = " (your team)" if team == viewer else ""
        wide = " four" if len(tracks) > 6 else ""
        out.append(f'<h3>{chip}{e(names[team])}{you}</h3><div class="panels{wide}">{panels}</div>')
    if public:
        panels = []
        for team in public:
            for k, v in report["tracks"][team].items():
                d = defs.get(k, {"name": k, "min": 0.0, "max": 1.0})
                panels.append(_track_panel(f"{names[team]} — {d['name']}", v, d["min"], d["max"], colours[team], columns))
        out.append(
            '<h3>Other teams — public tracks</h3><p class="muted">Credibility is a public reputation; '
            "the rest of other teams' tracks stays hidden in this view.</p>"
            f'<div class="panels">{"".join(panels)}</div>'
        )
    return "".join(out)


# --- scores ----------------------------------------------------------------------------------


def _scores(report: dict, names: dict[str, str], colours: dict[str, str]) -> str:
    if not report["ended"]:
        return '<p class="muted">Objectives are scored when the game ends; it has not ended yet.</p>'
    played = {t["id"]: t["played_by"] for t in report["teams"]}
    best = max(report["scores"].values(), default=0)
    rows = []
    for t, p in report["scores"].items():
        you = t == report["viewer"]
        rows.append(
            f'<tr class="{"you" if you else ""}"><td><span class="chip" style="background:{colours[t]}"></span>'
            f'<strong>{e(names[t])}</strong>{" (your team)" if you else ""}'
            f'{" ★ top score" if p == best and best > 0 else ""}</td>'
            f'<td>{e(played[t])}</td><td class="num score">{p}</td></tr>'
        )
    rows = "".join(rows)
    out = [f'<table class="scoreboard"><thead><tr><th>Team</th><th>Played by</th><th class="num">Points</th></tr></thead><tbody>{rows}</tbody></table>']
    by_team: dict[str, list[dict]] = {}
    for o in report["objectives"]:
        by_team.setdefault(o["team"], []).append(o)
    rows = []
    for team, objectives in by_team.items():
        for i, o in enumerate(objectives):
            head = (
                f'<td rowspan="{len(objectives)}"><span class="chip" style="background:{colours[team]}"></span>'
                f"<strong>{e(names[team])}</strong></td>"
                if i == 0 else ""
            )
            met = '<span class="met">✓ met</span>' if o["met"] else '<span class="unmet">✗ not met</span>'
            rows.append(f'<tr>{head}<td>{e(o["description"])}</td><td class="nowrap">{met}</td><td class="num">{o["points"]}</td></tr>')
    out.append(
        '<h3>Objectives</h3><table><thead><tr><th>Team</th><th>Objective</th><th>Result</th>'
        f'<th class="num">Points</th></tr></thead><tbody>{"".join(rows)}</tbody></table>'
    )
    return "".join(out)


# --- channels and treaties -------------------------------------------------------------------


def _channels(report: dict, names: dict[str, str]) -> str:
    # Turns run down the rows, as in the timeline: a long game stays as wide as the page.
    if not report["channels"]:
        return '<p class="muted">No deconfliction channel in this view.</p>'
    head = "".join(
        f'<th>{e(ch["name"])}<span class="traffic">{e(ch["kind"])}: '
        f'{e(", ".join(names.get(m, m) for m in ch["members"]))}</span></th>'
        for ch in report["channels"]
    )
    rows = []
    for i, label in enumerate(["Start"] + [f"T{t['turn']}" for t in report["turns"]]):
        cells = []
        for ch in report["channels"]:
            status = ch["status"][i]
            traffic = ""
            if i > 0:
                t = ch["traffic"][i - 1]
                parts = [f"{t[k]} {k}" for k in ("sent", "delivered", "lost") if t[k]]
                traffic = f'<span class="traffic">messages: {e(", ".join(parts))}</span>' if parts else ""
            cells.append(f'<td><span class="status {e(status)}">{e(status)}</span>{traffic}</td>')
        rows.append(f'<tr><td class="num"><strong>{e(label)}</strong></td>{"".join(cells)}</tr>')
    out = [f'<table><thead><tr><th class="num">Turn</th>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>']
    changes = sorted((c for ch in report["channels"] for c in ch["changes"]), key=lambda c: c["turn"])
    if changes:
        items = "".join(f'<li><strong>Turn {c["turn"]}:</strong> {e(c["text"])}</li>' for c in changes)
        out.append(f"<h3>Changes</h3><ul>{items}</ul>")
    return "".join(out)


def _perception(report: dict, shorts: dict[str, str]) -> str:
    """What each team believed of the dyads it was unsure of or wrong about, turn by turn (against the
    truth in the white cell's report), and when the gap closed."""
    white = report["viewer"] == "facilitator"
    rung_names = {r["id"]: r["name"] for r in report["rungs"]}
    turns = [t["turn"] for t in report["turns"]]
    head = "".join(f'<th class="num">T{t}</th>' for t in turns) + ("<th>Gap closed</th>" if white else "")
    rows = []
    for row in report["perception"]:
        cells = {t["turn"]: t for t in row["turns"]}
        out = []
        for turn in turns:
            t = cells.get(turn)
            if t is None:
                out.append("<td></td>")
                continue
            text = e(rung_names[t["rung"]] + (f" ±{t['spread']}" if t["spread"] else ""))
            if white and t["rung"] != t["truth"]:
                out.append(f'<td class="unmet">{text}<span class="traffic">truth: {e(rung_names[t["truth"]])}</span></td>')
            else:
                out.append(f"<td>{text}</td>")
        if white:
            closed = f"turn {row['closed']}" if row["closed"] else "still open" if row["wrong"] else "never wrong"
            out.append(f"<td>{e(closed)}</td>")
        a, b = row["dyad"]
        rows.append(f'<tr><td>{e(shorts[row["team"]])}</td><td>{e(shorts[a])}–{e(shorts[b])}</td>{"".join(out)}</tr>')
    intro = ("What each team believed, in red where it was wrong (the truth under it)." if white
             else "What you believed of the dyads you were unsure of.")
    return (f'<p class="muted">{intro}</p><table><thead><tr><th>Team</th><th>Dyad</th>{head}</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table>')


def _treaty_cell(column: str, events: list[dict], shorts: dict[str, str]) -> str:
    def n(team: str) -> str:
        return shorts.get(team, team)

    parts = []
    for ev in events:
        if column == "triggered":
            # What the engine held: new obligations, and members who keep the one they already had.
            by = f" (attacked by {n(ev['attacker'])})" if ev.get("attacker") else ""
            owed = [f"{', '.join(n(t) for t in ev['obliged_now'])} must act by T{ev['due']}"] if ev["obliged_now"] else []
            since: dict[int, list[str]] = {}
            for a in ev["absorbed"]:
                since.setdefault(a["into_trigger_turn"], []).append(n(a["team"]))
            owed += [f"{', '.join(teams)}: absorbed into the obligation of turn {turn}" for turn, teams in since.items()]
            label = f"For {n(ev['victim'])}{by}: {'; '.join(owed)}"
        elif column == "shortfalls" and "value" in ev:
            label = f"{n(ev['team'])}: {ev['track']} {_num(ev['value'])} < {_num(ev['target'])}"
        elif column == "shortfalls":
            label = ev["text"].split(" fell short", 1)[0]  # another team's value this viewer may not know
        elif column in ("honoured", "breached"):
            label = f"{n(ev['team'])} (T{ev['trigger_turn']})"
        else:
            label = n(ev["team"])
        parts.append(f'<span title="{e(ev["text"])}">{e(label)}</span>')
    return "<br>".join(parts) or '<span class="muted">—</span>'


def _treaties(report: dict, names: dict[str, str], shorts: dict[str, str]) -> str:
    if not report["treaties"]:
        return '<p class="muted">No treaty in this campaign.</p>'
    rungs = {r["id"]: r["name"] for r in report["rungs"]}
    labels = {"triggered": "Triggered", "consultations": "Consultations", "honoured": "Honoured (trigger turn)",
              "breached": "Breached (trigger turn)", "shortfalls": "Burden shortfalls"}
    out = []
    for t in report["treaties"]:
        trigger = t["trigger"]
        at = f" at or above <em>{e(rungs.get(trigger['min_rung'], trigger['min_rung']))}</em>" if trigger["min_rung"] else ""
        terms = [
            f"<li>Members: {e(', '.join(names.get(m, m) for m in t['members']))}</li>",
            f"<li>Trigger: a move tagged <code>{e(trigger['tag'])}</code> by a non-member against a member{at}</li>",
            f"<li>Obligation: every other member makes a move tagged <code>{e(t['obligation']['tag'])}</code> "
            f"within {t['obligation']['within']} turn(s)</li>",
        ]
        if t["burden_sharing"]:
            b = t["burden_sharing"]
            terms.append(f"<li>Burden sharing: {e(b['track'])} at least {_num(b['at_least'])} every turn</li>")
        if t["provisions"]:
            terms.append(f"<li>Provisions: {e(', '.join(p.replace('_', ' ') for p in t['provisions']))}</li>")
        counted = {**{k: labels[k].split(" (")[0].lower() for k in labels}, "absorbed": "absorbed into earlier obligations", "outstanding": "outstanding"}
        totals = "".join(
            f'<li class="{k}">{t["totals"][k]} {e(counted[k])}</li>'
            for k in ("triggered", "absorbed", "consultations", "honoured", "breached", "outstanding", "shortfalls")
        )
        head = "".join(f"<th>{e(labels[k])}</th>" for k in labels)
        busy = [h for h in t["history"] if any(h[k] for k in labels)]
        rows = "".join(
            f'<tr><td class="num"><strong>T{h["turn"]}</strong></td>'
            + "".join(f"<td>{_treaty_cell(k, h[k], shorts)}</td>" for k in labels)
            + "</tr>"
            for h in busy
        )
        if not busy:
            table = '<p class="muted">Nothing happened under this treaty in this view.</p>'
        else:
            quiet = "" if len(busy) == len(t["history"]) else (
                '<p class="muted">Turns not listed: nothing happened under this treaty.</p>'
            )
            table = f'<table><thead><tr><th class="num">Turn</th>{head}</tr></thead><tbody>{rows}</tbody></table>{quiet}'
        owed = outstanding_obligations(report, t)
        if owed:
            table += f'<p class="outstanding">{e(owed)}</p>'
        out.append(
            f'<h3>{e(t["name"])}</h3><ul class="terms">{"".join(terms)}</ul><ul class="totals">{totals}</ul>{table}'
        )
    return "".join(out)


def _alliance_ledger(report: dict, names: dict[str, str], shorts: dict[str, str]) -> str:
    """Entrapment and abandonment per member: what it met, refused, blocked, entered, and suffered."""
    ledger = report.get("alliance_ledger") or []
    if not ledger:
        return '<p class="muted">No treaty in this campaign.</p>'
    rows = []
    for r in ledger:
        entered = ", ".join(
            f"T{x['turn']} {shorts.get(x['attacker'], x['attacker'])}"
            + (f" (for {shorts.get(x['victim'], x['victim'])})" if x["victim"] else "")
            for x in r["entered"]
        ) or "—"
        rows.append(
            f"<tr><td>{e(names.get(r['team'], r['team']))}</td><td class=\"num\">{r['met']}</td>"
            f"<td class=\"num\">{r['refused']}</td><td class=\"num\">{r['blocked']}</td><td>{e(entered)}</td>"
            f"<td class=\"num\">{r['abandoned']}</td></tr>"
        )
    head = (
        '<tr><th>Member</th><th class="num">Met</th><th class="num">Refused</th><th class="num">Blocked</th>'
        '<th>Dyads entered on an ally\'s behalf</th><th class="num">Abandoned</th></tr>'
    )
    return (
        '<p class="muted">Obligations met and refused, decisions blocked, dyads entered for an ally (entrapment), '
        "and the times allies refused or blocked acting for this member (abandonment).</p>"
        f"<table><thead>{head}</thead><tbody>{''.join(rows)}</tbody></table>"
    )


# --- timeline --------------------------------------------------------------------------------

EFFECTS = {"track_changed", "interop_changed", "move_detected"}


def _tone(ev: dict, rung_index: dict[str, int]) -> tuple[str, str]:
    """The colour class and the label of an outcome; the label says it in words too."""
    kind = ev["kind"]
    if kind == "move_resolved":
        success = ev.get("success", True)  # absent from a withheld event
        label = "Success" if success else "Failed"
        return ("success" if success else "failure"), label + (" (ruled)" if ev.get("override") else "")
    if kind == "order_refused":
        return "failure", "Refused"
    if kind == "freeform_resolved":
        outcome = ev.get("outcome", "").lower()
        if outcome.startswith("succe"):
            return "success", "Free-form ✓"
        if outcome.startswith("fail"):
            return "failure", "Free-form ✗"
        return "message", "Free-form"
    if kind == "escalation_changed":
        old, new = rung_index.get(ev["old"], 0), rung_index.get(ev["new"], 0)
        if new > old:
            return "escalation", "Escalation"
        if new < old:
            return "calm", "De-escalation"
        return "calm", "Held"
    if kind == "accident_rolled":
        if "happened" not in ev:  # withheld: its chances would give a track the viewer only estimates away
            return "quiet", "Incident roll"
        return ("escalation", "Incident") if ev["happened"] else ("quiet", "No incident")
    if kind in ("inject_fired", "inject_postponed"):
        return "inject", "Inject" if kind == "inject_fired" else "Inject held"
    if kind == "treaty_triggered":
        return "alliance", "Treaty due"
    if kind == "consultation_held":
        return "alliance", "Consultation"
    if kind == "obligation_settled":
        return ("success", "Honoured") if ev["honoured"] else ("escalation", "Breached")
    if kind == "burden_shortfall":
        return "failure", "Shortfall"
    if kind == "red_line_declared":
        return "alliance", "Red line"
    if kind == "red_line_changed":
        status = ev.get("status", "")
        tones = {"crossed": "escalation", "enforced": "success", "bluffed": "failure"}
        return tones.get(status, "quiet"), {"expired": "Lapsed"}.get(status, status.capitalize() or "Red line")
    if kind == "channel_changed":
        return ("calm", "Channel") if ev["new"] == "open" else ("failure", "Channel")
    if kind == "message_sent":
        return "message", "Sent"
    if kind == "message_delivered":
        return "message", "Delivered"
    if kind == "message_lost":
        return "failure", "Lost"
    if kind == "proposal_answered":
        answer = ev.get("answer", "")
        if answer == "accepted":
            return "success", "Accepted"
        if answer == "rejected":
            return "failure", "Rejected"
        return "quiet", answer.capitalize() or "Answer"
    if kind == "game_ended":
        return "end", "Game over"
    if kind == "objective_scored":
        return ("success", "Met") if ev["met"] else ("failure", "Not met")
    if kind == "move_detected":
        return ("quiet", "Detected") if ev.get("detected") else ("quiet", "Unseen")
    return "quiet", kind.replace("_", " ")


def _orders(turn: dict, report: dict, names: dict[str, str], shorts: dict[str, str]) -> str:
    moves_named = report.get("move_names", {})
    channels = {c["id"]: c["name"] for c in report["channels"]}
    rows = []
    for o in turn["orders"]:
        items = []
        for m in o.get("moves", []):
            target = f" → {shorts.get(m['target'], m['target'])}" if m.get("target") else ""
            why = f' — why: <span class="quote">“{e(m["rationale"])}”</span>' if m.get("rationale") else ""
            items.append(f"<li>{e(moves_named.get(m['move'], m['move']))}{e(target)}{why}</li>")
        for f in o.get("freeform", []):
            why = f' because <span class="quote">“{e(f["argument"])}”</span>' if f.get("argument") else ""
            target = f" (towards {e(shorts.get(f['target'], f['target']))})" if f.get("target") else ""
            items.append(f'<li>Free-form{target}: <span class="quote">“{e(f["action"])}”</span>{why}</li>')
        for x in o.get("counters", []):
            vote = f" (odds: {e(x['odds'])})" if x.get("odds") else ""
            mover = e(shorts.get(x["mover"], x["mover"]))
            items.append(f'<li>Counter to {mover}\'s free-form move {x["index"] + 1}: <span class="quote">“{e(x.get("text", ""))}”</span>{vote}</li>')
        for m in o.get("messages", []):
            kind = f"proposal ({m['proposal'].replace('_', ' ')})" if m.get("proposal") else "message"
            to = f" to {', '.join(shorts.get(t, t) for t in m['to'])}" if m.get("to") else ""
            channel = channels.get(m["channel"], m["channel"])
            items.append(f'<li>{e(kind.capitalize())} on {e(channel)}{e(to)}: <span class="quote">“{e(m["text"])}”</span></li>')
        for r in o.get("responses", []):
            items.append(f"<li>{'Accepts' if r['accept'] else 'Rejects'} proposal {e(r['proposal'])}</li>")
        for v in o.get("votes", []):
            why = f' — why: <span class="quote">“{e(v["rationale"])}”</span>' if v.get("rationale") else ""
            items.append(f"<li>{'Supports' if v['support'] else 'Blocks'} acting under {e(v['treaty'])}{why}</li>")
        body = f"<ul>{''.join(items)}</ul>" if items else '<span class="muted">no orders</span>'
        rows.append(f"<tr><td>{e(names.get(o['team'], o['team']))}</td><td>{body}</td></tr>")
    if not rows:
        return ""
    return f'<div class="orders"><h4>Orders</h4><table><tbody>{"".join(rows)}</tbody></table></div>'


def _interventions(turn: dict, shorts: dict[str, str]) -> str:
    items = []
    for i in turn.get("interventions", []):
        what = [i["kind"].replace("_", " ").capitalize()]
        if i.get("team"):
            order = f", order {i['order'] + 1}" if i.get("order") is not None else ""
            what.append(f"({shorts.get(i['team'], i['team'])}{order})")
        if i.get("outcome"):
            what.append(f"→ {i['outcome']}")
        if i.get("escalation"):
            what.append(f"escalation {i['escalation']:+d}")
        if i.get("inject"):
            what.append(f"inject {i['inject']}")
        if i.get("what"):
            what = [i["kind"].replace("_", " ").capitalize(), f"({i['what']})"]
        items.append(f"<li><strong>{e(' '.join(what))}:</strong> {e(i['reason'])}</li>")
    if not items:
        return ""
    return f'<div class="white-cell"><h4>White cell (facilitator) interventions</h4><ul>{"".join(items)}</ul></div>'


def _arguments(report: dict) -> str:
    """Each free-form move the viewer learnt of: the move, the odds and roll as the viewer may know them, and its effects."""
    items = []
    for a in report["arguments"]:
        tone = "success" if a["outcome"] == "success" else "failure" if a["outcome"] == "failure" else "message"
        effects = "".join(f'<li class="effect">{e(effect)}</li>' for effect in a["effects"])
        items.append(
            f'<li class="{tone}"><span class="tag">turn {a["turn"]}</span>{e(a["text"])}'
            + (f"<ul>{effects}</ul>" if effects else "") + "</li>"
        )
    return f'<ol class="events">{"".join(items)}</ol>'


def _knew_did(report: dict, turn: int) -> str:
    """The white cell's table of each team's picture going into the turn, beside the truth, and what it did."""
    rows = "".join(f"<tr><td>{e(a)}</td><td>{e(b)}</td><td>{e(c)}</td></tr>" for a, b, c in knew_did_rows(report, turn))
    if not rows:
        return ""
    return (
        '<div class="knew"><h4>Knew versus did <span class="muted">(each team\'s picture going into the turn; '
        "truth in brackets)</span></h4><table><thead><tr><th>team</th><th>what it believed</th><th>what it did</th>"
        f"</tr></thead><tbody>{rows}</tbody></table></div>"
    )


def _notes(report: dict, turn: int) -> str:
    """The white cell's notes on a turn (a team's report: only the shared ones)."""
    items = []
    for note in report.get("annotations", []):
        if note["turn"] != turn:
            continue
        about = f'<span class="muted">On: {e(note["about"])}</span><br>' if note["about"] else (
            f'<span class="muted">On event {note["event"]}</span><br>' if note["event"] else "")
        items.append(f"<li>{about}{e(note['text'])}</li>")
    if not items:
        return ""
    return f'<div class="note"><h4>White cell\'s notes</h4><ul>{"".join(items)}</ul></div>'


def _timeline(report: dict, names: dict[str, str], shorts: dict[str, str]) -> str:
    rung_names = {r["id"]: r["name"] for r in report["rungs"]}
    rung_index = {r["id"]: i for i, r in enumerate(report["rungs"])}
    key = (
        ("success", "success"), ("failure", "failure or setback"), ("escalation", "escalation or breach"),
        ("calm", "de-escalation"), ("inject", "inject"), ("alliance", "alliance"), ("message", "message"),
    )
    out = [
        '<ul class="key">' + "".join(f'<li class="{c}">{e(label)}</li>' for c, label in key) + "</ul>",
    ]
    pivots: dict[int, str] = {}
    for p in report.get("turning_points", []):
        pivots.setdefault(p["turn"], p["label"])
    out.append('<p class="muted">One section a turn: click a turn to open or close it. Turns with a turning point start open.</p>')
    for turn in report["turns"]:
        items = []
        closing = ""
        for ev in turn["events"]:
            if ev["kind"] == "turn_completed":
                closing = f'<li class="close">{e(ev["text"])}</li>'
                continue
            tone, label = _tone(ev, rung_index)
            hidden = secret_mark(ev, names) if report["viewer"] == FACILITATOR else ""
            hidden = f'<span class="secret">{e(hidden)}</span>' if hidden else ""
            if ev["kind"] in EFFECTS:
                items.append(f'<li class="effect {tone}">{e(ev["text"])}{hidden}</li>')
            else:
                why = (
                    f'<span class="why">Why, in {e(shorts.get(ev["team"], ev["team"]))}\'s words: <span class="quote">“{e(ev["rationale"])}”</span></span>'
                    if ev.get("rationale") else ""
                )
                items.append(f'<li class="{tone}"><span class="tag">{e(label)}</span>{e(ev["text"])}{hidden}{why}</li>')
        # One collapsible section a turn (no script needed): the turns with a turning point start open.
        pivotal = turn["turn"] in pivots
        mark = f'<span class="mark">{e(pivots[turn["turn"]])}</span>' if pivotal else ""
        out.append(
            f'<details class="turn{" pivotal" if pivotal else ""}" id="turn-{turn["turn"]}"{" open" if pivotal else ""}>'
            f'<summary>Turn {turn["turn"]}'
            f'<span class="closed">closed at {e(rung_names.get(turn["crisis"], turn["crisis"]))}</span>{mark}</summary>'
            f'{_notes(report, turn["turn"])}{_orders(turn, report, names, shorts)}{_knew_did(report, turn["turn"])}'
            f'{_interventions(turn, shorts)}'
            f'<div class="outcomes"><h4>Outcomes</h4><ol class="events">{"".join(items)}{closing}</ol></div></details>'
        )
    return "".join(out)


# --- the page --------------------------------------------------------------------------------


def _red_lines(report: dict, names: dict[str, str]) -> str:
    """The red-line ledger: who declared what, when, and what became of it."""
    from .report import red_line_outcome, red_line_totals_line

    rows = "".join(
        f"<tr><td>{e(names.get(x['team'], x['team']))}</td><td>{e(x['text'])}</td><td>turn {x['declared']}</td>"
        f'<td class="rl-{e(x["status"])}">{e(red_line_outcome(x, names, report["move_names"]))}</td></tr>'
        for x in report["red_lines"]
    )
    return (
        f'<p class="muted">{e(red_line_totals_line(report["red_line_totals"]))}</p>'
        "<table><thead><tr><th>declared by</th><th>line</th><th>declared</th><th>what became of it</th></tr></thead>"
        f"<tbody>{rows}</tbody></table>"
    )


def _fork(report: dict) -> str:
    """The meta line of a fork's report: the game it continues, from which turn."""
    parent = report.get("parent")
    return f"<dt>Fork</dt><dd>{e(fork_line(parent))}</dd>" if parent else ""


# A turning point's colour, as the timeline's key has it; unlisted kinds (thresholds, breaches, red lines) are escalation red.
POINT_TONES = {
    "treaty": "alliance", "honoured": "alliance", "channel_restored": "calm", "inject": "inject",
    "channel_cut": "failure", "track": "failure",
}


def _debrief(report: dict) -> str:
    """The debrief's opening: purpose, learning questions, starting situation and the turning points."""
    parts = []
    if report.get("purpose"):
        parts.append(f'<h3>Purpose</h3><p class="purpose">{e(report["purpose"])}</p>')
    if report.get("learning_questions"):
        items = "".join(f"<li>{e(q)}</li>" for q in report["learning_questions"])
        parts.append(f'<h3>Learning questions</h3><ol class="questions">{items}</ol>')
    situation = f'<p>{e(report["situation"])}</p>' if report.get("situation") else ""
    parts.append(f"<h3>Starting situation</h3>{situation}<p>{e(start_sentence(report))}</p>")
    points = report.get("turning_points") or []
    if points:
        items = "".join(
            f'<li class="{POINT_TONES.get(p["kind"], "")}"><a href="#turn-{p["turn"]}">Turn {p["turn"]}</a>'
            f'<span class="tag">{e(p["label"])}:</span>{e(p["text"])}</li>'
            for p in points
        )
        parts.append(f'<h3>Turning points</h3><ol class="turning">{items}</ol>')
    else:
        parts.append('<h3>Turning points</h3><p class="muted">No threshold, treaty, channel or large swing stood out in what this report\'s viewer saw.</p>')
    return "".join(parts)


def to_html(report: dict) -> str:
    """The report as one HTML page to project or print; every text from the game is escaped."""
    names = {t["id"]: t["name"] for t in report["teams"]}
    shorts = {t["id"]: t.get("short") or t["name"] for t in report["teams"]}
    colours = _team_colours(report["teams"])
    viewer = report["viewer"]
    if viewer == FACILITATOR:
        pov = '<span class="pov">Facilitator — everything</span>'
    else:
        pov = f'<span class="pov team">{e(names.get(viewer, viewer))} — own orders and what it could see</span>'
    ended = report["ended"]
    if ended:
        terminal = ended["reason"] == "terminal"
        ending = (
            f'<div class="ending{" terminal" if terminal else ""}">Ended on turn {ended["turn"]}: '
            f'{e(ended["detail"])} <span class="muted">({e(ended["reason"].replace("_", " "))})</span></div>'
        )
    else:
        ending = f'<div class="ending open">Not ended: {report["turns_played"]} turn(s) played so far.</div>'
    teams = ", ".join(
        f'<span class="chip" style="background:{colours[t["id"]]}"></span>{e(t["name"])} '
        f'<span class="muted">({e(t["played_by"])})</span>'
        for t in report["teams"]
    )
    sections = [
        ("debrief", "Debrief", _debrief(report)),
        ("scores", "Objectives and scores", _scores(report, names, colours)),
        ("escalation", "Escalation by dyad", _escalation_chart(report, shorts)),
        ("tracks", "Tracks over turns", _tracks(report, names, colours)),
        ("channels", "Deconfliction channels", _channels(report, names)),
        ("treaties", "Treaties", _treaties(report, names, shorts)),
        ("alliances", "Entrapment and abandonment", _alliance_ledger(report, names, shorts)),
        *((("red-lines", "Red lines", _red_lines(report, names)),) if report.get("red_lines") else ()),
        *([("arguments", "Free-form moves", _arguments(report))] if report.get("arguments") else []),
        *([("perception", "Perception gap", _perception(report, shorts))] if report.get("perception") else []),
        ("timeline", "Timeline", _timeline(report, names, shorts)),
    ]
    nav = "".join(f'<a href="#{sid}">{e(title)}</a>' for sid, title, _ in sections)
    body = "".join(f'<section id="{sid}" class="{sid}"><h2>{e(title)}</h2>{html}</section>' for sid, title, html in sections)
    title = f"After-action report: {report['title']}"
    forged = ""
    if not report["reproduces"]:
        warning = not_reproducing(report).replace("**", "")
        head, _, rest = warning.partition(" Re-adjudicating")
        forged = f'<p class="forged" role="alert"><strong>{e(head)}</strong> {e("Re-adjudicating" + rest)}</p>'
    return (
        "<!doctype html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{e(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n"
        f'<header><p class="kicker">After-action report</p><h1>{e(report["title"])}</h1>{forged}'
        f'<dl class="meta"><dt>Point of view</dt><dd>{pov}</dd>'
        f'<dt>Campaign</dt><dd><code>{e(report["campaign"])}</code> '
        f'<span class="muted">SHA-256 {e(report["campaign_sha256"][:12])}…</span></dd>'
        f'<dt>Seed</dt><dd>{e(report["seed"])}</dd><dt>Turns played</dt><dd>{report["turns_played"]}</dd>'
        f'<dt>Played with</dt><dd>wargame {e(report["engine_version"])}</dd>'
        f"<dt>Teams</dt><dd>{teams}</dd>{_fork(report)}</dl>{ending}<nav>{nav}</nav></header>\n"
        f"{body}\n"
        '<footer>Generated by wargame from the saved game; every outcome shows its rule, chance, '
        "modifiers and roll.</footer>\n</main>\n</body>\n</html>\n"
    )
