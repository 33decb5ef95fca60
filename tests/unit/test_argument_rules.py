"""Issue 15's matrix-game rules, one table per mechanism, each expected value worked out by hand.

The campaign is tests/data/escalation_lab.toml (see test_escalation_rules.py for its ladder):
rungs 0 calm … 4 blockade, 5 first_shot (firebreak), 6 war, 7 alert, 8 nuclear_use (firebreak),
9 ruin (terminal); teams blue, red, green; channels hotline (blue, red) and wire (red, green),
6 turns; accidents 0, so a turn with no moves rolls nothing else.

A free-form move ruled on odds rolls once, on its own stream: SHA-256 of
"seed:turn:argument:team:index", as the adjudicator's other streams; success when roll < chance.
The default estimative scale: almost certain 0.95, likely 0.75, even chance 0.5, unlikely 0.25,
remote 0.05.
"""

from __future__ import annotations

import hashlib
import random
from pathlib import Path

import attrs
import pytest

from wargame.campaign.loader import load_campaign
from wargame.core import arguments
from wargame.core import events as ev
from wargame.core.adjudicator import adjudicate
from wargame.core.model import EstimativeWord, dyad_key
from wargame.core.narrative import Viewpoint, describe
from wargame.core.orders import FreeformOrder, Intervention, MoveOrder, RulingEffects, TeamOrders, TrackEffect
from wargame.core.state import apply_all, initial_state
from wargame.core.views import as_known

LAB = Path(__file__).resolve().parents[1] / "data" / "escalation_lab.toml"


@pytest.fixture(scope="module")
def lab():
    return load_campaign(str(LAB)).campaign


def argument_roll(seed: int, turn: int, team: str, index: int) -> float:
    digest = hashlib.sha256(f"{seed}:{turn}:argument:{team}:{index}".encode()).digest()
    return random.Random(int.from_bytes(digest[:8], "big")).random()


def seed_where(test) -> int:
    """The smallest seed whose roll for blue's first free-form move of turn 1 passes `test`."""
    return next(seed for seed in range(10_000) if test(argument_roll(seed, 1, "blue", 0)))


BELOW_LIKELY = seed_where(lambda r: r < 0.75)
ABOVE_LIKELY = seed_where(lambda r: r >= 0.75)
BETWEEN = seed_where(lambda r: 0.5 <= r < 0.75)  # likely succeeds, even chance fails


def play(campaign, interventions, seed, visibility="target", target="red"):
    orders = [TeamOrders("blue", freeform=(FreeformOrder("Seize the strait", "They will not fight", target, visibility),))]
    events = adjudicate(campaign, initial_state(campaign), orders, interventions, seed)
    return events, apply_all(campaign, initial_state(campaign), events)


def ruling(odds="likely", success=RulingEffects(), failure=RulingEffects(), **kw):
    return Intervention("adjudicate", "the strait is lightly held", "blue", 0, odds=odds, on_success=success, on_failure=failure, **kw)


ODDS_ROWS = [
    # (why, odds, seed, outcome)
    ("a roll below the chance of the word succeeds", "likely", BELOW_LIKELY, "success"),
    ("a roll at or above the chance of the word fails", "likely", ABOVE_LIKELY, "failure"),
    ("the same roll succeeds on likely odds", "likely", BETWEEN, "success"),
    ("and fails on even odds", "even chance", BETWEEN, "failure"),
]


@pytest.mark.parametrize(("why", "odds", "seed", "outcome"), ODDS_ROWS, ids=[r[0] for r in ODDS_ROWS])
def test_a_ruling_in_words_rolls_the_chance_the_scale_gives_that_word(lab, why, odds, seed, outcome):
    events, _ = play(lab, [ruling(odds)], seed)
    resolved = next(e for e in events if isinstance(e, ev.FreeformResolved))
    assert (resolved.outcome, resolved.odds) == (outcome, odds)
    assert resolved.chance == {"likely": 0.75, "even chance": 0.5}[odds]
    assert resolved.roll == argument_roll(seed, 1, "blue", 0)


