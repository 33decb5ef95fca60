"""Rule helpers shared by the adjudicator, the views and the bots: legality, chances, conditions."""

from __future__ import annotations

from .events import Term
from .model import Campaign, Condition, Move, dyad_key
from .state import GameState

PROBABILITY_FLOOR = 0.0
PROBABILITY_CEILING = 1.0
INTEL_REVEALS_TRACKS = 0.5
"""Effective intelligence at or above which a team sees another team's tracks."""


def clamp(value: float, low: float, high: float) -> float:
    return min(high, max(low, value))


def tidy(value: float) -> float:
    """Round so that sums of deltas stay readable (0.3, not 0.30000000000000004)."""
    return round(value, 6)


def budget(state: GameState, team: str) -> int:
    """What a team may spend on moves this turn: its resources track, in whole units."""
    return int(state.tracks[team]["resources"])


def treaty_partners(campaign: Campaign, team: str, provision: str | None = None) -> list[str]:
    """Teams that share a treaty with `team` (only treaties with `provision`, when given)."""
    if provision is None:
        return list(campaign.allies(team))
    partners: list[str] = []
    for t in campaign.treaties:
        if team in t.members and (provision is None or provision in t.provisions):
            partners += [m for m in t.members if m != team and m not in partners]
    return partners


def has_provision(campaign: Campaign, team: str, provision: str) -> bool:
    return any(team in t.members and provision in t.provisions for t in campaign.treaties)


def effective_intelligence(campaign: Campaign, state: GameState, team: str) -> float:
    """A team's intelligence, raised to the best of partners it shares intelligence with."""
    own = state.tracks[team]["intelligence"]
    shared = [state.tracks[p]["intelligence"] for p in treaty_partners(campaign, team, "intelligence_sharing")]
    return max([own, *shared])


def channel_between(campaign: Campaign, state: GameState, a: str, b: str) -> float:
    """The best dampening of a working channel joining a and b (halved when degraded)."""
    best = 0.0
    for ch in campaign.channels:
        if a in ch.members and b in ch.members:
            status = state.channels[ch.id]
            value = ch.dampening if status == "open" else ch.dampening / 2 if status == "degraded" else 0.0
            best = max(best, value)
    return best


class _Names:
    """Team names looked up only when a refusal needs them (most checks pass)."""

    def __init__(self, campaign: Campaign):
        self.campaign = campaign

    def __getitem__(self, team: str) -> str:
        return self.campaign.team(team).name

    def get(self, team: str, default: str) -> str:
        try:
            return self.campaign.team(team).name
        except KeyError:
            return default


def refusal(campaign: Campaign, state: GameState, team: str, move: Move, target: str | None) -> str:
    """Why `team` cannot make `move` against `target` now, or "" when it can."""
    names = _Names(campaign)
    if move.teams and team not in move.teams:
        return f"only {', '.join(names.get(t, t) for t in move.teams)} may make this move"
    if move.target == "none":
        if target:
            return "this move takes no target"
    else:
        if not target:
            return "this move needs a target team"
        if target not in state.tracks:
            return f'there is no team "{target}"'
        if target == team:
            return "a team cannot target itself"
        if move.targets and target not in move.targets:
            return f"this move can only target {', '.join(names[t] for t in move.targets)}"
        allied = target in campaign.allies(team)
        if move.target == "ally" and not allied:
            return f"{names[target]} is not an ally (no shared treaty)"
        if move.target == "rival" and allied:
            return f"{names[target]} is an ally; this move targets rivals"
    rq = move.requires
    level = state.rung(team, target) if target else state.crisis()
    where = f"the dyad with {names[target]}" if target else "the crisis"
    if rq.min_rung and level < campaign.rung_index(rq.min_rung):
        return f"{where} is below {campaign.rungs[campaign.rung_index(rq.min_rung)].name}"
    if rq.max_rung and level > campaign.rung_index(rq.max_rung):
        return f"{where} is above {campaign.rungs[campaign.rung_index(rq.max_rung)].name}"
    for tr in rq.tracks:
        value = state.tracks[team][tr.track]
        if tr.at_least is not None and value < tr.at_least:
            return f"your {tr.track} is {value:g}, needs at least {tr.at_least:g}"
        if tr.at_most is not None and value > tr.at_most:
            return f"your {tr.track} is {value:g}, needs at most {tr.at_most:g}"
    if rq.channel:
        channel = campaign.channel(rq.channel)
        if team not in channel.members:
            return f"you are not on {channel.name}"
        if rq.channel_status and state.channels[rq.channel] not in rq.channel_status:
            return f"{channel.name} is {state.channels[rq.channel]}"
    if rq.treaty and team not in campaign.treaty(rq.treaty).members:
        return f"you are not a member of {campaign.treaty(rq.treaty).name}"
    if rq.provision and not has_provision(campaign, team, rq.provision):
        return f"no treaty of yours grants {rq.provision.replace('_', ' ')}"
    for effect in (move.effects, move.on_failure):
        if effect.channel and team not in campaign.channel(effect.channel).members:
            return f"you are not on {campaign.channel(effect.channel).name}"
        for treaty in (effect.invoke_treaty, effect.consult_treaty):
            if treaty and team not in campaign.treaty(treaty).members:
                return f"you are not a member of {campaign.treaty(treaty).name}"
    return ""


