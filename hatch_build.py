"""Build hook: compile the engine's hot modules with Cython when Cython and a C compiler are at hand.

The compiled modules go to `wargame/_compiled/` (beside the package for an editable install, into the
wheel for a normal build) together with `manifest.json`, which records the SHA-256 of each `.py` source
they were built from. `wargame.engine_choice` loads a compiled module under its `wargame.core` name only
while its source still has that hash, so the `.py` rules stay the reference and an edited rule is never
shadowed by an old build.

Compiling is optional: without Cython, without a compiler, when anything fails, or with
`WARGAME_PURE_BUILD=1`, the build says so in one line on stderr and the package is pure Python.
"""

from __future__ import annotations

import concurrent.futures
import hashlib
import json
import os
import shlex
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

# The modules a turn spends its time in (perf.md §3: adjudicator, bots, rules, effects, the mechanisms the
# adjudicator calls, and the game loop). Modules that only load, explain or report stay interpreted:
# compiling them costs build time and gains nothing measurable.
COMPILED_MODULES = (
    "adjudicator", "alliances", "arguments", "bots", "declarations", "escalation", "perception", "rules",
    "simulation", "spillover", "state", "third_parties",
)
CORE = Path("wargame") / "core"
OUTPUT = Path("wargame") / "_compiled"
# Cython 3 defaults, except: binding=True keeps functions introspectable like Python's (attrs and the tests
# read signatures), annotation_typing=False keeps an `x: float` parameter from turning an int into a float
# (mypyc's breakage in perf.md), so the compiled engine computes exactly what the Python one does.
DIRECTIVES = ("language_level=3", "binding=True", "annotation_typing=False")
C_FLAGS = ("-O2", "-fPIC", "-fwrapv", "-fno-strict-aliasing", "-DNDEBUG", "-w")


def source_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _compiler() -> list[str]:
    return shlex.split(os.environ.get("CC") or sysconfig.get_config_var("CC") or "cc")


def _probe_compiler(work: Path) -> None:
    """Fail in a fraction of a second, before Cython's minute of work, when no compiler can build against Python.h."""
    compiler = _compiler()
    if not compiler or shutil.which(compiler[0]) is None:
        raise RuntimeError(f"no C compiler: {compiler[0] if compiler else 'CC is empty'} not found")
    probe = work / "probe.c"
    probe.write_text("#include <Python.h>\nint wargame_probe(void) { return 0; }\n")
    include = sysconfig.get_paths()["include"]
    subprocess.run([*compiler, *C_FLAGS, "-c", f"-I{include}", str(probe), "-o", str(work / "probe.o")],
                   check=True, capture_output=True, text=True)


def _compile_one(root: Path, name: str, work: Path, out: Path) -> None:
    """Cython to C, then C to an extension module named for this interpreter."""
    source = root / CORE / f"{name}.py"
    c_file = work / f"{name}.c"
    directives = [arg for d in DIRECTIVES for arg in ("-X", d)]
    subprocess.run(
        [sys.executable, "-m", "cython", "-3", "--module-name", f"wargame.core.{name}", *directives,
         "-o", str(c_file), str(source)],
        check=True, capture_output=True, text=True,
    )
    compiler = _compiler()
    include = sysconfig.get_paths()["include"]
    target = out / f"{name}{sysconfig.get_config_var('EXT_SUFFIX')}"
    subprocess.run(
        [*compiler, *C_FLAGS, "-shared", f"-I{include}", str(c_file), "-o", str(target)],
        check=True, capture_output=True, text=True,
    )


def compile_engine(root: Path, out: Path, jobs: int = 2) -> dict:
    """Compile COMPILED_MODULES into `out` and write its manifest; returns the manifest. Raises on failure."""
    import Cython  # noqa: F401  (fail early, with a clear reason, when Cython is missing)

    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="wargame-cython-") as work:
        _probe_compiler(Path(work))
        with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
            futures = [pool.submit(_compile_one, root, name, Path(work), out) for name in COMPILED_MODULES]
            for future in futures:
                future.result()
    manifest = {
        "ext_suffix": sysconfig.get_config_var("EXT_SUFFIX"),
        "cython": Cython.__version__,
        "modules": {name: source_hash(root / CORE / f"{name}.py") for name in COMPILED_MODULES},
    }
    (out / "manifest.json").write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n")
    return manifest


def _is_current(root: Path, out: Path) -> bool:
    """True when `out` already holds this interpreter's build of today's sources (a re-install skips compiling)."""
    try:
        manifest = json.loads((out / "manifest.json").read_text())
    except (OSError, ValueError):
        return False
    suffix = sysconfig.get_config_var("EXT_SUFFIX")
    return manifest.get("ext_suffix") == suffix and manifest.get("modules") == {
        name: source_hash(root / CORE / f"{name}.py") for name in COMPILED_MODULES
    } and all((out / f"{name}{suffix}").exists() for name in COMPILED_MODULES)


def _why(error: BaseException) -> str:
    if isinstance(error, subprocess.CalledProcessError):
        lines = (error.stderr or error.stdout or "").strip().splitlines()
        return f"{Path(str(error.cmd[0])).name} failed: {lines[-1] if lines else 'no output'}"
    if isinstance(error, ImportError):
        return "Cython is not installed"
    if isinstance(error, RuntimeError):
        return str(error)
    return f"{type(error).__name__}: {error}"


class CompiledEngineHook(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict) -> None:
        if self.target_name != "wheel":
            return
        root = Path(self.root)
        in_tree = root / OUTPUT
        if os.environ.get("WARGAME_PURE_BUILD") == "1":
            # An editable install must not keep using modules compiled by an earlier install.
            shutil.rmtree(in_tree, ignore_errors=True)
            print("wargame: WARGAME_PURE_BUILD=1: building the pure-Python engine", file=sys.stderr)
            return
        editable = version == "editable"
        out = in_tree if editable else Path(tempfile.mkdtemp(prefix="wargame-compiled-"))
        try:
            if editable and not _is_current(root, out):
                # Built aside, then moved in: a game running from the old modules keeps its mapped files intact.
                with tempfile.TemporaryDirectory(prefix=".wargame-compiled-", dir=root / "wargame") as fresh:
                    compile_engine(root, Path(fresh))
                    out.mkdir(exist_ok=True)
                    for path in sorted(Path(fresh).iterdir(), key=lambda p: p.name == "manifest.json"):
                        os.replace(path, out / path.name)
            elif not editable:
                compile_engine(root, out)
        except Exception as error:  # any failure means: ship the pure-Python engine, which is the reference
            shutil.rmtree(out, ignore_errors=True)
            print(f"wargame: building the pure-Python engine ({_why(error)})", file=sys.stderr)
            return
        if not editable:
            self._built = out
            for path in out.iterdir():
                build_data["force_include"][str(path)] = f"{OUTPUT.as_posix()}/{path.name}"
            build_data["pure_python"] = False
            build_data["infer_tag"] = True

    def finalize(self, version: str, build_data: dict, artifact_path: str) -> None:
        built = getattr(self, "_built", None)
        if built is not None:
            shutil.rmtree(built, ignore_errors=True)
