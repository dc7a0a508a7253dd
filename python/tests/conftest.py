"""Shared fixtures: the repository's shipped models and the Rust tool that reports on them."""

import os
import pathlib
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
MODELS = sorted((ROOT / "examples" / "models").glob("*.*"))


@pytest.fixture(scope="session")
def cli() -> pathlib.Path:
    """The `ahp-fce` binary that `scripts/python-test.sh` built (or `AHP_FCE_CLI`)."""
    path = pathlib.Path(os.environ.get("AHP_FCE_CLI", ROOT / "target" / "release" / "ahp-fce"))
    if not path.exists():
        pytest.fail(f"{path} is missing: run scripts/python-test.sh, or set AHP_FCE_CLI")
    return path


def rust_report(cli: pathlib.Path, model: pathlib.Path) -> str:
    """What `ahp-fce evaluate MODEL --format json` prints."""
    run = subprocess.run(
        [str(cli), "evaluate", str(model), "--format", "json"],
        check=True,
        capture_output=True,
        text=True,
    )
    return run.stdout
