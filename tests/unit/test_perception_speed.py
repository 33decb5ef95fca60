"""Belief formation's shortcuts for speed give exactly what the plain rules give.

The events of whole games are pinned by the golden corpus (`tests/engine_corpus.py`); these check the
rest: `form(..., explain=False)` leaves out the notes and nothing else (every roll drawn alike), and the
believed-state readers agree with their plain definitions, for the states of bot-played games of every
bundled campaign that keeps beliefs.
"""

import random

import attrs
import pytest

from tests import engine_corpus
from wargame.campaign.loader import load_campaign
from wargame.core import events as ev
from wargame.core import perception
from wargame.core.model import dyad_key
from wargame.core.simulation import play_out, run_seed

BELIEVING = [
    path for path in engine_corpus.campaign_files() if perception.active(load_campaign(str(path)).campaign)
]


def _ids(path) -> str:
    return str(path.relative_to(engine_corpus.ROOT))


@pytest.fixture(scope="module", params=BELIEVING, ids=_ids)
def played(request):
    """A campaign and every call `form` got and every state the bots read in two bot-played games of it."""
    campaign = load_campaign(str(request.param)).campaign
    forms, reads = [], []
    form, read_state = perception.form, perception.read_state
    mp = pytest.MonkeyPatch()
    mp.setattr(perception, "form", lambda *args, **kw: forms.append(args) or form(*args, **kw))
    from wargame.core import bots

    mp.setattr(bots, "read_state", lambda *args: reads.append(args) or read_state(*args))
    try:
        for game in range(2):
            play_out(campaign, run_seed(3, game), {t.id: t.persona for t in campaign.teams})
    finally:
        mp.undo()
    assert forms and reads
    return campaign, forms, reads


class _Counted(random.Random):
    """A stream that keeps every number it draws."""

    def __init__(self, source: random.Random):
        super().__init__()
        self.setstate(source.getstate())
        self.drawn: list[float] = []

    def random(self) -> float:
        value = super().random()
        self.drawn.append(value)
        return value


def _form(campaign, start, end, events, intelligence, rng_for, explain: bool):
    streams: dict[str, _Counted] = {}

    def counted(team: str) -> random.Random:
        streams[team] = _Counted(rng_for(team))
        return streams[team]

    formed = perception.form(campaign, start, end, events, intelligence, counted, explain=explain)
    return formed, {team: s.drawn for team, s in streams.items()}


def test_forming_beliefs_without_explaining_leaves_out_the_notes_and_nothing_else_and_draws_the_same_rolls(played):
    campaign, forms, _ = played
    for _, start, end, events, intelligence, rng_for in forms:
        explained, rolls = _form(campaign, start, end, events, intelligence, rng_for, explain=True)
        silent, same_rolls = _form(campaign, start, end, events, intelligence, rng_for, explain=False)
        assert same_rolls == rolls and any(rolls.values())
        assert all(e.notes == () for e in silent)
        assert [attrs.evolve(e, notes=()) for e in explained] == silent
        assert repr([attrs.evolve(e, notes=()) for e in explained]) == repr(silent)


def test_the_games_checked_have_notes_to_leave_out():
    notes = 0
    for path in BELIEVING:
        campaign = load_campaign(str(path)).campaign
        record: list = []
        play_out(campaign, run_seed(3, 0), {t.id: t.persona for t in campaign.teams}, record=record)
        notes += sum(len(e.notes) for turn in record for e in turn.events if isinstance(e, ev.BeliefsFormed))
    assert notes


# The readers as the rules define them (the plain code they replaced).


def _plain_rung_beliefs(campaign, state, team):
    formed = state.beliefs.get(team)
    if formed is None:
        return {key: (index, 0) for key, index in state.rungs.items()}
    return {dyad_key(d.dyad[0], d.dyad[1]): (campaign.rung_index(d.rung), d.spread) for d in formed.dyads}


def _plain_believed_state(campaign, state, team):
    if team not in state.beliefs:
        return state
    formed = state.beliefs[team]
    rungs = {dyad_key(d.dyad[0], d.dyad[1]): campaign.rung_index(d.rung) for d in formed.dyads}
    tracks = {who: dict(values) for who, values in state.tracks.items()}
    for e in formed.tracks:
        if e.team in tracks:
            tracks[e.team][e.track] = e.value
    return attrs.evolve(state, rungs=rungs, tracks=tracks)


def _plain_read_state(campaign, state, team, reading):
    believed = _plain_believed_state(campaign, state, team)
    if reading == "estimate" or believed is state:
        return believed
    sign = 1 if reading == "worst" else -1
    top = len(campaign.rungs) - 1
    formed = state.beliefs[team]
    rungs = dict(believed.rungs)
    for d in formed.dyads:
        if d.spread and team in d.dyad:
            key = dyad_key(d.dyad[0], d.dyad[1])
            rungs[key] = min(top, max(0, rungs[key] + sign * d.spread))
    tracks = {who: dict(values) for who, values in believed.tracks.items()}
    for e in formed.tracks:
        if e.track in perception.THREAT_TRACKS and e.error and e.team in tracks:
            low, high = campaign.track_bounds(e.track)
            tracks[e.team][e.track] = round(min(high, max(low, e.value + sign * e.error)), 2)
    return attrs.evolve(believed, rungs=rungs, tracks=tracks)


def _same(a, b) -> bool:
    """Equal, and alike to the last float and key order (what a repr shows)."""
    return a == b and repr(a) == repr(b)


def test_the_believed_state_readers_give_what_their_plain_definitions_give(played):
    campaign, _, reads = played
    for _, state, team, _ in reads:
        assert _same(perception.rung_beliefs(campaign, state, team), _plain_rung_beliefs(campaign, state, team))
        assert _same(perception.believed_state(campaign, state, team), _plain_believed_state(campaign, state, team))
        for reading in perception.READINGS:
            assert _same(perception.read_state(campaign, state, team, reading),
                         _plain_read_state(campaign, state, team, reading))


def test_a_believed_state_never_changes_the_state_it_was_read_from(played):
    campaign, _, reads = played
    for _, state, team, _ in reads:
        before = repr(state)
        for reading in perception.READINGS:
            read = perception.read_state(campaign, state, team, reading)
            if read is state:  # no beliefs formed yet: the state itself
                continue
            read.rungs.clear()  # a reader's dicts are its own where they differ from the state's
            for values in read.tracks.values():
                if not any(values is v for v in state.tracks.values()):
                    values.clear()
        assert repr(state) == before
