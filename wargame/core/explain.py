"""Why a bot chose its orders: every option it weighed, its score term by term, and why the others were not taken.

`bots.bot_orders` orders its work by bounds and never works out most scores; play should not pay
for an explanation nobody asked for. So the choice is worked out again here, apart, from the same
plan, the same stream of noise and the same rules: every option the persona weighed gets its exact
score, the terms of the persona's taste (and the doctrine's weights) that make it, the chance, the
noise and any red line's discount, and a verdict (chosen, or why not). A test holds the choice
worked out here equal to the bot's own for every bundled campaign and persona.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from . import bots
from . import events as ev
from .declarations import red_line_weight
from .model import Campaign, Move
from .orders import MoveOrder, TeamOrders
from .perception import blamed, read_state, suspected
from .personas import PERSONAS
from .rules import budget, refusal, static_refusals, success_chance, treaty_partners
from .streams import turn_rng


@attrs.frozen
class Option:
    """One move against one target that the persona weighed this turn."""

    move: str
    target: str
    terms: tuple[tuple[str, float], ...]
    """The taste's terms, which add up to `weight`."""
    weight: float
    chance: float
    noise: float
    red_line: float
    """Taken off the score for the standing red lines the move would cross (0: none)."""
    score: float
    """weight × (0.5 + chance) + noise − red_line: what the bot ranks options by."""
    verdict: str
    """"chosen", or why not."""


@attrs.frozen
class Explanation:
    """What one bot weighed on one turn, and what it ordered."""

    team: str
    persona: str
    turn: int
    taste: str
    """The taste it played by, and against whom it was provoked."""
    budget: int
    owed: tuple[str, ...]
    options: tuple[Option, ...]
    """Best score first."""
    unweighed: tuple[tuple[str, str, str], ...]
    """(move, target, why) for the moves the team could aim this turn that the persona never weighed."""
    refused: tuple[tuple[str, str, str], ...]
    """(move, target, why) for the moves the rules refuse the team this turn."""
    orders: TeamOrders
    others: tuple[str, ...]
    """Why each order that is not a scored move was given (mediation, messages, answers, red lines)."""


def _tastes(campaign: Campaign, team: str, persona: str) -> tuple[tuple[str, bots.Taste], tuple[str, bots.Taste]]:
    """(name, taste) when calm and when provoked, as `bots._make_plan` picks them."""
    if persona == "tit-for-tat":
        return ("dove (nobody provoked it)", bots.DOVE), ("hawk (provoked)", bots.HAWK)
    if persona == "deterrent":
        contact = bots._contact(campaign)
        return (
            ("deterrent, calm", attrs.evolve(bots.DETER_CALM, hold=contact)),
            ("deterrent, firm (provoked)", attrs.evolve(bots.DETER_FIRM, hold=contact)),
        )
    if persona == "doctrine":
        calm, provoked = bots.doctrine_tastes(campaign, campaign.team(team).doctrine)
        name = "the campaign's doctrine" if campaign.team(team).doctrine else "the cautious default doctrine"
        if provoked is calm:
            return (name, calm), (name, calm)
        return (name, calm), (f"{name}, retaliating (provoked)", provoked)
    taste = {"hawk": bots.HAWK, "dove": bots.DOVE}.get(persona, bots.RANDOM)
    return (persona, taste), (persona, taste)


def _terms(t: bots.Taste, move: Move, climb: int, crossed: float, fear: float, against_rival: bool, owes: bool) -> list:
    """The taste's terms for a move, as `bots._score` and `bots._entries` add them up."""
    out = []

    def add(label: str, value: float) -> None:
        if value:
            out.append((label, value))

    add(f"category {move.category}", t.categories.get(move.category, 0.0))
    add("this move (doctrine)", t.moves.get(move.id, 0.0))
    if move.domain and t.domains:
        add(f"domain {move.domain}", t.domains.get(move.domain, 0.0))
    if owes:
        add("meets what it owes", t.obligation if t is not bots.RANDOM else 1.0)
    if move.effects.channel_status == "open":
        add("opens a channel", t.channels)
    gains = move.effects.actor
    add("posture it builds", t.posture * (gains.get("credibility", 0.0) + gains.get("readiness", 0.0)) * 5)
    add(f"escalation {t.escalation:+g} × {climb} rungs", t.escalation * climb)
    add(f"firebreak {t.firebreak:+g} × thresholds' salience {crossed:g}", t.firebreak * crossed)
    add(f"fear {t.fear:+g} × leak it steps away from {fear:g}", t.fear * fear)
    if against_rival and climb > 0:
        add("climbs against a rival", 0.3)
    return out


