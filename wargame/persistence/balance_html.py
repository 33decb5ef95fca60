"""The balance report and the persona matrix of `wargame simulate` as one self-contained HTML page each:
the after-action report's style and chart pieces (html_report), inline SVG, no script, nothing fetched."""

from __future__ import annotations

from ..balance import look_at
from .html_report import MARKERS, PALETTE, STYLE, _clip, _marker, _swatch, _team_colours, e

EXTRA_STYLE = """
.warnings { list-style: none; padding: 0; margin: .4em 0 1em; }
.warnings li { margin: .35em 0; padding: .4em .7em; border-left: 10px solid var(--failure); background: var(--failure-bg); border-radius: 4px; }
.warnings li .look { display: block; font-size: .9rem; color: var(--failure-ink); }
.outliers code, .cmd { font-size: .85rem; word-break: break-all; }
.flag { display: inline-block; padding: 0 .45em; border-radius: 4px; font-size: .8rem; font-weight: 800; background: var(--escalation-bg); color: var(--escalation); }
details > summary { cursor: pointer; font-weight: 700; margin: .4em 0; }
td.heat { text-align: right; font-variant-numeric: tabular-nums; }
"""


def _pct(share: float) -> str:
    return f"{share * 100:.1f}%".replace(".0%", "%")


def _share_bars(rows: list[tuple[str, float, list[float], str]], label_width: int = 430) -> str:
    """Horizontal bars 0–100% with the 95% interval as a whisker: (label, share, [lo, hi], colour)."""
    width, row, top = 1180, 34, 30
    plot = width - label_width - 90
    height = top + row * len(rows) + 10

    def x(share: float) -> float:
        return label_width + share * plot

    out = [f'<svg viewBox="0 0 {width} {height}" width="{width}" role="img" aria-label="Shares with 95% intervals">']
    for tick in (0, 0.25, 0.5, 0.75, 1):
        out.append(f'<line x1="{x(tick):.1f}" y1="{top - 8}" x2="{x(tick):.1f}" y2="{height - 6}" stroke="#e4e7ec"/>')
        out.append(f'<text x="{x(tick):.1f}" y="{top - 12}" font-size="15" text-anchor="middle" fill="#475467">{_pct(tick)}</text>')
    for i, (label, share, (lo, hi), colour) in enumerate(rows):
        y = top + i * row + row / 2
        out.append(f'<text x="{label_width - 12}" y="{y + 6:.1f}" font-size="16" text-anchor="end"><title>{e(label)}</title>{e(_clip(label, label_width // 9))}</text>')
        out.append(f'<rect x="{label_width}" y="{y - 10:.1f}" width="{max(share * plot, 1.5):.1f}" height="20" fill="{colour}" opacity=".85"/>')
        out.append(f'<line x1="{x(lo):.1f}" y1="{y:.1f}" x2="{x(hi):.1f}" y2="{y:.1f}" stroke="#101418" stroke-width="2.5"/>')
        for end in (lo, hi):
            out.append(f'<line x1="{x(end):.1f}" y1="{y - 7:.1f}" x2="{x(end):.1f}" y2="{y + 7:.1f}" stroke="#101418" stroke-width="2.5"/>')
        out.append(f'<text x="{x(max(hi, share)) + 8:.1f}" y="{y + 6:.1f}" font-size="16" font-weight="700">{_pct(share)}</text>')
    out.append("</svg>")
    return "".join(out)


