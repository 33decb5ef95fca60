"""The state the events build: where a game starts and what each event leaves behind, on the
laboratory campaign of conftest.py (blue–red listed at Tension, the other pairs unlisted)."""

from __future__ import annotations

import attrs

from wargame.core import events as ev
from wargame.core.state import apply_all, initial_state


def test_unlisted_pairs_start_on_the_first_rung_or_on_the_campaigns_start_rung(lab):
    assert initial_state(lab).rungs == {"blue|red": 1, "blue|green": 0, "green|red": 0}
    starting_at_standoff = attrs.evolve(lab, rules=attrs.evolve(lab.rules, start_rung="standoff"))
    # a listed pair keeps its own rung
    assert initial_state(starting_at_standoff).rungs == {"blue|red": 1, "blue|green": 2, "green|red": 2}
    assert initial_state(starting_at_standoff).crisis() == 2


def test_a_settled_obligation_is_recorded_as_honoured_or_breached_by_treaty_and_team(lab):
    settled = (
        ev.ObligationSettled(turn=1, treaty="pact", team="blue", honoured=True, trigger_turn=1, detail=""),
        ev.ObligationSettled(turn=1, treaty="pact", team="green", honoured=False, trigger_turn=1, detail=""),
        ev.ObligationSettled(turn=2, treaty="pact", team="red", honoured=True, trigger_turn=1, detail=""),
    )
    state = apply_all(lab, initial_state(lab), settled)
    assert (state.honoured, state.breached) == ({"pact|blue", "pact|red"}, {"pact|green"})


def test_the_state_holds_one_interoperability_for_each_pair_of_teams(lab):
    # the lab lists none: every pair starts at 0
    assert initial_state(lab).interop == {"blue|red": 0.0, "blue|green": 0.0, "green|red": 0.0}


def test_each_completed_turn_adds_its_crisis_level_to_the_history_and_starts_the_next(lab):
    completed = (
        ev.TurnCompleted(turn=1, crisis="tension", calm_streak=0),
        ev.TurnCompleted(turn=2, crisis="standoff", calm_streak=0),
        ev.TurnCompleted(turn=3, crisis="peace", calm_streak=1),
    )
    state = apply_all(lab, initial_state(lab), completed)
    assert (state.crisis_history, state.turn, state.calm_streak) == (("tension", "standoff", "peace"), 4, 1)
