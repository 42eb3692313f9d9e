"""What every importer is given: the data folder, read on demand, and a place to share work.

One signature for every importer (`Importer.build(inputs) -> ImportResult`): an importer asks
for the files it reads (`text`, `records`) and for results several importers share (`shared`:
the congress-legislators people, the world-leaders analysis), each computed once per run.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import yaml

from bot.errors import KnowledgeError
from bot.kb.importers.model import ImportResult, Source

T = TypeVar("T")
_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Importer:
    """One generated KB file: its name, the data files it reads, the sources it cites, what it
    holds (the file's header) and the function that builds it."""

    output: str
    inputs: tuple[str, ...]
    sources: tuple[Source, ...]
    what: str
    build: Callable[[Inputs], ImportResult]
    # An optional importer reads files that are not in the shared data folder (they are
    # fetched beside it when its output needs rebuilding); without them its file is kept.
    optional: bool = False

    def available(self, data: Path) -> bool:
        return not self.optional or all((data / name).exists() for name in self.inputs)


@dataclass
class Inputs:
    """The data folder of one run; every file is read once."""

    data: Path
    _texts: dict[str, str] = field(default_factory=dict)
    _shared: dict[str, Any] = field(default_factory=dict)

    def text(self, name: str) -> str:
        if name not in self._texts:
            path = self.data / name
            try:
                self._texts[name] = path.read_text(encoding="utf-8")
            except FileNotFoundError as exc:
                raise KnowledgeError(
                    str(path), None, None, "data file not found (is --data the shared data folder?)"
                ) from exc
            except (OSError, UnicodeDecodeError) as exc:
                raise KnowledgeError(str(path), None, None, f"cannot read the file: {exc}") from exc
        return self._texts[name]

    def records(self, name: str) -> list[Mapping[str, Any]]:
        """A YAML file that is a list of records (the congress-legislators files)."""
        try:
            raw = yaml.load(self.text(name), Loader=_Loader)  # noqa: S506 - the safe loader
        except yaml.MarkedYAMLError as exc:
            line = exc.problem_mark.line + 1 if exc.problem_mark else None
            raise KnowledgeError(
                str(self.data / name), line, None, f"invalid YAML: {exc.problem}"
            ) from exc
        if not isinstance(raw, list) or not all(isinstance(r, dict) for r in raw):
            raise KnowledgeError(str(self.data / name), None, None, "expected a list of records")
        return raw

    def shared(self, key: str, compute: Callable[[Inputs], T]) -> T:
        """`compute(self)`, once per run under `key`, for work several importers need."""
        if key not in self._shared:
            self._shared[key] = compute(self)
        found: T = self._shared[key]
        return found
