"""Issue 14 item 4: conditions with `any` and `not`, modifiers reading a named team's track, neutral
teams the rules respect, moves on another pair's dyad (mediation). Each value worked out by hand.

The campaign is tests/data/third_party_lab.toml: blue (credibility 0.5, support 0.6) and red
(credibility 0.4, support 0.5) stand at Standoff (rung 2 of calm, friction, standoff, war); grey
(credibility 0.8, support 0.7) stands apart from both.
"""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

from wargame.campaign.loader import parse_campaign
from wargame.core import events as ev
from wargame.core.adjudicator import adjudicate
from wargame.core.orders import MoveOrder, TeamOrders
from wargame.core.rules import holds, success_chance
from wargame.core.state import apply_all, initial_state
from wargame.problems import ProblemsFound

LAB = Path(__file__).resolve().parents[1] / "data" / "third_party_lab.toml"
LAB_TEXT = LAB.read_text(encoding="utf-8")


def lab_with(extra: str):
    """The lab campaign with `extra` TOML appended (an inject, a move, a key of a new table)."""
    return parse_campaign("lab.toml", LAB_TEXT + "\n" + extra).campaign


def with_inject_when(condition: str):
    return lab_with(f'[[injects]]\nid = "probe"\nname = "Probe"\ntext = "A probe."\nwhen = {condition}\n')


def play(campaign, state, moves=None, seed=1, responses=None):
    teams = sorted(set(moves or {}) | set(responses or {}))
    orders = [
        TeamOrders(team, moves=tuple(MoveOrder(*m) for m in (moves or {}).get(team, ())),
                   responses=tuple((responses or {}).get(team, ())))
        for team in teams
    ]
    events = adjudicate(campaign, state, orders, (), seed)
    return events, apply_all(campaign, state, events)


# --- conditions: any (or), not, nested --------------------------------------------------------------

STANDOFF = '{ dyad = ["blue", "red"], rung_at_least = "standoff" }'
CALMER = '{ dyad = ["blue", "red"], rung_at_most = "friction" }'
GREY_SUPPORTED = '{ team = "grey", track = "support", at_least = 0.7 }'
GREY_ADORED = '{ team = "grey", track = "support", at_least = 0.8 }'

# (condition on turn 1, whether it holds)
CONDITIONS = [
    (f"{{ any = [{CALMER}, {GREY_SUPPORTED}] }}", True),  # the second holds
    (f"{{ any = [{CALMER}, {GREY_ADORED}] }}", False),  # neither holds
    (f"{{ not = {STANDOFF} }}", False),  # the dyad is at Standoff
    (f"{{ not = {CALMER} }}", True),  # the dyad is above Friction
    (f"{{ any = [{{ not = {STANDOFF} }}, {GREY_SUPPORTED}] }}", True),  # nested: the second holds
    (f"{{ not = {{ any = [{CALMER}, {GREY_ADORED}] }} }}", True),  # neither, so not either
    (f"{{ turn_at_least = 2, any = [{GREY_SUPPORTED}] }}", False),  # ANDed with the other keys: turn 1
    (f"{{ turn_at_least = 1, not = {GREY_ADORED} }}", True),
]


@pytest.mark.parametrize("condition, expected", CONDITIONS)
def test_a_condition_holds_when_one_of_any_holds_and_not_when_its_negation_holds(condition, expected):
    campaign = with_inject_when(condition)
    assert holds(campaign, initial_state(campaign), campaign.injects[0].when) is expected


BAD_CONDITIONS = [
    ('{ any = [{ dyad = ["blue", "red"], rung_at_least = "stanoff" }] }', 'injects[0].when.any[0].rung_at_least: unknown rung "stanoff"'),
    ('{ not = { team = "grey" } }', "injects[0].when.not.team: team goes with track"),
    ('{ not = { any = [{ team = "gray", track = "support", at_least = 0.1 }] } }', 'injects[0].when.not.any[0].team: unknown team "gray"'),
    ("{ any = [{}] }", "injects[0].when.any[0]: is empty"),
    ('{ not = "calm" }', "injects[0].when.not"),
]


@pytest.mark.parametrize("condition, fragment", BAD_CONDITIONS)
def test_a_bad_part_of_an_any_or_not_condition_is_reported_at_its_place(condition, fragment):
    with pytest.raises(ProblemsFound) as caught:
        with_inject_when(condition)
    assert any(fragment in str(p) for p in caught.value.problems), [str(p) for p in caught.value.problems]
    assert all(str(p).startswith("lab.toml") for p in caught.value.problems)


