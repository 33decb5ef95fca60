"""Team packs and the white-cell sheet: a campaign as printable HTML handouts, written before turn 1.

A team's pack is built from that team's view of the campaign at the start (`core.views.team_view`
and `core.views.options` on the initial state), never from the campaign filtered afterwards: what
the team may not know at the table (another team's briefing, objectives, ready-made red lines,
doctrine, a track its intelligence does not reveal, a chance resting on one) has no path into its
page. Chances are shown as the campaign's `rules.show_odds` says. The white-cell sheet is written
for the facilitator and shows everything, with injects, objectives and exact chances.
"""

from __future__ import annotations

import re
from pathlib import Path

from .campaign.loader import LoadedCampaign
from .core import perception
from .core.model import Campaign, Condition, Team
from .core.narrative import odds_in_words, percent, track_name, treaty_name, unwrap
from .core.rules import INTEL_REVEALS_TRACKS, refusal, success_chance
from .core.state import initial_state
from .core.views import dyads, options, team_view
from .persistence.html_report import STYLE, e

PACK_STYLE = """
.pack main { max-width: 1000px; }
.pack code { font-size: .8em; color: var(--muted); }
.pack .confidential { display: inline-block; margin: .3em 0; padding: .15em .6em; border: 2px solid var(--escalation);
  border-radius: 6px; color: var(--escalation); font-weight: 800; letter-spacing: .05em; text-transform: uppercase; font-size: .9rem; }
.pack .prose { max-width: 44em; }
.pack .prose h1 { font-size: 1.4rem; margin: .8em 0 .3em; }
.pack .prose h2 { font-size: 1.2rem; border: 0; margin: 1em 0 .3em; padding: 0; }
.pack .prose h3 { font-size: 1.05rem; }
.pack td.move { width: 34%; }
.pack td.chance { min-width: 14em; }
.pack ul.targets { list-style: none; margin: 0; padding: 0; }
.pack ul.targets li { margin: 0 0 .15em; }
.pack .barred { color: var(--muted); }
.pack .firebreak td { border-top: 3px solid var(--escalation); }
.pack .firebreak td:first-child::before { content: "▲ "; color: var(--escalation); }
.pack .terminal td { background: var(--escalation-bg); font-weight: 700; }
.pack .you { background: var(--alliance-bg); }
.pack .team-sheet { break-before: page; page-break-before: always; }
.pack .links li { margin: .4em 0; font-size: 1.1rem; }
@page { margin: 16mm 14mm; }
@media print {
  html { font-size: 10pt; }
  .pack main { max-width: none; }
  .pack th, .pack td { padding: .25em .45em; }
  .pack h2 { margin-top: 1.2em; }
  .pack section.sheet-part { break-inside: auto; }
  .pack .prose, .pack table { break-inside: auto; }
  .pack thead { display: table-header-group; }
}
"""
"""Additions to the report's style for handouts: margins that fit both A4 and Letter (16 mm top and
bottom, 14 mm at the sides), a page break before each team on the white-cell sheet, table headers
repeated on each printed page."""


class PackError(Exception):
    """The pack cannot be written where asked (a file in the way, a folder that cannot be made)."""

    def __init__(self, path: str, message: str):
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message


def _markdown(text: str) -> str:
    """A briefing's Markdown as HTML; raw HTML in it is shown as text, never run."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False}).render(text)


def _prose(text: str, fallback: str) -> str:
    return f'<div class="prose">{_markdown(text) if text.strip() else f"<p class=muted>{e(fallback)}</p>"}</div>'


def _value(v: float) -> str:
    return f"{v:g}"


def file_name(team_id: str) -> str:
    """The file a team's pack is written to: `team-ID.html`, with anything odd in the id made safe."""
    return f"team-{re.sub(r'[^A-Za-z0-9_-]+', '_', team_id)}.html"


def _page(title: str, kicker: str, head: str, body: str) -> str:
    return (
        "<!doctype html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{e(title)}</title>\n<style>{STYLE}{PACK_STYLE}</style>\n</head>\n"
        f'<body class="pack">\n<main>\n<header><p class="kicker">{e(kicker)}</p>{head}</header>\n{body}\n'
        "<footer>Written by wargame pack from the campaign before turn 1.</footer>\n</main>\n</body>\n</html>\n"
    )


