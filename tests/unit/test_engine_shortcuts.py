"""The engine's shortcuts for speed give exactly what the plain rules, written out here the slow way, give.

The adjudicator applies events to a draft that is frozen once a turn; the rules
keep per-campaign tables (static refusals, gates, fixed chances); the bots check
legality from those tables and work out chances only for moves that could still
be chosen. Each is checked here against the plain definition, over states from
bot-played games of every bundled campaign.
"""

import copy
import functools
from pathlib import Path

import attrs
import pytest

from wargame.campaign.loader import load_campaign
from wargame.core import bots
from wargame.core import events as ev
from wargame.core import perception
from wargame.core.adjudicator import adjudicate, resolve_turn, turn_rng
from wargame.core.declarations import bot_declarations, red_line_weight
from wargame.core.escalation import ladder
from wargame.core.bots import (
    DETER_CALM,
    DETER_FIRM,
    DOVE,
    HAWK,
    MAX_MOVES,
    PERSONAS,
    RANDOM,
    THRESHOLD,
    _escalated_against,
    _burdens_short,
    _score,
    bot_orders,
    news_for_bots,
)
from wargame.core.orders import MoveOrder, TeamOrders
from wargame.core.rules import budget, fixed_chance, gate, refusal, static_refusals, success_chance, treaty_partners
from wargame.core.simulation import run_seed
from wargame.core.state import Draft, apply, apply_all, initial_state
from wargame.core.bots import mediation_orders

CAMPAIGNS = sorted((Path(__file__).resolve().parents[2] / "campaigns").glob("*.toml"))


@functools.lru_cache(maxsize=None)
def played(path, games=6):
    """(campaign, [(state, seed, last turn's events, orders, events)]) from bot-played games, every persona."""
    c = load_campaign(str(path)).campaign
    turns = []
    for game in range(games):
        seed = run_seed(11, game)
        state, last = initial_state(c), ()
        while not state.ended:
            persona = PERSONAS[(game + state.turn) % len(PERSONAS)]
            orders = [bot_orders(persona, c, state, t.id, seed, last) for t in c.teams]
            events = adjudicate(c, state, orders, (), seed)
            turns.append((state, seed, last, orders, events))
            state, last = apply_all(c, state, events), events
    return c, turns


@pytest.fixture(scope="module", params=CAMPAIGNS, ids=[p.stem for p in CAMPAIGNS])
def game(request):
    return played(request.param)


def test_these_games_reach_provoked_bots_and_owed_obligations():
    """The bot tests below only mean something if their games reach the awkward cases."""
    provoked = owing = False
    for path in CAMPAIGNS:
        c, turns = played(path)
        for state, _, last, _, _ in turns:
            provoked |= any(_escalated_against(c, t.id, state.turn - 1, last) for t in c.teams)
            owing |= bool(state.obligations)
    assert provoked and owing


def test_the_state_the_adjudicator_hands_back_is_the_state_of_applying_its_events_afresh(game):
    """The adjudicator applies each event to a draft as it emits it (track changes by a shortcut);
    applying the same events to the start of the turn from scratch must give the same state."""
    c, turns = game
    for state, seed, _, orders, events in turns:
        returned_events, returned_state = resolve_turn(c, state, orders, (), seed)
        assert returned_events == events  # the games are deterministic: the same turn again
        assert returned_state == apply_all(c, state, events)


def test_applying_events_one_at_a_time_or_all_at_once_gives_the_same_state(game):
    c, turns = game
    for state, _, _, _, events in turns:
        one_by_one = state
        for e in events:
            one_by_one = apply(c, one_by_one, e)
        assert one_by_one == apply_all(c, state, events)


def test_applying_events_never_changes_the_state_they_are_applied_to(game):
    c, turns = game
    for state, seed, _, orders, events in turns:
        before = copy.deepcopy(state)
        apply_all(c, state, events)
        resolve_turn(c, state, orders, (), seed)
        assert state == before


def test_a_draft_can_go_on_changing_after_it_is_frozen_without_touching_the_frozen_state(game):
    c, turns = game
    state, _, _, _, events = turns[0]
    draft = Draft(state)
    half = len(events) // 2
    for e in events[:half]:
        draft.apply(c, e)
    frozen = draft.freeze()
    kept = copy.deepcopy(frozen)
    for e in events[half:]:
        draft.apply(c, e)
    assert frozen == kept
    assert draft.freeze() == apply_all(c, state, events)


def test_events_without_effect_on_the_state_give_back_the_very_same_state(game):
    c, turns = game
    state = turns[0][0]
    assert apply_all(c, state, [ev.ConsultationHeld(turn=1, treaty="x", team="y")]) is state
    assert apply_all(c, state, []) is state


def targets_of(c, team, move):
    if move.target == "dyad":
        return []  # made on a pair of teams, which the bots weigh apart (`bots.mediation_orders`)
    return [None] if move.target == "none" else [t.id for t in c.teams if t.id != team] + [None, "nobody"]


