"""The after-action report of a saved game, as JSON-ready data or Markdown, for one viewer."""

from __future__ import annotations

from ..converter import converter
from ..core import events as ev
from ..core.narrative import describe
from ..core.replay import escalation_history
from ..core.state import apply_all, initial_state
from ..core.views import FACILITATOR, visible
from .saves import LoadedSave


def _event(campaign, e: ev.Event) -> dict:
    """An event for the report: its sentence, its data, and always who could see it."""
    data = converter.unstructure(e, ev.AnyEvent)
    return {"text": describe(campaign, e), **data, "public": e.public, "audience": list(e.audience)}


def build_report(loaded: LoadedSave, viewer: str = FACILITATOR) -> dict:
    """Everything `viewer` may know of the game: the facilitator sees all, a team its own view."""
    c = loaded.campaign.campaign
    save = loaded.save
    ids = [t.id for t in c.teams]
    state = initial_state(c)
    escalation = escalation_history(c, save.turns)
    turns = []
    ended = None
    objectives = []
    for record in save.turns:
        state = apply_all(c, state, record.events)
        shown = [e for e in record.events if visible(e, viewer)]
        orders = [o for o in record.orders if viewer in (FACILITATOR, o.team)]
        turn = {
            "turn": record.number,
            "crisis": c.rungs[state.crisis()].id,
            "orders": [converter.unstructure(o) for o in orders],
            "events": [_event(c, e) for e in shown],
        }
        if viewer == FACILITATOR:
            turn["interventions"] = [converter.unstructure(i) for i in record.interventions]
        turns.append(turn)
        for e in shown:
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
            {"id": t.id, "name": t.name, "played_by": save.settings.bots.get(t.id, "human" if t.id in save.settings.humans else t.persona)}
            for t in c.teams
        ],
        "rungs": [{"id": r.id, "name": r.name, "band": r.band, "firebreak": r.firebreak, "terminal": r.terminal} for r in c.rungs],
        "turns_played": len(save.turns),
        "ended": ended,
        "scores": scores,
        "objectives": objectives,
        "escalation": escalation,
        "turns": turns,
    }


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
    for turn in report["turns"]:
        lines += ["", f"## Turn {turn['turn']} — closed at {rung_names[turn['crisis']]}", ""]
        if turn["orders"]:
            lines.append("**Orders**")
            lines.append("")
            for o in turn["orders"]:
                moves = ", ".join(m["move"] + (f" → {m['target']}" if m.get("target") else "") for m in o.get("moves", [])) or "no moves"
                lines.append(f"- {names[o['team']]}: {moves}")
                for f in o.get("freeform", []):
                    lines.append(f"  - free-form: {f['action']}")
                for m in o.get("messages", []):
                    lines.append(f"  - message on {m['channel']}: “{m['text']}”")
            lines.append("")
        for i in turn.get("interventions", []):
            lines.append(f"- *Facilitator {i['kind'].replace('_', ' ')}*: {i['reason']}")
        lines.append("**Outcomes**")
        lines.append("")
        for e in turn["events"]:
            if e["kind"] in ("turn_completed",):
                continue
            lines.append(f"- {e['text']}")
    return "\n".join(lines) + "\n"
