"""`wargame compare A B`: two games of one campaign (or a fork and its parent) side by side.

What a debrief asks of two games: where they first went apart (the first turn whose orders or
events differ, and what differed), each dyad's escalation turn by turn in both, scores and
objectives, and how each ended. Built from the facilitator's reports of both games (so the
figures are the report's), as a dict for JSON, then rendered as Markdown or as one offline HTML
page in the report's style.
"""

from __future__ import annotations

from pathlib import Path

from ..core import events as ev
from ..core.narrative import describe
from ..core.orders import TeamOrders, TurnRecord
from ..core.replay import state_after
from ..core.views import FACILITATOR, viewpoint
from ..problems import Problem, ProblemsFound
from .report import build_report
from .saves import LoadedSave, load_save
from .verification import does_not_reproduce, verify_save

COMPARE_FORMAT_VERSION = 1
"""The shape of `compare --format json`; documented in docs/compare-json.md."""


def load_pair(a: str, b: str) -> tuple[LoadedSave, LoadedSave]:
    """Both saves, checked: each loads and reproduces, and both play the same campaign."""
    loaded = []
    for path in (a, b):
        one = load_save(path)
        verification = verify_save(one)
        if not verification.reproduces:
            raise ProblemsFound([
                Problem(path, does_not_reproduce(one, verification)),
                Problem(path, "not compared: a comparison of a save that does not reproduce would compare what the file claims"),
            ])
        loaded.append(one)
    first, second = loaded
    if first.save.campaign_sha256 != second.save.campaign_sha256:
        same_name = first.save.campaign_path == second.save.campaign_path
        what = "another version of the campaign" if same_name else "another campaign"
        raise ProblemsFound([Problem(
            b,
            f"plays {what} ({second.save.campaign_path}, SHA-256 {second.save.campaign_sha256[:12]}…) than {a} "
            f"({first.save.campaign_path}, SHA-256 {first.save.campaign_sha256[:12]}…); compare needs two games of the same campaign",
        )])
    return first, second


def relation(a: LoadedSave, b: LoadedSave) -> str:
    """How the two games are related, in words: a fork of the other, or two games of one campaign."""
    for child, parent, child_name, parent_name in ((b, a, "B", "A"), (a, b, "A", "B")):
        recorded = child.save.settings.parent
        if recorded is None:
            continue
        if recorded.checksum == parent.checksum:
            return f"{child_name} is a fork of {parent_name} from turn {recorded.turn}"
        if Path(recorded.save).name == Path(parent.path).name:
            return (
                f"{child_name} is a fork of {recorded.save} from turn {recorded.turn}, but of another version of it "
                f"(checksum {recorded.checksum[:12]}…, {parent_name} has {parent.checksum[:12]}…)"
            )
    return "two games of the same campaign"


def _order_words(campaign, orders: TeamOrders | None) -> str:
    """A team's orders in one line: its moves by name and target, then what else it sent."""
    if orders is None:
        return "no orders"
    names = campaign.short_names()
    moves = {m.id: m.name for m in campaign.moves}
    parts = []
    for m in orders.moves:
        target = f" → {names.get(m.target, m.target)}" if m.target else ""
        parts.append(f"{moves.get(m.move, m.move)}{target}")
    parts += [f"free-form: {f.action[:60]}" for f in orders.freeform]
    for kind, items in (("message", orders.messages), ("answer", orders.responses), ("vote", orders.votes), ("red line", orders.declarations)):
        if items:
            parts.append(f"{len(items)} {kind}{'' if len(items) == 1 else 's'}")
    return ", ".join(parts) or "nothing"