def test_refusal_and_the_bots_legality_shortcut_agree_on_every_move_and_target(game):
    c, turns = game
    for state, *_ in turns[::3]:
        for team in (t.id for t in c.teams):
            for move in c.moves:
                g = gate(c, move)
                for target in targets_of(c, team, move):
                    level = state.rung(team, target) if target in state.tracks else state.crisis()
                    shortcut = (
                        not any(static_refusals(c, team, move, target))
                        and g.low <= level <= g.high
                        and g.admits(state, team)
                    )
                    assert (refusal(c, state, team, move, target) == "") == shortcut, (team, move.id, target)


def test_refusal_of_a_move_that_is_not_the_campaigns_own_reads_that_move(game):
    c, turns = game
    state = turns[0][0]
    team = c.teams[0].id
    move = next(m for m in c.moves if m.target == "none" and not refusal(c, state, team, m, None))
    stranger = attrs.evolve(move, teams=("nobody",))
    assert refusal(c, state, team, stranger, None) == "only nobody may make this move"
    top = c.rungs[-1]
    higher = attrs.evolve(move, requires=attrs.evolve(move.requires, min_rung=top.id, max_rung=None))
    assert refusal(c, state, team, higher, None) == f"the crisis is below {top.name}"
    assert refusal(c, state, team, move, None) == ""


def reference_chance(c, state, team, move, target):
    """A move's chance the slow way, from the rules as written: the base, plus weight × (value − centre)
    for each modifier (for `target_allies`, the target's other ally whose commitment × (value − centre)
    is highest, none if it has none), plus the best basing bonus of a treaty of the team's that the target is not in, for a
    military move against a target; kept between 0 and 1."""
    total = move.success.base
    for mod in move.success.modifiers:
        if mod.of == "self":
            value = state.tracks[team][mod.track]
        elif mod.of == "target":
            value = state.tracks[target][mod.track]
        elif mod.of == "interop":
            value = state.interop.get("|".join(sorted((team, target))), 0.0)
        else:
            backers = [p for p in c.allies(target) if p != team]
            if not backers:
                continue
            # Each ally counts commitment × (value − centre), its commitment the firmest treaty it shares with the target.
            held = {p: max(t.commitment for t in c.treaties if p in t.members and target in t.members) for p in backers}
            values = {p: state.tracks[p][mod.track] for p in backers}
            if mod.track == "credibility" and c.rules.credibility == "per_commitment":
                # Issue 14: each ally's credibility under its best treaty with the target (its starting one until settled).
                values = {
                    p: max(
                        state.commitments.get(f"{t.id}|{p}", c.team(p).credibility)
                        for t in c.treaties if p in t.members and target in t.members
                    )
                    for p in backers
                }
            total += round(mod.weight * max(held[p] * (values[p] - mod.centre) for p in backers), 6)
            continue
        total += round(mod.weight * (value - mod.centre), 6)
    if move.category == "military" and target:
        bonuses = [
            t.basing_bonus for t in c.treaties
            if team in t.members and target not in t.members and "basing" in t.provisions
        ]
        total += max(bonuses, default=0.0)
    chance = min(1.0, max(0.0, total))
    # An ally's restraint comes off last, on this turn's moves that climb (issue 14).
    if state.restrained.get(team) == state.turn and (move.effects.escalation > 0 or move.effects.rung_at_least):
        chance = max(0.0, round(chance - c.rules.restraint, 6))
    return chance


def test_every_chance_is_the_chance_worked_out_the_slow_way_with_or_without_its_explanation(game):
    c, turns = game
    checked = 0
    for state, *_ in turns[::3]:
        for team in (t.id for t in c.teams):
            for move in c.moves:
                for target in targets_of(c, team, move)[:-2] or [None]:
                    if refusal(c, state, team, move, target):
                        continue
                    chance, terms = success_chance(c, state, team, move, target)
                    assert chance == pytest.approx(reference_chance(c, state, team, move, target), abs=1e-9), (
                        team, move.id, target,
                    )
                    assert chance == pytest.approx(move.success.base + sum(t.value for t in terms), abs=1e-9) or chance in (0.0, 1.0)
                    assert success_chance(c, state, team, move, target, explain=False) == (chance, ())
                    fixed = fixed_chance(c, team, move, target)
                    assert fixed is None or fixed == chance
                    checked += 1
    assert checked > 100


