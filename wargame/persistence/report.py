"""The after-action report of a saved game, as JSON-ready data or Markdown, for one viewer."""

from __future__ import annotations

from ..converter import converter
from ..core import events as ev
from ..core.narrative import BUILTIN_TRACK_NAMES, PUBLIC_TRACKS
from ..core.orders import RULING_NAMES
from ..core.replay import escalation_history
from ..core.state import apply_all, initial_state
from ..core.views import FACILITATOR, Seen, seen
from .saves import LoadedSave

TRACK_LABELS = {**BUILTIN_TRACK_NAMES, "resources": "Resources / turn"}

_TREATY_EVENTS = {
    ev.TreatyTriggered: "triggered",
    ev.ConsultationHeld: "consultations",
    ev.BurdenShortfall: "shortfalls",
}
TREATY_COLUMNS = ("triggered", "consultations", "honoured", "breached", "shortfalls")


def _event(line: Seen) -> dict:
    """An event for the report as the viewer learnt it: its sentence, what of its data the viewer may
    know (`views.as_known`), its tone, whether it was public and who could see it.

    Messages and injects carry a `text` of their own; it moves to `body` so it cannot hide the sentence.
    """
    e = line.event
    data = converter.unstructure(e, ev.AnyEvent) if e is not None else {"turn": line.turn, "kind": line.kind}
    if "text" in data:
        data["body"] = data.pop("text")
    out = {"text": line.text, **data, "tone": line.tone, "public": line.public}
    if e is not None:
        out["audience"] = list(e.audience)
    return out


_TREATY_KINDS = {k.KIND: column for k, column in _TREATY_EVENTS.items()}


def _treaty_column(line: Seen) -> str | None:
    if line.kind == ev.ObligationSettled.KIND:
        return "honoured" if line.event.honoured else "breached"
    return _TREATY_KINDS.get(line.kind)


def _treaty_of(campaign, line: Seen) -> str:
    """The treaty an alliance event is about; a shortfall whose value is hidden names it in words."""
    if line.event is not None:
        return line.event.treaty
    return next((t.id for t in campaign.treaties if f"under {t.name}:" in line.text), "")


def build_report(loaded: LoadedSave, viewer: str = FACILITATOR) -> dict:
    """Everything `viewer` may know of the game: the facilitator sees all, a team its own view."""
    c = loaded.campaign.campaign
    save = loaded.save
    ids = [t.id for t in c.teams]
    state = initial_state(c)
    escalation = escalation_history(c, save.turns)
    # A team follows its own tracks and the public ones of the others; the facilitator, all of them.
    followed = {
        t: [k for k in c.track_names() if viewer in (FACILITATOR, t) or k in PUBLIC_TRACKS] for t in ids
    }
    tracks = {t: {k: [state.tracks[t][k]] for k in followed[t]} for t in ids}
    on = [ch for ch in c.channels if viewer == FACILITATOR or viewer in ch.members]
    channels = {
        ch.id: {
            "id": ch.id, "name": ch.name, "kind": ch.kind, "members": list(ch.members),
            "status": [state.channels[ch.id]], "traffic": [], "changes": [],
        }
        for ch in on
    }
    treaties = {
        t.id: {
            "id": t.id, "name": t.name, "members": list(t.members),
            "trigger": {"tag": t.trigger.tag, "min_rung": t.trigger.min_rung or ""},
            "obligation": {"tag": t.obligation.tag, "within": t.obligation.within},
            "burden_sharing": (
                {"track": t.burden_sharing.track, "at_least": t.burden_sharing.at_least} if t.burden_sharing else None
            ),
            "provisions": list(t.provisions),
            "history": [],
            "totals": dict.fromkeys(TREATY_COLUMNS, 0),
        }
        for t in c.treaties
    }
    turns = []
    ended = None
    objectives = []
    learnt = seen(c, [e for record in save.turns for e in record.events], viewer)
    for record in save.turns:
        state = apply_all(c, state, record.events)
        shown = [line for line in learnt if line.turn == record.number]
        for t in ids:
            for k in followed[t]:
                tracks[t][k].append(state.tracks[t][k])
        for ch in channels.values():
            ch["status"].append(state.channels[ch["id"]])
            counts = {"turn": record.number, "sent": 0, "delivered": 0, "lost": 0}
            for line in shown:
                e = line.event
                if getattr(e, "channel", None) != ch["id"]:
                    continue
                if isinstance(e, ev.ChannelChanged):
                    ch["changes"].append(_event(line))
                elif isinstance(e, ev.MessageSent):
                    counts["sent"] += 1
                elif isinstance(e, ev.MessageDelivered):
                    counts["delivered"] += 1
                elif isinstance(e, ev.MessageLost):
                    counts["lost"] += 1
            ch["traffic"].append(counts)
        for treaty in treaties.values():
            row = {"turn": record.number, **{k: [] for k in TREATY_COLUMNS}}
            for line in shown:
                column = _treaty_column(line)
                if column and _treaty_of(c, line) == treaty["id"]:
                    row[column].append(_event(line))
                    treaty["totals"][column] += 1
            treaty["history"].append(row)
        orders = [o for o in record.orders if viewer in (FACILITATOR, o.team)]
        turn = {
            "turn": record.number,
            "crisis": c.rungs[state.crisis()].id,
            "orders": [converter.unstructure(o) for o in orders],
            "events": [_event(line) for line in shown],
        }
        if viewer == FACILITATOR:
            turn["interventions"] = [converter.unstructure(i) for i in record.interventions]
        turns.append(turn)
        for e in (line.event for line in shown):
            if isinstance(e, ev.GameEnded):
                ended = {"reason": e.reason, "detail": e.detail, "turn": e.turn}
            if isinstance(e, ev.ObjectiveScored):
                objectives.append(converter.unstructure(e, ev.AnyEvent))
    scores = {t: sum(o["points"] for o in objectives if o["team"] == t) for t in ids} if ended else {}
    return {
        "title": c.title,
        "campaign": save.campaign_path,
        "campaign_sha256": save.campaign_sha256,
        "seed": save.seed,
        "viewer": viewer,
        "teams": [
            {
                "id": t.id, "name": t.name, "short": t.short or t.name,
                "played_by": save.settings.bots.get(t.id, "human" if t.id in save.settings.humans else t.persona),
            }
            for t in c.teams
        ],
        "rungs": [{"id": r.id, "name": r.name, "band": r.band, "firebreak": r.firebreak, "terminal": r.terminal} for r in c.rungs],
        "turns_played": len(save.turns),
        "ended": ended,
        "scores": scores,
        "objectives": objectives,
        "escalation": escalation,
        "track_defs": [
            {"id": k, "name": _track_name(c, k), "min": c.track_bounds(k)[0], "max": c.track_bounds(k)[1]}
            for k in c.track_names()
        ],
        "tracks": tracks,
        "channels": list(channels.values()),
        "treaties": list(treaties.values()),
        "move_names": {m.id: m.name for m in c.moves},
        "turns": turns,
    }


