"""A whole game over the network: three teams at their own clients and an observer play the tutorial.

The save equals a hot-seat game fed the same orders and seed, and nothing any client received,
frame by frame, holds what only other teams may know.
"""

from __future__ import annotations

import json
from pathlib import Path

import attrs
from loopback import CODES, SEED, TEAMS, TUTORIAL, draft, join, new_session, scripted, within

from wargame.converter import converter
from wargame.core import events as ev
from wargame.core.model import Campaign
from wargame.core.views import seen, visible
from wargame.net.client import Client
from wargame.net.protocol import CLOSE_GAME_OVER, redact
from wargame.persistence.saves import load_save

OBSERVER = "observer"


async def play_networked(host) -> dict[str, Client]:
    """Every turn each team stages a draft, then submits its scripted orders; returns the clients, closed
    by the host at the end of the game, with everything they received."""
    clients = {team: await join(host, team, keep_transcript=True) for team in TEAMS}
    clients[OBSERVER] = await within(Client.connect(host.url(), observer=True, keep_transcript=True))
    for _ in range(TUTORIAL.campaign.turns):  # the game ends by then at the latest
        turn = clients["blue"].update.turn
        for team in TEAMS:
            staged = await within(clients[team].stage(draft(team, turn)))
            assert staged.staged == draft(team, turn) and staged.orders is None
        for team in TEAMS:
            answer = await within(clients[team].submit(scripted(team, turn)))
        # The last team's answer already shows the turn adjudicated.
        assert answer.turn == turn + 1 or answer.ended
        if answer.ended:
            break
    await within(host.wait_finished())
    for client in clients.values():
        await within(client.wait_closed())
        assert client.close_code == CLOSE_GAME_OVER and client.update.ended
    return clients


def play_hot_seat(folder: Path) -> str:
    session = new_session(folder, "hot-seat.toml")
    while not session.ended:
        for team in TEAMS:
            session.submit(scripted(team, session.turn))
        session.submit_bots()
        session.commit()
    return session.path


async def test_a_networked_game_saves_the_same_turns_as_a_hot_seat_game_fed_the_same_orders(host, tmp_path):
    clients = await play_networked(host)
    networked = load_save(host.session.path).save
    hot_seat = load_save(play_hot_seat(tmp_path)).save
    assert networked.seed == hot_seat.seed == SEED
    assert len(networked.turns) >= 2
    assert networked.turns == hot_seat.turns
    assert networked.pending == () and hot_seat.pending == ()
    assert attrs.evolve(networked.settings, join_codes={}) == hot_seat.settings
    # Every client's last view is the hot-seat game's view of the same team.
    for team in TEAMS:
        assert clients[team].update.view.events == seen(load_save(host.session.path).campaign.campaign, [e for r in hot_seat.turns for e in r.events], team)


