"""YAML with line numbers, so that rule and knowledge-base errors name the file and line (Vale's
habit: `rules/packs/dates.yaml:42: rule 'x': ...`)."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, TypeVar

import msgspec
import yaml

from bot.errors import RuleError


class _LineLoader(yaml.SafeLoader):
    """A YAML loader that keeps the line of every mapping and key (1-based)."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict[str, Any]:
    seen: set[str] = set()
    for key, _ in node.value:
        if str(key.value) in seen:
            # PyYAML keeps the last of two equal keys; a rule that lost half its fields to a
            # pasted block must fail on load instead
            raise yaml.constructor.ConstructorError(
                problem=f"duplicate key {key.value!r}", problem_mark=key.start_mark
            )
        seen.add(str(key.value))
    mapping: dict[str, Any] = {
        str(k): v for k, v in loader.construct_mapping(node, deep=True).items()
    }
    lines = {str(k.value): k.start_mark.line + 1 for k, _ in node.value}
    mapping["__line__"] = node.start_mark.line + 1
    mapping["__lines__"] = lines
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def strip_lines(value: Any) -> Any:
    """The same data without the line bookkeeping, ready for schema validation."""
    if isinstance(value, dict):
        return {k: strip_lines(v) for k, v in value.items() if k not in ("__line__", "__lines__")}
    if isinstance(value, list):
        return [strip_lines(v) for v in value]
    return value


def read_yaml_with_lines(path: Path, error: type[RuleError] = RuleError) -> Any:
    """Parse a YAML file keeping line numbers; unreadable files and syntax errors become `error`
    (a `RuleError`, or its `KnowledgeError` subclass for the knowledge base)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise error(str(path), None, None, f"cannot read the file: {exc}") from exc
    try:
        return yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else None
        raise error(str(path), line, None, f"invalid YAML: {exc.problem}") from exc


def error_path(exc: msgspec.ValidationError) -> str:
    """The `$.examples.flag[0].flags` path msgspec names in a validation error ("$" if none)."""
    match = re.search(r"at `(\$[^`]*)`", str(exc))
    return match.group(1) if match else "$"


def key_line(node: dict[str, Any], path: str) -> int:
    """Best line for a msgspec error path such as `$.examples.flag[0].flags`."""
    line = int(node.get("__line__", 0))
    current: Any = node
    for part in re.findall(r"\.([A-Za-z_]+)|\[(\d+)\]", path):
        key, index = part
        if key and isinstance(current, dict):
            line = int(current.get("__lines__", {}).get(key, line))
            current = current.get(key)
        elif index and isinstance(current, list) and int(index) < len(current):
            current = current[int(index)]
            if isinstance(current, dict):
                line = int(current.get("__line__", line))
        else:
            break
    return line


Spec = TypeVar("Spec")
Fail = Callable[..., RuleError]


def entry_errors(path: Path, node: Any, error: type[RuleError] = RuleError) -> Fail:
    """`fail(problem, key_path="$")`: an error for one entry of a YAML list (a rule, a cue, a
    knowledge-base item) naming the file, the line of the key the problem is about, and the
    entry's id."""
    ident = str(node.get("id")) if isinstance(node, dict) and "id" in node else None
    line = int(node.get("__line__", 0)) if isinstance(node, dict) else 0

    def fail(problem: str, key_path: str = "$") -> RuleError:
        at = key_line(node, key_path) if isinstance(node, dict) else line
        return error(str(path), at or line, ident, problem)

    return fail


def convert_entry(
    node: Any,
    spec: type[Spec],
    fail: Fail,
    *,
    not_a_mapping: str,
    allowed: Mapping[str, Sequence[str]] | None = None,
) -> Spec:
    """Validate one entry against its schema; errors say where, and for a key with a closed set
    of values (`allowed`), which values are allowed. `not_a_mapping` is the error for an entry
    that is not a mapping at all ("a rule is a mapping of keys (id, kind, ...)")."""
    if not isinstance(node, dict):
        raise fail(not_a_mapping)
    try:
        return msgspec.convert(strip_lines(node), spec)
    except msgspec.ValidationError as exc:
        where = error_path(exc)
        key = where.rsplit(".", 1)[-1]
        problem = str(exc)
        if allowed and key in allowed:
            problem += f"; expected one of: {', '.join(allowed[key])}"
        raise fail(problem, where) from exc