# --- a modifier reading a named team's track --------------------------------------------------------

# (grey's credibility, chance of blue's appeal): 0.5 + 0.5 × (grey's credibility − 0.5)
APPEALS = [(0.8, 0.65), (0.5, 0.5), (0.1, 0.3)]


@pytest.mark.parametrize("grey, chance", APPEALS)
def test_a_modifier_of_a_named_team_reads_that_teams_track_whoever_acts(grey, chance):
    campaign = lab_with("")
    state = initial_state(campaign)
    state = attrs.evolve(state, tracks={**state.tracks, "grey": {**state.tracks["grey"], "credibility": grey}})
    got, terms = success_chance(campaign, state, "blue", campaign.move("appeal"), None)
    assert got == chance
    if got != 0.5:
        assert terms[0].label == "Grey's credibility (weight 0.5)" or terms[0].label.startswith("Grey's credibility")


BAD_MODIFIERS = [
    ('{ track = "credibility", of = "team", weight = 0.5 }', 'modifiers[0].team: missing'),
    ('{ track = "credibility", of = "team", team = "gray", weight = 0.5 }', 'modifiers[0].team: unknown team "gray"'),
    ('{ track = "credibility", team = "grey", weight = 0.5 }', 'modifiers[0].team: team names whose track is read'),
]


@pytest.mark.parametrize("modifier, fragment", BAD_MODIFIERS)
def test_a_named_team_modifier_without_a_known_team_is_reported_at_its_place(modifier, fragment):
    extra = f'[[moves]]\nid = "plea"\nname = "Plea"\ncategory = "diplomatic"\ncost = 1\nsuccess.modifiers = [{modifier}]\n'
    with pytest.raises(ProblemsFound) as caught:
        lab_with(extra)
    assert any(fragment in str(p) for p in caught.value.problems), [str(p) for p in caught.value.problems]


# --- neutral teams: neither ally nor rival; an attack on one is reported and costs the attacker -----

# (team, move, target, why it is refused or "" when it is made)
NEUTRAL_REFUSALS = [
    ("blue", "pressure", "grey", "Grey is neutral, neither ally nor rival; this move targets rivals"),
    ("grey", "pressure", "blue", "you are neutral: you have no rivals to make this move against"),
    ("blue", "pressure", "red", ""),
    ("blue", "strike", "grey", ""),  # target = "any" still reaches a neutral
]


@pytest.mark.parametrize("team, move, target, why", NEUTRAL_REFUSALS)
def test_a_move_against_rivals_neither_reaches_a_neutral_nor_is_made_by_one(team, move, target, why):
    from wargame.core.rules import refusal

    campaign = lab_with("")
    assert refusal(campaign, initial_state(campaign), team, campaign.move(move), target) == why


# (move by blue against grey, violation reported, blue's support and credibility after):
# attack_on_neutral = { support = -0.1, credibility = -0.1 } from 0.6 and 0.5
ATTACKS = [
    ("strike", True, 0.5, 0.4),  # public, kinetic and it climbs Calm → Friction
    ("covert_strike", False, 0.6, 0.5),  # secret: nobody sees it as a violation
    ("visit", False, 0.65, 0.5),  # no force, no climb: not an attack (its own +0.05 support)
]


@pytest.mark.parametrize("move, reported, support, credibility", ATTACKS)
def test_a_public_attack_on_a_neutral_is_reported_as_such_and_costs_the_attacker(move, reported, support, credibility):
    campaign = lab_with("")
    events, after = play(campaign, initial_state(campaign), {"blue": [(move, "grey")]})
    violations = [e for e in events if isinstance(e, ev.NeutralityViolated)]
    assert bool(violations) is reported
    if reported:
        assert (violations[0].attacker, violations[0].neutral, violations[0].climbed) == ("blue", "grey", True)
    assert after.tracks["blue"]["support"] == support
    assert after.tracks["blue"]["credibility"] == credibility


def test_a_hawk_bot_never_aims_a_move_against_rivals_at_a_neutral():
    from wargame.core.bots import bot_orders

    campaign = lab_with("")
    state = initial_state(campaign)
    rival_moves = {m.id for m in campaign.moves if m.target == "rival"}
    aimed = set()
    for seed in range(40):
        for team in ("blue", "red", "grey"):
            for order in bot_orders("hawk", campaign, state, team, seed).moves:
                if order.move in rival_moves:
                    aimed.add((team, order.target))
    assert aimed and all("grey" not in pair for pair in aimed)


