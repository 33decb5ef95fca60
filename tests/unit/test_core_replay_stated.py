"""Re-adjudicating a recorded game: what `verify` says of each way a record can differ, and the ladder's
history a report draws, on the laboratory campaign of conftest.py (no accidents, every move certain).

The game: blue and red start at Tension (rung 1), every other pair at Peace (0). Turn 1 blue pushes
red (+1: Standoff); turn 2 red calms blue (−1: Tension again).
"""

from __future__ import annotations

import attrs
import pytest

from wargame.core import events as ev
from wargame.core.adjudicator import adjudicate
from wargame.core.orders import MoveOrder, TeamOrders, TurnRecord
from wargame.core.replay import Divergence, escalation_history, state_after, verify
from wargame.core.state import apply_all, initial_state

SEED = 5
TURNS = (
    (TeamOrders("blue", moves=(MoveOrder("push", "red"),)),),
    (TeamOrders("red", moves=(MoveOrder("calm", "blue"),)),),
)


def recorded(lab, last_turn=None):
    """The two turns above, adjudicated and recorded as a save holds them."""
    state, records = initial_state(lab), []
    for number, orders in enumerate(TURNS, start=1):
        events = adjudicate(lab, state, orders, (), SEED, last_turn or lab.turns)
        records.append(TurnRecord(number, orders, (), events))
        state = apply_all(lab, state, events)
    return records


def test_a_faithful_record_verifies(lab):
    assert verify(lab, SEED, recorded(lab), lab.turns) is None


def test_a_record_that_skips_a_turn_is_named_by_its_number_and_the_turn_expected(lab):
    records = recorded(lab)
    skipped = [attrs.evolve(records[0], number=2), records[1]]
    assert verify(lab, SEED, skipped, lab.turns) == Divergence(2, -1, "turn 2", "turn 1")


def test_a_changed_event_is_named_by_its_turn_its_place_and_both_versions(lab):
    records = recorded(lab)
    events = list(records[1].events)
    index = next(i for i, e in enumerate(events) if isinstance(e, ev.EscalationChanged))
    events[index] = attrs.evolve(events[index], new=3)
    records[1] = attrs.evolve(records[1], events=tuple(events))
    assert verify(lab, SEED, records, lab.turns) == Divergence(2, index, events[index], recorded(lab)[1].events[index])


def test_a_record_missing_its_last_event_names_the_event_recomputed_in_its_place(lab):
    records = recorded(lab)
    events = records[0].events
    records[0] = attrs.evolve(records[0], events=events[:-1])
    assert verify(lab, SEED, records, lab.turns) == Divergence(1, len(events) - 1, "(no event)", events[-1])


def test_a_record_with_an_event_too_many_names_it(lab):
    records = recorded(lab)
    events = records[0].events
    extra = ev.GameEnded(turn=1, reason="agreement", detail="both sides stood down")
    records[0] = attrs.evolve(records[0], events=(*events, extra))
    assert verify(lab, SEED, records, lab.turns) == Divergence(1, len(events), extra, "(no event)")


def test_a_game_recorded_with_a_shorter_limit_verifies_only_against_that_limit(lab):
    # with a limit of 2 turns the second turn ends the game; against the campaign's 6 it does not
    records = recorded(lab, last_turn=2)
    assert any(isinstance(e, ev.GameEnded) for e in records[1].events)
    assert verify(lab, SEED, records, 2) is None
    divergence = verify(lab, SEED, records, lab.turns)
    assert divergence is not None and divergence.turn == 2


def test_the_ladders_history_has_every_pair_once_from_its_opening_rung_through_each_turn(lab):
    assert escalation_history(lab, recorded(lab)) == {
        "blue-red": ["tension", "standoff", "tension"],
        "blue-green": ["peace", "peace", "peace"],
        "red-green": ["peace", "peace", "peace"],
    }


def test_the_state_rebuilt_from_the_events_alone_is_the_state_the_game_reached(lab):
    state = state_after(lab, recorded(lab))
    assert (state.turn, state.rung("blue", "red")) == (3, 1)


@pytest.mark.parametrize("turns", [0, 1])
def test_a_history_of_fewer_turns_has_as_many_steps_and_one(lab, turns):
    history = escalation_history(lab, recorded(lab)[:turns])
    assert {len(steps) for steps in history.values()} == {turns + 1}
