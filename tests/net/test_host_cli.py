"""`wargame host` as a user runs it: join lines on stdout, a host killed mid-turn and resumed with the same
codes, TLS, and bad flags or files refused with the usual exit codes."""

from __future__ import annotations

import asyncio
import re
import shutil
import signal
import ssl
import subprocess
import sys
from pathlib import Path

import attrs
import pytest
from loopback import TUTORIAL_PATH, scripted, within

from wargame.net.client import Client, JoinError, RequestRefused
from wargame.persistence.saves import load_save

STARTUP = 20.0  # seconds for a host process to print its join lines
JOIN_LINE = re.compile(r"^wargame join (wss?://127\.0\.0\.1:(\d+)) --team (\w+)(?: --code ([A-Za-z0-9_-]{12}))?$")


def catalogue_only(team: str, turn: int):
    """The scripted orders without their free-form move: a headless host has nobody to rule on one."""
    return attrs.evolve(scripted(team, turn), freeform=())


class HostProcess:
    """`python -m wargame host ...` running in the background, and the join lines it printed."""

    def __init__(self, proc: asyncio.subprocess.Process, lines: list[str]):
        self.proc = proc
        self.lines = lines
        matches = [JOIN_LINE.match(line) for line in lines]
        assert all(matches), f"not join lines: {lines}"
        self.url = matches[0].group(1)
        self.port = int(matches[0].group(2))
        self.codes = {m.group(3): m.group(4) for m in matches}

    @classmethod
    async def start(cls, *args: str, teams: int, cwd: Path) -> HostProcess:
        proc = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "wargame", "host", *args, "--headless", "--bind", "127.0.0.1",
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE, cwd=cwd,
        )
        lines = []
        try:
            for _ in range(teams):
                line = await within(proc.stdout.readline(), STARTUP)
                assert line, f"the host exited early: {(await within(proc.stderr.read())).decode()}"
                lines.append(line.decode().rstrip("\n"))
        except BaseException:
            proc.kill()
            await within(proc.wait())
            raise
        return cls(proc, lines)

    async def finish(self, sig: int = signal.SIGTERM) -> tuple[int, str, str]:
        if self.proc.returncode is None:
            self.proc.send_signal(sig)
        out, err = await within(self.proc.communicate(), 15)
        return self.proc.returncode, out.decode(), err.decode()


async def test_a_host_killed_mid_turn_resumes_with_the_same_codes_and_the_submitted_orders(tmp_path):
    save = tmp_path / "seminar.toml"
    first = await HostProcess.start(
        TUTORIAL_PATH, "--port", "0", "--seed", "5", "--bot", "green=dove", "--save", str(save), teams=2, cwd=tmp_path,
    )
    try:
        assert set(first.codes) == {"blue", "red"} and all(first.codes.values())
        blue = await within(Client.connect(first.url, "blue", first.codes["blue"]))
        red = await within(Client.connect(first.url, "red", first.codes["red"]))
        await within(blue.submit(catalogue_only("blue", 1)))
        await within(red.stage(catalogue_only("red", 1)))  # a draft only: lost with the host, by design
        first.proc.kill()  # SIGKILL: no chance to save or say goodbye
        await within(first.proc.wait())
        await within(blue.wait_closed())
    finally:
        if first.proc.returncode is None:
            first.proc.kill()
            await within(first.proc.wait())

    saved = load_save(str(save)).save
    assert [o.team for o in saved.pending] == ["blue"]
    text = save.read_text()
    assert all(code not in text for code in first.codes.values())

    again = await HostProcess.start("--resume", str(save), "--port", str(first.port), teams=2, cwd=tmp_path)
    try:
        assert again.url == first.url
        assert again.codes == {"blue": None, "red": None}  # the host keeps only hashes; teams keep their codes
        blue = await within(Client.connect(again.url, "blue", first.codes["blue"]))
        assert blue.update.turn == 1 and blue.update.submitted == ("blue",)
        assert blue.update.orders == catalogue_only("blue", 1)
        red = await within(Client.connect(again.url, "red", first.codes["red"]))
        assert red.update.staged is None and red.update.orders is None
        with pytest.raises(JoinError, match="wrong code for red"):
            await within(Client.connect(again.url, "red", first.codes["blue"]))
        with pytest.raises(RequestRefused, match="without a facilitator .* nobody can rule on a free-form move"):
            await within(red.submit(scripted("red", 1)))  # with its free-form move
        assert red.update.orders is None  # refused whole: nothing of it counts
        answer = await within(red.submit(catalogue_only("red", 1)))
        assert answer.turn == 2  # both humans in: adjudicated at once, the bot deciding for green
        await within(blue.wait_for(lambda u: u.turn == 2))
    finally:
        code, out, err = await again.finish()
    assert code == 130, err
    assert "go on with: wargame host --resume" in err and "Traceback" not in err
    assert all(c not in err for c in first.codes.values())
    saved = load_save(str(save)).save
    assert len(saved.turns) == 1 and {o.team for o in saved.turns[0].orders} == {"blue", "red", "green"}