def test_a_neutral_in_a_treaty_is_reported_at_its_place():
    extra = '[[treaties]]\nid = "pact"\nname = "Pact"\nmembers = ["blue", "grey"]\n'
    with pytest.raises(ProblemsFound) as caught:
        lab_with(extra)
    assert any('treaties[0].members[1]: "grey" is neutral' in str(p) for p in caught.value.problems)


# --- moves on another pair's dyad: mediation --------------------------------------------------------


def mediate(first="blue", second="red"):
    return ("mediate", first, second)


def test_a_mediators_chance_reads_its_own_standing():
    # 0.4 + 0.5 × (grey's credibility 0.8 − 0.5) + 0.5 × (grey's support 0.7 − 0.5) = 0.4 + 0.15 + 0.1
    campaign = lab_with("")
    chance, _ = success_chance(campaign, initial_state(campaign), "grey", campaign.move("mediate"), "blue")
    assert chance == 0.65


# (orders, the mediation's outcome as the facilitator rules it, the blue–red rung after, the team
# that stepped down or climbed it, who voided the offer): blue–red start at Standoff, takes two
MEDIATIONS = [
    ({"grey": [mediate()]}, "success", "friction", "grey", ""),  # a step down offered by a third party
    ({"grey": [mediate()], "red": [("pressure", "blue")]}, "success", "clash", "red", "red"),  # red climbs: void
    ({"grey": [mediate()], "blue": [("pressure", "red")]}, "success", "clash", "blue", "blue"),  # either side
    ({"grey": [mediate()]}, "failure", "standoff", "", ""),  # failed good offices change nothing
]


@pytest.mark.parametrize("moves, outcome, rung, by, voided_by", MEDIATIONS)
def test_a_mediator_steps_a_dyad_it_is_not_part_of_down_unless_either_side_climbs(moves, outcome, rung, by, voided_by):
    from wargame.core.orders import Intervention

    campaign = lab_with("")
    state = initial_state(campaign)
    orders = [TeamOrders(team, moves=tuple(MoveOrder(*m) for m in ms)) for team, ms in sorted(moves.items())]
    ruling = Intervention("override", "as the test needs", team="grey", order=0, outcome=outcome)
    events = adjudicate(campaign, state, orders, (ruling,), 1)
    after = apply_all(campaign, state, events)
    assert campaign.rungs[after.rung("blue", "red")].id == rung
    changes = [e for e in events if isinstance(e, ev.EscalationChanged) and e.dyad == ("blue", "red")]
    assert [e.by for e in changes] == ([by] if by else [])
    voids = [e for e in events if isinstance(e, ev.StepDownVoided)]
    assert [(v.team, v.other) for v in voids] == ([("grey", voided_by)] if voided_by else [])
    assert all(after.rung("grey", other) == 0 for other in ("blue", "red"))  # the mediator's own dyads stay calm


# (team, order's pair, why it is refused)
DYAD_REFUSALS = [
    ("blue", ("blue", "red"), "only Grey may make this move"),
    ("grey", ("grey", "blue"), "this move acts on a dyad you are not part of: choose two other teams"),
    ("grey", ("blue", None), "this move acts on another pair's dyad: choose two teams"),
    ("grey", ("blue", "blue"), "choose two different teams"),
    ("grey", ("blue", "pink"), 'there is no team "pink"'),
    ("grey", ("red", "blue"), ""),
]


@pytest.mark.parametrize("team, pair, why", DYAD_REFUSALS)
def test_a_move_on_another_pairs_dyad_names_two_other_teams(team, pair, why):
    from wargame.core.rules import refusal

    campaign = lab_with("")
    assert refusal(campaign, initial_state(campaign), team, campaign.move("mediate"), *pair) == why


def test_a_dyad_move_is_refused_below_its_rung_naming_the_pair():
    from wargame.core.rules import refusal

    campaign = lab_with("")
    move = attrs.evolve(campaign.move("mediate"), requires=attrs.evolve(campaign.move("mediate").requires, min_rung="clash"))
    assert refusal(campaign, initial_state(campaign), "grey", move, "blue", "red") == "the dyad Blue–Red is below Clash"


# --- proposals carried between two other teams ------------------------------------------------------




def carried_proposal(campaign):
    """Turn 1: grey carries a stand-down proposal between blue and red over its good offices."""
    from wargame.core.orders import MessageOrder

    state = initial_state(campaign)
    orders = [TeamOrders("grey", messages=(MessageOrder("good_offices", "Step back?", ("blue", "red"), "stand_down"),))]
    events = adjudicate(campaign, state, orders, (), 1)
    return apply_all(campaign, state, events)


