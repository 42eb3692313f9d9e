"""What changed between two states of the knowledge base: who came, who left, which dates moved.

`copydesk kb refresh` writes a snapshot for review; before it is committed a reviewer wants to
see, office by office, what it would change (`copydesk kb diff SNAPSHOT`), or what changed
between two folders or two commits of the repository.

A state is a folder (a rules folder or its `kb/`), a snapshot file (read over the bundled
knowledge base, so its terms meet the offices they name), or `git:REV` (the repository's
`rules/kb` at a commit).
"""

from __future__ import annotations

import subprocess
import tarfile
import tempfile
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from pathlib import Path

import msgspec

from bot.errors import ConfigError
from bot.kb.load import build_knowledge, load_files, read_file

__all__ = [
    "Change",
    "Kind",
    "bundled_without",
    "diff",
    "kb_files",
    "load_files",
    "load_state",
    "render",
]
from bot.kb.model import KnowledgeBase, Term


class Kind(StrEnum):
    CAME = "came"  # a term the old state did not have
    LEFT = "left"  # an open term that now ends
    DATES = "dates"  # the same term with another start or end
    REMOVED = "removed"  # a term the new state no longer has


@dataclass(frozen=True)
class Change:
    kind: Kind
    office: str
    person: str
    old: Term | None
    new: Term | None


def kb_files(folder: Path) -> list[Path]:
    """The KB files of a rules folder or of a `kb/` folder itself."""
    root = folder / "kb" if (folder / "kb").is_dir() else folder
    return sorted(p for p in root.rglob("*.yaml") if not p.name.startswith("."))


def load_state(spec: str, bundled: Path, *, scratch: Path) -> KnowledgeBase:
    """The KB state `spec` names; `bundled` is the rules folder a snapshot is read over and
    whose repository `git:REV` reads; `scratch` a folder for a commit's files."""
    if spec.startswith("git:"):
        return load_files(kb_files(_checkout(spec[4:], bundled, scratch)))
    path = Path(spec)
    if path.is_dir():
        return load_files(kb_files(path))
    if path.is_file():
        return load_snapshot(path, bundled)
    raise ConfigError(f"{spec}: no such folder or snapshot file (or use git:REV for a commit)")


def is_snapshot(spec: str) -> bool:
    return not spec.startswith("git:") and Path(spec).is_file()


def load_snapshot(path: Path, bundled: Path) -> KnowledgeBase:
    """A snapshot's own terms, with the bundled KB's sources, offices and people: what the
    snapshot says, not what it would be merged into (a lower-priority source never wins a
    merge, yet a reviewer must see where it disagrees)."""
    base = [p for p in kb_files(bundled) if p.resolve() != path.resolve()]
    files = [(p, msgspec.structs.replace(read_file(p), terms=[])) for p in base]
    return build_knowledge([*files, (path, read_file(path))])


def bundled_without(snapshot: str, bundled: Path) -> KnowledgeBase:
    """The bundled KB without the snapshot file (when the snapshot lies inside it)."""
    target = Path(snapshot).resolve()
    return load_files([p for p in kb_files(bundled) if p.resolve() != target])


def _checkout(rev: str, rules: Path, scratch: Path) -> Path:
    """The rules/kb folder of the repository holding `rules`, as it was at `rev`."""
    try:
        top = _git(rules, "rev-parse", "--show-toplevel").decode().strip()
        inside = (rules.resolve() / "kb").relative_to(Path(top).resolve()).as_posix()
        archive = _git(Path(top), "archive", "--format=tar", rev, inside)
    except (OSError, ValueError, subprocess.CalledProcessError) as exc:
        detail = getattr(exc, "stderr", b"") or b""
        raise ConfigError(
            f"git:{rev}: cannot read {rules / 'kb'} at that commit "
            f"({detail.decode(errors='replace').strip() or exc})"
        ) from exc
    out = Path(tempfile.mkdtemp(dir=scratch, prefix="kb-"))
    tar = out / "kb.tar"
    tar.write_bytes(archive)
    with tarfile.open(tar) as bundle:
        bundle.extractall(out, filter="data")
    return out / inside


