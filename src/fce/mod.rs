//! Fuzzy comprehensive evaluation: grades, membership matrices, composition operators, and
//! the evaluator that composes them through a hierarchy.
//!
//! [`Grades`] name the comment set; a [`MembershipMatrix`] gives each indicator's degrees over
//! it; an [`Operator`] composes weights with memberships. An [`Evaluator`] compiles a
//! hierarchy once into a composition plan and runs it on one object ([`Evaluation`], with its
//! [`Verdict`] and [`Contribution`]s), on several ([`Ranking`]), or on a whole array of them
//! ([`BatchScorer`]).

mod batch;
mod evaluator;
mod grades;
mod indicator;
mod membership;
mod operator;
mod outcome;
pub(crate) mod plan;

pub use batch::{BatchEvaluation, BatchScorer, VALUES_PER_CHUNK};
pub(crate) use evaluator::dot;
pub use evaluator::{Evaluator, LeafData};
pub use grades::Grades;
pub use indicator::{IndicatorMembership, IndicatorShape};
pub use membership::MembershipMatrix;
pub use operator::{Composition, Operator};
pub(crate) use outcome::shared_ranks;
pub use outcome::{
    Contribution, Evaluation, RankOrder, RankedObject, Ranking, TieTolerance, Verdict,
};