def divergence(campaign, a: LoadedSave, b: LoadedSave) -> dict | None:
    """The first turn the two games differ, and what differed; None when one holds the other's turns."""
    names = campaign.short_names()
    records_a, records_b = a.save.turns, b.save.turns
    for index, (ra, rb) in enumerate(zip(records_a, records_b)):
        if ra == rb:
            continue
        lines = []
        if a.save.seed != b.save.seed and index == 0:
            lines.append({"what": f"The games have different seeds ({a.save.seed} and {b.save.seed}), so every roll differs"})
        by_team_a = {o.team: o for o in ra.orders}
        by_team_b = {o.team: o for o in rb.orders}
        for t in campaign.teams:
            oa, ob = by_team_a.get(t.id), by_team_b.get(t.id)
            if oa != ob:
                lines.append({"what": f"{names.get(t.id, t.id)} ordered differently", "a": _order_words(campaign, oa), "b": _order_words(campaign, ob)})
        if ra.interventions != rb.interventions:
            lines.append({"what": "The white cell intervened differently", "a": f"{len(ra.interventions)} interventions", "b": f"{len(rb.interventions)} interventions"})
        lines += _first_event_difference(campaign, records_a[:index], ra, rb)
        return {"turn": ra.number, "what": lines}
    return None


def _first_event_difference(campaign, before: tuple[TurnRecord, ...], ra: TurnRecord, rb: TurnRecord) -> list[dict]:
    """The first event of the turn that differs, as the white cell reads each."""
    state = state_after(campaign, before)
    seen = viewpoint(campaign, state, FACILITATOR)
    for k in range(max(len(ra.events), len(rb.events))):
        ea = ra.events[k] if k < len(ra.events) else None
        eb = rb.events[k] if k < len(rb.events) else None
        if ea == eb:
            continue
        words_a = describe(campaign, ea, seen) if ea is not None else "(no more events)"
        words_b = describe(campaign, eb, seen) if eb is not None else "(no more events)"
        if isinstance(ea, ev.MoveResolved) and isinstance(eb, ev.MoveResolved) and (ea.team, ea.move) == (eb.team, eb.move):
            return [{"what": "The first outcome that differs", "a": words_a, "b": words_b}]
        return [{"what": "The first event that differs", "a": words_a, "b": words_b}]
    return []


def build_comparison(a: LoadedSave, b: LoadedSave) -> dict:
    """Everything the comparison shows, as plain values (the JSON)."""
    campaign = a.campaign.campaign
    ra, rb = build_report(a, FACILITATOR), build_report(b, FACILITATOR)
    names = campaign.short_names()

    def game(loaded: LoadedSave, report: dict) -> dict:
        return {
            "path": loaded.path,
            "checksum": loaded.checksum,
            "seed": loaded.save.seed,
            "turns_played": report["turns_played"],
            "played_by": {t["id"]: t["played_by"] for t in report["teams"]},
            "parent": report.get("parent"),
            "ended": report["ended"],
        }

    escalation = []
    for dyad, history_a in ra["escalation"].items():
        x, y = dyad.split("-", 1)
        history_b = rb["escalation"][dyad]
        escalation.append({
            "dyad": dyad, "name": f"{names.get(x, x)}–{names.get(y, y)}", "a": history_a, "b": history_b,
            "differs": any(x != y for x, y in zip(history_a, history_b)),
        })
    met_a = {(o["team"], o["objective"]): o for o in ra["objectives"]}
    met_b = {(o["team"], o["objective"]): o for o in rb["objectives"]}
    objectives = [
        {
            "team": t.id, "objective": o.id, "description": o.description, "points": o.points,
            "a": met_a[(t.id, o.id)]["met"] if (t.id, o.id) in met_a else None,
            "b": met_b[(t.id, o.id)]["met"] if (t.id, o.id) in met_b else None,
        }
        for t in campaign.teams for o in t.objectives
    ]
    return {
        "format_version": COMPARE_FORMAT_VERSION,
        "title": campaign.title,
        "campaign": a.save.campaign_path,
        "campaign_sha256": a.save.campaign_sha256,
        "relation": relation(a, b),
        "a": game(a, ra),
        "b": game(b, rb),
        "teams": [{"id": t.id, "name": t.name, "short": names.get(t.id, t.name)} for t in campaign.teams],
        "rungs": ra["rungs"],
        "diverged": divergence(campaign, a, b),
        "escalation": escalation,
        "scores": [
            {"team": t.id, "a": ra["scores"].get(t.id) if ra["ended"] else None, "b": rb["scores"].get(t.id) if rb["ended"] else None}
            for t in campaign.teams
        ],
        "objectives": objectives,
    }


