"""Loading the bundled rules and knowledge base once, through a prebuilt index on disk.

Parsing ~MBs of YAML and building the automata takes seconds; unpickling the prebuilt index
takes milliseconds (a check must start in well under 300 ms). The index is keyed by every source
file's path, size and mtime and by Copydesk's version, so an edited rule or fact rebuilds it.
"""

from __future__ import annotations

import contextlib
import gc
import os
import pickle
import zlib
from collections.abc import Iterator
from pathlib import Path

import msgspec

from bot import __version__
from bot.engine.reading import ReadingModel
from bot.engine.rules import LoadedRule
from bot.errors import ConfigError
from bot.kb.index import KnowledgeIndex
from bot.paths import cache_dir, checked_rules_dir, default_rules_dir, reading_dir

__all__ = ["Ruleset", "build_ruleset", "cache_dir", "default_rules_dir", "load_ruleset", "prebuild"]


class Ruleset(msgspec.Struct, frozen=True):
    """Compiled rules plus the indexed knowledge base: immutable, shareable across threads."""

    rules: tuple[LoadedRule, ...]
    knowledge: KnowledgeIndex
    version: str  # digest of every rule, cue and KB file
    reading: ReadingModel  # how copy refers to time: the cues every people check asks

    def with_rules(self, rules: tuple[LoadedRule, ...]) -> Ruleset:
        """The same knowledge and reading model with other rules (a rule's examples, tests)."""
        return msgspec.structs.replace(self, rules=rules)

    @property
    def kb_version(self) -> str:
        return self.knowledge.kb.version


def _sources(rules_dir: Path) -> tuple[list[Path], list[Path]]:
    """Rule packs and reading cues, and the knowledge base's files; no packs or no knowledge
    base is an error naming the folder (an empty ruleset would flag nothing, silently)."""
    packs = sorted((rules_dir / "packs").glob("*.yaml"))
    cues = sorted(reading_dir(rules_dir).glob("*.yaml"))
    kb = sorted(p for p in (rules_dir / "kb").rglob("*.yaml") if not p.name.startswith("."))
    if not packs:
        raise ConfigError(f"{rules_dir / 'packs'}: no rule packs (*.yaml) in this folder")
    if not kb:
        raise ConfigError(f"{rules_dir / 'kb'}: no knowledge-base files (*.yaml) in this folder")
    return packs + cues, kb


_PACKAGE = Path(__file__).resolve().parents[1]


def _code_files() -> list[Path]:
    """The code that builds the index: a changed loader or check must rebuild it too."""
    return sorted(
        [
            *(_PACKAGE / "kb").glob("*.py"),
            *(_PACKAGE / "engine").rglob("*.py"),
            *(_PACKAGE / "text").glob("*.py"),
        ]
    )


def _digest(files: list[Path]) -> str:
    """A cache key from paths, sizes and mtimes (zlib's checksums: hashlib costs more to
    import than this whole function takes)."""
    stamp = "\n".join(
        f"{path}\0{path.stat().st_size}\0{path.stat().st_mtime_ns}"
        for path in [*files, *_code_files()]
    )
    data = f"{__version__}\n{stamp}".encode()
    return f"{zlib.crc32(data):08x}{zlib.adler32(data):08x}"


def _content_digest(files: list[Path]) -> str:
    import hashlib

    h = hashlib.sha256()
    for path in files:
        h.update(path.read_bytes())
    return h.hexdigest()[:12]


def build_ruleset(rules_dir: Path) -> Ruleset:
    """Validate and compile every pack and the knowledge base (slow path)."""
    # YAML parsing and validation are only needed here, not on the prebuilt-index path
    from bot.engine.reading import load_reading_model
    from bot.engine.registry import KINDS
    from bot.engine.rules import load_pack
    from bot.kb.load import load_knowledge

    rules_dir = checked_rules_dir(rules_dir)
    packs, kb_paths = _sources(rules_dir)
    rules: list[LoadedRule] = []
    for path in packs:
        if path.parent.name == "packs":
            rules.extend(load_pack(path, KINDS))
    reading = load_reading_model(reading_dir(rules_dir))
    knowledge = load_knowledge(rules_dir / "kb")
    knowledge.version = _content_digest(kb_paths)
    knowledge.pack()
    return Ruleset(
        tuple(rules), KnowledgeIndex(knowledge), _content_digest(packs + kb_paths), reading
    )


def load_ruleset(rules_dir: Path | None = None, *, use_cache: bool = True) -> Ruleset:
    """The ruleset for `rules_dir` (default: the bundled rules), from the prebuilt index when
    it is current; otherwise built and the index written for next time."""
    rules_dir = checked_rules_dir(rules_dir)
    packs, kb_paths = _sources(rules_dir)
    key = _digest(packs + kb_paths)
    index_path = cache_dir() / f"index-{key}.pickle"
    if use_cache and index_path.exists():
        try:
            with index_path.open("rb") as fh, _gc_paused():
                ruleset = pickle.load(fh)  # noqa: S301 - our own cache, keyed by content
            if isinstance(ruleset, Ruleset):
                return ruleset
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            pass  # a stale or broken index is rebuilt below
    ruleset = build_ruleset(rules_dir)
    if use_cache:
        _write_index(index_path, ruleset)
    return ruleset


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """Unpickling ~100,000 small objects triggers the cycle collector again and again; none of
    them is garbage, so pause it (a third to half of the load time)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _write_index(path: Path, ruleset: Ruleset) -> None:
    """Write atomically so concurrent processes never read half an index."""
    import tempfile  # only when the index is (re)built

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".index-")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(ruleset, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        _prune(path.parent, keep=8)
    except OSError:
        pass  # a read-only cache only costs start-up time


def _prune(folder: Path, keep: int) -> None:
    """Keep the newest indexes (several rule folders may be in use), delete older ones."""
    indexes = sorted(folder.glob("index-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in indexes[keep:]:
        old.unlink(missing_ok=True)


def index_path(rules_dir: Path | None = None) -> Path:
    """Where the prebuilt index for `rules_dir`'s current files lives."""
    rules_dir = checked_rules_dir(rules_dir)
    packs, kb_paths = _sources(rules_dir)
    return cache_dir() / f"index-{_digest(packs + kb_paths)}.pickle"


def prebuild(rules_dir: Path | None = None) -> tuple[Ruleset, Path]:
    """Validate everything from scratch and write the prebuilt index (`copydesk kb build`)."""
    rules_dir = checked_rules_dir(rules_dir)
    ruleset = build_ruleset(rules_dir)
    path = index_path(rules_dir)
    _write_index(path, ruleset)
    return ruleset, path
