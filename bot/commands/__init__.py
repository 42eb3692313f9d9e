"""The `copydesk` commands: one module per command group, registered here.

Command modules register their subcommands and import their heavy dependencies only when run,
so that `copydesk check` on one article starts fast (the whole process in well under a second).
`bot.cli` is the console entry point; commands that run other commands (`start`) call `main`
here rather than reaching up to it.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from bot import __version__
from bot.errors import CopydeskError

# Each module has `register(subparsers) -> None`; a subcommand sets `func(args) -> int`.
# The key is the first word on the command line: only that module is imported to run it.
COMMAND_MODULES = {
    "check": "bot.commands.check",
    "rules": "bot.commands.rules",
    "kb": "bot.commands.kb",
    "serve": "bot.commands.serve",
    "db": "bot.commands.store",
    "history": "bot.commands.store",
    "stats": "bot.commands.store",
    "start": "bot.commands.start",
}

EXIT_CLEAN, EXIT_FLAGGED, EXIT_USAGE = 0, 1, 2


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser for every command, or only for `command` (start-up time: `copydesk check`
    need not import the Slack bot's command module)."""
    parser = argparse.ArgumentParser(
        prog="copydesk",
        description="Catch factual and copy errors in news copy before it is published.",
    )
    parser.add_argument("--version", action="version", version=f"copydesk {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    modules = dict.fromkeys(COMMAND_MODULES.values())
    if command in COMMAND_MODULES:
        modules = {COMMAND_MODULES[command]: None}
    for name in modules:
        importlib.import_module(name).register(subparsers)
    _describe(parser)
    return parser


def _describe(parser: argparse.ArgumentParser) -> None:
    """A subcommand's `--help` opens with its line from the command list when it has no
    description of its own (otherwise `copydesk start --help` would say nothing)."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            lines = {choice.dest: choice.help for choice in action._choices_actions}
            for name, sub in action.choices.items():
                line = lines.get(name)
                if not sub.description and line:
                    sub.description = f"{line[0].upper()}{line[1:]}."
                _describe(sub)


def main(argv: Sequence[str] | None = None) -> int:
    words = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(words[0] if words else None)
    args = parser.parse_args(words)
    if not getattr(args, "func", None):
        parser.print_help()
        return EXIT_USAGE
    try:
        return int(args.func(args))
    except CopydeskError as exc:
        print(f"copydesk: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `copydesk rules | head`: the reader left; not an error
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
