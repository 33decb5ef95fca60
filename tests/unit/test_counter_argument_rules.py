"""Issue 15's argument round, one table per mechanism, each expected value worked out by hand.

The campaign is tests/data/escalation_lab.toml: teams blue, red, green (in that order). The default
estimative scale: almost certain 0.95, likely 0.75, even chance 0.5, unlikely 0.25, remote 0.05.
"""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

from wargame.campaign.loader import load_campaign
from wargame.core import arguments
from wargame.core import events as ev
from wargame.core.adjudicator import adjudicate
from wargame.core.narrative import describe
from wargame.core.orders import CounterArgument, FreeformOrder, Intervention, TeamOrders
from wargame.core.state import initial_state
from wargame.core.views import as_known

LAB = Path(__file__).resolve().parents[1] / "data" / "escalation_lab.toml"


@pytest.fixture(scope="module")
def lab():
    return load_campaign(str(LAB)).campaign


def voting(campaign):
    return attrs.evolve(campaign, rules=attrs.evolve(campaign.rules, odds_by="vote"))


@pytest.mark.parametrize(
    ("visibility", "target", "reader", "may"),
    [
        ("public", "red", "green", True),  # everyone reads a public move
        ("public", "red", "red", True),
        ("public", "red", "blue", False),  # its maker does not counter itself
        ("target", "red", "red", True),  # a target-only move: its target alone
        ("target", "red", "green", False),
        ("target", None, "green", False),  # target-only with no target: nobody
        ("secret", "red", "red", False),  # a secret move: the white cell alone
        ("secret", None, "green", False),
    ],
)
def test_a_team_may_counter_a_free_form_move_only_when_it_may_read_it(visibility, target, reader, may):
    assert arguments.may_counter(FreeformOrder("act", target=target, visibility=visibility), "blue", reader) is may


@pytest.mark.parametrize(
    ("votes", "median"),
    [
        (["likely"], "likely"),
        (["likely", "remote", "even chance"], "even chance"),  # 0.05, 0.5, 0.75: the middle one
        (["likely", "unlikely"], "unlikely"),  # a tie: the less likely of the two middle words
        (["almost certain", "likely", "unlikely", "remote"], "unlikely"),  # middles 0.25 and 0.75: 0.25
        (["likely", "no such word"], "likely"),  # a word not on the scale is no vote
        ([], ""),
    ],
)
def test_the_odds_a_vote_gives_are_its_median_word_and_a_tie_goes_to_the_less_likely(lab, votes, median):
    assert arguments.median_word(lab, votes) == median


@pytest.mark.parametrize(
    ("odds_by", "visibility", "target", "voters"),
    [
        ("vote", "public", "red", ("green",)),  # red is party to it as its target
        ("vote", "public", None, ("red", "green")),
        ("vote", "target", "red", ()),  # only its target reads it, and the target is a party
        ("vote", "secret", None, ()),
        ("white_cell", "public", None, ()),  # the default: the white cell sets the odds
    ],
)
def test_only_uninvolved_teams_that_read_the_move_vote_and_only_where_the_campaign_says(lab, odds_by, visibility, target, voters):
    campaign = voting(lab) if odds_by == "vote" else lab
    assert arguments.voters(campaign, FreeformOrder("act", target=target, visibility=visibility), "blue") == voters


def turn(campaign, ff, counters, ruling):
    orders = [
        TeamOrders("blue", freeform=(ff,)),
        TeamOrders("red", counters=tuple(c for c in counters if c[0] == "red" for c in [c[1]])),
        TeamOrders("green", counters=tuple(c for c in counters if c[0] == "green" for c in [c[1]])),
    ]
    events = adjudicate(campaign, initial_state(campaign), orders, (ruling,), 3)
    return next(e for e in events if isinstance(e, ev.FreeformResolved))


ON_ODDS = Intervention("adjudicate", "as argued", team="blue", order=0, odds="remote")


@pytest.mark.parametrize(
    ("visibility", "given", "kept"),
    [
        # A target-only move towards red: green's counter cannot be, as green may not read it.
        ("target", [("red", "they will see through it"), ("green", "peeking")], (("red", "they will see through it"),)),
        ("public", [("red", "no"), ("green", "never")], (("red", "no"), ("green", "never"))),
        ("secret", [("red", "I know"), ("green", "so do I")], ()),
    ],
)
def test_the_event_keeps_only_the_counters_of_teams_that_may_read_the_move(lab, visibility, given, kept):
    ff = FreeformOrder("blockade the strait", "they are weak", "red", visibility)
    counters = [(team, CounterArgument("blue", 0, text)) for team, text in given]
    resolved = turn(lab, ff, counters, ON_ODDS)
    assert tuple((c.team, c.text) for c in resolved.counters) == kept


def test_under_a_vote_the_median_word_replaces_the_white_cells_odds_and_is_marked(lab):
    campaign = voting(lab)
    ff = FreeformOrder("talks", "", None, "public")
    counters = [("red", CounterArgument("blue", 0, "", "likely")), ("green", CounterArgument("blue", 0, "bad idea", "almost certain"))]
    resolved = turn(campaign, ff, counters, ON_ODDS)
    # 0.75 and 0.95: a tie of two middle words goes to the less likely, "likely", not the white cell's "remote".
    assert (resolved.odds, resolved.chance, resolved.voted) == ("likely", 0.75, True)
    assert [(c.team, c.odds) for c in resolved.counters] == [("red", "likely"), ("green", "almost certain")]


def test_with_no_vote_given_the_white_cells_odds_stand(lab):
    resolved = turn(voting(lab), FreeformOrder("talks", visibility="public"), [("red", CounterArgument("blue", 0, "no"))], ON_ODDS)
    assert (resolved.odds, resolved.voted) == ("remote", False)


def test_votes_count_for_nothing_where_the_white_cell_sets_the_odds(lab):
    counters = [("red", CounterArgument("blue", 0, "", "almost certain"))]
    resolved = turn(lab, FreeformOrder("talks", visibility="public"), counters, ON_ODDS)
    assert (resolved.odds, resolved.counters) == ("remote", ())  # a vote alone, and no vote: nothing kept


def test_a_team_told_of_the_move_reads_its_counters_and_one_not_told_reads_nothing(lab):
    ff = FreeformOrder("blockade the strait", "they are weak", "red", "target")
    resolved = turn(lab, ff, [("red", CounterArgument("blue", 0, "they will see through it"))], ON_ODDS)
    state = initial_state(lab)
    from wargame.core import views

    for viewer, reads in (("blue", True), ("red", True), ("green", False)):
        seen = views.viewpoint(lab, state, viewer)
        known = as_known(lab, resolved, seen)
        told = describe(lab, known, seen) if known is not None else ""
        assert ("they will see through it" in told) is reads, (viewer, told)
    assert "Countered by Red: “they will see through it”." in describe(lab, resolved, views.viewpoint(lab, state, "blue"))
