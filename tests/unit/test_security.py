"""Nobody where they don't belong: the facilitator passphrase is kept only as a salted hash, and nothing in a
campaign or a save can run code."""

from __future__ import annotations

import ast
import hmac
import itertools
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wargame.campaign.loader import load_campaign, parse_campaign
from wargame.core.orders import FreeformOrder, MessageOrder, TeamOrders
from wargame.passphrase import check_passphrase, hash_passphrase
from wargame.persistence.saves import load_save
from wargame.session import Session

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "wargame"
TUTORIAL = load_campaign(str(ROOT / "campaigns" / "tutorial.toml"))
GAMES = itertools.count()
HASHED = re.compile(r"^scrypt\$[0-9a-f]{32}\$[0-9a-f]{64}$")


# -- the facilitator passphrase ---------------------------------------------------------------------
@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(passphrase=st.text(st.characters(min_codepoint=33, max_codepoint=0x2FFF, exclude_categories=["Cs"]), min_size=6, max_size=24))
def test_a_save_and_its_backups_never_hold_the_facilitator_passphrase_only_its_salted_scrypt_hash(tmp_path, passphrase):
    # Fenced so that a phrase that happens to be ordinary campaign text (say "Inject") cannot match by chance.
    passphrase = f"\u2691{passphrase}\u2691"
    path = tmp_path / f"g{next(GAMES)}.toml"
    session = Session.start(TUTORIAL, 1, path=str(path), passphrase=passphrase)
    session.submit_bots()
    session.commit()
    stored = load_save(str(path)).save.settings.passphrase
    assert HASHED.match(stored) and check_passphrase(passphrase, stored)
    for written in [path, *tmp_path.glob(f"{path.name}.bak*")]:
        text = written.read_text(encoding="utf-8")
        assert passphrase not in text and json.dumps(passphrase)[1:-1] not in text
        assert passphrase.encode("utf-8").hex() not in text


def test_the_same_passphrase_hashes_differently_each_time_and_both_hashes_check():
    a, b = hash_passphrase("white cell"), hash_passphrase("white cell")
    assert a != b and HASHED.match(a) and HASHED.match(b)
    assert check_passphrase("white cell", a) and check_passphrase("white cell", b)


@pytest.mark.parametrize("attempt", ["", "white", "white cel", "white cell ", "White cell", "white cell\n", "xwhite cell"])
def test_only_the_exact_passphrase_opens_the_facilitator_console(attempt):
    stored = hash_passphrase("white cell")
    assert check_passphrase("white cell", stored)
    assert not check_passphrase(attempt, stored)


@pytest.mark.parametrize("stored", ["scrypt$zz$00", "scrypt$00", "md5$00$00", "white cell", "$$", "scrypt$$"])
def test_a_damaged_or_foreign_stored_hash_refuses_every_passphrase_without_an_error(stored):
    assert check_passphrase("white cell", stored) is False
    assert check_passphrase("", stored) is False


def test_the_passphrase_decision_is_made_by_a_constant_time_comparison_of_equal_length_digests(monkeypatch):
    stored = hash_passphrase("white cell")
    calls = []

    def spy(a, b):
        calls.append((a, b))
        return real(a, b)

    real = hmac.compare_digest
    monkeypatch.setattr(hmac, "compare_digest", spy)
    assert not check_passphrase("a much longer wrong passphrase than the real one", stored)
    assert check_passphrase("white cell", stored)
    assert len(calls) == 2 and all(len(a) == len(b) == 32 for a, b in calls)
    # Whatever the constant-time comparison answers is the answer: nothing else short-circuits it.
    monkeypatch.setattr(hmac, "compare_digest", lambda a, b: True)
    assert check_passphrase("wrong", stored)


def test_a_session_with_a_passphrase_checks_it(tmp_path):
    session = Session.start(TUTORIAL, 1, path=str(tmp_path / "g.toml"), passphrase="white cell")
    assert session.has_passphrase()
    assert session.check_passphrase("white cell") and not session.check_passphrase("black cell")
    resumed = Session.resume(str(tmp_path / "g.toml"))
    assert resumed.check_passphrase("white cell") and not resumed.check_passphrase("")


