"""The YAML reader keeps line numbers so that errors name the file and line."""

from __future__ import annotations

from pathlib import Path

import msgspec
import pytest

from bot.errors import KnowledgeError, RuleError
from bot.text.yamllines import error_path, key_line, read_yaml_with_lines, strip_lines


class _Rule(msgspec.Struct, forbid_unknown_fields=True):
    id: str
    severity: str


def test_lines_of_mappings_and_keys(tmp_path: Path) -> None:
    path = tmp_path / "pack.yaml"
    path.write_text("rules:\n  - id: a\n    severity: error\n  - id: b\n    severty: x\n")
    raw = read_yaml_with_lines(path)
    assert raw["rules"][1]["__line__"] == 4
    assert strip_lines(raw) == {
        "rules": [{"id": "a", "severity": "error"}, {"id": "b", "severty": "x"}]
    }
    with pytest.raises(msgspec.ValidationError) as caught:
        msgspec.convert(strip_lines(raw)["rules"][1], _Rule)
    where = error_path(caught.value)
    assert where == "$"  # a missing field is reported on the mapping itself
    assert key_line(raw, "$.rules[1].severty") == 5


def test_syntax_errors_name_the_line_in_the_callers_error_type(tmp_path: Path) -> None:
    path = tmp_path / "kb.yaml"
    path.write_text("people:\n  - id: a\n    name: [unclosed\n")
    with pytest.raises(KnowledgeError) as caught:
        read_yaml_with_lines(path, KnowledgeError)
    assert str(caught.value).startswith(f"{path}:")
    assert "invalid YAML" in str(caught.value)
    with pytest.raises(RuleError, match="cannot read the file"):
        read_yaml_with_lines(tmp_path / "missing.yaml")


def test_a_key_written_twice_is_an_error_on_its_second_line(tmp_path: Path) -> None:
    # a cue pasted over another's "- id:" line leaves one mapping with two sets of fields
    path = tmp_path / "cues.yaml"
    path.write_text("cues:\n  - id: a\n    frame: future\n    frame: historical\n")
    with pytest.raises(RuleError) as caught:
        read_yaml_with_lines(path)
    assert str(caught.value).startswith(f"{path}:4:")
    assert "duplicate key 'frame'" in str(caught.value)


class _Entry(msgspec.Struct, forbid_unknown_fields=True):
    id: str
    level: str


def test_an_entry_error_names_the_file_the_keys_line_and_the_entrys_id(tmp_path: Path) -> None:
    from bot.text.yamllines import convert_entry, entry_errors

    path = tmp_path / "cues.yaml"
    path.write_text("cues:\n  - id: past-tense\n    level: 3\n  - just a string\n")
    raw = read_yaml_with_lines(path)
    first, second = raw["cues"]
    fail = entry_errors(path, first)
    with pytest.raises(RuleError) as caught:
        convert_entry(first, _Entry, fail, not_a_mapping="x", allowed={"level": ["low", "high"]})
    assert str(caught.value) == (
        f"{path}:3: rule 'past-tense': Expected `str`, got `int` - at `$.level`; "
        "expected one of: low, high"
    )
    with pytest.raises(KnowledgeError, match="a cue is a mapping of keys"):
        convert_entry(
            second,
            _Entry,
            entry_errors(path, second, KnowledgeError),
            not_a_mapping="a cue is a mapping of keys",
        )
