//! The Analytic Hierarchy Process for one set of compared items: pairwise judgments, the
//! weights derived from them, and how consistent the judgments are.
//!
//! [`JudgmentMatrix`] holds the judgments, [`WeightingMethod`] turns them into [`Weights`],
//! [`consistency`] measures λmax, CI and CR against a named [`RandomIndex`] table, and
//! [`AhpOptions`] bundles those choices for one [`MatrixAnalysis`]; [`Inconsistency`] shows
//! where a matrix's inconsistency comes from. [`group`] combines several
//! experts' judgments into one, and a [`Panel`] keeps named experts' judgments together with
//! their [`Consensus`].

mod consensus;
pub mod consistency;
mod eigen;
pub mod group;
pub(crate) mod incomplete;
pub(crate) mod inconsistency;
mod judgment;
mod kernels;
mod options;
mod panel;
mod repair;
mod weighting;
mod weights;

pub use consensus::{Consensus, ConsensusLevel, CONSENSUS_SCALE_MAX};
pub use consistency::{
    lambda_max, simulate_incomplete_random_index, simulate_random_index,
    simulate_random_index_with_limits, weighted_sums, ConsistencyCheck, ConsistencyOptions,
    ConsistencyReport, CrThreshold, GeometricConsistency, IncompleteConsistency,
    IncompleteRandomIndex, LambdaMax, RandomIndex, RandomIndexEstimate, RandomIndexTable,
};
pub use group::{aggregate_judgments, aggregate_priorities, GroupJudgment, PriorityMean};
pub use incomplete::{CompletedJudgment, Completion, CompletionMethod, IncompleteJudgments};
pub use inconsistency::{koczkodaj_index, Inconsistency, JudgmentError, TriadInconsistency};
pub use judgment::{
    JudgmentMatrix, ReciprocalRepair, Reciprocity, MAX_JUDGMENT, MIN_JUDGMENT, SAATY_SCALE,
};
pub use options::{AhpOptions, MatrixAnalysis};
pub use panel::{ExpertAnalysis, Panel, PanelAggregation, PanelAnalysis};
pub use repair::{RepairStep, RepairSuggestion};
pub use weighting::{GeometricMeanSteps, WeightingMethod};
pub use weights::Weights;
