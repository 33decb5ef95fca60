"""The after-action report of a saved game, as JSON-ready data or Markdown, for one viewer.

The data (`build_report`) is also the JSON report, documented key by key in docs/report-json.md:
every field of every event the viewer may know is written, defaults included, so that counting
`success` counts successes.
"""

from __future__ import annotations

from collections import deque

import attrs

from .. import __version__
from ..core import events as ev
from ..core import perception
from ..core.narrative import BUILTIN_TRACK_NAMES, PUBLIC_TRACKS
from ..core.arguments import what_it_does, with_show_odds
from ..core.orders import RULING_NAMES
from ..core.replay import escalation_history
from ..core.state import GameState, apply_all, initial_state
from ..core.views import FACILITATOR, Seen, seen, visible
from .saves import LoadedSave
from .annotations import for_report as notes_for
from .knew_did import knew_versus_did
from .turning_points import find_turning_points
from .verification import Verification, verify_save

REPORT_FORMAT_VERSION = 1
"""The shape of the JSON report (docs/report-json.md); raised when a stable key changes or goes."""

TRACK_LABELS = {**BUILTIN_TRACK_NAMES, "resources": "Resources / turn"}

_TREATY_EVENTS = {
    ev.TreatyTriggered: "triggered",
    ev.ConsultationHeld: "consultations",
    ev.BurdenShortfall: "shortfalls",
}
TREATY_COLUMNS = ("triggered", "consultations", "honoured", "breached", "shortfalls")


