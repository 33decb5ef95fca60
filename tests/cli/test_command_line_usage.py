"""Usage errors and help as a newcomer meets them: the mistyped command's own usage, and every flag explained."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "args, command, complaint",
    [
        (("run",), "run", "the following arguments are required: --save"),
        (("validate", "x.toml", "--bogus"), "validate", "unrecognized arguments: --bogus"),
        (("simulate", "x.toml", "--runs", "many"), "simulate", "argument --runs: invalid int value: 'many'"),
        (("--bogus",), "", "unrecognized arguments: --bogus"),
    ],
)
def test_a_usage_error_shows_the_usage_of_the_command_that_was_mistyped(wargame, args, command, complaint):
    prog = f"wargame {command}".strip()
    result = wargame(*args)
    assert result.code == 2, str(result)
    lines = result.err.splitlines()
    assert lines[0].startswith(f"usage: {prog} "), str(result)
    assert f"{prog}: error: {complaint}" in result.err
    assert lines[-1] == f"Try '{prog} --help'."


def test_the_seed_of_simulate_says_what_it_does_like_every_other_seed(wargame):
    result = wargame("simulate", "--help")
    assert "the same seed gives the same figures" in " ".join(result.out.split())