def _scores_chart(r: dict, colours: dict[str, str]) -> str:
    """Each team's mean points as a dot with its 95% interval, on one scale."""
    teams = r["teams"]
    top_points = max([sum(o["points"] for o in t["objectives"]) for t in teams] + [1])
    width, row, top, left = 1180, 38, 30, 330
    plot = width - left - 80
    height = top + row * len(teams) + 10

    def x(points: float) -> float:
        return left + max(0.0, min(points, top_points)) / top_points * plot

    out = [f'<svg viewBox="0 0 {width} {height}" width="{width}" role="img" aria-label="Mean points with 95% intervals">']
    for tick in range(0, top_points + 1, max(1, top_points // 8)):
        out.append(f'<line x1="{x(tick):.1f}" y1="{top - 8}" x2="{x(tick):.1f}" y2="{height - 6}" stroke="#e4e7ec"/>')
        out.append(f'<text x="{x(tick):.1f}" y="{top - 12}" font-size="15" text-anchor="middle" fill="#475467">{tick}</text>')
    for i, t in enumerate(teams):
        y = top + i * row + row / 2
        lo, hi = t["points_interval"]
        colour = colours[t["id"]]
        out.append(f'<text x="{left - 12}" y="{y + 6:.1f}" font-size="17" text-anchor="end" font-weight="700">{e(_clip(t["name"], 32))}</text>')
        out.append(f'<line x1="{x(lo):.1f}" y1="{y:.1f}" x2="{x(hi):.1f}" y2="{y:.1f}" stroke="{colour}" stroke-width="4"/>')
        out.append(_marker("circle", x(t["mean_points"]), y, colour, 8))
        out.append(
            f'<text x="{x(max(hi, t["mean_points"])) + 12:.1f}" y="{y + 6:.1f}" font-size="16">'
            f'{t["mean_points"]:g} (sd {t["sd_points"]:g})</text>'
        )
    out.append("</svg>")
    return "".join(out)


def _mean_rung_chart(r: dict) -> str:
    """The mean rung of each dyad after each turn, for the dyads that ever left the bottom rung."""
    rungs = r["rungs"]
    drawn = [d for d in r["dyads"] if any(v > 0 for v in d["mean_rung_by_turn"])]
    if not drawn:
        return f'<p class="muted">Every dyad stayed at {e(rungs[0]["name"])} in every game.</p>'
    turns = len(r["games_still_going_by_turn"])
    top_rung = max(max(d["mean_rung_by_turn"]) for d in drawn)
    shown = min(len(rungs) - 1, int(top_rung) + 1)
    row, left, right, top, bottom, width = 34, 320, 40, 20, 50, 1180
    plot_w = width - left - right
    height = top + row * shown + bottom

    def x(i: int) -> float:
        return left + (i * plot_w / max(turns - 1, 1) if turns > 1 else plot_w / 2)

    def y(level: float) -> float:
        return top + (shown - level) * row

    out = [f'<svg viewBox="0 0 {width} {height}" width="{width}" role="img" aria-label="Mean rung per dyad over turns">']
    for i in range(shown + 1):
        rung = rungs[i]
        colour = "#b42318" if rung["firebreak"] or rung["terminal"] else "#101418"
        out.append(f'<line x1="{left}" y1="{y(i):.1f}" x2="{left + plot_w}" y2="{y(i):.1f}" stroke="#d0d5dd"/>')
        out.append(
            f'<text x="{left - 12}" y="{y(i) + 6:.1f}" font-size="17" text-anchor="end" fill="{colour}">'
            f'<title>{e(rung["name"])}</title>{e(_clip(rung["name"], 30))}</text>'
        )
        if rung["firebreak"]:
            out.append(
                f'<line x1="{left}" y1="{y(i) + row / 2:.1f}" x2="{left + plot_w}" y2="{y(i) + row / 2:.1f}" '
                f'stroke="#b42318" stroke-width="3" stroke-dasharray="12 7"/>'
            )
    for i in range(turns):
        out.append(
            f'<text x="{x(i):.1f}" y="{y(0) + 30:.1f}" font-size="17" text-anchor="middle" font-weight="600">T{i + 1}</text>'
        )
    for k, d in enumerate(drawn):
        colour, shape = PALETTE[k % len(PALETTE)], MARKERS[k % len(MARKERS)]
        points = [(x(i), y(v)) for i, v in enumerate(d["mean_rung_by_turn"])]
        out.append(f'<g><title>{e(d["name"])}</title>')
        out.append(
            f'<polyline points="{" ".join(f"{px:.1f},{py:.1f}" for px, py in points)}" fill="none" '
            f'stroke="{colour}" stroke-width="3.5" stroke-linejoin="round"/>'
        )
        out.extend(_marker(shape, px, py, colour, 5) for px, py in points)
        out.append("</g>")
    out.append("</svg>")
    names = {rung["id"]: rung["name"] for rung in rungs}
    legend = "".join(
        f'<li>{_swatch(PALETTE[k % len(PALETTE)], MARKERS[k % len(MARKERS)])}<span><strong>{e(d["name"])}</strong> '
        f'<span class="muted">highest {e(names[d["highest"]])}</span></span></li>'
        for k, d in enumerate(drawn)
    )
    idle = [d["name"] for d in r["dyads"] if d not in drawn]
    caption = f"<figcaption>Never left {e(rungs[0]['name'])} (not drawn): {e(', '.join(idle))}.</figcaption>" if idle else ""
    going = ", ".join(f"T{i + 1} {g}" for i, g in enumerate(r["games_still_going_by_turn"]))
    return (
        f'<ul class="legend">{legend}</ul><figure>{"".join(out)}{caption}'
        f"<figcaption>The mean over the games still going after each turn ({e(going)}); the dashed red line is a firebreak.</figcaption></figure>"
    )


def _table(head: list[str], rows: list[list[str]], numeric_from: int = 1) -> str:
    cells = "".join(f'<th class="{"num" if i >= numeric_from else ""}">{h}</th>' for i, h in enumerate(head))
    body = "".join(
        "<tr>" + "".join(f'<td class="{"num" if i >= numeric_from else ""}">{c}</td>' for i, c in enumerate(row)) + "</tr>"
        for row in rows
    )
    return f"<table><thead><tr>{cells}</tr></thead><tbody>{body}</tbody></table>"


def _page(title: str, kicker: str, header: str, sections: list[tuple[str, str, str]]) -> str:
    nav = "".join(f'<a href="#{sid}">{e(name)}</a>' for sid, name, _ in sections)
    body = "".join(f'<section id="{sid}"><h2>{e(name)}</h2>{html}</section>' for sid, name, html in sections)
    return (
        "<!doctype html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{e(title)}</title>\n<style>{STYLE}{EXTRA_STYLE}</style>\n</head>\n<body>\n<main>\n"
        f'<header><p class="kicker">{e(kicker)}</p><h1>{e(title)}</h1>{header}<nav>{nav}</nav></header>\n'
        f"{body}\n"
        "<footer>Generated by wargame simulate; intervals are 95% (Wilson for shares, Student's t for means).</footer>\n"
        "</main>\n</body>\n</html>\n"
    )


def balance_html(r: dict) -> str:
    """The balance report as one page to read at 1280 px or print; every campaign text is escaped."""
    colours = _team_colours(r["teams"])
    bots = ", ".join(f"{team}={persona}" for team, persona in r["personas"].items())
    header = (
        f'<dl class="meta"><dt>Games</dt><dd>{r["games"]}</dd><dt>Seed</dt><dd>{r["seed"]}</dd>'
        f"<dt>Bots</dt><dd>{e(bots)}</dd>"
        + "".join(f"<dt>Changed</dt><dd><code>{e(s)}</code></dd>" for s in r.get("settings", ()))
        + f'<dt>Length</dt><dd>{r["mean_turns"]:g} turns on average</dd></dl>'
    )
    if r.get("warnings"):
        look = (
            '<ul class="warnings">'
            + "".join(f'<li><strong>{e(w["text"])}</strong><span class="look">Look at {e(look_at(w))}</span></li>' for w in r["warnings"])
            + "</ul>"
        )
    else:
        look = "<p>Nothing stands out: every objective is met in some games and missed in others, and every ending occurs.</p>"
    if r.get("outliers"):
        look += (
            '<h3>Games worth replaying</h3><ul class="outliers">'
            + "".join(f'<li>game {o["game"]}: {e(o["why"])}<br><code>{e(o["command"])}</code></li>' for o in r["outliers"])
            + "</ul>"
        )
    ending_colour = {"terminal": "#b42318", "turn_limit": "#667085", "de-escalation": "#0b6479", "settlement": "#0f6b2f"}
    endings = _share_bars([
        (reason.replace("_", " "), share, r["ending_intervals"][reason], ending_colour.get(reason, "#5b2fb5"))
        for reason, share in r["endings"].items()
    ]) + (
        f'<p>A firebreak crossed in <strong>{_pct(r["firebreak_crossed"])}</strong> of games '
        f'({_pct(r["firebreak_interval"][0])}–{_pct(r["firebreak_interval"][1])}); first by a move {_pct(r["first_crossing"]["move"])}, '
        f'by an incident {_pct(r["first_crossing"]["incident"])}, by an inject or ruling {_pct(r["first_crossing"]["other"])}.</p>'
    )
    scores = _scores_chart(r, colours) + _table(
        ["Team", "Mean points", "sd", "95% interval", "Scores lowest"],
        [
            [f'<span class="chip" style="background:{colours[t["id"]]}"></span>{e(t["name"])}', f'{t["mean_points"]:g}',
             f'{t["sd_points"]:g}', f'{t["points_interval"][0]:g}–{t["points_interval"][1]:g}', _pct(t["last"])]
            for t in r["teams"]
        ],
    )
    objective_rows = []
    for t in r["teams"]:
        for o in t["objectives"]:
            # The flag first: a long description is clipped at its end.
            flag = "⚑ never met: " if o["met"] == 0 else "⚑ always met: " if o["met"] == 1 else ""
            colour = "#b42318" if flag else colours[t["id"]]
            objective_rows.append((f'{flag}{o["description"]} ({o["points"]} pts)', o["met"], o["met_interval"], colour))
    legend = "".join(f'<li><span class="chip" style="background:{colours[t["id"]]}"></span>{e(t["name"])}</li>' for t in r["teams"])
    objectives = (
        f'<ul class="legend">{legend}<li><span class="chip" style="background:#b42318"></span>met in no game or in every game</li></ul>'
        + _share_bars(objective_rows, label_width=600)
        if objective_rows else '<p class="muted">No objectives.</p>'
    )
    moves = []
    for t in r["teams"]:
        rows = [
            [e(m["name"]), f'{m["per_game"]:g}', _pct(m["failure_rate"]) if m["failure_rate"] is not None else '<span class="flag">never played</span>']
            for m in t["moves"]
        ]
        moves.append(
            f'<details><summary>{e(t["name"])}: {t["orders"]} orders, {_pct(t["refusal_rate"])} refused</summary>'
            + _table(["Move", "Per game", "Failed"], rows) + "</details>"
        )
    names = {rung["id"]: rung["name"] for rung in r["rungs"]}
    dyads = _mean_rung_chart(r) + _table(
        ["Dyad", "Highest rung", "How often each rung was its highest"],
        [[e(d["name"]), e(names[d["highest"]]), e(", ".join(f"{names[k]} {_pct(v)}" for k, v in d["peak"].items()))] for d in r["dyads"]],
        numeric_from=9,
    )
    rungs = _table(
        ["Rung", "Reached", "First turn (mean)"],
        [
            [e(rung["name"]) + (' <span class="flag">firebreak</span>' if rung["firebreak"] else "")
             + (' <span class="flag">terminal</span>' if rung["terminal"] else ""),
             _pct(rung["reached"]), f'{rung["first_turn"]:g}' if rung["first_turn"] is not None else "never"]
            for rung in reversed(r["rungs"])
        ],
    )
    i = r["incidents"]
    traffic = (
        f'<p>Incidents {i["per_game"]:g} a game; contained by a channel {i["contained_per_game"]:g}; '
        f'leaked across a threshold {i["leaked_per_game"]:g}.</p>'
        + _table(
            ["Channel", "Sent per game", "Delivered", "Lost"],
            [[e(c["name"]), f'{c["sent_per_game"]:g}', f'{c["delivered_per_game"]:g}', f'{c["lost_per_game"]:g}'] for c in r["channels"]],
        )
        + (
            _table(
                ["Proposal", "Sent per game", "Accepted", "Rejected", "Lapsed"],
                [[e(p["kind"].replace("_", " ")), f'{p["sent_per_game"]:g}', f'{p["accepted_per_game"]:g}',
                  f'{p["rejected_per_game"]:g}', f'{p["lapsed_per_game"]:g}'] for p in r["proposals"]],
            )
            if r["proposals"] else "<p>No proposal was sent in any game.</p>"
        )
    )
    treaties = _table(
        ["Treaty", "Honoured per game", "Breached per game", "Games with a breach"],
        [[e(t["name"]), f'{t["honoured_per_game"]:g}', f'{t["breached_per_game"]:g}', _pct(t["games_with_breach"])] for t in r["treaties"]],
    ) if r["treaties"] else '<p class="muted">No treaties.</p>'
    sections = [
        ("look", "What to look at", look),
        ("endings", "How games end", endings),
        ("scores", "Scores", scores),
        ("objectives", "Objectives", objectives),
        ("escalation", "Escalation by dyad", dyads),
        ("rungs", "Rungs reached", rungs),
        ("moves", "Moves", "".join(moves)),
        ("traffic", "Incidents, channels and proposals", traffic),
        ("treaties", "Commitments", treaties),
    ]
    return _page(f"Balance report: {r['campaign']}", "Balance report", header, sections)


def _heat(share: float, rgb: str = "180, 35, 24") -> str:
    """A share shaded by its size: red for escalation, a calm blue for the other endings."""
    return f'<td class="heat" style="background: rgba({rgb}, {0.08 + 0.6 * share:.2f})">{_pct(share)}</td>' if share else '<td class="heat">0%</td>'


def matrix_html(m: dict) -> str:
    """The persona matrix as one page: a row per assignment, shares shaded by size."""
    teams = [t["id"] for t in m["teams"]]
    endings = sorted({reason for cell in m["cells"] for reason in cell["endings"]})
    head = "".join(f"<th>{e(t)}</th>" for t in teams) + "".join(f'<th class="num">{e(x.replace("_", " "))}</th>' for x in endings)
    head += '<th class="num">firebreak crossed</th><th class="num">terminal</th>' + "".join(f'<th class="num">{e(t)} pts</th>' for t in teams)
    rows = []
    for cell in m["cells"]:
        rows.append(
            "<tr>" + "".join(f"<td>{e(cell['personas'][t])}</td>" for t in teams)
            + "".join(_heat(cell["endings"].get(x, 0), "180, 35, 24" if x == "terminal" else "11, 100, 121") for x in endings)
            + _heat(cell["firebreak_crossed"]) + _heat(cell["terminal"])
            + "".join(f'<td class="num">{cell["mean_points"][t]:g}</td>' for t in teams) + "</tr>"
        )
    header = (
        f'<p>{len(m["cells"])} of {m["assignments_possible"]} assignments of {e(", ".join(m["personas"]))}, '
        f'{m["runs_per_cell"]} games each; every row plays the same game seeds (seed {m["seed"]}), so differences between rows come from the personas, not from luck.</p>'
    )
    table = f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    return _page(f"Persona matrix: {m['campaign']}", "Persona matrix", header, [("matrix", "Outcomes per assignment", table)])