def _ending(game: dict) -> str:
    ended = game["ended"]
    if not ended:
        return f"not ended ({game['turns_played']} turns played)"
    return f"turn {ended['turn']}: {ended['detail']} ({ended['reason'].replace('_', ' ')})"


def _met(value: bool | None) -> str:
    return "—" if value is None else "yes" if value else "no"


def _points(value: int | None) -> str:
    return "—" if value is None else str(value)


def to_markdown(c: dict) -> str:
    """The comparison as Markdown."""
    names = {t["id"]: t["name"] for t in c["teams"]}
    rung_names = {r["id"]: r["name"] for r in c["rungs"]}
    lines = [f"# Comparison: {c['title']}", ""]
    for key in ("a", "b"):
        g = c["a" if key == "a" else "b"]
        seats = ", ".join(f"{names[t]} ({p})" for t, p in g["played_by"].items())
        lines.append(f"- {key.upper()}: `{g['path']}` — seed {g['seed']}, {g['turns_played']} turns; {seats}")
    lines += [f"- {c['relation'][:1].upper()}{c['relation'][1:]}.", ""]
    lines += ["## Where they diverged", ""]
    if c["diverged"] is None:
        lines.append("They do not differ in any turn both played.")
    else:
        lines.append(f"Turn {c['diverged']['turn']} is the first that differs:")
        lines.append("")
        for item in c["diverged"]["what"]:
            lines.append(f"- {item['what']}")
            lines += [f"  - {key.upper()}: {item[key]}" for key in ("a", "b") if key in item]
    lines += ["", "## How each ended", "", f"- A: {_ending(c['a'])}", f"- B: {_ending(c['b'])}"]
    turns = max(len(d["a"]) for d in c["escalation"]) if c["escalation"] else 1
    header = ["start", *(f"T{n}" for n in range(1, turns))]
    same = [d["name"] for d in c["escalation"] if not d["differs"]]
    lines += ["", "## Escalation by dyad", ""]
    if same:
        lines += [f"The same in both games (as far as both went): {', '.join(same)}.", ""]
    lines += ["Dyads that differ; cells where the games differ are in bold.", ""]
    lines += ["| dyad | game | " + " | ".join(header) + " |", "|---|---|" + "---|" * len(header)]
    for d in (d for d in c["escalation"] if d["differs"]):
        for key in ("a", "b"):
            other = d["b" if key == "a" else "a"]
            cells = []
            for n in range(turns):
                mine = d[key][n] if n < len(d[key]) else None
                theirs = other[n] if n < len(other) else None
                text = rung_names[mine] if mine else "—"
                cells.append(f"**{text}**" if mine and theirs and mine != theirs else text)
            lines.append(f"| {d['name'] if key == 'a' else ''} | {key.upper()} | " + " | ".join(cells) + " |")
    lines += ["", "## Scores and objectives", "", "| team | A | B |", "|---|---|---|"]
    lines += [f"| {names[s['team']]} | {_points(s['a'])} | {_points(s['b'])} |" for s in c["scores"]]
    lines += ["", "| team | objective | points | met in A | met in B |", "|---|---|---|---|---|"]
    for o in c["objectives"]:
        mark = " (differs)" if o["a"] != o["b"] else ""
        lines.append(f"| {names[o['team']]} | {o['description']}{mark} | {o['points']} | {_met(o['a'])} | {_met(o['b'])} |")
    return "\n".join(lines) + "\n"


