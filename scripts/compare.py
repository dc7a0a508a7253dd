"""The peers' side of scripts/compare.sh: times vectorized numpy and the ahpy package on the
same workloads as benches/compare.rs, then prints the comparison table.

Usage: python compare.py RUST_JSON [--quick] [--sql CRITERION_DIR]

With --sql, also prints the SQL function against the in-process batch scorer from the
criterion estimates of `cargo bench -p ahp-fce-datafusion --bench udf` in CRITERION_DIR.
"""
import glob
import json
import os
import platform
import sys
import time

import numpy as np

QUICK = "--quick" in sys.argv
SCALE = [1.0, 2.0, 3.0, 1 / 2, 5.0, 1 / 3, 7.0, 1 / 5, 9.0]
SAATY = [1 / 9, 1 / 8, 1 / 7, 1 / 6, 1 / 5, 1 / 4, 1 / 3, 1 / 2, 1, 2, 3, 4, 5, 6, 7, 8, 9]
RI9 = 1.45  # Saaty (1980) and (2005) agree at order 9


def best_of(runs, work):
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
    return best


def matrix9():
    b = np.ones((9, 9))
    for x in range(9):
        for y in range(x + 1, 9):
            b[x, y] = SCALE[(3 * x + 5 * y) % len(SCALE)]
            b[y, x] = 1 / b[x, y]
    return b


def gm_cr(b):
    w = np.prod(b, axis=1) ** (1 / 9)
    w /= w.sum()
    lam = np.mean(b @ w / w)
    return w, (lam - 9) / 8 / RI9


def eig_cr(b):
    values, vectors = np.linalg.eig(b)
    k = np.argmax(values.real)
    w = np.abs(vectors[:, k].real)
    w /= w.sum()
    return w, (values[k].real - 9) / 8 / RI9


def per_call(function, b, calls):
    return best_of(5, lambda: [function(b) for _ in range(calls)]) / calls


def ahpy_per_call(b, calls):
    import ahpy

    names = [f"c{k}" for k in range(9)]
    pairs = {(names[x], names[y]): b[x, y] for x in range(9) for y in range(x + 1, 9)}
    return best_of(3, lambda: [ahpy.Compare("m", pairs, precision=10, random_index="saaty")
                               for _ in range(calls)]) / calls


def memberships(objects):
    rng = np.random.default_rng(1)
    votes = rng.multinomial(10, [0.25] * 4, size=(objects, 12))
    return votes / 10.0


def paper_weights():
    """Local weights of the paper-shaped model of benches/compare.rs (geometric mean)."""
    def gm(upper, t):
        b = np.ones((t, t))
        k = 0
        for x in range(t):
            for y in range(x + 1, t):
                b[x, y] = upper[k]
                b[y, x] = 1 / upper[k]
                k += 1
        w = np.prod(b, axis=1) ** (1 / t)
        return w / w.sum()
    d = gm([3, 5, 2, 2, 0.5, 1 / 3], 4)
    f = gm([2, 3, 2], 3)
    return f, d


def batch_weighted_average(r, leaf_weights, scores):
    e = np.tensordot(r, leaf_weights, axes=([1], [0]))
    e /= e.sum(axis=1, keepdims=True)
    return e, e @ scores


def batch_min_max(r, f, d, scores):
    g = np.stack([np.minimum(r[:, 4 * i:4 * i + 4, :], d[None, :, None]).max(axis=1)
                  for i in range(3)], axis=1)
    g /= g.sum(axis=2, keepdims=True)
    e = np.minimum(g, f[None, :, None]).max(axis=1)
    e /= e.sum(axis=1, keepdims=True)
    return e, e @ scores


def random_matrices(samples, rng):
    idx = rng.integers(0, 17, size=(samples, 36))
    values = np.array(SAATY)[idx]
    b = np.ones((samples, 9, 9))
    upper = np.triu_indices(9, 1)
    b[:, upper[0], upper[1]] = values
    b[:, upper[1], upper[0]] = 1 / values
    return b


def ri_geometric(samples, rng):
    b = random_matrices(samples, rng)
    w = np.exp(np.log(b).mean(axis=2))
    w /= w.sum(axis=1, keepdims=True)
    lam = (np.einsum("sxy,sy->sx", b, w) / w).mean(axis=1)
    return ((lam - 9) / 8).mean()


