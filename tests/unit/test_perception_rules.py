"""Issue 14 item 1: beliefs beside the truth. Each row's belief worked out by hand from the rules in
`wargame/core/perception.py`, with the rolls given.

The campaign is tests/data/escalation_lab.toml with `rules.intel_noise = 0.5`: teams blue
(intelligence 0.2, readiness 0.5), red (0.6, 0.7), green (0.2, 0.9); rungs calm(0), friction(1),
patrols(2), encounter(3) … ; every dyad starts calm.
"""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

from wargame.campaign.loader import load_campaign
from wargame.core import events as ev
from wargame.core import perception
from wargame.core.adjudicator import adjudicate
from wargame.core.orders import MoveOrder, TeamOrders
from wargame.core.state import apply_all, initial_state
from wargame.core.views import team_view

LAB = Path(__file__).resolve().parents[1] / "data" / "escalation_lab.toml"
INTEL = {"blue": 0.2, "red": 0.6, "green": 0.2}


class Rolls:
    """A stand-in stream: the rolls given, then 0.5 (which reads a track exactly: 2 × 0.5 − 1 = 0)."""

    def __init__(self, *rolls: float):
        self.rolls = list(rolls)

    def random(self) -> float:
        return self.rolls.pop(0) if self.rolls else 0.5


@pytest.fixture(scope="module")
def lab():
    campaign = load_campaign(str(LAB)).campaign
    moves = tuple(
        attrs.evolve(m, ambiguous=True) if m.id == "push" else m for m in campaign.moves
    ) + (
        attrs.evolve(campaign.move("push"), id="sabotage", name="Sabotage", visibility="secret", ambiguous=False,
                     effects=attrs.evolve(campaign.move("push").effects, escalation=2), attribution=0.4),
    )
    return attrs.evolve(campaign, moves=moves, rules=attrs.evolve(campaign.rules, intel_noise=0.5))


def resolved(team, move, target, public=True):
    return ev.MoveResolved(turn=1, public=public, audience=(team,), team=team, index=0, move=move, name=move.title(),
                           category="military", target=target, success=True)


def climbed(old, new, by="blue", hidden=False, secret=False):
    """A climb of blue–red as the adjudicator records it: `hidden` from all but its maker where beliefs are kept."""
    return ev.EscalationChanged(
        turn=1, public=not hidden, audience=(by,) if hidden else (), dyad=("blue", "red"), old=old, new=new,
        cause="x", by=by, secret=secret, known_by=(by,) if secret else (),
    )


PUSH = [resolved("blue", "push", "red"), climbed("calm", "friction", hidden=True)]
SABOTAGE = [resolved("blue", "sabotage", "red", public=False), climbed("calm", "patrols", hidden=True, secret=True)]
SEEN = [resolved("blue", "talks", "red"), climbed("calm", "friction")]
DETECTED = [*SABOTAGE, ev.MoveDetected(turn=1, public=False, audience=("green",), observer="green", team="blue",
                                       move="sabotage", name="Sabotage", target="red", detected=True)]
DETECTED_BY_RED = [*SABOTAGE, ev.MoveDetected(turn=1, public=False, audience=("red",), observer="red", team="blue",
                                              move="sabotage", name="Sabotage", target="red", detected=True)]
MESSAGE = [ev.MessageDelivered(turn=1, public=False, audience=("blue", "red"), id="m1", channel="hotline",
                               sender="blue", to=("red",), text="We stand at patrols.")]

