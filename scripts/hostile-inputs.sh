#!/usr/bin/env bash
# Runs `ahp-fce evaluate` on hostile inputs, as a user's shell would: size bombs under a
# memory limit, output into a closed pipe and onto a full disk. Each must end with exit status
# 1 and one message on standard error, never a panic or an abort. Uses the tool the tests
# built (`cargo test` builds target/debug/ahp-fce); .ci/run runs it after them.
set -uo pipefail
cd "$(dirname "$0")/.."
tool=target/debug/ahp-fce
[ -x "$tool" ] || { echo "build the tool first: cargo build -p ahp-fce-cli"; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

passed=0
failed=0
check() { # NAME EXPECTED_STATUS STATUS STDERR_FILE
    local name=$1 expected=$2 status=$3 stderr=$4
    if [ "$status" -eq "$expected" ] && ! grep -qE 'panicked|memory allocation|stack overflow' "$stderr"; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        echo "FAILED $name: exit status $status (wanted $expected); stderr:"
        head -c 600 "$stderr"
        echo
    fi
}

# A 540 KB model of 45,000 children and no pairs once asked for 24 GB; 1 GB must be plenty.
python3 - "$work/wide.json" <<'PY'
import json, sys
children = [{"name": f"c{k}"} for k in range(45_000)]
json.dump({"hierarchy": {"name": "G", "comparisons": {"pairs": []}, "children": children}},
          open(sys.argv[1], "w"))
PY
for bomb in "$work/wide.json" tests/corpus/wide-empty-pairs.json tests/corpus/empty-rows.json \
    tests/corpus/subnormal-ri.json tests/corpus/duplicate-leaf.json tests/corpus/deep.json \
    tests/corpus/deep.toml tests/corpus/crowded-panel.json; do
    (ulimit -v 1000000; timeout 60 "$tool" evaluate "$bomb" >/dev/null 2>"$work/stderr")
    status=$?
    check "$(basename "$bomb") under a 1 GB limit" 1 "$status" "$work/stderr"
done

(ulimit -v 1000000; timeout 60 "$tool" evaluate tests/corpus/long-names.json >/dev/null 2>"$work/stderr")
check "long names" 0 $? "$work/stderr"

# The long names make a report of 260 KB, more than a pipe holds: the write meets the closed
# end for certain.
"$tool" evaluate tests/corpus/long-names.json 2>"$work/stderr" | head -c 10 >/dev/null
check "output into a closed pipe" 1 "${PIPESTATUS[0]}" "$work/stderr"
grep -q "cannot write the output" "$work/stderr" || { failed=$((failed + 1)); echo "FAILED closed pipe: no message"; }

if [ -w /dev/full ]; then
    "$tool" evaluate examples/models/paper.json >/dev/full 2>"$work/stderr"
    check "output onto a full disk" 1 $? "$work/stderr"
fi

echo "hostile inputs: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