def _section(sid: str, title: str, html: str, extra: str = "") -> str:
    return f'<section id="{sid}" class="sheet-part{extra}"><h2>{e(title)}</h2>{html}</section>'


def _table(headers: list[str], rows: list[str], numeric: frozenset[int] = frozenset()) -> str:
    heads = "".join(f'<th{" class=num" if i in numeric else ""}>{e(h)}</th>' for i, h in enumerate(headers))
    return f"<table><thead><tr>{heads}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


# -- words for the campaign's structures -----------------------------------------------------------


def _rung_name(c: Campaign, rung_id: str | None) -> str:
    return next((r.name for r in c.rungs if r.id == rung_id), rung_id or "")


def condition_text(c: Campaign, cond: Condition) -> str:
    """A condition in words, for the white cell ("Meridia's Domestic support at least 0.6 and …")."""
    names = {t.id: t.name for t in c.teams}
    parts: list[str] = []
    if cond.turn_at_least is not None:
        parts.append(f"from turn {cond.turn_at_least}")
    if cond.crisis_at_least:
        parts.append(f"the crisis at or above {_rung_name(c, cond.crisis_at_least)}")
    if cond.crisis_at_most:
        parts.append(f"the crisis at or below {_rung_name(c, cond.crisis_at_most)}")
    if cond.dyad:
        pair = "–".join(names.get(t, t) for t in cond.dyad)
        if cond.rung_at_least:
            parts.append(f"{pair} at or above {_rung_name(c, cond.rung_at_least)}")
        if cond.rung_at_most:
            parts.append(f"{pair} at or below {_rung_name(c, cond.rung_at_most)}")
    if cond.track:
        whose = f"{names.get(cond.team, cond.team)}'s " if cond.team else ""
        if cond.at_least is not None:
            parts.append(f"{whose}{track_name(c, cond.track).lower()} at least {cond.at_least:g}")
        if cond.at_most is not None:
            parts.append(f"{whose}{track_name(c, cond.track).lower()} at most {cond.at_most:g}")
    if cond.treaty_honoured:
        parts.append(f"{treaty_name(c, cond.treaty_honoured)} honoured")
    if cond.treaty_breached:
        parts.append(f"{treaty_name(c, cond.treaty_breached)} breached")
    if cond.channel:
        name = next((ch.name for ch in c.channels if ch.id == cond.channel), cond.channel)
        parts.append(f"{name} {cond.channel_status or 'in that state'}")
    if cond.ended_by:
        parts.append(f"the game ended by {cond.ended_by.replace('_', ' ')}")
    if cond.not_ended_by:
        parts.append(f"the game not ended by {cond.not_ended_by.replace('_', ' ')}")
    if cond.any:
        parts.append("either " + " or ".join(f"({condition_text(c, x)})" for x in cond.any))
    if cond.not_ is not None:
        parts.append(f"not ({condition_text(c, cond.not_)})")
    return " and ".join(parts) or "always"


def _deltas(c: Campaign, deltas: dict[str, float]) -> str:
    return ", ".join(f"{track_name(c, k).lower()} {v:+g}" for k, v in deltas.items()) or "nothing"


def _treaty_terms(c: Campaign, treaty, names: dict[str, str]) -> str:
    trig = treaty.trigger
    at = f" at or above {_rung_name(c, trig.min_rung)}" if trig.min_rung else ""
    ob = treaty.obligation
    items = [
        f"<li><strong>Triggered by</strong> a move tagged <code>{e(trig.tag)}</code> by a non-member against a member{e(at)}.</li>",
        f"<li><strong>Then each other member owes</strong> a move tagged <code>{e(ob.tag)}</code> within "
        f"{ob.within} turn{'s' if ob.within != 1 else ''}"
        f"{' (members decide together first: silence is consent)' if treaty.decision == 'consensus' else ''}.</li>",
        f"<li><strong>Honour:</strong> {e(_deltas(c, treaty.honour))}; <strong>breach:</strong> {e(_deltas(c, treaty.breach))}.</li>",
    ]
    if treaty.decision == "consensus":
        items.append(f"<li><strong>A block</strong> by any member splits the alliance in public: {e(_deltas(c, treaty.split))} for every member.</li>")
    if treaty.burden_sharing:
        b = treaty.burden_sharing
        items.append(
            f"<li><strong>Burden sharing:</strong> each member keeps its {e(track_name(c, b.track).lower())} at "
            f"{b.at_least:g} or more; a shortfall costs {e(_deltas(c, b.shortfall))}.</li>"
        )
    if treaty.provisions:
        items.append(f"<li><strong>Provisions:</strong> {e(', '.join(p.replace('_', ' ') for p in treaty.provisions))}.</li>")
    if treaty.caveats:
        for member, tags in treaty.caveats.items():
            items.append(f"<li><strong>Caveat</strong> of {e(names.get(member, member))}: its moves tagged {e(' or '.join(tags))} do not meet its obligations.</li>")
    desc = f"<p>{e(unwrap(treaty.description))}</p>" if treaty.description else ""
    members = ", ".join(names.get(m, m) for m in treaty.members)
    return f"<h3>{e(treaty.name)}</h3><p class=muted>Members: {e(members)}</p>{desc}<ul>{''.join(items)}</ul>"


