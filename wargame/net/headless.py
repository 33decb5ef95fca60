"""`wargame host --headless`: serve a game with no screen, join lines on stdout and a log on stderr.

Stdout carries only the join lines (one per human team, flushed at once), so that a script can read
them; everything for people goes to stderr. The game is adjudicated whenever every human team has
submitted, and saved after every step by the Session. With no facilitator to rule on them, free-form
moves are refused.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
import socket
import ssl as ssl_module
import sys
from typing import TextIO

from ..core import arguments
from ..problems import Problem, ProblemsFound
from .host import Host, HostEvent

EXIT_INTERRUPTED = 130


def guess_public_host(bind: str) -> str:
    """The address teams should dial: the bind address, or for a wildcard bind (0.0.0.0, ::) this
    machine's address on its default route (no packet is sent), else its host name."""
    if bind not in ("", "0.0.0.0", "::"):
        return bind
    family = socket.AF_INET6 if bind == "::" else socket.AF_INET
    probe = "2001:db8::1" if family == socket.AF_INET6 else "192.0.2.1"  # documentation ranges
    try:
        with socket.socket(family, socket.SOCK_DGRAM) as s:
            s.connect((probe, 9))
            return s.getsockname()[0]
    except OSError:
        return socket.gethostname()


async def serve_headless(
    host: Host,
    bind: str,
    port: int,
    tls: ssl_module.SSLContext | None = None,
    public_host: str | None = None,
    out: TextIO | None = None,
    err: TextIO | None = None,
) -> int:
    """Serve until the game ends (0) or SIGINT/SIGTERM stops the host (130). ProblemsFound when the
    host cannot listen."""
    out = out or sys.stdout
    err = err or sys.stderr
    session = host.session
    # Nobody sits at a headless host to rule on a free-form move, and a seminar would rather a team
    # hear so when it writes one than find it "not adjudicated" after the turn: the host refuses them.
    # (Waiting for a ruling instead would stall the game for good.)
    host.white_cell = False

    def say(line: str) -> None:
        print(line, file=err, flush=True)

    def on_event(event: HostEvent) -> None:
        if event.kind not in ("staged",):  # drafts come and go too often to be news
            say(f"[host] {event.detail}")

    try:
        chosen = await host.start(bind, port, tls)
    except OSError as exc:
        why = exc.strerror or str(exc)
        hint = "; choose another --port (or --port 0 for any free one)" if port else ""
        raise ProblemsFound([Problem(f"{bind}:{port}", f"cannot listen: {why}{hint}")]) from None
    shown = public_host or guess_public_host(bind)
    for line in host.join_lines(shown, chosen):
        print(line, file=out)
    out.flush()
    missing = [t for t in session.humans() if t not in host.codes]
    say(f"{session.campaign.title} — turn {session.turn} of {session.last_turn}, saved to {session.path}")
    if missing:
        say(f"{', '.join(missing)}: use the codes given when the game was first hosted (only their hashes are kept)")
    say(f"observers (public news only): {host.observer_line(shown, chosen)}")
    say("the turn is adjudicated when every team has submitted; Ctrl+C stops the host (resume with --resume)")
    if host.auto_odds:
        chance = arguments.chance_of(session.campaign, host.auto_odds) or 0.0
        say(f"no facilitator rules here: free-form moves are rolled on the campaign's default odds, "
            f"{host.auto_odds} ({round(chance * 100):g}%), and change nothing beyond their outcome")
    else:
        say("no facilitator rules here, so free-form moves are refused (host the game without --headless to rule on them, or add --auto-odds)")
    host.subscribe(on_event)

    stopped = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):  # Windows, or not the main thread
            loop.add_signal_handler(sig, stopped.set)
    finished = asyncio.create_task(host.wait_finished())
    interrupted = asyncio.create_task(stopped.wait())
    try:
        await asyncio.wait({finished, interrupted}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for task in (finished, interrupted):
            task.cancel()
        for sig in (signal.SIGINT, signal.SIGTERM):
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                loop.remove_signal_handler(sig)
        await host.stop()
    if session.ended:
        ending = next((e for e in reversed(session.log) if type(e).__name__ == "GameEnded"), None)
        say(f"the game is over: {session.describe(ending, 'facilitator') if ending else session.ended}; saved to {session.path}")
        return 0
    say(f"stopped at turn {session.turn}; go on with: wargame host --resume {session.path}")
    return EXIT_INTERRUPTED