def _git(where: Path, *args: str) -> bytes:
    done = subprocess.run(  # noqa: S603 - fixed git arguments, no shell
        ["git", "-C", str(where), *args],  # noqa: S607 - git from PATH, like a developer's
        capture_output=True,
        check=True,
        timeout=120,
    )
    return done.stdout


def diff(
    old: KnowledgeBase, new: KnowledgeBase, groups: Iterable[str] = (), *, partial: bool = False
) -> list[Change]:
    """Every change of a term, office by office (optionally only these office groups). A
    `partial` new state (a snapshot) only speaks for the offices it lists, and what it leaves
    out is not a removal."""
    wanted = set(groups)
    listed = set(new.terms_by_office) if partial else set(old.terms_by_office)
    offices = sorted(
        o for o in listed | set(new.terms_by_office) if not wanted or _group(old, new, o) in wanted
    )
    changes: list[Change] = []
    for office in offices:
        before = _by_person(old.terms_by_office.get(office, ()))
        after = _by_person(new.terms_by_office.get(office, ()))
        for person in sorted(set(before) | set(after)):
            changes.extend(_compare(office, person, before.get(person, []), after.get(person, [])))
    if partial:
        changes = [c for c in changes if c.kind is not Kind.REMOVED]
    return changes


def _group(old: KnowledgeBase, new: KnowledgeBase, office: str) -> str:
    found = new.offices.get(office) or old.offices.get(office)
    return found.group.value if found else ""


def _by_person(terms: Iterable[Term]) -> dict[str, list[Term]]:
    out: dict[str, list[Term]] = defaultdict(list)
    for term in terms:
        out[term.person].append(term)
    return out


def _compare(office: str, person: str, before: list[Term], after: list[Term]) -> list[Change]:
    out = []
    unmatched = list(before)
    for term in after:
        match = next((t for t in unmatched if _overlap(t, term)), None)
        if match is None:
            out.append(Change(Kind.CAME, office, person, None, term))
            continue
        unmatched.remove(match)
        if match.end is None and term.end is not None:
            out.append(Change(Kind.LEFT, office, person, match, term))
        elif (match.start.text, _text(match)) != (term.start.text, _text(term)):
            out.append(Change(Kind.DATES, office, person, match, term))
    out.extend(Change(Kind.REMOVED, office, person, t, None) for t in unmatched)
    return out


def _text(term: Term) -> str | None:
    return term.end.text if term.end else None


def _overlap(a: Term, b: Term) -> bool:
    a_end = a.end.latest if a.end else date.max
    b_end = b.end.latest if b.end else date.max
    return a.start.earliest <= b_end and b.start.earliest <= a_end and a.seat == b.seat


def render(changes: list[Change], old: KnowledgeBase, new: KnowledgeBase) -> str:
    """Office by office: `+` came, `-` left, `~` dates changed, `x` removed; counts first."""
    counts = {kind: sum(c.kind is kind for c in changes) for kind in Kind}
    lines = [
        f"{counts[Kind.CAME]} came, {counts[Kind.LEFT]} left, {counts[Kind.DATES]} with other "
        f"dates, {counts[Kind.REMOVED]} removed"
    ]
    office = None
    for change in changes:
        if change.office != office:
            office = change.office
            found = new.offices.get(office) or old.offices.get(office)
            lines.append(f"{office} ({found.name if found else office})")
        people = new.people if change.person in new.people else old.people
        name = people[change.person].name if change.person in people else change.person
        lines.append(f"  {_line(change, name)}")
    return "\n".join(lines)


def _line(change: Change, name: str) -> str:
    old, new = change.old, change.new
    if change.kind is Kind.CAME and new is not None:
        until = f" to {new.end.text}" if new.end else ""
        return f"+ {name} came: from {new.start.text}{until} ({', '.join(new.sources)})"
    if change.kind is Kind.LEFT and new is not None and new.end is not None:
        return f"- {name} left: on {new.end.text} (from {new.start.text}; {', '.join(new.sources)})"
    if change.kind is Kind.DATES and old is not None and new is not None:
        was = f"{old.start.text} to {_text(old) or 'open'}"
        now = f"{new.start.text} to {_text(new) or 'open'}"
        return f"~ {name}: {was} -> {now}"
    assert old is not None
    return f"x {name}: no longer listed ({old.start.text} to {_text(old) or 'open'})"
