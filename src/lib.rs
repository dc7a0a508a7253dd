//! # ahp-fce: the Analytic Hierarchy Process, exact and typed
//!
//! A decision is a hierarchy: a goal U, criteria U_i below it, sub-criteria U_ij below those,
//! to any depth. The Analytic Hierarchy Process (AHP) turns experts' pairwise judgments into
//! weights and checks that the judgments hang together.
//!
//! 1. **Judgments** ([`ahp`]). For the children of each criterion, a [`JudgmentMatrix`]
//!    B = (b_xy) says how much more important x is than y on Saaty's 1–9 scale. It is positive
//!    and reciprocal (b_yx = 1/b_xy) or it cannot be built.
//! 2. **Weights** ([`ahp`]). A [`WeightingMethod`] derives [`Weights`] from B: the row
//!    geometric mean of the source paper, the principal eigenvector, or the normalized-column
//!    mean.
//! 3. **Consistency** ([`ahp::consistency`]). λmax = (1/t) Σ_x (BW)_x / W_x,
//!    CI = (λmax − t)/(t − 1) and CR = CI / RI with a named [`RandomIndex`] table; judgments
//!    are acceptable when CR < 0.1. The geometric consistency index is there too, and
//!    [`ahp::group`] combines several experts' judgments.
//! 4. **Hierarchy** ([`hierarchy`]). A [`Hierarchy`] of named [`Criterion`]s is synthesized into
//!    local and global weights (products along each path) and a consistency ratio for the
//!    whole tree.
//!
//! Fuzzy comprehensive evaluation (FCE, [`fce`]) then turns expert opinion into a verdict:
//!
//! 5. **Membership**. A comment set of [`Grades`] (e.g. strong … poor) and, for every leaf
//!    indicator, a row of a [`MembershipMatrix`]: r_h = V_h / V, the share of V experts who put
//!    the indicator in grade h.
//! 6. **Composition**. An [`Operator`] combines weights A with memberships R into B = A ∘ R:
//!    the paper's weighted average M(·,⊕), or Zadeh's M(∧,∨), M(·,∨), M(∧,⊕).
//! 7. **Evaluation**. An [`Evaluator`] compiles the hierarchy once into a composition plan and
//!    composes bottom-up, G_i = D_i ∘ R_i then E = F ∘ G, to any depth: it reports E, the grade
//!    by maximum membership, a weighted score and each criterion's contribution, ranks several
//!    objects by score, and scores whole arrays of objects ([`BatchScorer`]).
//!
//! Both halves start from questionnaires: [`survey`] turns responses into item statistics, key
//! factors and membership rows. `model` (feature `model`) reads a whole evaluation from one JSON or TOML file
//! and writes its report.
//!
//! The method follows Gupta, "Intelligent Optimization of Management Mode of Small and
//! Medium-sized E-commerce Enterprises" (the source paper; section 3.2 for the AHP formulas,
//! section 2.3 for the fuzzy evaluation).
//!
//! ```
//! use ahp_fce::{AhpOptions, Criterion, Hierarchy, JudgmentMatrix};
//! # fn main() -> Result<(), ahp_fce::Error> {
//! // Row over column: price is 3 times as important as safety, 5 times as comfort, …
//! let hierarchy = Hierarchy::new(Criterion::judged(
//!     "Choose a car",
//!     JudgmentMatrix::from_upper_triangle(&[3.0, 5.0, 2.0])?,
//!     [Criterion::leaf("Price"), Criterion::leaf("Safety"), Criterion::leaf("Comfort")],
//! ))?;
//! let synthesis = hierarchy.synthesize(&AhpOptions::default())?;
//! let report = synthesis.consistency_of(hierarchy.root()).expect("the goal has judgments");
//! assert!(report.acceptable);
//! assert!(synthesis.leaf_weights().get(0) > synthesis.leaf_weights().get(1));
//! # Ok(())
//! # }
//! ```
//!
//! Every fallible operation returns [`Error`]: its [`kind`](Error::kind) says what was wrong,
//! with the offending values, and its [`locations`](Error::locations) where (node, object,
//! line, place in a file).
//!
//! ## Features
//! - `serde` (default): `Serialize`/`Deserialize` for every public data type. Types with an
//!   invariant deserialize through their validating constructors.
//! - `csv` (default): `survey::ResponseTable::from_csv`.
//! - `model` (default): whole evaluations from JSON or TOML model files (the `model` module).
//! - `rayon` (off by default): [`BatchScorer`] splits a batch across cores, and
//!   [`simulate_random_index`] (with the incomplete and Monte Carlo runs) its draws, with
//!   results identical to the single-threaded ones for any number of threads.

#![deny(missing_docs)]
#![forbid(unsafe_code)]
#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stdout
)]
// `!(x <= tol)` is deliberate: unlike `x > tol`, it also rejects NaN.
#![allow(clippy::neg_cmp_op_on_partial_ord)]
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

pub mod ahp;
pub mod alternatives;
pub mod error;
pub mod fce;
pub mod hierarchy;
pub mod limits;
mod matrix_rows;
#[cfg(feature = "model")]
pub mod model;
mod random;
pub mod sensitivity;
pub mod survey;
pub mod tolerance;
pub mod uncertainty;

pub use ahp::{
    lambda_max, simulate_incomplete_random_index, simulate_random_index,
    simulate_random_index_with_limits, weighted_sums, AhpOptions, CompletionMethod, Consensus,
    ConsensusLevel, ConsistencyCheck, ConsistencyOptions, ConsistencyReport, CrThreshold,
    GeometricConsistency, GeometricMeanSteps, IncompleteJudgments, IncompleteRandomIndex,
    JudgmentMatrix, LambdaMax, MatrixAnalysis, Panel, PanelAggregation, PanelAnalysis, RandomIndex,
    RandomIndexEstimate, RandomIndexTable, WeightingMethod, Weights,
};
#[cfg(feature = "model")]
pub use error::FileFormat;
pub use error::{Error, Result};
pub use fce::{
    BatchEvaluation, BatchScorer, Composition, Contribution, Evaluation, Evaluator, Grades,
    LeafData, MembershipMatrix, Operator, RankOrder, RankedObject, Ranking, TieTolerance, Verdict,
};
pub use hierarchy::{
    Criterion, Hierarchy, HierarchyConsistency, LevelConsistency, Node, NodeId, NodeSynthesis,
    Priorities, Synthesis,
};
pub use limits::Limits;

// The README's code is compiled and run as a doctest, so the quick start cannot rot.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
