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

from . import events as ev
from .model import Campaign, Move, dyad_key


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
