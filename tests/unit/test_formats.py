"""Formats that last: every save format has a fixture, and older formats reach the current one by a chain of steps."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
import tomli_w

from wargame.core.replay import verify
from wargame.persistence import saves
from wargame.persistence.saves import FORMAT_VERSION, MIGRATIONS, MigrationError, checksum, load_save, migrate
from wargame.problems import ProblemsFound

FIXTURES = Path(__file__).resolve().parents[1] / "data" / "saves"
FIXTURE_FILES = sorted(FIXTURES.glob("v*.toml"))


def version_of(path: Path) -> int:
    return int(re.fullmatch(r"v(\d+)", path.stem)[1])


def test_there_is_a_fixture_save_for_every_format_this_wargame_reads():
    oldest = min(MIGRATIONS, default=FORMAT_VERSION)
    assert {version_of(p) for p in FIXTURE_FILES} >= set(range(oldest, FORMAT_VERSION + 1))


def test_the_migration_chain_has_no_gaps_and_ends_at_the_current_format():
    steps = sorted(MIGRATIONS)
    oldest = steps[0] if steps else FORMAT_VERSION
    assert steps == list(range(oldest, FORMAT_VERSION))
    assert oldest <= 1, "every format since 1 stays readable"
    assert all(callable(MIGRATIONS[v]) for v in steps)


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=[p.name for p in FIXTURE_FILES])
def test_every_fixture_save_loads_through_the_chain_and_replays_identically(path):
    written = tomllib.loads(path.read_text(encoding="utf-8"))
    assert written["format_version"] == version_of(path)
    loaded = load_save(str(path))
    save = loaded.save
    assert save.format_version == FORMAT_VERSION and save.turns
    assert verify(loaded.campaign.campaign, save.seed, save.turns, save.settings.turns) is None


# A hypothetical format 0, as an older wargame might have written it: the turn limit sat at the top
# level as `turn_limit`, bots were a list of "team=persona" strings, and each turn had `turn` for its number.
def to_v0(v1: dict) -> dict:
    old = {k: v for k, v in v1.items() if k not in ("settings", "checksum")}
    old["format_version"] = 0
    settings = v1["settings"]
    old["turn_limit"] = settings["turns"]
    old["bots"] = [f"{team}={persona}" for team, persona in settings.get("bots", {}).items()]
    old["turns"] = [{("turn" if k == "number" else k): v for k, v in t.items()} for t in v1.get("turns", [])]
    return old


def v0_to_v1(data: dict) -> dict:
    """The step as it would be written in saves.py: plain dicts in, plain dicts out, version bumped."""
    new = {k: v for k, v in data.items() if k not in ("turn_limit", "bots", "format_version")}
    bots = dict(entry.split("=", 1) for entry in data["bots"])
    new["settings"] = {"turns": data["turn_limit"], **({"bots": bots} if bots else {})}
    new["turns"] = [{("number" if k == "turn" else k): v for k, v in t.items()} for t in data["turns"]]
    new["format_version"] = 1
    return new


def write_signed(path: Path, data: dict) -> None:
    data = {k: v for k, v in data.items() if k != "checksum"}
    path.write_text(tomli_w.dumps({**data, "checksum": checksum(data)}, multiline_strings=True), encoding="utf-8")


def test_a_v0_save_is_migrated_to_the_same_game_and_verifies(tmp_path, monkeypatch):
    fixture = FIXTURES / "v1.toml"
    current = load_save(str(fixture)).save
    v0 = tmp_path / "old.toml"
    write_signed(v0, to_v0(tomllib.loads(fixture.read_text(encoding="utf-8"))))
    with pytest.raises(ProblemsFound, match="format 0 is too old to read"):
        load_save(str(v0))  # without the step, format 0 is refused with a message
    monkeypatch.setitem(MIGRATIONS, 0, v0_to_v1)
    loaded = load_save(str(v0))
    assert loaded.save == current
    assert verify(loaded.campaign.campaign, loaded.save.seed, loaded.save.turns, loaded.save.settings.turns) is None


def test_the_chain_runs_its_steps_in_order_and_each_bumps_the_version(monkeypatch):
    ran = []

    def step(n):
        def run(data):
            assert data["format_version"] == n
            ran.append(n)
            return {**data, "format_version": n + 1, "trail": [*data.get("trail", []), n]}
        return run

    monkeypatch.setattr(saves, "FORMAT_VERSION", 4)
    monkeypatch.setattr(saves, "MIGRATIONS", {3: step(3), 1: step(1), 2: step(2), 0: step(0)})
    original = {"format_version": 0}
    result = migrate("old.toml", original)
    assert ran == [0, 1, 2, 3] and result["trail"] == [0, 1, 2, 3] and result["format_version"] == 4
    assert original == {"format_version": 0}  # the steps returned new data
    assert migrate("old.toml", {"format_version": 2})["trail"] == [2, 3]


def test_a_step_that_forgets_to_bump_the_version_is_a_bug_reported_as_such(monkeypatch):
    monkeypatch.setitem(MIGRATIONS, 0, lambda data: dict(data))
    with pytest.raises(MigrationError, match="format 0 returned format 0, not 1"):
        migrate("old.toml", {"format_version": 0})


def test_a_step_that_cannot_read_the_old_data_refuses_the_file_with_a_message(monkeypatch):
    monkeypatch.setitem(MIGRATIONS, 0, v0_to_v1)
    with pytest.raises(ProblemsFound, match=r"old.toml: error: cannot be upgraded from format 0 to 1: KeyError"):
        migrate("old.toml", {"format_version": 0})


@pytest.mark.parametrize(
    "version, words",
    [(FORMAT_VERSION + 1, "newer wargame"), (-3, "too old to read"), ("1", "not a whole number"), (True, "not a whole number")],
)
def test_a_save_of_an_unknown_format_is_refused_with_a_message(tmp_path, version, words):
    path = tmp_path / "g.toml"
    data = tomllib.loads((FIXTURES / "v1.toml").read_text(encoding="utf-8"))
    data["format_version"] = version
    write_signed(path, data)
    with pytest.raises(ProblemsFound, match=words):
        load_save(str(path))
