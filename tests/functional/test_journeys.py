"""Whole games through the real app, key by key: from the picker or a campaign file to the end screen.

Each journey is what a seminar does: pick or name a campaign, set it up, pass the keyboard from team to
team, stage and submit moves, commit each turn (with the facilitator's passphrase where there is one),
and arrive at the end screen, whose report keys write files, with a save that `wargame replay --verify`
accepts. Bots play most teams, so that the file stays fast.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from play_keys import stage_first_move, type_text, visible
from textual.widgets import Select

from wargame.campaign.library import campaign_paths
from wargame.cli import main
from wargame.persistence.saves import load_save
from wargame.session import Session
from wargame.tui.app import WargameApp
from wargame.tui.screens.adjudication import AdjudicationScreen
from wargame.tui.screens.end import EndScreen
from wargame.tui.screens.facilitator import FacilitatorScreen
from wargame.tui.screens.handover import HandoverScreen
from wargame.tui.screens.picker import PickerScreen
from wargame.tui.screens.setup import SetupScreen
from wargame.tui.screens.team import TeamScreen

BUNDLED = campaign_paths(Path("/nonexistent"))  # the bundled shelf only, in the picker's order
TUTORIAL = next(p for p in BUNDLED if p.stem == "tutorial")
SMALL, WIDE = (80, 24), (120, 40)
MAX_PAUSES = 100  # a screen that has not appeared after this many refreshes never will
PASSPHRASE = "cell"


@pytest.fixture
def room(tmp_path, monkeypatch) -> Path:
    """A seminar room's folder: the app saves into its saves/, and it has no campaigns of its own."""
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "saves"
    monkeypatch.setenv("WARGAME_SAVE_DIR", str(folder))
    return folder


# -- what the user sees ------------------------------------------------------------------------------


async def until(pilot, shown: type | tuple[type, ...]) -> None:
    """Let the app work (its threads included) until a screen of type `shown` is on the terminal."""
    for _ in range(MAX_PAUSES):
        if isinstance(pilot.app.screen, shown):
            await pilot.pause()
            return
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
    raise AssertionError(f"{shown} never appeared; the screen is {pilot.app.screen!r}:\n{visible(pilot.app)}")


# -- the keys of each step, each in one place ----------------------------------------------------------


async def choose_campaign(pilot, path: Path) -> None:
    """On the picker: down to the campaign, Enter."""
    assert isinstance(pilot.app.screen, PickerScreen)
    assert "Choose a campaign" in visible(pilot.app)
    await pilot.press(*["down"] * BUNDLED.index(path), "enter")
    await until(pilot, SetupScreen)


async def set_up(pilot, seed: int, humans: set[str], passphrase: str = "") -> None:
    """On the setup screen: type the seed; leave `humans` to people and give every other team the bot the
    campaign suggests; type the passphrase twice; start."""
    screen = pilot.app.screen
    assert isinstance(screen, SetupScreen)
    assert "Who plays each team" in visible(pilot.app)
    await pilot.press("end", "ctrl+u")
    await type_text(pilot, str(seed))
    await pilot.press("tab", "tab", "tab")  # past the New seed button and the save path
    for team in screen.loaded.campaign.teams:
        select = screen.query_one(f"#who-{team.id}", Select)
        assert pilot.app.focused is select, f"the focus is on {pilot.app.focused!r}, not on who plays {team.id}"
        if team.id not in humans:
            await pilot.press("enter", "down", "enter")  # the first bot listed is the campaign's choice
            assert select.value == team.persona
        await pilot.press("tab")
    if passphrase:
        await type_text(pilot, passphrase)
        await pilot.press("tab")
        await type_text(pilot, passphrase)
    await pilot.press("ctrl+s")
    await until(pilot, (HandoverScreen, AdjudicationScreen))


