"""The campaign picker, game setup and end screens of the real app, driven through the keyboard with Pilot."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, Label, Markdown, OptionList, Select, Static

from wargame.campaign.library import bundled_folder
from wargame.core import events as ev
from wargame.persistence.saves import load_save
from wargame.session import Session
from wargame.tui.app import WargameApp
from wargame.tui.screens.adjudication import AdjudicationScreen
from wargame.tui.screens.end import EndScreen
from wargame.tui.screens.handover import HandoverScreen
from wargame.tui.screens.picker import PickerScreen
from wargame.tui.screens.setup import SetupScreen

TUTORIAL = str(bundled_folder() / "tutorial.toml")
SIZE = (100, 32)


@pytest.fixture
def save_dir(tmp_path, monkeypatch) -> Path:
    """Saves land in a fresh folder, and ./campaigns of the test's folder is empty."""
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "saves"
    monkeypatch.setenv("WARGAME_SAVE_DIR", str(folder))
    return folder


async def settle(app: WargameApp, pilot) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()


def visible(app) -> str:
    """The terminal as the user sees it now, one line per row."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def replace_text(pilot, text: str) -> None:
    """Clear the focused input with keys and type `text`."""
    await pilot.press("end", "ctrl+u", *text)


# -- the picker --------------------------------------------------------------------------------


async def test_the_picker_lists_the_tutorial_and_shows_its_briefing(save_dir):
    app = WargameApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        campaigns = app.screen.query_one("#campaigns", OptionList)
        prompts = [str(campaigns.get_option_at_index(i).prompt) for i in range(campaigns.option_count)]
        assert any("Storm over the Calder Strait" in p for p in prompts)
        assert any("5 turns" in p and "Korvath Federation" in p for p in prompts)
        briefing = app.screen.query_one("#briefing", Markdown).source
        assert "The **Calder Strait** is forty kilometres" in briefing
        assert "contested strait" in briefing  # the summary comes first


async def test_a_broken_campaign_is_listed_with_its_problem_and_cannot_be_picked(save_dir):
    (save_dir.parent / "campaigns").mkdir()
    (save_dir.parent / "campaigns" / "broken.toml").write_text('title = "Broken"\nturns = "five"\n')
    app = WargameApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        campaigns = app.screen.query_one("#campaigns", OptionList)
        broken = campaigns.get_option_at_index(campaigns.option_count - 1)
        assert "broken.toml" in str(broken.prompt) and "cannot be used" in str(broken.prompt)
        assert broken.disabled
        await pilot.press(*["down"] * campaigns.option_count)
        assert "broken.toml" not in str(campaigns.highlighted_option.prompt)


async def test_enter_on_a_campaign_opens_its_setup_with_the_given_seed(save_dir):
    app = WargameApp(seed=99)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen)
        assert Path(app.screen.campaign_path).name == "tutorial.toml"
        assert app.screen.query_one("#seed", Input).value == "99"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen)


async def test_escape_from_a_setup_opened_first_shows_the_campaign_list_with_the_same_seed(save_dir):
    app = WargameApp(campaign=TUTORIAL, seed=42)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, PickerScreen) and app.screen.seed == 42
        assert len(app.screen_stack) == 2  # replaced, not stacked: Escape again does not come back here


# -- setup ---------------------------------------------------------------------------------------


async def test_setup_with_one_bot_team_and_a_typed_seed_starts_and_saves_that_game(save_dir):
    app = WargameApp(campaign=TUTORIAL)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.focused is app.screen.query_one("#seed", Input)
        await replace_text(pilot, "4242")
        red = app.screen.query_one("#who-red", Select)
        red.focus()
        await pilot.press("enter", "down", "enter")  # the first bot listed is the campaign's choice
        assert red.value == "hawk"
        await pilot.press("ctrl+s")
        await settle(app, pilot)

        assert isinstance(app.screen, HandoverScreen) and app.screen.team == "blue"
        assert "Pass the keyboard to Republic of Meridia" in visible(app)
        session = app.session
        assert session.seed == 4242
        assert session.settings.bots == {"red": "hawk"}
        assert session.settings.humans == ("blue", "green")
        assert not session.has_passphrase()
        saves = list(save_dir.glob("tutorial-*.toml"))
        assert [str(p) for p in saves] == [session.path]
        on_disk = load_save(session.path).save
        assert on_disk.seed == 4242 and on_disk.settings.bots == {"red": "hawk"}


async def test_a_non_numeric_seed_shows_an_error_and_starts_nothing(save_dir):
    app = WargameApp(campaign=TUTORIAL, seed=5)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await replace_text(pilot, "12ab")
        error = app.screen.query_one("#seed-error", Label)
        assert error.display and "Digits only" in str(error.render())
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert app.session is None and isinstance(app.screen, SetupScreen)
        assert not save_dir.exists()
        assert any("seed" in n.message for n in app._notifications)


async def test_a_mismatched_passphrase_confirmation_is_refused(save_dir):
    app = WargameApp(campaign=TUTORIAL, seed=5)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.screen.query_one("#passphrase", Input).focus()
        await pilot.press(*"white cell")
        app.screen.query_one("#confirm", Input).focus()
        await pilot.press(*"white sell", "enter")
        await settle(app, pilot)
        assert app.session is None and isinstance(app.screen, SetupScreen)
        assert not save_dir.exists()
        assert "differ" in str(app.screen.query_one("#pass-note", Label).render())

        await replace_text(pilot, "white cell")
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, HandoverScreen)
        assert app.session.check_passphrase("white cell")
        assert not app.session.check_passphrase("white sell")


async def test_an_all_bot_game_is_allowed_and_says_it_is_a_demo(save_dir):
    app = WargameApp(campaign=TUTORIAL, seed=5)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        note = app.screen.query_one("#all-bots", Label)
        assert not note.display
        for team in ("blue", "red", "green"):
            app.screen.query_one(f"#who-{team}", Select).value = "dove"
        await pilot.pause()
        assert note.display and "demo" in str(note.render())
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert app.session.humans() == ()
        assert isinstance(app.screen, AdjudicationScreen)  # no team to hand over to: the bots have played
        assert "Turn 1 of 5 — adjudication" in visible(app)


async def test_a_campaign_with_problems_shows_them_instead_of_a_form(save_dir, tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('title = "Bad"\nturns = "five"\n')
    app = WargameApp(campaign=str(bad), seed=5)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "cannot be used" in str(app.screen.query_one(".setup-title", Label).render())
        assert "turns" in str(app.screen.query_one("#problems", Static).render())
        assert not app.screen.query("#start")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert app.session is None and isinstance(app.screen, SetupScreen)


async def test_a_long_save_path_is_shown_whole_on_a_small_terminal(save_dir, monkeypatch):
    folder = save_dir.parent / "autumn-seminar-of-the-defence-college" / "hot-seat-games" / "saves"
    monkeypatch.setenv("WARGAME_SAVE_DIR", str(folder))
    app = WargameApp(campaign=TUTORIAL, seed=5)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        path = app.screen.query_one("#save-path", Input).value
        assert path.startswith(str(folder)) and len(path) > 80
        # the path is cut in its field and wrapped beneath it, so its rows read as the whole path
        rows = "".join(line.strip() for line in visible(app).splitlines())
        assert path in rows


# -- the end ---------------------------------------------------------------------------------------


@pytest.fixture
def finished(tmp_path) -> Session:
    session = Session.start(
        TUTORIAL, 7, bots={"blue": "hawk", "red": "hawk", "green": "dove"}, path=str(tmp_path / "game.toml")
    )
    while not session.ended:
        session.submit_bots()
        session.commit()
    return session


async def test_the_end_screen_shows_why_the_game_ended_and_every_teams_score(finished, tmp_path):
    ended = next(e for e in finished.log if isinstance(e, ev.GameEnded))
    scored = [e for e in finished.log if isinstance(e, ev.ObjectiveScored)]
    app = WargameApp(session=finished)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        reason = str(app.screen.query_one("#end-reason", Static).render())
        assert ended.detail[1:] in reason and ended.reason.replace("_", " ") in reason
        scores = app.screen.query_one("#scores", DataTable)
        assert scores.row_count == len(finished.campaign.teams)
        for team in finished.campaign.teams:
            row = scores.get_row(team.id)
            assert str(row[0]) == team.name
            assert str(row[2]) == str(sum(e.points for e in scored if e.team == team.id))
        assert app.screen.query_one("#objectives", DataTable).row_count == len(scored)


async def test_e_and_j_on_the_end_screen_write_the_report_next_to_the_save(finished, tmp_path):
    app = WargameApp(session=finished)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await settle(app, pilot)
        report = tmp_path / "game-report.md"
        assert report.read_text(encoding="utf-8").startswith("# After-action report: Storm over the Calder Strait")
        assert any(str(report) in n.message for n in app._notifications)
        await pilot.press("j")
        await settle(app, pilot)
        assert '"title": "Storm over the Calder Strait"' in (tmp_path / "game-report.json").read_text(encoding="utf-8")
        assert not list(tmp_path.glob("game-report.*.bak*"))


async def test_r_on_the_end_screen_opens_the_replay_of_this_save(finished):
    from wargame.tui.screens.replay import ReplayScreen

    app = WargameApp(session=finished)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("r")
        await settle(app, pilot)
        assert isinstance(app.screen, ReplayScreen)
        assert app.screen.path == finished.path


async def test_at_80_by_24_page_down_brings_the_chart_and_the_saves_place_into_view(finished):
    app = WargameApp(session=finished)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "Saved in" not in visible(app)
        for _ in range(6):
            await pilot.press("pagedown")
        await pilot.pause()
        assert "Saved in" in visible(app)
        await pilot.press("pageup", "pageup", "pageup", "pageup", "pageup", "pageup")
        await pilot.pause()
        assert "Saved in" not in visible(app)
        footer = visible(app).splitlines()[-1]
        for key in ("e", "h", "j", "r", "q"):
            assert f" {key} " in f" {footer} ", footer
