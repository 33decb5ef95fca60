"""Bot personas: each decides a team's orders from what that team may know.

Every persona is a `Taste`, a set of weights over moves; `tit-for-tat` and
`deterrent` pick a taste per target from what that target did last turn, and
`doctrine` reads the weights the instructor wrote into the campaign.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from . import alliances
from . import events as ev
from .adjudicator import INTEROP_CAP
from .declarations import bot_declarations, red_line_weight
from .escalation import ladder
from .model import Campaign, Doctrine, Move, dyad_key
from .orders import MessageOrder, MoveOrder, Response, TeamOrders, Vote
from .perception import blamed, read_state, suspected
from .personas import PERSONAS  # noqa: F401  (re-exported; the names live apart so checks need not load the bots)
from .rules import basing_bonus, budget, fixed_chance, gate, refusal, static_refusals, success_chance, treaty_partners
from .state import GameState
from .streams import turn_rng
from .views import visible

MAX_MOVES = 3
THRESHOLD = 0.5
"""A move is chosen only if its score beats this: a bot may well pass."""


@attrs.frozen
class Taste:
    """How much a persona likes a move, term by term; see `_score`."""

    categories: dict[str, float] = attrs.Factory(dict)
    moves: dict[str, float] = attrs.Factory(dict)
    escalation: float = 0.0
    firebreak: float = -0.5
    obligation: float = 0.0
    channels: float = 0.0
    posture: float = 0.0
    noise: float = 0.6
    max_escalation: int = 99
    hold: frozenset[int] = frozenset()
    """Rungs from which the taste never steps a dyad down by a move of its own (forces in contact)."""
    max_rung: int | None = None
    red_lines: float = 2.0
    """Subtracted from a move that would cross another team's declared red line, times the declarer's
    credibility (public): a threat weighs as much as it is believed."""
    fear: float = 0.0
    """Added to a step down (and to a move that opens a channel) on a dyad where an incident could leak
    across a firebreak, times that leak chance ×10: fear of the war nobody chose."""
    domains: dict[str, float] = attrs.Factory(dict)
    """Added to a move's score by the move's domain (a doctrine's `domains`)."""


# A threshold costs a persona its `firebreak` weight times the threshold's salience (0–1): a hawk
# fires the first shot (salience about 0.3) much as before, and hardly ever breaks the nuclear taboo.
HAWK = Taste(
    categories={"military": 1.2, "cyber": 1.0, "information": 0.6, "alliance": 0.5, "economic": 0.3, "diplomatic": -0.4},
    escalation=1.5, firebreak=-5.0, obligation=3.0, channels=-0.5, red_lines=1.0,
)
DOVE = Taste(
    categories={"diplomatic": 1.2, "alliance": 0.8, "economic": 0.5, "information": 0.2, "cyber": -0.3, "military": -0.5},
    escalation=-2.0, firebreak=-10.0, obligation=1.5, channels=1.0, fear=1.0, red_lines=4.0,
)
RANDOM = Taste(noise=2.0, red_lines=0.0)
# Deterrence: honour commitments, build credible posture, answer provocation firmly
# but by one rung at most, and never be the one to cross a firebreak. Hold the posture while forces
# are in contact: no step down by a move of its own there (a unilateral step down is a concession;
# de-escalation there is agreed, see `_Plan.contact`).
DETER_FIRM = Taste(
    categories={"alliance": 1.2, "military": 0.8, "diplomatic": 0.4, "cyber": 0.3, "information": 0.5, "economic": 0.3},
    escalation=0.6, firebreak=-10.0, obligation=4.0, channels=0.5, posture=1.5, max_escalation=1, fear=0.5,
    red_lines=3.0,
)
DETER_CALM = Taste(
    categories={"alliance": 1.2, "diplomatic": 1.0, "economic": 0.5, "information": 0.3, "military": 0.2, "cyber": -0.2},
    escalation=-1.0, firebreak=-10.0, obligation=4.0, channels=1.5, posture=1.0, max_escalation=0, fear=1.0,
    red_lines=3.0,
)


def doctrine_taste(campaign: Campaign, doctrine: Doctrine | None) -> Taste:
    """The taste an instructor's doctrine describes (a cautious default when there is none)."""
    d = doctrine or Doctrine(escalation=-0.5, obligation=2.0, channels=0.5)
    return Taste(
        categories=dict(d.categories), moves=dict(d.moves), escalation=d.escalation,
        firebreak=d.firebreak, obligation=d.obligation, channels=d.channels,
        max_rung=campaign.rung_index(d.max_rung) if d.max_rung else None, fear=d.fear, domains=dict(d.domains),
        red_lines=d.red_lines,
    )


def doctrine_tastes(campaign: Campaign, doctrine: Doctrine | None) -> tuple[Taste, Taste]:
    """The doctrine's taste toward a rival in calm and toward one it believes moved against it last
    turn: the same, unless the doctrine `retaliate`s (its escalation weight raised by that much)."""
    calm = doctrine_taste(campaign, doctrine)
    if doctrine is None or not doctrine.retaliate:
        return calm, calm
    return calm, attrs.evolve(calm, escalation=calm.escalation + doctrine.retaliate)


def bot_orders(
    persona: str,
    campaign: Campaign,
    state: GameState,
    team: str,
    seed: int,
    log: Sequence[ev.Event] = (),
) -> TeamOrders:
    """A persona's orders for `team` this turn, using only what `team` may see of `log`.

    Every move the team may make against every target gets a score: how much the
    taste likes it, times (0.5 + its chance), plus noise; the best three it can
    afford, one of each move, are chosen, if they beat THRESHOLD. Noise is drawn
    front by front (see `_Plan`), each front's moves in catalogue order. `_Plan`
    keeps what never changes; the chance, the costly part, is worked out only for
    moves whose best possible score could still be chosen.
    """
    plan = _plan(campaign, team, persona)
    reading = plan.reading
    # The ladder and rivals' tracks as the team believes them, read as its persona reads uncertainty.
    state = read_state(campaign, state, team, reading)
    rng = turn_rng(seed, state.turn, f"bot:{team}")
    hostile = _escalated_against(campaign, team, state.turn - 1, log) if log else set()
    hostile |= blamed(campaign, state, team)
    if reading == "worst":
        hostile |= suspected(campaign, state, team)
    owed = {o.tag for o in state.obligations if o.team == team} if state.obligations else set()
    if plan.burdens:
        owed |= _burdens_short(campaign, state, team)
    if state.red_lines:
        # A crossed line of its own is a debt to its public, weighed as a treaty obligation is.
        owed |= {tag for x in state.red_lines if x.team == team and x.status == "crossed" for tag in x.enforce}
    rungs, crisis = state.rungs, state.crisis()
    draw = rng.random
    # Candidates are (-bound, position, score, noise, move, target): the bound is the best the
    # score can be with this draw (with a certain success when the chance is not known yet:
    # `score` is then what it takes to work the exact score out; None when the bound is exact).
    # The position breaks ties in the order the noise was drawn.
    candidates = []
    # Bound once, not looked up per entry: this loop runs for every move against every target.
    append, threshold = candidates.append, THRESHOLD
    position = 0
    for key, target, calm, provoked in plan.fronts:
        for gate, move, score, best, fixed, scale, owed_rating, duties in (provoked if target in hostile else calm)[
            rungs[key] if key else crisis
        ]:
            if gate is not None and not gate.admits(state, team):
                continue
            if owed and owed_rating is not None and not owed.isdisjoint(duties):
                score, best, fixed = owed_rating
            if best is None:
                continue
            noise = scale * draw()
            if fixed is not None:
                if fixed + noise > threshold:
                    append((-(fixed + noise), position, None, noise, move, target))
            elif best + noise > threshold:
                append((-(best + noise), position, score, noise, move, target))
            position += 1
    candidates.sort()
    # Lines other teams declared that still stand: a move that would cross one is discounted.
    # Only a line on a dyad of this team can be crossed by its moves: kept by the other side of that dyad.
    lines: dict[str, list] = {}
    for x in state.red_lines:
        dyad = x.condition.dyad
        if x.status == "standing" and x.team != team and team in dyad:
            lines.setdefault(dyad[0] if dyad[1] == team else dyad[1], []).append(x)
    # Take moves in the order of their exact scores: an exact score is next once no bound
    # still waiting could beat it (a bound is never below its exact score).
    ready: list = []  # exact scores worked out and not yet taken: (-score, position, move, target)
    spent, chosen, used, available = 0, [], set(), budget(state, team)
    cheapest, orders_for = plan.cheapest, plan.orders
    waiting = iter(candidates)
    candidate = next(waiting, None)
    while len(chosen) < MAX_MOVES and available - spent >= cheapest:
        best = min(ready) if ready else None
        if candidate is not None and (best is None or candidate < best):
            bound, position, score, noise, move, target = candidate
            candidate = next(waiting, None)
            if move.id in used or spent + move.cost > available:
                continue  # it could not be chosen now, and choosing only uses up moves and budget
            if score is None and target not in lines:
                # Its bound is its exact score, and it beats every bound still waiting and every
                # score worked out: take it now rather than on the next round of this loop.
                spent += move.cost
                used.add(move.id)
                chosen.append(orders_for[move.id, target])
                continue
            if score is not None:
                chance, _ = success_chance(campaign, state, team, move, target or None, False)
                bound = -(score * (0.5 + chance) + noise)
            if target in lines:
                weight = plan.red_lines[target in hostile]
                # bound is minus the score: a discount raises it
                bound += weight * red_line_weight(campaign, state, team, move, target, lines[target]) if weight else 0.0
            ready.append((bound, position, move, target))
            continue
        if best is None or -best[0] <= THRESHOLD:
            break
        ready.remove(best)
        _, _, move, target = best
        if move.id in used or spent + move.cost > available:
            continue
        spent += move.cost
        used.add(move.id)
        chosen.append(orders_for[move.id, target])  # the plan's MoveOrder (frozen): not built anew every turn
    moves = tuple(chosen)
    messages = _messages(persona, plan, state, team, hostile, rng)
    if plan.mediation is not None and crisis >= plan.mediation.floor:  # below it, no dyad is tense enough
        moves, messages = _mediate(campaign, plan.mediation, state, team, moves, messages)
    return TeamOrders(
        team=team,
        moves=moves,
        messages=messages,
        responses=_responses(persona, campaign, state, team, hostile, rng) if state.proposals else (),
        votes=_votes(persona, campaign, state, team, hostile) if state.decisions else (),
        declarations=bot_declarations(persona, campaign, state, team),
    )


READINGS = {"hawk": "worst", "deterrent": "worst", "dove": "hopeful"}
"""How each persona reads what it is unsure of (`perception.read_state`); the rest read their estimate.
The hawk and the deterrent prepare for the worst a rival could be doing (the deterrence model's
premise, Jervis ch. 3); the dove hopes for the best; tit-for-tat answers only what it saw."""


def reading_of(persona: str, campaign: Campaign, team: str) -> str:
    """How `team`'s bot, playing `persona`, reads uncertainty: a doctrine's `reading`, else the persona's."""
    if persona == "doctrine":
        doctrine = campaign.team(team).doctrine
        return doctrine.reading if doctrine else "estimate"
    return READINGS.get(persona, "estimate")


def _votes(persona: str, campaign: Campaign, state: GameState, team: str, hostile: set[str]) -> tuple:
    """Votes on the decisions open to `team`, by the persona's taste (the provoked one when the
    attacker escalated against the team itself last turn): a taste that fears escalation more than
    it values obligations blocks a decision that could entrap it (`alliances.could_entrap`)."""
    calm, provoked = {
        "tit-for-tat": (DOVE, HAWK), "deterrent": (DETER_CALM, DETER_FIRM), "hawk": (HAWK, HAWK), "dove": (DOVE, DOVE),
    }.get(persona, (None, None))
    if persona == "doctrine":
        calm = provoked = doctrine_taste(campaign, campaign.team(team).doctrine)
    votes = []
    for decision in state.decisions:
        taste = provoked if decision.attacker in hostile else calm
        if taste is None or team not in decision.voters:
            continue  # a random bot stays silent, which is consent
        fearful = alliances.blocks(taste.escalation, taste.obligation)
        votes.append(Vote(decision.treaty, not (fearful and alliances.could_entrap(campaign, campaign.treaty(decision.treaty)))))
    return tuple(votes)


@attrs.frozen
class _Plan:
    """One team's moves for one persona, worked out once per campaign.

    `fronts` holds where the team's moves act: first the crisis (untargeted moves),
    then each other team in campaign order, as (dyad key or "", target or "",
    entries for the calm taste, entries for the provoked taste). Entries are listed
    per rung of the dyad (or of the crisis) and hold, in catalogue order, every move
    a rung admits that the team may make and the taste may choose: (the move's
    `rules.Gate` when the team's tracks or a channel can close it, else None; the
    move; its rating, `score, best, fixed` as `_rate` gives them; the noise scale;
    the rating when it meets an obligation the team owes, or None when it has no tags).
    """

    fronts: tuple
    cheapest: int
    """The lowest cost of any of these moves: with less left, nothing more can be chosen."""
    contacts: tuple[tuple[str, tuple[str, ...]], ...]
    """Each channel the team is on, with the rivals at its other ends."""
    propose_at: int | None
    settle_after: int
    """After this many turns, the team proposes a settlement on every dyad above `calm` (0: never)."""
    calm: int
    """The campaign's calm rung (the first rung when it has none)."""
    red_lines: tuple[float, float] = (0.0, 0.0)
    """The `red_lines` weight of the calm taste and of the provoked one."""
    contact: frozenset[int] = frozenset()
    """The rungs on which a deterrent holds its posture: an incident there could leak across a
    firebreak (forces in contact). It neither steps down by a move nor offers a stand-down or a
    settlement there; it still accepts the other side's (Schelling's threat that leaves something
    to chance)."""
    reading: str = "estimate"
    """How the persona reads what it is unsure of (`reading_of`)."""
    orders: dict = attrs.Factory(dict)
    """The order for each (move id, target) of `fronts`, built once: orders are frozen values."""
    burdens: bool = False
    """Whether any of the team's treaties sets a burden-sharing target (`_burdens_short`)."""
    mediation: _Mediation | None = None
    """What a doctrine that mediates weighs (`mediation_orders`); None when the team does not mediate."""


def _plan(campaign: Campaign, team: str, persona: str) -> _Plan:
    plans = campaign.derived.setdefault("bots", {})
    key = (team, persona if persona in PERSONAS else "random")  # an unknown persona plays as random
    if key not in plans:
        plans[key] = _make_plan(campaign, *key)
    return plans[key]


def _make_plan(campaign: Campaign, team: str, persona: str) -> _Plan:
    if persona == "tit-for-tat":
        # Mirror the other side: answer last turn's escalation in kind, else cooperate.
        calm, provoked = DOVE, HAWK
    elif persona == "deterrent":
        contact = _contact(campaign)
        calm, provoked = attrs.evolve(DETER_CALM, hold=contact), attrs.evolve(DETER_FIRM, hold=contact)
    elif persona == "doctrine":
        calm, provoked = doctrine_tastes(campaign, campaign.team(team).doctrine)
    else:
        calm = provoked = {"hawk": HAWK, "dove": DOVE}.get(persona, RANDOM)
    partners = treaty_partners(campaign, team)
    rivals = tuple(t.id for t in campaign.teams if t.id != team and t.id not in partners)
    if any(t.neutral for t in campaign.teams):
        # A neutral is nobody's rival, and has none: its hostile moves and proposals go nowhere.
        rivals = () if campaign.team(team).neutral else tuple(r for r in rivals if not campaign.team(r).neutral)
    allies = set(campaign.allies(team))
    fronts = []
    costs = []
    for target in ("", *(t.id for t in campaign.teams if t.id != team)):
        tastes = {}
        for taste in (calm, provoked):
            if id(taste) not in tastes:
                by_rung: list[list] = [[] for _ in campaign.rungs]
                for move in campaign.moves:
                    if not _aims_at(move, target, allies) or any(static_refusals(campaign, team, move, target)):
                        continue
                    for rung, entry in _entries(campaign, team, taste, move, target, target in rivals):
                        costs.append(move.cost)
                        by_rung[rung].append(entry)
                tastes[id(taste)] = tuple(tuple(entries) for entries in by_rung)
        fronts.append((dyad_key(team, target) if target else "", target, tastes[id(calm)], tastes[id(provoked)]))
    contacts = tuple(
        (ch.id, tuple(o for o in ch.members if o != team and o in rivals))
        for ch in campaign.channels
        if team in ch.members
    )
    orders = {
        (entry[1].id, target): MoveOrder(entry[1].id, target or None)
        for _, target, *by_taste in fronts for by_rung in by_taste for entries in by_rung for entry in entries
    }
    return _Plan(
        tuple(fronts), min(costs, default=0), contacts, _propose_at(persona, campaign, team),
        _settle_after(persona, campaign, team),
        campaign.rung_index(campaign.rules.calm_rung) if campaign.rules.calm_rung else 0,
        (calm.red_lines, provoked.red_lines),
        _contact(campaign) if persona == "deterrent" else frozenset(),
        reading_of(persona, campaign, team),
        orders,
        any(treaty.burden_sharing is not None and team in treaty.members for treaty in campaign.treaties),
        _mediation(campaign, team) if persona == "doctrine" else None,
    )


def _contact(campaign: Campaign) -> frozenset[int]:
    """The rungs from which an incident would come up against a firebreak that may leak."""
    lad = ladder(campaign)
    return frozenset(
        rung for rung in range(lad.size)
        if (goal := lad.incident_goal(rung)) > rung and lad.firebreak[goal] and campaign.rungs[goal].leak > 0
    )


def _aims_at(move: Move, target: str, allies: set[str]) -> bool:
    """Whether the move is made against `target` ("": the untargeted moves), by its kind of target."""
    if move.target == "none" or not target:
        return move.target == "none" and not target
    if move.target == "dyad":
        return False  # aimed at another pair's dyad: weighed apart (`mediation_orders`)
    if move.target == "ally":
        return target in allies
    if move.target == "rival":
        return target not in allies
    return True


def _entries(campaign: Campaign, team: str, t: Taste, move: Move, target: str, against_rival: bool) -> list[tuple[int, tuple]]:
    """How one taste rates one move against one target on each rung it may be made from:
    (rung, entry) for every rung where the taste may choose it (see `_Plan` for the entry).

    A targeted move is weighed by where it would take the dyad from that rung: how many rungs it
    climbs, and the salience of each threshold it crosses; the taste's max_rung and
    max_escalation bound the landing and the climb.
    """
    g = gate(campaign, move)
    steps = _landings(campaign, move, target)
    chance = fixed_chance(campaign, team, move, target or None)
    reach = _chance_range(campaign, team, move, target)
    duties = _duties(move)
    gated = g if g.tracks or g.statuses else None
    out = []
    rated: dict[tuple[int, float, float], tuple | None] = {}
    for rung in range(g.low, min(g.high, len(campaign.rungs) - 1) + 1):
        climb, crossed, fear = steps[rung]
        if climb > t.max_escalation or (climb < 0 and rung in t.hold):
            continue
        if t.max_rung is not None and target and rung + climb > t.max_rung and climb > 0:
            continue
        key = (climb, crossed, fear)
        if key not in rated:
            extra = t.escalation * climb + t.firebreak * crossed + t.fear * fear
            if against_rival and climb > 0:
                extra += 0.3
            plain = _rate(t, chance, reach, _score(t, move, set()) + extra)
            owed = _rate(t, chance, reach, _score(t, move, duties) + extra) if duties else None
            if plain[1] is None and (owed is None or owed[1] is None):
                rated[key] = None
            else:
                rated[key] = (gated, move, *plain, t.noise, owed, duties)
        entry = rated[key]
        if entry is not None:
            out.append((rung, entry))
    return out


def _landings(campaign: Campaign, move: Move, target: str) -> list[tuple[int, float, float]]:
    """For each rung: how many rungs the move's effects climb from it (negative: a step down), the
    summed salience of the thresholds it crosses, and the incident leak it would step away from
    (the leak chance of the firebreak an incident there would come up against, ×10, for a step
    down or a move that opens a channel; else 0). An untargeted move climbs nothing."""
    lad = ladder(campaign)
    out = []
    opens = move.effects.channel_status == "open"
    for rung in range(len(campaign.rungs)):
        if not target:
            out.append((0, 0.0, 0.0))
            continue
        new, _ = lad.move_landing(rung, move, move.effects)
        crossed = sum(lad.salience[f] for f in lad.crossed(rung, new))
        goal = lad.incident_goal(rung)
        leak = campaign.rungs[goal].leak if goal > rung and lad.firebreak[goal] else 0.0
        fear = leak * 10 if (new < rung or opens) else 0.0
        out.append((new - rung, round(crossed, 6), round(fear, 6)))
    return out


def _duties(move: Move) -> frozenset[str]:
    """What a move can discharge: the obligations its tags meet, and the burden-sharing shortfall
    of every track it raises for its own team (`raises:TRACK`, see `_burdens_short`)."""
    return frozenset(move.tags) | {f"raises:{track}" for track, delta in move.effects.actor.items() if delta > 0}


def _burdens_short(campaign: Campaign, state: GameState, team: str) -> set[str]:
    """`raises:TRACK` for each of the team's treaties whose burden-sharing target its own TRACK is
    below: an ally falling short pays every turn, so a persona that honours obligations weighs
    making good the shortfall as it weighs them (a dove was seen missing its target turn after turn)."""
    tracks = state.tracks[team]
    return {
        f"raises:{burden.track}"
        for treaty in campaign.treaties
        if (burden := treaty.burden_sharing) is not None and team in treaty.members and tracks[burden.track] < burden.at_least
    }


def _rate(t: Taste, chance: float | None, reach: tuple[float, float], score: float) -> tuple[float, float | None, float | None]:
    """(score, best, fixed): `best` bounds score × (0.5 + chance) over every chance the
    move can have, None when even the luckiest draw could not beat THRESHOLD; `fixed`
    is score × (0.5 + chance) when no modifier makes the chance depend on the state."""
    # Whether the move is weighed at all (and draws noise) is judged with any chance at all
    # possible; the bound that orders the work is the tighter one the tracks' bounds allow.
    if max(score * 1.5, score * 0.5) + t.noise <= THRESHOLD:
        return score, None, None
    lowest, highest = reach
    best = max(score * (0.5 + highest), score * (0.5 + lowest))
    return score, best, None if chance is None else score * (0.5 + chance)


def _chance_range(campaign: Campaign, team: str, move: Move, target: str) -> tuple[float, float]:
    """The lowest and highest chance `move` can have, whatever the state: each modifier
    at the ends of its track's bounds (a bound the bots order their work by, never a score)."""
    low = high = move.success.base
    for mod in move.success.modifiers:
        if mod.of == "interop":
            ends = (0.0, INTEROP_CAP)
        else:
            ends = campaign.track_bounds(mod.track)
        terms = [mod.weight * (end - mod.centre) for end in ends]
        if mod.of == "target_allies":
            terms.append(0.0)  # a target without other allies adds nothing
        # A term is rounded to 6 places: allow for the rounding.
        low += min(terms) - 1e-6
        high += max(terms) + 1e-6
    if move.category == "military" and target:
        basing = basing_bonus(campaign, team, target)
        low, high = low + basing, high + basing
    low, high = max(0.0, min(1.0, low)), max(0.0, min(1.0, high))
    if alliances.coercive(move) and alliances.restrains(campaign):
        low = max(0.0, low - campaign.rules.restraint)  # an ally's restraint comes off after the clamp
    return low, high


def _score(t: Taste, move: Move, owed: frozenset[str] | set[str]) -> float:
    """What the taste thinks of the move whatever the rung: its category, the move itself,
    obligations it meets, channels it opens, posture it builds (see `_entries` for the rest)."""
    score = t.categories.get(move.category, 0.0) + t.moves.get(move.id, 0.0)
    if move.domain and t.domains:
        score += t.domains.get(move.domain, 0.0)
    if owed & _duties(move):
        score += t.obligation if t is not RANDOM else 1.0
    if move.effects.channel_status == "open":
        score += t.channels
    gains = move.effects.actor
    score += t.posture * (gains.get("credibility", 0.0) + gains.get("readiness", 0.0)) * 5
    return score


def news_for_bots(events: Sequence[ev.Event]) -> list[ev.Event]:
    """The part of a turn's events that bots read next turn (escalations): a caller that runs
    many bots may hand them this instead of the whole turn, and spare each a pass over it."""
    return [e for e in events if isinstance(e, ev.EscalationChanged)]


def _escalated_against(campaign: Campaign, team: str, turn: int, log: Sequence[ev.Event]) -> set[str]:
    """Teams that, by a move `team` could see, raised their dyad with `team` on `turn`."""
    out = set()
    for e in log:
        # Only escalations matter: check the kind before asking whether `team` could see it.
        if isinstance(e, ev.EscalationChanged) and e.turn == turn and visible(e, team):
            # A secret move's author stays unknown to a team that was not told (`known_by`).
            known = not e.secret or team in e.known_by
            if team in e.dyad and e.by and known and e.by != team and campaign.rung_index(e.new) > campaign.rung_index(e.old):
                out.add(e.by)
    return out


def _propose_at(persona: str, campaign: Campaign, team: str) -> int | None:
    """The rung from which the persona proposes a stand-down to a rival, or None if it never does."""
    if persona in ("dove", "tit-for-tat", "deterrent"):
        return 2
    if persona == "doctrine":
        doctrine = campaign.team(team).doctrine
        return campaign.rung_index(doctrine.propose_at) if doctrine and doctrine.propose_at else None
    return None


SETTLE_AFTER = 3
"""Turns of crisis after which the personas that propose stand-downs propose settlements instead."""


def _settle_after(persona: str, campaign: Campaign, team: str) -> int:
    if persona in ("dove", "tit-for-tat", "deterrent"):
        return SETTLE_AFTER
    if persona == "doctrine":
        doctrine = campaign.team(team).doctrine
        return doctrine.settle_after if doctrine else 0
    return 0


def _messages(persona, plan: _Plan, state, team, hostile, rng) -> tuple[MessageOrder, ...]:
    out = []
    for channel, rivals in plan.contacts:
        if state.channels[channel] == "suspended":
            continue
        for other in rivals:
            level = state.rung(team, other)
            offers = level not in plan.contact  # a deterrent holds its posture while forces are in contact
            if plan.settle_after and state.turn > plan.settle_after and level > plan.calm and other not in hostile and offers:
                text = "We propose a settlement: both sides return to where this began."
                out.append(MessageOrder(channel, text, (other,), "settlement"))
            elif plan.propose_at is not None and level >= plan.propose_at and other not in hostile and offers:
                text = "We propose a mutual stand-down of forces to lower the temperature."
                out.append(MessageOrder(channel, text, (other,), "stand_down"))
            elif persona == "random" and rng.random() < 0.3:
                out.append(MessageOrder(channel, "We seek clarification of your intentions.", (other,)))
            elif persona == "hawk" and level >= 3 and rng.random() < 0.3:
                out.append(MessageOrder(channel, "Stand back or bear the consequences.", (other,)))
            elif persona == "deterrent" and other in hostile:
                text = "Our commitments are not in question. We will answer force, and we keep this line open."
                out.append(MessageOrder(channel, text, (other,)))
        if out:
            break
    return tuple(out)


def _responses(persona, campaign, state, team, hostile, rng) -> tuple[Response, ...]:
    out = []
    for p in state.proposals:
        if p.responder != team:
            continue
        if persona == "dove":
            accept = True
        elif persona in ("tit-for-tat", "deterrent"):
            accept = p.sender not in hostile
        elif persona == "doctrine":
            doctrine = campaign.team(team).doctrine
            rule = doctrine.accept if doctrine else "reciprocal"
            accept = rule == "always" or (rule == "reciprocal" and p.sender not in hostile)
        elif persona == "hawk":
            accept = rng.random() < (0.3 if p.kind == "stand_down" else 0.15)
        else:
            accept = rng.random() < 0.5
        out.append(Response(p.id, accept))
    return tuple(out)


STAND_DOWN_TEXT = "We offer our good offices: both sides step back and talk."


@attrs.frozen
class _Mediation:
    """What a mediating doctrine weighs, worked out once per campaign (see `mediation_orders`)."""

    floor: int
    """The rung of another pair's dyad from which the team mediates (`doctrine.mediate_at`)."""
    pairs: tuple[tuple[str, str, str], ...]
    """Every pair of other teams, in campaign order: (dyad key, one, the other)."""
    steps: tuple[tuple[Move, tuple[bool, ...]], ...]
    """The moves on other pairs' dyads, cheapest first (ties in catalogue order), each with whether
    it steps a dyad down from each rung."""
    channels: dict[tuple[str, str], tuple[str, ...]]
    """For each pair, the channels the team shares with both of them, in campaign order."""


def _mediation(campaign: Campaign, team: str) -> _Mediation | None:
    doctrine = campaign.team(team).doctrine
    if doctrine is None or doctrine.mediate_at is None:
        return None
    others = [t.id for t in campaign.teams if t.id != team]
    pairs = tuple((dyad_key(a, b), a, b) for i, a in enumerate(others) for b in others[i + 1 :])
    lad = ladder(campaign)
    steps = tuple(
        (m, tuple(lad.move_landing(level, m, m.effects)[0] < level for level in range(len(campaign.rungs))))
        for m in sorted((m for m in campaign.moves if m.target == "dyad"), key=lambda m: m.cost)
    )
    channels = {
        (a, b): tuple(ch.id for ch in campaign.channels if {team, a, b} <= set(ch.members)) for _, a, b in pairs
    }
    return _Mediation(campaign.rung_index(doctrine.mediate_at), pairs, steps, channels)


def mediation_orders(campaign: Campaign, state, team: str, orders):
    """A doctrine bot's orders with its mediation added: from `doctrine.mediate_at` on another pair's
    dyad, the cheapest of its step-down moves on other pairs' dyads it can still afford and make, on the
    tensest such dyad (ties in campaign order), and a stand-down proposal carried between that pair
    over a working channel it shares with both, unless one it carries between them is still open."""
    mediation = _plan(campaign, team, "doctrine").mediation
    if mediation is None:
        return orders
    moves, messages = _mediate(campaign, mediation, state, team, orders.moves, orders.messages)
    if moves is orders.moves and messages is orders.messages:
        return orders
    return attrs.evolve(orders, moves=moves, messages=messages)


def _mediate(campaign: Campaign, mediation: _Mediation, state, team: str, moves: tuple, messages: tuple) -> tuple[tuple, tuple]:
    """The moves and messages of `mediation_orders`, with the team's mediation added."""
    rungs, floor = state.rungs, mediation.floor
    tense = sorted(
        ((rungs[key], a, b) for key, a, b in mediation.pairs if rungs[key] >= floor), key=lambda p: -p[0]
    )
    if not tense:
        return moves, messages
    left = budget(state, team) - sum(campaign.move(m.move).cost for m in moves if campaign.find_move(m.move))
    taken = {o.move for o in moves}
    for move, steps_down in mediation.steps:
        if move.cost > left or move.id in taken:
            continue
        pair = next(
            ((a, b) for level, a, b in tense if steps_down[level] and not refusal(campaign, state, team, move, a, b)),
            None,
        )
        if pair is not None:
            moves = (*moves, MoveOrder(move.id, *pair))
            break
    if not any(m.proposal for m in messages):
        carried = {frozenset((p.responder, p.other)) for p in state.proposals if p.sender == team and p.other}
        for _, a, b in tense:
            if carried and frozenset((a, b)) in carried:
                continue
            channel = next((ch for ch in mediation.channels[a, b] if state.channels[ch] != "suspended"), None)
            if channel is not None:
                messages = (*messages, MessageOrder(channel, STAND_DOWN_TEXT, (a, b), "stand_down"))
                break
    return moves, messages