def plain(value):
    """An attrs value as JSON-ready data with every field, defaults included (the save's converter
    leaves defaults out, as TOML has no null; an analysis must not have to know the defaults)."""
    if attrs.has(type(value)):
        out = {"kind": value.KIND} if isinstance(value, ev.Event) else {}
        # A field whose campaign key differs from its Python name (`not_` is `not`) keeps the key.
        out.update((f.metadata.get("key", f.name), plain(getattr(value, f.name))) for f in attrs.fields(type(value)))
        return out
    if isinstance(value, (tuple, list)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value


def _event(line: Seen, truth: ev.Event, teams: list[str]) -> dict:
    """An event for the report as the viewer learnt it: its sentence, every field of what the viewer
    may know of it (`views.as_known`), its tone, and who saw it.

    `audience` is who saw the event: every team when it was public (the engine keeps a team there that
    only matters for non-public events), else the teams it reached. When a value the viewer may not
    know is the event's substance, only the sentence is given and `withheld` is true.
    Messages and injects carry a `text` of their own; it moves to `body` so it cannot hide the sentence.
    """
    e = line.event
    data = plain(e) if e is not None else {"turn": line.turn, "kind": line.kind}
    if "text" in data:
        data["body"] = data.pop("text")
    out = {"text": line.text, **data, "tone": line.tone, "public": line.public}
    out["audience"] = list(teams) if truth.public else list(truth.audience)
    out["withheld"] = e is None
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


@attrs.frozen
class Ledger:
    """What the engine held under the treaties, read from the state as the recorded events change it.

    `obligations`: every obligation it created, in order (treaty, team, trigger_turn, due, the later
    triggers `absorbed` into it, its `outcome`: honoured, breached, or outstanding when the save ends
    with it still owed, and `settled_on`). `triggers`: for each trigger event, the members it obliged
    anew (`obliged_now`) and those already under an obligation of the same treaty, who keep that one
    (`absorbed`): the engine does not give them a second obligation or a later deadline.
    """

    obligations: list[dict]
    triggers: dict[ev.TreatyTriggered, deque]


def obligation_ledger(campaign, records) -> Ledger:
    obligations: dict[tuple[str, str, int], dict] = {}
    triggers: dict[ev.TreatyTriggered, deque] = {}
    state: GameState = initial_state(campaign)
    for record in records:
        done = 0
        for i, e in enumerate(record.events):
            if isinstance(e, ev.TreatyTriggered):
                state = apply_all(campaign, state, record.events[done:i])
                before = {(o.treaty, o.team): o for o in state.obligations}
                state = apply_all(campaign, state, (e,))
                done = i + 1
                created = [o for o in state.obligations if before.get((o.treaty, o.team)) != o]
                for o in created:
                    obligations[o.treaty, o.team, o.trigger_turn] = {
                        "treaty": o.treaty, "team": o.team, "trigger_turn": o.trigger_turn, "due": o.due,
                        "absorbed": [], "outcome": "outstanding", "settled_on": None,
                    }
                absorbed = []
                for team in e.obliged:
                    held = before.get((e.treaty, team))
                    if held is not None and all(o.team != team for o in created):
                        absorbed.append({"team": team, "into_trigger_turn": held.trigger_turn, "due": held.due})
                        obligations[held.treaty, team, held.trigger_turn]["absorbed"].append(e.turn)
                info = {"obliged_now": [o.team for o in created], "absorbed": absorbed}
                triggers.setdefault(e, deque()).append(info)
            elif isinstance(e, ev.ObligationSettled):
                held = obligations.get((e.treaty, e.team, e.trigger_turn))
                if held is not None:
                    held["outcome"] = "honoured" if e.honoured else "breached"
                    held["settled_on"] = e.turn
        state = apply_all(campaign, state, record.events[done:])
    return Ledger(list(obligations.values()), triggers)


def _trigger_sentence(campaign, e: ev.TreatyTriggered, info: dict) -> str:
    """What a trigger did, as the engine held it: whom it obliged, and whom it left under the
    obligation they already had (never a deadline the engine did not set)."""
    names = {t.id: t.name for t in campaign.teams}
    treaty = campaign.treaty(e.treaty).name
    cause = e.cause.strip().rstrip(".")
    parts = []
    if info["obliged_now"]:
        parts.append(f"{', '.join(names[t] for t in info['obliged_now'])} must act by the end of turn {e.due}.")
    groups: dict[tuple[int, int], list[str]] = {}
    for a in info["absorbed"]:
        groups.setdefault((a["into_trigger_turn"], a["due"]), []).append(names[a["team"]])
    for (since, due), teams in groups.items():
        parts.append(
            f"{', '.join(teams)} already owed action under the obligation of turn {since} (due by the end of "
            f"turn {due}): absorbed into that obligation, no new deadline."
        )
    again = "" if info["obliged_now"] else " again"
    return f"{treaty} triggered{again}: {cause}. " + " ".join(parts)


def alliance_ledger(campaign, log) -> list[dict]:
    """Entrapment and abandonment per member, from the alliance events in `log` (all public).

    `met` / `refused`: obligations it honoured / breached; `blocked`: decisions it blocked; `entered`:
    the dyads it entered on an ally's behalf (`obligation.enters_dyad`), as {turn, attacker, victim};
    `abandoned`: the times an ally breached an obligation owed to it, or a decision about it was blocked.
    """
    members = [t.id for t in campaign.teams if any(t.id in x.members for x in campaign.treaties)]
    rows = {m: {"team": m, "met": 0, "refused": 0, "blocked": 0, "entered": [], "abandoned": 0} for m in members}
    owed_to: dict[tuple[str, str], str] = {}  # (treaty, obliged member) -> the victim of its last trigger
    for e in log:
        if isinstance(e, ev.TreatyTriggered):
            for m in e.obliged:
                owed_to[e.treaty, m] = e.victim
        elif isinstance(e, ev.ObligationSettled) and e.team in rows:
            victim = owed_to.get((e.treaty, e.team), "")
            rows[e.team]["met" if e.honoured else "refused"] += 1
            if e.entered:
                rows[e.team]["entered"].append({"turn": e.turn, "attacker": e.entered, "victim": victim})
            if not e.honoured and victim in rows:
                rows[victim]["abandoned"] += 1
        elif isinstance(e, ev.DecisionTaken) and not e.bound:
            for m in e.blocked_by:
                if m in rows:
                    rows[m]["blocked"] += 1
            if e.victim in rows:
                rows[e.victim]["abandoned"] += 1
    return list(rows.values())


def build_report(loaded: LoadedSave, viewer: str = FACILITATOR, verification: Verification | None = None) -> dict:
    """Everything `viewer` may know of the game: the facilitator sees all, a team its own view.

    `verification` is the save re-adjudicated (`verify_save`); it is done here when not given.
    """
    save = loaded.save
    c = with_show_odds(loaded.campaign.campaign, save.settings.show_odds)
    if verification is None:
        verification = verify_save(loaded)
    ids = [t.id for t in c.teams]
    state = initial_state(c)
    escalation = escalation_history(c, save.turns)
    believes = perception.active(c) and viewer != FACILITATOR and c.has_team(viewer)
    if believes:
        escalation = _believed_escalation(c, save.turns, viewer, escalation)  # a team's report: its beliefs, not the truth
    ledger = obligation_ledger(c, save.turns)
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
            "totals": dict.fromkeys((*TREATY_COLUMNS, "absorbed", "outstanding"), 0),
            # Every viewer's: treaty triggers and settlements are public events.
            "obligations": [o for o in ledger.obligations if o["treaty"] == t.id],
        }
        for t in c.treaties
    }
    for treaty in treaties.values():
        treaty["totals"]["outstanding"] = sum(o["outcome"] == "outstanding" for o in treaty["obligations"])
    turns = []
    ended = None
    objectives = []
    log = [e for record in save.turns for e in record.events]
    learnt = seen(c, log, viewer)
    # `seen` keeps the events that reach the viewer, in order: the same ones `visible` keeps.
    truths = [e for e in log if visible(e, viewer)]
    if len(truths) != len(learnt):
        raise RuntimeError("views.seen and views.visible disagree on what reaches the viewer")
    events_of: dict[int, list[dict]] = {}
    why = _rationales(c, save.turns, viewer)
    for line, truth in zip(learnt, truths):
        data = _event(line, truth, ids)
        if isinstance(line.event, ev.MoveResolved):
            data["rationale"] = why.get((line.turn, line.event.team, line.event.index), "")
        if isinstance(truth, ev.TreatyTriggered):
            info = ledger.triggers[truth].popleft()
            data.update(info)
            data["text"] = _trigger_sentence(c, truth, info)
            treaties[truth.treaty]["totals"]["absorbed"] += len(info["absorbed"])
        events_of.setdefault(line.turn, []).append(data)
    for record in save.turns:
        state = apply_all(c, state, record.events)
        shown = [line for line in learnt if line.turn == record.number]
        written = events_of.get(record.number, [])
        for t in ids:
            for k in followed[t]:
                tracks[t][k].append(state.tracks[t][k])
        for ch in channels.values():
            ch["status"].append(state.channels[ch["id"]])
            counts = {"turn": record.number, "sent": 0, "delivered": 0, "lost": 0}
            for line, data in zip(shown, written):
                e = line.event
                if getattr(e, "channel", None) != ch["id"]:
                    continue
                if isinstance(e, ev.ChannelChanged):
                    ch["changes"].append(data)
                elif isinstance(e, ev.MessageSent):
                    counts["sent"] += 1
                elif isinstance(e, ev.MessageDelivered):
                    counts["delivered"] += 1
                elif isinstance(e, ev.MessageLost):
                    counts["lost"] += 1
            ch["traffic"].append(counts)
        for treaty in treaties.values():
            row = {"turn": record.number, **{k: [] for k in TREATY_COLUMNS}}
            for line, data in zip(shown, written):
                column = _treaty_column(line)
                if column and _treaty_of(c, line) == treaty["id"]:
                    row[column].append(data)
                    treaty["totals"][column] += 1
            treaty["history"].append(row)
        orders = [o for o in record.orders if viewer in (FACILITATOR, o.team)]
        crisis = state.crisis()
        if believes:
            crisis = max(c.rung_index(history[len(turns) + 1]) for history in escalation.values())
        turn = {
            "turn": record.number,
            "crisis": c.rungs[crisis].id,
            "orders": [plain(o) for o in orders],
            "events": written,
        }
        if viewer == FACILITATOR:
            turn["interventions"] = [{**plain(i), "what": what_it_does(c, i)} for i in record.interventions]
        turns.append(turn)
        for e in (line.event for line in shown):
            if isinstance(e, ev.GameEnded):
                ended = {"reason": e.reason, "detail": e.detail, "turn": e.turn}
            if isinstance(e, ev.ObjectiveScored):
                objectives.append(plain(e))
    scores = {t: sum(o["points"] for o in objectives if o["team"] == t) for t in ids} if ended else {}
    arguments = _arguments(turns)
    report = {
        "format_version": REPORT_FORMAT_VERSION,
        "title": c.title,
        "purpose": " ".join(c.purpose.split()),
        "learning_questions": [" ".join(q.split()) for q in c.learning_questions],
        "situation": " ".join(c.summary.split()),
        "start": {
            "crisis": c.rungs[initial_state(c).crisis()].id,
            "dyads": {k: h[0] for k, h in escalation.items() if c.rung_index(h[0]) > _start_rung(c)},
        },
        "campaign": save.campaign_path,
        "campaign_sha256": save.campaign_sha256,
        "seed": save.seed,
        "engine_version": save.engine_version,
        "reported_by": f"wargame {__version__}",
        "reproduces": verification.reproduces,
        "difference": verification.difference or None,
        "forked_from": save.settings.forked_from or None,
        "parent": attrs.asdict(save.settings.parent) if save.settings.parent else None,
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
        "alliance_ledger": alliance_ledger(c, truths),
        **red_line_ledger(c, log),
        "move_names": {m.id: m.name for m in c.moves},
        "turns": turns,
        "arguments": arguments,
        "perception": perception.gap_timeline(c, save.turns, viewer, viewer == FACILITATOR),
    }
    report["knew_vs_did"] = knew_versus_did(c, save.turns) if viewer == FACILITATOR else []
    report["annotations"] = notes_for(save, viewer, events_of)
    report["turning_points"] = find_turning_points(report)
    return report


