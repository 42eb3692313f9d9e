"""`copydesk kb stats --by group`: a group is as fresh as its least fresh jurisdiction."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.cli import main


def _rows(out: str) -> dict[str, list[str]]:
    lines = out.split("\n\n", 1)[0].splitlines()
    return {line.split()[0]: line.split() for line in lines[1:]}


def test_by_group_gives_the_oldest_and_the_newest_as_of(
    test_rules_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["kb", "stats", "--rules", str(test_rules_dir)]) == 0
    per_jurisdiction = capsys.readouterr().out
    assert main(["kb", "stats", "--by", "group", "--rules", str(test_rules_dir)]) == 0
    by_group = capsys.readouterr().out
    assert by_group.splitlines()[0].split()[-3:] == ["all", "to", "newest"]
    dates: dict[str, list[str]] = {}
    for line in per_jurisdiction.split("\n\n", 1)[0].splitlines()[1:]:
        fields = line.split()
        dates.setdefault(fields[0], []).append(fields[-1])
    for group, fields in _rows(by_group).items():
        assert fields[-2:] == [min(dates[group]), max(dates[group])], group