def _channel_rows(c: Campaign, channels, names: dict[str, str], status_of) -> list[str]:
    return [
        f"<tr><td><strong>{e(ch.name)}</strong></td><td>{e(ch.kind)}</td>"
        f"<td>{e(', '.join(names.get(m, m) for m in ch.members))}</td>"
        f'<td><span class="status {e(status_of(ch))}">{e(status_of(ch))}</span></td>'
        f"<td class=num>{percent(ch.reliability)}</td><td class=num>{ch.latency}</td></tr>"
        for ch in channels
    ]


CHANNEL_HEADERS = ["channel", "kind", "members", "status", "reliability", "latency (turns)"]


def _ladder(c: Campaign, dyads, names: dict[str, str], team: str = "") -> str:
    starts: dict[str, list[str]] = {}
    for d in dyads:
        pair = "–".join(names.get(t, t) for t in d.teams)
        spread = f" (± {d.spread})" if getattr(d, "spread", 0) else ""
        starts.setdefault(d.rung, []).append(f'<span class="{"you" if team in d.teams else ""}">{e(pair)}{e(spread)}</span>')
    rows = []
    for i, r in enumerate(c.rungs):
        marks = []
        if r.firebreak:
            marks.append(f"firebreak: {r.threshold or r.name}")
        elif r.threshold:
            marks.append(f"threshold: {r.threshold}")
        if r.terminal:
            marks.append("terminal: the game ends here")
        cls = " ".join(x for x in ("firebreak" if r.firebreak else "", "terminal" if r.terminal else "") if x)
        rows.append(
            f'<tr class="{cls}"><td class=num>{i}</td><td><strong>{e(r.name)}</strong>'
            f'<span class="traffic">{e(unwrap(r.description))}</span></td><td>{e(r.band)}</td>'
            f"<td>{e('; '.join(marks))}</td><td>{', '.join(starts.get(r.id, []))}</td></tr>"
        )
    return (
        "<p>The ladder is public. A firebreak (▲) is crossed only by a move that says it crosses it; "
        "a terminal rung ends the game.</p>"
        + _table(["#", "rung", "band", "marks", "pairs here at the start"], rows, frozenset({0}))
    )


def _move_meta(c: Campaign, move) -> str:
    bits = [move.visibility]
    if move.crosses_firebreak or move.crosses:
        crossed = ", ".join(next((r.threshold or r.name for r in c.rungs if r.id == x), x) for x in move.crosses)
        bits.append(f"crosses {crossed or 'a firebreak'}")
    if move.tags:
        bits.append("tags: " + ", ".join(t.replace("_", " ") for t in move.tags))
    return " · ".join(bits)


# -- a team's pack ---------------------------------------------------------------------------------


def _odds_note(c: Campaign) -> str:
    shown = c.rules.show_odds
    if shown == "exact":
        return "<p>Chances are shown as percentages, worked out from the tracks at the start; they change as the game goes on.</p>"
    if shown == "words":
        scale = ", ".join(f"{w.word} (about {percent(w.chance)})" for w in c.rules.estimative_scale)
        return f"<p>Chances are given in words, as the white cell will give them: {e(scale)}.</p>"
    return "<p>The white cell does not show chances in this campaign: weigh your moves by their descriptions.</p>"