async def play_team_turn(pilot) -> None:
    """The handover card → the team's own screen → one move staged → submitted and confirmed."""
    screen = pilot.app.screen
    assert isinstance(screen, HandoverScreen)
    name = screen.session.campaign.team(screen.team).name
    assert f"Pass the keyboard to {name}" in visible(pilot.app)
    await pilot.press("enter")
    await until(pilot, TeamScreen)
    assert name in visible(pilot.app)
    await stage_first_move(pilot)
    await pilot.press("ctrl+s")
    assert "Submit 1 order" in visible(pilot.app)
    await pilot.press("enter")
    await until(pilot, (HandoverScreen, AdjudicationScreen))


async def commit_turn(pilot, passphrase: str = "") -> None:
    """On the adjudication screen: Ctrl+S, the passphrase when one is given (the facilitator is asked for it
    at every commit), and Commit."""
    screen = pilot.app.screen
    assert isinstance(screen, AdjudicationScreen)
    turn = screen.session.turn
    assert f"Turn {turn} of" in visible(pilot.app)
    await pilot.press("ctrl+s")
    if passphrase:
        assert "Facilitator only" in visible(pilot.app)
        await type_text(pilot, passphrase)
        await pilot.press("enter")
    assert f"Commit turn {turn} and save?" in visible(pilot.app)
    await pilot.press("enter")
    await until(pilot, (HandoverScreen, AdjudicationScreen, EndScreen))


async def play_to_the_end(pilot, passphrase: str = "", resize_after: int = 0) -> list[str]:
    """Every team's turn and every commit until the end screen, switching between the small and the wide
    terminal after turn `resize_after`. Returns the screens seen, in order, by class name."""
    app = pilot.app
    seen = []
    while not isinstance(app.screen, EndScreen):
        seen.append(type(app.screen).__name__)
        if isinstance(app.screen, HandoverScreen):
            await play_team_turn(pilot)
        elif isinstance(app.screen, AdjudicationScreen):
            if app.session.turn == resize_after + 1 and resize_after:
                await pilot.resize_terminal(*(WIDE if app.size == SMALL else SMALL))
            await commit_turn(pilot, passphrase)
        else:
            raise AssertionError(f"{app.screen!r} in the middle of a game:\n{visible(app)}")
        assert len(seen) < 4 * app.session.settings.turns * len(app.session.team_ids()), "the game never ends"
    seen.append("EndScreen")
    return seen


def shows_the_end(app, headline: str) -> None:
    """The end screen says why the game ended and lists every team's score."""
    assert isinstance(app.screen, EndScreen)
    shown = visible(app)
    assert headline in shown
    assert "Scores" in shown
    for team in app.session.campaign.teams:
        assert team.name in shown


async def write_every_report(pilot) -> None:
    """On the end screen: e, h and j write the report beside the save, and each says where."""
    app = pilot.app
    save = Path(app.session.path)
    for key, fmt in (("e", "md"), ("h", "html"), ("j", "json")):
        await pilot.press(key)
        await app.workers.wait_for_complete()
        await pilot.pause()
        report = save.with_name(f"{save.stem}-report.{fmt}")
        assert app.session.campaign.title in report.read_text(encoding="utf-8")
        assert any(str(report) in n.message for n in app._notifications)


def verifies(save: str, capsys) -> None:
    """`wargame replay SAVE --verify` accepts the save: every turn re-adjudicates to the same events."""
    capsys.readouterr()
    assert main(["replay", save, "--verify"]) == 0, capsys.readouterr().err
    assert "re-adjudicated and identical" in capsys.readouterr().out


# -- every bundled campaign, played to its end ------------------------------------------------------------

