"""The command line: `tenderlint check`, `rules`, `explain` and `docs`.

Only this module prints or chooses exit codes: 0 clean, 1 findings at or above the fail
level, 2 a usage error or an input that could not be read.
"""

from __future__ import annotations

import difflib
import os
import sys
from pathlib import Path
from typing import Any, NoReturn

import click

from tenderlint._version import __version__
from tenderlint.config import FAIL_LEVELS, Config, ConfigError, find_config_file, load_config_file, parse_money_setting
from tenderlint.report import FORMATS

USAGE_ERROR = 2


def _fail(message: str) -> NoReturn:
    click.echo(f"tenderlint: error: {message}", err=True)
    sys.exit(USAGE_ERROR)


def _split(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


def _load_config(config_path: Path | None, no_config: bool) -> Config:
    try:
        if config_path is not None:
            return load_config_file(config_path)
        if no_config:
            return Config()
        found = find_config_file(Path.cwd())
        return load_config_file(found) if found else Config()
    except ConfigError as error:
        _fail(str(error))


def _linter(config: Config) -> Any:
    from tenderlint.engine import Linter
    from tenderlint.rules.loader import RuleFileError

    try:
        return Linter(config)
    except (RuleFileError, ValueError) as error:
        _fail(str(error))


def _all_rules(config: Config | None = None) -> list[Any]:
    from tenderlint.engine import load_rules
    from tenderlint.rules.loader import RuleFileError

    try:
        return load_rules(config or Config())
    except RuleFileError as error:
        _fail(str(error))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="tenderlint")
def main() -> None:
    """Lint UK public-sector IT tender documents (.docx, .pdf, .md, .txt).

    Findings are located, explained and cited, each with a suggestion.
    Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage error or unreadable input.
    """


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "output_format", type=click.Choice(FORMATS), default="text", show_default=True,
              help="Output format.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the report to FILE (atomically) instead of standard output.")
@click.option("--fail-on", type=click.Choice(FAIL_LEVELS), default=None,
              help="Lowest severity that makes the exit code 1 [default: warning].")
@click.option("--select", multiple=True, metavar="RULES",
              help="Only these rules: ids, id prefixes (SME), categories (sme-barrier) or missing-clauses; "
                   "comma-separated or repeated.")
@click.option("--ignore", multiple=True, metavar="RULES", help="Skip these rules (same forms as --select).")
@click.option("--contract-value", metavar="AMOUNT",
              help="The contract value (e.g. 250000 or 1.2m), when the documents do not state it.")
@click.option("--pack", is_flag=True, default=None,
              help="Treat all files as one tender: a clause found in any file counts for all.")
@click.option("--show-context", is_flag=True, help="Show each finding's sentence and suggestion.")
@click.option("--scorecard/--no-scorecard", default=True, show_default=True,
              help="Print the per-category scorecard after the findings (text format).")
@click.option("--config", "config_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Configuration file (default: nearest .tenderlint.yaml or pyproject.toml [tool.tenderlint]).")
@click.option("--no-config", is_flag=True, help="Ignore configuration files.")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True,
              help="Colour the text output (auto: on a terminal, unless NO_COLOR is set).")
def check(paths: tuple[Path, ...], output_format: str, output: Path | None, fail_on: str | None,
          select: tuple[str, ...], ignore: tuple[str, ...], contract_value: str | None, pack: bool | None,
          show_context: bool, scorecard: bool, config_path: Path | None, no_config: bool, color: str) -> None:
    """Lint tender documents: files, or folders (every supported file under them).

    Use - to read plain text from standard input.
    """
    config = _load_config(config_path, no_config)
    value = None
    if contract_value is not None:
        try:
            value = parse_money_setting("--contract-value", contract_value)
        except ConfigError as error:
            _fail(str(error))
    config = config.merged(select=_split(select), ignore=_split(ignore), fail_on=fail_on,
                           contract_value=value, pack=pack)
    linter = _linter(config)
    reading_stdin = paths == (Path("-"),)
    report = linter.lint_text(sys.stdin.read(), name="<stdin>") if reading_stdin else linter.lint_paths(paths)
    for result in report.unreadable:
        click.echo(f"tenderlint: {result.path}: {result.reason}", err=True)
    _emit(report, output_format, output, color, show_context, scorecard)
    sys.exit(report.exit_code(config.fail_on))


def _emit(report: Any, output_format: str, output: Path | None, color: str, show_context: bool,
          scorecard: bool) -> None:
    from tenderlint._io import atomic_write
    from tenderlint.report import render

    terminal = output is None and sys.stdout.isatty()
    use_color = color == "always" or (color == "auto" and terminal and "NO_COLOR" not in os.environ)
    text = render(report, output_format, color=use_color, grouped=terminal or color == "always",
                  show_context=show_context, scorecard=scorecard)
    if output is None:
        click.echo(text, nl=False, color=use_color)
        return
    try:
        atomic_write(output, text)
    except OSError as error:
        _fail(f"cannot write {output}: {error.strerror or error}")


