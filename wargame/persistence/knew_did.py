"""Knew versus did, for the white cell's debrief: turn by turn, each team's picture as it went into the
turn (its beliefs, from `beliefs_formed` events), beside the truth, and what the team then did.

Only the white cell's report holds it: it sets every team's beliefs beside the truth.
"""

from __future__ import annotations

from ..core import events as ev
from ..core import perception
from ..core.state import apply_all, dyad_key, initial_state


def knew_versus_did(campaign, records) -> list[dict]:
    """Per turn: {turn, teams: [{team, informed, dyads, estimates, notes, did}]}.

    `informed`: false at turn 1 and wherever the campaign keeps no beliefs (the team then saw the true
    rungs). `dyads`: the dyads it was unsure of (a spread) or wrong about, {dyad, believed, spread, truth};
    `estimates`: its estimates of other teams' tracks that missed the truth by more than their own error,
    {of, track, value, error, truth}; `notes`: why it believed so, in its own terms; `did`: its moves
    ({move, target, dyad_with, rationale, success}) and free-form actions ({action, outcome}).
    """
    beliefs = perception.active(campaign)
    state = initial_state(campaign)
    formed: dict[str, tuple[ev.BeliefsFormed, object]] = {}
    out = []
    for record in records:
        results = {(e.team, e.index): e.success for e in record.events if isinstance(e, ev.MoveResolved)}
        freeform = {(e.team, e.index): e.outcome for e in record.events if isinstance(e, ev.FreeformResolved)}
        orders = {o.team: o for o in record.orders}
        teams = []
        for t in campaign.teams:
            picture = formed.get(t.id)
            row = {"team": t.id, "informed": picture is not None, "dyads": [], "estimates": [], "notes": []}
            if picture is not None:
                belief, truth = picture
                for d in belief.dyads:
                    true = campaign.rungs[truth.rungs[dyad_key(d.dyad[0], d.dyad[1])]].id
                    if d.spread or d.rung != true:
                        row["dyads"].append({"dyad": list(d.dyad), "believed": d.rung, "spread": d.spread, "truth": true})
                for x in belief.tracks:
                    true = truth.tracks[x.team][x.track]
                    if abs(x.value - true) > x.error + 1e-9:
                        row["estimates"].append(
                            {"of": x.team, "track": x.track, "value": x.value, "error": x.error, "truth": round(true, 4)}
                        )
                row["notes"] = list(belief.notes)
            given = orders.get(t.id)
            did = []
            for k, m in enumerate(given.moves if given else ()):
                did.append({
                    "move": m.move, "target": m.target or "", "dyad_with": m.dyad_with or "", "rationale": m.rationale,
                    "success": results.get((t.id, k)),
                })
            for k, f in enumerate(given.freeform if given else ()):
                did.append({"action": f.action, "outcome": freeform.get((t.id, k), "")})
            row["did"] = did
            teams.append(row)
        out.append({"turn": record.number, "teams": teams})
        state = apply_all(campaign, state, record.events)
        if beliefs:
            for e in record.events:
                if isinstance(e, ev.BeliefsFormed):
                    formed[e.team] = (e, state)
    return out