# -- nothing runs code ------------------------------------------------------------------------------
FORBIDDEN_MODULES = {"pickle", "cPickle", "_pickle", "marshal", "shelve", "dill", "cloudpickle", "yaml", "jsonpickle"}
FORBIDDEN_CALLS = {"eval", "exec", "compile", "__import__", "execfile"}
FORBIDDEN_ATTRIBUTES = {
    ("os", "system"), ("os", "popen"), ("os", "execv"), ("os", "execvp"), ("os", "spawnv"),
    ("yaml", "load"), ("yaml", "unsafe_load"), ("yaml", "full_load"),
    ("pickle", "load"), ("pickle", "loads"), ("marshal", "loads"), ("importlib", "import_module"),
}


def dangerous(tree: ast.AST) -> list[str]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [f"import {a.name}" for a in node.names if a.name.split(".")[0] in FORBIDDEN_MODULES]
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in FORBIDDEN_MODULES:
            found.append(f"from {node.module} import ...")
        elif isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Name) and func.id in FORBIDDEN_CALLS:
                found.append(f"{func.id}(...)")
            if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
                if (func.value.id, func.attr) in FORBIDDEN_ATTRIBUTES:
                    found.append(f"{func.value.id}.{func.attr}(...)")
            for kw in node.keywords:
                if kw.arg == "shell" and not (isinstance(kw.value, ast.Constant) and kw.value.value is False):
                    found.append("a call with shell=True")
    return found


def test_nothing_in_the_package_can_evaluate_unpickle_or_shell_out():
    offences = {}
    for source in sorted(PACKAGE.rglob("*.py")):
        found = dangerous(ast.parse(source.read_text(encoding="utf-8"), str(source)))
        if found:
            offences[str(source.relative_to(ROOT))] = found
    assert offences == {}


def test_the_source_scan_does_catch_what_it_looks_for():
    sample = "import pickle\nfrom yaml import load\neval('1')\nexec('x')\nos.system('ls')\nsubprocess.run('ls', shell=True)\nyaml.load(s)\n"
    assert len(dangerous(ast.parse(sample))) == 7


PAYLOADS = (
    "__import__('os').system('touch PWNED')",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "!!python/object/apply:os.system ['touch PWNED']",
    "${HOME} $(touch PWNED) `touch PWNED`",
    "eval(compile('open(\"PWNED\",\"w\")','x','exec'))",
)


def python_looking_campaign() -> str:
    text = TUTORIAL.source
    title = re.search(r'^title = .*$', text, re.M)[0]
    return text.replace(title, f"title = {json.dumps(PAYLOADS[0])}", 1).replace(
        'name = "Meridia–Korvath hotline"', f"name = {json.dumps(PAYLOADS[1])}", 1
    )


def test_python_looking_text_in_a_campaign_or_a_save_is_only_data(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    loaded = parse_campaign("odd.toml", python_looking_campaign())
    assert loaded.campaign.title == PAYLOADS[0]
    path = tmp_path / "odd-game.toml"
    session = Session.start(loaded, 3, humans=["blue"], path=str(path))
    orders = TeamOrders(
        "blue",
        freeform=(FreeformOrder(PAYLOADS[2], PAYLOADS[3]),),
        messages=(MessageOrder("hotline", PAYLOADS[4], ("red",)),),
    )
    session.submit(orders)
    session.submit_bots()
    session.commit()
    session.submit(orders)
    resumed = Session.resume(str(path))
    assert resumed.campaign.title == PAYLOADS[0] and resumed.pending["blue"] == orders
    assert resumed.records[0].orders[0] == orders
    text = path.read_text(encoding="utf-8")
    assert all(json.dumps(p)[1:-1] in text or p in text for p in PAYLOADS)
    for args in (["replay", str(path), "--text"], ["report", str(path)], ["replay", str(path), "--verify"]):
        result = subprocess.run(
            [sys.executable, "-m", "wargame", *args], cwd=tmp_path, capture_output=True, text=True, timeout=60,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        assert result.returncode == 0, result.stderr
        if args[0] == "report":
            assert PAYLOADS[0] in result.stdout  # shown as the text it is
    assert not list(tmp_path.rglob("PWNED")) and not (ROOT / "PWNED").exists()