@main.command("rules")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--select", multiple=True, metavar="RULES", help="Only these rules, prefixes or categories.")
def list_rules(output_format: str, select: tuple[str, ...]) -> None:
    """List the rules: id, category, severity, kind and title."""
    from tenderlint.rules.selection import select_rules

    rules = _all_rules()
    try:
        rules = select_rules(rules, Config(select=_split(select)))
    except ValueError as error:
        _fail(str(error))
    if output_format == "json":
        import json

        rows = [{"id": r.id, "title": r.title, "category": r.category.value, "severity": r.severity.value,
                 "kind": r.kind.value, "params": r.params} for r in rules]
        click.echo(json.dumps(rows, indent=2))
        return
    width = max((len(rule.id) for rule in rules), default=8)
    click.echo(f"{'RULE':<{width}}  {'CATEGORY':<18}  {'SEVERITY':<8}  {'KIND':<9}  TITLE")
    for rule in rules:
        click.echo(f"{rule.id:<{width}}  {rule.category.value:<18}  {rule.severity.value:<8}  "
                   f"{rule.kind.value:<9}  {rule.title}")
    click.echo(f"\n{len(rules)} rules. `tenderlint explain RULE-ID` prints one in full.")


@main.command()
@click.argument("rule_id")
def explain(rule_id: str) -> None:
    """Print a rule's page: what it checks, why, an example, what to write instead, sources."""
    from tenderlint.rules.docs import rule_page

    rules = {rule.id: rule for rule in _all_rules()}
    rule = rules.get(rule_id.upper())
    if rule is None:
        close = difflib.get_close_matches(rule_id.upper(), list(rules), n=3)
        hint = f" Did you mean {', '.join(close)}?" if close else " `tenderlint rules` lists them."
        _fail(f"no rule called '{rule_id}'.{hint}")
    click.echo(rule_page(rule))


@main.command()
@click.argument("what", type=click.Choice(["rules"]))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to FILE.")
def docs(what: str, output: Path | None) -> None:
    """Generate documentation (docs/rules.md) from the rule files."""
    from tenderlint._io import atomic_write
    from tenderlint.rules.docs import rules_markdown

    text = rules_markdown(_all_rules())
    if output is None:
        click.echo(text, nl=False)
    else:
        atomic_write(output, text)


@main.command("eval")
@click.argument("labels", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--show", is_flag=True, help="Print every miss and false alarm with its location (JSON always has them).")
@click.option("--floors", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="YAML of minimum figures; exit 1 if any figure falls below its floor.")
@click.option("--only", multiple=True, metavar="GLOB", help="Score only labelled files matching GLOB.")
@click.option("--skip", multiple=True, metavar="GLOB", help="Leave out the labelled files matching GLOB.")
@click.option("--against", type=click.Path(exists=True, dir_okay=False, path_type=Path), metavar="LABELS2",
              help="Score a second reviewer's labels instead of the linter, on the documents both label.")
@click.option("--agreed", type=click.Path(exists=True, dir_okay=False, path_type=Path), metavar="LABELS2",
              help="Score the linter on what LABELS and LABELS2 agree on, over the documents both label.")
@click.option("--by-rule", is_flag=True, help="Also print each rule's precision, noisiest first (JSON always has it).")
@click.option("--config", "config_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Lint with this configuration file (rules turned off, parameters). Without it eval uses the "
                   "defaults and reads no configuration file, so the corpus figures are reproducible.")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Output format.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the results to FILE (atomically) instead of standard output.")
def evaluate(
    labels: Path, show: bool, floors: Path | None, only: tuple[str, ...], skip: tuple[str, ...],
    against: Path | None, agreed: Path | None, by_rule: bool, config_path: Path | None, output_format: str,
    output: Path | None,
) -> None:
    """Measure precision and recall on a labelled corpus (see tests/corpus/README.md).

    Each precision and recall comes with its 95% Wilson score interval.
    """
    from tenderlint.evaluate import (
        CORE_CATEGORIES,
        MISSING_CATEGORIES,
        check_floors,
        disagreements,
        format_rule_scores,
        format_scores,
        score_agreement,
        score_corpus,
        score_corpus_agreed,
        scores_to_json,
    )

    if against is not None and agreed is not None:
        _fail("--against and --agreed cannot be used together")
    if against is not None and config_path is not None:
        _fail("--config has no effect with --against, which scores labels, not the linter")
    config = _load_config(config_path, no_config=True)
    try:
        if against is not None:
            scores = score_agreement(labels, against, only, skip)
        elif agreed is not None:
            scores = score_corpus_agreed(labels, agreed, _linter(config), only, skip)
        else:
            scores = score_corpus(labels, _linter(config), only, skip)
    except (ValueError, KeyError, TypeError) as error:
        _fail(f"{labels}: {error}")
    failures = check_floors(scores, floors) if floors is not None else None
    if output_format == "json":
        import json

        text = json.dumps(scores_to_json(scores, failures), indent=2, sort_keys=True) + "\n"
    else:
        parts = [
            f"{scores.documents} documents",
            format_scores("Missing clauses (document level)", scores.missing, MISSING_CATEGORIES),
            format_scores("Sentence findings, core categories", scores.sentences, CORE_CATEGORIES),
            format_scores("Sentence findings, all categories", scores.sentences),
            scores.agreement_notes(),
        ]
        if by_rule:
            parts.append(format_rule_scores(scores))
        if show:
            parts.append("\n".join(f"{miss.kind:>11}  {miss.category:<18} {miss.where}: {miss.text}"
                                   for miss in disagreements(scores)))
        text = "\n\n".join(parts) + "\n"
    if output is None:
        click.echo(text, nl=False)
    else:
        from tenderlint._io import atomic_write

        try:
            atomic_write(output, text)
        except OSError as error:
            _fail(f"cannot write {output}: {error.strerror or error}")
    for failure in failures or []:
        click.echo(f"below floor: {failure}", err=True)
    if failures is not None:
        sys.exit(1 if failures else 0)
