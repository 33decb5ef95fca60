"""The facilitator console of a hosted game, driven by key presses while real clients join over loopback.

The host runs inside the app's event loop (as `wargame host` without --headless runs it); teams are
plain `Client`s on the same loop. Every wait is bounded.
"""

from __future__ import annotations

import asyncio
import io
import re
import signal
import socket
import sys
import urllib.request
from pathlib import Path

import pytest
from loopback import TUTORIAL, TUTORIAL_PATH, scripted, within
from rich.console import Console
from textual.widgets import Input

from wargame.net.client import Client
from wargame.net.host import Host
from wargame.net.protocol import CLOSE_GAME_OVER, CLOSE_HOST_STOPPED
from wargame.persistence.saves import load_save
from wargame.session import Session
from wargame.tui.host_app import HostApp
from wargame.tui.screens.end import EndScreen
from wargame.tui.screens.host import HostScreen
from wargame.tui.screens.host_adjudication import HostAdjudicationScreen
from wargame.tui.widgets.join_lines import JoinLines
from wargame.tui.widgets.team_status import TeamStatus

SIZE = (120, 40)
HUMANS = ("blue", "red")
JOIN_LINE = re.compile(r"^wargame join (ws://127\.0\.0\.1:\d+) --team (\w+) --code ([A-Za-z0-9_-]{12})$")


def console_app(tmp_path: Path, turns: int | None = None) -> HostApp:
    session = Session.start(
        TUTORIAL, 5, humans=list(HUMANS), bots={"green": "dove"}, turns=turns, path=str(tmp_path / "game.toml"),
    )
    return HostApp(Host(session, auto_adjudicate=False), bind="127.0.0.1", port=0)


def text_of(widget) -> str:
    """What a Static-based widget shows, as plain text."""
    console = Console(width=200, file=io.StringIO(), color_system=None)
    with console.capture() as captured:
        console.print(widget.content)
    return captured.get()


async def until(pilot, predicate, seconds: float = 5.0) -> None:
    """Let the app and the network run until `predicate()` holds; fail after `seconds`."""
    for _ in range(int(seconds / 0.02)):
        if predicate():
            return
        await pilot.pause(0.02)
    assert predicate(), "timed out waiting"


async def hosting(pilot) -> HostScreen:
    await until(pilot, lambda: isinstance(pilot.app.screen, HostScreen))
    return pilot.app.screen


async def join_all(app: HostApp) -> dict[str, Client]:
    url = app.host.url()
    return {team: await within(Client.connect(url, team, app.host.codes[team])) for team in HUMANS}


async def close_all(clients) -> None:
    for client in clients.values():
        await within(client.close())


async def commit(pilot) -> None:
    await pilot.press("ctrl+s")
    await until(pilot, lambda: type(pilot.app.screen).__name__ == "ConfirmDialog")
    await pilot.press("enter")


async def test_the_screen_lists_one_join_line_per_human_team_and_each_line_lets_that_team_join(tmp_path):
    app = console_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await hosting(pilot)
        lines = screen.team_lines
        parsed = [JOIN_LINE.match(line) for line in lines]
        assert all(parsed), lines
        assert [m.group(2) for m in parsed] == list(HUMANS)  # the bot-played team gets no line
        shown = text_of(screen.query_one("#join-lines", JoinLines))
        assert all(line.replace(m.group(3), "••••••") in shown for line, m in zip(lines, parsed))
        assert f"wargame join {parsed[0].group(1)} --observer" in shown
        clients = {m.group(2): await within(Client.connect(m.group(1), m.group(2), m.group(3))) for m in parsed}
        try:
            assert {c.team for c in clients.values()} == set(HUMANS)
            await until(pilot, lambda: text_of(screen.query_one("#team-status", TeamStatus)).count("online") == 2)
        finally:
            await close_all(clients)
        await within(app.host.stop())
    # The codes are shown, never written: only salted hashes are in the save, and no other file holds them.
    for written in tmp_path.iterdir():
        if written.is_file():
            text = written.read_text(encoding="utf-8", errors="replace")
            assert not any(m.group(3) in text for m in parsed), written.name


@pytest.mark.parametrize("size", [(80, 24), SIZE])
async def test_the_join_codes_stay_hidden_from_the_room_until_s_and_c_still_copies_them(tmp_path, size):
    app = console_app(tmp_path)
    copied = []
    app.copy_to_clipboard = copied.append
    async with app.run_test(size=size) as pilot:
        screen = await hosting(pilot)
        codes = [JOIN_LINE.match(line).group(3) for line in screen.team_lines]
        lines = screen.query_one("#join-lines", JoinLines)
        assert not any(code in text_of(lines) for code in codes)
        assert "--code ••••••" in text_of(lines) and "s shows them, c copies" in text_of(lines)
        await pilot.press("c")
        assert all(code in copied[-1] for code in codes)
        await pilot.press("s")
        assert all(code in text_of(lines) for code in codes)
        await pilot.press("s")
        assert not any(code in text_of(lines) for code in codes)
        await within(app.host.stop())


