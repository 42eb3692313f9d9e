"""`copydesk kb`: ask the knowledge base (who, person, stats), prebuild its index, refresh it."""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from bot.commands.args import iso_date


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("kb", help="query, build or refresh the knowledge base")
    sub = parser.add_subparsers(dest="kb_command", metavar="SUBCOMMAND", required=True)
    who = sub.add_parser(
        "who", help='who held an office on a date: kb who "Treasury Secretary" --on 2025-07-29'
    )
    who.add_argument("title", help='a title as written in copy, e.g. "Treasury Secretary"')
    who.add_argument("--on", type=iso_date, default=None, help="date (default: today)")
    who.set_defaults(func=run_who)
    person = sub.add_parser("person", help='the offices a person held: kb person "Olaf Scholz"')
    person.add_argument("name", help="a person's name or a known short form")
    person.set_defaults(func=run_person)
    stats = sub.add_parser(
        "stats", help="terms per office group and jurisdiction, with as-of dates"
    )
    stats.add_argument("--group", help="only this office group")
    stats.add_argument(
        "--by",
        choices=("jurisdiction", "group"),
        default="jurisdiction",
        help="one row per group and jurisdiction (default), or per group",
    )
    stats.set_defaults(func=run_stats)
    build = sub.add_parser("build", help="validate the KB and rules and write the prebuilt index")
    build.set_defaults(func=run_build)
    for p in (who, person, stats, build):
        p.add_argument("--rules", help="rules directory (default: the bundled rules)")
    refresh = sub.add_parser(
        "refresh", help="fetch officeholders from Wikidata into a snapshot for review"
    )
    refresh.add_argument("--endpoint", default=None, help="SPARQL endpoint (default: Wikidata's)")
    refresh.add_argument(
        "--positions", default=None, help="position map (default: rules/wikidata-positions.yaml)"
    )
    refresh.add_argument(
        "--out", default=None, help="snapshot file (default: rules/kb/wikidata/p39-snapshot.yaml)"
    )
    refresh.add_argument(
        "--since", default="1990-01-01", help="only terms ending on or after this date"
    )
    refresh.add_argument("--timeout", type=float, default=60.0, help="read timeout per query (s)")
    refresh.set_defaults(func=run_refresh)
    diff = sub.add_parser(
        "diff",
        help="what changed between two KB states: who came, who left, which dates moved",
        description="Compare two states of the knowledge base, office by office. A state is a "
        "rules or kb folder, a snapshot file from `kb refresh` (read over the bundled KB), or "
        "git:REV (the repository's rules/kb at a commit). With one state, compare the "
        "bundled KB with it.",
    )
    diff.add_argument("states", nargs="+", metavar="STATE", help="[OLD] NEW")
    diff.add_argument("--group", action="append", default=[], help="only this office group")
    diff.add_argument("--rules", help="the rules folder a snapshot is read over (default: bundled)")
    diff.set_defaults(func=run_diff)


def run_refresh(args: argparse.Namespace) -> int:
    """Imported on use: httpx and tenacity are not needed to check an article."""
    from bot.kb.refresh_cli import run_refresh as run

    return run(args)


def run_diff(args: argparse.Namespace) -> int:
    import tempfile
    from pathlib import Path

    from bot.errors import UsageError
    from bot.kb.diff import bundled_without, diff, is_snapshot, load_files, load_state, render
    from bot.paths import checked_rules_dir

    if len(args.states) > 2:
        raise UsageError("kb diff takes one or two states: [OLD] NEW")
    rules = checked_rules_dir(Path(args.rules) if args.rules else None)
    with tempfile.TemporaryDirectory(prefix="copydesk-diff-") as scratch:
        if len(args.states) == 2:
            old = load_state(args.states[0], rules, scratch=Path(scratch))
        elif Path(args.states[0]).is_file():
            old = bundled_without(args.states[0], rules)
        else:
            from bot.kb.diff import kb_files

            old = load_files(kb_files(rules))
        new = load_state(args.states[-1], rules, scratch=Path(scratch))
    changes = diff(old, new, args.group, partial=is_snapshot(args.states[-1]))
    print(render(changes, old, new))
    return 0


def _index(args: argparse.Namespace) -> Any:
    from pathlib import Path

    from bot.engine import load_ruleset

    return load_ruleset(Path(args.rules) if args.rules else None).knowledge


