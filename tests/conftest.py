"""Fixtures for the whole suite: the game's default save folder is a temporary one during tests.

The game saves to `saves/` under the working folder unless WARGAME_SAVE_DIR is set, and
`saves/` in the repository holds the demo saves the tests verify: a test (or a command line
run by a test) that saved there would leave files behind that later runs would trip on.
"""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
"""The repository: tests find campaigns and saves from here, whatever the working folder."""


@pytest.fixture(autouse=True)
def _saves_go_to_a_temporary_folder(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """WARGAME_SAVE_DIR, inherited by every command line a test runs, points to a fresh folder."""
    folder = tmp_path_factory.mktemp("default-saves")
    monkeypatch.setenv("WARGAME_SAVE_DIR", str(folder))
    return folder
