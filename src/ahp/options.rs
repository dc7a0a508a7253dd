//! One judgment matrix, analysed: its weights and their consistency under chosen options.

use super::consistency::{ConsistencyOptions, ConsistencyReport, CrThreshold, RandomIndex};
use super::judgment::{JudgmentMatrix, ReciprocalRepair};
use super::weighting::WeightingMethod;
use super::weights::Weights;
use crate::error::Result;

/// The choices of the AHP step: how weights are derived and how consistency is judged.
///
/// The default is the source paper's geometric mean with Saaty's (1980) random indices and
/// CR < 0.1.
///
/// ```
/// use ahp_fce::{AhpOptions, JudgmentMatrix, RandomIndex, WeightingMethod};
/// # fn main() -> Result<(), ahp_fce::Error> {
/// let options = AhpOptions::default()
///     .with_weighting(WeightingMethod::Eigenvector)
///     .with_random_index(RandomIndex::Saaty2005);
/// let analysis = options.analyze(&JudgmentMatrix::from_upper_triangle(&[3.0, 5.0, 2.0])?)?;
/// assert!(analysis.consistency.acceptable);
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(default)
)]
pub struct AhpOptions {
    /// How weights are derived; the geometric mean by default.
    pub weighting: WeightingMethod,
    /// Which random-index table and CR threshold.
    pub consistency: ConsistencyOptions,
}

impl AhpOptions {
    /// These options with another weighting method.
    pub fn with_weighting(mut self, method: WeightingMethod) -> Self {
        self.weighting = method;
        self
    }

    /// These options with another random-index table.
    pub fn with_random_index(mut self, table: RandomIndex) -> Self {
        self.consistency = self.consistency.with_random_index(table);
        self
    }

    /// These options with another CR threshold.
    pub fn with_threshold(mut self, threshold: CrThreshold) -> Self {
        self.consistency = self.consistency.with_threshold(threshold);
        self
    }

    /// Derives the weights of `matrix` and checks their consistency.
    ///
    /// # Errors
    /// As [`WeightingMethod::weights`] and [`ConsistencyReport::compute`].
    pub fn analyze(&self, matrix: &JudgmentMatrix) -> Result<MatrixAnalysis> {
        let weights = self.weighting.weights(matrix)?;
        let consistency = ConsistencyReport::compute(matrix, &weights, &self.consistency)?;
        Ok(MatrixAnalysis {
            weights,
            consistency,
            repairs: matrix.repairs().to_vec(),
        })
    }
}

/// The weights of one judgment matrix, their consistency report, and the typed reciprocals
/// that were repaired before either was computed.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct MatrixAnalysis {
    /// The priority weights.
    pub weights: Weights,
    /// λmax, CI, RI, CR and the verdict.
    pub consistency: ConsistencyReport,
    /// The matrix's [`JudgmentMatrix::repairs`]: lower entries typed as inexact reciprocals
    /// and replaced by the exact ones.
    pub repairs: Vec<ReciprocalRepair>,
}
