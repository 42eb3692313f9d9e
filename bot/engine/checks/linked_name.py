"""`linked-name`: a name whose scraped link names someone else ("Senate Majority Leader Harry
Reid Addison (Mitch) Mitchell McConnellGOP senators balk at ... MORE").

Some sites link a person's name to their page and the scraper keeps the link's text: the
person's full name glued to other stories' headlines (`Analysis.link_widgets`). The link was
made for the person the writer meant, so a name right before a link to another surname is
most likely the wrong name.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import msgspec

from bot.engine.analysis import Analysis, Decision, LinkWidget, Mention
from bot.engine.finding import Evidence, Finding
from bot.engine.kinds import CheckKind, Context
from bot.engine.rules import LoadedRule
from bot.text.fold import fold


class LinkedNameParams(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    pass


# between the name and the linked surname: the link's own first and middle names
# ("Addison (Mitch) Mitchell "), nothing that ends a phrase
_LINK_NAMES = re.compile(
    r"[ \u00a0]+(?:[A-Z][\w'’.-]*[ \u00a0]+|\([A-Z][\w'’.-]*\)[ \u00a0]+){0,4}$"
)


_REACH = 80  # characters of link names between the name and the linked surname


def _surnames(analysis: Analysis, person: str) -> set[str]:
    kb_person = analysis.knowledge.kb.people[person]
    names = {fold(s) for s in kb_person.short}
    for form in kb_person.forms:
        names.add(fold(form.split()[-1]))
    return names


def _named_before(analysis: Analysis, widget: LinkWidget) -> Mention | None:
    """The mention the link follows, if only the link's own names stand between them."""
    text = analysis.text
    named = [
        m
        for m in analysis.mentions
        if widget.start - _REACH <= m.end <= widget.start
        and _LINK_NAMES.fullmatch(text, m.end, widget.start)
    ]
    # the earliest: a later one is the link's own middle name ("Richard (Dick) Joseph Durbin")
    return named[0] if named else None


def _check(ctx: Context, rule: LoadedRule) -> Iterator[Finding]:
    analysis = ctx.analysis
    kb = analysis.knowledge.kb
    text = analysis.text
    for widget in analysis.link_widgets:
        m = _named_before(analysis, widget)
        if m is None or m.person is None or (m.short and m.title is None):
            continue  # a surname alone may be the link's own ("George PapadopoulosGeorge ...")
        wrong = widget.surname not in _surnames(analysis, m.person)
        linked = text[widget.start : widget.start + len(widget.surname)]
        analysis.decisions.append(
            Decision(
                m.start,
                m.end,
                kb.people[m.person].name,
                f"the page links the name to {linked}",
                "a scraped link after the name",
                wrong,
                "the link names someone else" if wrong else "the link names the same person",
            )
        )
        if not wrong:
            continue
        start, _ = m.span
        yield ctx.finding(
            rule,
            start,
            m.end,
            {"written": text[start : m.end], "linked": linked},
            [
                Evidence(
                    f"the page's link on this name goes to {linked}: "
                    f"{' '.join(text[m.end : widget.start + len(widget.surname)].split())}",
                    "the article's own links, as scraped",
                )
            ],
        )


LINKED_NAME = CheckKind(
    "linked-name",
    LinkedNameParams,
    frozenset({"written", "linked"}),
    run=_check,
)