async def test_the_status_follows_a_team_from_draft_to_submitted_and_says_when_all_are_in(tmp_path):
    app = console_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await hosting(pilot)
        clients = await join_all(app)
        try:
            status = screen.query_one("#team-status", TeamStatus)
            await within(clients["blue"].stage(scripted("blue", 1)))
            await until(pilot, lambda: "drafting" in text_of(status))
            await within(clients["blue"].submit(scripted("blue", 1)))
            await until(pilot, lambda: text_of(status).count("submitted") == 1)
            banner = screen.query_one("#host-banner")
            assert "waiting for Korvath" in text_of(banner)
            await within(clients["red"].submit(scripted("red", 1)))
            await until(pilot, lambda: text_of(status).count("submitted") == 2)
            assert "Every team has submitted" in text_of(banner) and banner.has_class("-ready")
            assert app.session.turn == 1  # the facilitator adjudicates, not the host
        finally:
            await close_all(clients)
        await within(app.host.stop())


async def test_adjudicating_with_every_order_in_commits_through_the_host_and_sends_each_team_the_next_turn(tmp_path):
    app = console_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await hosting(pilot)
        clients = await join_all(app)
        try:
            for team, client in clients.items():
                await within(client.submit(scripted(team, 1)))
            await pilot.press("a")
            await until(pilot, lambda: isinstance(app.screen, HostAdjudicationScreen))
            assert any(type(e).__name__ == "MoveResolved" for e in app.screen.rows)
            await commit(pilot)
            for client in clients.values():
                update = await within(client.wait_for(lambda u: u.turn == 2))
                assert update.submitted == () and update.view.turn == 2
            await until(pilot, lambda: isinstance(app.screen, HostScreen))
            assert app.session.turn == 2 and "green" in {o.team for o in app.session.records[0].orders}
        finally:
            await close_all(clients)
        await within(app.host.stop())


async def test_a_facilitator_override_with_its_reason_reaches_the_save(tmp_path):
    app = console_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await hosting(pilot)
        clients = await join_all(app)
        try:
            for team, client in clients.items():
                await within(client.submit(scripted(team, 1)))
            await pilot.press("a")
            await until(pilot, lambda: isinstance(app.screen, HostAdjudicationScreen))
            screen = app.screen
            screen.query_one("#outcomes").highlighted = next(
                i for i, e in enumerate(screen.rows) if type(e).__name__ == "MoveResolved"
            )
            await pilot.press("o")
            await until(pilot, lambda: type(app.screen).__name__ == "RulingDialog")
            app.screen.query_one("#reason", Input).value = "The white cell rules the patrol turned back"
            app.screen.query_one("#reason", Input).focus()
            await pilot.press("enter")
            await until(pilot, lambda: app.screen is screen and app.session.interventions)
            await commit(pilot)
            await within(clients["blue"].wait_for(lambda u: u.turn == 2))
        finally:
            await close_all(clients)
        await within(app.host.stop())
    saved = load_save(str(tmp_path / "game.toml")).save.turns[0]
    assert saved.interventions[0].kind == "override"
    assert saved.interventions[0].reason == "The white cell rules the patrol turned back"
    assert any(getattr(e, "override", "") == saved.interventions[0].reason for e in saved.events)


async def test_the_last_adjudication_shows_the_end_screen_and_closes_every_client_as_game_over(tmp_path):
    app = console_app(tmp_path, turns=1)
    async with app.run_test(size=SIZE) as pilot:
        await hosting(pilot)
        clients = await join_all(app)
        await pilot.press("a")
        await until(pilot, lambda: isinstance(app.screen, HostAdjudicationScreen))
        await commit(pilot)  # nobody submitted: their orders count as none
        await until(pilot, lambda: isinstance(app.screen, EndScreen))
        for client in clients.values():
            await within(client.wait_closed())
            assert client.close_code == CLOSE_GAME_OVER and client.update.ended
        await pilot.press("q")
        await until(pilot, lambda: app.return_code is not None)
    assert app.return_code == 0


async def test_stopping_asks_first_then_disconnects_every_client_so_that_the_game_can_be_resumed(tmp_path):
    app = console_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await hosting(pilot)
        clients = await join_all(app)
        await pilot.press("ctrl+q")
        await until(pilot, lambda: type(app.screen).__name__ == "ConfirmDialog")
        await pilot.press("escape")  # not yet
        await until(pilot, lambda: isinstance(app.screen, HostScreen))
        assert not any(c.closed for c in clients.values())
        await pilot.press("ctrl+q")
        await until(pilot, lambda: type(app.screen).__name__ == "ConfirmDialog")
        await pilot.press("enter")
        for client in clients.values():
            await within(client.wait_closed())
            assert client.close_code == CLOSE_HOST_STOPPED
        await until(pilot, lambda: app.return_code is not None)
    assert app.return_code == 0


