"""`copydesk kb refresh`: bring terms up to date from Wikidata (see bot.kb.refresh)."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path


def run_refresh(args: argparse.Namespace) -> int:
    from bot.kb.refresh import (
        DEFAULT_ENDPOINT,
        SparqlClient,
        compare,
        read_positions,
        read_snapshot,
        refresh,
    )
    from bot.paths import checked_rules_dir

    rules = checked_rules_dir()
    positions = read_positions(
        Path(args.positions) if args.positions else rules / "wikidata-positions.yaml"
    )
    out = Path(args.out) if args.out else rules / "kb" / "wikidata" / "p39-snapshot.yaml"
    endpoint = args.endpoint or DEFAULT_ENDPOINT
    client = SparqlClient(endpoint=endpoint, timeout=args.timeout)
    previous = read_snapshot(out)
    snapshot = refresh(
        client,
        positions,
        since=date.fromisoformat(args.since),
        today=date.today(),
        progress=lambda line: print(line, file=sys.stderr),
    )
    changes = compare(previous, snapshot)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(snapshot.to_yaml(endpoint), encoding="utf-8")
    names = {pid: p["name"] for pid, p in snapshot.people.items()}
    print(changes.summary(names))
    print(f"snapshot written to {out}: review it (git diff), then run `copydesk kb build`")
    return 0
