"""What a team's catalogue of moves says of a chance resting on tracks it cannot see, and who learns
nothing hidden: each expected value worked out by hand from tests/data/rule_lab.toml.

In the lab: blue's effective intelligence is 0.49 (its own 0.2, green's 0.49 shared under the Pact),
red has exactly 0.5 (the threshold that reveals the others' tracks), amber has 0.0 and shares none.
Readiness: blue 0.5, red 0.7, green 0.5, amber 0.8. Red and amber are allies (the Accord, basing
+0.15 to military moves); blue and green are allies (the Pact).
Raid: 0.6 + 0.4 × (own readiness − 0.5) − 0.5 × (target's − 0.5) − 0.2 × (target's ally's − 0.5);
a term worth exactly 0 is left out.
"""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

from wargame.campaign.loader import load_campaign
from wargame.core.model import Modifier, Move, Success
from wargame.core.state import initial_state
from wargame.core.views import FACILITATOR, ROOM, options, reveals

LAB = Path(__file__).resolve().parents[1] / "data" / "rule_lab.toml"


@pytest.fixture(scope="module")
def lab():
    return load_campaign(str(LAB)).campaign


def raising_blues_readiness(lab):
    """The opening state with blue's readiness at 0.6, so that a raid on blue reads a term of −0.05."""
    state = initial_state(lab)
    return attrs.evolve(state, tracks={**state.tracks, "blue": {**state.tracks["blue"], "readiness": 0.6}})


# (team, target, chance shown, hidden tracks named), blue's readiness at 0.6:
CATALOGUE_SECRECY = [
    # blue cannot see red's readiness (term −0.5 × 0.2 = −0.1) nor red's ally amber's (−0.2 × 0.3 = −0.06)
    ("blue", "red", -1.0, ("Red's readiness", "Amber's readiness")),
    # the same two, in the order of the move's modifiers: the target first, then its ally
    ("blue", "amber", -1.0, ("Amber's readiness", "Red's readiness")),
    # red's 0.5 reveals blue's readiness: 0.6 + 0.08 − 0.05 (blue 0.6) + 0 (green 0.5, left out) + basing 0.15
    ("red", "blue", 0.78, ()),
    # amber (0.0) cannot see blue's 0.6: only that term is hidden; its own readiness (+0.12) and basing are not
    ("amber", "blue", -1.0, ("Blue's readiness",)),
]


@pytest.mark.parametrize("team, target, chance, hidden", CATALOGUE_SECRECY)
def test_the_catalogue_names_the_tracks_a_hidden_chance_rests_on_and_shows_a_visible_one(lab, team, target, chance, hidden):
    found = [o for o in options(lab, raising_blues_readiness(lab), team) if o.move == "raid" and o.target == target]
    assert len(found) == 1
    assert found[0].unknown == hidden
    assert found[0].chance == pytest.approx(chance, abs=1e-9)
    assert (found[0].terms == ()) == bool(hidden)


@pytest.mark.parametrize(
    "team, target, terms",
    [
        ("blue", "red", ()),  # push has no modifiers: certain
        ("amber", "blue", (("basing rights (Accord)", 0.15),)),  # basing is public: 1.0 + 0.15, capped at 1
    ],
)
def test_a_chance_that_reads_no_track_is_shown_and_names_no_hidden_track(lab, team, target, terms):
    found = [o for o in options(lab, initial_state(lab), team) if o.move == "push" and o.target == target]
    assert (found[0].chance, found[0].unknown) == (1.0, ())
    assert [(t.label, t.value) for t in found[0].terms] == [(label, pytest.approx(v)) for label, v in terms]


@pytest.mark.parametrize("viewer", [FACILITATOR, ROOM, "purple", "", "Red"])
def test_a_viewer_that_is_no_team_of_the_campaign_has_no_team_revealed(lab, viewer):
    # red's 0.5 would reveal everyone: nothing of it reaches the white cell's or room's viewpoint, nor a
    # name that is no team id (ids are case-sensitive)
    assert reveals(lab, initial_state(lab), viewer) == frozenset()


def test_a_team_at_the_threshold_has_every_other_team_revealed(lab):
    assert reveals(lab, initial_state(lab), "red") == frozenset({"blue", "green", "amber"})
    assert reveals(lab, initial_state(lab), "blue") == frozenset()


SWAY = Move(
    "sway", "Sway", "diplomatic", 0, target="rival",
    success=Success(0.5, (Modifier(0.5, "credibility", "target"), Modifier(0.5, "cohesion", "target"))),
)
"""A move whose chance reads the target's credibility (public to all) and its cohesion (a campaign's own
track, hidden without intelligence): 0.5 + 0.5 × (credibility − 0.5) + 0.5 × (cohesion − 0.5)."""


def test_the_catalogue_names_only_the_hidden_tracks_of_a_chance_and_names_a_campaigns_own_track_by_its_name(lab):
    campaign = attrs.evolve(lab, moves=(*lab.moves, SWAY))
    state = initial_state(campaign)
    red = {**state.tracks["red"], "credibility": 0.7, "cohesion": 0.6}
    state = attrs.evolve(state, tracks={**state.tracks, "red": red})
    found = [o for o in options(campaign, state, "blue") if o.move == "sway" and o.target == "red"]
    # red's credibility (+0.1) is public; red's cohesion (+0.05) is not: "Alliance cohesion", lower case
    assert found[0].unknown == ("Red's alliance cohesion",)
    assert found[0].chance == -1.0
    # red's own intelligence reveals blue's: blue's opening credibility and cohesion give 0.5 + 0 + 0
    seen_by_red = [o for o in options(campaign, state, "red") if o.move == "sway" and o.target == "blue"]
    assert (seen_by_red[0].chance, seen_by_red[0].unknown) == (pytest.approx(0.5), ())
