"""`python -m bot.kb.importers --data DIR --out DIR`: regenerate rules/kb/imported/."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from bot.errors import CopydeskError
from bot.kb.importers.run import run


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bot.kb.importers",
        description="Import the public data files into knowledge-base YAML.",
    )
    parser.add_argument("--data", type=Path, required=True, help="folder of the data files")
    parser.add_argument("--out", type=Path, required=True, help="folder to write the KB files to")
    parser.add_argument("--quiet", action="store_true", help="print the counts only, not the notes")
    args = parser.parse_args(argv)
    try:
        report = run(args.data, args.out)
    except CopydeskError as exc:
        print(f"import failed: {exc}", file=sys.stderr)
        return 2
    for line in report.lines():
        if not (args.quiet and line.startswith("  note:")):
            print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
