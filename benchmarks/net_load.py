"""A lecture hall on loopback: a real `wargame host --headless` process, teams and observers joining at once from
separate client processes, every team submitting each turn (issue 20).

    python benchmarks/net_load.py                          # 12 teams + 200 observers (4 processes x 50), 10 turns
    python benchmarks/net_load.py --observers 100 --procs 4 --turns 3
    python benchmarks/net_load.py --teams 3 --observers 17 --procs 1

The host is `python -m wargame host CAMPAIGN --headless` run from this checkout (so the same script measures any
version: copy it into another checkout and run it there). Teams join from this process; observers from `--procs`
worker processes, all at the same moment. With more teams than the campaign has, its last team is copied (ids
green2, green3 ...) into a temporary campaign. `--slow` observers in the first worker stop reading for
`--pause` seconds after every update they get: the host must bring them up to date, not drop them.

Per turn, a client's latency is the time from the moment the last team sends its orders to the moment that
client has decoded an Update showing the next turn (CLOCK_MONOTONIC is shared by all processes). Printed:
latency p50/p99/max per role, how many clients failed to join or were disconnected before the game ended, and
the host's peak resident memory (VmHWM), and the CPU time each process spent per turn (host, the team clients'
process, the observer processes together): unlike latency, that hardly depends on what else the machine runs.
`--frames` also prints, per turn and role, the size of the frame that
brought the turn and the time a client took to decode it; `--profile DIR` runs the host and the observer
processes under cProfile (DIR/host.prof, DIR/observers-N.prof; read them with `python -m pstats`).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import wargame.net.client  # noqa: E402
from wargame.core.orders import MoveOrder, TeamOrders  # noqa: E402
from wargame.net.client import Client, ClientError, JoinError  # noqa: E402

TUTORIAL = ROOT / "campaigns" / "tutorial.toml"
GAME_OVER = 1000


def now() -> float:
    return time.monotonic()


def orders(team: str) -> TeamOrders:
    return TeamOrders(team, (MoveOrder("demarche", "blue" if team == "red" else "red"),))


def campaign_with(teams: int, turns: int, folder: str) -> tuple[str, list[str]]:
    """The tutorial lasting at least `turns` turns, with its last team copied until there are `teams` teams (objectives
    left out of the copies)."""
    text = TUTORIAL.read_text(encoding="utf-8")  # injects name turns, so the game may be longer, never shorter
    text = re.sub(r"^turns = (\d+)", lambda m: f"turns = {max(turns, int(m[1]))}", text, count=1, flags=re.M)
    ids = re.findall(r'^\[\[teams\]\]\nid = "([^"]+)"', text, flags=re.M)
    path = Path(folder) / "hall.toml"
    if teams <= len(ids):
        path.write_text(text, encoding="utf-8")
        return str(path), ids
    last = ids[-1]
    start = text.index(f'[[teams]]\nid = "{last}"')
    end = text.index("[[teams.objectives]]", start)
    block = text[start:end]
    copies = []
    for n in range(2, teams - len(ids) + 2):
        copy = re.sub(r'^id = "[^"]+"', f'id = "{last}{n}"', block, flags=re.M)
        copy = re.sub(r'^(name|short) = "([^"]+)"', rf'\1 = "\2 {n}"', copy, flags=re.M)
        copies.append(copy)
        ids.append(f"{last}{n}")
    cut = text.index("\n# ---", end)  # the copies go after the last team's objectives
    path.write_text(text[:cut] + "\n" + "\n".join(copies) + text[cut:], encoding="utf-8")
    return str(path), ids


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * p))]


def summary(name: str, values: list[float]) -> str:
    if not values:
        return f"{name}: no deliveries"
    return (f"{name}: {len(values)} deliveries, p50 {statistics.median(values) * 1000:.0f} ms, "
            f"p99 {percentile(values, 0.99) * 1000:.0f} ms, max {max(values) * 1000:.0f} ms")


def cpu_seconds(pid: int) -> float:
    """User and system CPU time the process has used so far (0 once it has gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def peak_rss(pid: int) -> int:
    """The process's peak resident set in bytes (0 once it has gone)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


class FrameLog:
    """Every Update frame this process decodes: its size and how long decoding took, by the turn it shows; and how
    many Status frames came for each turn. It wraps the client module's `decode`, so the figure is what a real
    client pays."""

    def __init__(self) -> None:
        self.by_turn: dict[int, list[tuple[int, float]]] = {}
        self.statuses: dict[int, int] = {}
        decode = wargame.net.client.decode

        def timed(text, *args, **kwargs):
            started = time.perf_counter()
            message = decode(text, *args, **kwargs)
            took = time.perf_counter() - started
            if getattr(message, "KIND", "") == "update":
                turn = message.turn + (1 if message.ended else 0)
                self.by_turn.setdefault(turn, []).append((len(text.encode("utf-8")), took))
            elif getattr(message, "KIND", "") == "status":
                self.statuses[message.turn] = self.statuses.get(message.turn, 0) + 1
            return message

        wargame.net.client.decode = timed


def frame_rows(role: str, by_turn: dict, statuses: dict) -> list[str]:
    """Per turn: how many Update frames, their size (largest) and decode time (median, largest); how many Status
    frames came during that turn."""
    rows = []
    for turn in sorted(by_turn, key=int):
        frames = by_turn[turn]
        sizes = [size for size, _ in frames]
        times = [took for _, took in frames]
        rows.append(f"    {role:9} turn {int(turn):2}: {len(frames):4} frames, up to {max(sizes) / 1024:6.1f} KiB, "
                    f"decode p50 {statistics.median(times) * 1000:5.1f} ms, max {max(times) * 1000:6.1f} ms; "
                    f"{statuses.get(turn, 0):4} status frames")
    return rows


# -- a worker process: `count` observers ---------------------------------------------------------------------
async def worker(url: str, count: int, slow: int, pause: float) -> None:
    frames = FrameLog()

    def say(**data) -> None:
        print(json.dumps(data), flush=True)

    arrivals: dict[int, dict[int, float]] = {i: {} for i in range(count)}
    started = now()

    async def one(i: int):
        try:
            client = await Client.connect(url, observer=True, timeout=60)
        except JoinError as exc:
            return exc.reason
        arrivals[i][client.update.turn] = now()

        def seen(update, i=i, client=client) -> None:
            if update.ended:  # the last turn's outcome: counted as the turn after the last one open
                arrivals[i].setdefault(max(arrivals[i], default=update.turn - 1) + 1, now())
            elif update.turn not in arrivals[i]:
                arrivals[i][update.turn] = now()
            if i < slow:  # a slow reader: stops reading for a while after each update
                transport = client._ws.transport
                transport.pause_reading()
                asyncio.get_running_loop().call_later(pause, transport.resume_reading)

        client.on_update(seen)
        return client

    joined = await asyncio.gather(*(one(i) for i in range(count)))
    clients = {i: c for i, c in enumerate(joined) if isinstance(c, Client)}
    failed = [c for c in joined if isinstance(c, str)]
    say(ready=len(clients), failed=failed, join_s=now() - started)
    reader = asyncio.StreamReader()
    await asyncio.get_running_loop().connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
    cpu_from = None
    while line := (await reader.readline()).decode().strip():
        if line == "stop":
            break
        if line == "start":  # the turns begin: CPU is counted from here, as the conductor counts it
            cpu_from = time.process_time()
            continue
        turn = int(line)  # "report when every client here has seen this turn"
        while any(turn not in arrivals[i] and not c.closed for i, c in clients.items()):
            await asyncio.sleep(0.005)
        say(seen=turn)
    closed = {i: [c.close_code, c.close_reason] for i, c in clients.items() if c.closed and c.close_code != GAME_OVER}
    await asyncio.gather(*(c.close() for c in clients.values()))
    say(arrivals={i: a for i, a in arrivals.items() if i in clients}, closed=closed, slow=list(range(min(slow, count))),
        frames=frames.by_turn, statuses=frames.statuses, cpu=time.process_time() - (cpu_from or 0.0))


# -- the conductor ------------------------------------------------------------------------------------------------
async def conduct(args) -> None:
    folder = tempfile.mkdtemp(prefix="net-load-")
    campaign, teams = campaign_with(args.teams, args.turns, folder)
    env = dict(os.environ, PYTHONPATH=str(ROOT), WARGAME_SAVE_DIR=folder)
    log = open(Path(folder) / "host.log", "wb")
    frames = FrameLog()
    profile = (lambda name: ["-m", "cProfile", "-o", str(Path(args.profile) / name)]) if args.profile else (lambda name: [])
    if args.profile:
        Path(args.profile).mkdir(parents=True, exist_ok=True)
    host = await asyncio.create_subprocess_exec(
        sys.executable, *profile("host.prof"), "-m", "wargame", "host", campaign, "--headless", "--port", "0", "--seed", "1",
        "--turns", str(args.turns), "--save", f"{folder}/game.toml",
        stdout=asyncio.subprocess.PIPE, stderr=log, env=env,
    )
    lines = [(await host.stdout.readline()).decode().split() for _ in teams]
    if not all(lines):
        log.close()
        sys.exit(f"the host did not start:\n{(Path(folder) / 'host.log').read_text()}")
    url = lines[0][2]
    codes = {line[line.index("--team") + 1]: line[line.index("--code") + 1] for line in lines}
    print(f"host pid {host.pid} at {url}, log in {folder}/host.log")

    per = [args.observers // args.procs + (1 if i < args.observers % args.procs else 0) for i in range(args.procs)]
    workers = [
        await asyncio.create_subprocess_exec(
            sys.executable, *profile(f"observers-{i}.prof"), __file__, "--worker", url, "--count", str(n), "--slow", str(args.slow if i == 0 else 0),
            "--pause", str(args.pause), stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, env=env,
        )
        for i, n in enumerate(per) if n
    ]

    async def team(t: str):
        try:
            return await Client.connect(url, t, codes[t], timeout=60)
        except JoinError as exc:
            return exc.reason

    started = now()
    joined, readies = await asyncio.gather(
        asyncio.gather(*(team(t) for t in teams)),
        asyncio.gather(*(w.stdout.readline() for w in workers)),
    )
    readies = [json.loads(r) for r in readies]
    clients = {t: c for t, c in zip(teams, joined) if isinstance(c, Client)}
    failed = [c for c in joined if isinstance(c, str)] + [f for r in readies for f in r["failed"]]
    print(f"joined at once: {len(clients)} teams + {sum(r['ready'] for r in readies)} observers in "
          f"{now() - started:.2f} s ({len(failed)} failed to join{': ' + failed[0] if failed else ''})")
    dropped_teams: list[tuple] = []

    async def submit(t: str) -> None:
        """Submit t's orders; a team whose connection was closed joins again first, as the join screen does."""
        for _ in range(5):
            client = clients[t]
            if client.closed:
                dropped_teams.append((t, client.close_code, client.close_reason))
                rejoined = await team(t)
                if not isinstance(rejoined, Client):
                    continue
                clients[t] = client = rejoined
            try:
                await client.submit(orders(t))
                return
            except (ClientError, TimeoutError):
                continue

    team_latency: list[float] = []
    starts: dict[int, float] = {}
    rss = peak_rss(host.pid)
    host_cpu, own_cpu = cpu_seconds(host.pid), time.process_time()
    for w in workers:
        w.stdin.write(b"start\n")
    for _ in range(args.turns):
        live = [c for c in clients.values() if not c.closed]
        if not live or live[0].update.ended:
            break
        turn = live[0].update.turn
        arrived: list[asyncio.Future] = []
        unsubscribe = []
        for client in live:
            future = asyncio.get_running_loop().create_future()
            arrived.append(future)

            def on_update(update, future=future, turn=turn):
                if (update.turn > turn or update.ended) and not future.done():
                    future.set_result(now())

            unsubscribe.append(client.on_update(on_update))
        await asyncio.gather(*(submit(t) for t in teams[:-1]))
        starts[turn + 1] = start = now()
        await submit(teams[-1])
        done, _ = await asyncio.wait(arrived, timeout=60)
        team_latency += [f.result() - start for f in done]
        for stop in unsubscribe:
            stop()
        # every team has it; now wait for the observers (the slow ones too) before the next turn
        for w in workers:
            w.stdin.write(f"{turn + 1}\n".encode())
            await w.stdin.drain()
        await asyncio.gather(*(w.stdout.readline() for w in workers))
        rss = max(rss, peak_rss(host.pid))
    rss = max(rss, peak_rss(host.pid))
    host_cpu, own_cpu = cpu_seconds(host.pid) - host_cpu, time.process_time() - own_cpu
    dropped_teams += [(c.team, c.close_code, c.close_reason) for c in clients.values() if c.closed and c.close_code != GAME_OVER]
    for w in workers:
        w.stdin.write(b"stop\n")
        await w.stdin.drain()
    results = [json.loads(await w.stdout.readline()) for w in workers]
    for w in workers:
        await w.wait()
    for c in clients.values():
        await c.close()
    if host.returncode is None:  # it stops by itself once the game is over
        try:
            await asyncio.wait_for(host.wait(), 15)
        except asyncio.TimeoutError:
            host.terminate()
            await host.wait()

    observer_latency: list[float] = []
    slow_latency: list[float] = []
    dropped = list(dropped_teams)
    for result in results:
        slow = set(result["slow"])
        for i, seen in result["arrivals"].items():
            for turn, at in seen.items():
                if int(turn) in starts:
                    (slow_latency if int(i) in slow else observer_latency).append(at - starts[int(turn)])
        dropped += [("observer", code, reason) for code, reason in result["closed"].values()]
    print(f"{len(starts)} turns played; teams timed from the moment the last team sent its orders")
    print("  " + summary(f"teams ({len(clients)})", team_latency))
    print("  " + summary(f"observers ({sum(r['ready'] for r in readies) - args.slow})", observer_latency))
    if args.slow:
        print("  " + summary(f"slow readers ({args.slow}, pausing {args.pause:g} s after each update)", slow_latency))
    codes_seen: dict[str, int] = {}
    for _, code, reason in dropped:
        codes_seen[f"{code} {reason}"] = codes_seen.get(f"{code} {reason}", 0) + 1
    print(f"disconnected before the game ended: {len(dropped)}"
          + "".join(f"\n  {n} x close {what}" for what, n in codes_seen.items()))
    print(f"failed to join: {len(failed)}")
    print(f"host peak memory (VmHWM): {rss / 2**20:.0f} MB")
    played = max(1, len(starts))
    print(f"CPU per turn: host {host_cpu / played * 1000:.0f} ms, teams' process {own_cpu / played * 1000:.0f} ms, "
          f"observer processes {sum(r['cpu'] for r in results) / played * 1000:.0f} ms")
    if args.frames:
        observed: dict[int, list] = {}
        statuses: dict[int, int] = {}
        for result in results:
            for turn, rows in result["frames"].items():
                observed.setdefault(int(turn), []).extend(rows)
            for turn, count in result["statuses"].items():
                statuses[int(turn)] = statuses.get(int(turn), 0) + count
        print("Update frames, by the turn they bring (turn 1: the one sent on joining), and Status frames during it:")
        print("\n".join(frame_rows("teams", frames.by_turn, frames.statuses) + frame_rows("observers", observed, statuses)))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--teams", type=int, default=12)
    parser.add_argument("--observers", type=int, default=200)
    parser.add_argument("--procs", type=int, default=4, help="observer processes")
    parser.add_argument("--turns", type=int, default=10)
    parser.add_argument("--slow", type=int, default=2, help="observers that read slowly (in the first process)")
    parser.add_argument("--pause", type=float, default=2.0, help="seconds a slow reader stops reading after each update")
    parser.add_argument("--frames", action="store_true", help="print frame sizes and decode times per turn and role")
    parser.add_argument("--profile", metavar="DIR", help="run the host and observer processes under cProfile, into DIR")
    parser.add_argument("--worker", metavar="URL", help=argparse.SUPPRESS)
    parser.add_argument("--count", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        asyncio.run(worker(args.worker, args.count, args.slow, args.pause))
    else:
        asyncio.run(conduct(args))