def reference_bot_orders(persona, campaign, state, team, seed, log):
    """The bots' choice the plain way: every move against every target checked, chanced and scored,
    on the state as the team believes it (issue 14: beliefs, where the campaign keeps them)."""
    reading = bots.reading_of(persona, campaign, team)  # how the persona reads what it is unsure of
    state = perception.read_state(campaign, state, team, reading)
    rng = turn_rng(seed, state.turn, f"bot:{team}")
    hostile = _escalated_against(campaign, team, state.turn - 1, log) | perception.blamed(campaign, state, team)
    if reading == "worst":
        hostile |= perception.suspected(campaign, state, team)
    partners = treaty_partners(campaign, team)
    # A neutral is nobody's rival and has none (third parties).
    rivals = [t.id for t in campaign.teams if t.id != team and t.id not in partners and not t.neutral]
    rivals = [] if campaign.team(team).neutral else rivals
    owed = {o.tag for o in state.obligations if o.team == team} | _burdens_short(campaign, state, team)
    # Issue 14: a crossed red line of its own is owed like an obligation; others' standing lines weigh.
    owed |= {tag for x in state.red_lines if x.team == team and x.status == "crossed" for tag in x.enforce}
    lines = [x for x in state.red_lines if x.status == "standing" and x.team != team]
    doctrine = bots.doctrine_tastes(campaign, campaign.team(team).doctrine)  # calm, and toward a rival it blames

    def taste(target):
        if persona == "tit-for-tat":
            return HAWK if target in hostile else DOVE
        if persona == "deterrent":
            hold = bots._contact(campaign)
            return attrs.evolve(DETER_FIRM if target in hostile else DETER_CALM, hold=hold)
        if persona == "doctrine":
            return doctrine[target in hostile]
        return {"hawk": HAWK, "dove": DOVE}.get(persona, RANDOM)

    others = [t.id for t in campaign.teams if t.id != team]
    allies = set(campaign.allies(team))
    scored = []
    # Noise is drawn front by front: the untargeted moves, then each other team in turn.
    for target in ["", *others]:
        for move in campaign.moves:
            if move.teams and team not in move.teams:
                continue
            if move.target == "dyad":
                continue  # another pair's dyad: weighed apart, after the rest (`bots.mediation_orders`)
            if move.target == "none" or not target:
                if not (move.target == "none" and not target):
                    continue
            elif move.target == "ally" and target not in allies or move.target == "rival" and target in allies:
                continue
            if move.targets and target not in move.targets:
                continue
            t = taste(target)
            # Where the move takes the dyad from its rung now: the climb, the salience of the
            # thresholds crossed, and the leak it steps away from (issue 13: graded thresholds).
            climb, crossed, fear = 0, 0.0, 0.0
            if target:
                lad = ladder(campaign)
                rung = state.rung(team, target)
                new, _ = lad.move_landing(rung, move, move.effects)
                climb = new - rung
                crossed = round(sum(campaign.rungs[f].salience for f in range(rung + 1, new + 1) if campaign.rungs[f].firebreak), 6)
                goal = lad.incident_goal(rung)
                leak = campaign.rungs[goal].leak if goal > rung and campaign.rungs[goal].firebreak else 0.0
                fear = round(leak * 10, 6) if new < rung or move.effects.channel_status == "open" else 0.0
            if climb > t.max_escalation or (climb < 0 and rung in t.hold):
                continue
            if t.max_rung is not None and target and climb > 0 and state.rung(team, target) + climb > t.max_rung:
                continue
            extra = t.escalation * climb + t.firebreak * crossed + t.fear * fear
            if target in rivals and climb > 0:
                extra += 0.3
            score = _score(t, move, owed) + extra
            if max(score * 1.5, score * 0.5) + t.noise <= THRESHOLD:
                continue
            if refusal(campaign, state, team, move, target or None):
                continue
            chance, _ = success_chance(campaign, state, team, move, target or None)
            value = score * (0.5 + chance) + t.noise * rng.random()
            if lines and t.red_lines:
                value -= t.red_lines * red_line_weight(campaign, state, team, move, target, lines)
            scored.append((value, move, target))
    scored.sort(key=lambda entry: -entry[0])
    spent, chosen, used, available = 0, [], set(), budget(state, team)
    for score, move, target in scored:
        if score <= THRESHOLD or len(chosen) == MAX_MOVES:
            break
        if move.id in used or spent + move.cost > available:
            continue
        spent += move.cost
        used.add(move.id)
        chosen.append(MoveOrder(move.id, target or None))
    # Messages and answers draw from the same generator next: they come out the same only
    # if the moves took as many draws.
    plan = bots._plan(campaign, team, persona)
    orders = TeamOrders(
        team=team,
        moves=tuple(chosen),
        messages=bots._messages(persona, plan, state, team, hostile, rng),
        responses=bots._responses(persona, campaign, state, team, hostile, rng),
        votes=bots._votes(persona, campaign, state, team, hostile) if state.decisions else (),
        declarations=bot_declarations(persona, campaign, state, team),
    )
    return mediation_orders(campaign, state, team, orders) if persona == "doctrine" else orders


@pytest.mark.parametrize("persona", PERSONAS + ("unknown",))
def test_bots_choose_the_orders_that_scoring_every_legal_move_would(game, persona):
    c, turns = game
    for state, seed, last, _, _ in turns:
        for team in (t.id for t in c.teams):
            expected = reference_bot_orders(persona, c, state, team, seed, last)
            assert bot_orders(persona, c, state, team, seed, last) == expected


def test_bots_given_only_the_news_decide_as_with_the_whole_turn(game):
    c, turns = game
    for state, seed, last, _, _ in turns:
        for team in (t.id for t in c.teams):
            for persona in ("tit-for-tat", "deterrent"):
                assert bot_orders(persona, c, state, team, seed, last) == bot_orders(
                    persona, c, state, team, seed, news_for_bots(last)
                )
