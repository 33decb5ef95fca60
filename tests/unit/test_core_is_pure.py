"""The rules package imports only the standard library's pure parts and attrs."""

import ast
import pathlib

import wargame.core

ALLOWED = {"__future__", "attrs", "collections", "dataclasses", "enum", "functools", "hashlib",
           "itertools", "math", "random", "typing"}
FORBIDDEN_CALLS = {"open", "print", "input", "eval", "exec"}


def core_modules():
    return sorted(pathlib.Path(wargame.core.__file__).parent.glob("*.py"))


def test_core_imports_nothing_but_pure_stdlib_and_attrs():
    for path in core_modules():
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level:  # relative imports stay inside core
                    continue
                names = [node.module or ""]
            else:
                continue
            for name in names:
                assert name.split(".")[0] in ALLOWED, f"{path.name} imports {name}"


def test_core_never_uses_the_global_random_generator_or_io():
    for path in core_modules():
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                assert node.func.id not in FORBIDDEN_CALLS, f"{path.name} calls {node.func.id}"
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "random":
                assert node.attr == "Random", f"{path.name} uses random.{node.attr}"


def test_every_core_module_starts_with_a_docstring():
    for path in core_modules():
        assert ast.get_docstring(ast.parse(path.read_text())), path.name
