"""Fixtures for network play: a host of the tutorial on a free loopback port."""

from __future__ import annotations

from pathlib import Path

import pytest
from loopback import CODES, new_session, within

from wargame.net.host import Host


@pytest.fixture
async def host(tmp_path: Path):
    """A host of the tutorial (all three teams human) listening on a free loopback port."""
    hosted = Host(new_session(tmp_path), codes=dict(CODES))
    await within(hosted.start("127.0.0.1", 0))
    yield hosted
    await within(hosted.stop(), 15)