def success_chance(
    campaign: Campaign, state: GameState, team: str, move: Move, target: str | None
) -> tuple[float, tuple[Term, ...]]:
    """The chance a move succeeds, and each term that moved it from the base."""
    terms: list[Term] = []
    short = campaign.short_name_of
    for mod in move.success.modifiers:
        if mod.of == "self":
            value, whose = state.tracks[team][mod.track], f"own {mod.track}"
        elif mod.of == "target":
            value, whose = state.tracks[target][mod.track], f"{short[target]}'s {mod.track}"
        elif mod.of == "interop":
            value, whose = state.interop.get(dyad_key(team, target), 0.0), f"interoperability with {short[target]}"
        else:
            backers = [p for p in treaty_partners(campaign, target) if p != team]
            if not backers:
                continue
            best = max(backers, key=lambda p: state.tracks[p][mod.track])
            value, whose = state.tracks[best][mod.track], f"{short[target]}'s ally {short[best]}: {mod.track}"
        contribution = tidy(mod.weight * (value - mod.centre))
        if contribution:
            terms.append(Term(f"{whose} {value:g} (weight {mod.weight:g})", contribution))
    if move.category == "military" and target:
        hosts = [
            t.name
            for t in campaign.treaties
            if team in t.members and target not in t.members and "basing" in t.provisions
        ]
        if hosts:
            bonus = max(t.basing_bonus for t in campaign.treaties if t.name in hosts)
            terms.append(Term(f"basing rights ({hosts[0]})", bonus))
    total = move.success.base + sum(t.value for t in terms)
    return tidy(clamp(total, PROBABILITY_FLOOR, PROBABILITY_CEILING)), tuple(terms)


def step_rungs(campaign: Campaign, start: int, delta: int, crosses_firebreak: bool) -> tuple[int, str]:
    """Where `delta` rungs from `start` lands, and the firebreak that held it, if any.

    Climbing stops on a terminal rung: the game ends there, it is not jumped over.
    """
    if delta <= 0:
        return max(0, start + delta), ""
    at = start
    for _ in range(delta):
        nxt = at + 1
        if nxt >= len(campaign.rungs):
            break
        if campaign.rungs[nxt].firebreak and not crosses_firebreak:
            return at, campaign.rungs[nxt].id
        at = nxt
        if campaign.rungs[at].terminal:
            break
    return at, ""


def holds(campaign: Campaign, state: GameState, cond: Condition, ended_by: str = "") -> bool:
    """Whether every part of a condition holds in `state`."""
    if cond.turn_at_least is not None and state.turn < cond.turn_at_least:
        return False
    crisis = state.crisis()
    if cond.crisis_at_least and crisis < campaign.rung_index(cond.crisis_at_least):
        return False
    if cond.crisis_at_most and crisis > campaign.rung_index(cond.crisis_at_most):
        return False
    if cond.dyad:
        level = state.rung(cond.dyad[0], cond.dyad[1])
        if cond.rung_at_least and level < campaign.rung_index(cond.rung_at_least):
            return False
        if cond.rung_at_most and level > campaign.rung_index(cond.rung_at_most):
            return False
    if cond.team and cond.track:
        value = state.tracks[cond.team][cond.track]
        if cond.at_least is not None and value < cond.at_least:
            return False
        if cond.at_most is not None and value > cond.at_most:
            return False
    if cond.treaty_honoured:
        broken = {k for k in state.breached if k.startswith(cond.treaty_honoured + "|")}
        if cond.team:
            broken = {k for k in broken if k.endswith("|" + cond.team)}
        # Honoured means nobody (or this team) broke it: a treaty never tested was not broken.
        if broken:
            return False
    if cond.treaty_breached:
        broken = {k for k in state.breached if k.startswith(cond.treaty_breached + "|")}
        if cond.team:
            broken = {k for k in broken if k.endswith("|" + cond.team)}
        if not broken:
            return False
    if cond.channel and state.channels[cond.channel] != cond.channel_status:
        return False
    if cond.ended_by and ended_by != cond.ended_by:
        return False
    if cond.not_ended_by and ended_by == cond.not_ended_by:
        return False
    return True
