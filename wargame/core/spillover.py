"""Horizontal escalation and domains: a move or an incident that draws other dyads in, and where it happens.

Escalation is not only vertical (Morgan et al., *Dangerous Thresholds*, RAND 2008): a strike on
one ally draws its partners in against the attacker (a second front), and a crisis is fought in
domains (maritime, cyber, space …) that the instruments of crisis management do not all reach:
an INCSEA-style maritime channel does not contain a cyber incident.

- **Domains.** A rung and a move may name a `domain`. An incident on a dyad takes the domain of
  the last move that raised that dyad this turn, else the domain of the rung it is rolled on. A
  channel with `domains` dampens and contains only incidents in those domains (an incident with
  no domain, and a channel without `domains`, are covered as before).
- **Spill from a move.** A move's `effects.spill` (or `on_failure.spill`) lists dyads it moves as
  well as its own, each named by two sides: "actor", "target", "actor_allies", "target_allies"
  (each treaty partner of that team, other than the two teams of the move; a pair of treaty
  partners is never set against each other) or a team id. Each spill climbs `steps` (may be
  negative), lands at least on `rung_at_least`, crosses only the firebreaks its `crosses` names
  and stops on a terminal rung, like a move. Under "takes two", a spill that would lower a dyad
  is an offer: void when either side of that dyad climbed it this turn, applied after every move.
- **Spill from an incident.** An incident that climbs (or leaks across a firebreak) rolls the
  `spill` chance of the rung it lands on (`rules.spill` when the rung sets none); under it, each
  side's treaty partners are drawn in against the other side: one rung, no firebreak crossed.
- A spill never spills again. Each is its own `EscalationChanged` naming the dyad it spilled from
  (`spilled_from`), the domain and the rung; a spill from a secret move is known by the same
  teams as the move (`known_by`), so everyone else reads "an undisclosed action" (views.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import events as ev
from .escalation import ladder
from .model import Campaign, Channel, Effects, Move, Spill, dyad_key
from .state import Draft, GameState

if TYPE_CHECKING:  # the adjudicator imports this module: no import back at run time
    from .adjudicator import _Turn


def uses_domains(campaign: Campaign) -> bool:
    """Whether any rung or move names a domain (else incidents have none, and nothing here is asked)."""
    found = campaign.derived.get("domains")
    if found is None:
        found = campaign.derived["domains"] = any(r.domain for r in campaign.rungs) or any(m.domain for m in campaign.moves)
    return found


def limited_channels(campaign: Campaign) -> bool:
    """Whether any channel covers only some domains."""
    return any(ch.domains for ch in campaign.channels)


def covers(channel: Channel, domain: str) -> bool:
    """Whether `channel` reaches an incident in `domain`: every domain when it names none, and an
    incident with no domain whatever it names."""
    return not channel.domains or not domain or domain in channel.domains


def _joining(campaign: Campaign, a: str, b: str, domain: str) -> list[Channel]:
    return [ch for ch in campaign.channels if a in ch.members and b in ch.members and covers(ch, domain)]


def dampening_in(campaign: Campaign, state: GameState | Draft, a: str, b: str, domain: str) -> float:
    """`rules.channel_between`, counting only the channels that cover `domain`."""
    best = 0.0
    for ch in _joining(campaign, a, b, domain):
        status = state.channels[ch.id]
        value = ch.dampening if status == "open" else ch.dampening / 2 if status == "degraded" else 0.0
        best = max(best, value)
    return best


def containment_in(campaign: Campaign, state: GameState | Draft, a: str, b: str, domain: str) -> tuple[str, float]:
    """`rules.containment_between`, counting only the channels that cover `domain`."""
    best, value = "", 0.0
    for ch in _joining(campaign, a, b, domain):
        status = state.channels[ch.id]
        contains = ch.containment if status == "open" else ch.containment / 2 if status == "degraded" else 0.0
        if contains > value:
            best, value = ch.id, contains
    return best, value


def incident_domain(t: _Turn, key: str, level: int) -> str:
    """The domain of an incident on dyad `key` rolled at rung `level`: the last move that raised
    the dyad this turn, else the rung's."""
    return t.raised_in.get(key) or t.c.rungs[level].domain


