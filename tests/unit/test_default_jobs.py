"""`simulate` uses the machine's cores by default once a study is big enough to pay for starting workers."""

import pytest

from wargame.executors import MAX_DEFAULT_JOBS, MIN_GAMES_FOR_WORKERS, default_jobs, usable_cores


@pytest.mark.parametrize(
    ("games", "cores", "jobs"),
    [
        (1, 2, 1),  # one game: no worker could help
        (MIN_GAMES_FOR_WORKERS - 1, 2, 1),  # starting workers costs more than it saves
        (MIN_GAMES_FOR_WORKERS, 2, 2),  # from here, one worker per core
        (1000, 2, 2),
        (1000, 1, 1),  # a single core: this process alone
        (1000, 64, MAX_DEFAULT_JOBS),  # a big machine: capped, each worker holds a campaign
        (1000, 0, 1),  # a machine that reports no cores still runs the games
    ],
)
def test_the_default_number_of_workers_follows_the_cores_and_the_size_of_the_study(games, cores, jobs):
    assert default_jobs(games, cores) == jobs


def test_the_usable_cores_are_at_least_one():
    assert usable_cores() >= 1