# Each game starts at one size and switches to the other half-way, so every campaign's screens are seen
# at 80x24 and at 120x40 in one game (as a room does when the projector is plugged in), and the end
# screen at both. In the tutorial Meridia is played by people every turn, behind a passphrase, and the
# game ends early: with seed 5, Korvath's hawk and Aldmark's dove against Meridia's first affordable
# move each turn take the strait over the edge on turn 3 of 5 (the seminar saw the same crash when a
# game calmed down early). Bots play every team of the longer campaigns to the turn limit (a demo game,
# watched by the facilitator), which keeps this file fast.
GAMES = [
    # Since issue 13 the tutorial's nuclear taboo holds against bots: no seed ends it early here.
    pytest.param(TUTORIAL, WIDE, 5, {"blue"}, PASSPHRASE, 5, "Time ran out — on turn 5",
                 id="tutorial-with-a-passphrase"),
    # Seed 1: with beliefs (issue 14) seed 11 now runs to the turn limit.
    pytest.param(next(p for p in BUNDLED if p.stem == "transatlantic"), SMALL, 1, set(), "", 9,
                 "A settlement was agreed — on turn 9", id="transatlantic-ends-in-a-settlement"),
    pytest.param(next(p for p in BUNDLED if p.stem == "indo-pacific"), WIDE, 11, set(), "", 10,
                 "Time ran out — on turn 10", id="indo-pacific"),
    # Seed 13: with its red lines (issue 14) seed 11 now ends in a settlement on turn 8.
    pytest.param(next(p for p in BUNDLED if p.stem == "capacity-building"), SMALL, 13, set(), "", 10,
                 "Time ran out — on turn 10", id="capacity-building"),
]


def test_the_journeys_play_every_bundled_campaign():
    assert sorted(p.values[0].stem for p in GAMES) == sorted(p.stem for p in BUNDLED)


@pytest.mark.parametrize(("campaign", "size", "seed", "humans", "passphrase", "last_turn", "headline"), GAMES)
async def test_a_bundled_campaign_is_played_from_the_picker_to_the_end_screen_at_both_sizes(
    room, campaign, size, seed, humans, passphrase, last_turn, headline, capsys
):
    app = WargameApp()
    async with app.run_test(size=size) as pilot:
        await until(pilot, PickerScreen)
        await choose_campaign(pilot, campaign)
        await set_up(pilot, seed=seed, humans=humans, passphrase=passphrase)
        assert set(app.session.humans()) == humans
        assert app.session.has_passphrase() == bool(passphrase)
        seen = await play_to_the_end(pilot, passphrase=passphrase, resize_after=last_turn // 2)

        played = ["HandoverScreen"] * len(humans) + ["AdjudicationScreen"]
        assert seen == played * last_turn + ["EndScreen"]
        assert len(app.session.records) == last_turn
        assert app.size != size  # the second half was played at the other size
        shows_the_end(app, headline)
        await pilot.resize_terminal(*size)
        shows_the_end(app, headline)
        await write_every_report(pilot)
    assert [p.name for p in room.iterdir() if p.suffix == ".toml"] == [Path(app.session.path).name]
    verifies(app.session.path, capsys)


# -- a game the facilitator ends ------------------------------------------------------------------------


async def test_the_facilitator_ends_the_game_from_the_console_and_the_room_sees_the_end_screen(room, capsys):
    session = Session.start(
        str(TUTORIAL), 3, humans=["blue"], bots={"red": "hawk", "green": "dove"},
        path=str(room / "ended-by-the-white-cell.toml"), passphrase=PASSPHRASE,
    )
    app = WargameApp(session=session)
    async with app.run_test(size=SMALL) as pilot:
        await until(pilot, HandoverScreen)
        await pilot.press("f2")
        assert "Facilitator only" in visible(app)
        await type_text(pilot, PASSPHRASE)
        await pilot.press("enter")
        await until(pilot, FacilitatorScreen)
        await pilot.press("ctrl+e")
        assert "End the game after this turn" in visible(app)
        await type_text(pilot, "The room has learnt what it came for")
        await pilot.press("enter")
        await until(pilot, FacilitatorScreen)
        assert "game ended" in visible(app)
        assert "The game ends when this turn is committed" in [n.message for n in app._notifications][-1]
        await pilot.press("escape")
        await until(pilot, HandoverScreen)
        seen = await play_to_the_end(pilot)  # the console was unlocked this turn: the commit does not ask again

        assert seen == ["HandoverScreen", "AdjudicationScreen", "EndScreen"]
        shows_the_end(app, "The facilitator ended the game — on turn 1")
        assert "The room has learnt what it came for" in visible(app)
    assert load_save(session.path).save.turns[0].interventions[0].kind == "end_game"
    verifies(session.path, capsys)
