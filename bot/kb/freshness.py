"""How fresh the knowledge a check relied on is: per office group and jurisdiction, the date the
knowledge base lists every holder up to.

A report must say it: past that date the KB cannot know of a change, so a story dated later is
only checked against what was known then ("the knowledge base is complete to 2025-06-30 for
United States cabinet posts; this story is dated 2025-09-02: later changes are not checked").
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date

import msgspec

from bot.kb.model import KnowledgeBase, OfficeGroup

_GROUP_LABELS = {
    OfficeGroup.HEAD_OF_STATE: "heads of state",
    OfficeGroup.HEAD_OF_GOVERNMENT: "heads of government",
    OfficeGroup.DEPUTY_HEAD: "deputy heads of state or government",
    OfficeGroup.FOREIGN_MINISTER: "foreign ministers",
    OfficeGroup.FINANCE_MINISTER: "finance ministers",
    OfficeGroup.CENTRAL_BANK: "central bank governors",
    OfficeGroup.CABINET: "cabinet posts",
    OfficeGroup.LEGISLATURE_LEADER: "legislature leaders",
    OfficeGroup.LEGISLATOR: "legislators",
    OfficeGroup.GOVERNOR: "governors",
    OfficeGroup.INTERNATIONAL: "leadership",
    OfficeGroup.RELIGIOUS: "religious leaders",
    OfficeGroup.JUDICIARY: "judges",
    OfficeGroup.OTHER: "other offices",
}


class AsOf(msgspec.Struct, frozen=True):
    """The KB lists every holder of these offices up to `complete_to`."""

    group: OfficeGroup
    jurisdiction: str
    label: str  # "United States cabinet posts"
    complete_to: date
    offices: tuple[str, ...]

    def stale_for(self, story_date: date) -> bool:
        return story_date > self.complete_to


def as_of(kb: KnowledgeBase, offices: Iterable[str]) -> tuple[AsOf, ...]:
    """Per office group and jurisdiction of `offices`, the date the KB is complete to: the
    earliest of its offices' coverage ends (a group is only as fresh as its stalest office),
    oldest first."""
    grouped: dict[tuple[OfficeGroup, str], list[str]] = defaultdict(list)
    for office_id in set(offices):
        office = kb.offices.get(office_id)
        if office is not None:
            grouped[(office.group, office.jurisdiction)].append(office_id)
    out = []
    for (group, jurisdiction), ids in grouped.items():
        place = kb.jurisdictions[jurisdiction].name if jurisdiction in kb.jurisdictions else ""
        label = f"{place} {_GROUP_LABELS[group]}".strip()
        complete_to = min(kb.coverage(o)[1] for o in ids)
        out.append(AsOf(group, jurisdiction, label, complete_to, tuple(sorted(ids))))
    return tuple(sorted(out, key=lambda a: (a.complete_to, a.label)))


def statement(knowledge: Sequence[AsOf], story_date: date) -> str:
    """One plain sentence for a report; '' when the check relied on no office."""
    if not knowledge:
        return ""
    stale = [a for a in knowledge if a.stale_for(story_date)]
    fresh = [a for a in knowledge if not a.stale_for(story_date)]
    parts = []
    if stale:
        parts.append(
            f"The knowledge base is complete to {_dates(stale)}; this story is dated "
            f"{story_date.isoformat()}: later changes are not checked."
        )
    if fresh:
        lead = "It is" if stale else "The knowledge base is"
        parts.append(f"{lead} complete to {_dates(fresh)}.")
    return " ".join(parts)


def _dates(knowledge: Sequence[AsOf]) -> str:
    """'2025-06-30 for United States cabinet posts and 2026-06-15 for ...', one date per group
    of labels."""
    by_date: dict[date, list[str]] = defaultdict(list)
    for a in knowledge:
        by_date[a.complete_to].append(a.label)
    return "; ".join(
        f"{day.isoformat()} for {_join(labels)}" for day, labels in sorted(by_date.items())
    )


def _join(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"
