#!/usr/bin/env bash
# Times this crate against vectorized numpy and the ahpy package on the same workloads, in one
# run on this machine, and prints the comparison tables (markdown) for the README: one core,
# then every core with the `rayon` feature against one core and the all-core read bound.
#
#   bash scripts/compare.sh           # full size (a few minutes)
#   bash scripts/compare.sh --quick   # tiny sizes: checks that everything runs
#   bash scripts/compare.sh --sql     # full size, and the SQL function against the batch
#                                     # scorer (builds DataFusion optimized: long the first time)
#
# Sets up its own Python environment under target/compare-venv from the package registry.
set -euo pipefail
cd "$(dirname "$0")/.."
quick=""
sql=""
for argument in "$@"; do
  case "$argument" in
    --quick) quick="--quick" ;;
    --sql) sql="--sql" ;;
    *) echo "usage: bash scripts/compare.sh [--quick] [--sql]" >&2; exit 2 ;;
  esac
done

venv=target/compare-venv
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check numpy scipy ahpy
fi

mkdir -p target/compare
if [ -n "$quick" ]; then
  cargo bench --quiet --features rayon --bench compare -- --test > target/compare/rust.json
else
  cargo bench --quiet --features rayon --bench compare > target/compare/rust.json
fi
if [ -n "$sql" ]; then
  # Criterion's own estimates (one thread: the member builds the library without rayon).
  udf="$PWD/target/criterion/udf"
  rm -rf "$udf"
  if [ -n "$quick" ]; then
    cargo bench --quiet -p ahp-fce-datafusion --bench udf -- --test >&2
    sql=""
  else
    CRITERION_HOME="$udf" cargo bench --quiet -p ahp-fce-datafusion --bench udf >&2
    sql="--sql $udf"
  fi
fi
"$venv/bin/python" scripts/compare.py target/compare/rust.json $quick $sql
