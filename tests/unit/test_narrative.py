"""Texts written from the viewer's side: what a team, the room and the white cell read of the same events."""

from __future__ import annotations

from pathlib import Path

from wargame.campaign.loader import load_campaign
from wargame.core import events as ev
from wargame.core.adjudicator import adjudicate
from wargame.core.narrative import FACILITATOR, ROOM, Viewpoint, describe, unwrap
from wargame.core.orders import FreeformOrder, Intervention, TeamOrders
from wargame.core.state import initial_state
from wargame.core.views import seen

ROOT = Path(__file__).resolve().parents[2]
TUTORIAL = load_campaign(str(ROOT / "campaigns" / "tutorial.toml")).campaign
WHITE, ROOM_VIEW = Viewpoint(FACILITATOR), Viewpoint(ROOM)


def turn_one(orders, interventions=()):
    return adjudicate(TUTORIAL, initial_state(TUTORIAL), orders, interventions, seed=3)


def test_another_teams_hidden_track_reads_as_a_direction_and_its_own_and_the_white_cells_as_values():
    change = ev.TrackChanged(turn=1, team="red", track="support", old=0.6, new=0.58, cause="Diplomatic démarche (Republic of Meridia)")
    assert describe(TUTORIAL, change, Viewpoint("blue")) == "Korvath Federation — Domestic support fell (Diplomatic démarche (Republic of Meridia))."
    assert "0.6 → 0.58" in describe(TUTORIAL, change, Viewpoint("red"))
    assert "0.6 → 0.58" in describe(TUTORIAL, change, WHITE)
    assert "0.58" not in describe(TUTORIAL, change, ROOM_VIEW)
    assert "0.6 → 0.58" in describe(TUTORIAL, change, Viewpoint("blue", frozenset({"red"})))


def test_credibility_is_public_so_everyone_reads_its_values():
    change = ev.TrackChanged(turn=1, team="red", track="credibility", old=0.5, new=0.45, cause="x")
    assert "0.5 → 0.45" in describe(TUTORIAL, change, ROOM_VIEW)


def test_a_chance_that_reads_a_hidden_track_is_shown_without_numbers():
    move = next(m for m in TUTORIAL.moves if m.name == "Confidence-building measures")
    resolved = ev.MoveResolved(
        turn=2, team="blue", index=0, move=move.id, name=move.name, category=move.category, target="red",
        base=0.6, terms=(ev.Term("Korvath's support 0.6 (weight -0.3)", -0.03),), probability=0.57, roll=0.2,
    )
    green = describe(TUTORIAL, resolved, Viewpoint("green"))
    assert "0.6" not in green and "%" not in green and "roll" not in green
    assert "57%" in describe(TUTORIAL, resolved, WHITE)


def test_cooperative_moves_read_with_and_coercive_ones_against():
    cbm = next(m for m in TUTORIAL.moves if m.name == "Confidence-building measures")
    demarche = next(m for m in TUTORIAL.moves if m.name == "Diplomatic démarche")
    kwargs = dict(turn=1, team="blue", index=0, target="red", base=1.0, probability=1.0)
    assert "Confidence-building measures with Korvath" in describe(
        TUTORIAL, ev.MoveResolved(move=cbm.id, name=cbm.name, category=cbm.category, **kwargs), WHITE
    )
    assert "Diplomatic démarche against Korvath" in describe(
        TUTORIAL, ev.MoveResolved(move=demarche.id, name=demarche.name, category=demarche.category, **kwargs), WHITE
    )


def test_a_certain_move_prints_no_roll_and_one_point_is_singular():
    certain = ev.MoveResolved(turn=1, team="blue", index=0, move="x", name="X", category="economic", probability=1.0, roll=0.045)
    assert "roll" not in describe(TUTORIAL, certain, WHITE)
    scored = ev.ObjectiveScored(turn=5, team="blue", objective="o", description="d", met=True, points=1)
    assert "(1 point)" in describe(TUTORIAL, scored, WHITE)


def test_reasons_end_with_one_full_stop_and_inject_texts_lose_the_files_line_breaks():
    refused = ev.OrderRefused(turn=1, team="blue", what="move 1", reason="after the 2024 audit.")
    assert describe(TUTORIAL, refused, WHITE).endswith("audit.")
    assert unwrap("Crowds gather outside\nthe embassy.\n\nA second paragraph.") == "Crowds gather outside the embassy.\n\nA second paragraph."


def test_the_reason_for_firing_an_inject_stays_with_the_white_cell():
    inject = TUTORIAL.injects[-1]
    events = turn_one([], [Intervention("fire_inject", "SECRETREASON raise the stakes", inject=inject.id)])
    fired = next(e for e in events if isinstance(e, ev.InjectFired) and e.inject == inject.id)
    assert "SECRETREASON" in describe(TUTORIAL, fired, WHITE)
    assert "SECRETREASON" not in describe(TUTORIAL, fired, ROOM_VIEW)
    assert all("SECRETREASON" not in s.text and "SECRETREASON" not in repr(s.event) for s in seen(TUTORIAL, events, "blue"))


def test_the_white_cell_reads_the_secret_move_behind_a_change_and_the_others_an_undisclosed_action():
    secret = next(m for m in TUTORIAL.moves if m.visibility == "secret" and m.effects.target)
    change = ev.TrackChanged(
        turn=1, team="red", track="readiness", old=0.6, new=0.55, cause=f"{secret.name} (Republic of Meridia)",
        secret=True, known_by=("blue",), public=False, audience=("red",),
    )
    assert "an undisclosed action" in describe(TUTORIAL, change, Viewpoint("red"))
    white = describe(TUTORIAL, change, WHITE)
    assert secret.name in white and "only Republic of Meridia knew" in white


def test_a_free_form_move_reaches_whom_its_visibility_and_the_ruling_allow():
    orders = [TeamOrders("blue", freeform=(
        FreeformOrder("SECRETACT", "WHY", "red", "secret"),
        FreeformOrder("TARGETACT", "WHY", "red", "target"),
        FreeformOrder("PUBLICACT", "WHY", "red", "public"),
        FreeformOrder("DETECTEDACT", "WHY", "red", "secret"),
    ))]
    rulings = [
        Intervention("adjudicate", "KEPT", "blue", 0, "success"),
        Intervention("adjudicate", "SHARED", "blue", 1, "success", share_reason=True),
        Intervention("adjudicate", "KEPT", "blue", 3, "failure", detected=True),
    ]
    events = turn_one(orders, rulings)
    red = " ".join(s.text for s in seen(TUTORIAL, events, "red"))
    green = " ".join(s.text for s in seen(TUTORIAL, events, "green"))
    assert "SECRETACT" not in red and "TARGETACT" in red and "PUBLICACT" in red and "DETECTEDACT" in red
    assert "SECRETACT" not in green and "TARGETACT" not in green and "PUBLICACT" in green and "DETECTEDACT" not in green
    assert "WHY" not in red + green and "KEPT" not in red and "SHARED" in red
    blue = " ".join(s.text for s in seen(TUTORIAL, events, "blue"))
    assert "SECRETACT" in blue and "WHY" in blue and "KEPT" not in blue