RED_LINE_OUTCOMES = ("enforced", "bluffed", "expired")


def red_line_ledger(campaign, log) -> dict:
    """Every red line declared in the game, by whom, and what became of it: tested (crossed), then
    enforced or bluffed, or lapsed untested, or still standing. Declarations and their fates are public
    events, so every viewer's ledger is the same."""
    lines: dict[tuple[str, str, int], dict] = {}
    current: dict[tuple[str, str], dict] = {}
    for e in log:
        if isinstance(e, ev.RedLineDeclared):
            entry = {
                "team": e.team, "line": e.line, "text": e.text, "declared": e.turn, "status": "standing",
                "crossed": None, "by": None, "due": None, "settled": None, "move": None,
                "audience_cost": dict(e.audience_cost),
            }
            lines[e.team, e.line, e.turn] = current[e.team, e.line] = entry
        elif isinstance(e, ev.RedLineChanged) and (e.team, e.line) in current:
            entry = current[e.team, e.line]
            entry["status"] = e.status
            if e.status == "crossed":
                entry.update(crossed=e.turn, by=e.by or None, due=e.due)
            else:
                entry["settled"] = e.turn
                entry["move"] = e.move or None
    entries = list(lines.values())
    totals = {
        "declared": len(entries),
        "tested": sum(x["crossed"] is not None for x in entries),
        **{k: sum(x["status"] == k for x in entries) for k in RED_LINE_OUTCOMES},
        "open": sum(x["status"] in ("standing", "crossed") for x in entries),
    }
    return {"red_lines": entries, "red_line_totals": totals}


