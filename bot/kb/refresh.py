"""Refresh officeholder terms from Wikidata's SPARQL endpoint (position held, P39).

For each office mapped to a Wikidata position (rules/wikidata-positions.yaml), fetch every
holder with start (P580) and end (P582) qualifiers, their English label and aliases, and write
a snapshot in the KB format for review (a diff in a pull request), plus a summary of what
changed since the previous snapshot: people added, terms opened, terms closed.

Network: httpx with connect/read timeouts; tenacity retries connection errors, 5xx and 429 (after
the server's Retry-After), then gives up with a message that says what failed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import httpx
import yaml
from tenacity import (
    RetryCallState,
    retry,
    retry_if_exception,
    stop_after_attempt,
    wait_exponential,
)

from bot import __version__
from bot.errors import FetchError, KnowledgeError

DEFAULT_ENDPOINT = "https://query.wikidata.org/sparql"
USER_AGENT = f"Copydesk/{__version__} (newsroom fact checker; https://github.com/copydesk/copydesk)"
SOURCE_ID = "wikidata-p39"
_QID = re.compile(r"^Q\d+$")
_ENTITY = re.compile(r"/entity/(Q\d+)$")

QUERY = """\
SELECT ?position ?person ?personLabel ?start ?end
       (GROUP_CONCAT(DISTINCT ?alias; separator="|") AS ?aliases)
