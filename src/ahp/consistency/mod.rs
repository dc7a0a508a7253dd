//! Consistency of judgments: λmax, the consistency index and ratio, random-index tables, and
//! the geometric consistency index.

mod geometric;
mod random_index;
mod ratio;
mod simulation;

pub use geometric::GeometricConsistency;
pub use random_index::{RandomIndex, RandomIndexTable};
pub use ratio::{
    lambda_max, weighted_sums, ConsistencyCheck, ConsistencyOptions, ConsistencyReport,
    CrThreshold, IncompleteConsistency, IncompleteRandomIndex, LambdaMax, INCOMPLETE_RI_MAX_ORDER,
    INCOMPLETE_RI_SAMPLES, INCOMPLETE_RI_SEED, KOCZKODAJ_REPORTED_UP_TO, KOCZKODAJ_THRESHOLD,
};
pub use simulation::{
    simulate_incomplete_random_index, simulate_random_index, simulate_random_index_with_limits,
    RandomIndexEstimate,
};
