"""The join screen for browsers: textual-serve in a child process, running `wargame join URL` per visitor.

    web = WebJoinServer(join_url, bind="127.0.0.1", port=8766, public_host="127.0.0.1")
    address = await web.start()        # "http://127.0.0.1:8766", once it answers
    ...
    await web.stop()

textual-serve sets up logging, prints a banner and installs signal handlers, so it gets a process of
its own rather than a thread of the host: its output goes nowhere (it never sees a code: a visitor
types the code into the join screen, which runs in yet another process) and it never touches the
facilitator's terminal. It also exits by itself when its stdin closes, so a host that dies, however
it dies, takes its web server with it.

The game runs offline, and so does its page: textual-serve's page template links Google Fonts, so the
child serves a copy of that template without the link, with the Roboto Mono textual-serve ships.

Run as `python -m wargame.tui.web --command CMD --bind ADDR --port N --public-url URL` (the child).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import ipaddress
import os
import re
import shlex
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

EXTERNAL_STYLESHEET = re.compile(r"<link\b[^>]*\bhref=[\"']https?://[^>]*>\s*", re.IGNORECASE)
"""A `<link>` to a stylesheet on another host (textual-serve's is Google Fonts)."""
LOCAL_FONTS = """<style>
      @font-face { font-family: "Roboto Mono"; font-style: normal; font-weight: 100 700;
        src: url("{{ config.static.url }}fonts/RobotoMono-VariableFont_wght.ttf") format("truetype"); }
      @font-face { font-family: "Roboto Mono"; font-style: italic; font-weight: 100 700;
        src: url("{{ config.static.url }}fonts/RobotoMono-Italic-VariableFont_wght.ttf") format("truetype"); }
    </style>
  """
"""The page's font, from the files textual-serve serves under /static (the page template's own variable)."""
START_TIMEOUT = 20.0
"""Seconds the child may take to answer on its port (importing aiohttp is most of it)."""
STOP_TIMEOUT = 5.0


class WebError(OSError):
    """The web server cannot be started (textual-serve missing, the port taken, it died at once)."""


def default_web_port(port: int) -> int:
    """The port after the game's (0, any free port, when the game's is 0 or the last one)."""
    return port + 1 if 0 < port < 65535 else 0


def join_command(join_url: str) -> str:
    """The shell command textual-serve runs for each browser: the join screen, asking for team and code."""
    return shlex.join([sys.executable, "-m", "wargame", "join", join_url])


def _family(address: str) -> int:
    with contextlib.suppress(ValueError):
        if ipaddress.ip_address(address.strip("[]")).version == 6:
            return socket.AF_INET6
    return socket.AF_INET


def _dial_address(bind: str) -> str:
    """Where this machine reaches a server bound to `bind` (a wildcard is reached on loopback)."""
    if bind in ("", "0.0.0.0"):
        return "127.0.0.1"
    if bind == "::":
        return "::1"
    return bind


def _claim_port(bind: str, port: int) -> int:
    """Check that `bind`:`port` is free (0: find a free one) and return the port. WebError when taken."""
    try:
        with socket.socket(_family(bind), socket.SOCK_STREAM) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind((bind, port))
            return probe.getsockname()[1]
    except OSError as exc:
        hint = "; choose another --web-port" if port else ""
        raise WebError(f"{bind}:{port}: cannot listen for browsers: {exc.strerror or exc}{hint}") from None


class WebJoinServer:
    """textual-serve serving `wargame join JOIN_URL` to browsers on `bind`:`port`, in a child process."""

    def __init__(self, join_url: str, bind: str = "127.0.0.1", port: int = 0, public_host: str | None = None):
        self.join_url = join_url
        self.bind = bind
        self.port = port
        self.public_host = public_host or _dial_address(bind)
        self.process: subprocess.Popen | None = None

    @property
    def address(self) -> str:
        """`http://HOST:PORT`, as browsers reach it."""
        host = self.public_host
        if _family(host) == socket.AF_INET6 and not host.startswith("["):
            host = f"[{host}]"
        return f"http://{host}:{self.port}"

    async def start(self, timeout: float = START_TIMEOUT) -> str:
        """Start the child and return the address once it answers. WebError when it cannot."""
        try:
            import textual_serve.server  # noqa: F401  (fail here, with a sentence, not in the child)
        except ImportError as exc:
            raise WebError(f"--web needs textual-serve ({exc}); install it with: pip install 'textual-serve>=1.1'") from None
        self.port = _claim_port(self.bind, self.port)
        self.process = subprocess.Popen(
            [
                sys.executable, "-m", "wargame.tui.web", "--command", join_command(self.join_url),
                "--bind", self.bind, "--port", str(self.port), "--public-url", self.address,
            ],
            stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            start_new_session=True,  # the terminal's Ctrl+C is the host's to handle; the host stops it
        )
        try:
            if await self._answers(timeout):
                return self.address
        except BaseException:  # cancelled while starting: leave no child behind
            self.stop_now()
            raise
        code = self.process.poll()
        self.stop_now()
        if code is not None:
            raise WebError(f"{self.bind}:{self.port}: the web server stopped at once (exit {code}); is the port in use?")
        raise WebError(f"{self.bind}:{self.port}: the web server did not answer within {timeout:g} seconds")

    async def _answers(self, timeout: float) -> bool:
        """Whether the child accepts connections within `timeout` seconds (False at once if it exits)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and self.process.poll() is None:
            with contextlib.suppress(OSError, asyncio.TimeoutError, TimeoutError):
                _, writer = await asyncio.wait_for(asyncio.open_connection(_dial_address(self.bind), self.port), 1.0)
                writer.close()
                with contextlib.suppress(OSError):
                    await writer.wait_closed()
                return True
            await asyncio.sleep(0.1)
        return False

    async def stop(self) -> None:
        """Ask the child to finish (closing every browser's join screen), then make sure it is gone."""
        process, self.process = self.process, None
        if process is None:
            return
        await asyncio.to_thread(_stop, process)

    def stop_now(self) -> None:
        """The same, blocking: for when no event loop is left."""
        process, self.process = self.process, None
        if process is not None:
            _stop(process)


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        with contextlib.suppress(OSError):
            process.stdin.close()  # the child's cue to shut down gracefully
        with contextlib.suppress(OSError):
            process.send_signal(signal.SIGTERM)
        try:
            process.wait(STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(STOP_TIMEOUT)
    with contextlib.suppress(OSError):
        if process.stdin is not None:
            process.stdin.close()


# -- the child ------------------------------------------------------------------------------------------
def _exit_when_parent_goes() -> None:
    """Block until stdin closes (the host stopped, or died), then ask textual-serve to shut down."""
    with contextlib.suppress(OSError, ValueError):
        while sys.stdin.buffer.read(1024):
            pass
    os.kill(os.getpid(), signal.SIGTERM)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m wargame.tui.web")
    parser.add_argument("--command", required=True)
    parser.add_argument("--bind", required=True)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--public-url", required=True)
    args = parser.parse_args(argv)
    import textual_serve
    from textual_serve.server import Server

    with tempfile.TemporaryDirectory(prefix="wargame-web-") as folder:
        server = Server(
            command=args.command, host=args.bind, port=args.port, title="wargame join", public_url=args.public_url,
            statics_path=Path(textual_serve.__file__).parent / "static",
            templates_path=offline_templates(Path(textual_serve.__file__).parent / "templates", Path(folder)),
        )
        threading.Thread(target=_exit_when_parent_goes, daemon=True).start()
        server.serve()
    return 0


def offline_page(html: str) -> str:
    """textual-serve's page template without links to other hosts, its font served from /static."""
    html = EXTERNAL_STYLESHEET.sub("", html)
    return html.replace("</head>", LOCAL_FONTS + "</head>", 1)


def offline_templates(source: Path, folder: Path) -> Path:
    """A copy of textual-serve's templates in `folder`, every page made offline; returns `folder`."""
    for template in source.glob("*.html"):
        (folder / template.name).write_text(offline_page(template.read_text(encoding="utf-8")), encoding="utf-8")
    return folder


if __name__ == "__main__":
    sys.exit(main())