def test_a_campaign_may_redefine_the_words_and_their_numbers(lab):
    campaign = attrs.evolve(lab, rules=attrs.evolve(lab.rules, estimative_scale=(EstimativeWord("a fair bet", 0.99),)))
    events, _ = play(campaign, [ruling("a fair bet")], ABOVE_LIKELY)
    resolved = next(e for e in events if isinstance(e, ev.FreeformResolved))
    assert (resolved.chance, resolved.outcome) == (0.99, "success")
    assert arguments.problems(campaign, initial_state(campaign), ruling("likely")) == [
        'no word "likely" on this campaign\'s estimative scale (words: a fair bet)'
    ]


EFFECT_ROWS = [
    # (why, effects on success, what the state shows after turn 1)
    ("a track delta", RulingEffects(tracks=(TrackEffect("red", "support", -0.2),)), lambda s: s.tracks["red"]["support"], None),
    ("a rung, stopping below the firebreak it may not cross", RulingEffects(rung="war"), lambda s: s.rung("blue", "red"), 4),
    ("a rung, crossing the threshold the ruling names", RulingEffects(rung="war", crosses="first_shot"), lambda s: s.rung("blue", "red"), 6),
    ("a rung lower down", RulingEffects(rung="calm"), lambda s: s.rung("blue", "red"), 0),
    ("a channel's status", RulingEffects(channel="hotline", channel_status="suspended"), lambda s: s.channels["hotline"], "suspended"),
    ("interoperability", RulingEffects(interop=0.3), lambda s: s.interop[dyad_key("blue", "red")], 0.3),
]


@pytest.mark.parametrize(("why", "effects", "read", "expected"), EFFECT_ROWS, ids=[r[0] for r in EFFECT_ROWS])
def test_a_successful_argument_has_the_effect_the_ruling_set(lab, why, effects, read, expected):
    _, state = play(lab, [ruling(success=effects)], BELOW_LIKELY)
    if expected is None:  # red's support starts where the campaign puts it
        expected = round(initial_state(lab).tracks["red"]["support"] - 0.2, 6)
    assert read(state) == expected
    _, failed = play(lab, [ruling(success=effects)], ABOVE_LIKELY)
    assert read(failed) == read(initial_state(lab)), "a failed argument has only its failure's effects"


def test_a_failed_argument_has_the_failure_effects_and_says_which_threshold_held_it(lab):
    events, state = play(lab, [ruling(failure=RulingEffects(rung="war"))], ABOVE_LIKELY)
    climb = next(e for e in events if isinstance(e, ev.EscalationChanged))
    assert (climb.old, climb.new, climb.held_at) == ("calm", "blockade", "first_shot")
    assert state.rung("blue", "red") == 4


def test_an_ad_hoc_inject_reaches_exactly_who_learns_of_the_move(lab):
    effects = RulingEffects(inject="Fishing boats crowd the strait.")
    for visibility, public, audience in (("public", True, ("blue",)), ("target", False, ("blue", "red")), ("secret", False, ("blue",))):
        events, _ = play(lab, [ruling(success=effects)], BELOW_LIKELY, visibility)
        inject = next(e for e in events if isinstance(e, ev.InjectFired))
        assert (inject.text, inject.public, inject.audience) == ("Fishing boats crowd the strait.", public, audience)


def test_a_secret_arguments_effects_read_as_an_undisclosed_action_to_the_others(lab):
    effects = RulingEffects(rung="blockade")
    events, state = play(lab, [ruling(success=effects)], BELOW_LIKELY, "secret")
    climb = next(e for e in events if isinstance(e, ev.EscalationChanged))
    red = Viewpoint("red", frozenset())
    assert describe(lab, climb, red) == "Blue–Red: Calm → Blockade (an undisclosed action)."
    assert as_known(lab, next(e for e in events if isinstance(e, ev.FreeformResolved)), red) is None