def red_line_outcome(x: dict, names: dict[str, str], move_names: dict[str, str]) -> str:
    """What became of a line, in words, for the ledger's last column."""
    crossed = f"crossed on turn {x['crossed']}" + (f" by {names.get(x['by'], x['by'])}" if x["by"] else "") if x["crossed"] else ""
    if x["status"] == "enforced":
        return f"{crossed}; enforced on turn {x['settled']} ({move_names.get(x['move'], x['move'])})"
    if x["status"] == "bluffed":
        return f"{crossed}; bluffed: not enforced by turn {x['due']}"
    if x["status"] == "expired":
        return f"lapsed untested on turn {x['settled']}"
    if x["status"] == "crossed":
        return f"{crossed}; to be enforced by turn {x['due']}"
    return "standing, untested"


def red_line_totals_line(totals: dict) -> str:
    return (
        f"{totals['declared']} declared, {totals['tested']} tested, {totals['enforced']} enforced, "
        f"{totals['bluffed']} bluffed, {totals['expired']} lapsed untested, {totals['open']} still open"
    )


def _arguments(turns: list[dict]) -> list[dict]:
    """Each free-form move the viewer learnt of, with the ruling as the viewer may know it and the
    effects it saw follow from it (the events the adjudicator emits right after the move's own)."""
    out = []
    for turn in turns:
        events = turn["events"]
        for k, data in enumerate(events):
            if data["kind"] != "freeform_resolved" or data["withheld"]:
                continue
            effects = []
            for after in events[k + 1 :]:
                if "free-form move by" not in str(after.get("cause", "")):
                    break
                effects.append(after["text"])
            out.append({
                "turn": data["turn"], "team": data["team"], "action": data["action"], "argument": data["argument"],
                "target": data["target"], "visibility": data["visibility"], "odds": data["odds"],
                "chance": data["chance"], "roll": data["roll"], "outcome": data["outcome"], "reason": data["reason"],
                "text": data["text"], "effects": effects, "counters": data.get("counters", []),
            })
    return out