# (why, events, viewer, viewer's rolls, the rung it believes blue–red is at, its spread, a note it reads,
#  the rivals it blames for a climb whose landing it did not see)
RUNGS = [
    ("a public change is read exactly", SEEN, "green", (), "friction", 0, "", ()),
    ("a secret climb not detected leaves the rung believed and widens it by the climb", SABOTAGE, "green", (0.9,), "calm", 2, "", ()),
    ("intelligence settles an uncertain dyad under its roll (0.1 < 0.2)", SABOTAGE, "green", (0.1,), "patrols", 0, "", ()),
    ("the target of an undetected secret move knows it was hit, not how far", SABOTAGE, "red", (0.9, 0.9), "calm", 2,
     "cannot say by whom", ()),
    ("attribution under its chance (0.3 < 0.4) names the maker and reads the dyad", SABOTAGE, "red", (0.3,), "patrols", 0,
     "You traced the sabotage against you to Blue", ("blue",)),
    ("a detected secret move is read exactly", DETECTED, "green", (), "patrols", 0, "", ()),
    ("its maker reads its own secret move exactly", SABOTAGE, "blue", (), "patrols", 0, "", ()),
    ("an ambiguous move read a rung lower (0.2 < 1/3)", PUSH, "green", (0.2, 0.9), "calm", 1, "hard to read", ()),
    ("an ambiguous move read right (0.5 < 2/3)", PUSH, "green", (0.5, 0.9), "friction", 1, "hard to read", ()),
    ("an ambiguous move read a rung higher (0.8)", PUSH, "green", (0.8, 0.9), "patrols", 1, "hard to read", ()),
    ("the target reads an ambiguous move like any observer", PUSH, "red", (0.8, 0.9), "patrols", 1, "hard to read", ("blue",)),
    ("the maker of an ambiguous move reads it exactly", PUSH, "blue", (), "friction", 0, "", ()),
    ("the target that reads an ambiguous move no higher blames nobody", PUSH, "red", (0.2, 0.9), "calm", 1, "hard to read", ()),
    ("the target that detects a secret climb against it blames its maker", DETECTED_BY_RED, "red", (), "patrols", 0, "", ("blue",)),
]


def believe(campaign, events, viewer, rolls, start=None):
    start = start or initial_state(campaign)
    end = apply_all(campaign, start, [e for e in events if not isinstance(e, ev.MessageDelivered)])
    end = attrs.evolve(end, rungs={**end.rungs, "blue|red": campaign.rung_index(end_rung(campaign, events, start))})
    formed = perception.form(campaign, start, end, events, INTEL, lambda team: Rolls(*rolls) if team == viewer else Rolls())
    return next(f for f in formed if f.team == viewer)


def end_rung(campaign, events, start):
    changes = [e for e in events if isinstance(e, ev.EscalationChanged)]
    return changes[-1].new if changes else campaign.rungs[start.rungs["blue|red"]].id


def dyad(formed, key=("blue", "red")):
    return next(d for d in formed.dyads if d.dyad == key)


@pytest.mark.parametrize("why, events, viewer, rolls, rung, spread, note, blamed", RUNGS, ids=[r[0] for r in RUNGS])
def test_a_team_believes_a_dyad_from_what_it_saw_this_turn(lab, why, events, viewer, rolls, rung, spread, note, blamed):
    formed = believe(lab, events, viewer, rolls)
    assert (dyad(formed).rung, dyad(formed).spread, formed.blamed) == (rung, spread, blamed)
    assert note in " ".join(formed.notes) if note else not formed.notes


def test_a_message_delivered_clarifies_the_receivers_belief_of_the_dyad_with_the_sender(lab):
    start = initial_state(lab)
    unsure = ev.BeliefsFormed(turn=0, public=False, audience=("red",), team="red",
                              dyads=(ev.DyadBelief(("blue", "red"), "calm", 2),))
    start = attrs.evolve(start, beliefs={"red": unsure}, rungs={**start.rungs, "blue|red": 2})
    formed = perception.form(lab, start, start, MESSAGE, INTEL, lambda team: Rolls(0.9))
    red = next(f for f in formed if f.team == "red")
    assert (dyad(red).rung, dyad(red).spread) == ("patrols", 0)
    assert "Blue's message made clear where you stand: Patrols." in red.notes[0] or "message made clear" in red.notes[0]


def test_a_false_alarm_makes_a_team_believe_a_rival_climbed_against_it(lab):
    campaign = attrs.evolve(lab, rules=attrs.evolve(lab.rules, false_alarm=0.2))
    # 0.1 < 0.2 raises the alarm; 0.9 picks the second rival of green (blue, red): red; 0.9 leaves it unsettled.
    formed = believe(campaign, [], "green", (0.1, 0.9, 0.9, 0.9))
    assert (dyad(formed, ("green", "red")).rung, dyad(formed, ("green", "red")).spread) == ("friction", 1)
    assert (formed.false_alarm, formed.blamed) == ("red", ("red",))
    assert "reports a move by Red against you" in formed.notes[0]


# (why, viewer's intelligence, intel_noise, roll, red's readiness estimate, its error):
# error = intel_noise × (1 − intelligence); estimate = 0.7 + error × (2 × roll − 1)
TRACKS = [
    ("weak intelligence, a high roll", 0.2, 0.5, 0.75, 0.9, 0.4),
    ("weak intelligence, a low roll", 0.2, 0.5, 0.0, 0.3, 0.4),
    ("good intelligence narrows the error", 0.8, 0.5, 1.0, 0.8, 0.1),
    ("perfect intelligence reads the track exactly", 1.0, 0.5, 0.0, 0.7, 0.0),
    ("the estimate stays within the track's bounds", 0.0, 1.0, 1.0, 1.0, 1.0),
]