def strings(value) -> list[str]:
    """Every string anywhere in unstructured data."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in (*strings(k), *strings(v))]
    if isinstance(value, list):
        return [s for v in value for s in strings(v)]
    return []


def event_strings(event: ev.Event) -> set[str]:
    return {v for v in attrs.asdict(event, recurse=False).values() if isinstance(v, str) and len(v) >= 6}


async def test_no_client_ever_receives_another_teams_secret_events_orders_or_drafts(host):
    clients = await play_networked(host)
    log = [e for r in load_save(host.session.path).save.turns for e in r.events]
    markers = {f"{t.upper()}-{what}" for t in TEAMS for what in ("ONLY", "DRAFT")}
    markers |= {f"{a.upper()}-TO-{b.upper()}" for a in TEAMS for b in TEAMS if a != b}
    for viewer, client in clients.items():
        frames = [json.loads(text) for text in client.transcript]
        assert len(frames) >= 2 + len(host.session.records)
        received = "\n".join(s for frame in frames for s in strings(frame))
        team = None if viewer == OBSERVER else viewer
        # Strings the viewer may know: its campaign and every event it may see.
        seen = [e for e in log if e.public or (team is not None and team in e.audience)]
        known = {s for e in seen for s in event_strings(e)}
        known |= set(strings(converter.unstructure(redact(TUTORIAL.campaign, team), Campaign)))
        unseen = {s for e in log if e not in seen for s in event_strings(e)}
        # Other teams' briefings and objectives (which the end of the game may make public).
        others = [t for t in TUTORIAL.campaign.teams if t.id != team]
        unseen |= {t.briefing.strip() for t in others} | {o.description for t in others for o in t.objectives}
        leaked = sorted(s for s in unseen - known if s in received)
        assert leaked == [], f"{viewer} received what only others may know: {leaked}"
        mine = {m for m in markers if team and (m.startswith(f"{team.upper()}-ONLY") or m.startswith(f"{team.upper()}-DRAFT"))}
        addressed = {m for m in markers if team and (m.startswith(f"{team.upper()}-TO-") or m.endswith(f"-TO-{team.upper()}"))}
        foreign = sorted(m for m in markers - mine - addressed if m in received)
        assert foreign == [], f"{viewer} received other teams' orders or drafts: {foreign}"
        if team:  # the check can see: the team's own secrets did reach it
            assert f"{team.upper()}-ONLY" in received and f"{team.upper()}-DRAFT" in received
        # Frame by frame: each part of each update is the viewer's own.
        for frame in frames:
            if frame["kind"] == "welcome":
                assert frame["team"] == (team or "")
            if frame["kind"] != "update":
                continue
            if team is None:
                assert "view" not in frame and "options" not in frame and "staged" not in frame and "orders" not in frame
                assert all(e.get("public", True) for e in frame.get("public", ()))
            else:
                assert frame["view"]["team"] == team and "public" not in frame
                assert all(e.get("public", True) or team in k.get("audience", ()) for e in frame["view"]["events"] for k in e.get("known", ()))
                assert frame.get("staged", {"team": team})["team"] == team
                assert frame.get("orders", {"team": team})["team"] == team
                assert set(frame.get("submitted", ())) <= set(TEAMS)


async def test_the_observer_sees_public_news_and_who_has_submitted_but_no_view(host):
    observer = await within(Client.connect(host.url(), observer=True))
    blue = await join(host, "blue")
    assert observer.role == "observer" and observer.team is None and observer.update.view is None
    await within(blue.submit(scripted("blue", 1)))
    update = await within(observer.wait_for(lambda u: "blue" in u.submitted))
    assert update.connected == ("blue",) and update.humans == TEAMS and update.dyads and update.crisis
    assert all(not t.objectives and not t.briefing for t in observer.campaign.teams)
    for team in ("red", "green"):
        await within((await join(host, team)).submit(scripted(team, 1)))
    update = await within(observer.wait_for(lambda u: u.turn == 2))
    assert update.public and all(e.public for e in update.public)
    assert CODES["blue"] not in repr(update)


async def test_without_auto_adjudication_the_turn_waits_for_the_facilitator(tmp_path):
    from loopback import new_session

    from wargame.net.host import Host

    host = Host(new_session(tmp_path), codes=dict(CODES), auto_adjudicate=False)
    heard = []
    host.subscribe(heard.append)
    await within(host.start())
    try:
        clients = {team: await join(host, team) for team in TEAMS}
        for team, client in clients.items():
            await within(client.submit(scripted(team, 1)))
        status = host.status()
        assert status.turn == 1 and status.submitted == TEAMS and status.connected == TEAMS
        record = await within(host.adjudicate_now())
        assert record.number == 1
        for client in clients.values():
            assert (await within(client.wait_for(lambda u: u.turn == 2))).submitted == ()
        kinds = [e.kind for e in heard]
        assert kinds.count("joined") == 3 and kinds.count("submitted") == 3 and "adjudicated" in kinds
        assert not any(code in e.detail for e in heard for code in CODES.values())
    finally:
        await within(host.stop())
