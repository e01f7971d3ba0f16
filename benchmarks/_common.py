"""Helpers shared by the benchmark scripts: interleaved timing and a generated tender PDF."""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "fixtures"))


def interleaved(candidates: dict[str, Callable[[], object]], rounds: int = 7) -> dict[str, float]:
    """Median seconds per candidate, running them in turn each round so load affects all alike."""
    times: dict[str, list[float]] = {name: [] for name in candidates}
    for _ in range(rounds):
        for name, run in candidates.items():
            start = time.perf_counter()
            run()
            times[name].append(time.perf_counter() - start)
    return {name: statistics.median(values) for name, values in times.items()}


def report(title: str, medians: dict[str, float], baseline: str) -> None:
    print(title)
    for name, seconds in medians.items():
        ratio = seconds / medians[baseline]
        print(f"  {name:<40} {seconds * 1000:9.1f} ms   x{ratio:6.2f} of {baseline}")


def tender_pdf(path: Path, pages: int = 60) -> Path:
    """A multi-page text PDF built with the fixture generator's writer."""
    from make_fixtures import build_pdf, page_lines, text_stream

    body = [
        "The supplier must provide a hosted case management system for the Council.",
        "Bidders must have a minimum annual turnover of £2 million.",
        "The Council will pay valid invoices within 30 days of receipt.",
        "The solution must meet WCAG 2.2 AA and be available 99.5% of the time.",
    ] * 10
    streams = [text_stream(page_lines("Benchmark Council", body, f"Page {n} of {pages}")) for n in range(1, pages + 1)]
    path.write_bytes(build_pdf(streams))
    return path