def run_who(args: argparse.Namespace) -> int:
    from bot.kb.officeholding_text import describe_term
    from bot.kb.query import Answer, answer, offices_for_title

    index = _index(args)
    day = args.on or date.today()
    if not offices_for_title(index, args.title):
        print(f"no office is called {args.title!r} in the knowledge base")
        return 1
    kb = index.kb
    for found in answer(index, args.title, day):
        terms = "; ".join(describe_term(kb, h.term) for h in found.holdings)
        if found.answer is Answer.KNOWN:
            said = terms
        elif found.answer is Answer.UNCERTAIN:
            said = f"uncertain (the dates are not precise enough to tell): {terms}"
        elif found.answer is Answer.NOBODY:
            said = "nobody"
        else:
            said = "unknown (the KB does not know who held it then)"
        print(f"{kb.offices[found.office].name} on {day.isoformat()}: {said}")
    return 0


def run_person(args: argparse.Namespace) -> int:
    from bot.kb.officeholding_text import describe_term
    from bot.kb.query import resolve

    index = _index(args)
    kb = index.kb
    people = resolve(index, args.name)
    if not people:
        print(f"{args.name!r} is not in the knowledge base")
        return 1
    for pid in people:
        person = kb.people[pid]
        print(f"{person.name} ({pid})")
        if person.variants:
            print(f"  also written: {', '.join(person.variants)}")
        if person.note:
            print(f"  note: {person.note}")
        for term in kb.terms_of(pid):
            print(f"  {kb.offices[term.office].name}: {describe_term(kb, term, with_name=False)}")
    return 0


def run_stats(args: argparse.Namespace) -> int:
    from bot.kb.query import stats

    index = _index(args)
    kb = index.kb
    rows = [r for r in stats(index) if not args.group or r[0] == args.group]
    header = (
        f"{'group':<20} {'jurisdiction':<16} {'offices':>7} {'terms':>6}  {'complete from':<13}"
    )
    if args.by == "group":
        # a group is complete only as far as its least fresh jurisdiction: "all to" is that
        # date, "newest" the freshest jurisdiction's
        print(f"{header} {'all to':<11} newest")
        for group, jurisdictions, offices, terms, start, oldest, newest in _by_group(rows):
            print(
                f"{group:<20} {jurisdictions:<16} {offices:>7} {terms:>6}  {start:<13} "
                f"{oldest:<11} {newest}"
            )
    else:
        print(f"{header} as of")
        for group, jurisdiction, offices, terms, start, end in rows:
            print(f"{group:<20} {jurisdiction:<16} {offices:>7} {terms:>6}  {start:<13} {end}")
    total_terms = sum(len(t) for t in kb.terms_by_office.values())
    print(
        f"\n{len(kb.people)} people, {len(kb.offices)} offices, {total_terms} terms, "
        f"{len(kb.sources)} sources; knowledge base {kb.version}"
    )
    print("sources (complete to):")
    for source in sorted(kb.sources.values(), key=lambda s: s.id):
        print(f"  {source.id:<40} {source.complete_to.isoformat()}  {source.name}")
    return 0


def _by_group(
    rows: list[tuple[str, str, int, int, str, str]],
) -> list[tuple[str, str, int, int, str, str, str]]:
    """Fold jurisdictions: offices and terms summed, earliest coverage, and the oldest and the
    newest as-of date (the group is complete to the oldest)."""
    out: dict[str, tuple[str, str, int, int, str, str, str]] = {}
    for group, _j, offices, terms, start, end in rows:
        old = out.get(group)
        if old is None:
            out[group] = (group, "1 jurisdiction", offices, terms, start, end, end)
        else:
            count = int(old[1].split()[0]) + 1
            out[group] = (
                group,
                f"{count} jurisdictions",
                old[2] + offices,
                old[3] + terms,
                min(old[4], start),
                min(old[5], end),
                max(old[6], end),
            )
    return list(out.values())


def run_build(args: argparse.Namespace) -> int:
    import time
    from pathlib import Path

    from bot.engine.ruleset import prebuild

    started = time.perf_counter()
    ruleset, path = prebuild(Path(args.rules) if args.rules else None)
    kb = ruleset.knowledge.kb
    print(
        f"{len(ruleset.rules)} rules, {len(kb.people)} people, {len(kb.offices)} offices; "
        f"index written to {path} in {time.perf_counter() - started:.1f} s"
    )
    return 0
