"""The ``python`` kind: rules written in code, registered in the ``tenderlint.rules`` entry-point group.

An entry point names a callable ``check(rule, context) -> Iterable[Hit]``; it receives the
same RuleContext as every other kind and returns Hits the engine turns into Findings.
The Linter resolves each entry point once, when it is built.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from importlib.metadata import entry_points

from tenderlint.rules.context import Hit, RuleContext
from tenderlint.rules.loader import RuleFileError
from tenderlint.rules.model import PythonSpec, Rule

ENTRY_POINT_GROUP = "tenderlint.rules"
PythonCheck = Callable[[Rule, RuleContext], Iterable[Hit]]


def resolve(rule: Rule) -> PythonCheck:
    """The callable behind a python rule; raises RuleFileError if it is not installed."""
    spec = rule.spec
    assert isinstance(spec, PythonSpec)
    found = [point for point in entry_points(group=ENTRY_POINT_GROUP) if point.name == spec.entry_point]
    if not found:
        raise RuleFileError(
            rule.path, rule.id, "entry_point",
            f"no '{spec.entry_point}' in the '{ENTRY_POINT_GROUP}' entry-point group; is its package installed?",
        )
    check: PythonCheck = found[0].load()
    return check
