"""The host's own share of a lecture hall's turn: from adjudicating to every client's Update handed to its socket.

    python benchmarks/net_host.py                        # 12 teams + 200 observers, 10 turns
    python benchmarks/net_host.py --teams 3 --observers 17

`benchmarks/net_load.py` times what a client sees, so its figure includes the clients' own decoding, which on
one machine competes with the host for the same cores. Here the clients are bare WebSockets in one other
process that reads frames and throws them away, and the host runs in this process, so each turn can be timed
from the inside: how long adjudicating took (bots, rules, saving), how long until the last client's Update had
been computed and handed to its connection, and how much CPU the host spent on it.

The campaign is the one net_load.py plays: the tutorial with its last team copied up to `--teams`.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from net_load import campaign_with, orders  # noqa: E402

from wargame.net.host import Host  # noqa: E402
from wargame.net.protocol import PROTOCOL_VERSION, Hello, encode  # noqa: E402
from wargame.session import Session  # noqa: E402

READERS = r"""
import asyncio, json, sys
from websockets.asyncio.client import connect

async def one(url, hello):
    async with connect(url, max_size=2**25, proxy=None, open_timeout=60) as ws:
        await ws.send(hello)
        async for _ in ws:
            pass

async def main():
    url, hellos = sys.argv[1], json.loads(sys.stdin.read())
    await asyncio.gather(*(one(url, hello) for hello in hellos), return_exceptions=True)

asyncio.run(main())
"""


async def main(args) -> None:
    with tempfile.TemporaryDirectory(prefix="net-host-") as folder:
        await measure(args, folder)


async def measure(args, folder: str) -> None:
    campaign, teams = campaign_with(args.teams, args.turns, folder)
    host = Host(Session.start(campaign, 1, humans=teams, path=f"{folder}/game.toml"), auto_adjudicate=False)
    await host.start()
    hellos = [encode(Hello(PROTOCOL_VERSION, "team", t, host.codes[t])) for t in teams]
    hellos += [encode(Hello(PROTOCOL_VERSION, "observer"))] * args.observers
    readers = subprocess.Popen(
        [sys.executable, "-c", READERS, host.url()], stdin=subprocess.PIPE, env=dict(os.environ, PYTHONPATH=str(ROOT)),
    )
    readers.stdin.write(json.dumps(hellos).encode())
    readers.stdin.close()
    try:
        while host.status().observers < args.observers or len(host.connected()) < len(teams):
            await asyncio.sleep(0.1)
        while any(conn.owed for conn in host._conns()):  # the joining room's own updates and statuses
            await asyncio.sleep(0.1)
        adjudicating, delivering, cpu = [], [], []
        for _ in range(args.turns):
            if host.session.ended:
                break
            for team in teams:
                host.session.submit(orders(team))
            started, cpu_from = time.perf_counter(), time.process_time()
            await host.adjudicate_now()
            adjudicating.append(time.perf_counter() - started)
            while any(conn.owed for conn in host._conns()):
                await asyncio.sleep(0)
            delivering.append(time.perf_counter() - started)
            cpu.append(time.process_time() - cpu_from)
            print(f"turn {len(cpu)}: adjudicated in {adjudicating[-1] * 1000:.0f} ms, every Update handed over after "
                  f"{delivering[-1] * 1000:.0f} ms, host CPU {cpu[-1] * 1000:.0f} ms")
        print(f"{len(teams)} teams + {args.observers} observers, {len(cpu)} turns: every Update handed over after "
              f"p50 {statistics.median(delivering) * 1000:.0f} ms, max {max(delivering) * 1000:.0f} ms; host CPU per turn "
              f"p50 {statistics.median(cpu) * 1000:.0f} ms, max {max(cpu) * 1000:.0f} ms")
    finally:
        await host.stop()
        readers.kill()
        readers.wait()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--teams", type=int, default=12)
    parser.add_argument("--observers", type=int, default=200)
    parser.add_argument("--turns", type=int, default=10)
    asyncio.run(main(parser.parse_args()))