# (answers on turn 2, answers on turn 3, the blue–red rung after turn 3, the answers given in order)
CARRIED = [
    ({"blue": True, "red": True}, {}, "friction", ["accepted", "accepted"]),
    ({"blue": True, "red": False}, {}, "standoff", ["accepted", "rejected"]),
    ({"blue": False, "red": True}, {}, "standoff", ["rejected"]),  # red's answer finds it closed
    ({"blue": True}, {"red": True}, "friction", ["accepted", "accepted"]),  # accepted on different turns
    ({"blue": True}, {}, "standoff", ["accepted", "lapsed"]),  # red never answers: it lapses on turn 3
]


@pytest.mark.parametrize("turn2, turn3, rung, answers", CARRIED)
def test_a_carried_proposal_takes_effect_on_the_two_recipients_dyad_once_both_accept(turn2, turn3, rung, answers):
    from wargame.core.orders import Response

    campaign = lab_with("")
    state = carried_proposal(campaign)
    assert sorted((p.responder, p.other, p.sender) for p in state.proposals) == [("blue", "red", "grey"), ("red", "blue", "grey")]
    (pid,) = {p.id for p in state.proposals}
    given = []
    for answers_now in (turn2, turn3):
        orders = [TeamOrders(team, responses=(Response(pid, yes),)) for team, yes in answers_now.items()]
        events = adjudicate(campaign, state, orders, (), 1)
        given += [e.answer for e in events if isinstance(e, ev.ProposalAnswered)]
        state = apply_all(campaign, state, events)
    assert campaign.rungs[state.rung("blue", "red")].id == rung
    assert given == answers
    assert state.rung("grey", "blue") == 0 and state.rung("grey", "red") == 0


def test_a_neutral_doctrine_offers_its_good_offices_when_a_dyad_it_can_reach_is_tense():
    from wargame.core.bots import bot_orders

    campaign = lab_with("")
    orders = bot_orders("doctrine", campaign, initial_state(campaign), "grey", 1)
    assert MoveOrder("mediate", "blue", "red") in orders.moves
    assert [(m.channel, m.to, m.proposal) for m in orders.messages] == [("good_offices", ("blue", "red"), "stand_down")]
    calmer = attrs.evolve(campaign, dyads=())
    quiet = bot_orders("doctrine", calmer, initial_state(calmer), "grey", 1)
    assert not any(m.move == "mediate" for m in quiet.moves) and not quiet.messages


def test_the_catalogue_offers_a_dyad_move_once_per_pair_to_its_maker_and_once_barred_to_anyone_else():
    from wargame.core.views import options

    campaign = lab_with("")
    state = initial_state(campaign)
    grey = [(o.target, o.dyad_with, o.chance, o.refusal) for o in options(campaign, state, "grey") if o.move == "mediate"]
    assert grey == [("blue", "red", 0.65, "")]
    blue = [(o.target, o.dyad_with, o.refusal) for o in options(campaign, state, "blue") if o.move == "mediate"]
    assert blue == [("", "", "only Grey may make this move")]


# (the track a named-team modifier reads of grey, whether blue, whose intelligence 0.3 reveals no tracks, sees the chance)
NAMED_TEAM_READS = [("credibility", True), ("support", False)]  # credibility is a public reputation


@pytest.mark.parametrize("track, known", NAMED_TEAM_READS)
def test_a_chance_that_reads_a_named_teams_hidden_track_is_shown_without_its_numbers(track, known):
    from wargame.core.views import options

    extra = (f'[[moves]]\nid = "plea"\nname = "Plea"\ncategory = "diplomatic"\ncost = 1\n'
             f'success.modifiers = [{{ track = "{track}", of = "team", team = "grey", weight = 0.5 }}]\n')
    campaign = lab_with(extra)
    (plea,) = [o for o in options(campaign, initial_state(campaign), "blue") if o.move == "plea"]
    assert (plea.chance >= 0) is known
    assert bool(plea.unknown) is not known


def test_a_dyad_move_that_reaches_for_its_makers_own_partner_is_reported_at_its_place():
    extra = ('[[moves]]\nid = "joint"\nname = "Joint"\ncategory = "diplomatic"\ncost = 1\ntarget = "dyad"\n'
             "effects.interoperability = 0.1\n")
    with pytest.raises(ProblemsFound) as caught:
        lab_with(extra)
    assert any("moves[6].effects.interoperability: a move on another pair's dyad" in str(p) for p in caught.value.problems), [
        str(p) for p in caught.value.problems
    ]
