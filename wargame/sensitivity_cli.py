"""`wargame simulate --vary/--ablate/--scheduler`: the command-line side of a sensitivity study."""

from __future__ import annotations

import sys
from pathlib import Path

from .output_file import deliver
from .problems import Problem, ProblemsFound

EXTENSIONS = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".json": "json"}


class StudyUsage(ValueError):
    """A flag the study cannot use (exit 2); the message says what to write instead."""


def output_format(fmt: str | None, output: str | None, json_flag: bool = False) -> str:
    """The format asked for, or the one the -o file's extension names (md on stdout without either)."""
    if json_flag:
        if fmt not in (None, "json"):
            raise StudyUsage(f"wargame simulate: --json and --format {fmt} disagree; give one of them")
        fmt = "json"
    if not output:
        return fmt or "md"
    if Path(output).is_dir():
        raise ProblemsFound([Problem(output, f"is a folder; give the study a file name, such as {Path(output) / 'study.html'}")])
    named = EXTENSIONS.get(Path(output).suffix.lower())
    if fmt is None:
        if named is None:
            raise StudyUsage(
                f"wargame simulate: cannot tell the format from -o {output}; name the file .md, .html or .json, or give --format md, html or json"
            )
        return named
    if named is not None and named != fmt:
        raise StudyUsage(f"wargame simulate: --format {fmt} does not match -o {output}; leave out --format (the extension decides), or name the file .{fmt}")
    return fmt


def run_study(args, loaded, personas: dict[str, str]) -> int:
    """Plan the cells, play them, and write the study in the format asked for."""
    import json

    from .sensitivity import StudyError, plan_cells, study
    from .sensitivity_report import to_html, to_markdown

    fmt = output_format(args.format, args.output, args.json)
    try:
        cells = plan_cells(loaded, args.vary, args.ablate)
    except StudyError as exc:
        raise StudyUsage(f"wargame simulate: {exc}") from None
    result = study(
        loaded, cells, personas, args.runs, args.seed, args.jobs, progress=sys.stderr.isatty(),
        settings=tuple(args.settings), scheduler=args.scheduler,
    )
    if fmt == "json":
        text = json.dumps(result, indent=2, ensure_ascii=False) + "\n"
    elif fmt == "html":
        text = to_html(result)
    else:
        text = to_markdown(result)
    deliver(text, args.output, fmt)
    return 0


def check_flags(args) -> None:
    """Usage errors of the study's flags, before a game is played."""
    if args.scheduler:
        from .executors import SchedulerError, check_scheduler

        try:
            check_scheduler(args.scheduler)
        except SchedulerError as exc:
            raise StudyUsage(f"wargame simulate: {exc}") from None
    if args.vary or args.ablate:
        if args.personas or args.save_game or args.games_csv:
            raise StudyUsage("wargame simulate: --vary and --ablate play one set of bots on the same seeds; leave out --personas, --save-game and --games")
        output_format(args.format, args.output, args.json)