def _believed_escalation(campaign, records, team: str, truth: dict[str, list[str]]) -> dict[str, list[str]]:
    """Each dyad ("a-b") as `team` believed it at the start and after every turn (the start is in every briefing)."""
    out = {key: history[:1] for key, history in truth.items()}
    for record in records:
        formed = next((e for e in record.events if isinstance(e, ev.BeliefsFormed) and e.team == team), None)
        believed = {f"{d.dyad[0]}-{d.dyad[1]}": d.rung for d in formed.dyads} if formed else {}
        for key, history in out.items():
            a, b = key.split("-", 1)
            history.append(believed.get(key) or believed.get(f"{b}-{a}") or history[-1])
    return out


def _rationales(campaign, records, viewer: str) -> dict[tuple[int, str, int], str]:
    """Each move's rationale the viewer may read, by (turn, team, move index): a team reads its own,
    and another team's only for a public move (what was said of a secret or detectable move stays with
    its team and the white cell, even when the move itself was detected)."""
    out = {}
    for record in records:
        for o in record.orders:
            for k, m in enumerate(o.moves):
                move = campaign.find_move(m.move)
                shown = viewer in (FACILITATOR, o.team) or (move is not None and move.visibility == "public")
                if m.rationale and shown:
                    out[record.number, o.team, k] = m.rationale
    return out


def knew_did_rows(report: dict, turn: int) -> list[tuple[str, str, str]]:
    """Each team's (name, picture going into `turn`, what it did) in words, for the white cell's report."""
    names = {t["id"]: t["name"] for t in report["teams"]}
    shorts = {t["id"]: t.get("short") or t["name"] for t in report["teams"]}
    rung_names = {r["id"]: r["name"] for r in report["rungs"]}
    tracks = {d["id"]: d["name"] for d in report["track_defs"]}
    entry = next((k for k in report.get("knew_vs_did", []) if k["turn"] == turn), None)
    rows = []
    for t in entry["teams"] if entry else []:
        if not t["informed"]:
            picture = "saw the true rungs" if turn > 1 else "the briefing: the true start"
        else:
            parts = [
                f"{shorts[d['dyad'][0]]}–{shorts[d['dyad'][1]]}: {rung_names[d['believed']]}"
                + (f" ±{d['spread']}" if d["spread"] else "")
                + ("" if d["believed"] == d["truth"] else f" (truth: {rung_names[d['truth']]})")
                for d in t["dyads"]
            ]
            parts += [
                f"{shorts[x['of']]}'s {tracks.get(x['track'], x['track']).lower()} ≈{x['value']:g} (truth: {x['truth']:g})"
                for x in t["estimates"]
            ]
            picture = "; ".join(parts) or "no gap: right about every dyad, estimates within their error"
        did = []
        for d in t["did"]:
            if "move" in d:
                target = f" → {shorts.get(d['target'], d['target'])}" if d["target"] else ""
                result = "" if d["success"] is None else (" ✓" if d["success"] else " ✗")
                why = f" (why: “{d['rationale']}”)" if d["rationale"] else ""
                did.append(f"{report['move_names'].get(d['move'], d['move'])}{target}{result}{why}")
            else:
                did.append(f"free-form “{d['action']}” ({d['outcome']})")
        rows.append((names[t["team"]], picture, "; ".join(did) or "nothing"))
    return rows


