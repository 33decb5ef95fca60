"""How each bot persona answers a proposal that reached it, on the laboratory campaign of conftest.py:
blue proposes a stand-down to red; blue is "hostile" to red when it raised their dyad last turn."""

from __future__ import annotations

import attrs
import pytest

from wargame.core import events as ev
from wargame.core.bots import bot_orders
from wargame.core.model import Doctrine
from wargame.core.state import OpenProposal, initial_state

RAISED = ev.EscalationChanged(turn=1, dyad=("blue", "red"), old="peace", new="tension", cause="Push (Blue)", by="blue")
"""Blue raised blue–red last turn, where red saw it."""

# (persona, red's doctrine's rule for answers (None: no doctrine), blue raised the dyad, red accepts)
ANSWERS = [
    ("dove", None, True, True),  # a dove always accepts
    ("tit-for-tat", None, False, True),
    ("tit-for-tat", None, True, False),  # not from a team that just escalated against it
    ("deterrent", None, False, True),
    ("deterrent", None, True, False),
    ("doctrine", None, False, True),  # no doctrine: reciprocal
    ("doctrine", None, True, False),
    ("doctrine", "reciprocal", False, True),
    ("doctrine", "reciprocal", True, False),
    ("doctrine", "always", True, True),
    ("doctrine", "never", False, False),
]


@pytest.mark.parametrize("persona, rule, hostile, accepts", ANSWERS)
def test_a_bot_answers_a_proposal_by_its_persona_and_what_the_sender_did_last_turn(lab, persona, rule, hostile, accepts):
    red = lab.team("red")
    campaign = attrs.evolve(
        lab, teams=tuple(attrs.evolve(t, doctrine=Doctrine(accept=rule)) if t is red and rule else t for t in lab.teams),
    )
    state = attrs.evolve(initial_state(campaign), turn=2, proposals=(OpenProposal("m1.1", "stand_down", "blue", "red", 3),))
    orders = bot_orders(persona, campaign, state, "red", 1, (RAISED,) if hostile else ())
    assert [(r.proposal, r.accept) for r in orders.responses] == [("m1.1", accepts)]
