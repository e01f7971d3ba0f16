"""The wheel carries the rulesets and py.typed, and an installed wheel finds its rules without a checkout."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_wheel_ships_rulesets_and_finds_them_when_installed(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", str(tmp_path / "dist"),
         str(REPO)],
        check=True, capture_output=True, text=True,
    )
    [wheel] = (tmp_path / "dist").glob("tenderlint-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "tenderlint/py.typed" in names
    assert "tenderlint/rulesets/default/spec/SPEC-BRAND.yaml" in names
    assert "tenderlint/rulesets/default/terms/brands.yaml" in names

    site = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(site), str(wheel)],
        check=True, capture_output=True, text=True,
    )
    probe = subprocess.run(
        [sys.executable, "-c",
         "import tenderlint, tenderlint.rules.loader as l; print(tenderlint.__file__); print(l.default_ruleset_dir())"],
        capture_output=True, text=True, check=True, cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(site)},
    )
    module, rules = probe.stdout.split()
    assert module.startswith(str(site)) and rules.startswith(str(site))
    listed = subprocess.run(
        [sys.executable, "-m", "tenderlint", "rules"],
        capture_output=True, text=True, check=True, cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(site)},
    )
    assert "SPEC-BRAND" in listed.stdout
