"""Every command and every option says what it is for in `--help`."""

from __future__ import annotations

import argparse

import pytest

from bot.cli import build_parser, main


def _parsers(
    parser: argparse.ArgumentParser, path: str = "copydesk"
) -> list[tuple[str, argparse.ArgumentParser]]:
    found = [(path, parser)]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found.extend(_parsers(sub, f"{path} {name}"))
    return found


def _undocumented() -> list[str]:
    missing = []
    for path, parser in _parsers(build_parser()):
        if not (parser.description or "").strip():
            missing.append(f"{path}: no description at the top of --help")
        for action in parser._actions:
            if isinstance(action, argparse._HelpAction | argparse._VersionAction):
                continue
            if isinstance(action, argparse._SubParsersAction):
                listed = {choice.dest for choice in action._choices_actions}
                for name in action.choices:
                    if name not in listed:
                        missing.append(f"{path} {name}: no help line in the command list")
                for choice in action._choices_actions:
                    if not (choice.help or "").strip():
                        missing.append(f"{path} {choice.dest}: empty help line")
                continue
            if not (action.help or "").strip():
                missing.append(f"{path}: {'/'.join(action.option_strings) or action.dest}")
    return missing


def test_every_command_and_option_has_help_text() -> None:
    assert _undocumented() == []


@pytest.mark.parametrize(
    "argv", [["check"], ["rules"], ["rules", "test"], ["kb", "who"], ["db", "prune"], ["start"]]
)
def test_help_is_printed_and_exits_0(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main([*argv, "--help"])
    assert exited.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith(f"usage: copydesk {' '.join(argv)}")