def secret_mark(e: dict, names: dict[str, str]) -> str:
    """Who saw a secret event, for the white cell: "secret: seen by Veya" (empty for a public one)."""
    if e.get("public", True):
        return ""
    seen = ", ".join(names.get(t, t) for t in e.get("audience", []))
    return f"secret: seen by {seen}" if seen else "secret: seen by the white cell only"


def _start_rung(campaign) -> int:
    return campaign.rung_index(campaign.rules.start_rung) if campaign.rules.start_rung else 0


def start_sentence(report: dict) -> str:
    """Where the crisis stood before turn 1, in one sentence."""
    names = {t["id"]: t.get("short") or t["name"] for t in report["teams"]}  # a list of pairs: short names read better
    rung_names = {r["id"]: r["name"] for r in report["rungs"]}
    start = report["start"]
    raised = "; ".join(
        f"{names.get(a, a)}–{names.get(b, b)} at {rung_names.get(r, r)}"
        for (a, b), r in ((k.split("-", 1), r) for k, r in start["dyads"].items())
    )
    crisis = rung_names.get(start["crisis"], start["crisis"])
    return f"The crisis opened at {crisis}" + (f" ({raised})." if raised else ", every pair at that rung or below.")


def _markdown_debrief(report: dict) -> list[str]:
    """The debrief's opening: purpose, learning questions, the starting situation and the turning points."""
    lines = []
    if report.get("purpose"):
        lines += ["", "## Purpose", "", report["purpose"]]
    if report.get("learning_questions"):
        lines += ["", "## Learning questions", ""] + [f"{k}. {q}" for k, q in enumerate(report["learning_questions"], 1)]
    lines += ["", "## Starting situation", ""]
    if report.get("situation"):
        lines += [report["situation"], ""]
    lines.append(start_sentence(report))
    lines += ["", "## Turning points", ""]
    points = report.get("turning_points") or []
    if not points:
        lines.append("No threshold, treaty, channel or large swing stood out in what this report's viewer saw.")
    for p in points:
        lines.append(f"- [Turn {p['turn']}](#turn-{p['turn']}) — **{p['label']}**: {p['text']}")
    return lines


def _track_name(campaign, track: str) -> str:
    return TRACK_LABELS.get(track) or next((t.name for t in campaign.tracks if t.id == track), track)


def not_reproducing(report: dict) -> str:
    """The warning a report of a save that does not reproduce opens with (written only with --unverified)."""
    made_by, now = f"wargame {report['engine_version']}", report["reported_by"]
    why = (
        "the file was edited after the game was played"
        if made_by == now
        else f"the game was played with {made_by} and this report was written by {now}, whose rules or bots may differ"
    )
    return (
        f"**Warning: this save does not reproduce.** Re-adjudicating its orders gives another game: "
        f"{report['difference']}. What follows is what the file records, not what the rules give: {why}."
    )


def outstanding_obligations(report: dict, treaty: dict) -> str:
    """The obligations of `treaty` still owed when the save ends, as one sentence; empty when none."""
    names = {t["id"]: t["name"] for t in report["teams"]}
    owed = [o for o in treaty["obligations"] if o["outcome"] == "outstanding"]
    if not owed:
        return ""
    when = f"when the game ended (turn {report['ended']['turn']})" if report["ended"] else f"after turn {report['turns_played']}, the last played"
    items = "; ".join(f"{names.get(o['team'], o['team'])} (triggered turn {o['trigger_turn']}, due by the end of turn {o['due']})" for o in owed)
    return f"Still owed {when}: {items}."


def fork_line(parent: dict) -> str:
    """'A fork of saves/x.toml from turn 3': what a fork's report says of where it comes from."""
    return f"A fork of {parent['save']} from turn {parent['turn']} (the parent's checksum {parent['checksum'][:12]}…)"