def _why_unweighed(campaign: Campaign, t: bots.Taste, move: Move, target: str, rung: int, climb: int) -> str:
    if climb > t.max_escalation:
        return f"climbs {climb} rungs; this persona climbs at most {t.max_escalation} a move"
    if climb < 0 and rung in t.hold:
        return "a step down where forces are in contact: this persona holds its posture"
    if t.max_rung is not None and target and rung + climb > t.max_rung and climb > 0:
        return f"would land above {campaign.rungs[t.max_rung].name}, the doctrine's max_rung"
    return f"its best possible score cannot beat {bots.THRESHOLD}: the persona does not care for it"


def explain_orders(
    persona: str, campaign: Campaign, state, team: str, seed: int, log: Sequence[ev.Event] = ()
) -> Explanation:
    """Why `persona` playing `team` orders what `bots.bot_orders` orders with the same arguments."""
    orders = bots.bot_orders(persona, campaign, state, team, seed, log)
    persona = persona if persona in PERSONAS else "random"
    reading = bots.reading_of(persona, campaign, team)
    state = read_state(campaign, state, team, reading)
    rng = turn_rng(seed, state.turn, f"bot:{team}")
    plan = bots._plan(campaign, team, persona)
    hostile = bots._escalated_against(campaign, team, state.turn - 1, log) | blamed(campaign, state, team)
    if reading == "worst":
        hostile |= suspected(campaign, state, team)
    owed = {o.tag for o in state.obligations if o.team == team} | bots._burdens_short(campaign, state, team)
    if state.red_lines:
        owed |= {tag for x in state.red_lines if x.team == team and x.status == "crossed" for tag in x.enforce}
    (calm_name, calm), (provoked_name, provoked) = _tastes(campaign, team, persona)
    partners = treaty_partners(campaign, team)
    rivals = {t.id for t in campaign.teams if t.id != team and t.id not in partners}
    if any(t.neutral for t in campaign.teams):
        rivals = set() if campaign.team(team).neutral else {r for r in rivals if not campaign.team(r).neutral}
    lines: dict[str, list] = {}
    for x in state.red_lines:
        dyad = x.condition.dyad
        if x.status == "standing" and x.team != team and team in dyad:
            lines.setdefault(dyad[0] if dyad[1] == team else dyad[1], []).append(x)
    allies = set(campaign.allies(team))

    weighed = []  # (neg score, position, Option fields without verdict, move)
    seen: set[tuple[str, str]] = set()
    unweighed, refused = [], []
    position = 0
    for key, target, calm_entries, provoked_entries in plan.fronts:
        level = state.rungs[key] if key else state.crisis()
        provoked_here = target in hostile
        t = provoked if provoked_here else calm
        for gate, move, score, best, fixed, scale, owed_rating, duties in (provoked_entries if provoked_here else calm_entries)[level]:
            if gate is not None and not gate.admits(state, team):
                continue
            owes = owed_rating is not None and bool(owed) and not owed.isdisjoint(duties)
            if owes:
                score, best, fixed = owed_rating
            if best is None:
                continue
            noise = scale * rng.random()
            seen.add((move.id, target))
            chance, _ = success_chance(campaign, state, team, move, target or None, explain=False)
            neg = -(fixed + noise) if fixed is not None else -(score * (0.5 + chance) + noise)
            discount = 0.0
            if target in lines:
                w = plan.red_lines[target in hostile]
                discount = w * red_line_weight(campaign, state, team, move, target, lines[target]) if w else 0.0
                neg += discount
            climb, crossed, fear = bots._landings(campaign, move, target)[level]
            terms = _terms(t, move, climb, crossed, fear, target in rivals, owes)
            rest = score - sum(v for _, v in terms)
            if abs(rest) > 1e-9:
                terms.append(("other terms of the persona", rest))
            weighed.append((neg, position, move, target, tuple(terms), score, chance, noise, discount))
            position += 1
        # What the team might aim at this target but did not weigh: the rules' refusals, the taste's limits.
        for move in campaign.moves:
            if (move.id, target) in seen or not bots._aims_at(move, target, allies):
                continue
            if any(static_refusals(campaign, team, move, target)):
                continue  # never the team's to make against this target: not worth a line every turn
            why = refusal(campaign, state, team, move, target or None)
            if why:
                refused.append((move.id, target, why))
            else:
                climb, _, _ = bots._landings(campaign, move, target)[level]
                unweighed.append((move.id, target, _why_unweighed(campaign, t, move, target, level, climb)))

    weighed.sort(key=lambda w: (w[0], w[1]))
    options, chosen, used, spent, available = [], [], set(), 0, budget(state, team)
    for neg, _, move, target, terms, weight, chance, noise, discount in weighed:
        # The bot stops at the first of these that holds; the threshold is named first, being the
        # reason that says most about the persona.
        if -neg <= bots.THRESHOLD:
            verdict = f"below the threshold {bots.THRESHOLD}: it would rather pass"
        elif len(chosen) >= bots.MAX_MOVES:
            verdict = f"{bots.MAX_MOVES} moves already chosen (at most {bots.MAX_MOVES} a turn)"
        elif available - spent < plan.cheapest:
            verdict = f"budget spent ({available - spent} left; its cheapest move costs {plan.cheapest})"
        elif move.id in used:
            verdict = "already chosen against another target (each move once a turn)"
        elif spent + move.cost > available:
            verdict = f"costs {move.cost}, {available - spent} left"
        else:
            verdict = "chosen"
            spent += move.cost
            used.add(move.id)
            chosen.append(MoveOrder(move.id, target or None))
        options.append(Option(move.id, target, terms, weight, chance, noise, discount, -neg, verdict))

    others = []
    for extra in orders.moves[len(chosen):]:
        others.append(f"{extra.move} → {'–'.join(t for t in (extra.target, extra.dyad_with) if t)}: mediation "
                      "(the doctrine's mediate_at: a step down on the tensest dyad of two others)")
    for m in orders.messages:
        kind = f"a {m.proposal.replace('_', '-')} proposal" if m.proposal else "a message"
        reason = {
            "settlement": f"after {plan.settle_after} turns of crisis it proposes settling",
            "stand_down": "the dyad is at or above the rung it proposes from, and that side did not escalate against it last turn",
        }.get(m.proposal or "", "what this persona says on that rung")
        others.append(f"{kind} to {', '.join(m.to)} over {m.channel}: {reason}")
    for r in orders.responses:
        others.append(f"{'accepts' if r.accept else 'rejects'} proposal {r.proposal}: {_answer_rule(persona, campaign, team)}")
    for d in orders.declarations:
        others.append(f"declares red line {d.line or d.text}: the crisis has reached the rung it declares from")
    for v in orders.votes:
        others.append(f"{'supports' if v.support else 'blocks'} {v.treaty}'s decision: "
                      f"{'it honours the treaty' if v.support else 'it fears entrapment more than it values the obligation'}")
    provoked_by = sorted(hostile)
    taste = provoked_name if provoked_by and calm is not provoked else calm_name
    if provoked_by:
        taste += f"; provoked by {', '.join(provoked_by)} last turn"
    if reading != "estimate" and state.beliefs:
        taste += f"; reads what it is unsure of {READING_WORDS[reading]}"
    return Explanation(
        team, persona, state.turn, taste, available, tuple(sorted(owed)), tuple(options),
        tuple(unweighed), tuple(refused), orders, tuple(others),
    )


READING_WORDS = {
    "worst": "at the worst its beliefs allow (and blames the rival behind a climb it could not read)",
    "hopeful": "at the best its beliefs allow",
}


def _answer_rule(persona: str, campaign: Campaign, team: str) -> str:
    if persona == "dove":
        return "a dove accepts every proposal"
    if persona in ("tit-for-tat", "deterrent"):
        return "it accepts unless the sender escalated against it last turn"
    if persona == "doctrine":
        doctrine = campaign.team(team).doctrine
        return f"the doctrine's accept = \"{doctrine.accept if doctrine else 'reciprocal'}\""
    return "by chance (a hawk accepts a stand-down 3 times in 10, a settlement 3 in 20; random: even odds)"


def chosen_moves(x: Explanation) -> tuple[MoveOrder, ...]:
    """The moves the explanation's own working chose, in the order it chose them."""
    return tuple(MoveOrder(o.move, o.target or None) for o in x.options if o.verdict == "chosen")