def test_an_older_ruling_without_odds_rolls_nothing_and_still_crosses_every_firebreak(lab):
    old = Intervention("adjudicate", "bold", "blue", 0, "success", 6)
    events, state = play(lab, [old], 1)
    resolved = next(e for e in events if isinstance(e, ev.FreeformResolved))
    assert (resolved.outcome, resolved.odds, resolved.chance, resolved.roll) == ("success", "", 0.0, 0.0)
    assert state.rung("blue", "red") == 6


def test_ruling_one_argument_never_changes_the_roll_of_another(lab):
    orders = [
        TeamOrders("blue", freeform=(FreeformOrder("A"), FreeformOrder("B"))),
        TeamOrders("red", freeform=(FreeformOrder("C"),)),
    ]
    both = [Intervention("adjudicate", "r", "blue", 1, odds="likely"), Intervention("adjudicate", "r", "red", 0, odds="remote")]
    alone = both[1:]
    state = initial_state(lab)

    def red_roll(interventions):
        events = adjudicate(lab, state, orders, interventions, 5)
        return next(e.roll for e in events if isinstance(e, ev.FreeformResolved) and e.team == "red")

    assert red_roll(both) == red_roll(alone) == argument_roll(5, 1, "red", 0)


POWER_ROWS = [
    # (why, intervention, what the state shows after turn 1, expected)
    ("set a track", Intervention("set_track", "r", team="red", track="readiness", value=0.2), lambda s: s.tracks["red"]["readiness"], 0.2),
    ("move a dyad to a named rung, across firebreaks", Intervention("set_rung", "r", team="blue", target="green", rung="war"), lambda s: s.rung("blue", "green"), 6),
    ("cut a channel", Intervention("set_channel", "r", channel="wire", status="suspended"), lambda s: s.channels["wire"], "suspended"),
    ("extend the game", Intervention("set_turns", "r", turns=9), lambda s: (s.last_turn, s.ended), (9, "")),
    ("shorten it to this turn", Intervention("set_turns", "r", turns=1), lambda s: (s.last_turn, s.ended), (1, "turn_limit")),
]


@pytest.mark.parametrize(("why", "power", "read", "expected"), POWER_ROWS, ids=[r[0] for r in POWER_ROWS])
def test_the_white_cell_may_change_anything_as_a_recorded_intervention(lab, why, power, read, expected):
    events = adjudicate(lab, initial_state(lab), [], [power], 3)
    state = apply_all(lab, initial_state(lab), events)
    assert read(state) == expected
    assert arguments.problems(lab, initial_state(lab), power) == []


def test_an_ad_hoc_inject_of_the_white_cell_tells_everyone_its_text_and_keeps_the_reason(lab):
    power = Intervention("adhoc_inject", "the room is too calm", text="A tanker runs aground.")
    events = adjudicate(lab, initial_state(lab), [], [power], 3)
    inject = next(e for e in events if isinstance(e, ev.InjectFired))
    assert (inject.public, inject.text, inject.reason) == (True, "A tanker runs aground.", "the room is too calm")
    assert as_known(lab, inject, Viewpoint("red", frozenset())).reason == ""
    assert "too calm" not in describe(lab, inject, Viewpoint("red", frozenset()))
    assert apply_all(lab, initial_state(lab), events).fired == frozenset()


PROBLEM_ROWS = [
    (Intervention("set_track", "r", team="red", track="readiness", value=2.0), "readiness runs from 0 to 1, not 2"),
    (Intervention("set_rung", "r", team="blue", target="blue", rung="war"), "a dyad is two different teams of the campaign"),
    (Intervention("set_channel", "r", channel="wire", status="closed"), 'a channel is open, degraded or suspended, not "closed"'),
    (Intervention("adhoc_inject", "r", text=" "), "an ad-hoc inject needs its text"),
    (Intervention("set_turns", "r", turns=0), "the last turn must be between this turn (1) and 99, got 0"),
    (ruling(success=RulingEffects(rung="nowhere")), 'on success: no rung "nowhere"'),
]


