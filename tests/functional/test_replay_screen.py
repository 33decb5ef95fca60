"""The replay viewer driven by key presses: stepping, jumping, points of view, and playing on from a turn."""

import shutil
from pathlib import Path

import pytest
from play_keys import stage_first_move, visible
from textual.widgets import Input, Static

from wargame.campaign.loader import load_campaign
from wargame.core import events as ev
from wargame.core.narrative import WHITE_CELL, describe
from wargame.core.orders import TeamOrders
from wargame.core.replay import state_after, verify
from wargame.core.views import team_view
from wargame.persistence.saves import load_save
from wargame.session import Session
from wargame.tui.app import WargameApp
from wargame.tui.replay_app import ReplayApp
from wargame.tui.screens.adjudication import AdjudicationScreen
from wargame.tui.screens.end import EndScreen
from wargame.tui.screens.handover import HandoverScreen
from wargame.tui.screens.replay import ReplayScreen, fork_path
from wargame.tui.screens.team import TeamScreen
from wargame.tui.widgets.turn_detail import TurnDetail

SIZE = (100, 32)
SEED = 1  # in this game Korvath's secret swarm on turn 1 is hidden from Meridia


@pytest.fixture(scope="module")
def played(tmp_path_factory) -> Path:
    """A whole bot-played game of the tutorial; copied before use, so treat it as read-only."""
    path = tmp_path_factory.mktemp("replay") / "game.toml"
    session = Session.start(load_campaign("campaigns/tutorial.toml"), SEED, path=str(path))
    while not session.ended:
        session.submit_bots()
        session.commit()
    return path


@pytest.fixture
def save(played, tmp_path) -> Path:
    copy = tmp_path / "seminar.toml"
    shutil.copyfile(played, copy)
    return copy


def shown(app) -> str:
    """The replay's heading and every line of the turn shown, as plain text."""
    screen = app.screen
    assert isinstance(screen, ReplayScreen)
    return screen.heading() + "\n" + screen.query_one(TurnDetail).plain


async def test_the_arrow_keys_step_through_the_turns_and_the_timeline_follows(save):
    app = ReplayApp(str(save))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.screen.turn == 1
        assert "Facilitator (everything), turn 1" in shown(app)
        await pilot.press("right", "right")
        await pilot.pause()
        assert app.screen.turn == 3
        assert app.screen.sub_title == "Facilitator (everything), turn 3"
        record = load_save(str(save)).save.turns[2]
        moved = next(e for e in record.events if isinstance(e, ev.MoveResolved))
        assert describe(load_save(str(save)).campaign.campaign, moved, WHITE_CELL) in shown(app)
        await pilot.press("up")  # the timeline has the focus: up and down step too
        await pilot.pause()
        assert app.screen.turn == 2
        await pilot.press("left", "left", "left")  # no further back than the start
        await pilot.pause()
        assert app.screen.turn == 0
        assert "at the start" in shown(app)


async def test_g_jumps_to_a_typed_turn_and_explains_a_turn_that_does_not_exist(save):
    app = ReplayApp(str(save))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("g")
        await pilot.pause()
        field = app.screen.query_one(Input)
        field.value = "9"
        await pilot.press("enter")
        await pilot.pause()
        assert "There is no turn 9" in str(app.screen.query_one("#problem", Static).render())
        field.value = ""
        await pilot.press("4", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ReplayScreen)
        assert app.screen.turn == 4
        assert "turn 4" in app.screen.sub_title


async def test_a_team_point_of_view_hides_another_teams_secret_move_that_the_facilitator_sees(save):
    loaded = load_save(str(save))
    campaign = loaded.campaign.campaign
    secret = next(
        e
        for r in loaded.save.turns
        for e in r.events
        if isinstance(e, ev.MoveResolved) and not e.public and "blue" not in e.audience
    )
    sentence = describe(campaign, secret, WHITE_CELL)
    app = ReplayApp(str(save), turn=secret.turn)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert sentence in shown(app)
        await pilot.press("v")
        await pilot.pause()
        await pilot.press("down", "enter")  # the first team after the facilitator: Meridia (blue)
        await pilot.pause()
        assert app.screen.viewer == "blue"
        assert app.screen.sub_title == f"What Republic of Meridia knew after turn {secret.turn}"
        text = shown(app)
        assert sentence not in text
        assert "Orders of Republic of Meridia" in text
        assert "Korvath Federation: " not in text.split("Messages")[0]  # only blue's own orders
        assert "Facilitator interventions" not in text


@pytest.fixture
def with_a_human(tmp_path) -> Path:
    """A whole game of the tutorial in which people played Meridia (they handed in no orders)."""
    path = tmp_path / "seminar.toml"
    session = Session.start(
        load_campaign("campaigns/tutorial.toml"), SEED, humans=["blue"], bots={"red": "hawk", "green": "dove"},
        path=str(path),
    )
    while not session.ended:
        session.submit(TeamOrders("blue"))
        session.submit_bots()
        session.commit()
    return path


