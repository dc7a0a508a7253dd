//! Classic AHP with alternatives: a set of alternatives shared by the whole hierarchy, their
//! priorities under every leaf criterion, and the synthesis into each alternative's overall
//! priority and rank.
//!
//! Under each leaf the alternatives are either compared pairwise (a [`JudgmentMatrix`] or a
//! [`Panel`] over them), rated on a named [`RatingScale`] (Saaty's ratings mode), or measured
//! (more is better, or less is better). [`SynthesisMode`] says how the leaves' priorities
//! combine: distributive (each leaf's priorities sum to 1) or ideal (each divided by the
//! best), which keeps the others' order when an alternative no better than them is added.

mod scores;
mod synthesis;

pub use scores::{AlternativeScores, Alternatives, Better, RatingScale};
pub use synthesis::{AlternativesSynthesis, LeafAlternatives, SynthesisMode};

use crate::ahp::{JudgmentMatrix, Panel};
