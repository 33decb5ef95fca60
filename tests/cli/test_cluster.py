"""Issue 17 item 6: `simulate --scheduler` runs the games on Dask workers and gives the very figures of a local run."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("distributed", reason="Dask distributed is not installed (pip install 'wargame[cluster]')")

TUTORIAL = str(Path(__file__).resolve().parents[2] / "campaigns" / "tutorial.toml")


def simulate(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "wargame", "simulate", TUTORIAL, "--seed", "4", *args],
        capture_output=True, text=True, timeout=180,
    )


@pytest.mark.parametrize(
    "flags",
    [("--runs", "60", "--json"), ("--runs", "40", "--format", "json", "--ablate", "channels", "--vary", "rules.accident_per_rung=0.01:0.09")],
    ids=["simulation", "study"],
)
def test_a_local_dask_cluster_of_two_workers_gives_the_same_json_as_local_processes(flags):
    local = simulate(*flags, "--jobs", "2")
    cluster = simulate(*flags, "--scheduler", "local:2")
    assert local.returncode == 0 and cluster.returncode == 0, cluster.stderr
    assert cluster.stdout == local.stdout
