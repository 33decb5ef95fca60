"""Which engine runs: the compiled `wargame.core` modules where they are installed and fresh, else the Python ones.

The build hook (`hatch_build.py`) may leave Cython-compiled copies of some core modules in
`wargame/_compiled/`, with a manifest of the SHA-256 of each `.py` source they were built from. A finder
placed first on `sys.meta_path` loads such a copy under its `wargame.core` name, but only while the
source's hash still matches: an edited rule in an editable install is never shadowed by an old build.
The `.py` modules are the reference; `WARGAME_ENGINE=python` forces them everywhere.

`core/` itself knows nothing of this, so it stays pure.
"""

from __future__ import annotations

# Only what the import system has loaded already: `import wargame` must stay cheap for every command and worker.
import importlib.machinery
import importlib.util
import os
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
COMPILED_DIR = PACKAGE / "_compiled"
CORE_DIR = PACKAGE / "core"
REBUILD = "rebuild with `pip install -e .` (or reinstall wargame)"
CHOICES = ("auto", "python")
# This interpreter's suffix for extension modules (sysconfig's EXT_SUFFIX, which the build names them with).
SUFFIX = importlib.machinery.EXTENSION_SUFFIXES[0]


class EngineStatus(tuple):
    """What the finder decided: which modules run compiled, which compiled ones it refused, and why.

    A plain tuple rather than an attrs class: this module is imported with `wargame`, before attrs is needed.
    """

    def __new__(cls, compiled: tuple[str, ...] = (), stale: tuple[str, ...] = (), installed: int = 0, reason: str = ""):
        return super().__new__(cls, (compiled, stale, installed, reason))

    compiled = property(lambda self: self[0])
    stale = property(lambda self: self[1])
    installed = property(lambda self: self[2])
    reason = property(lambda self: self[3])

    @property
    def engine(self) -> str:
        return "compiled" if self.compiled else "Python"

    def __repr__(self) -> str:
        return f"EngineStatus(compiled={self.compiled!r}, stale={self.stale!r}, installed={self.installed!r}, reason={self.reason!r})"


def _manifest() -> dict | None:
    import json

    try:
        return json.loads((COMPILED_DIR / "manifest.json").read_text())
    except (OSError, ValueError):
        return None


def _source_hash(name: str) -> str | None:
    import hashlib

    try:
        return hashlib.sha256((CORE_DIR / f"{name}.py").read_bytes()).hexdigest()
    except OSError:
        return None


def decide(environ=os.environ) -> EngineStatus:
    """Compare the build's manifest with today's sources (one hash of each compiled module's source)."""
    manifest = _manifest()
    if manifest is None:
        return EngineStatus()
    built = manifest.get("modules") or {}
    wanted = environ.get("WARGAME_ENGINE", "").strip().lower() or "auto"
    if wanted == "python":
        return EngineStatus(installed=len(built), reason="WARGAME_ENGINE=python")
    suffix = SUFFIX
    if manifest.get("ext_suffix") != suffix:
        return EngineStatus(installed=len(built), reason=f"the compiled modules were built for another Python: {REBUILD}")
    fresh, stale = [], []
    for name, digest in sorted(built.items()):
        usable = _source_hash(name) == digest and (COMPILED_DIR / f"{name}{suffix}").is_file()
        (fresh if usable else stale).append(name)
    reason = ""
    if stale:
        reason = f"{', '.join(stale)} changed since the build, so {'they run' if len(stale) > 1 else 'it runs'} as Python: {REBUILD}"
    if wanted not in CHOICES:
        reason = "; ".join(filter(None, [reason, f"WARGAME_ENGINE={wanted!r} is not one of {', '.join(CHOICES)}; ignored"]))
    return EngineStatus(compiled=tuple(fresh), stale=tuple(stale), installed=len(built), reason=reason)


class CompiledCoreFinder:
    """Finds `wargame.core.NAME` in `_compiled/` when NAME is a fresh compiled module; else lets the normal finders look."""

    def __init__(self) -> None:
        self._status: EngineStatus | None = None

    @property
    def status(self) -> EngineStatus:
        # Decided at the first core import, not at `import wargame`, so commands that never touch the engine pay nothing.
        if self._status is None:
            self._status = decide()
        return self._status

    def find_spec(self, fullname: str, path=None, target=None):
        package, _, name = fullname.rpartition(".")
        if package != "wargame.core" or name not in self.status.compiled:
            return None
        location = str(COMPILED_DIR / f"{name}{SUFFIX}")
        loader = importlib.machinery.ExtensionFileLoader(fullname, location)
        return importlib.util.spec_from_file_location(fullname, location, loader=loader)

    def invalidate_caches(self) -> None:
        pass


_FINDER = CompiledCoreFinder()


def install() -> None:
    """Put the finder first on `sys.meta_path` (once); only a compiled build leaves anything for it to find."""
    if COMPILED_DIR.is_dir() and _FINDER not in sys.meta_path:
        sys.meta_path.insert(0, _FINDER)


def status() -> EngineStatus:
    return _FINDER.status


def describe(version: str) -> str:
    """One line for `wargame --version`: which engine runs and, when compiled modules are left unused, why."""
    s = status()
    if s.compiled:
        text = f"engine {version} (compiled: {len(s.compiled)} module{'s' if len(s.compiled) != 1 else ''}"
        return text + (f"; {s.reason})" if s.reason else ")")
    if s.installed:
        return f"engine {version} (Python: {s.installed} compiled modules installed but not used: {s.reason})"
    return f"engine {version} (Python)"


def version_action(version: str):
    """The argparse action of `--version`: the package's version, then which engine runs (decided only when asked)."""
    import argparse

    class VersionAction(argparse.Action):
        def __init__(self, option_strings, dest, **kwargs) -> None:
            super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS,
                             help="show the version and which engine (compiled or Python) runs, then exit")

        def __call__(self, parser, namespace, values, option_string=None) -> None:
            print(f"wargame {version}\n{describe(version)}")
            parser.exit()

    return VersionAction
