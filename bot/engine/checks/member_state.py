"""`member-state`: a member of Congress labelled with a state they never represented ("Senate
Majority Leader Harry Reid (R-Ky.)", "Rep. Jim Jordan, R-Calif.,", "Sen. Ted Cruz of Ohio").

American copy labels members with party and state. The KB knows every member's seats, so a label
naming a state the person never represented, in either chamber, at any time, means the name or
the label is wrong: most often a colleague's name in a sentence written about someone else. Only
a name the KB resolves to one member, and a label that names a US state without doubt, are
judged; a member who moved states or chambers is never flagged. Nothing here depends on the
story date.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import msgspec

from bot.engine.analysis import Decision, Mention
from bot.engine.finding import Finding
from bot.engine.kinds import CheckKind, Context
from bot.engine.officeholding import term_evidence
from bot.engine.rules import LoadedRule
from bot.kb.index import KnowledgeIndex
from bot.kb.model import KnowledgeBase, Term


class MemberStateParams(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    offices: list[str]  # the chambers whose seats are states ("us.senator", "us.representative")
    country: str = "US"  # the jurisdiction whose states label the members


_STATE = r"[A-Z][A-Za-z.]*(?: [A-Z][A-Za-z.]*)?"
# "(R-Ky.)", "(D., Calif.)", "(D-New York)", "(I-Vt.)"; ", R-Ky.," and ", D-N.Y." at a clause end
_PARTY_LABEL = re.compile(
    rf"\s*(?:\(\s*[DRI]\.?\s*[-–,]\s*(?P<p>{_STATE})\s*\)|,\s+[DRI]-(?P<c>{_STATE})(?=[,;.)\s]|$))"
)
# "(Va.)", "(Texas)": a state alone in brackets
_STATE_LABEL = re.compile(rf"\s*\((?P<s>{_STATE})\)")
# "(Ind.)" alone is a party (Independent) as often as Indiana
_PARTY_WORDS = frozenset({"Ind.", "Ind", "Dem.", "Rep."})
# "of Kentucky": only a state's full name
_OF_STATE = re.compile(rf"\s+of\s+(?P<o>{_STATE})\b")


def _state(index: KnowledgeIndex, country: str, label: str, *, postal: bool) -> str | None:
    """The state code a label names, through the KB's own adjectives ("Ky.", "Kentucky"); a
    postal code ("R-TN") only in a party label, since "(OR)" or "of IN" say something else."""
    for jurisdiction in index.jurisdictions_of(label):
        if index.kb.jurisdictions[jurisdiction].parent == country:
            return jurisdiction.split("-", 1)[1]
    if postal and label.isupper() and f"{country}-{label}" in index.kb.jurisdictions:
        return label
    return None


def _label(text: str, end: int, index: KnowledgeIndex, country: str) -> tuple[str, str] | None:
    """The state a label right after the name gives, as (label as written, state code)."""
    party = _PARTY_LABEL.match(text, end)
    if party is not None:
        label = (party.group("p") or party.group("c")).rstrip(",")
        code = _state(index, country, label, postal=True) or _state(
            index, country, label.rstrip("."), postal=True
        )
        return (party.group(0).strip(" ,"), code) if code else None
    for pattern in (_STATE_LABEL, _OF_STATE):
        found = pattern.match(text, end)
        if found is not None:
            label = found.group(found.lastgroup or 0)
            code = None if label in _PARTY_WORDS else _state(index, country, label, postal=False)
            if code is not None and (
                pattern is _STATE_LABEL or label == _full_name(index.kb, country, code)
            ):
                return found.group(0).strip(), code
    return None


def _full_name(kb: KnowledgeBase, country: str, code: str) -> str:
    found = kb.jurisdictions.get(f"{country}-{code}")
    return found.name if found else ""


def _seat_state(term: Term) -> str | None:
    """ "WI-1" -> "WI"; "NV" -> "NV"."""
    return term.seat.split("-", 1)[0] if term.seat else None


def _check(ctx: Context, rule: LoadedRule) -> Iterator[Finding]:
    p: MemberStateParams = rule.params
    analysis = ctx.analysis
    kb = analysis.knowledge.kb
    text = analysis.text
    chambers = set(p.offices)
    for m in analysis.mentions:
        person = m.person
        if person is None or m.short:
            continue
        seats = [t for t in kb.terms_of(person) if t.office in chambers and t.seat]
        if not seats:
            continue
        label = _label(text, m.end, analysis.knowledge, p.country)
        if label is None:
            continue
        written, code = label
        states = sorted({s for t in seats if (s := _seat_state(t))})
        wrong = code not in states
        analysis.decisions.append(
            Decision(
                m.start,
                m.end,
                kb.people[person].name,
                f"represented {', '.join(states)} in Congress",
                f"labelled {written}",
                wrong,
                "another state's label" if wrong else "the label fits",
            )
        )
        if wrong:
            yield _finding(ctx, rule, m, person, written, code, states, seats, p.country)


def _finding(
    ctx: Context,
    rule: LoadedRule,
    m: Mention,
    person: str,
    written: str,
    code: str,
    states: list[str],
    seats: list[Term],
    country: str,
) -> Finding:
    kb = ctx.knowledge.kb
    name = kb.people[person].name
    start, _ = m.span
    return ctx.finding(
        rule,
        start,
        m.end,
        {
            "written": ctx.document.text[start : m.end],
            "name": name,
            "label": written,
            "state": _full_name(kb, country, code),
            "states": " and ".join(_full_name(kb, country, s) for s in states),
        },
        [term_evidence(kb, name, t) for t in seats[-2:]],
    )


MEMBER_STATE = CheckKind(
    "member-state",
    MemberStateParams,
    frozenset({"written", "name", "label", "state", "states"}),
    run=_check,
)
