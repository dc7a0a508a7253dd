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
/// Accepted lower entries are replaced by the exact reciprocals of the upper ones (see
/// [`JudgmentMatrix`](crate::JudgmentMatrix)), so a typed `0.48` for 1/2 cannot move λmax.
pub const ROUNDING: f64 = 0.05;

/// Largest |b_xy·b_yx − 1| that counts as exactly reciprocal: 1e-9.
///
/// Why 1e-9: a reciprocal computed in `f64` (1/3 printed to 17 digits, a product of rescaled
/// entries) is off by a few ulps, about 1e-16; a typed one by at least 1e-7 (`0.3333333` has
/// seven decimals). Pairs further off than this are listed as repaired, and
/// [`Reciprocity::Strict`](crate::ahp::Reciprocity) rejects them.
pub const RECIPROCAL_EXACT: f64 = 1e-9;

/// Absolute tolerance on the sum of weights given directly: `|Σ w − 1| ≤ 1e-9`.
///
/// Why 1e-9: weights typed with any finite number of decimals that sum to 1 on paper sum to 1
/// in `f64` up to a few ulps (≈1e-16 each), far below 1e-9; a weight vector that sums to
/// 0.99 is a mistake to report, not to renormalize silently. Accepted weights are rescaled to
/// sum to 1 exactly (up to rounding).
pub const WEIGHT_SUM: f64 = 1e-9;

/// Largest relative spread of the ratios (Bw)_x / w_x at which w counts as the principal
/// eigenvector: `max r / min r − 1 ≤ 1e-12`.
///
/// By the Collatz–Wielandt bounds the principal eigenvalue lies between min r and max r, so
/// this certifies λmax and every component of Bw = λmax·w to 1e-12 relative.
///
/// Why 1e-12: each (Bw)_x is a sum of t positive products, computed to about t · 1.1e-16
/// relative, so the spread can always get below 2t · 1.1e-16 ≈ 2.2e-14 at order 100; 1e-12
/// leaves a margin of 40 beyond that, and is still a thousand times tighter than the 1e-9 the
/// eigen-equation is tested to.
pub const EIGENVECTOR: f64 = 1e-12;

/// Power iterations with B tried (after the quick attempt with B⁸) before the eigenvector
/// computation switches to shifted inverse iteration.
///
/// Why 500: the iteration starts from the geometric-mean weights, which are already close,
/// and each step shrinks the error by |λ₂/λ₁|. On Saaty's 1–9 scale that ratio is small (at
/// most 0.66 over 2000 random 9×9 matrices; 0.84 for the 3-cycle 9 ≻ 9 ≻ 9 ≻), so 500 steps
/// reach 1e-12 with a wide margin; only extreme judgments need more, and get inverse iteration.
pub const EIGENVECTOR_MAX_ITERATIONS: usize = 500;

/// Shifted inverse-iteration steps tried after the power iterations, before
/// [`ErrorKind::EigenvectorNotConverged`](crate::Error) is returned.
///
/// Why 50: with the shift at the Collatz–Wielandt upper bound of λmax, each step multiplies the
/// error by |λ₁ − σ| / |λ₂ − σ|, far below 1/2 once σ is close, so a handful of steps reach
/// rounding level; 50 leaves room for a poor start. A matrix that still fails has an
/// eigenvector that double precision does not determine.
pub const EIGENVECTOR_MAX_INVERSE_STEPS: usize = 50;

/// The spread of (Bw)_x / w_x still accepted when inverse iteration cannot reach
/// [`EIGENVECTOR`]: 1e-9.
///
/// Why: for judgments spanning many orders of magnitude (1e-9 next to 1e9 in one matrix) the
/// smallest weights are the difference of large terms in the linear solves, and rounding
/// leaves their ratios a few 1e-11 apart. 1e-9 still certifies Bw = λmax·w to 1e-9, the bar
/// the method is tested to; anything worse is reported as
/// [`ErrorKind::EigenvectorNotConverged`](crate::Error).
pub const EIGENVECTOR_ACCEPTABLE: f64 = 1e-9;

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

/// Default gap under which the top two grades of an evaluation count as tied: 1e-9, in units
/// of membership degree.
///
/// Why 1e-9: composed vectors carry rounding errors of a few ulps per level; two grades
/// closer than 1e-9 are equal for every purpose, and the maximum-membership principle cannot
/// choose between them. Set a larger gap (e.g. 0.05) to flag close calls as well.
pub const GRADE_TIE: f64 = 1e-9;

/// Default gap under which two objects' scores count as tied: 1e-9, in the units of the grade
/// scores.
///
/// Why 1e-9: a score Σ_h E_h·s_h carries the rounding of E (a few ulps) times the largest
/// |s_h|; for grade scores up to 10⁴ that is below 1e-11, so 1e-9 ties only scores that are
/// equal on paper. Scores on a larger scale want a proportionally larger gap.
pub const SCORE_TIE: f64 = 1e-9;
