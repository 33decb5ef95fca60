"""The white cell stays in control: a ruling shows its knock-on effects before it is recorded, and no
free-form move is committed unruled without the facilitator being told, driven by key presses."""

import pytest
from textual.widgets import Input, Label, OptionList, Select, Static

from wargame.campaign.loader import load_campaign, parse_campaign
from wargame.core import events as ev
from wargame.core.orders import FreeformOrder, Intervention, MoveOrder, TeamOrders
from wargame.session import Session
from wargame.tui.app import WargameApp
from wargame.tui.dialogs.confirm import ConfirmDialog
from wargame.tui.dialogs.ruling import RulingDialog
from wargame.tui.screens.adjudication import AdjudicationScreen

TUTORIAL = load_campaign("campaigns/tutorial.toml")
# The rammed fishing boat puts the strait at an armed standoff on turn 2 (issue 13); the scenario
# below needs the ruling alone to decide whether the cable-cut inject fires, so it plays without that.
FISHING = 'effects.escalation = [{ dyad = ["blue", "red"], rung_at_least = "standoff" }]'
BRINK = parse_campaign(TUTORIAL.path, TUTORIAL.source.replace(FISHING, "", 1))
SEED = 2  # red's grey-zone swarm lifts Meridia–Korvath to a show of force in turn 1, its intrusion succeeds in turn 2


def on_the_brink(tmp_path) -> Session:
    """Turn 2 of the tutorial with Meridia–Korvath one rung below the cable-cut inject, and red's
    secret cyber intrusion (whose failure escalates a rung) succeeding as rolled."""
    session = Session.start(BRINK, SEED, humans=["blue", "red"], bots={"green": "dove"}, path=str(tmp_path / "g.toml"))
    session.submit(TeamOrders("red", (MoveOrder("grey_zone_swarm", "blue"),)))
    session.submit(TeamOrders("blue"))
    session.submit_bots()
    session.commit()
    assert session.state.rung("blue", "red") == TUTORIAL.campaign.rung_index("show_of_force")
    session.submit(TeamOrders("red", (MoveOrder("cyber_intrusion", "blue"),), freeform=(FreeformOrder("quiet deal", "it splits them", "green"),)))
    session.submit(TeamOrders("blue"))
    session.submit_bots()
    return session


def text(widget: Static) -> str:
    return str(widget.render())


def highlight(screen: AdjudicationScreen, kind, team: str) -> None:
    row = next(i for i, e in enumerate(screen.rows) if isinstance(e, kind) and e.team == team)
    screen.query_one("#outcomes", OptionList).highlighted = row


def test_a_ruling_is_previewed_with_the_inject_it_sets_off(tmp_path):
    session = on_the_brink(tmp_path)
    lines = session.preview_changes(Intervention("override", "", "red", 0, "failure"))
    assert lines[0] == "Meridia–Korvath: Show of force → Quarantine of the strait (Undersea cable cut inject now fires)"
    assert "Korvath: Cyber intrusion into port logistics succeeded → fails" in lines
    assert session.interventions == []  # a preview queues nothing


def test_a_ruling_that_moves_nothing_says_so(tmp_path):
    session = on_the_brink(tmp_path)
    assert session.preview_changes(Intervention("override", "", "red", 0, "success")) == (
        "This ruling changes nothing: the move already succeeded",
    )
    assert session.preview_changes(Intervention("adjudicate", "", "red", 0, "success", -1)) == (
        "This ruling changes nothing: the dyad is already on the lowest rung",
    )


async def test_the_override_dialog_shows_the_inject_the_failure_sets_off_before_it_is_confirmed(tmp_path):
    session = on_the_brink(tmp_path)
    app = WargameApp(session=session)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, AdjudicationScreen)
        await pilot.press("f")  # the secret intrusion is in the facilitator's view only
        highlight(screen, ev.MoveResolved, "red")
        await pilot.press("o")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, RulingDialog)
        assert dialog.query_one("#outcome", Select).value == "failure"  # an override turns the outcome round
        shown = text(dialog.query_one("#changes", Static))
        assert "Meridia–Korvath: Show of force → Quarantine of the strait (Undersea cable cut inject now fires)" in shown
        assert dialog.query_one("#changes", Static).region.bottom <= 24  # on screen at 80x24, before confirming
        assert session.interventions == []
        await pilot.press("escape")
        assert session.interventions == []


async def test_a_free_form_ruling_of_minus_one_on_the_bottom_rung_says_it_changes_nothing(tmp_path):
    session = on_the_brink(tmp_path)
    app = WargameApp(session=session)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f")
        highlight(app.screen, ev.FreeformResolved, "red")
        await pilot.press("o")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, RulingDialog)
        dialog.query_one("#escalation", Input).focus()
        await pilot.press("backspace", "minus", "1")
        await pilot.pause()
        assert text(dialog.query_one("#changes", Static)) == "This ruling changes nothing: the dyad is already on the lowest rung"
        await pilot.press("backspace", "2")
        await pilot.pause()
        assert "Aldmark–Korvath: Competitive peacetime → Grey-zone pressure" not in text(dialog.query_one("#changes", Static))
        await pilot.press("backspace", "backspace", "2")
        await pilot.pause()
        assert "Aldmark–Korvath: Competitive peacetime → Show of force" in text(dialog.query_one("#changes", Static))


async def test_the_public_view_flags_an_unruled_free_form_move_and_o_rules_on_it(tmp_path):
    session = on_the_brink(tmp_path)
    app = WargameApp(session=session)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert not screen.full  # what the room may see
        flag = screen.query_one("#unruled", Static)
        assert flag.display and "1 free-form move awaits a ruling — press o" in text(flag)
        assert "quiet deal" not in text(flag)  # the room learns that one waits, not what it is
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, RulingDialog)
        app.screen.query_one("#reason", Input).focus()
        await pilot.press(*"plausible", "enter")
        await pilot.pause()
        assert app.screen is screen
        assert [(i.kind, i.team, i.order) for i in session.interventions] == [("adjudicate", "red", 0)]
        assert not flag.display
        # The list behind stays what the room may see: ruling on a move does not reveal it to the projector.
        assert not screen.full
        shown = " ".join(str(option.prompt) for option in screen.query_one("#outcomes").options)
        assert "quiet deal" not in shown
        # Nor does the rulings bar tell the room that a move it cannot see was ruled on.
        bar = screen.query_one("#facilitator-bar", Static)
        assert not bar.display or "free-form ruling" not in text(bar)


async def test_commit_with_an_unruled_free_form_move_warns_and_asks_first(tmp_path):
    session = on_the_brink(tmp_path)
    app = WargameApp(session=session)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+s")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ConfirmDialog)
        question = str(dialog.query_one(Label).render())
        assert "1 free-form move has no ruling yet (Korvath Federation)" in question
        await pilot.press("escape")
        assert session.turn == 2  # nothing committed


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_public_view_shows_the_kinds_of_rulings_but_not_the_white_cells_reasons(tmp_path, size):
    session = on_the_brink(tmp_path)
    session.intervene(Intervention("fire_inject", "RAISE-THE-STAKES", inject="leaked_cable"))
    app = WargameApp(session=session)
    async with app.run_test(size=size) as pilot:
        bar = app.screen.query_one("#facilitator-bar", Static)
        assert "inject fired" in text(bar) and "RAISE-THE-STAKES" not in text(bar)
        await pilot.press("f")
        await pilot.pause()
        assert "RAISE-THE-STAKES" in text(bar)