async def test_stdout_holds_exactly_one_join_line_per_human_team_and_codes_go_nowhere_else(tmp_path):
    hosted = await HostProcess.start(TUTORIAL_PATH, "--port", "0", "--save", "g.toml", teams=3, cwd=tmp_path)
    code, out, err = await hosted.finish(signal.SIGINT)
    assert code == 130 and out == "" and "Traceback" not in err  # nothing after the join lines
    assert [m.group(3) for m in map(JOIN_LINE.match, hosted.lines)] == ["blue", "red", "green"]
    assert len(set(hosted.codes.values())) == 3
    for secret in hosted.codes.values():
        assert secret not in err and secret not in (tmp_path / "g.toml").read_text()
    assert "facilitator console" not in err  # --headless says nothing about it


@pytest.mark.skipif(shutil.which("openssl") is None, reason="needs openssl to make a certificate")
async def test_with_a_certificate_the_host_speaks_tls_and_the_join_lines_say_wss(tmp_path):
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(cert),
         "-days", "1", "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1"],
        check=True, capture_output=True, timeout=30,
    )
    hosted = await HostProcess.start(
        TUTORIAL_PATH, "--port", "0", "--save", "g.toml", "--cert", str(cert), "--key", str(key), teams=3, cwd=tmp_path,
    )
    try:
        assert hosted.url.startswith("wss://")
        with pytest.raises(JoinError, match="secure connection|certificate"):
            await within(Client.connect(hosted.url, "blue", hosted.codes["blue"]))  # not trusted by default
        trusted = ssl.create_default_context(cafile=str(cert))
        blue = await within(Client.connect(hosted.url, "blue", hosted.codes["blue"], ssl=trusted))
        assert blue.update.view.team == "blue"
        with pytest.raises(JoinError):
            await within(Client.connect(hosted.url.replace("wss://", "ws://"), "blue", hosted.codes["blue"]))
    finally:
        await hosted.finish()


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "wargame", "host", *args], cwd=cwd, capture_output=True, text=True, timeout=30,
    )


BAD_USES = {
    "no campaign": ((), 2, "give a CAMPAIGN or --resume SAVE"),
    "a campaign and --resume": ((TUTORIAL_PATH, "--resume", "x.toml"), 2, "not both"),
    "a bot without a team": ((TUTORIAL_PATH, "--bot", "hawk"), 2, "as TEAM=PERSONA"),
    "bots for every team": ((TUTORIAL_PATH, "--bot", "blue=hawk", "--bot", "red=hawk", "--bot", "green=dove"), 2, "leave at least one team"),
    "a port out of range": ((TUTORIAL_PATH, "--port", "70000"), 2, "--port must be between 0 and 65535"),
    "a certificate without a key": ((TUTORIAL_PATH, "--cert", "c.pem"), 2, "both --cert FILE and --key FILE"),
    "--seed with --resume": (("--resume", "x.toml", "--seed", "3"), 2, "--seed is for a new game"),
    "a missing campaign": (("nowhere.toml",), 1, "nowhere.toml: error: no such file"),
    "a missing save": (("--resume", "nowhere.toml"), 1, "nowhere.toml: error: no such file"),
    "a missing certificate": ((TUTORIAL_PATH, "--cert", "c.pem", "--key", "k.pem"), 1, "c.pem: error: no such file"),
}


@pytest.mark.parametrize("args, code, message", BAD_USES.values(), ids=BAD_USES.keys())
def test_bad_flags_exit_2_and_bad_files_exit_1_with_a_message_and_no_traceback(tmp_path, args, code, message):
    result = run(*args, cwd=tmp_path)
    assert result.returncode == code, result.stderr
    assert message in result.stderr and "Traceback" not in result.stderr and result.stdout == ""


def test_a_port_in_use_is_a_clear_error(tmp_path):
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run(TUTORIAL_PATH, "--headless", "--port", str(port), "--save", "g.toml", cwd=tmp_path)
    assert result.returncode == 1 and f"127.0.0.1:{port}: error: cannot listen" in result.stderr
    assert "choose another --port" in result.stderr and "Traceback" not in result.stderr


def test_an_existing_save_is_not_overwritten_without_force(tmp_path):
    (tmp_path / "g.toml").write_text("precious")
    result = run(TUTORIAL_PATH, "--headless", "--save", "g.toml", cwd=tmp_path)
    assert result.returncode == 1 and "already exists" in result.stderr
    assert (tmp_path / "g.toml").read_text() == "precious"
