"""The white cell's notes on a saved game: add, list and delete them (`wargame annotate`), and the ones a
report's viewer may read.

Notes live in the save's own `annotations` section, beside the record: the rules never read them, so
`replay --verify` re-adjudicates the same game with or without them. Writing a note rewrites the save
atomically with its checksum recomputed, and keeps no backup of its own (a note must not push good
turns out of the backups).
"""

from __future__ import annotations

import attrs

from ..core.views import FACILITATOR, visible
from ..problems import Problem, ProblemsFound
from .saves import MAX_ANNOTATION_CHARS, MAX_ANNOTATIONS, Annotation, LoadedSave, SaveFile, load_save, write_save


def checked(save: SaveFile, path: str, turn: int, text: str, event: int = 0, in_progress: bool = False) -> Annotation | None:
    """Problems with a note to add, as ProblemsFound naming `path`; a note of the turn in progress only when
    `in_progress` (during play)."""
    last = len(save.turns) + (1 if in_progress else 0)
    problems = []
    if not save.turns and not in_progress:
        problems.append(Problem(path, "no turn has been played yet; annotate a turn once it is played"))
    elif not 1 <= turn <= last:
        problems.append(Problem(path, f"this game has turns 1 to {last}; no turn {turn} to annotate"))
    elif event and not 1 <= event <= (len(save.turns[turn - 1].events) if turn <= len(save.turns) else 0):
        count = len(save.turns[turn - 1].events) if turn <= len(save.turns) else 0
        problems.append(Problem(path, f"turn {turn} has events 1 to {count}; no event {event} (`wargame annotate {path} --turn {turn}` lists them numbered)"))
    text = " ".join(text.split())
    if not text:
        problems.append(Problem(path, "the note is empty; write what the room said"))
    elif len(text) > MAX_ANNOTATION_CHARS:
        problems.append(Problem(path, f"the note is {len(text):,} characters; keep it to {MAX_ANNOTATION_CHARS}"))
    if len(save.annotations) >= MAX_ANNOTATIONS:
        problems.append(Problem(path, f"the save holds {MAX_ANNOTATIONS} notes already, the most it may"))
    if problems:
        raise ProblemsFound(problems)
    return None


def add(path: str, turn: int, text: str, event: int = 0, shared: bool = False) -> Annotation:
    """Add a note to the save at `path` and write it back."""
    loaded = load_save(path)
    checked(loaded.save, path, turn, text, event)
    note = Annotation(turn=turn, text=" ".join(text.split()), event=event, shared=shared)
    _write(path, loaded, loaded.save.annotations + (note,))
    return note


def add_to(save: SaveFile, where: str, turn: int, text: str, event: int = 0, shared: bool = False) -> SaveFile:
    """`save` with a note on `turn`, which may be the turn in play (a game going on is annotated as it goes)."""
    checked(save, where, turn, text, event, in_progress=True)
    note = Annotation(turn=turn, text=" ".join(text.split()), event=event, shared=shared)
    return attrs.evolve(save, annotations=save.annotations + (note,))


def delete(path: str, number: int) -> Annotation:
    """Delete note `number` (from 1, as `listing` numbers them) and write the save back."""
    loaded = load_save(path)
    notes = loaded.save.annotations
    if not 1 <= number <= len(notes):
        have = f"notes 1 to {len(notes)}" if notes else "no notes"
        raise ProblemsFound([Problem(path, f"the save has {have}; no note {number} to delete (see --list)")])
    _write(path, loaded, notes[: number - 1] + notes[number:])
    return notes[number - 1]


def _write(path: str, loaded: LoadedSave, notes: tuple[Annotation, ...]) -> None:
    try:
        write_save(path, attrs.evolve(loaded.save, annotations=notes), rotate=False)
    except OSError as exc:
        raise ProblemsFound([Problem(path, f"cannot write: {exc.strerror or exc}")]) from None


def line(number: int, note: Annotation) -> str:
    """A note as `--list` prints it: `2. turn 3, event 4 (shared): text`."""
    where = f"turn {note.turn}" + (f", event {note.event}" if note.event else "")
    return f"{number}. {where}{' (shared)' if note.shared else ''}: {note.text}"


def for_report(save: SaveFile, viewer: str, written: dict[int, list[dict]]) -> list[dict]:
    """The notes `viewer` may read (the white cell all, a team the shared ones), each with the sentence
    of the event it is on as the viewer learnt it (`written`: the report's events by turn); "" when the
    note is on the whole turn, or on an event the viewer did not see."""
    out = []
    for note in save.annotations:
        if viewer != FACILITATOR and not note.shared:
            continue
        about = ""
        if note.event and note.turn <= len(save.turns):
            events = save.turns[note.turn - 1].events
            truth = events[note.event - 1]
            if visible(truth, viewer):
                position = sum(visible(e, viewer) for e in events[: note.event - 1])
                shown = written.get(note.turn, [])
                about = shown[position]["text"] if position < len(shown) else ""
        out.append({"turn": note.turn, "event": note.event, "text": note.text, "shared": note.shared, "about": about})
    return out
