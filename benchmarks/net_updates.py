"""How fast a host delivers view updates: 3 teams and 17 observers on loopback (issue 7: p99 under 50 ms).

    python benchmarks/net_updates.py            # 40 games' worth of turns
    python benchmarks/net_updates.py --games 5

For every adjudicated turn, the latency of each of the 20 clients is the time from the moment the last
team sends its orders to the moment that client has decoded the Update showing the next turn. Host
and clients share one process and one event loop, so the figure includes the clients' own decoding.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from wargame.core.orders import MoveOrder, TeamOrders  # noqa: E402
from wargame.net.client import Client  # noqa: E402
from wargame.net.host import Host  # noqa: E402
from wargame.session import Session  # noqa: E402

TUTORIAL = str(ROOT / "campaigns" / "tutorial.toml")
TEAMS = ("blue", "red", "green")
OBSERVERS = 17
TARGET = 0.050


def orders(team: str) -> TeamOrders:
    return TeamOrders(team, (MoveOrder("demarche", "blue" if team == "red" else "red"),))


async def one_game(seed: int, folder: str, latencies: list[float]) -> None:
    host = Host(Session.start(TUTORIAL, seed, humans=TEAMS, path=f"{folder}/g{seed}.toml"))
    await host.start()
    clients = [await Client.connect(host.url(), t, host.codes[t]) for t in TEAMS]
    clients += [await Client.connect(host.url(), observer=True) for _ in range(OBSERVERS)]
    try:
        for _ in range(host.session.settings.turns):
            turn = clients[0].update.turn
            arrived: list[asyncio.Future] = []
            for client in clients:
                future = asyncio.get_running_loop().create_future()
                arrived.append(future)

                def on_update(update, future=future, turn=turn):
                    if (update.turn > turn or update.ended) and not future.done():
                        future.set_result(time.perf_counter())

                client.on_update(on_update)
            for client in clients[:2]:
                await client.submit(orders(client.team))
            start = time.perf_counter()
            await clients[2].submit(orders("green"))
            times = await asyncio.wait_for(asyncio.gather(*arrived), 10)
            latencies += [t - start for t in times]
            if host.session.ended:
                break
    finally:
        for client in clients:
            await client.close()
        await host.stop()


async def main(games: int) -> None:
    latencies: list[float] = []
    with tempfile.TemporaryDirectory() as folder:
        for seed in range(games):
            await one_game(seed, folder, latencies)
    latencies.sort()
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
    print(f"{len(latencies)} deliveries to {len(TEAMS) + OBSERVERS} clients: median {statistics.median(latencies) * 1000:.1f} ms, "
          f"p99 {p99 * 1000:.1f} ms (target {TARGET * 1000:.0f} ms: {p99 / TARGET:.2f}x)")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--games", type=int, default=40)
    asyncio.run(main(parser.parse_args().games))
