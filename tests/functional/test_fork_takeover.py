""""Play from here" with a change of players: the fork dialog hands a team to people, who play on by keys."""

import shutil
import subprocess
import sys
from pathlib import Path

from play_keys import stage_first_move, visible
from textual.widgets import Select

from wargame.core.replay import verify
from wargame.persistence.saves import load_save
from wargame.tui.replay_app import ReplayApp
from wargame.tui.screens.adjudication import AdjudicationScreen
from wargame.tui.screens.handover import HandoverScreen
from wargame.tui.screens.team import TeamScreen

DEMO = Path("saves/transatlantic-demo.toml")


async def test_the_fork_dialog_hands_a_bot_team_to_people_who_play_the_next_turn_to_its_result(tmp_path):
    save = tmp_path / "demo.toml"
    shutil.copyfile(DEMO, save)
    before = save.read_bytes()
    fork = tmp_path / "demo-fork-t2.toml"
    app = ReplayApp(str(save))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("right")  # turn 2
        await pilot.press("p")
        await pilot.pause()
        shown = visible(app)
        assert "after turn 2 (from turn 3)" in shown and "Who plays" in shown
        assert "Dravnian Federation" in shown and "bot: hawk" in shown
        seat = app.screen.query_one("#seat-dravnia", Select)
        seat.focus()
        await pilot.pause()
        await pilot.press("enter")  # open the list of players
        await pilot.pause()
        await pilot.press("home", "enter")  # its first entry: people (hot seat)
        await pilot.pause()
        assert seat.value == "human"
        await pilot.click("#ok")
        await pilot.pause()
        assert isinstance(app.screen, HandoverScreen) and app.screen.team == "dravnia"
        assert app.session.path == str(fork) and app.session.turn == 3
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TeamScreen) and app.screen.team == "dravnia"
        await stage_first_move(pilot)
        staged = [m.move for m in app.screen.moves]
        await pilot.press("ctrl+s", "enter")
        await pilot.pause()
        assert isinstance(app.screen, AdjudicationScreen)
        await pilot.press("ctrl+s", "enter")
        await pilot.pause()
        assert app.session.turn == 4
        assert isinstance(app.screen, HandoverScreen) and "Turn 4 of 9" in visible(app)
    loaded = load_save(str(fork))
    settings = loaded.save.settings
    assert settings.humans == ("dravnia",) and "dravnia" not in settings.bots
    assert settings.parent.save == str(save) and settings.parent.turn == 3
    assert len(loaded.save.turns) == 3
    dravnia = next(o for o in loaded.save.turns[2].orders if o.team == "dravnia")
    assert [m.move for m in dravnia.moves] == staged
    assert verify(loaded.campaign.campaign, loaded.save.seed, loaded.save.turns, settings.turns) is None
    assert save.read_bytes() == before
    # The debrief's next step: the fork beside its parent.
    compared = subprocess.run(
        [sys.executable, "-m", "wargame", "compare", str(save), str(fork)], capture_output=True, text=True, timeout=60
    )
    assert compared.returncode == 0, compared.stderr
    assert "- B is a fork of A from turn 3." in compared.stdout and "Turn 3 is the first that differs:" in compared.stdout
    assert "- Dravnia ordered differently" in compared.stdout and "- B: not ended (3 turns played)" in compared.stdout
