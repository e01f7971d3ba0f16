"""Configuration: the typed Config, and reading it from .tenderlint.yaml or pyproject.toml."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from tenderlint.findings import Severity

CONFIG_FILES = (".tenderlint.yaml", ".tenderlint.yml", "pyproject.toml")
FAIL_LEVELS = ("error", "warning", "info", "never")


class ConfigError(ValueError):
    """A configuration mistake; the message names the file and the key."""


@dataclass(frozen=True)
class Config:
    """How to lint. Every field has a default, so ``Config()`` lints with the default ruleset."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: dict[str, Severity] = field(default_factory=dict)
    rules: dict[str, dict[str, Any]] = field(default_factory=dict)
    contract_value: float | None = None
    fail_on: str = "warning"
    rulesets: tuple[Path, ...] = ()
    default_ruleset: bool = True
    exclude: tuple[str, ...] = ()
    pack: bool = False

    def merged(self, **overrides: Any) -> Config:
        """A copy with the given fields replaced; ``None`` and empty values leave a field alone."""
        return replace(self, **{k: v for k, v in overrides.items() if v not in (None, (), [])})


def _tuple_of_strings(source: str, key: str, value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [part.strip() for part in value.split(",") if part.strip()]
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ConfigError(f"{source}: '{key}' must be a list of strings")
    return tuple(value)


def config_from_mapping(data: Any, source: str, base_dir: Path) -> Config:
    """Validate a mapping (from YAML or TOML) into a Config; paths resolve against ``base_dir``."""
    if data is None:
        return Config()
    if not isinstance(data, dict):
        raise ConfigError(f"{source}: the configuration must be a mapping of keys to values")
    known = {f.name for f in fields(Config)}
    unknown = sorted(set(data) - known)
    if unknown:
        raise ConfigError(f"{source}: unknown key '{unknown[0]}' (known: {', '.join(sorted(known))})")
    values: dict[str, Any] = {}
    for key in ("select", "ignore", "exclude"):
        if key in data:
            values[key] = _tuple_of_strings(source, key, data[key])
    if "severity" in data:
        values["severity"] = _severities(source, data["severity"])
    if "rules" in data:
        if not isinstance(data["rules"], dict) or not all(isinstance(v, dict) for v in data["rules"].values()):
            raise ConfigError(f"{source}: 'rules' maps rule ids to their parameters, e.g. SME-TURNOVER: {{factor: 3}}")
        values["rules"] = {str(k): dict(v) for k, v in data["rules"].items()}
    if "contract_value" in data:
        values["contract_value"] = parse_money_setting(source, data["contract_value"])
    if "fail_on" in data:
        if data["fail_on"] not in FAIL_LEVELS:
            raise ConfigError(f"{source}: 'fail_on' must be one of {', '.join(FAIL_LEVELS)}")
        values["fail_on"] = data["fail_on"]
    if "rulesets" in data:
        values["rulesets"] = tuple(base_dir / p for p in _tuple_of_strings(source, "rulesets", data["rulesets"]))
    for key in ("default_ruleset", "pack"):
        if key in data:
            if not isinstance(data[key], bool):
                raise ConfigError(f"{source}: '{key}' must be true or false")
            values[key] = data[key]
    return Config(**values)


def _severities(source: str, value: Any) -> dict[str, Severity]:
    if not isinstance(value, dict):
        raise ConfigError(f"{source}: 'severity' maps rule ids to error, warning or info")
    result = {}
    for rule, level in value.items():
        if level not in {s.value for s in Severity}:
            raise ConfigError(f"{source}: severity for '{rule}' must be error, warning or info (got {level!r})")
        result[str(rule)] = Severity(level)
    return result


def parse_money_setting(source: str, value: Any) -> float:
    """A contract value given as a number or as text like '£250k' or '1.2m'."""
    if isinstance(value, (int, float)) and not isinstance(value, bool) and value > 0:
        return float(value)
    if isinstance(value, str):
        from tenderlint.rules.model import Quantity
        from tenderlint.rules.quantities import find_amounts

        text = value.strip()
        amounts = find_amounts(text if text.startswith("£") else "£" + text, Quantity.MONEY)
        if amounts and amounts[0].value > 0:
            return amounts[0].value
    raise ConfigError(f"{source}: 'contract_value' must be an amount in pounds, such as 250000 or '£1.2m'")


def load_config_file(path: Path) -> Config:
    """Read one configuration file (.tenderlint.yaml or pyproject.toml's [tool.tenderlint])."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise ConfigError(f"{path}: cannot read: {error.strerror or error}") from None
    if path.name == "pyproject.toml":
        if sys.version_info >= (3, 11):
            import tomllib
        else:  # pragma: no cover - Python 3.10
            import tomli as tomllib  # type: ignore[import-not-found, unused-ignore]
        try:
            data = tomllib.loads(raw.decode("utf-8")).get("tool", {}).get("tenderlint")
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
            raise ConfigError(f"{path}: invalid TOML: {error}") from None
    else:
        import yaml

        try:
            data = yaml.safe_load(raw.decode("utf-8"))
        except (yaml.YAMLError, UnicodeDecodeError) as error:
            raise ConfigError(f"{path}: invalid YAML: {error}") from None
    return config_from_mapping(data, str(path), path.parent)


def find_config_file(start: Path) -> Path | None:
    """The nearest configuration file at or above ``start`` (a pyproject.toml counts only with [tool.tenderlint])."""
    for directory in (start, *start.parents):
        for name in CONFIG_FILES:
            candidate = directory / name
            if candidate.is_file() and (name != "pyproject.toml" or b"[tool.tenderlint" in candidate.read_bytes()):
                return candidate
    return None