def _track_name(campaign, track: str) -> str:
    return TRACK_LABELS.get(track) or next((t.name for t in campaign.tracks if t.id == track), track)



def to_markdown(report: dict) -> str:
    """The report as Markdown a facilitator can project or print."""
    names = {t["id"]: t["name"] for t in report["teams"]}
    rung_names = {r["id"]: r["name"] for r in report["rungs"]}
    who = "facilitator (everything)" if report["viewer"] == FACILITATOR else f"{names.get(report['viewer'], report['viewer'])} only"
    lines = [
        f"# After-action report: {report['title']}",
        "",
        f"- Campaign: `{report['campaign']}` (SHA-256 `{report['campaign_sha256'][:12]}…`)",
        f"- Seed: {report['seed']}; turns played: {report['turns_played']}",
        f"- Point of view: {who}",
        f"- Teams: " + ", ".join(f"{t['name']} ({t['played_by']})" for t in report["teams"]),
    ]
    if report["ended"]:
        lines.append(f"- Ended on turn {report['ended']['turn']}: {report['ended']['detail']} ({report['ended']['reason']})")
    else:
        lines.append("- The game has not ended yet.")
    if report["scores"]:
        lines += ["", "## Objectives and scores", "", "| team | objective | met | points |", "|---|---|---|---|"]
        for o in report["objectives"]:
            lines.append(f"| {names[o['team']]} | {o['description']} | {'yes' if o['met'] else 'no'} | {o['points']} |")
        lines += ["", "| team | total |", "|---|---|"]
        lines += [f"| {names[t]} | {p} |" for t, p in report["scores"].items()]
    lines += ["", "## Escalation by dyad", "", "| dyad | " + " | ".join(["start"] + [f"T{t['turn']}" for t in report["turns"]]) + " |"]
    lines.append("|---" * (len(report["turns"]) + 2) + "|")
    for dyad, history in report["escalation"].items():
        a, b = dyad.split("-", 1)
        lines.append(f"| {names[a]}–{names[b]} | " + " | ".join(rung_names[r] for r in history) + " |")
    lines += _markdown_history(report, names)
    for turn in report["turns"]:
        lines += ["", f"## Turn {turn['turn']} — closed at {rung_names[turn['crisis']]}", ""]
        if turn["orders"]:
            lines.append("**Orders**")
            lines.append("")
            for o in turn["orders"]:
                moves = ", ".join(
                    report["move_names"].get(m["move"], m["move"]) + (f" → {names.get(m['target'], m['target'])}" if m.get("target") else "")
                    for m in o.get("moves", [])
                ) or "no moves"
                lines.append(f"- {names[o['team']]}: {moves}")
                for f in o.get("freeform", []):
                    lines.append(f"  - free-form: {f['action']}")
                for m in o.get("messages", []):
                    lines.append(f"  - message on {m['channel']}: “{m['text']}”")
            lines.append("")
        for i in turn.get("interventions", []):
            lines.append(f"- *Facilitator: {RULING_NAMES.get(i['kind'], i['kind'])}*: {i['reason']}")
        lines.append("**Outcomes**")
        lines.append("")
        for e in turn["events"]:
            if e["kind"] in ("turn_completed",):
                continue
            lines.append(f"- {e['text']}")
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return " ".join(str(text).split()).replace("|", "\\|")


