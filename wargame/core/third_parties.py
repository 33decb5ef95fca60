"""Third parties: neutral teams the rules respect, and moves on a dyad the acting team is not part of.

Neutrality. A team marked `neutral` is neither ally nor rival of anyone: a move with
`target = "rival"` neither reaches it nor is made by it, so the bots' hostile moves pass it by. A
`target = "any"` move may still be aimed at it; when such a move is public and attacks it (carries
one of `rules.force_tags`, or climbs their dyad), a `NeutralityViolated` event says so and the
attacker pays `rules.attack_on_neutral`. A secret or detectable attack is not reported as one:
the world condemns what it sees.

Other pairs' dyads. A move with `target = "dyad"` is aimed at two other teams (the order's
`target` and `dyad_with`): its escalation, anchors and rung requirements act on their dyad, never on
the acting team's own. A step down there is mediation: with `rules.de_escalation = "takes_two"` it
is an offer that either side's climb that turn voids, like a step down by one of the two. Its chance
is the move's, so a campaign reads the mediator's standing with `of = "self"` modifiers.

Carried proposals. A team on a channel with two others may send a proposal to both at once: it
reaches each as a proposal from the carrier, each answers it, and it takes effect on the two
recipients' dyad when both accept; a refusal by either ends it for both.
"""

from __future__ import annotations

import attrs

from . import events as ev
from .escalation import ladder
from .model import Campaign, Move, dyad_key
from .orders import MessageOrder, MoveOrder


def is_neutral(campaign: Campaign, team: str) -> bool:
    """Whether the campaign declares `team` neutral (an unknown id is not)."""
    return campaign.has_team(team) and campaign.team(team).neutral


def neutral_refusal(campaign: Campaign, team: str, move: Move, target: str) -> str:
    """Why a `target = "rival"` move cannot be made by `team` against `target` for neutrality, or ""."""
    if move.target != "rival":
        return ""
    if is_neutral(campaign, target):
        return f"{campaign.team(target).name} is neutral, neither ally nor rival; this move targets rivals"
    if is_neutral(campaign, team):
        return "you are neutral: you have no rivals to make this move against"
    return ""


def attacks(campaign: Campaign, move: Move, climbed: bool) -> bool:
    """Whether a move against a team is an attack on it: it carries a force tag or climbed the dyad."""
    return climbed or any(tag in campaign.rules.force_tags for tag in move.tags)


def attack_on_neutral(t, team: str, target: str, move: Move, public: bool, climbed: bool) -> None:
    """Report a public attack by `team` on the neutral `target` and charge the attacker for it.

    `t` is the adjudicator's working turn (its `emit` and `change_track`).
    """
    if not public or not attacks(t.c, move, climbed):
        return
    t.emit(
        ev.NeutralityViolated(
            turn=t.turn, attacker=team, neutral=target, move=move.id, name=move.name, climbed=climbed,
        )
    )
    cause = f"{t.name(team)} attacked neutral {t.name(target)} ({move.name})"
    for track, delta in t.c.rules.attack_on_neutral.items():
        t.change_track(team, track, delta, cause, True)


def dyad_refusal(campaign: Campaign, team: str, move: Move, first: str | None, second: str | None) -> str:
    """Why `team` cannot make a `target = "dyad"` move on the dyad of `first` and `second`, or ""."""
    if not first or not second:
        return "this move acts on another pair's dyad: choose two teams"
    for other in (first, second):
        if not campaign.has_team(other):
            return f'there is no team "{other}"'
    if first == second:
        return "choose two different teams"
    if team in (first, second):
        return "this move acts on a dyad you are not part of: choose two other teams"
    if move.targets and not (first in move.targets and second in move.targets):
        names = ", ".join(campaign.team(t).name for t in move.targets)
        return f"this move can only act between {names}"
    return ""


def apply_dyad_effects(t, team: str, first: str, second: str, move: Move, e, cause: str, public: bool,
                       known_by: tuple[str, ...], success: bool) -> None:
    """A move by `team` on the dyad of `first` and `second`: its own tracks, the two teams' tracks,
    the dyad (a step down there is an offer under takes-two, as a side's own would be) and a channel.

    `t` is the adjudicator's working turn.
    """
    for track, delta in e.actor.items():
        t.change_track(team, track, delta, cause, public, known_by)
    for other in (first, second):
        for track, delta in e.target.items():
            t.change_track(other, track, delta, cause, public, known_by)
    if e.escalation or e.rung_at_least or e.rung_exactly:
        key = dyad_key(first, second)
        old = t.state.rungs[key]
        new, held = t.tables.ladder.move_landing(old, move, e)
        if new < old and t.tables.takes_two:
            # The eighth part names the mediator: either side's climb this turn voids its offer.
            t.offers.append((key, first, second, move, success, cause, known_by, team))
        else:
            t.land(first, second, old, new, held, cause, team, known_by)
    if e.channel and e.channel_status:
        t.set_channel(e.channel, e.channel_status, cause, known_by)


def carried_to(proposal) -> tuple[str, ...]:
    """The other recipient of a proposal carried between two teams, who hears each answer to it; () otherwise."""
    return (proposal.other,) if proposal.other else ()


STAND_DOWN_TEXT = "We offer our good offices: both sides step back and talk."


def mediation_orders(campaign: Campaign, state, team: str, orders):
    """A doctrine bot's orders with its mediation added: from `doctrine.mediate_at` on another pair's
    dyad, the cheapest of its step-down moves on other pairs' dyads it can still afford and make, on the
    tensest such dyad (ties in campaign order), and a stand-down proposal carried between that pair
    over a working channel it shares with both, unless one it carries between them is still open."""
    # Imported here: `rules` reads this module's refusals, so it cannot be read before them.
    from .rules import budget, refusal

    doctrine = campaign.team(team).doctrine
    if doctrine is None or doctrine.mediate_at is None:
        return orders
    floor = campaign.rung_index(doctrine.mediate_at)
    others = [t.id for t in campaign.teams if t.id != team]
    pairs = [(state.rung(a, b), a, b) for i, a in enumerate(others) for b in others[i + 1 :]]
    tense = sorted((p for p in pairs if p[0] >= floor), key=lambda p: -p[0])
    if not tense:
        return orders
    moves = list(orders.moves)
    left = budget(state, team) - sum(campaign.move(m.move).cost for m in moves if campaign.find_move(m.move))
    lad = ladder(campaign)
    steps_down = sorted(
        (m for m in campaign.moves if m.target == "dyad" and m.cost <= left and all(o.move != m.id for o in moves)),
        key=lambda m: m.cost,
    )
    for move in steps_down:
        pair = next(
            ((a, b) for level, a, b in tense
             if lad.move_landing(level, move, move.effects)[0] < level and not refusal(campaign, state, team, move, a, b)),
            None,
        )
        if pair is not None:
            moves.append(MoveOrder(move.id, *pair))
            break
    messages = list(orders.messages)
    carried = {frozenset((p.responder, p.other)) for p in state.proposals if p.sender == team and p.other}
    if not any(m.proposal for m in messages):
        for _, a, b in tense:
            if frozenset((a, b)) in carried:
                continue
            channel = next(
                (ch for ch in campaign.channels
                 if {team, a, b} <= set(ch.members) and state.channels[ch.id] != "suspended"),
                None,
            )
            if channel is not None:
                messages.append(MessageOrder(channel.id, STAND_DOWN_TEXT, (a, b), "stand_down"))
                break
    return attrs.evolve(orders, moves=tuple(moves), messages=tuple(messages))
