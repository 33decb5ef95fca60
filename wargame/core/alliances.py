"""Alliance politics: members' decisions, entrapment, caveats, restraint and per-commitment credibility.

Snyder's alliance security dilemma has two halves, and a treaty may now model both:

- **Decisions.** A treaty with `decision = "consensus"` does not bind the moment it is triggered:
  the trigger opens a decision (`DecisionOpened`), and the members other than the victim vote in
  their next orders (`TeamOrders.votes`). Silence is consent, as in NATO's silence procedure; one
  block is enough to stop the obligation, and the split is public and costs every member the
  treaty's `split` deltas. Otherwise the treaty triggers then (`TreatyTriggered`), and the
  obligation runs from that turn.
- **Entrapment.** With `obligation.enters_dyad = true` an obligation is met only by a move with its
  tag aimed at the attacker or at the victim (for it), and a member that honours it lands at least
  at the victim's rung with the attacker, stopped below the firebreaks its move may not cross, as
  an anchored landing is.
- **Caveats.** `caveats = { member = [tags] }`: a move of that member carrying one of those tags
  never meets its obligations under the treaty (national caveats: "no combat operations").
- **Restraint.** A move with `effects.restrain = true` aimed at an ally holds it back: on the next
  turn the ally's coercive moves (those that climb) lose `rules.restraint` of their chance. The
  move's own effects carry the cost in cohesion.
- **Per-commitment credibility.** With `rules.credibility = "per_commitment"` each member's
  credibility under each treaty is held apart (it starts at the member's starting credibility);
  honour and breach change it by the treaty's `credibility` delta, and deterrence through a
  `target_allies` modifier on `credibility` reads the backer's commitment toward the target
  (Press 2005: credibility belongs to a commitment, not to a state). `rules.commitment_returns =
  "diminishing"` shrinks each change with the room left towards its bound, and
  `rules.commitment_drift` moves every commitment that changed back toward its base at the end of
  each turn: a promise neither tested nor renewed fades.

The adjudicator calls in at one place each; these functions take its working turn `t` (emit,
change_track, escalate, the draft state), and never import the adjudicator.
"""

from __future__ import annotations

from typing import Any

from . import events as ev
from .model import Campaign, Move, Treaty
from .orders import TeamOrders

PER_COMMITMENT = "per_commitment"


# Decisions ------------------------------------------------------------------------------------


def open_decision(t: Any, treaty: Treaty, victim: str, attacker: str, cause: str) -> None:
    """A consensus treaty was triggered: open its members' decision (one at a time per treaty)."""
    if any(d.treaty == treaty.id for d in t.state.decisions):
        return
    t.emit(
        ev.DecisionOpened(
            turn=t.turn, treaty=treaty.id, victim=victim, attacker=attacker,
            voters=tuple(m for m in treaty.members if m != victim), cause=cause,
        )
    )