def _markdown_history(report: dict, names: dict[str, str]) -> list[str]:
    """Tracks, channels and treaties turn by turn, as tables."""
    columns = ["start"] + [f"T{t['turn']}" for t in report["turns"]]
    head = "| {} | " + " | ".join(columns) + " |"
    rule = "|---" * (len(columns) + 1) + "|"
    track_names = {d["id"]: d["name"] for d in report["track_defs"]}
    lines = ["", "## Tracks over turns"]
    for team, tracks in sorted(report["tracks"].items(), key=lambda item: item[0] != report["viewer"]):
        if not tracks:
            continue
        own = report["viewer"] in ("facilitator", team)
        lines += ["", f"### {names[team]}" + ("" if own else " (public tracks only)"), "", head.format("track"), rule]
        for track, values in tracks.items():
            lines.append(f"| {_cell(track_names.get(track, track))} | " + " | ".join(f"{v:g}" for v in values) + " |")
    if report["channels"]:
        lines += ["", "## Channels", "", head.format("channel"), rule]
        for ch in report["channels"]:
            lines.append(f"| {_cell(ch['name'])} | " + " | ".join(ch["status"]) + " |")
        traffic = [ch for ch in report["channels"] if any(t["sent"] or t["delivered"] or t["lost"] for t in ch["traffic"])]
        if traffic:
            lines += ["", "Messages (sent / delivered / lost):", "", head.format("channel").replace(" start |", ""), rule[4:]]
            for ch in traffic:
                counts = [f"{t['sent']} / {t['delivered']} / {t['lost']}" for t in ch["traffic"]]
                lines.append(f"| {_cell(ch['name'])} | " + " | ".join(counts) + " |")
        changes = [e for ch in report["channels"] for e in ch["changes"]]
        if changes:
            lines += [""] + [f"- Turn {e['turn']}: {e['text']}" for e in sorted(changes, key=lambda e: e["turn"])]
    for treaty in report["treaties"]:
        members = ", ".join(names[m] for m in treaty["members"])
        rung_names = {r["id"]: r["name"] for r in report["rungs"]}
        min_rung = treaty["trigger"]["min_rung"]
        rung = f" at or above {rung_names.get(min_rung, min_rung)}" if min_rung else ""
        terms = [
            f"- Members: {members}",
            f"- Trigger: a move tagged `{treaty['trigger']['tag']}` by a non-member against a member{rung}; "
            f"obligation: a move tagged `{treaty['obligation']['tag']}` within {treaty['obligation']['within']} turn(s)",
        ]
        if treaty["burden_sharing"]:
            terms.append(f"- Burden sharing: {treaty['burden_sharing']['track']} at least {treaty['burden_sharing']['at_least']:g}")
        totals = treaty["totals"]
        terms.append(
            f"- Totals: {totals['triggered']} triggered, {totals['consultations']} consultations, "
            f"{totals['honoured']} honoured, {totals['breached']} breached, {totals['shortfalls']} burden shortfalls"
        )
        lines += ["", f"## Treaty: {treaty['name']}", "", *terms]
        rows = [h for h in treaty["history"] if any(h[k] for k in TREATY_COLUMNS)]
        if rows:
            lines += ["", "| turn | " + " | ".join(TREATY_COLUMNS) + " |", "|---" * (len(TREATY_COLUMNS) + 1) + "|"]
            for h in rows:
                cells = ["<br>".join(_cell(e["text"]) for e in h[k]) or "—" for k in TREATY_COLUMNS]
                lines.append(f"| {h['turn']} | " + " | ".join(cells) + " |")
    return lines
