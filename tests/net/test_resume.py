"""A resumed host: the codes it gave before still work and are never printed again; fresh codes on request;
a finished game is not hosted again."""

from __future__ import annotations

import pytest
from loopback import CODES, TEAMS, join, new_session, scripted, within

from wargame.net.client import Client, JoinError
from wargame.net.host import Host, HostError


async def test_a_resumed_host_accepts_the_old_codes_and_prints_lines_without_them(host):
    blue = await join(host, "blue")
    await within(blue.submit(scripted("blue", 1)))
    await within(host.stop())
    await within(blue.wait_closed())
    assert blue.close_code == 1001 and "can be resumed" in blue.close_reason

    resumed = Host.resume(host.session.path)
    assert resumed.codes == {}
    await within(resumed.start())
    try:
        assert resumed.join_lines("127.0.0.1") == [f"wargame join {resumed.url()} --team {t}" for t in TEAMS]
        again = await join(resumed, "blue")
        assert again.update.submitted == ("blue",) and again.update.orders == scripted("blue", 1)
    finally:
        await within(resumed.stop())


async def test_new_codes_on_resume_shut_out_the_old_ones(host):
    await within(host.stop())
    resumed = Host.resume(host.session.path, new_codes=True)
    assert set(resumed.codes) == set(TEAMS) and not set(resumed.codes.values()) & set(CODES.values())
    await within(resumed.start())
    try:
        with pytest.raises(JoinError, match="wrong code for blue"):
            await within(Client.connect(resumed.url(), "blue", CODES["blue"]))
        blue = await within(Client.connect(resumed.url(), "blue", resumed.codes["blue"]))
        assert blue.team == "blue"
        assert f"--code {resumed.codes['red']}" in resumed.join_lines()[1]
    finally:
        await within(resumed.stop())


def test_a_finished_game_is_not_hosted_again(tmp_path):
    session = new_session(tmp_path)
    while not session.ended:
        session.commit()
    with pytest.raises(HostError, match="the game is over"):
        Host.resume(session.path)


def test_a_game_without_human_teams_cannot_be_hosted(tmp_path):
    with pytest.raises(HostError, match="every team is played by a bot"):
        Host(new_session(tmp_path, humans=(), bots={t: "dove" for t in TEAMS}))