def to_markdown(report: dict) -> str:
    """The report as Markdown a facilitator can project or print."""
    names = {t["id"]: t["name"] for t in report["teams"]}
    rung_names = {r["id"]: r["name"] for r in report["rungs"]}
    who = "facilitator (everything)" if report["viewer"] == FACILITATOR else f"{names.get(report['viewer'], report['viewer'])} only"
    lines = [f"# After-action report: {report['title']}", ""]
    if not report["reproduces"]:
        lines += [f"> {not_reproducing(report)}", ""]
    lines += [
        f"- Campaign: `{report['campaign']}` (SHA-256 `{report['campaign_sha256'][:12]}…`)",
        f"- Seed: {report['seed']}; turns played: {report['turns_played']}; played with wargame {report['engine_version']}",
        f"- Point of view: {who}",
        f"- Teams: " + ", ".join(f"{t['name']} ({t['played_by']})" for t in report["teams"]),
    ]
    if report.get("parent"):
        lines.append(f"- {fork_line(report['parent'])}")
    if report["ended"]:
        lines.append(f"- Ended on turn {report['ended']['turn']}: {report['ended']['detail']} ({report['ended']['reason']})")
    else:
        lines.append("- The game has not ended yet.")
    lines += _markdown_debrief(report)
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
    if report["red_lines"]:
        lines += ["", "## Red lines", "", f"- Totals: {red_line_totals_line(report['red_line_totals'])}", ""]
        lines += ["| declared by | line | declared | what became of it |", "|---|---|---|---|"]
        for x in report["red_lines"]:
            outcome = red_line_outcome(x, names, report["move_names"])
            lines.append(f"| {names[x['team']]} | {_cell(x['text'])} | turn {x['declared']} | {_cell(outcome)} |")
    if report.get("arguments"):
        lines += ["", "## Free-form moves", ""]
        for a in report["arguments"]:
            lines.append(f"- Turn {a['turn']}: {a['text']}")
            lines += [f"  - {effect}" for effect in a["effects"]]
    lines += _markdown_perception(report, names, rung_names)
    for turn in report["turns"]:
        lines += ["", f'<a id="turn-{turn["turn"]}"></a>', "", f"## Turn {turn['turn']} — closed at {rung_names[turn['crisis']]}", ""]
        for note in report.get("annotations", []):
            if note["turn"] == turn["turn"]:
                about = f" (on: {note['about']})" if note["about"] else (f" (on event {note['event']})" if note["event"] else "")
                lines += [f"> **White cell's note**{about}: {note['text']}", ""]
        if turn["orders"]:
            lines.append("**Orders**")
            lines.append("")
            for o in turn["orders"]:
                moves = ", ".join(
                    report["move_names"].get(m["move"], m["move"]) + (f" → {names.get(m['target'], m['target'])}" if m.get("target") else "")
                    + (f"–{names.get(m['dyad_with'], m['dyad_with'])}" if m.get("dyad_with") else "")
                    for m in o.get("moves", [])
                ) or "no moves"
                lines.append(f"- {names[o['team']]}: {moves}")
                for m in o.get("moves", []):
                    if m.get("rationale"):
                        lines.append(f"  - why {report['move_names'].get(m['move'], m['move'])}: “{m['rationale']}”")
                for f in o.get("freeform", []):
                    lines.append(f"  - free-form: {f['action']}")
                for x in o.get("counters", []):
                    vote = f" (odds: {x['odds']})" if x.get("odds") else ""
                    lines.append(f"  - counter to {names.get(x['mover'], x['mover'])}'s free-form move {x['index'] + 1}: “{x.get('text', '')}”{vote}")
                for m in o.get("messages", []):
                    lines.append(f"  - message on {m['channel']}: “{m['text']}”")
                for v in o.get("votes", []):
                    because = f" — why: “{v['rationale']}”" if v.get("rationale") else ""
                    lines.append(f"  - vote under {v['treaty']}: {'support' if v['support'] else 'block'}{because}")
                for d in o.get("declarations", []):
                    if d.get("rationale"):
                        lines.append(f"  - red line {d['line'] or d['text']} — why: “{d['rationale']}”")
            lines.append("")
        knew = knew_did_rows(report, turn["turn"])
        if knew:
            lines += ["**Knew versus did** (each team's picture going into the turn; truth in brackets)", "",
                      "| team | what it believed | what it did |", "|---|---|---|"]
            lines += [f"| {_cell(a)} | {_cell(b)} | {_cell(c)} |" for a, b, c in knew]
            lines.append("")
        for i in turn.get("interventions", []):
            what = f" ({i['what']})" if i.get("what") else ""
            lines.append(f"- *Facilitator: {RULING_NAMES.get(i['kind'], i['kind'])}*{what}: {i['reason']}")
        lines.append("**Outcomes**")
        lines.append("")
        for e in turn["events"]:
            if e["kind"] in ("turn_completed",):
                continue
            because = f" — *why, in {names.get(e['team'], e['team'])}'s words:* “{e['rationale']}”" if e.get("rationale") else ""
            hidden = secret_mark(e, names) if report["viewer"] == FACILITATOR else ""
            lines.append(f"- {e['text']}{because}" + (f" *({hidden})*" if hidden else ""))
    return "\n".join(lines) + "\n"


