"""Print precision and recall of the default ruleset on gold-set files.

Usage: python tests/gold_score.py [tests/fixtures/gold/*.yaml] [--show]
"""

from __future__ import annotations

import sys
from pathlib import Path

from tenderlint import Linter
from tenderlint.evaluate import format_scores, score_gold

if __name__ == "__main__":
    arguments = [a for a in sys.argv[1:] if a != "--show"]
    paths = [Path(a) for a in arguments] or sorted((Path(__file__).parent / "fixtures" / "gold").glob("*.yaml"))
    scores = score_gold(paths, Linter())
    print(format_scores("Gold set: sentence findings", scores))
    if "--show" in sys.argv:
        for miss in scores.misses:
            print(f"{miss.kind:>11} {miss.category:<18} {miss.where}: {miss.text}")