@pytest.mark.parametrize("why, intelligence, noise, roll, value, error", TRACKS, ids=[r[0] for r in TRACKS])
def test_a_team_estimates_another_teams_track_within_an_error_its_intelligence_sets(lab, why, intelligence, noise, roll, value, error):
    campaign = attrs.evolve(lab, rules=attrs.evolve(lab.rules, intel_noise=noise))
    start = initial_state(campaign)
    # Blue's rolls go to red's tracks first, in their order: resources, readiness, …
    tracks = list(start.tracks["red"])
    rolls = [0.5] * tracks.index("readiness") + [roll]
    formed = perception.form(campaign, start, start, [], {**INTEL, "blue": intelligence},
                             lambda team: Rolls(*rolls) if team == "blue" else Rolls())
    blue = next(f for f in formed if f.team == "blue")
    (estimate,) = [e for e in blue.tracks if (e.team, e.track) == ("red", "readiness")]
    assert (estimate.value, estimate.error) == (value, error)
    assert not [e for e in blue.tracks if e.track == "credibility"]  # public: read exactly, never estimated


def play(campaign, moves, seed=1):
    state = initial_state(campaign)
    orders = [TeamOrders(team, moves=tuple(MoveOrder(m, t) for m, t in ms)) for team, ms in sorted(moves.items())]
    events = adjudicate(campaign, state, orders, (), seed)
    return events, apply_all(campaign, state, events)


def test_without_intel_noise_no_beliefs_are_formed_and_every_climb_is_public(lab):
    campaign = attrs.evolve(lab, rules=attrs.evolve(lab.rules, intel_noise=0.0))
    events, state = play(campaign, {"blue": [("sabotage", "red")]})
    assert not [e for e in events if isinstance(e, ev.BeliefsFormed)]
    assert all(e.public for e in events if isinstance(e, (ev.EscalationChanged, ev.TurnCompleted)))
    assert perception.believed_state(campaign, state, "green") is state


def test_with_intel_noise_a_secret_climb_reaches_only_its_maker_and_each_team_forms_beliefs(lab):
    events, state = play(lab, {"blue": [("sabotage", "red")]})
    (climb,) = [e for e in events if isinstance(e, ev.EscalationChanged)]
    assert (climb.public, climb.audience) == (False, ("blue",))
    assert [e.team for e in events if isinstance(e, ev.BeliefsFormed)] == ["blue", "red", "green"]
    assert set(state.beliefs) == {"blue", "red", "green"}
    assert not [e for e in events if isinstance(e, ev.TurnCompleted)][0].public


def test_a_teams_view_shows_the_ladder_as_it_believes_it(lab):
    events, state = play(lab, {"blue": [("sabotage", "red")]}, seed=3)
    green = state.beliefs["green"]
    view = team_view(lab, state, events, "green")
    (shown,) = [d for d in view.dyads if d.teams == ("blue", "red")]
    assert (shown.rung, shown.spread) == (dyad(green).rung, dyad(green).spread)
    assert view.intel["red"]["readiness"] == next(e.value for e in green.tracks if (e.team, e.track) == ("red", "readiness"))


# --- the review: the perception gap in the after-action report ------------------------------------


@pytest.fixture(scope="module")
def believed_game(tmp_path_factory):
    """A tutorial game (the campaign keeps beliefs) in which some team was wrong about some dyad."""
    from wargame.persistence.saves import load_save
    from wargame.session import Session

    tutorial = load_campaign(str(Path(__file__).resolve().parents[2] / "campaigns" / "tutorial.toml"))
    for seed in range(40):
        path = tmp_path_factory.mktemp("g") / f"g{seed}.toml"
        session = Session.start(tutorial, seed, bots={t.id: "hawk" for t in tutorial.campaign.teams}, path=str(path))
        while not session.ended:
            session.submit_bots()
            session.commit()
        wrong = [
            e for e in session.log if isinstance(e, ev.BeliefsFormed)
            and any(d.rung != tutorial.campaign.rungs[session.state.rungs["|".join(d.dyad)]].id for d in e.dyads)
            and e.turn == session.state.turn - 1
        ]
        if wrong:
            return load_save(str(path)), wrong[0].team
    raise AssertionError("no game of 40 left a team wrong at the end")


