"""Why, in the players' words: a move's rationale is kept with the orders, shown beside its outcome,
and read only by those who may: its team and the white cell, and every team for a public move."""

from __future__ import annotations

import pytest

from wargame.campaign.loader import load_campaign
from wargame.core.orders import MAX_RATIONALE_CHARS, MoveOrder, TeamOrders
from wargame.persistence.html_report import to_html
from wargame.persistence.orders_file import load_orders
from wargame.persistence.report import build_report, to_markdown
from wargame.persistence.saves import load_save
from wargame.persistence.verification import verify_save
from wargame.problems import ProblemsFound
from wargame.session import Session

TUTORIAL = load_campaign("campaigns/tutorial.toml")
PUBLIC_WHY = "Show we will talk before the patrols meet."
SECRET_WHY = "Muddy the waters before the vote in Calder."


@pytest.fixture(scope="module")
def save(tmp_path_factory):
    path = str(tmp_path_factory.mktemp("why") / "why.toml")
    session = Session.start(TUTORIAL, 3, path=path)
    session.submit(TeamOrders("blue", moves=(
        MoveOrder("demarche", "red", rationale=PUBLIC_WHY), MoveOrder("disinformation", "red", rationale=SECRET_WHY),
    )))
    session.submit_bots()
    session.commit()
    return path


def whys(report: dict) -> set[str]:
    return {e["rationale"] for t in report["turns"] for e in t["events"] if e.get("rationale")}


@pytest.mark.parametrize("viewer, expected", [
    ("facilitator", {PUBLIC_WHY, SECRET_WHY}),
    ("blue", {PUBLIC_WHY, SECRET_WHY}),
    ("red", {PUBLIC_WHY}),
    ("green", {PUBLIC_WHY}),
])
def test_a_secret_moves_rationale_reaches_only_its_team_and_the_white_cell(save, viewer, expected):
    report = build_report(load_save(save), viewer)
    assert whys(report) == expected
    md, page = to_markdown(report), to_html(report)
    for text in (PUBLIC_WHY, SECRET_WHY):
        assert (text in md) == (text in expected) and (text in page) == (text in expected)


def test_the_rationale_is_written_beside_the_moves_outcome(save):
    md = to_markdown(build_report(load_save(save), "red"))
    [line] = [x for x in md.splitlines() if PUBLIC_WHY in x]
    assert line.startswith("- Republic of Meridia: Diplomatic démarche against Korvath Federation") and "roll" in line, line


def test_a_save_with_rationales_verifies_and_keeps_them(save):
    loaded = load_save(save)
    assert verify_save(loaded).reproduces
    [blue] = [o for o in loaded.save.turns[0].orders if o.team == "blue"]
    assert [m.rationale for m in blue.moves] == [PUBLIC_WHY, SECRET_WHY]


def test_an_orders_file_refuses_a_rationale_too_long_naming_its_place(tmp_path):
    orders = tmp_path / "orders.toml"
    orders.write_text(
        f'[[turns]]\nturn = 1\n[[turns.orders]]\nteam = "blue"\n'
        f'moves = [{{ move = "demarche", target = "red", rationale = "{"x" * (MAX_RATIONALE_CHARS + 1)}" }}]\n'
    )
    with pytest.raises(ProblemsFound) as found:
        load_orders(str(orders), TUTORIAL.campaign, 5)
    [problem] = found.value.problems
    assert problem.at == "turns[0].orders[0].moves[0].rationale" and f"keep it to {MAX_RATIONALE_CHARS}" in problem.message


def test_the_replay_viewer_shows_a_moves_rationale_with_the_orders(save):
    from wargame.tui.screens.replay import ReplayScreen

    screen = ReplayScreen(save, load_save(save))
    [blue] = [o for o in screen.records[0].orders if o.team == "blue"]
    lines = [line.text for line in screen._order_lines(blue)]
    assert f"Republic of Meridia, why Diplomatic démarche: “{PUBLIC_WHY}”" in lines


def test_a_session_refuses_a_rationale_too_long_before_journalling_it(tmp_path):
    from wargame.session import SessionError

    session = Session.start(TUTORIAL, 3, path=str(tmp_path / "long.toml"))
    with pytest.raises(SessionError, match=f"longer than {MAX_RATIONALE_CHARS} characters"):
        session.submit(TeamOrders("blue", moves=(MoveOrder("demarche", "red", rationale="x" * (MAX_RATIONALE_CHARS + 1)),)))
    assert "blue" not in session.pending