def ri_eigen(samples, rng):
    b = random_matrices(samples, rng)
    lam = np.linalg.eigvals(b).real.max(axis=1)
    return ((lam - 9) / 8).mean()


def machine():
    model = "unknown CPU"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
        mem = next(line for line in open("/proc/meminfo") if line.startswith("MemTotal"))
        memory = f"{int(mem.split()[1]) / 2**20:.0f} GiB"
    except OSError:
        memory = "unknown memory"
    import os
    return f"{model}, {os.cpu_count()} cores, {memory}; Python {platform.python_version()}, numpy {np.__version__}"


def main():
    rust = json.load(open(sys.argv[1]))
    calls, objects, samples = (20, 10_000, 2_000) if QUICK else (2_000, 1_000_000, 100_000)
    b = matrix9()
    numpy_gm = per_call(gm_cr, b, calls)
    numpy_eig = per_call(eig_cr, b, calls)
    ahpy_call = ahpy_per_call(b, max(calls // 20, 5))

    r = memberships(objects)
    f, d = paper_weights()
    leaf_weights = np.concatenate([fi * d for fi in f])
    scores = np.array([4.0, 3.0, 2.0, 1.0])
    numpy_wa = best_of(3, lambda: batch_weighted_average(r, leaf_weights, scores)) / objects
    numpy_minmax = best_of(3, lambda: batch_min_max(r, f, d, scores)) / objects

    rng = np.random.default_rng(7)
    numpy_ri_gm = best_of(3, lambda: ri_geometric(samples, rng)) / samples
    numpy_ri_eig = best_of(3, lambda: ri_eigen(samples // 10, rng)) / (samples // 10)

    bound = rust["bytes_per_object"] / rust["stream_read_bytes_per_s"]
    rows = [
        ("one 9×9 matrix, weights + full consistency report, geometric mean (per call)", rust["matrix9_geometric_mean_s"], numpy_gm, "numpy", "≥ 50×"),
        ("one 9×9 matrix, weights + full consistency report, eigenvector (per call)", rust["matrix9_eigenvector_s"], numpy_eig, "numpy", "≥ 50×"),
    ]
    # The peer's work alone (weights, λmax, CR), where this build of the bench times it.
    if "matrix9_geometric_mean_cr_only_s" in rust:
        rows += [
            ("one 9×9 matrix, weights + CR only (numpy's work), geometric mean (per call)", rust["matrix9_geometric_mean_cr_only_s"], numpy_gm, "numpy", "≥ 50×"),
            ("one 9×9 matrix, weights + CR only (numpy's work), eigenvector (per call)", rust["matrix9_eigenvector_cr_only_s"], numpy_eig, "numpy", "≥ 50×"),
        ]
    rows += [
        ("one 9×9 matrix, weights + full consistency report, eigenvector (per call)", rust["matrix9_eigenvector_s"], ahpy_call, "ahpy", "≥ 1000×"),
        ("one 9×9 matrix, weights + full consistency report, geometric mean (per call)", rust["matrix9_geometric_mean_s"], ahpy_call, "ahpy", "≥ 1000×"),
        ("batch weighted average, 12 leaves × 4 grades (per object)", rust["batch_weighted_average_s_per_object"], numpy_wa, "numpy", ""),
        ("batch weighted average vs one-core memory-read bound (per object)", rust["batch_weighted_average_s_per_object"], bound, "STREAM read", "≥ 0.65×"),
        ("batch Zadeh min–max, level by level (per object)", rust["batch_min_max_s_per_object"], numpy_minmax, "numpy", "≥ 20×"),
        ("RI simulation t = 9, geometric-mean route (per matrix)", rust["ri_t9_geometric_mean_s_per_matrix"], numpy_ri_gm, "numpy", "≥ 10×"),
        ("RI simulation t = 9, eigenvalue route (per matrix)", rust["ri_t9_eigenvector_s_per_matrix"], numpy_ri_eig, "numpy", "≥ 10×"),
    ]
    print(f"Machine: {machine()}; ahp-fce rayon feature: {rust['rayon']}; "
          "one core (one thread) in this table.")
    print(f"STREAM-style read, one core: {rust['stream_read_bytes_per_s'] / 1e9:.1f} GB/s "
          f"= {1 / bound / 1e6:.1f} M objects/s at {rust['bytes_per_object']} bytes per object.\n")
    print("| workload | ahp-fce | peer | peer time / ahp-fce time | goal |")
    print("| --- | --- | --- | --- | --- |")
    for name, ours, theirs, peer, goal in rows:
        print(f"| {name} | {fmt(ours)} | {peer}: {fmt(theirs)} | {theirs / ours:.2f}× | {goal} |")
    if "all_cores" in rust:
        all_cores(rust)
    if "--sql" in sys.argv:
        sql_table(sys.argv[sys.argv.index("--sql") + 1])


def sql_table(directory):
    """The DataFusion function per row against `BatchScorer`, one thread, from criterion."""
    def per_row(name):
        found = glob.glob(os.path.join(directory, "*", name, "new"))
        if len(found) != 1:
            sys.exit(f"compare.py: expected one criterion result for {name} in {directory}, "
                     f"found {len(found)}")
        estimates = json.load(open(os.path.join(found[0], "estimates.json")))
        rows = json.load(open(os.path.join(found[0], "benchmark.json")))["throughput"]["Elements"]
        return estimates["median"]["point_estimate"] * 1e-9 / rows

    baseline = per_row("batch_scorer")
    print("\nThe SQL function (DataFusion, one partition, batches of 8,192 rows) against the "
          "in-process batch scorer, one thread, weighted average, 1,000,000 objects of the paper "
          "model; criterion medians, same run.\n")
    print("| workload | per object | baseline | time / baseline time | goal |")
    print("| --- | --- | --- | --- | --- |")
    rows = [
        ("`ColumnScorer` on the batches' columns (the function's core)", "column_scorer", ""),
        ("`SELECT fce_score(...)` over an in-memory table", "sql", "≤ 1.5×"),
    ]
    for name, key, goal in rows:
        ours = per_row(key)
        print(f"| {name} | {fmt(ours)} | `BatchScorer`: {fmt(baseline)} | "
              f"{ours / baseline:.2f}× | {goal} |")


def all_cores(rust):
    """The rayon figures: every core against one, and against the all-core read bound."""
    many = rust["all_cores"]
    n = many["threads"]
    bound = rust["bytes_per_object"] / many["stream_read_bytes_per_s"]
    print(f"\nOn {n} threads (rayon), same run. STREAM-style read on {n} threads: "
          f"{many['stream_read_bytes_per_s'] / 1e9:.1f} GB/s "
          f"({many['stream_read_bytes_per_s'] / rust['stream_read_bytes_per_s']:.2f}× one core).\n")
    print(f"| workload | {n} threads | baseline | baseline time / {n}-thread time | goal |")
    print("| --- | --- | --- | --- | --- |")
    rows = [
        ("batch weighted average (per object)", "batch_weighted_average_s_per_object",
         rust["batch_weighted_average_s_per_object"], "one thread", ""),
        (f"batch weighted average vs {n}-thread read bound (per object)",
         "batch_weighted_average_s_per_object", bound, f"STREAM read, {n} threads", "≥ 0.6×"),
        ("RI simulation t = 9, geometric-mean route (per matrix)",
         "ri_t9_geometric_mean_s_per_matrix", rust["ri_t9_geometric_mean_s_per_matrix"],
         "one thread", f"≥ {0.8 * n:.1f}× (0.8 × threads)"),
        ("RI simulation t = 9, eigenvalue route (per matrix)",
         "ri_t9_eigenvector_s_per_matrix", rust["ri_t9_eigenvector_s_per_matrix"],
         "one thread", f"≥ {0.8 * n:.1f}× (0.8 × threads)"),
    ]
    for name, key, baseline, label, goal in rows:
        ours = many[key]
        print(f"| {name} | {fmt(ours)} | {label}: {fmt(baseline)} | {baseline / ours:.2f}× | {goal} |")


def fmt(seconds):
    for unit, scale in (("s", 1), ("ms", 1e-3), ("µs", 1e-6), ("ns", 1e-9)):
        if seconds >= scale:
            return f"{seconds / scale:.3g} {unit}"
    return f"{seconds / 1e-9:.3g} ns"


main()