async def test_play_from_here_forks_a_game_that_is_played_on_from_its_first_team_screen(with_a_human):
    save = with_a_human
    before = save.read_bytes()
    fork = save.with_name("seminar-fork-t2.toml")
    app = ReplayApp(str(save))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("right")  # turn 2
        await pilot.press("p")
        await pilot.pause()
        assert app.screen.query_one(Input).value == str(fork)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HandoverScreen) and app.screen.team == "blue"
        assert app.session.path == str(fork) and app.session.turn == 3
        assert "Pass the keyboard to Republic of Meridia" in visible(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TeamScreen)
        assert "Republic of Meridia · turn 3 of 5" in visible(app)
        await stage_first_move(pilot)
        staged = [m.move for m in app.screen.moves]
        await pilot.press("ctrl+s", "enter")
        await pilot.pause()
        assert isinstance(app.screen, AdjudicationScreen)
        await pilot.press("ctrl+s", "enter")
        await pilot.pause()
        assert app.session.turn == 4
        assert isinstance(app.screen, HandoverScreen) and "Turn 4 of 5" in visible(app)
    loaded = load_save(str(fork))
    assert len(loaded.save.turns) == 3
    assert [m.move for m in loaded.save.turns[2].orders[0].moves] == staged
    assert loaded.save.settings.forked_from == "seminar.toml after turn 2"
    assert verify(loaded.campaign.campaign, loaded.save.seed, loaded.save.turns, loaded.save.settings.turns) is None
    assert save.read_bytes() == before
    assert fork_path(str(save), 2) == str(save.with_name("seminar-fork-t2-2.toml"))


async def test_play_from_here_in_the_end_screens_replay_starts_the_fork_in_place_of_the_finished_game(with_a_human):
    finished = Session.resume(str(with_a_human))
    app = WargameApp(session=finished)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, EndScreen)
        await pilot.press("r")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ReplayScreen) and app.screen.turn == 1
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert [type(s).__name__ for s in app.screen_stack[1:]] == ["HandoverScreen"]
        assert app.session is not finished and app.session.turn == 2
        assert "Turn 2 of 5 · Storm over the Calder Strait" in visible(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TeamScreen) and app.screen.team == "blue"


async def test_play_from_here_after_the_game_ended_is_refused_with_a_notification(save):
    before = set(save.parent.iterdir())
    app = ReplayApp(str(save), turn=len(load_save(str(save)).save.turns))
    notes = []
    app.notify = lambda message, **kw: notes.append((kw.get("severity"), message))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, ReplayScreen)
        assert any(severity == "error" and "earlier turn" in message for severity, message in notes)
    assert set(save.parent.iterdir()) == before


