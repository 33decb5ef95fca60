"""wargame: a crisis-management seminar wargame for the terminal."""

__version__ = "0.5.0"

# Before any core module is imported: load the compiled engine's fresh modules in their place (engine_choice.py).
from . import engine_choice as _engine_choice  # noqa: E402

_engine_choice.install()