async def test_a_resumed_game_cannot_show_the_codes_again_but_the_first_runs_codes_still_work(tmp_path):
    first = console_app(tmp_path)
    async with first.run_test(size=SIZE) as pilot:
        await hosting(pilot)
        codes = dict(first.host.codes)
        await within(first.host.stop())
    again = HostApp(Host.resume(str(tmp_path / "game.toml"), auto_adjudicate=False), bind="127.0.0.1", port=0)
    async with again.run_test(size=SIZE) as pilot:
        screen = await hosting(pilot)
        assert not any("--code" in line for line in screen.team_lines)
        assert "still work" in " ".join(screen.notes)
        url = again.host.url()
        clients = {team: await within(Client.connect(url, team, codes[team])) for team in HUMANS}
        await close_all(clients)
        await within(again.host.stop())


def without_url(line: str) -> str:
    return re.sub(r"ws://\S+", "URL", line)  # each run listens on a new port


# -- the join screen for browsers --------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def refuses(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(1)
        return s.connect_ex(("127.0.0.1", port)) != 0


def get(url: str) -> tuple[int, str, str]:
    with urllib.request.build_opener(urllib.request.ProxyHandler({})).open(url, timeout=5) as response:
        return response.status, response.headers.get("Content-Type", ""), response.read().decode("utf-8")


def external_hosts(page: str, own: str) -> set[str]:
    """Hosts other than `own` that the page would load anything from (an SVG namespace loads nothing)."""
    named = set(re.findall(r"""(?:src|href|url\()\s*=?\s*["']?(?:https?:)?//([^/"')\s]+)""", page))
    return {host for host in named if host != own} | ({"fonts.googleapis.com"} if "googleapis" in page else set())


def get_bytes(url: str) -> int:
    with urllib.request.build_opener(urllib.request.ProxyHandler({})).open(url, timeout=5) as response:
        return len(response.read())


async def test_web_serves_the_join_screen_over_http_on_loopback_offline_and_stops_with_the_host(tmp_path):
    pytest.importorskip("textual_serve.server", reason="--web needs textual-serve, which is not installed here")
    web_port = free_port()
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "wargame", "host", TUTORIAL_PATH, "--headless", "--port", "0", "--bind", "127.0.0.1",
        "--web", "--web-port", str(web_port), "--save", str(tmp_path / "web.toml"),
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE, cwd=tmp_path,
    )
    try:
        address = None
        for _ in range(40):  # the log is a few lines; the web address comes once the server answers
            line = (await within(proc.stderr.readline(), 25)).decode()
            assert line, "the host exited before serving the web join screen"
            if "browsers: " in line:
                address = line.split("browsers: ")[1].split()[0]
                break
        assert address == f"http://127.0.0.1:{web_port}"
        status, kind, page = await within(asyncio.to_thread(get, address + "/"), 10)
        assert status == 200 and kind.startswith("text/html") and "<html" in page.lower()
        assert f"ws://127.0.0.1:{web_port}/ws" in page  # where the page's terminal connects
        # The game runs offline, so does its page: nothing from another host, the font from this one.
        assert external_hosts(page, f"127.0.0.1:{web_port}") == set()
        font = re.search(r'url\("([^"]+RobotoMono-VariableFont_wght\.ttf)"\)', page).group(1)
        assert font.startswith(address)
        assert (await within(asyncio.to_thread(get_bytes, font), 10)) > 10_000
        join_lines = [(await within(proc.stdout.readline())).decode() for _ in TUTORIAL.campaign.teams]
        assert all(line.startswith("wargame join ws://127.0.0.1:") for line in join_lines)
    finally:
        if proc.returncode is None:
            proc.send_signal(signal.SIGTERM)
        await within(proc.communicate(), 15)
    assert proc.returncode == 130
    assert refuses(web_port)  # the web server went with the host


async def test_the_console_shows_the_web_address_and_stops_the_web_server_when_hosting_stops(tmp_path):
    pytest.importorskip("textual_serve.server", reason="--web needs textual-serve, which is not installed here")
    app = console_app(tmp_path)
    app.web_port = free_port()
    address = f"http://127.0.0.1:{app.web_port}"
    async with app.run_test(size=SIZE) as pilot:
        screen = await hosting(pilot)
        await until(pilot, lambda: address in text_of(screen.query_one("#join-lines", JoinLines)), 25)
        status, _, page = await within(asyncio.to_thread(get, address + "/"), 10)
        assert status == 200 and "<html" in page.lower()
        await pilot.press("ctrl+q")
        await until(pilot, lambda: type(app.screen).__name__ == "ConfirmDialog")
        await pilot.press("enter")
        await until(pilot, lambda: app.return_code is not None, 10)
    assert refuses(app.web_port)