@pytest.mark.parametrize(("power", "problem"), PROBLEM_ROWS, ids=[r[1] for r in PROBLEM_ROWS])
def test_a_power_the_campaign_cannot_carry_out_is_refused_in_words(lab, power, problem):
    assert arguments.problems(lab, initial_state(lab), power) == [problem]


WORD_ROWS = [(0.97, "almost certain"), (0.8, "likely"), (0.625, "likely"), (0.5, "even chance"), (0.3, "unlikely"), (0.0, "remote")]


@pytest.mark.parametrize(("chance", "word"), WORD_ROWS)
def test_a_chance_reads_as_the_nearest_word_of_the_scale(lab, chance, word):
    assert arguments.word_for(lab, chance) == word


# -- what teams see of odds (rules.show_odds) ------------------------------------------------------

TUTORIAL = Path(__file__).resolve().parents[2] / "campaigns" / "tutorial.toml"


@pytest.fixture(scope="module")
def tutorial():
    return load_campaign(str(TUTORIAL)).campaign


SHOWN_ROWS = [
    # (show_odds, what a team's catalogue shows for a move it may make, what its sentence holds)
    ("exact", None, "chance "),
    ("words", "a word of the scale", "(odds: "),
    ("hidden", "not shown", None),
]


@pytest.mark.parametrize(("shown", "catalogue", "sentence"), SHOWN_ROWS, ids=[r[0] for r in SHOWN_ROWS])
def test_what_a_team_is_shown_of_a_chance_is_written_from_its_side(tutorial, shown, catalogue, sentence):
    from wargame.core.views import options

    campaign = arguments.with_show_odds(tutorial, shown)
    state = initial_state(campaign)
    offered = [o for o in options(campaign, state, "blue") if not o.refusal and not o.unknown]
    words = {w.word for w in campaign.rules.estimative_scale}
    for option in offered:
        if catalogue is None:
            assert option.odds == "" and 0 <= option.chance <= 1
        else:
            assert option.chance == -1 and option.terms == ()
            assert option.odds in words if catalogue == "a word of the scale" else option.odds == catalogue
    events = adjudicate(campaign, state, [TeamOrders("blue", moves=(MoveOrder(offered[0].move, offered[0].target or None),))], [], 4)
    resolved = next(e for e in events if isinstance(e, ev.MoveResolved))
    team, white = describe(campaign, resolved, Viewpoint("blue")), describe(campaign, resolved, Viewpoint("facilitator"))
    assert "chance " in white and f"{resolved.roll:.3f}" in white  # the white cell always sees the numbers
    if sentence is None:
        assert "chance" not in team and "odds" not in team and "%" not in team
    else:
        assert sentence in team
    if shown != "exact":
        assert "%" not in team and f"{resolved.roll:.3f}" not in team
        assert as_known(campaign, resolved, Viewpoint("blue")) is None  # the event would carry the number


@pytest.mark.parametrize("shown", ["words", "hidden"])
def test_a_free_form_moves_number_and_roll_stay_with_the_white_cell_unless_odds_are_exact(lab, shown):
    campaign = arguments.with_show_odds(lab, shown)
    events, _ = play(campaign, [ruling("likely")], BELOW_LIKELY, "public")
    resolved = next(e for e in events if isinstance(e, ev.FreeformResolved))
    red = Viewpoint("red", frozenset())
    known = as_known(campaign, resolved, red)
    assert (known.chance, known.roll, known.odds) == (0.0, 0.0, "likely" if shown == "words" else "")
    told = describe(campaign, resolved, red)
    assert "75%" not in told and f"{resolved.roll:.3f}" not in told
    assert ("(odds: likely)" in told) == (shown == "words")
    assert "75%" in describe(campaign, resolved, Viewpoint("facilitator"))
