#!/usr/bin/env bash
# The Python package, as a new user gets it: a fresh virtual environment, the documented
# install command, then the package's tests, its notebook (executed headless) and a smoke run
# of its speed comparison. Needs python3 (3.9 or newer) with venv; everything else comes from
# the package registry. The environment lives under target/, which git ignores.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=target/python-venv
rm -rf "$venv"
python3 -m venv "$venv"
python="$PWD/$venv/bin/python"
# The build backend calls `maturin` by name.
export PATH="$PWD/$venv/bin:$PATH"
"$python" -m pip install --quiet --disable-pip-version-check -r python/requirements-test.txt

# The Rust report the tests compare with comes from the tool, built in the same profile as
# the package so the library is compiled once for both.
cargo build --release --locked -p ahp-fce-cli
export AHP_FCE_CLI="$PWD/target/release/ahp-fce"

# The documented install command (README): a wheel built from the clone and installed. The
# build uses the maturin just installed and this checkout's Cargo.lock.
"$python" -m pip install --quiet --disable-pip-version-check --no-build-isolation ./python

# Run from outside the source tree so `import ahp_fce` is the installed package.
cd target
"$python" -m pytest -q -p no:cacheprovider ../python/tests
"$python" - <<'PY'
import nbformat
from nbclient import NotebookClient

path = "../examples/notebooks/paper_fce.ipynb"
notebook = nbformat.read(path, as_version=4)
NotebookClient(notebook, timeout=300, kernel_name="python3",
               resources={"metadata": {"path": "../examples/notebooks"}}).execute()
print(f"{path}: every cell ran")
PY
"$python" ../python/bench/compare.py --quick
