"""A free-form move ruled as in a matrix game, and the white cell's powers, driven by key presses
through the real app at 80x24 and wide: set the odds in words, an effect, a reason; the roll and the
effect appear in the outcomes and in the committed turn; a power queued from the facilitator console
is applied when the turn is committed."""

from __future__ import annotations

import pytest
from textual.widgets import Input, OptionList, Select

from wargame.core import events as ev
from wargame.core.narrative import Viewpoint, describe
from wargame.tui.app import WargameApp
from wargame.tui.dialogs.power import PowerDialog
from wargame.tui.dialogs.ruling import RulingDialog
from wargame.tui.screens.adjudication import AdjudicationScreen
from wargame.tui.screens.facilitator import FacilitatorScreen

from test_white_cell import on_the_brink

SIZES = [(80, 24), (160, 48)]


def outcome_lines(screen: AdjudicationScreen) -> list[str]:
    return [str(option.prompt) for option in screen.query_one("#outcomes", OptionList).options]


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "wide"])
async def test_a_free_form_move_ruled_in_words_is_rolled_and_its_effect_follows(tmp_path, size):
    session = on_the_brink(tmp_path)  # red's secret-less "quiet deal" towards green awaits a ruling
    app = WargameApp(session=session)
    async with app.run_test(size=size) as pilot:
        screen = app.screen
        await pilot.press("f")  # the facilitator's view
        row = next(i for i, e in enumerate(screen.rows) if isinstance(e, ev.FreeformResolved))
        screen.query_one("#outcomes", OptionList).highlighted = row
        await pilot.press("o")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, RulingDialog)
        assert app.focused is dialog.query_one("#odds", Select)
        await pilot.press("enter", "down", "down", "enter")  # outright, almost certain, likely
        await pilot.pause()
        assert dialog.odds() == "likely"
        dialog.query_one("#on-success .inject", Input).focus()
        await pilot.press(*"Aldmark listens")
        await pilot.pause()
        assert "If it succeeds: inject “Aldmark listens”" in str(dialog.query_one("#changes").render())
        dialog.query_one("#reason", Input).focus()
        await pilot.press(*"a plausible offer", "enter")
        await pilot.pause()
        assert app.screen is screen
        [ruling] = session.interventions
        assert (ruling.kind, ruling.odds, ruling.outcome, ruling.on_success.inject) == ("adjudicate", "likely", None, "Aldmark listens")
        resolved = next(e for e in session.preview() if isinstance(e, ev.FreeformResolved))
        shown = " ".join(outcome_lines(screen))
        assert f"(odds: likely, 75%; roll {resolved.roll:.3f}" in shown
        if resolved.outcome == "success":
            assert "Aldmark listens" in shown
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert session.turn == 3
    committed = session.records[-1].events
    done = next(e for e in committed if isinstance(e, ev.FreeformResolved))
    assert (done.odds, done.chance, done.roll) == ("likely", 0.75, resolved.roll)
    # Its target reads the move, its odds and roll (the campaign shows exact odds), not the reason.
    told = describe(session.campaign, done, Viewpoint("green"))
    assert "odds: likely, 75%" in told and "a plausible offer" not in told


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "wide"])
async def test_the_white_cell_moves_a_dyad_from_the_console_by_keys_and_the_turn_applies_it(tmp_path, size):
    session = on_the_brink(tmp_path)
    app = WargameApp(session=session)
    async with app.run_test(size=size) as pilot:
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, FacilitatorScreen)
        await pilot.press("d")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, PowerDialog)
        dialog.query_one("#team").focus()
        await pilot.press("enter", "down", "enter")  # Meridia
        await pilot.press("tab", "enter", "down", "down", "enter")  # Korvath
        await pilot.press("tab", "enter", *["down"] * 4, "enter")  # Armed standoff
        await pilot.press("tab", *"a border clash", "enter")
        await pilot.pause()
        assert isinstance(app.screen, FacilitatorScreen)
        [power] = session.interventions
        assert (power.kind, power.team, power.target, power.rung, power.reason) == ("set_rung", "blue", "red", "standoff", "a border clash")
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
    assert session.state.rung("blue", "red") == session.campaign.rung_index("standoff")
    moved = [e for e in session.records[-1].events if isinstance(e, ev.EscalationChanged) and e.cause == "set by the white cell"]
    assert moved and moved[-1].new == "standoff"


async def test_a_power_with_a_field_left_out_says_so_and_queues_nothing(tmp_path):
    session = on_the_brink(tmp_path)
    app = WargameApp(session=session)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f2")
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        dialog = app.screen
        dialog.query_one("#reason", Input).focus()
        await pilot.press(*"because", "enter")
        await pilot.pause()
        assert app.screen is dialog
        assert str(dialog.query_one("#problem").render()) == "Give the track's new value, such as 0.5."
        assert session.interventions == []


async def test_setup_may_show_teams_odds_in_words_and_the_team_screen_then_shows_no_number(tmp_path, monkeypatch):
    from wargame.campaign.library import bundled_folder
    from wargame.tui.screens.handover import HandoverScreen

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("WARGAME_SAVE_DIR", str(tmp_path / "saves"))
    app = WargameApp(campaign=str(bundled_folder() / "tutorial.toml"), seed=5)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        odds = app.screen.query_one("#show-odds", Select)
        assert odds.value == "exact"  # as the campaign says
        odds.focus()
        await pilot.press("enter", "down", "enter")
        assert odds.value == "words"
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, HandoverScreen)
        assert app.session.settings.show_odds == "words"
        await pilot.press("enter")
        await pilot.pause()
        shown = "\n".join(strip.text for strip in app.screen._compositor.render_strips())
        catalogue = shown.split("Chance", 1)[1] if "Chance" in shown else shown
        words = [w.word for w in app.session.campaign.rules.estimative_scale]
        assert any(word in catalogue for word in words), shown
        assert "%" not in catalogue, shown


async def test_once_the_white_cell_extends_the_game_every_screen_counts_to_the_new_last_turn(tmp_path):
    from wargame.core.orders import Intervention
    from wargame.tui.screens.handover import HandoverScreen

    session = on_the_brink(tmp_path)  # turn 2 of 5
    session.intervene(Intervention("set_turns", "the room wants two more turns", turns=7))
    session.commit()
    app = WargameApp(session=session)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HandoverScreen)
        shown = "\n".join(strip.text for strip in app.screen._compositor.render_strips())
        assert "Turn 3 of 7" in shown, shown