def _option_text(o, names: dict[str, str]) -> str:
    if o.refusal:
        return f'<span class="barred">not at the start: {e(o.refusal)}</span>'
    if o.odds:
        return e(o.odds)
    if o.chance < 0:
        return f'<span class="barred">not known: rests on {e(", ".join(o.unknown))}</span>'
    chance = ("≈" if o.estimated else "") + percent(o.chance)
    terms = ", ".join(f"{t.label} {t.value:+.2f}" for t in o.terms)
    return f"<strong>{e(chance)}</strong>" + (f' <span class="muted">({e(terms)})</span>' if terms else "")


def _moves_for_team(c: Campaign, team: str, opts, names: dict[str, str]) -> str:
    by_move: dict[str, list] = {}
    for o in opts:
        by_move.setdefault(o.move, []).append(o)
    rows = []
    for move in c.moves:
        if move.teams and team not in move.teams:
            continue  # another team's own move: not in this team's catalogue at the table
        found = by_move.get(move.id, [])
        targets = "".join(
            f"<li>{e(names.get(o.target, o.target) + ('–' + names.get(o.dyad_with, o.dyad_with) if o.dyad_with else '')) + ': ' if o.target else ''}"
            f"{_option_text(o, names)}</li>"
            for o in found
        )
        desc = f'<span class="traffic">{e(unwrap(move.description))}</span>' if move.description else ""
        rows.append(
            f"<tr><td class=move><strong>{e(move.name)}</strong>{desc}<span class=traffic>{e(_move_meta(c, move))}</span></td>"
            f"<td>{e(move.category)}</td><td class=num>{move.cost}</td><td class=chance><ul class=targets>{targets}</ul></td></tr>"
        )
    return _odds_note(c) + _table(["move", "category", "cost", "target and chance at the start"], rows, frozenset({2}))


def _doctrine(c: Campaign, team: Team) -> str:
    """What a human playing this team may use of its doctrine: the posture, not the bot's weights."""
    d = team.doctrine
    if d is None:
        return ""
    lines = []
    if d.max_rung:
        lines.append(f"Do not go above {_rung_name(c, d.max_rung)} by choice.")
    if d.propose_at:
        lines.append(f"Propose a stand-down once a pair reaches {_rung_name(c, d.propose_at)}.")
    lines.append({"always": "Accept every proposal.", "never": "Refuse every proposal.",
                  "reciprocal": "Accept a proposal from a side that has not escalated against you."}[d.accept])
    if d.settle_after:
        lines.append(f"Seek a settlement after {d.settle_after} turns of crisis.")
    if d.mediate_at:
        lines.append(f"Offer mediation once a pair reaches {_rung_name(c, d.mediate_at)}.")
    if d.declare_at:
        lines.append(f"Declare a red line once a pair reaches {_rung_name(c, d.declare_at)}.")
    if d.obligation > 0:
        lines.append("Honour treaty obligations.")
    return "<p>The posture the campaign's author wrote for this team (its bot plays it so):</p><ul>" + "".join(
        f"<li>{e(x)}</li>" for x in lines
    ) + "</ul>"


