"""Documentation generated from the rules stays true to them."""

from __future__ import annotations

from pathlib import Path

from tenderlint.rules.docs import rules_markdown
from tenderlint.rules.model import Rule

REPO = Path(__file__).resolve().parents[1]


def test_rules_md_is_current(default_rules: list[Rule]) -> None:
    current = (REPO / "docs" / "rules.md").read_text(encoding="utf-8")
    assert current == rules_markdown(default_rules), (
        "docs/rules.md is stale: regenerate it with `tenderlint docs rules -o docs/rules.md`"
    )


def test_readme_commands_exist() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "pip install . && tenderlint check examples/housing-system-itt.docx" in readme
    assert "pip install -e '.[test]' && python -m pytest" in readme
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "pip install --quiet -e '.[test]'" in ci and "\npython -m pytest\n" in ci


def test_word_example_matches_the_markdown_example() -> None:
    from tenderlint.parsers import parse

    markdown = parse(REPO / "examples" / "housing-system-itt.md")
    word = parse(REPO / "examples" / "housing-system-itt.docx")
    assert [block.text for block in word.blocks] == [block.text for block in markdown.blocks]
