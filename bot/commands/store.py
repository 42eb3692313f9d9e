"""`copydesk db upgrade`, `copydesk history` and `copydesk stats`: the store from the shell.

All read COPYDESK_DATABASE_URL (default: copydesk.db in the working directory). Imports happen
inside the handlers so that the rest of the CLI starts fast.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bot.store import Store

DATABASE_HELP = "database URL (default: COPYDESK_DATABASE_URL, else sqlite:///copydesk.db)"


def register(subparsers: Any) -> None:
    db = subparsers.add_parser("db", help="manage the database schema (migrations)")
    db_commands = db.add_subparsers(dest="db_command", metavar="COMMAND", required=True)
    upgrade = db_commands.add_parser(
        "upgrade", help="apply the database migrations (safe to run from several replicas)"
    )
    upgrade.add_argument("--database-url", help=DATABASE_HELP)
    upgrade.set_defaults(func=_upgrade)
    current = db_commands.add_parser("current", help="show the schema revision and the latest")
    current.add_argument("--database-url", help=DATABASE_HELP)
    current.set_defaults(func=_current)

    prune = db_commands.add_parser(
        "prune", help="delete finished inbox jobs and processed-event keys older than --days"
    )
    prune.add_argument(
        "--days",
        type=_positive,
        default=None,
        help="keep this many days (default: COPYDESK_PRUNE_DAYS, else 7)",
    )
    prune.add_argument("--database-url", help=DATABASE_HELP)
    prune.set_defaults(func=_prune)

    history = subparsers.add_parser("history", help="list recent checks")
    history.add_argument("--limit", type=_positive, default=20, help="how many (default 20)")
    history.add_argument("--json", action="store_true", help="one JSON object per line")
    history.add_argument("--database-url", help=DATABASE_HELP)
    history.set_defaults(func=_history)

    stats = subparsers.add_parser(
        "stats", help="per rule: flags, editors' dismissals and the dismissal rate"
    )
    stats.add_argument(
        "--since", type=_iso_date, help="only checks made on or after DATE (YYYY-MM-DD, UTC)"
    )
    stats.add_argument("--json", action="store_true", help="one JSON object per line")
    stats.add_argument("--database-url", help=DATABASE_HELP)
    stats.set_defaults(func=_stats)


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date: {text!r} (expected YYYY-MM-DD)") from None


def _open(args: argparse.Namespace, *, must_exist: bool) -> Store:
    """The store, refusing (with the fix) a database that has no Copydesk tables yet."""
    import os

    from bot.store import DEFAULT_DATABASE_URL, SchemaError, Store
    from bot.store.engine import ENV_VAR, parse_url

    url = args.database_url or os.environ.get(ENV_VAR) or DEFAULT_DATABASE_URL
    parsed = parse_url(url)
    path = parsed.database if parsed.get_backend_name() == "sqlite" else None
    if must_exist and path and path != ":memory:" and not os.path.exists(path):
        # Reading must not leave an empty database file behind.
        raise SchemaError(
            f"no database at {path}: run `copydesk db upgrade` to create it (or set {ENV_VAR})"
        )
    store = Store(url)
    if must_exist:
        try:
            store.check_schema()
        except SchemaError:
            store.close()
            raise
    return store


def _upgrade(args: argparse.Namespace) -> int:
    from bot.store.migrate import head_revision

    with _open(args, must_exist=False) as store:
        before = store.schema_revision()
        store.upgrade()
        head = head_revision()
        if before == head:
            print(f"{store.url}: already at revision {head}")
        else:
            print(f"{store.url}: upgraded from {before or 'an empty database'} to revision {head}")
    return 0


def _current(args: argparse.Namespace) -> int:
    from bot.store.migrate import head_revision

    with _open(args, must_exist=False) as store:
        current, head = store.schema_revision(), head_revision()
        state = "up to date" if current == head else "run `copydesk db upgrade`"
        print(f"{store.url}: revision {current or 'none'} (latest {head}): {state}")
    return 0 if current == head else 1


def _prune_days() -> int:
    """COPYDESK_PRUNE_DAYS (the retention a deployment sets once), else 7."""
    import os

    from bot.errors import ConfigError

    configured = os.environ.get("COPYDESK_PRUNE_DAYS", "").strip()
    if not configured:
        return 7
    if not configured.isdigit() or int(configured) < 1:
        raise ConfigError(
            f"COPYDESK_PRUNE_DAYS={configured!r}: set it to a whole number of days, 1 or more"
        )
    return int(configured)


def _prune(args: argparse.Namespace) -> int:
    from datetime import timedelta

    days = args.days if args.days is not None else _prune_days()
    with _open(args, must_exist=True) as store:
        removed = store.prune(timedelta(days=days))
    print(f"removed {removed} finished inbox rows older than {days} days")
    return 0


def _history(args: argparse.Namespace) -> int:
    import json

    with _open(args, must_exist=True) as store:
        checks = store.recent_checks(limit=args.limit)
    if args.json:
        for check in checks:
            row = {
                "id": check.id,
                "created_at": check.created_at.isoformat(),
                "channel": check.channel,
                "message_ts": check.message_ts,
                "story_date": check.story_date.isoformat() if check.story_date else None,
                "date_source": check.date_source,
                "findings": check.finding_count,
                "rules_version": check.rules_version,
                "kb_version": check.kb_version,
                "duration_ms": check.duration_ms,
            }
            print(json.dumps(row, ensure_ascii=False))
        return 0
    if not checks:
        print("No checks recorded yet.")
        return 0
    header = ("ID", "CHECKED (UTC)", "CHANNEL", "MESSAGE", "STORY DATE", "FINDINGS", "MS")
    rows = [
        (
            str(c.id),
            c.created_at.strftime("%Y-%m-%d %H:%M"),
            c.channel,
            c.message_ts or "-",
            f"{c.story_date.isoformat()} ({c.date_source})" if c.story_date else c.date_source,
            str(c.finding_count),
            f"{c.duration_ms:.0f}",
        )
        for c in checks
    ]
    _print_table(header, rows, right={0, 5, 6})
    return 0


def _stats(args: argparse.Namespace) -> int:
    import json

    with _open(args, must_exist=True) as store:
        stats = store.rule_stats(since=args.since)
    if args.json:
        for s in stats:
            row = {
                "rule": s.rule,
                "flags": s.flags,
                "dismissals": s.dismissals,
                "dismissal_rate": round(s.dismissal_rate, 4),
            }
            print(json.dumps(row))
        return 0
    since = f" since {args.since.isoformat()}" if args.since else ""
    if not stats:
        print(f"No flags recorded{since}.")
        return 0
    rows = [
        (s.rule, str(s.flags), str(s.dismissals), f"{100 * s.dismissal_rate:.1f}%") for s in stats
    ]
    total_flags = sum(s.flags for s in stats)
    total_dismissed = sum(s.dismissals for s in stats)
    rate = 100 * total_dismissed / total_flags if total_flags else 0.0
    rows.append(("(all rules)", str(total_flags), str(total_dismissed), f"{rate:.1f}%"))
    print(f"Editors' feedback per rule{since} (a high dismissal rate costs trust):")
    _print_table(("RULE", "FLAGS", "DISMISSED", "RATE"), rows, right={1, 2, 3})
    return 0


def _print_table(header: tuple[str, ...], rows: Sequence[tuple[str, ...]], right: set[int]) -> None:
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        cells = [
            cell.rjust(widths[i]) if i in right else cell.ljust(widths[i])
            for i, cell in enumerate(row)
        ]
        print("  ".join(cells).rstrip())
