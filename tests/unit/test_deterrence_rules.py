"""Issue 13 item 6 and the deterrent targets: deterrence weighted by commitment, credibility that
drifts back, incidents rolled where forces stood before a step-down. Each value worked out by hand.

The campaign is tests/data/escalation_lab.toml (see tests/unit/test_escalation_rules.py for its
numbers): blue readiness 0.5, green 0.9; leak at the first shot 0.2 + 0.4 × (mean readiness − 0.5).
"""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

from wargame.campaign.loader import load_campaign
from wargame.core import events as ev
from wargame.core.adjudicator import adjudicate
from wargame.core.model import Modifier, Move, Success, Treaty
from wargame.core.orders import MoveOrder, TeamOrders
from wargame.core.rules import success_chance
from wargame.core.state import apply_all, initial_state

LAB = Path(__file__).resolve().parents[1] / "data" / "escalation_lab.toml"
RUNGS = ["calm", "friction", "patrols", "encounter", "blockade", "first_shot", "war", "alert", "nuclear_use", "ruin"]


@pytest.fixture(scope="module")
def lab():
    return load_campaign(str(LAB)).campaign


def with_rules(campaign, **rules):
    return attrs.evolve(campaign, rules=attrs.evolve(campaign.rules, **rules))


def with_credibility(state, **credibility):
    return attrs.evolve(
        state, tracks={**state.tracks, **{t: {**state.tracks[t], "credibility": v} for t, v in credibility.items()}}
    )


def play(campaign, state, moves=None, seed=1):
    orders = [TeamOrders(team, moves=tuple(MoveOrder(m, t) for m, t in ms)) for team, ms in sorted((moves or {}).items())]
    events = adjudicate(campaign, state, orders, (), seed)
    return events, apply_all(campaign, state, events)


# --- deterrence weighted by each ally's commitment to the target -------------------------------------

COERCE = Move(
    id="coerce", name="Coerce", category="military", cost=1,
    success=Success(base=0.6, modifiers=(Modifier(weight=-0.5, track="credibility", of="target_allies"),)),
)

# (treaties: members and commitment, green's credibility, chance of blue coercing red):
# 0.6 − 0.5 × commitment × (green's credibility − 0.5)
DETERRENCE = [
    ([(("red", "green"), 1.0)], 0.9, 0.4),  # a defence pact: the whole −0.5 × 0.4
    ([(("red", "green"), 0.5)], 0.9, 0.5),  # a consultation pact counts half: −0.1
    ([(("red", "green"), 0.0)], 0.9, 0.6),  # a treaty without commitment deters nothing
    ([], 0.9, 0.6),  # no treaty with the target: green does not count
    ([(("red", "green"), 0.5), (("green", "red"), 1.0)], 0.9, 0.4),  # the firmest shared treaty counts
    ([(("red", "green"), 0.5)], 0.1, 0.7),  # a weak ally half-committed: +0.5 × 0.5 × 0.4 = +0.1
]


@pytest.mark.parametrize("treaties, green, chance", DETERRENCE)
def test_an_ally_deters_coercion_of_the_target_as_far_as_it_is_committed_to_it(lab, treaties, green, chance):
    campaign = attrs.evolve(
        lab,
        moves=(*lab.moves, COERCE),
        treaties=tuple(Treaty(id=f"t{i}", name=f"Pact {i}", members=m, commitment=c) for i, (m, c) in enumerate(treaties)),
    )
    state = with_credibility(initial_state(campaign), green=green)
    got, terms = success_chance(campaign, state, "blue", campaign.move("coerce"), "red")
    assert got == chance
    if treaties and got != 0.6:
        (deterred,) = terms
        assert "Green" in deterred.label or "green" in deterred.label.lower()


def test_a_partial_commitment_is_named_in_the_chance_explained_and_a_full_one_is_told_as_before(lab):
    def label(commitment):
        campaign = attrs.evolve(
            lab, moves=(*lab.moves, COERCE),
            treaties=(Treaty(id="t", name="Pact", members=("red", "green"), commitment=commitment),),
        )
        state = with_credibility(initial_state(campaign), green=0.9)
        return success_chance(campaign, state, "blue", campaign.move("coerce"), "red")[1][0].label

    assert "commitment 0.5" in label(0.5)
    assert "commitment" not in label(1.0)


# --- credibility drifts back toward a baseline --------------------------------------------------------

# (drift, baseline, blue's credibility before a quiet turn, after): moves by drift × (baseline − value),
# the baseline being blue's starting credibility (0.5) when none is set
DRIFT = [
    (0.0, None, 0.9, 0.9),  # no drift: the first engine's rule
    (0.25, None, 0.9, 0.8),  # a quarter of the way back to 0.5
    (0.25, 0.6, 0.2, 0.3),  # up toward a set baseline
    (0.5, None, 0.5, 0.5),  # at the baseline: nothing moves
    (1.0, 0.7, 0.0, 0.7),  # all the way in one turn
]


@pytest.mark.parametrize("drift, baseline, before, after", DRIFT)
def test_credibility_drifts_back_toward_its_baseline_each_turn(lab, drift, baseline, before, after):
    campaign = with_rules(lab, credibility_drift=drift, credibility_baseline=baseline)
    events, state = play(campaign, with_credibility(initial_state(campaign), blue=before))
    assert state.tracks["blue"]["credibility"] == after
    drifted = [e for e in events if isinstance(e, ev.TrackChanged) and e.team == "blue"]
    assert len(drifted) == (before != after)
    if drifted:
        assert drifted[0].cause == "credibility drifts back toward its baseline"


# --- incidents rolled where forces stood before a step-down ---------------------------------------------


def incident_after_step_down(lab, before_step_downs: bool, leak_roll_below: bool):
    """Blue–green at Blockade, blue offers a Summit (−2, to Patrols), an incident is certain; the first seed whose
    leak roll (when one is made) falls as asked."""
    campaign = with_rules(lab, accident_base=1.0, incidents_before_step_downs=before_step_downs)
    state = attrs.evolve(initial_state(campaign), turn=1, rungs={**initial_state(campaign).rungs, "blue|green": RUNGS.index("blockade")})
    for seed in range(500):
        events, after = play(campaign, state, {"blue": [("summit", "green")]}, seed=seed)
        incident = next(e for e in events if isinstance(e, ev.AccidentRolled) and e.dyad == ("blue", "green"))
        if not incident.threshold or (incident.leak_roll < incident.leak) == leak_roll_below:
            return incident, RUNGS[after.rungs["blue|green"]]
    raise AssertionError("no seed")


# (rolled before step-downs, leak roll below the chance, threshold rolled for, leak, blue–green after)
# leak = 0.2 + 0.4 × ((0.5 + 0.9) / 2 − 0.5) = 0.28
BEFORE_STEP_DOWNS = [
    (False, True, "", 0.0, "encounter"),  # rolled at Patrols (after the Summit): climbs to Close encounter
    (True, True, "first_shot", 0.28, "first_shot"),  # rolled at Blockade: meets the first shot and leaks
    (True, False, "first_shot", 0.28, "patrols"),  # held at the first shot: the step-down stands
]


@pytest.mark.parametrize("rule, below, threshold, leak, after", BEFORE_STEP_DOWNS)
def test_an_incident_is_rolled_where_the_dyad_stood_before_a_step_down_when_the_campaign_says_so(
    lab, rule, below, threshold, leak, after
):
    incident, landed = incident_after_step_down(lab, rule, below)
    assert incident.happened and incident.threshold == threshold and incident.leak == leak
    assert landed == after
