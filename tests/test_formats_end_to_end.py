"""Word and PDF tenders through the real CLI: findings located to paragraph, table cell, page and line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import docx

sys.path.insert(0, str(Path(__file__).parent / "fixtures"))
from make_fixtures import build_pdf, page_lines, text_stream


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tenderlint", "check", "--no-config", "--select", "SPEC-BRAND,SME-PAYMENT-DAYS", *args],
        capture_output=True, text=True, check=False,
    )


def test_docx_paragraph_and_table_cell(tmp_path: Path) -> None:
    word = docx.Document()
    word.add_heading("4 Platform", level=1)
    word.add_paragraph("The solution must be built on Microsoft Dynamics 365.")
    table = word.add_table(rows=2, cols=3)
    for cell, text in zip(table.rows[0].cells, ("Ref", "Requirement", "Priority"), strict=True):
        cell.text = text
    for cell, text in zip(table.rows[1].cells, ("R1", "All laptops supplied must be Dell Latitude models.", "M"),
                          strict=True):
        cell.text = text
    word.add_paragraph("Invoices will be paid within 45 days.")
    path = tmp_path / "spec.docx"
    word.save(str(path))
    before = path.read_bytes()

    result = _cli(str(path))
    assert result.returncode == 1, result.stderr
    lines = result.stdout.splitlines()
    assert f"{path}:para 2: error SPEC-BRAND 'Microsoft Dynamics 365' is named in a requirement" in "\n".join(lines)
    assert any(line.startswith(f"{path}:table 1:row 2:cell 2: error SPEC-BRAND 'Dell'") for line in lines)
    assert any(line.startswith(f"{path}:para 3: error SME-PAYMENT-DAYS") for line in lines)

    data = json.loads(_cli("--format", "json", str(path)).stdout)
    cell = next(f for f in data["findings"] if f["match"] == "Dell")
    assert cell["location"] == {"table": "1", "row": 2, "cell": 2, "section": "4 Platform", "block": 6}
    assert cell["text"] == "All laptops supplied must be Dell Latitude models."
    assert path.read_bytes() == before


def test_docx_minimum_levels_table_read_across_rows(tmp_path: Path) -> None:
    word = docx.Document()
    word.add_paragraph("The estimated contract value is £200,000.")
    table = word.add_table(rows=4, cols=2)
    rows = (("Requirement", "Minimum level"), ("Professional indemnity insurance", "£10 million"),
            ("Annual turnover", "£3m"), ("Payment terms", "60 days from receipt of invoice"))
    for row, texts in zip(table.rows, rows, strict=True):
        for cell, text in zip(row.cells, texts, strict=True):
            cell.text = text
    path = tmp_path / "sq.docx"
    word.save(str(path))

    result = subprocess.run(
        [sys.executable, "-m", "tenderlint", "check", "--no-config", "--no-scorecard",
         "--select", "SME-INSURANCE-LEVEL,SME-TURNOVER,SME-PAYMENT-DAYS", str(path)],
        capture_output=True, text=True, check=False,
    )
    found = [line.split(": ", 2)[:2] for line in result.stdout.splitlines() if ":table " in line]
    assert found == [
        [f"{path}:table 1:row 2:cell 1", "warning SME-INSURANCE-LEVEL Cover of £10 million is above £1m, which looks "
         "out of proportion to this contract"],
        [f"{path}:table 1:row 3:cell 1", "warning SME-TURNOVER A minimum turnover of £3m is more than twice the "
         "contract value (£400k limit)"],
        [f"{path}:table 1:row 4:cell 2", "error SME-PAYMENT-DAYS Payment in 60 days is slower than the 30 days the "
         "law implies into public contracts"],
    ]


def test_pdf_page_and_line(tmp_path: Path) -> None:
    first = ["Invitation to tender", "The Council invites tenders for a case management system."]
    second = ["Requirements", "The service will be hosted in the UK.", "The solution must be hosted on AWS."]
    path = tmp_path / "itt.pdf"
    pages = [text_stream(page_lines(None, body, None)) for body in (first, second)]
    path.write_bytes(build_pdf(pages))
    result = _cli(str(path))
    assert result.returncode == 1, result.stderr
    assert f"{path}:page 2:line 3: error SPEC-BRAND 'AWS'" in result.stdout


def test_pdf_tables_are_read_row_by_row(tmp_path: Path) -> None:
    placed = [
        (72, 780, 11, "The estimated contract value is £200,000."),
        (72, 760, 11, "Activity"), (320, 760, 11, "Date"),
        (72, 744, 11, "Publication of Contract Notice"), (320, 744, 11, "2nd March 2026"),
        (72, 728, 11, "Clarification deadline"), (320, 728, 11, "9th March 2026"),
        (72, 712, 11, "Tender submission deadline"), (320, 712, 11, "16th March 2026"),
        (72, 690, 11, "Bidders must meet the financial standing below."),
        (72, 670, 11, "Requirement"), (320, 670, 11, "Minimum level"),
        (72, 654, 11, "Annual turnover"), (320, 654, 11, "£3m"),
    ]
    path = tmp_path / "itt.pdf"
    path.write_bytes(build_pdf([text_stream(placed)]))
    result = subprocess.run(
        [sys.executable, "-m", "tenderlint", "check", "--no-config", "--no-scorecard",
         "--select", "SME-TENDER-PERIOD,SME-TURNOVER", str(path)],
        capture_output=True, text=True, check=False,
    )
    assert [line.split(": ")[1].split()[1] for line in result.stdout.splitlines() if ":page 1:" in line] == [
        "SME-TENDER-PERIOD", "SME-TURNOVER",
    ]
    assert f"{path}:page 1:line 5: error SME-TENDER-PERIOD The deadline leaves 14 days" in result.stdout
    assert f"{path}:page 1:line 8: warning SME-TURNOVER A minimum turnover of £3m" in result.stdout


def test_word_comment_suppresses_a_finding_on_its_paragraph() -> None:
    from tenderlint import Config, Linter

    spec = Path(__file__).parent / "fixtures" / "documents" / "specification.docx"
    text = "Bidders must have an annual turnover of at least £5 million."
    from tenderlint.parsers import parse

    linter = Linter(Config(select=("SME-TURNOVER",), contract_value=100_000))
    assert linter.lint_file(spec).findings == []
    document = parse(spec)
    document.suppressions.clear()
    [finding] = linter.lint_documents([document])
    assert finding.text == text and finding.location.paragraph == 12
