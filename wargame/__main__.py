"""`python -m wargame` and the `wargame` script: run the command line and exit with its code."""

import gc
import os
import sys

# Commands that read files, print and return: they start no threads or child processes, register no
# atexit handlers and leave no file open, so when they end only their output is left to finish.
_ONE_SHOT = ("validate", "schema", "new")


def run() -> None:
    one_shot = len(sys.argv) > 1 and sys.argv[1] in _ONE_SHOT
    if one_shot:
        # Start-up makes some 20,000 objects that live to the end (modules, classes, hooks) and next
        # to no garbage: the collector would walk them again and again (3-4 ms) and free nothing.
        gc.disable()
    from .cli import main

    code = main()
    if one_shot:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except Exception:  # such as a closed pipe: the ordinary exit reports it as it always has
            raise SystemExit(code) from None
        # Tearing the interpreter down frees every module and object one by one, about 10 ms (a
        # sixth of a `validate`), and nothing is left that needs it once the output is written.
        os._exit(code)
    raise SystemExit(code)


if __name__ == "__main__":
    run()
