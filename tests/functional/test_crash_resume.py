"""Nothing lost: a real game process is killed with SIGKILL mid-turn, and the save resumes where it was."""

from __future__ import annotations

import os
import signal
import struct
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest
from play_keys import visible

from wargame.campaign.loader import load_campaign
from wargame.core.orders import MoveOrder, TeamOrders
from wargame.persistence.saves import load_save
from wargame.problems import ProblemsFound
from wargame.session import Session
from wargame.tui.app import WargameApp
from wargame.tui.screens.adjudication import AdjudicationScreen
from wargame.tui.screens.end import EndScreen
from wargame.tui.screens.handover import HandoverScreen

ROOT = Path(__file__).resolve().parents[2]
TUTORIAL = str(ROOT / "campaigns" / "tutorial.toml")
DEADLINE = 30.0  # seconds for any one thing the game process is waited for
SEED = 7
TURN_ONE = (TeamOrders("blue", (MoveOrder("demarche", "red"),)), TeamOrders("red", (MoveOrder("patrol"),)))

# The game process: turn 1 is played and committed headless, then the TUI takes over at turn 2.
# A probe writes which screen is showing, so the test types only once a screen is ready for keys.
CHILD = textwrap.dedent(
    """
    import os, sys
    from wargame.campaign.loader import load_campaign
    from wargame.core.orders import MoveOrder, TeamOrders
    from wargame.session import Session
    from wargame.tui.app import WargameApp

    campaign, save, status = sys.argv[1:4]
    session = Session.start(load_campaign(campaign), {seed}, humans=["blue", "red"], bots={{"green": "dove"}}, path=save)
    for orders in {turn_one!r}:
        session.submit(orders)
    session.submit_bots()
    session.commit()

    class Probed(WargameApp):
        CSS_PATH = os.path.join(os.path.dirname(sys.modules[WargameApp.__module__].__file__), WargameApp.CSS_PATH)

        def on_ready(self):
            self.set_interval(0.05, self.probe)

        def probe(self):
            screen = self.screen
            focused = screen.focused
            value = getattr(focused, "value", "")
            line = "|".join(
                (type(screen).__name__, getattr(screen, "team", "-"), str(len(getattr(screen, "moves", ()))),
                 getattr(focused, "id", None) or "-", value if isinstance(value, str) else "")
            )
            with open(status + ".new", "w") as f:
                f.write(line)
            os.replace(status + ".new", status)

    Probed(session=session).run()
    """
).format(seed=SEED, turn_one=TURN_ONE)


def wait_for(what: str, check, deadline: float = DEADLINE):
    """Poll `check` until it returns something truthy; fail naming `what` after `deadline` seconds."""
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        value = check()
        if value:
            return value
        time.sleep(0.05)
    pytest.fail(f"gave up after {deadline:.0f} s waiting for {what}")


def open_pty(columns: int = 120, rows: int = 40) -> tuple[int, int]:
    try:
        import fcntl
        import termios

        master, slave = os.openpty()
    except (ImportError, AttributeError, OSError) as exc:
        pytest.skip(f"no pseudo-terminal on this system ({exc}); the crash test needs one to run the TUI")
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    return master, slave


def drain(master: int, sink: list[bytes]) -> threading.Thread:
    """Read the screen output as it comes, so the game never blocks on a full terminal buffer."""

    def run() -> None:
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                return
            if not chunk:
                return
            sink.append(chunk)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread


def screen_of(status: Path) -> str:
    try:
        return status.read_text()
    except FileNotFoundError:
        return ""


def journalled_blue(save: Path):
    """Blue's journalled orders, once the save on disk holds them."""
    try:
        loaded = load_save(str(save))
    except ProblemsFound:
        return None
    return next((o for o in loaded.save.pending if o.team == "blue"), None)


@pytest.fixture
def game_process(tmp_path):
    """Start the game under a pseudo-terminal; yields (process, type, status file, save file, output)."""
    master, slave = open_pty()
    save, status, errors = tmp_path / "game.toml", tmp_path / "screen.txt", tmp_path / "stderr.txt"
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "120", "LINES": "40"}
    env.pop("TEXTUAL", None)
    with open(errors, "wb") as err:
        proc = subprocess.Popen(
            [sys.executable, "-c", CHILD, TUTORIAL, str(save), str(status)],
            stdin=slave, stdout=slave, stderr=err, cwd=tmp_path, env=env, start_new_session=True,
        )
    os.close(slave)
    output: list[bytes] = []
    reader = drain(master, output)

    def type_keys(*keys: str) -> None:
        for key in keys:
            if proc.poll() is not None:
                pytest.fail(f"the game exited early ({proc.returncode}):\n{errors.read_text()[-2000:]}")
            os.write(master, key.encode())
            time.sleep(0.02)

    try:
        yield proc, type_keys, status, save, errors
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=DEADLINE)
        os.close(master)
        reader.join(timeout=5)