def decide(t: Any, by_team: dict[str, TeamOrders]) -> None:
    """This turn's votes: refuse those that cannot count, then settle every decision opened before."""
    open_now = {d.treaty: d for d in t.state.decisions if d.opened < t.turn}
    votes: dict[str, dict[str, bool]] = {}
    for team in t.tables.teams:
        orders = by_team.get(team)
        for index, vote in enumerate(orders.votes if orders else ()):
            what = f"vote {index + 1} on {vote.treaty}"
            decision = open_now.get(vote.treaty)
            if decision is None:
                known = any(x.id == vote.treaty for x in t.c.treaties)
                reason = (
                    f"no decision is open under {t.c.treaty(vote.treaty).name}" if known
                    else f'there is no treaty "{vote.treaty}"'
                )
            elif team not in decision.voters:
                reason = f"{t.name(team)} does not vote on {t.c.treaty(vote.treaty).name}"
            elif team in votes.get(vote.treaty, {}):
                reason = "a second vote on the same decision: the first one counts"
            else:
                votes.setdefault(vote.treaty, {})[team] = vote.support
                continue
            t.refuse(team, what, reason)
    for treaty_id, decision in open_now.items():
        cast = votes.get(treaty_id, {})
        blocked = tuple(m for m in decision.voters if cast.get(m) is False)
        supported = tuple(m for m in decision.voters if cast.get(m) is True)
        silent = tuple(m for m in decision.voters if m not in cast)
        treaty = t.c.treaty(treaty_id)
        t.emit(
            ev.DecisionTaken(
                turn=t.turn, treaty=treaty_id, victim=decision.victim, attacker=decision.attacker,
                bound=not blocked, blocked_by=blocked, supported_by=supported, silent=silent,
            )
        )
        if blocked:
            cause = f"{treaty.name} split in public: {', '.join(t.name(m) for m in blocked)} blocked the decision"
            for member in treaty.members:
                for track, delta in treaty.split.items():
                    t.change_track(member, track, delta, cause, True)
            continue
        t.emit(
            ev.TreatyTriggered(
                turn=t.turn, treaty=treaty_id, victim=decision.victim, attacker=decision.attacker,
                cause=f"the members of {treaty.name} decided to act for {t.name(decision.victim)}",
                obliged=decision.voters, due=t.turn + treaty.obligation.within,
            )
        )


def blocks(escalation_weight: float, obligation_weight: float) -> bool:
    """A bot's taste that fears escalation more than it values obligations (it may block)."""
    return escalation_weight + obligation_weight < 0


def could_entrap(campaign: Campaign, treaty: Treaty) -> bool:
    """Whether honouring `treaty` could draw a member up the ladder: its obligation enters the
    attacker's dyad, or a move that meets it climbs. Only then does a bot that fears escalation
    block (Snyder: the fear of entrapment); nobody blocks a promise to consult."""
    if treaty.obligation.enters_dyad:
        return True
    return any(treaty.obligation.tag in m.tags and coercive(m) for m in campaign.moves)



# Obligations: entrapment and caveats --------------------------------------------------------


def counts(treaty: Treaty, member: str, move: Move, target: str | None, victim: str, attacker: str) -> bool:
    """Whether `member`'s `move` against `target` meets its obligation under `treaty`."""
    if treaty.obligation.tag not in move.tags:
        return False
    caveats = treaty.caveats.get(member, ())
    if caveats and not set(caveats).isdisjoint(move.tags):
        return False
    if not treaty.obligation.enters_dyad:
        return True
    if not target:
        return False
    if attacker:
        return target in (attacker, victim)
    # Invoked by the victim itself: no attacker is named, so anything but a fellow member will do.
    return target == victim or target not in treaty.members


def honouring(treaty: Treaty, obligation: Any, accepted) -> Move | None:
    """The first move among this turn's `accepted` orders that meets `obligation`, or None."""
    for team, _, move, target in accepted:
        if team == obligation.team and counts(treaty, team, move, target, obligation.victim, obligation.attacker):
            return move
    return None


def entered(treaty: Treaty, obligation: Any) -> str:
    """The attacker whose dyad an honouring member enters ("" when the treaty does not entrap)."""
    if treaty.obligation.enters_dyad and obligation.attacker and obligation.attacker != obligation.team:
        return obligation.attacker
    return ""


def enter_dyad(t: Any, obligation: Any, move: Move, cause: str) -> None:
    """Entrapment made real: the member lands at least at the victim's rung with the attacker."""
    ladder = t.tables.ladder
    at_least = t.state.rung(obligation.victim, obligation.attacker)
    t.escalate(obligation.team, obligation.attacker, 0, cause, ladder.may_cross(move), obligation.team, at_least=at_least)


# Restraint ------------------------------------------------------------------------------------


