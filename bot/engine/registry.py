"""The one registry mapping a rule's `kind` to its engine check (Vale's extension points)."""

from __future__ import annotations

import msgspec

from bot.engine.checks.attribution import PLATFORM_ATTRIBUTION
from bot.engine.checks.bare_names import PREDECESSOR_FOR_HOLDER
from bot.engine.checks.boilerplate import BOILERPLATE
from bot.engine.checks.crosssource import CROSS_SOURCE
from bot.engine.checks.dates import IMPOSSIBLE_DATE, PAST_EVENT_AFTER_STORY, WEEKDAY_DATE
from bot.engine.checks.inconsistency import DEADLINE_CONSISTENCY, DURATION_CONSISTENCY
from bot.engine.checks.mojibake import MOJIBAKE
from bot.engine.checks.names import NAME_SPELLING
from bot.engine.checks.officeholders import (
    ADMINISTRATION,
    LATER_MENTION,
    TITLE_NEVER_HELD,
    TITLE_OUT_OF_TERM,
)
from bot.engine.checks.patterns import EXISTENCE, PATTERN, SUBSTITUTION
from bot.engine.checks.quantities import QUANTITY_CONSISTENCY
from bot.engine.kinds import CheckKind

# Kinds whose every verdict rests on the story date (who held an office then; whether an
# event was still ahead): on a weak story date their errors are reported as warnings.
# (Findings of other kinds can say so one by one: a weekday check on a date without a year.)
DATE_DEPENDENT = frozenset(
    {
        TITLE_OUT_OF_TERM.name,
        TITLE_NEVER_HELD.name,
        PREDECESSOR_FOR_HOLDER.name,
        LATER_MENTION.name,
        ADMINISTRATION.name,
        PAST_EVENT_AFTER_STORY.name,
    }
)

KINDS: dict[str, CheckKind] = {
    kind.name: msgspec.structs.replace(kind, date_dependent=kind.name in DATE_DEPENDENT)
    for kind in (
        EXISTENCE,
        SUBSTITUTION,
        PATTERN,
        QUANTITY_CONSISTENCY,
        BOILERPLATE,
        MOJIBAKE,
        WEEKDAY_DATE,
        IMPOSSIBLE_DATE,
        PAST_EVENT_AFTER_STORY,
        DURATION_CONSISTENCY,
        DEADLINE_CONSISTENCY,
        CROSS_SOURCE,
        TITLE_OUT_OF_TERM,
        TITLE_NEVER_HELD,
        LATER_MENTION,
        ADMINISTRATION,
        NAME_SPELLING,
        PREDECESSOR_FOR_HOLDER,
        PLATFORM_ATTRIBUTION,
    )
}
