"""`copydesk kb refresh` against a local SPARQL server on 127.0.0.1 (never the internet)."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from bot.errors import FetchError
from bot.kb.refresh import SparqlClient, build_snapshot, compare, read_snapshot, refresh

POSITIONS = {"Q11696": "us.head-of-state", "Q14211": "gb.head-of-government"}


def _binding(
    position: str, person: str, label: str, start: str, end: str | None = None, aliases: str = ""
) -> dict[str, dict[str, str]]:
    row = {
        "position": {"type": "uri", "value": f"http://www.wikidata.org/entity/{position}"},
        "person": {"type": "uri", "value": f"http://www.wikidata.org/entity/{person}"},
        "personLabel": {"type": "literal", "value": label},
        "start": {"type": "literal", "value": start},
        "aliases": {"type": "literal", "value": aliases},
    }
    if end:
        row["end"] = {"type": "literal", "value": end}
    return row


ROWS = [
    _binding(
        "Q11696",
        "Q6279",
        "Joe Biden",
        "2021-01-20T00:00:00Z",
        "2025-01-20T00:00:00Z",
        "Joseph Biden|Joseph R. Biden",
    ),
    _binding("Q11696", "Q22686", "Donald Trump", "2025-01-20T00:00:00Z"),
    _binding("Q14211", "Q1000", "Keir Starmer", "2024-07-05T00:00:00Z"),
    _binding("Q14211", "Q1001", "Q1001", "2024-01-01T00:00:00Z"),  # no English label: skipped
]


class SparqlServer:
    """Answers SPARQL JSON; `script` is a list of (status, headers) to play before success."""

    def __init__(self) -> None:
        self.script: list[tuple[int, dict[str, str]]] = []
        self.queries: list[str] = []
        self.rows = ROWS
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                query = parse_qs(urlsplit(self.path).query)
                outer.queries.append(query["query"][0])
                if outer.script:
                    status, headers = outer.script.pop(0)
                    self.send_response(status)
                    for k, v in headers.items():
                        self.send_header(k, v)
                    self.end_headers()
                    return
                wanted = [
                    r
                    for r in outer.rows
                    if r["position"]["value"].rsplit("/", 1)[1] in query["query"][0]
                ]
                body = json.dumps({"head": {"vars": []}, "results": {"bindings": wanted}}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/sparql-results+json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/sparql"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()


@pytest.fixture
def server() -> Iterator[SparqlServer]:
    s = SparqlServer()
    yield s
    s.close()


def test_refresh_builds_people_and_terms(server: SparqlServer) -> None:
    snapshot = refresh(
        SparqlClient(server.url, attempts=2),
        POSITIONS,
        since=date(1990, 1, 1),
        today=date(2026, 11, 1),
        batch=1,
    )
    assert len(server.queries) == 2  # one query per batch of positions
    assert "wdt:P39" in server.queries[0] or "ps:P39" in server.queries[0]
    assert snapshot.people["Q6279"] == {
        "id": "Q6279",
        "name": "Joe Biden",
        "variants": ["Joseph Biden", "Joseph R. Biden"],
    }
    assert "Q1001" not in snapshot.people
    ends = {(t.person, t.office): (t.start, t.end) for t in snapshot.terms}
    assert ends[("Q6279", "us.head-of-state")] == ("2021-01-20", "2025-01-20")
    assert ends[("Q22686", "us.head-of-state")] == ("2025-01-20", None)


def test_snapshot_round_trips_and_reports_changes(server: SparqlServer, tmp_path: Path) -> None:
    before = build_snapshot(
        [_binding("Q11696", "Q6279", "Joe Biden", "2021-01-20T00:00:00Z")],
        POSITIONS,
        date(2024, 1, 1),
    )
    path = tmp_path / "snapshot.yaml"
    path.write_text(before.to_yaml(server.url), encoding="utf-8")
    data = yaml.safe_load(path.read_text())
    assert data["sources"][0]["complete_to"] == date(2024, 1, 1)
    after = refresh(
        SparqlClient(server.url), POSITIONS, since=date(1990, 1, 1), today=date(2026, 11, 1)
    )
    changes = compare(read_snapshot(path), after)
    assert [t.person for t in changes.terms_closed] == ["Q6279"]
    assert {t.person for t in changes.terms_opened} == {"Q22686", "Q1000"}
    assert changes.people_added == ["Q1000", "Q22686"]
    assert "Donald Trump took office us.head-of-state on 2025-01-20" in changes.summary(
        {p: v["name"] for p, v in after.people.items()}
    )


@pytest.mark.slow  # waits out retry back-off
def test_429_is_retried_after_retry_after(server: SparqlServer) -> None:
    server.script = [(429, {"Retry-After": "1"}), (503, {})]
    import time

    started = time.monotonic()
    rows = SparqlClient(server.url, attempts=3).query(
        "SELECT * WHERE { VALUES ?position { wd:Q11696 } }"
    )
    assert time.monotonic() - started >= 1.0
    assert len(server.queries) == 3 and rows


def test_4xx_is_not_retried(server: SparqlServer) -> None:
    server.script = [(400, {})]
    with pytest.raises(FetchError, match="refused the query: HTTP 400"):
        SparqlClient(server.url, attempts=3).query("bad")
    assert len(server.queries) == 1


@pytest.mark.slow  # waits out retry back-off
def test_persistent_failure_says_so(server: SparqlServer) -> None:
    server.script = [(500, {})] * 3
    with pytest.raises(FetchError, match="kept answering HTTP 500 after 3 attempts"):
        SparqlClient(server.url, attempts=3).query("q")


def test_unreachable_endpoint_is_a_clear_error() -> None:
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(FetchError, match="cannot reach the SPARQL endpoint"):
        SparqlClient(f"http://127.0.0.1:{port}/sparql", attempts=2, timeout=2).query("q")


def test_cli_writes_snapshot_and_summary(server: SparqlServer, tmp_path: Path, capsys) -> None:
    from bot.cli import main

    positions = tmp_path / "positions.yaml"
    positions.write_text("positions:\n  Q11696: us.head-of-state\n", encoding="utf-8")
    out = tmp_path / "kb" / "snapshot.yaml"
    argv = [
        "kb",
        "refresh",
        "--endpoint",
        server.url,
        "--positions",
        str(positions),
        "--out",
        str(out),
    ]
    assert main(argv) == 0
    printed = capsys.readouterr().out
    assert "2 people added, 2 terms opened, 0 terms closed" in printed
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert {t["person"] for t in data["terms"]} == {"Q6279", "Q22686"}
    assert main(argv) == 0  # a second run changes nothing
    assert "0 people added, 0 terms opened, 0 terms closed" in capsys.readouterr().out


@pytest.mark.slow  # builds the bundled knowledge base
def test_bundled_position_map_names_known_offices() -> None:
    from bot.engine.ruleset import build_ruleset, default_rules_dir
    from bot.kb.refresh import read_positions

    positions = read_positions(default_rules_dir() / "wikidata-positions.yaml")
    kb = build_ruleset(default_rules_dir()).knowledge.kb
    assert positions["Q11696"] == "us.head-of-state"
    assert set(positions.values()) <= set(kb.offices)
