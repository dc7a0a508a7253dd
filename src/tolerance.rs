//! Every numerical tolerance the crate uses, in one place, each with the reason for its size.

/// How far, relatively, a typed judgment may be from the exact value it stands for.
///
/// A full judgment matrix is accepted as reciprocal when `|b_xy · b_yx − 1| ≤ 0.05` for every
/// pair, and an entry counts as on Saaty's scale when it is within 5 % of a scale value.
///
/// Why 5 %: people type 1/3 as `0.33` or `0.333`. Rounding any Saaty reciprocal to two decimals
/// is off by at most 4 % (1/8 typed as `0.13`), so such matrices pass; the closest two distinct
/// scale values (8 and 9, or 1/8 and 1/9) differ by 12.5 %, so typing a neighbouring value, or
/// a transposed entry (3 for 1/3, off by 800 %), is rejected.
///
/// Entries are kept exactly as typed, so results match a hand calculation done with the same
/// numbers.
pub const ROUNDING: f64 = 0.05;

/// Absolute tolerance on the sum of weights given directly: `|Σ w − 1| ≤ 1e-9`.
///
/// Why 1e-9: weights typed with any finite number of decimals that sum to 1 on paper sum to 1
/// in `f64` up to a few ulps (≈1e-16 each), far below 1e-9; a weight vector that sums to
/// 0.99 is a mistake to report, not to renormalize silently. Accepted weights are rescaled to
/// sum to 1 exactly (up to rounding).
pub const WEIGHT_SUM: f64 = 1e-9;

/// Largest relative change of any weight between two power iterations at which the principal
/// eigenvector counts as converged.
///
/// Why 1e-13: one iteration computes each `(Bw)_x` as a sum of `t` products, whose rounding
/// error is about `t · 2.2e-16` relative; for the orders AHP uses (t ≤ 100) that stays under
/// 1e-13, so the iteration can always reach it, and the weights are then accurate to about
/// 1e-13 / (1 − |λ₂/λ₁|).
pub const EIGENVECTOR: f64 = 1e-13;

/// Power iterations tried before the eigenvector computation switches to repeated squaring.
///
/// Why 500: the iteration starts from the geometric-mean weights, which are already close,
/// and each step shrinks the error by |λ₂/λ₁|. On Saaty's 1–9 scale that ratio stays well
/// below 0.9 (the worst 3-cycle, 9 ≻ 9 ≻ 9 ≻, has 0.84), so 500 steps reach 1e-13 with a wide
/// margin; only extreme judgments need more.
pub const EIGENVECTOR_MAX_ITERATIONS: usize = 500;

/// Squarings of the judgment matrix tried after the power iterations, before
/// [`Error::EigenvectorNotConverged`](crate::Error) is returned.
///
/// Why 64: after k squarings one step applies B^(2^k); past 2^64 the ratio |λ₂/λ₁| is
/// indistinguishable from 1 in `f64` (it is within about 1e-19 of 1), and the eigenvector is
/// then not determined to double precision at all.
pub const EIGENVECTOR_MAX_SQUARINGS: usize = 64;

/// Absolute tolerance on diagonal entries: `|b_xx − 1| ≤ 1e-12`.
///
/// Why 1e-12: a typed diagonal is exactly 1, but a matrix computed elsewhere (a group mean, a
/// product of rescaled entries) may land a few ulps away; anything farther is a mistake.
pub const DIAGONAL: f64 = 1e-12;

/// Absolute tolerance on the sum of a membership row: `|Σ_h r_h − 1| ≤ 1e-9`.
///
/// Why 1e-9: degrees typed to any number of decimals that sum to 1 on paper, or computed as
/// vote shares V_h / V, sum to 1 in `f64` up to a few ulps; a row summing to 0.999 (thirds
/// typed as 0.333) is a mistake to report. Give votes instead of rounded shares.
pub const MEMBERSHIP_ROW_SUM: f64 = 1e-9;

/// Default gap under which the top two grades of an evaluation count as tied: 1e-9.
///
/// Why 1e-9: composed vectors carry rounding errors of a few ulps per level; two grades
/// closer than 1e-9 are equal for every purpose, and the maximum-membership principle cannot
/// choose between them. Set a larger gap (e.g. 0.05) to flag close calls as well.
pub const GRADE_TIE: f64 = 1e-9;
