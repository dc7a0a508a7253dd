"""Speed of the package against ahpy and vectorized numpy, measured in one run.

    python python/bench/compare.py            # the figures of python/README.md
    python python/bench/compare.py --quick    # a smoke run (as .ci/run does): small sizes

Prints a Markdown table; every figure is also given as a ratio to numpy measured in the same
run, since absolute times depend on the machine.
"""

import argparse
import pathlib
import timeit

import numpy as np

import ahp_fce

ROOT = pathlib.Path(__file__).resolve().parents[2]


def best(function, repeat, number):
    """Seconds per call: the best of `repeat` timings of `number` calls."""
    return min(timeit.repeat(function, repeat=repeat, number=number)) / number


def nine_by_nine():
    rng = np.random.default_rng(9)
    scale = np.array([1 / 9, 1 / 7, 1 / 5, 1 / 3, 1, 3, 5, 7, 9])
    b = np.ones((9, 9))
    for i in range(9):
        for j in range(i + 1, 9):
            b[i, j] = rng.choice(scale)
            b[j, i] = 1 / b[i, j]
    return b


def matrix_rows(repeat, number):
    b = nine_by_nine()
    rows = []

    def numpy_geometric():
        g = np.prod(b, axis=1) ** (1 / 9)
        return g / g.sum()

    def numpy_eigen():
        values, vectors = np.linalg.eig(b)
        v = np.real(vectors[:, np.argmax(np.real(values))])
        return v / v.sum()

    matrix = ahp_fce.judgment_matrix(b)
    baseline = {
        "geometric mean": best(numpy_geometric, repeat, number),
        "eigenvector": best(numpy_eigen, repeat, number),
    }
    ours = {
        "geometric mean": best(lambda: matrix.weights(), repeat, number),
        "eigenvector": best(lambda: matrix.weights(method="eigenvector"), repeat, number),
    }
    # From the Python lists a user has: validation included.
    listed = b.tolist()
    build = {
        "geometric mean": best(lambda: ahp_fce.judgment_matrix(listed).weights(), repeat, number),
        "eigenvector": best(
            lambda: ahp_fce.judgment_matrix(listed).weights(method="eigenvector"), repeat, number
        ),
    }
    for method in ("geometric mean", "eigenvector"):
        rows.append((f"9×9 {method}: numpy", baseline[method], baseline[method]))
        rows.append((f"9×9 {method}: ahp_fce (matrix built)", ours[method], baseline[method]))
        rows.append((f"9×9 {method}: ahp_fce (from lists)", build[method], baseline[method]))
    try:
        import ahpy
    except ImportError:
        return rows
    names = [f"c{k}" for k in range(9)]
    comparisons = {(names[i], names[j]): b[i, j] for i in range(9) for j in range(i + 1, 9)}
    # ahpy computes the principal eigenvector (and CR) when the Compare is made.
    ahpy_time = best(lambda: ahpy.Compare("m", comparisons, precision=10), repeat, number)
    rows.append(("9×9 eigenvector: ahpy", ahpy_time, baseline["eigenvector"]))
    return rows


def batch_rows(objects, repeat):
    model = ahp_fce.Model.load(ROOT / "examples/models/paper.toml")
    rng = np.random.default_rng(1)
    x = rng.random((objects, len(model.leaves), len(model.grades)))
    x /= x.sum(axis=2, keepdims=True)
    weights = np.array([model.evaluate().weights[leaf].global_ for leaf in model.leaves])
    scores = np.array([g["score"] for g in model.evaluate().grades])

    def numpy_batch():
        # The weighted average is linear: E = Σ_leaf w_leaf·r_leaf, normalized, then scored.
        # No validation of the rows: numpy does less than the package here.
        e = np.einsum("olg,l->og", x, weights)
        e /= e.sum(axis=1, keepdims=True)
        return e @ scores

    baseline = best(numpy_batch, repeat, 1)
    ours = best(lambda: model.score(x), repeat, 1)
    expected = model.score(x).scores
    # Same sums in another order: a few ulps.
    np.testing.assert_allclose(numpy_batch(), expected, rtol=1e-12)
    label = f"{objects:,} objects, paper model"
    return [
        (f"{label}: numpy einsum", baseline, baseline),
        (f"{label}: ahp_fce score (rows validated)", ours, baseline),
    ]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="small sizes, for a smoke run")
    quick = parser.parse_args().quick
    rows = matrix_rows(repeat=3 if quick else 7, number=50 if quick else 2000)
    rows += batch_rows(objects=10_000 if quick else 1_000_000, repeat=2 if quick else 5)
    print("| case | time | numpy ÷ this (higher is faster) |")
    print("|---|---:|---:|")
    for name, seconds, baseline in rows:
        shown = f"{seconds * 1e6:.2f} µs" if seconds < 1e-3 else f"{seconds * 1e3:.1f} ms"
        print(f"| {name} | {shown} | {baseline / seconds:.2f} |")


if __name__ == "__main__":
    main()