def team_pack(c: Campaign, team_id: str) -> str:
    """The handout of one team, written from its view of the campaign before turn 1."""
    state = initial_state(c)
    view = team_view(c, state, (), team_id)
    opts = options(c, state, team_id)
    team = c.team(team_id)
    names = {t.id: t.name for t in c.teams}
    sections = [
        ("situation", "The situation", _prose(c.briefing or c.summary, "No general briefing.")),
        ("briefing", "Your briefing", _prose(team.briefing, "No team briefing.")),
    ]
    if team.objectives:
        sections.append(("objectives", "Your objectives", "<ul>" + "".join(
            f"<li><strong>{o.points} point{'s' if o.points != 1 else ''}</strong> — {e(unwrap(o.description))}</li>"
            for o in team.objectives) + "</ul>"))
    described = {t.id: t.description for t in c.tracks}
    rows = [
        f"<tr><td>{e(track_name(c, k))}<span class=traffic>{e(unwrap(described.get(k, '')))}</span></td><td class=num>{_value(v)}</td></tr>"
        for k, v in view.tracks.items()
    ]
    tracks = (
        f"<p>Budget per turn: <strong>{view.budget}</strong> (your resources).</p>"
        + _table(["track", "at the start"], rows, frozenset({1}))
    )
    others = []
    for other, known in view.intel.items():
        shown = "; ".join(f"{track_name(c, k).lower()} {_value(v)}" for k, v in known.items())
        others.append(f"<tr><td>{e(names[other])}</td><td>{e(shown)}</td></tr>")
    if perception.active(c):
        reach = ("Credibility is public. Of the other tracks you hold estimates, each with its error, "
                 "once your intelligence reports after the first turn.")
    elif view.intel_level >= INTEL_REVEALS_TRACKS:
        reach = "Your intelligence reveals the other teams' tracks."
    else:
        reach = "Credibility is public; your intelligence does not reveal the other teams' other tracks."
    tracks += f"<h3>The other teams, as you know them</h3><p>{e(reach)}</p>" + _table(["team", "what you know"], others)
    sections += [
        ("tracks", "Your tracks", tracks),
        ("ladder", "The escalation ladder", _ladder(c, view.dyads, names, team_id)),
        ("moves", "Your moves", _moves_for_team(c, team_id, opts, names)),
    ]
    if view.treaties:
        sections.append(("treaties", "Your treaties", "".join(
            _treaty_terms(c, c.treaties[[t.id for t in c.treaties].index(t.id)], names) for t in view.treaties)))
    if view.channels:
        states = {ch.id: ch.status for ch in view.channels}
        chans = [ch for ch in c.channels if ch.id in states]
        sections.append(("channels", "Your channels", _table(
            CHANNEL_HEADERS, _channel_rows(c, chans, names, lambda ch: states[ch.id]), frozenset({4, 5}))))
    if view.offers or view.compose_red_lines:
        items = "".join(
            f"<li><strong>{e(o.text)}</strong><br>crossed when {e(o.condition)}; enforced by {e(o.enforce)} "
            f"within {o.within} turn{'s' if o.within != 1 else ''}.</li>"
            for o in view.offers
        )
        compose = "<p>You may also compose a red line of your own.</p>" if view.compose_red_lines else ""
        sections.append(("red-lines", "Red lines you may declare", f"<ul>{items}</ul>{compose}" if items else compose))
    doctrine = _doctrine(c, team)
    if doctrine:
        sections.append(("doctrine", "Your doctrine", doctrine))
    nav = "".join(f'<a href="#{sid}">{e(title)}</a>' for sid, title, _ in sections)
    head = (
        f"<h1>{e(team.name)}</h1><p class=confidential>For {e(team.name)} only</p>"
        f'<dl class="meta"><dt>Campaign</dt><dd>{e(c.title)}</dd><dt>Turns</dt><dd>{c.turns}</dd>'
        f"<dt>Teams</dt><dd>{e(', '.join(t.name for t in c.teams))}</dd></dl><nav>{nav}</nav>"
    )
    body = "".join(_section(sid, title, html) for sid, title, html in sections)
    return _page(f"{team.name} — team pack: {c.title}", "Team pack", head, body)


# -- the white cell's sheet ------------------------------------------------------------------------


def _white_cell_moves(c: Campaign, state, team: str, names: dict[str, str]) -> str:
    rows = []
    others = [t.id for t in c.teams if t.id != team]
    for move in c.moves:
        if move.teams and team not in move.teams:
            continue
        if move.target == "dyad":
            targets = [(a, b) for i, a in enumerate(others) for b in others[i + 1:]
                       if not move.targets or {a, b} <= set(move.targets)]
        elif move.target == "none":
            targets = [(None, None)]
        else:
            targets = [(o, None) for o in others]
        cells = []
        for target, with_ in targets:
            label = ("–".join(names[x] for x in (target, with_) if x) + ": ") if target else ""
            why = refusal(c, state, team, move, target, with_)
            if why:
                cells.append(f'<li>{e(label)}<span class="barred">not at the start: {e(why)}</span></li>')
                continue
            chance, terms = success_chance(c, state, team, move, target)
            words = f" ({odds_in_words(c, chance)})" if c.rules.show_odds != "exact" else ""
            shown = ", ".join(f"{t.label} {t.value:+.2f}" for t in terms)
            cells.append(f"<li>{e(label)}<strong>{percent(chance)}</strong>{e(words)}"
                         + (f' <span class="muted">({e(shown)})</span>' if shown else "") + "</li>")
        desc = f'<span class="traffic">{e(unwrap(move.description))}</span>' if move.description else ""
        rows.append(
            f"<tr><td class=move><strong>{e(move.name)}</strong> <code>{e(move.id)}</code>{desc}<span class=traffic>{e(_move_meta(c, move))}</span></td>"
            f"<td>{e(move.category)}</td><td class=num>{move.cost}</td><td class=chance><ul class=targets>{''.join(cells)}</ul></td></tr>"
        )
    return _table(["move", "category", "cost", "target and chance at the start"], rows, frozenset({2}))