async def test_a_game_killed_mid_turn_resumes_with_the_submitted_orders_and_the_committed_turn(game_process):
    proc, type_keys, status, save, errors = game_process

    def shown(expected: str):
        def check():
            if proc.poll() is not None:
                pytest.fail(f"the game exited ({proc.returncode}):\n{errors.read_text()[-2000:]}")
            return screen_of(status).startswith(expected)
        return check

    wait_for("blue's handover card", shown("HandoverScreen|blue|"))
    type_keys("\r")
    wait_for("blue's team screen, typing in the move filter", shown("TeamScreen|blue|0|move-filter|"))
    type_keys(*"patrol")
    wait_for("the filter to read patrol", shown("TeamScreen|blue|0|move-filter|patrol"))
    type_keys("\r")  # one Enter in the filter stages the highlighted move
    wait_for("the patrol staged", shown("TeamScreen|blue|1|"))
    type_keys("\x13")  # ctrl+s: submit
    wait_for("the confirmation dialog", shown("ConfirmDialog|"))
    type_keys("\r")
    blue = wait_for("blue's orders journalled in the save", lambda: journalled_blue(save))
    wait_for("red's handover card", shown("HandoverScreen|red|"))
    type_keys("\r")
    wait_for("red's team screen", shown("TeamScreen|red|0|move-filter|"))
    type_keys(*"demarche")  # red is typing when the laptop dies
    wait_for("red's typing to show", shown("TeamScreen|red|0|move-filter|demarche"))

    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=DEADLINE)
    assert proc.returncode == -signal.SIGKILL

    resumed = Session.resume(str(save))
    assert [m.move for m in blue.moves] == ["patrol"]
    assert resumed.pending == {"blue": blue}  # red's typing is all that is lost
    # The committed turn is exactly what the same orders produce when played again without a crash.
    again = Session.start(load_campaign(TUTORIAL), SEED, humans=["blue", "red"], bots={"green": "dove"})
    for orders in TURN_ONE:
        again.submit(orders)
    again.submit_bots()
    again.commit()
    assert resumed.turn == 2
    assert resumed.records == again.records
    assert resumed.state == again.state

    app = WargameApp(resume=str(save))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HandoverScreen) and app.screen.team == "red"
        assert app.session.pending["blue"] == blue and app.session.turn == 2
        assert [n.message for n in app._notifications] == [f"Resumed {save} at turn 2 of 5."]


def played_to_the_last_turn(path: Path) -> Session:
    """A bot-played tutorial game whose last turn has every team's orders in, and is not yet committed."""
    session = Session.start(TUTORIAL, SEED, bots={"blue": "random", "red": "random", "green": "random"}, path=str(path))
    while session.turn < session.settings.turns:
        session.submit_bots()
        session.commit()
    session.submit_bots()
    assert not session.ended and set(session.pending) == {"blue", "red", "green"}
    return session


async def test_a_game_resumed_before_its_last_commit_is_committed_to_the_end_screen(tmp_path):
    path = tmp_path / "last-turn.toml"
    played_to_the_last_turn(path)
    app = WargameApp(resume=str(path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, AdjudicationScreen)
        await pilot.press("ctrl+s", "enter")
        await pilot.pause()
        assert isinstance(app.screen, EndScreen)
        assert "Time ran out — on turn 5" in visible(app)
    assert load_save(str(path)).save.turns[-1].number == 5


async def test_resuming_a_finished_game_says_it_is_over_and_shows_the_end_screen(tmp_path):
    path = tmp_path / "finished.toml"
    session = played_to_the_last_turn(path)
    session.commit()
    app = WargameApp(resume=str(path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, EndScreen)
        assert "Time ran out — on turn 5" in visible(app)
        assert [n.message for n in app._notifications] == [
            f"{path}: this game is over (time ran out); here is how it ended."
        ]


WRITER = textwrap.dedent(
    """
    import sys
    from wargame.campaign.loader import load_campaign
    from wargame.core.orders import MessageOrder, TeamOrders
    from wargame.session import Session

    session = Session.start(load_campaign(sys.argv[1]), 3, humans=["blue"], path=sys.argv[2])
    session.submit_bots()
    session.commit()
    n = 0
    while True:  # journal orders and rotate backups as fast as the disk allows, until killed
        n += 1
        session.submit(TeamOrders("blue", messages=(MessageOrder("hotline", f"note {n}", ("red",)),)))
        session.save()
    """
)


@pytest.mark.parametrize("delay", [0.05, 0.2, 0.35])
def test_a_save_killed_while_it_is_being_written_still_loads_and_so_do_its_backups(tmp_path, delay):
    save = tmp_path / "game.toml"
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, TUTORIAL, str(save)], cwd=tmp_path,
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    try:
        wait_for("the backups to fill", lambda: (tmp_path / "game.toml.bak3").exists() or proc.poll() is not None)
        time.sleep(delay)
        if proc.poll() is not None:
            pytest.fail(f"the writer stopped by itself: {proc.stderr.read().decode()[-2000:]}")
        proc.send_signal(signal.SIGKILL)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=DEADLINE)
        proc.stderr.close()
    loaded = load_save(str(save))  # the newest complete write, never a torn one, never none
    assert loaded.save.turns and loaded.save.pending[0].messages[0].text.startswith("note ")
    for n in (1, 2, 3):
        assert load_save(f"{save}.bak{n}").save.turns
