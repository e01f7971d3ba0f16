"""The pre-commit hook, for real: a temporary repository that uses this checkout as its hook repo."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def _git(*args: str, cwd: Path) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True).stdout.strip()


def _pre_commit() -> list[str]:
    found = shutil.which("pre-commit", path=str(Path(sys.executable).parent)) or shutil.which("pre-commit")
    if found is None:
        pytest.fail("pre-commit is not installed: install the test extras (pip install -e '.[test]')")
    return [found]


@pytest.mark.slow
def test_hook_fails_on_a_tender_with_a_problem(tmp_path: Path) -> None:
    if not (REPO / ".git").exists():
        pytest.skip("needs a git checkout of tenderlint to act as the hook repository")
    rev = _git("rev-parse", "HEAD", cwd=REPO)
    project = tmp_path / "tenders"
    project.mkdir()
    _git("init", "-q", cwd=project)
    (project / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {REPO}\n    rev: {rev}\n    hooks:\n      - id: tenderlint\n", encoding="utf-8"
    )
    (project / "spec.md").write_text(
        "# Requirements\n\nThe solution must be built on Microsoft Dynamics 365.\n", encoding="utf-8"
    )
    (project / "notes.py").write_text("print('not a tender document')\n", encoding="utf-8")
    _git("add", ".", cwd=project)
    _git("commit", "-qm", "add a tender", cwd=project)

    home = os.environ.get("PRE_COMMIT_HOME", str(Path.home() / ".cache" / "pre-commit"))
    env = {**os.environ, "PRE_COMMIT_HOME": home}
    result = subprocess.run(
        [*_pre_commit(), "run", "--all-files", "--color", "never"],
        cwd=project, env=env, capture_output=True, text=True, timeout=1500, check=False,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "tenderlint" in output and "Failed" in output
    assert "spec.md:3:31: error SPEC-BRAND 'Microsoft Dynamics 365'" in output
    assert "notes.py" not in output

    (project / "spec.md").write_text(
        "# Requirements\n\nThe solution must be built on Microsoft Dynamics 365 or equivalent.\n\n"
        "Social value will be evaluated as 10% of the total score.\n", encoding="utf-8"
    )
    clean = subprocess.run(
        [*_pre_commit(), "run", "--files", "spec.md", "--color", "never"],
        cwd=project, env=env, capture_output=True, text=True, timeout=600, check=False,
    )
    assert "SPEC-BRAND" not in clean.stdout + clean.stderr