def _inject_effects(c: Campaign, inj, names: dict[str, str]) -> str:
    fx = inj.effects
    parts = [f"{names.get(d.team, d.team)}'s {track_name(c, d.track).lower()} {d.delta:+g}" for d in fx.tracks]
    for s in fx.escalation:
        pair = "–".join(names.get(t, t) for t in s.dyad)
        if s.delta:
            parts.append(f"{pair} {s.delta:+d} rung{'s' if abs(s.delta) != 1 else ''}")
        if s.rung_at_least:
            parts.append(f"{pair} at least {_rung_name(c, s.rung_at_least)}")
    if fx.channel:
        name = next((ch.name for ch in c.channels if ch.id == fx.channel), fx.channel)
        parts.append(f"{name} {fx.channel_status or ''}".strip())
    return "; ".join(parts) or "none (news only)"


def white_cell_sheet(c: Campaign) -> str:
    """Everything in the campaign, for the facilitator: every team's briefing, tracks, objectives,
    doctrine and moves with exact chances, the injects and the rules."""
    state = initial_state(c)
    names = {t.id: t.name for t in c.teams}
    r = c.rules
    rules = [
        ("Odds shown to teams", r.show_odds),
        ("Stepping down", "takes both sides" if r.de_escalation == "takes_two" else "either side alone"),
        ("Ends by calm", f"{r.calm_turns} turns at or below {_rung_name(c, r.calm_rung)}" if r.calm_rung else "no"),
        ("Ends on a settlement", "yes" if r.end_on_settlement else "no"),
        ("Accidents", f"base {r.accident_base:g}, per rung {r.accident_per_rung:g}, after an escalation {r.accident_after_escalation:g}"),
        ("Beliefs (intelligence noise)", f"{r.intel_noise:g}" if r.intel_noise else "off: teams read the ladder as it is"),
    ]
    rules_html = '<dl class="meta">' + "".join(f"<dt>{e(k)}</dt><dd>{e(v)}</dd>" for k, v in rules) + "</dl>"
    all_tracks = ["resources", "readiness", "credibility", "support", "intelligence", *[t.id for t in c.tracks]]
    track_rows = [
        f"<tr><td>{e(t.name)}</td>" + "".join(f"<td class=num>{_value(state.tracks[t.id].get(k, 0))}</td>" for k in all_tracks)
        + f"<td>{e(t.persona)}{' · neutral' if t.neutral else ''}</td></tr>"
        for t in c.teams
    ]
    sections = [
        ("situation", "The situation (read to every team)", _prose(c.briefing or c.summary, "No general briefing.")),
        ("rules", "Rules", rules_html),
        ("tracks", "Every team's tracks at the start", _table(
            ["team", *[track_name(c, k) for k in all_tracks], "bot persona"], track_rows,
            frozenset(range(1, len(all_tracks) + 1)))),
        ("ladder", "The escalation ladder", _ladder(c, dyads(c, state), names)),
    ]
    if c.interoperability:
        sections.append(("interop", "Interoperability", "<ul>" + "".join(
            f"<li>{e('–'.join(names.get(t, t) for t in i.teams))}: {_value(i.value)}</li>" for i in c.interoperability) + "</ul>"))
    if c.channels:
        sections.append(("channels", "Channels", _table(
            CHANNEL_HEADERS, _channel_rows(c, c.channels, names, lambda ch: state.channels[ch.id]), frozenset({4, 5}))))
    if c.treaties:
        sections.append(("treaties", "Treaties", "".join(_treaty_terms(c, t, names) for t in c.treaties)))
    if c.injects:
        rows = [
            f"<tr><td><strong>{e(i.name)}</strong> <code>{e(i.id)}</code><span class=traffic>{e(unwrap(i.text))}</span></td>"
            f"<td>{e(f'turn {i.turn}' if i.turn is not None else '')}{e(' · when ' + condition_text(c, i.when) if i.when else '')}</td>"
            f"<td>{e(_inject_effects(c, i, names))}</td></tr>"
            for i in c.injects
        ]
        sections.append(("injects", "Injects", _table(["inject", "fires", "effects"], rows)))
    for t in c.teams:
        objectives = "".join(
            f"<li><strong>{o.points} point{'s' if o.points != 1 else ''}</strong> — {e(unwrap(o.description))}"
            f'<br><span class="muted">met when {e(condition_text(c, o.condition))}</span></li>'
            for o in t.objectives
        )
        lines = "".join(
            f"<li><strong>{e(x.text)}</strong> <code>{e(x.id)}</code> — crossed when {e(condition_text(c, x.condition))}; "
            f"enforced within {x.within} turn{'s' if x.within != 1 else ''}; a bluff costs {e(_deltas(c, x.audience_cost))}</li>"
            for x in t.red_lines
        )
        part = (
            f"<h3>Briefing</h3>{_prose(t.briefing, 'No team briefing.')}"
            + (f"<h3>Objectives</h3><ul>{objectives}</ul>" if objectives else "<p class=muted>No objectives.</p>")
            + (f"<h3>Red lines it may declare</h3><ul>{lines}</ul>" if lines else "")
            + (f"<h3>Doctrine</h3>{_doctrine(c, t)}" if t.doctrine else "")
            + f"<h3>Moves, with exact chances at the start</h3>{_white_cell_moves(c, state, t.id, names)}"
        )
        sections.append((f"team-{t.id}", t.name, f'<div class="team-sheet-body">{part}</div>'))
    nav = "".join(f'<a href="#{sid}">{e(title)}</a>' for sid, title, _ in sections)
    head = (
        f"<h1>{e(c.title)}</h1><p class=confidential>White cell only</p>"
        f'<dl class="meta"><dt>Turns</dt><dd>{c.turns}</dd><dt>Teams</dt><dd>{e(", ".join(names.values()))}</dd></dl><nav>{nav}</nav>'
    )
    team_ids = {f"team-{t.id}" for t in c.teams}
    body = "".join(_section(sid, title, html, " team-sheet" if sid in team_ids else "") for sid, title, html in sections)
    return _page(f"White-cell sheet: {c.title}", "White-cell sheet", head, body)