async def test_a_save_that_cannot_be_read_makes_the_replay_exit_with_code_1_and_says_why(tmp_path):
    app = ReplayApp(str(tmp_path / "missing.toml"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
    assert app.return_code == 1
    assert "missing.toml: error: no such file" in app.problem


async def test_an_unknown_team_makes_the_replay_exit_with_code_1_and_lists_the_teams(save):
    app = ReplayApp(str(save), viewer="purple")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
    assert app.return_code == 1
    assert 'no team "purple"' in app.problem and "blue, red, green" in app.problem


async def test_q_leaves_the_app_when_the_replay_is_the_only_screen(save):
    app = ReplayApp(str(save))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


@pytest.mark.parametrize("size", [(80, 24), (160, 48)])
async def test_the_replay_shows_whose_view_it_is_on_small_and_large_terminals(save, size):
    app = ReplayApp(str(save), viewer="red", turn=2)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert app.screen.sub_title == "What Korvath Federation knew after turn 2"
        side_chart = app.screen.query_one("#chart-side")
        assert side_chart.display == (size[0] >= 140)
        assert app.screen.query_one("#chart-inline").display == (size[0] < 140)


async def test_q_goes_back_to_the_screen_underneath_when_the_replay_was_opened_from_another(save):
    app = ReplayApp(str(save))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        underneath = app.screen
        app.push_screen(ReplayScreen(str(save), load_save(str(save)), viewer="green", turn=3))
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is underneath
        assert app.is_running


async def test_widening_the_terminal_moves_the_chart_beside_the_turn_and_shows_whole_rung_names(save):
    app = ReplayApp(str(save), turn=2)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#timeline")

        def names():
            return [str(table.get_cell(str(t), "crisis")) for t in range(table.row_count)]

        assert not app.screen.query_one("#chart-side").display
        assert any(name.endswith("…") for name in names())  # "Quarantine of the strait" is cut short
        await pilot.resize_terminal(160, 48)
        await pilot.pause()
        assert app.screen.query_one("#chart-side").display
        assert "Quarantine of the strait" in names()


async def test_escape_on_the_replay_alone_does_not_quit_and_q_still_does(save):
    app = ReplayApp(str(save))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("right", "escape")  # Esc, pressed to dismiss a toast, must not end the review
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, ReplayScreen)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


@pytest.mark.parametrize("size", [(80, 24), (160, 48)])
async def test_page_down_scrolls_the_turn_detail_while_the_timeline_has_focus_and_help_lists_it(save, size):
    app = ReplayApp(str(save), turn=1)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        screen = app.screen
        detail = screen.query_one("#replay-detail")
        assert screen.query_one("#timeline").has_focus
        assert detail.max_scroll_y > 0  # a turn longer than the pane
        await pilot.press("pagedown")
        await pilot.pause()
        assert detail.scroll_y > 0 and screen.turn == 1  # the detail moved, not the timeline
        await pilot.press("pageup")
        await pilot.pause()
        assert detail.scroll_y == 0
        assert {"pagedown", "pageup"} <= {c.keys for c in screen.COMMAND_TABLE}


def test_every_dyad_of_a_five_team_campaign_has_its_own_marker_and_colour_and_none_is_the_terminal_sign():
    from wargame.tui.widgets.escalation_chart import marker

    pairs = [marker(d) for d in range(10)]  # five teams: ten dyads
    assert len({glyph for glyph, _ in pairs}) == 10 and len({colour for _, colour in pairs}) == 10
    assert not {glyph for glyph, _ in pairs} & set("✖╪+·")


async def test_the_chart_of_a_five_team_save_draws_ten_distinct_markers_in_its_legend(tmp_path):
    session = Session.start(load_campaign("campaigns/indo-pacific.toml"), 3, turns=2, path=str(tmp_path / "five.toml"))
    while not session.ended:
        session.submit_bots()
        session.commit()
    app = ReplayApp(session.path, turn=2)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        chart = app.screen.query_one("#chart-side")
        legend = chart.render_chart().renderables[1].renderables
        glyphs = [str(entry)[0] for entry in legend]
        styles = [entry.spans[0].style for entry in legend]
        assert len(legend) == 10 and len(set(glyphs)) == 10 and len(set(styles)) == 10
        assert "✖" not in glyphs


async def test_a_teams_point_of_view_shows_its_tracks_intelligence_proposals_and_obligations_then(save):
    app = ReplayApp(str(save), viewer="blue", turn=2)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = shown(app)
        loaded = load_save(str(save))
        state = state_after(loaded.campaign.campaign, loaded.save.turns[:2])
        view = team_view(loaded.campaign.campaign, state, (), "blue")
        assert "Tracks of Republic of Meridia" in text
        assert f"Readiness: {view.tracks['readiness']:g}" in text
        assert "What its intelligence showed of the others" in text
        intel = text.split("What its intelligence showed of the others")[1].split("Proposals awaiting")[0]
        korvath = next(line for line in intel.splitlines() if line.startswith("Korvath Federation: "))
        assert f"credibility {view.intel['red']['credibility']:g}" in korvath
        assert "Proposals awaiting its answer" in text and "What it owed its allies" in text
        await pilot.press("v")
        await pilot.pause()
        await pilot.press("up", "enter")  # back to the facilitator, who has no one team's picture
        await pilot.pause()
        assert app.screen.viewer == "facilitator" and "What its intelligence showed" not in shown(app)


def forge_turn(path: Path, turn: int) -> None:
    """Change one recorded roll of `turn` and recompute the checksum, as anyone who edits a save can."""
    import tomllib

    import tomli_w

    from wargame.persistence.saves import checksum

    data = tomllib.loads(path.read_text(encoding="utf-8"))
    data.pop("checksum")
    event = next(e for e in data["turns"][turn - 1]["events"] if "roll" in e)
    event["roll"] = 0.0001 if event["roll"] > 0.5 else 0.9999
    data["checksum"] = checksum(data)
    path.write_text(tomli_w.dumps(data, multiline_strings=True), encoding="utf-8")


async def test_play_from_here_on_a_forged_turn_is_refused_and_writes_nothing(with_a_human):
    forge_turn(with_a_human, 1)
    before = set(with_a_human.parent.iterdir())
    app = ReplayApp(str(with_a_human))
    notes = []
    app.notify = lambda message, **kw: notes.append((kw.get("severity"), kw.get("title"), message))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("right", "p")  # after turn 2: the forged turn 1 would be kept
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReplayScreen)
    [(severity, title, message)] = [n for n in notes if n[0] == "error"]
    assert title == "Cannot play from here"
    assert "does not reproduce: turn 1:" in message and "cannot play on from turn 2" in message
    assert set(with_a_human.parent.iterdir()) == before


def test_a_forgery_after_the_turn_played_from_is_cut_off_and_the_fork_plays_on(with_a_human, tmp_path):
    forge_turn(with_a_human, 3)
    session = Session.fork(str(with_a_human), 2, str(tmp_path / "fork.toml"))
    assert session.turn == 3
    with pytest.raises(Exception, match="does not reproduce: turn 3"):
        Session.fork(str(with_a_human), 3, str(tmp_path / "fork-3.toml"))
