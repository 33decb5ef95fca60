"""Issue 14: misperception that changes what bots do. Each row worked out by hand from
`perception.read_state`, `perception.suspected`, `bots.reading_of` and `bots.doctrine_tastes`.

The campaign is tests/data/escalation_lab.toml with `rules.intel_noise = 0.5`: teams blue, red and
green; rungs calm(0), friction(1), patrols(2), encounter(3) … war(6) … ruin(9); every dyad starts calm.
The belief red holds in every row: blue–red at friction ±2 (a climb it did not see), blue–green at
friction ±1 (a dyad of another pair), red–green at patrols (sure); blue's readiness 0.6 ± 0.2.
"""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

from wargame.campaign.loader import load_campaign
from wargame.core import events as ev
from wargame.core import perception
from wargame.core.bots import doctrine_tastes, reading_of
from wargame.core.model import Doctrine
from wargame.core.state import initial_state

LAB = Path(__file__).resolve().parents[1] / "data" / "escalation_lab.toml"


@pytest.fixture(scope="module")
def lab():
    campaign = load_campaign(str(LAB)).campaign
    return attrs.evolve(campaign, rules=attrs.evolve(campaign.rules, intel_noise=0.5))


def unsure_red(campaign, turn=2):
    """The state at the start of turn `turn`, red holding the belief the module docstring gives."""
    formed = ev.BeliefsFormed(
        turn=turn - 1, public=False, audience=("red",), team="red",
        dyads=(ev.DyadBelief(("blue", "green"), "friction", 1), ev.DyadBelief(("blue", "red"), "friction", 2),
               ev.DyadBelief(("green", "red"), "patrols", 0)),
        tracks=(ev.TrackEstimate("blue", "readiness", 0.6, 0.2), ev.TrackEstimate("blue", "support", 0.5, 0.2)),
    )
    return attrs.evolve(initial_state(campaign), turn=turn, beliefs={"red": formed})


# (why, reading, the rung red reads blue–red at, blue–green at, blue's readiness, blue's support)
READINGS = [
    ("an estimate reads the belief as it stands", "estimate", 1, 1, 0.6, 0.5),
    ("the fearful read their own unsure dyad at the top of its band (friction + 2 = encounter) and "
     "a rival's readiness at the top of its error (0.6 + 0.2)", "worst", 3, 1, 0.8, 0.5),
    ("the hopeful read the bottom of both (friction − 2, kept at calm; 0.6 − 0.2)", "hopeful", 0, 1, 0.4, 0.5),
]


@pytest.mark.parametrize("why, reading, rung, other_pair, readiness, support", READINGS, ids=[r[0] for r in READINGS])
def test_a_bot_reads_what_it_is_unsure_of_as_its_reading_says(lab, why, reading, rung, other_pair, readiness, support):
    read = perception.read_state(lab, unsure_red(lab), "red", reading)
    assert (read.rungs["blue|red"], read.rungs["blue|green"], read.rungs["green|red"]) == (rung, other_pair, 2)
    assert (read.tracks["blue"]["readiness"], read.tracks["blue"]["support"]) == (readiness, support)


def test_a_reading_changes_nothing_where_the_campaign_keeps_no_beliefs(lab):
    quiet = attrs.evolve(lab, rules=attrs.evolve(lab.rules, intel_noise=0.0))
    state = unsure_red(quiet)
    assert perception.read_state(quiet, state, "red", "worst") is state


# (why, red's belief's turn, the turn now, who a worst-case reader blames)
SUSPECTED = [
    ("the other side of an unsure dyad of its own is taken to have moved against it", 1, 2, {"blue"}),
    ("a belief formed before last turn is stale: nobody is blamed on it", 1, 3, set()),
]


@pytest.mark.parametrize("why, formed_on, now, blamed", SUSPECTED, ids=[r[0] for r in SUSPECTED])
def test_a_worst_case_reader_blames_the_rival_on_the_other_side_of_what_it_cannot_read(lab, why, formed_on, now, blamed):
    state = attrs.evolve(unsure_red(lab, formed_on + 1), turn=now)
    assert perception.suspected(lab, state, "red") == blamed


# (why, persona, red's doctrine, its reading)
PERSONAS = [
    ("a hawk prepares for the worst", "hawk", None, "worst"),
    ("a deterrent prepares for the worst", "deterrent", None, "worst"),
    ("a dove hopes for the best", "dove", None, "hopeful"),
    ("tit-for-tat answers only what it saw", "tit-for-tat", None, "estimate"),
    ("random reads its estimate", "random", None, "estimate"),
    ("a doctrine without a reading reads its estimate", "doctrine", Doctrine(), "estimate"),
    ("a doctrine reads as its campaign says", "doctrine", Doctrine(reading="worst"), "worst"),
    ("a doctrine persona with no doctrine reads its estimate", "doctrine", None, "estimate"),
]


@pytest.mark.parametrize("why, persona, doctrine, reading", PERSONAS, ids=[r[0] for r in PERSONAS])
def test_each_persona_reads_uncertainty_its_own_way(lab, why, persona, doctrine, reading):
    teams = tuple(attrs.evolve(t, doctrine=doctrine) if t.id == "red" else t for t in lab.teams)
    assert reading_of(persona, attrs.evolve(lab, teams=teams), "red") == reading


# (why, doctrine, escalation toward a calm rival, toward a rival it blames)
RETALIATION = [
    ("without retaliate a doctrine weighs every rival alike", Doctrine(escalation=-0.5), -0.5, -0.5),
    ("retaliate adds to the escalation weight against a rival it blames (−0.5 + 0.9)", Doctrine(escalation=-0.5, retaliate=0.9),
     -0.5, 0.4),
]


@pytest.mark.parametrize("why, doctrine, calm, provoked", RETALIATION, ids=[r[0] for r in RETALIATION])
def test_a_doctrine_that_retaliates_answers_in_kind_a_rival_it_believes_moved_against_it(lab, why, doctrine, calm, provoked):
    tastes = doctrine_tastes(lab, doctrine)
    assert (tastes[0].escalation, round(tastes[1].escalation, 6)) == (calm, provoked)