def test_the_white_cells_report_sets_each_teams_beliefs_against_the_truth(believed_game):
    from wargame.persistence.report import build_report, to_markdown

    loaded, team = believed_game
    report = build_report(loaded)
    rows = [r for r in report["perception"] if r["team"] == team and r["wrong"]]
    assert rows and all("truth" in t for r in rows for t in r["turns"])
    assert rows[0]["closed"] is None or rows[0]["closed"] > rows[0]["wrong"][-1]
    assert "## Perception gap" in to_markdown(report)


def test_a_teams_report_shows_its_own_beliefs_and_never_the_truth_it_only_estimated(believed_game):
    from wargame.persistence.report import build_report, to_markdown

    loaded, team = believed_game
    campaign = loaded.campaign.campaign
    report = build_report(loaded, team)
    assert {r["team"] for r in report["perception"]} <= {team}
    assert not [t for r in report["perception"] for t in r["turns"] if "truth" in t]
    last = next(e for e in loaded.save.turns[-1].events if isinstance(e, ev.BeliefsFormed) and e.team == team)
    for d in last.dyads:
        key = "-".join(d.dyad) if "-".join(d.dyad) in report["escalation"] else "-".join(reversed(d.dyad))
        assert report["escalation"][key][-1] == d.rung  # what it believed, wrong or not
    assert "gap closed" not in to_markdown(report)
    truth = build_report(loaded)["escalation"]
    assert truth != report["escalation"]
    assert campaign.has_team(team)


def test_a_bot_answers_a_rival_it_blames_only_the_turn_after_it_was_blamed(lab):
    state = attrs.evolve(initial_state(lab), turn=3)
    formed = ev.BeliefsFormed(turn=2, public=False, audience=("red",), team="red", blamed=("blue",))
    assert perception.blamed(lab, attrs.evolve(state, beliefs={"red": formed}), "red") == {"blue"}
    assert perception.blamed(lab, attrs.evolve(state, turn=4, beliefs={"red": formed}), "red") == set()
    quiet = attrs.evolve(lab, rules=attrs.evolve(lab.rules, intel_noise=0.0))
    assert perception.blamed(quiet, attrs.evolve(state, beliefs={"red": formed}), "red") == set()


def test_a_resources_estimate_errs_by_a_share_of_the_other_teams_starting_resources(lab):
    start = initial_state(lab)
    formed = perception.form(lab, start, start, [], {**INTEL, "blue": 0.2}, lambda team: Rolls(1.0) if team == "blue" else Rolls())
    blue = next(f for f in formed if f.team == "blue")
    (estimate,) = [e for e in blue.tracks if (e.team, e.track) == ("red", "resources")]
    # 0.5 × (1 − 0.2) × red's starting resources; the first roll (1.0) puts the estimate that far above.
    red = lab.team("red").resources
    assert (estimate.error, estimate.value) == (round(0.4 * red, 3), round(red + 0.4 * red, 2))


# --- the catalogue: a chance that reads a rival's hidden track ---------------------------------------


def test_a_chance_that_reads_a_hidden_track_is_worked_out_from_the_teams_estimate_once_it_has_one():
    from wargame.core.rules import success_chance
    from wargame.core.views import options
    from wargame.session import Session

    session = Session.start(load_campaign("campaigns/tutorial.toml"), 5, bots={"blue": "dove", "red": "hawk", "green": "dove"})

    def disinformation():
        return next(o for o in options(session.campaign, session.state, "blue") if o.move == "disinformation")

    session.submit_bots()
    session.commit()
    after = disinformation()
    estimate = next(e for e in session.state.beliefs["blue"].tracks if (e.team, e.track) == ("red", "intelligence"))
    truth = session.state.tracks["red"]["intelligence"]
    assert estimate.value != truth  # the row means something only when the estimate is off
    believed = perception.believed_state(session.campaign, session.state, "blue")
    assert after.estimated and after.unknown == ("Korvath's intelligence",)
    assert (after.chance, after.terms) == success_chance(session.campaign, believed, "blue", session.campaign.move("disinformation"), "red")
    assert after.chance != success_chance(session.campaign, session.state, "blue", session.campaign.move("disinformation"), "red")[0]
    assert f"{estimate.value:g}" in after.terms[0].label and f"{truth:g}" not in after.terms[0].label
