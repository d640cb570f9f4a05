"""``briefing config``: where the settings file is, an example of one, and what is wrong with it.

Never writes the file: ``--example`` prints it, for ``> "$(briefing config --path)"``.
"""

from __future__ import annotations

import argparse
import sys

from briefing.core.config import EXAMPLE, config_path, load_config
from briefing.core.problems import say


def build_parser() -> argparse.ArgumentParser:
    """``briefing config [--path | --example]``."""
    parser = argparse.ArgumentParser(
        prog="briefing config",
        description="Show where briefing's settings file is and check it. "
        "With no option: the path and any problem in the file.",
    )
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--path", action="store_true", help="print the settings file's path and exit")
    which.add_argument("--example", action="store_true", help="print a documented example file and exit")
    return parser


def run(argv: list[str]) -> int:
    """Exit 0, or 1 when the settings file has problems."""
    args = build_parser().parse_args(argv)
    path = config_path()
    if args.path:
        print(path)
        return 0
    if args.example:
        sys.stdout.write(EXAMPLE)
        return 0
    if not path.exists():
        print(f"{path} (not created; the defaults are used). `briefing config --example` prints one.")
        return 0
    _, problems = load_config(path)
    for problem in problems:
        say(sys.stderr, str(problem))
    print(
        f"{path}: {'ok' if not problems else f'{len(problems)} problem(s); the defaults are used for those'}"
    )
    return 1 if problems else 0