def index_page(c: Campaign) -> str:
    """The pack's first page: which file goes to whom."""
    links = "".join(
        f'<li><a href="{e(file_name(t.id))}">{e(t.name)}</a> <span class="muted">— give only to {e(t.name)}</span></li>'
        for t in c.teams
    )
    body = _section("files", "Handouts", (
        "<p>Print each team's pack and hand it to that team only: it holds its briefing and objectives, "
        "and what it knows at the start. The white-cell sheet holds everything.</p>"
        f'<ul class="links">{links}<li><a href="white-cell.html">White-cell sheet</a> '
        '<span class="muted">— facilitator only</span></li></ul>'
    ))
    summary = f"<p>{e(unwrap(c.summary))}</p>" if c.summary else ""
    return _page(f"Handouts: {c.title}", "Handouts", f"<h1>{e(c.title)}</h1>{summary}", body)


def pack_files(c: Campaign) -> dict[str, str]:
    """Every file of the pack, by name: `index.html`, `white-cell.html` and one `team-ID.html` a team."""
    files = {"index.html": index_page(c), "white-cell.html": white_cell_sheet(c)}
    for t in c.teams:
        files[file_name(t.id)] = team_pack(c, t.id)
    return files


def write_pack(loaded: LoadedCampaign, out: str, force: bool = False) -> list[Path]:
    """Write the pack into the folder `out` (made if missing); refuses to overwrite files unless `force`."""
    from .persistence.saves import atomic_write

    folder = Path(out)
    if folder.exists() and not folder.is_dir():
        raise PackError(out, f"is a file; give -o a folder for the handouts, such as packs/{Path(loaded.path).stem}")
    files = pack_files(loaded.campaign)
    there = [name for name in files if (folder / name).exists()]
    if there and not force:
        raise PackError(
            str(folder / there[0]), f"already exists; choose another folder, or pass --force to overwrite the "
            f"{len(there)} handout file{'s' if len(there) != 1 else ''} already there"
        )
    try:
        folder.mkdir(parents=True, exist_ok=True)
        written = []
        for name, text in files.items():
            atomic_write(str(folder / name), text, backups=0)
            written.append(folder / name)
    except OSError as exc:
        raise PackError(str(exc.filename or out), f"cannot write: {exc.strerror or exc}") from None
    return written