WHERE {{
  VALUES ?position {{ {positions} }}
  ?person p:P39 ?statement .
  ?statement ps:P39 ?position .
  OPTIONAL {{ ?statement pq:P580 ?start . }}
  OPTIONAL {{ ?statement pq:P582 ?end . }}
  FILTER(!BOUND(?end) || ?end >= "{since}T00:00:00Z"^^xsd:dateTime)
  OPTIONAL {{ ?person skos:altLabel ?alias . FILTER(LANG(?alias) = "en") }}
  SERVICE wikibase:label {{ bd:serviceParam wikibase:language "en". }}
}}
GROUP BY ?position ?person ?personLabel ?start ?end
"""


class RetryableStatusError(Exception):
    """A 429 or 5xx answer worth trying again (after `wait` seconds if the server said so)."""

    def __init__(self, status: int, wait: float | None) -> None:
        super().__init__(f"HTTP {status}")
        self.status = status
        self.wait = wait


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("Retry-After")
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        return None


def _wait(state: RetryCallState) -> float:
    """Honour Retry-After on 429/503; otherwise exponential backoff."""
    outcome = state.outcome
    error = outcome.exception() if outcome else None
    if isinstance(error, RetryableStatusError) and error.wait is not None:
        return min(error.wait, 120.0)
    return float(wait_exponential(multiplier=0.5, max=30)(state))


def _retryable(error: BaseException) -> bool:
    return isinstance(error, RetryableStatusError | httpx.TransportError)


@dataclass
class SparqlClient:
    """A small SPARQL-over-HTTP client (GET with `format=json`)."""

    endpoint: str = DEFAULT_ENDPOINT
    timeout: float = 60.0
    attempts: int = 5
    transport: httpx.BaseTransport | None = None

    def query(self, sparql: str) -> list[dict[str, Any]]:
        """The result bindings; raises FetchError once retries are exhausted."""

        @retry(
            retry=retry_if_exception(_retryable),
            stop=stop_after_attempt(self.attempts),
            wait=_wait,
            reraise=True,
        )
        def attempt() -> list[dict[str, Any]]:
            with httpx.Client(
                timeout=httpx.Timeout(self.timeout, connect=10.0),
                headers={"User-Agent": USER_AGENT, "Accept": "application/sparql-results+json"},
                transport=self.transport,
            ) as client:
                response = client.get(self.endpoint, params={"query": sparql, "format": "json"})
            if response.status_code == 429 or response.status_code >= 500:
                raise RetryableStatusError(response.status_code, _retry_after(response))
            if response.status_code >= 400:
                raise FetchError(
                    f"the SPARQL endpoint {self.endpoint} refused the query: HTTP "
                    f"{response.status_code}: {response.text[:200]}"
                )
            try:
                data = response.json()
                bindings = data["results"]["bindings"]
            except (ValueError, KeyError, TypeError) as exc:
                raise FetchError(
                    f"the SPARQL endpoint {self.endpoint} did not answer JSON results"
                ) from exc
            return list(bindings)

        try:
            return attempt()
        except RetryableStatusError as exc:
            raise FetchError(
                f"the SPARQL endpoint {self.endpoint} kept answering {exc} after "
                f"{self.attempts} attempts; try again later"
            ) from exc
        except httpx.TransportError as exc:
            raise FetchError(
                f"cannot reach the SPARQL endpoint {self.endpoint} ({type(exc).__name__}: {exc}); "
                "check the network or pass --endpoint"
            ) from exc


@dataclass(frozen=True, order=True)
class RefreshedTerm:
    person: str
    office: str
    start: str
    end: str | None


@dataclass
class Snapshot:
    """People and terms as Wikidata states them, ready to be written in the KB format."""

    retrieved: date
    people: dict[str, dict[str, Any]] = field(default_factory=dict)
    terms: set[RefreshedTerm] = field(default_factory=set)

    def to_yaml(self, endpoint: str) -> str:
        document = {
            "description": (
                f"Generated by `copydesk kb refresh` from {endpoint} on "
                f"{self.retrieved.isoformat()}. Review the diff before committing; do not edit "
                "by hand."
            ),
            "sources": [
                {
                    "id": SOURCE_ID,
                    "name": "Wikidata, position held (P39) with start and end qualifiers",
                    "url": "https://www.wikidata.org/wiki/Property:P39",
                    "licence": "CC0-1.0",
                    "complete_to": self.retrieved,
                    "priority": 40,
                }
            ],
            "people": [self.people[pid] for pid in sorted(self.people, key=_qid_order)],
            "terms": [
                {
                    k: v
                    for k, v in (
                        ("person", t.person),
                        ("office", t.office),
                        ("start", t.start),
                        ("end", t.end),
                        ("source", SOURCE_ID),
                    )
                    if v is not None
                }
                for t in sorted(self.terms)
            ],
        }
        return yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=100)


def _qid_order(qid: str) -> int:
    return int(qid[1:]) if _QID.match(qid) else 0


def _day(binding: dict[str, Any], key: str) -> str | None:
    value = binding.get(key, {}).get("value")
    if not value:
        return None
    match = re.match(r"^\+?(\d{4})-(\d{2})-(\d{2})", value)
    if not match:
        return None
    year, month, day = match.groups()
    if month == "00" or day == "00":  # Wikidata writes year precision as -00-00 or -01-01
        return year
    return f"{year}-{month}-{day}"


def build_snapshot(
    bindings: Iterable[dict[str, Any]], positions: dict[str, str], retrieved: date
) -> Snapshot:
    """Turn SPARQL bindings into a snapshot; `positions` maps position QID -> office id."""
    snapshot = Snapshot(retrieved)
    for b in bindings:
        position = _entity(b.get("position", {}).get("value", ""))
        person = _entity(b.get("person", {}).get("value", ""))
        start = _day(b, "start")
        if not position or not person or position not in positions or not start:
            continue  # a term without a start date cannot be judged
        label = b.get("personLabel", {}).get("value", "")
        if not label or _QID.match(label):
            continue  # no English label: nothing to spot in copy
        aliases = [a for a in b.get("aliases", {}).get("value", "").split("|") if a and a != label]
        entry = snapshot.people.setdefault(person, {"id": person, "name": label, "variants": []})
        entry["variants"] = sorted(set(entry.get("variants", [])) | set(aliases))
        snapshot.terms.add(RefreshedTerm(person, positions[position], start, _day(b, "end")))
    for entry in snapshot.people.values():
        if not entry.get("variants"):
            entry.pop("variants", None)
    return snapshot


def _entity(uri: str) -> str | None:
    match = _ENTITY.search(uri)
    return match.group(1) if match else None


@dataclass(frozen=True)
class Changes:
    people_added: list[str]
    terms_opened: list[RefreshedTerm]
    terms_closed: list[RefreshedTerm]

    def summary(self, names: dict[str, str]) -> str:
        lines = [
            f"{len(self.people_added)} people added, {len(self.terms_opened)} terms opened, "
            f"{len(self.terms_closed)} terms closed"
        ]
        for pid in self.people_added:
            lines.append(f"  + person {names.get(pid, pid)} ({pid})")
        for t in self.terms_opened:
            lines.append(f"  + {names.get(t.person, t.person)} took office {t.office} on {t.start}")
        for t in self.terms_closed:
            lines.append(f"  - {names.get(t.person, t.person)} left office {t.office} on {t.end}")
        return "\n".join(lines)


def compare(previous: Snapshot | None, current: Snapshot) -> Changes:
    old_people = set(previous.people) if previous else set()
    old_terms = {(t.person, t.office, t.start): t for t in previous.terms} if previous else {}
    opened, closed = [], []
    for term in sorted(current.terms):
        before = old_terms.get((term.person, term.office, term.start))
        if before is None:
            opened.append(term)
        elif before.end is None and term.end is not None:
            closed.append(term)
    return Changes(sorted(set(current.people) - old_people, key=_qid_order), opened, closed)


def read_snapshot(path: Path) -> Snapshot | None:
    if not path.exists():
        return None
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    snapshot = Snapshot(date.today())
    for person in data.get("people", []):
        snapshot.people[person["id"]] = person
    for t in data.get("terms", []):
        end = t.get("end")
        snapshot.terms.add(
            RefreshedTerm(
                t["person"], t["office"], str(t["start"]), None if end is None else str(end)
            )
        )
    return snapshot


def read_positions(path: Path) -> dict[str, str]:
    """rules/wikidata-positions.yaml: `positions: {Q11696: us.head-of-state, ...}`."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise KnowledgeError(str(path), None, None, f"cannot read the position map: {exc}") from exc
    positions = data.get("positions")
    if not isinstance(positions, dict) or not all(_QID.match(str(k)) for k in positions):
        raise KnowledgeError(
            str(path), None, None, "expected 'positions:' mapping Wikidata QIDs to office ids"
        )
    return {str(k): str(v) for k, v in positions.items()}


def refresh(
    client: SparqlClient,
    positions: dict[str, str],
    *,
    since: date,
    today: date,
    batch: int = 40,
    progress: Callable[[str], None] | None = None,
) -> Snapshot:
    """Query every mapped position (in batches, to keep each query small) into one snapshot."""
    qids = sorted(positions, key=_qid_order)
    bindings: list[dict[str, Any]] = []
    for i in range(0, len(qids), batch):
        chunk = qids[i : i + batch]
        if progress:
            progress(f"querying positions {i + 1}-{i + len(chunk)} of {len(qids)}")
        values = " ".join(f"wd:{q}" for q in chunk)
        bindings.extend(client.query(QUERY.format(positions=values, since=since.isoformat())))
    return build_snapshot(bindings, positions, today)
