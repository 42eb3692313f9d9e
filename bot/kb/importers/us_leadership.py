"""Congressional leadership roles (`leadership_roles` in the legislators files) -> offices.

Only the chamber leaders and whips are imported; committee, caucus and conference posts are not
offices the KB knows. Older snapshots write the bare title ("Speaker", "Majority Leader") with
the chamber beside it, so the chamber decides.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from datetime import date
from typing import Any

from bot.kb.importers.spans import Span, parse_day

_BY_TITLE: dict[tuple[str, str], str] = {}
for _chamber, _words in (("senate", "Senate"), ("house", "House")):
    for _side in ("Majority", "Minority"):
        for _post, _slug in (("Leader", "leader"), ("Whip", "whip")):
            _office = f"us.{_chamber}-{_side.lower()}-{_slug}"
            _BY_TITLE[(f"{_words} {_side} {_post}", _chamber)] = _office
            _BY_TITLE[(f"{_side} {_post}", _chamber)] = _office
_BY_TITLE[("Speaker of the House", "house")] = "us.house-speaker"
_BY_TITLE[("Speaker", "house")] = "us.house-speaker"
_BY_TITLE[("President Pro Tempore of the Senate", "senate")] = "us.senate-president-pro-tempore"
_BY_TITLE[("President Pro Tempore", "senate")] = "us.senate-president-pro-tempore"

# The Senate Republican whip's formal title is "Assistant Republican Leader", which the data
# writes "Assistant Senate Majority/Minority Leader" (John Thune, 2019-2021). The Democrats'
# "Assistant Democratic Leader" (Patty Murray) is a different, lesser post, hence the party test.
_REPUBLICAN_WHIP = {
    ("Assistant Senate Majority Leader", "senate"): "us.senate-majority-whip",
    ("Assistant Senate Minority Leader", "senate"): "us.senate-minority-whip",
}


def _party_on(terms: list[Mapping[str, Any]], chamber: str, day: date, where: str) -> str:
    kind = "sen" if chamber == "senate" else "rep"
    for term in terms:
        if term.get("type") != kind:
            continue
        start = parse_day(term.get("start"), where, "term start")
        end = parse_day(term.get("end"), where, "term end") if term.get("end") else date.max
        if start <= day <= end:
            return str(term.get("party", ""))
    return ""


def office_for(role: Mapping[str, Any], terms: list[Mapping[str, Any]], where: str) -> str | None:
    """The office id of a leadership role, or None for a post the KB does not hold."""
    key = (str(role.get("title", "")).strip(), str(role.get("chamber", "")).strip())
    if key in _BY_TITLE:
        return _BY_TITLE[key]
    if key in _REPUBLICAN_WHIP:
        start = parse_day(role.get("start"), where, "leadership start")
        if _party_on(terms, key[1], start, where) == "Republican":
            return _REPUBLICAN_WHIP[key]
    return None


def leadership_spans(record: Mapping[str, Any], where: str, skipped: Counter[str]) -> list[Span]:
    """Spans of the leadership offices in one legislator's record; other titles are counted."""
    terms = list(record.get("terms") or [])
    spans = []
    for role in record.get("leadership_roles") or []:
        office = office_for(role, terms, where)
        if office is None:
            skipped[f"{role.get('title')} ({role.get('chamber')})"] += 1
            continue
        start = parse_day(role.get("start"), where, "leadership start")
        end = parse_day(role.get("end"), where, "leadership end") if role.get("end") else None
        spans.append(Span(office, start, end))
    return spans