def _markdown_perception(report: dict, names: dict[str, str], rung_names: dict[str, str]) -> list[str]:
    """The perception-gap section: what each team believed of each dyad, turn by turn (against the
    truth in the white cell's report), and when the gap closed."""
    rows = report.get("perception") or []
    if not rows:
        return []
    white = report["viewer"] == FACILITATOR
    turns = [t["turn"] for t in report["turns"]]
    lines = ["", "## Perception gap", ""]
    lines.append(
        "What each team believed of the dyads it was unsure of or wrong about, turn by turn; **bold**: wrong; "
        "(truth) after it." if white else "What you believed of the dyads you were unsure of, turn by turn."
    )
    lines += ["", "| team | dyad | " + " | ".join(f"T{t}" for t in turns) + (" | gap closed |" if white else " |")]
    lines.append("|---" * (len(turns) + 2 + white) + "|")
    for row in rows:
        cells = {t["turn"]: t for t in row["turns"]}
        shown = []
        for turn in turns:
            t = cells.get(turn)
            if t is None:
                shown.append("")
                continue
            text = rung_names[t["rung"]] + (f" ±{t['spread']}" if t["spread"] else "")
            if white and t["rung"] != t["truth"]:
                text = f"**{text}** ({rung_names[t['truth']]})"
            shown.append(text)
        a, b = row["dyad"]
        closed = ""
        if white:
            closed = f" | turn {row['closed']} |" if row["closed"] else (" | still open |" if row["wrong"] else " | never wrong |")
        lines.append(f"| {names[row['team']]} | {names[a]}–{names[b]} | " + " | ".join(shown) + (closed or " |"))
    return lines


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return " ".join(str(text).split()).replace("|", "\\|")


def _treaty_text(e: dict) -> str:
    """An alliance event's sentence; a settlement says which obligation it settled."""
    if e["kind"] == "obligation_settled":
        return f"{e['text']} (obligation of turn {e['trigger_turn']})"
    return e["text"]


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
            f"- Totals: {totals['triggered']} triggered ({totals['absorbed']} member obligations absorbed into earlier ones), "
            f"{totals['consultations']} consultations, {totals['honoured']} honoured, {totals['breached']} breached, "
            f"{totals['outstanding']} outstanding, {totals['shortfalls']} burden shortfalls"
        )
        lines += ["", f"## Treaty: {treaty['name']}", "", *terms]
        rows = [h for h in treaty["history"] if any(h[k] for k in TREATY_COLUMNS)]
        if rows:
            lines += ["", "| turn | " + " | ".join(TREATY_COLUMNS) + " |", "|---" * (len(TREATY_COLUMNS) + 1) + "|"]
            for h in rows:
                cells = ["<br>".join(_cell(_treaty_text(e)) for e in h[k]) or "—" for k in TREATY_COLUMNS]
                lines.append(f"| {h['turn']} | " + " | ".join(cells) + " |")
        owed = outstanding_obligations(report, treaty)
        if owed:
            lines += ["", f"**{owed}**"]
    if report.get("alliance_ledger"):
        lines += [
            "", "## Entrapment and abandonment", "",
            "Per member: obligations met and refused, decisions it blocked, dyads it entered on an ally's behalf, "
            "and the times allies refused or blocked acting for it.", "",
            "| member | met | refused | blocked | dyads entered | abandoned |", "|---|---|---|---|---|---|",
        ]
        for row in report["alliance_ledger"]:
            entered = ", ".join(
                f"T{x['turn']} {names[x['attacker']]}" + (f" (for {names[x['victim']]})" if x["victim"] else "")
                for x in row["entered"]
            ) or "—"
            lines.append(
                f"| {names[row['team']]} | {row['met']} | {row['refused']} | {row['blocked']} | {entered} | {row['abandoned']} |"
            )
    return lines
