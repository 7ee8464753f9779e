"""Which library articles need their facts looked at: `python scripts/library_facts.py [--today D]`.

Prints the articles whose facts were never checked or were checked more than six months before
the day (today by default), and those that make factual claims (years, articles of a code, laws,
counts) without sources. Exit 0 when there is nothing to do, 1 when something is listed.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from commsdesk.library.fact_check import stale, unsourced


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--today", type=date.fromisoformat, default=date.today(),
                        help="the day to measure from, YYYY-MM-DD (default: today)")
    findings = stale(parser.parse_args(argv).today) + unsourced()
    print("\n".join(map(str, findings)) if findings
          else "Every article's facts have sources and were checked in the last six months.")
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
