"""Builds responses.csv: 215 rankings of four risk areas that reproduce Table 1 of the
micro-store study (Li, Zhang & Han, "Research on Risk Analysis and Countermeasures of Micro Store
Operation Model", section 4.5), whose raw answers were never published.

Step 1. For each item, every count vector (n4, n3, n2, n1) of the scores 4..1 with 215 answers
        whose mean is within 0.005 of the published mean, kept when its standard deviation
        (n - 1 denominator) rounds to the published one at three decimals.
Step 2. Four such vectors, one per item, that use every score exactly 215 times (each
        respondent gives each score once): 3700 combinations qualify; the one whose standard
        deviations are closest to the published values in total is taken.
Step 3. That 4x4 count matrix has all row and column sums 215, so (Birkhoff-von Neumann) it
        splits into 215 permutations: each is one respondent's ranking. Respondents are shuffled
        with a fixed seed, and written as ranks (1 = most important = 4 points).

Run: python3 examples/data/micro_store/build_table1_data.py > examples/data/micro_store/responses.csv
"""
import math
import random

N = 215
ITEMS = ["Credit risks", "Way of promotion", "Logistics distribution", "Customer service"]
MEAN = [3.72, 2.00, 2.02, 2.26]
SD = [0.727, 1.023, 0.811, 0.867]
SCORES = (4, 3, 2, 1)


def stats(counts):
    s = sum(c * v for c, v in zip(counts, SCORES))
    ss = sum(c * v * v for c, v in zip(counts, SCORES))
    return s / N, math.sqrt((ss - s * s / N) / (N - 1))


def candidates(item):
    out = []
    for n4 in range(N + 1):
        for n3 in range(N + 1 - n4):
            for n2 in range(N + 1 - n4 - n3):
                counts = (n4, n3, n2, N - n4 - n3 - n2)
                mean, sd = stats(counts)
                if abs(mean - MEAN[item]) < 0.005 and round(sd, 3) == SD[item]:
                    out.append((abs(sd - SD[item]), counts))
    return out


def best_matrix():
    per_item = [candidates(i) for i in range(4)]
    last = {counts: err for err, counts in per_item[3]}
    best = None
    for ea, a in per_item[0]:
        for eb, b in per_item[1]:
            for ec, c in per_item[2]:
                d = tuple(N - a[k] - b[k] - c[k] for k in range(4))
                if d in last:
                    err = ea + eb + ec + last[d]
                    if best is None or err < best[0]:
                        best = (err, [list(a), list(b), list(c), list(d)])
    return best[1]


def perfect_matching(m):
    """A permutation p with m[i][p[i]] > 0 for every item i (backtracking; 4! at most)."""
    def extend(row, used):
        if row == len(m):
            return []
        for col in range(len(m)):
            if col not in used and m[row][col] > 0:
                rest = extend(row + 1, used | {col})
                if rest is not None:
                    return [col] + rest
        return None
    return extend(0, frozenset())


def main():
    m = best_matrix()  # m[item][k]: respondents giving the item score SCORES[k]
    rankings = []
    while any(any(row) for row in m):
        p = perfect_matching(m)
        times = min(m[i][p[i]] for i in range(4))
        for i in range(4):
            m[i][p[i]] -= times
        # score SCORES[k] is rank k + 1
        rankings += [[p[i] + 1 for i in range(4)]] * times
    random.Random(2015).shuffle(rankings)
    print(",".join(ITEMS))
    for ranks in rankings:
        print(",".join(str(r) for r in ranks))


main()