def restrain(t: Any, team: str, ally: str, cause: str, public: bool, known_by: tuple[str, ...]) -> None:
    """`team` holds `ally` back on the next turn."""
    if ally == team or ally not in t.c.allies(team):
        return
    audience = () if public else tuple(dict.fromkeys((*known_by, ally)))
    t.emit(ev.AllyRestrained(turn=t.turn, public=public, audience=audience, team=team, ally=ally, until=t.turn + 1, cause=cause))


def coercive(move: Move) -> bool:
    """A move that climbs when it succeeds: what a restrained ally is held back from."""
    e = move.effects
    return e.escalation > 0 or e.rung_at_least is not None


RESTRAINED = "restrained by an ally"


def restrains(campaign: Campaign) -> bool:
    """Whether any move of the campaign restrains an ally: only then can a chance depend on restraint."""
    found = campaign.derived.get("restrains")
    if found is None:
        found = campaign.derived["restrains"] = any(m.effects.restrain or m.on_failure.restrain for m in campaign.moves)
    return found


def restrained(campaign: Campaign, state: Any, team: str, move: Move) -> float:
    """What restraint takes off `team`'s chance with `move` this turn (0 when not restrained)."""
    if state.restrained.get(team) == state.turn and coercive(move):
        return -campaign.rules.restraint
    return 0.0


# Per-commitment credibility -------------------------------------------------------------------


def commitment_credibility(campaign: Campaign, state: Any, treaty: str, member: str) -> float:
    """`member`'s credibility under `treaty`: its starting credibility until a settlement changed it."""
    value = state.commitments.get(f"{treaty}|{member}")
    return campaign.team(member).credibility if value is None else value


def toward(campaign: Campaign, state: Any, backer: str, target: str) -> float:
    """`backer`'s credibility toward `target`: the best of its commitments under treaties they share."""
    held = [
        commitment_credibility(campaign, state, t.id, backer)
        for t in campaign.treaties
        if backer in t.members and target in t.members
    ]
    return max(held, default=0.0)


def commitment_tracks(campaign: Campaign, state: Any, target: str, backers) -> dict[str, dict[str, float]]:
    """Tracks as a deterrence modifier on credibility reads them: each backer's commitment to `target`."""
    return {p: {"credibility": toward(campaign, state, p, target)} for p in backers}


def settle_commitment(t: Any, treaty: Treaty, member: str, delta: float, cause: str) -> None:
    """Honour or breach moves the member's credibility under this treaty by the treaty's delta."""
    if not delta:
        return
    old = commitment_credibility(t.c, t.state, treaty.id, member)
    low, high = t.bounds["credibility"]
    if t.c.rules.commitment_returns == "diminishing":
        delta = diminished(delta, old, low, high)
    new = round(min(high, max(low, old + delta)), 6)
    if new != old:
        t.emit(ev.CommitmentChanged(turn=t.turn, treaty=treaty.id, team=member, old=old, new=new, cause=cause))


def diminished(delta: float, old: float, low: float, high: float) -> float:
    """A change of credibility with diminishing returns: full at the middle of the range, shrinking
    to none at the bound it moves towards (the rule `credibility_returns` applies to the track)."""
    room = (high - old if delta > 0 else old - low) / (high - low)
    return round(delta * min(1.0, 2 * room), 3)


def drift_commitments(t: Any) -> None:
    """Every commitment whose credibility changed moves `rules.commitment_drift` of the way back to
    its base (the member's starting credibility), in treaty-then-member order; rounded to thousandths."""
    drift = t.c.rules.commitment_drift
    if not drift or t.c.rules.credibility != PER_COMMITMENT or not t.state.commitments:
        return
    for key in sorted(t.state.commitments):
        treaty, member = key.split("|")
        old = t.state.commitments[key]
        base = t.c.team(member).credibility
        delta = round(drift * (base - old), 3)
        if delta:
            new = round(old + delta, 6)
            t.emit(ev.CommitmentChanged(turn=t.turn, treaty=treaty, team=member, old=old, new=new,
                                        cause="credibility under the treaty drifts back toward its base"))
