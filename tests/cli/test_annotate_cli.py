"""`wargame annotate`: the white cell notes what the room said on a turn or an event; the notes live in the
save without changing what `replay --verify` re-adjudicates, and reach a team's report only when shared."""

from __future__ import annotations

import pytest

from wargame.persistence.saves import load_save


def test_a_note_is_added_listed_reported_and_deleted_and_the_save_still_verifies(wargame, own_save):
    added = wargame("annotate", own_save, "--turn", "2", "--event", "1", "The room read it as a bluff.")
    assert added.code == 0 and "noted on turn 2, event 1 (white cell only)" in added.out, str(added)
    shared = wargame("annotate", own_save, "--turn", "3", "--share", "Blue said it never meant to escalate.")
    assert shared.code == 0, str(shared)
    listed = wargame("annotate", own_save, "--list")
    assert listed.out.splitlines() == [
        "1. turn 2, event 1: The room read it as a bluff.",
        "2. turn 3 (shared): Blue said it never meant to escalate.",
    ]
    assert wargame("replay", own_save, "--verify").code == 0
    white = wargame("report", own_save).out
    assert "The room read it as a bluff." in white and "Blue said it never meant to escalate." in white
    red = wargame("report", own_save, "--team", "red").out
    assert "The room read it as a bluff." not in red and "Blue said it never meant to escalate." in red
    deleted = wargame("annotate", own_save, "--delete", "1")
    assert deleted.code == 0 and "deleted note 1 (turn 2)" in deleted.out
    assert [n.text for n in load_save(str(own_save)).save.annotations] == ["Blue said it never meant to escalate."]


def test_without_a_note_the_turns_events_are_listed_numbered_as_event_takes_them(wargame, played):
    result = wargame("annotate", played, "--turn", "1")
    assert result.code == 0 and result.out.startswith("  1. "), str(result)
    assert "--event K" in result.err


@pytest.mark.parametrize("args, code, message", [
    (("--turn", "99", "late"), 1, "no turn 99 to annotate"),
    (("--turn", "1", "--event", "999", "x"), 1, "no event 999"),
    (("--turn", "1", "   "), 1, "the note is empty"),
    (("--delete", "3"), 1, "no note 3 to delete"),
    (("nowhere",), 2, "say which turn with --turn N"),
    (("--list", "x"), 2, "one at a time"),
])
def test_a_bad_note_is_refused_with_a_message_and_the_save_is_untouched(wargame, own_save, args, code, message):
    before = own_save.read_bytes()
    result = wargame("annotate", own_save, *args)
    assert result.code == code and message in result.err and "Traceback" not in result.err, str(result)
    assert own_save.read_bytes() == before


def test_a_fork_keeps_the_notes_on_the_turns_it_shares_with_its_parent_and_drops_the_later_ones(wargame, own_save, tmp_path):
    assert wargame("annotate", own_save, "--turn", "1", "Both sides probed.").code == 0
    assert wargame("annotate", own_save, "--turn", "3", "Red blinked.").code == 0
    fork = tmp_path / "fork.toml"
    forked = wargame("run", "--from", own_save, "--turn", "3", "--save", fork)
    assert forked.code == 0, str(forked)
    assert [n.text for n in load_save(str(fork)).save.annotations] == ["Both sides probed."]