def side(campaign: Campaign, word: str, actor: str, target: str) -> tuple[str, ...]:
    """The teams one side of a spill's dyad names."""
    if word == "actor":
        return (actor,)
    if word == "target":
        return (target,) if target else ()
    if word == "actor_allies":
        return tuple(x for x in campaign.allies(actor) if x != target)
    if word == "target_allies":
        return tuple(x for x in campaign.allies(target) if x != actor) if target else ()
    return (word,)


def dyads(campaign: Campaign, spill: Spill, actor: str, target: str) -> list[tuple[str, str]]:
    """The dyads a spill moves, each once, in campaign order of its first side: never a team
    against itself, never the move's own dyad, never two treaty partners drawn in by an "_allies" word."""
    firsts, seconds = (side(campaign, w, actor, target) for w in spill.dyad)
    allied = any(w.endswith("_allies") for w in spill.dyad)
    own = dyad_key(actor, target) if target else ""
    out, seen = [], set()
    for a in firsts:
        for b in seconds:
            key = dyad_key(a, b)
            if a == b or key == own or key in seen or (allied and b in campaign.allies(a)):
                continue
            seen.add(key)
            out.append((a, b))
    return out


def after_move(t: _Turn, team: str, target: str, move: Move, e: Effects, cause: str, known_by: tuple[str, ...]) -> None:
    """The dyads a move's effects `e` draw in beyond its own (see the module's docstring)."""
    lad = ladder(t.c)
    index = t.c._index["rung"]
    source = tuple(sorted((team, target))) if target else (team,)
    for spill in e.spill:
        may_cross = frozenset(index[r] for r in spill.crosses if r in index and lad.firebreak[index[r]])
        at_least = index[spill.rung_at_least] if spill.rung_at_least else None
        for a, b in dyads(t.c, spill, team, target):
            key = dyad_key(a, b)
            old = t.state.rungs[key]
            new, held = lad.land(old, spill.steps, may_cross, at_least)
            by = team if team in (a, b) else ""
            why = f"spill-over from {cause}"
            if new < old and t.tables.takes_two:
                t.spill_offers.append((key, a, b, new, by, why, known_by, move.domain, source))
                continue
            if new > old:
                if by:
                    t.climbed.add((by, key))
                if move.domain:
                    t.raised_in[key] = move.domain
            t.land(a, b, old, new, held, why, by, known_by, domain=move.domain, spilled_from=source)


def resolve_offers(t: _Turn) -> None:
    """Spills that would lower a dyad when de-escalation takes two: void where either side climbed
    that dyad this turn (each side's climb has its own line), else applied, the deepest on a dyad."""
    best: dict[str, tuple] = {}
    for offer in t.spill_offers:
        key, a, b, new, by, why, known_by, domain, source = offer
        climber = next((x for x in (a, b) if (x, key) in t.climbed), None)
        if climber is not None:
            t.emit(
                ev.StepDownVoided(
                    turn=t.turn, public=not known_by, audience=known_by, dyad=tuple(sorted((a, b))),
                    team=by or (b if climber == a else a), other=climber, cause=why,
                    secret=bool(known_by), known_by=known_by,
                )
            )
            continue
        if key not in best or new < best[key][3]:
            best[key] = offer
    for key, a, b, new, by, why, known_by, domain, source in best.values():
        old = t.state.rungs[key]
        if new < old:
            t.land(a, b, old, new, "", why, by, known_by, domain=domain, spilled_from=source)


def incident_spill_chance(campaign: Campaign, landed: int) -> float:
    """The chance that an incident which landed on rung `landed` draws allies in."""
    own = campaign.rungs[landed].spill
    return campaign.rules.spill if own is None else own


def after_incident(t: _Turn, pair: tuple[str, str], domain: str) -> None:
    """An incident on `pair` spilled: each side's treaty partners climb one rung against the other
    side (a second front), crossing no firebreak."""
    lad = ladder(t.c)
    a, b = pair
    why = f"spill-over from an incident neither side ordered between {t.name(a)} and {t.name(b)}: allies drawn in"
    seen = set()
    for ally, other in [(x, b) for x in t.c.allies(a)] + [(x, a) for x in t.c.allies(b)]:
        key = dyad_key(ally, other)
        if ally in pair or key in seen or other in t.c.allies(ally):
            continue
        seen.add(key)
        old = t.state.rungs[key]
        new, held = lad.land(old, 1, frozenset())
        t.land(ally, other, old, new, held, why, "", (), domain=domain, spilled_from=pair)