def to_html(c: dict) -> str:
    """The comparison as one offline HTML page, in the after-action report's style."""
    from .html_report import STYLE, _team_colours, e

    names = {t["id"]: t["name"] for t in c["teams"]}
    colours = _team_colours(c["teams"])
    rung_names = {r["id"]: r["name"] for r in c["rungs"]}
    games = "".join(
        f"<dt>{key.upper()}</dt><dd><code>{e(c[key]['path'])}</code> <span class=\"muted\">seed {e(c[key]['seed'])}, "
        f"{c[key]['turns_played']} turns; "
        + ", ".join(f"{e(names[t])} ({e(p)})" for t, p in c[key]["played_by"].items())
        + "</span></dd>"
        for key in ("a", "b")
    )
    if c["diverged"] is None:
        diverged = "<p>They do not differ in any turn both played.</p>"
    else:
        items = "".join(
            f"<li>{e(item['what'])}"
            + ("<ul>" + "".join(f"<li><b>{key.upper()}</b>: {e(item[key])}</li>" for key in ("a", "b") if key in item) + "</ul>" if "a" in item else "")
            + "</li>"
            for item in c["diverged"]["what"]
        )
        diverged = f'<p>Turn {c["diverged"]["turn"]} is the first that differs:</p><ul>{items}</ul>'
    endings = f"<ul><li>A: {e(_ending(c['a']))}</li><li>B: {e(_ending(c['b']))}</li></ul>"
    turns = max(len(d["a"]) for d in c["escalation"]) if c["escalation"] else 1
    head = "".join(f"<th>{'start' if n == 0 else f'T{n}'}</th>" for n in range(turns))
    rows = []
    for d in (d for d in c["escalation"] if d["differs"]):
        for key in ("a", "b"):
            other = d["b" if key == "a" else "a"]
            cells = []
            for n in range(turns):
                mine = d[key][n] if n < len(d[key]) else None
                theirs = other[n] if n < len(other) else None
                style = ' style="font-weight:bold;background:#fde8d8"' if mine and theirs and mine != theirs else ""
                cells.append(f"<td{style}>{e(rung_names[mine]) if mine else '—'}</td>")
            label = f'<th rowspan="2">{e(d["name"])}</th>' if key == "a" else ""
            rows.append(f"<tr>{label}<td>{key.upper()}</td>{''.join(cells)}</tr>")
    same = [d["name"] for d in c["escalation"] if not d["differs"]]
    escalation = (
        (f"<p>The same in both games (as far as both went): {e(', '.join(same))}.</p>" if same else "")
        + '<p class="muted">Dyads that differ; cells where the games differ are shaded.</p><div style="overflow-x:auto"><table style="font-size:0.85em">'
        f"<thead><tr><th>dyad</th><th>game</th>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
    )
    scores = "".join(
        f'<tr><td><span class="chip" style="background:{colours[s["team"]]}"></span>{e(names[s["team"]])}</td>'
        f"<td>{_points(s['a'])}</td><td>{_points(s['b'])}</td></tr>"
        for s in c["scores"]
    )
    bold = ' style="font-weight:bold"'
    objectives = "".join(
        f"<tr><td>{e(names[o['team']])}</td><td>{e(o['description'])}</td><td>{o['points']}</td>"
        f"<td{bold if o['a'] != o['b'] else ''}>{_met(o['a'])}</td>"
        f"<td{bold if o['a'] != o['b'] else ''}>{_met(o['b'])}</td></tr>"
        for o in c["objectives"]
    )
    sections = [
        ("diverged", "Where they diverged", diverged),
        ("endings", "How each ended", endings),
        ("escalation", "Escalation by dyad", escalation),
        (
            "scores", "Scores and objectives",
            f"<table><thead><tr><th>team</th><th>A</th><th>B</th></tr></thead><tbody>{scores}</tbody></table>"
            "<table><thead><tr><th>team</th><th>objective</th><th>points</th><th>met in A</th><th>met in B</th></tr></thead>"
            f"<tbody>{objectives}</tbody></table>",
        ),
    ]
    nav = "".join(f'<a href="#{sid}">{e(title)}</a>' for sid, title, _ in sections)
    body = "".join(f'<section id="{sid}"><h2>{e(title)}</h2>{html}</section>' for sid, title, html in sections)
    relation_text = c["relation"][:1].upper() + c["relation"][1:] + "."
    return (
        "<!doctype html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{e('Comparison: ' + c['title'])}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n"
        f'<header><p class="kicker">Comparison of two games</p><h1>{e(c["title"])}</h1>'
        f'<dl class="meta">{games}<dt>Relation</dt><dd>{e(relation_text)}</dd></dl><nav>{nav}</nav></header>\n'
        f"{body}\n<footer>Generated by wargame from the two saved games, both re-adjudicated first.</footer>\n"
        "</main>\n</body>\n</html>\n"
    )
