"""Write examples/housing-system-itt.docx from the Markdown example, so both formats stay in step.

Run from the repository root: python examples/make_docx.py
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import docx

from tenderlint.document import Block, BlockKind
from tenderlint.parsers import parse

HERE = Path(__file__).parent


def heading_level(block: Block) -> int:
    return (block.location.section or "").count(" > ") + 1


def main() -> None:
    source = parse(HERE / "housing-system-itt.md")
    word = docx.Document()
    word.core_properties.author = "tenderlint examples"
    tables: dict[str, dict[tuple[int, int], str]] = defaultdict(dict)
    placed: set[str] = set()
    for block in source.blocks:
        if block.kind is BlockKind.TABLE_CELL and block.location.table is not None:
            cells = tables[block.location.table]
            cells[(block.location.row or 1, block.location.cell or 1)] = block.text
            continue
        for name in [name for name in tables if name not in placed]:
            add_table(word, tables[name])
            placed.add(name)
        if block.kind is BlockKind.HEADING:
            word.add_heading(block.text, level=min(heading_level(block), 9))
        elif block.kind is BlockKind.LIST_ITEM:
            word.add_paragraph(block.text, style="List Bullet")
        else:
            word.add_paragraph(block.text)
    for name in [name for name in tables if name not in placed]:
        add_table(word, tables[name])
    word.save(str(HERE / "housing-system-itt.docx"))


def add_table(word: docx.document.Document, cells: dict[tuple[int, int], str]) -> None:
    rows = max(row for row, _ in cells)
    columns = max(column for _, column in cells)
    table = word.add_table(rows=rows, cols=columns)
    table.style = "Table Grid"
    for (row, column), text in cells.items():
        table.cell(row - 1, column - 1).text = text


if __name__ == "__main__":
    main()
