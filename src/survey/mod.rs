//! From questionnaires to numbers: response tables on a Likert or rank scale, SPSS-style item
//! statistics, key factors, answer frequencies as membership rows, and group judgments of
//! several experts.

#[cfg(feature = "csv")]
mod csv_input;
mod responses;

/// Group judgments live with the rest of AHP in [`crate::ahp::group`]; they are re-exported
/// here, where questionnaires are turned into numbers.
pub use crate::ahp::group::{
    aggregate_judgments, aggregate_priorities, GroupJudgment, PriorityMean,
};
pub use responses::{
    membership_from_percentages, Frequencies, ItemStatistics, KeyFactor, ResponseTable, Scale,
};
