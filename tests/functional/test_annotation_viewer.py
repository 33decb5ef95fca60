"""The white cell annotates a turn from the replay viewer: `a`, a note, Enter; the note is in the save, on
screen at once, in the white cell's report, and the save still re-adjudicates identically."""

import shutil

import pytest
from play_keys import type_text, visible

from wargame.campaign.loader import load_campaign
from wargame.persistence.report import build_report
from wargame.persistence.saves import load_save
from wargame.persistence.verification import verify_save
from wargame.session import Session
from wargame.tui.dialogs.note import NoteDialog
from wargame.tui.replay_app import ReplayApp


@pytest.fixture(scope="module")
def played(tmp_path_factory):
    path = tmp_path_factory.mktemp("notes") / "game.toml"
    session = Session.start(load_campaign("campaigns/tutorial.toml"), 1, path=str(path))
    for _ in range(2):
        session.submit_bots()
        session.commit()
    return path


@pytest.mark.parametrize("size", [(80, 24), (140, 40)])
async def test_a_note_written_in_the_replay_viewer_is_saved_shown_and_reported(played, tmp_path, size):
    save = tmp_path / "game.toml"
    shutil.copyfile(played, save)
    app = ReplayApp(str(save), turn=2)
    async with app.run_test(size=size) as pilot:
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, NoteDialog)
        await type_text(pilot, "The room blamed the hotline")
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, NoteDialog)
        assert "White cell's notes" in visible(app) and "The room blamed the hotline" in visible(app)
    loaded = load_save(str(save))
    assert [(n.turn, n.text, n.shared) for n in loaded.save.annotations] == [(2, "The room blamed the hotline", False)]
    assert verify_save(loaded).reproduces
    assert [n["text"] for n in build_report(loaded)["annotations"]] == ["The room blamed the hotline"]
    assert build_report(loaded, "red")["annotations"] == [], "not shared: the teams' reports leave it out"


@pytest.mark.parametrize("size", [(80, 24), (140, 40)])
async def test_a_note_written_in_the_facilitator_console_during_play_is_kept_for_that_turn(tmp_path, size):
    from wargame.tui.app import WargameApp
    from wargame.tui.screens.facilitator import FacilitatorScreen

    path = tmp_path / "live.toml"
    session = Session.start(load_campaign("campaigns/tutorial.toml"), 1, humans=["blue", "red"], bots={"green": "dove"}, path=str(path))
    app = WargameApp(session=session)
    async with app.run_test(size=size) as pilot:
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, FacilitatorScreen)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, NoteDialog)
        await type_text(pilot, "Red's team argued for an hour")
        await pilot.press("tab", "space", "shift+tab", "enter")  # shared with the teams
        await pilot.pause()
        assert isinstance(app.screen, FacilitatorScreen)
    [note] = load_save(str(path)).save.annotations
    assert (note.turn, note.text, note.shared) == (1, "Red's team argued for an hour", True)
