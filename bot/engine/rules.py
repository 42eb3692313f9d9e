"""Rule packs: YAML files of rules with one schema, validated on load.

A pack is `rules/packs/<pack>.yaml` with a `rules:` list. Every rule has the same header (Vale's
shared rule header, semgrep's id/message/severity) and `params` for its kind's engine check.
Errors name the file, line, rule id and key, and list the allowed values.
"""

from __future__ import annotations

import re
import string
from datetime import date
from pathlib import Path
from typing import Any

import msgspec

from bot.engine.finding import Category, Severity
from bot.errors import RuleError

_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class Source(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    """Where the rule's fact or convention comes from."""

    name: str
    url: str | None = None


class FlagExample(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    """Text the rule must flag; `flags` is the exact span it must report, and `message`, when
    given, the exact message. `also` lists the spans other findings must cover when the example
    cannot be written without them (a later mention needs its miscast first mention)."""

    text: str
    flags: str
    story_date: date | None = None
    why: str | None = None
    message: str | None = None
    also: list[str] = msgspec.field(default_factory=list)


class PassExample(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    """Text the rule must not flag (a near miss); `why` says why it must stay silent."""

    text: str
    story_date: date | None = None
    why: str | None = None


class Examples(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    flag: list[FlagExample]
    pass_: list[PassExample] = msgspec.field(name="pass", default_factory=list)


class RuleSpec(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    """One rule as written in a pack."""

    id: str
    kind: str
    category: Category
    severity: Severity
    message: str
    why: str
    source: Source
    examples: Examples
    suggestion: str | None = None
    params: dict[str, Any] = msgspec.field(default_factory=dict)
    enabled: bool = True


class PackSpec(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    description: str
    rules: list[dict[str, Any]]


class LoadedRule(msgspec.Struct, frozen=True):
    """A validated rule, its kind's typed params and whatever the kind compiled from them."""

    pack: str
    spec: RuleSpec
    params: Any
    path: str
    line: int

    @property
    def id(self) -> str:
        """Qualified id, `<pack>.<id>` (sqlfluff's `layout.end_of_file`)."""
        return f"{self.pack}.{self.spec.id}"

    def render(self, template: str | None, values: dict[str, Any]) -> str | None:
        """Fill a message or suggestion template; unknown placeholders were refused on load."""
        if template is None:
            return None
        return template.format_map(values)


def placeholders(template: str) -> set[str]:
    """The `{name}` placeholders of a message template."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


_ALLOWED = {
    "category": [c.value for c in Category],
    "severity": [s.value for s in Severity],
}


def load_pack(path: Path, kinds: dict[str, Any]) -> list[LoadedRule]:
    """Load and validate one pack; `kinds` maps a kind name to its `CheckKind`."""
    # PyYAML is needed only here, not on the prebuilt-index path (start-up time)
    from bot.text.yamllines import error_path, key_line, read_yaml_with_lines, strip_lines

    raw = read_yaml_with_lines(path)
    pack = path.stem
    if not isinstance(raw, dict):
        raise RuleError(
            str(path), 1, None, "a rule pack is a mapping with 'description' and 'rules'"
        )
    try:
        msgspec.convert(strip_lines(raw), PackSpec)
    except msgspec.ValidationError as exc:
        raise RuleError(str(path), key_line(raw, error_path(exc)), None, str(exc)) from exc
    rules: list[LoadedRule] = []
    seen: set[str] = set()
    for node in raw["rules"]:
        rules.append(_load_rule(path, pack, node, kinds, seen))
    return rules


def _load_rule(
    path: Path, pack: str, node: dict[str, Any], kinds: dict[str, Any], seen: set[str]
) -> LoadedRule:
    from bot.text.yamllines import convert_entry, entry_errors

    fail = entry_errors(path, node)
    spec = convert_entry(
        node,
        RuleSpec,
        fail,
        not_a_mapping="a rule is a mapping of keys (id, kind, category, ...)",
        allowed=_ALLOWED,
    )
    line = int(node.get("__line__", 0))
    if not _ID.match(spec.id):
        raise fail(f"id '{spec.id}' must be kebab-case (lowercase words joined by '-')", "$.id")
    if spec.id in seen:
        raise fail(f"duplicate rule id '{spec.id}' in this pack", "$.id")
    seen.add(spec.id)
    kind = kinds.get(spec.kind)
    if kind is None:
        raise fail(
            f"unknown kind '{spec.kind}'; expected one of: {', '.join(sorted(kinds))}", "$.kind"
        )
    try:
        params = msgspec.convert(spec.params, kind.params)
    except msgspec.ValidationError as exc:
        raise fail(f"params: {exc}", "$.params") from exc
    if not spec.examples.flag:
        raise fail("every rule needs at least one 'flag' example", "$.examples")
    try:
        kind.validate(params)
    except ValueError as exc:
        raise fail(f"params: {exc}", "$.params") from exc
    for key, template in (("message", spec.message), ("suggestion", spec.suggestion)):
        unknown = placeholders(template or "") - kind.offered(params)
        if unknown:
            raise fail(
                f"{key} uses unknown placeholder(s) {', '.join(sorted(unknown))}; "
                f"kind '{spec.kind}' offers: {', '.join(sorted(kind.offered(params)))}",
                f"$.{key}",
            )
    return LoadedRule(pack=pack, spec=spec, params=params, path=str(path), line=line)
