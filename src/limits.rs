//! Bounds on what an input may declare, so that memory and time stay in proportion to what
//! was actually read.
//!
//! Most sizes need no bound: a matrix of t rows is only accepted once t rows of t entries have
//! been read, and everything allocated for it is in proportion to them. Some quantities are
//! different: a survey scale of 4,294,967,295 levels is written in ten characters, a
//! hierarchy a million levels deep in a few megabytes would exhaust the stack of any
//! recursive consumer (serializers included), and the eigenvector of an order-10,000 matrix is
//! an hour of arithmetic. Those are bounded by [`Limits`]; every default is far above what a
//! real AHP study uses, and an input beyond one gets [`ErrorKind::LimitExceeded`], which names
//! the limit and how to raise it.
//!
//! ```
//! use ahp_fce::error::{ErrorKind, Limit};
//! use ahp_fce::survey::{ResponseTable, Scale};
//! use ahp_fce::Limits;
//! # fn main() -> Result<(), ahp_fce::Error> {
//! let huge = Scale::Likert { levels: u32::MAX };
//! let err = ResponseTable::new(["a"], huge, vec![vec![Some(1)]]).unwrap_err();
//! assert!(matches!(err.kind(), ErrorKind::LimitExceeded { limit: Limit::ScaleLevels, .. }));
//! // A larger bound is a choice the caller makes explicitly.
//! let wide = Limits::default().with_scale_levels(100_000);
//! let table = ResponseTable::new_with_limits(
//!     ["a"],
//!     Scale::Likert { levels: 100_000 },
//!     vec![vec![Some(99_999)]],
//!     &wide,
//! )?;
//! assert_eq!(table.respondents(), 1);
//! # Ok(())
//! # }
//! ```

use crate::error::{Error, ErrorKind, Limit, Result};

/// The bounds in force; [`Limits::default`] holds the documented defaults.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(default)
)]
#[non_exhaustive]
pub struct Limits {
    /// Largest order of a judgment matrix in a hierarchy (children of one judged node), and of
    /// a simulated random matrix; 1,000 by default. The eigenvector fallback costs t³ per step.
    pub matrix_order: usize,
    /// Deepest hierarchy (the goal is at depth 0); 256 by default. Serializers and other
    /// consumers of the tree recurse once per level.
    pub depth: usize,
    /// Most nodes of a hierarchy, the goal included; 1,000,000 by default.
    pub nodes: usize,
    /// Most answer categories of a survey scale (Likert levels or ranked items); 1,000 by
    /// default. Counts are kept per category.
    pub scale_levels: u32,
    /// Most objects in one model file; 100,000 by default. Score more through the batch
    /// scorer, which holds them in one array.
    pub objects: usize,
    /// Most experts in one panel; 1,000 by default. Each holds a matrix of the node's order,
    /// so a panel takes experts × order² × 8 bytes.
    pub experts: usize,
    /// Most Monte Carlo draws a model file may ask for; 100,000 by default. Each draw analyses
    /// and evaluates the whole model again.
    pub draws: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            matrix_order: 1_000,
            depth: 256,
            nodes: 1_000_000,
            scale_levels: 1_000,
            objects: 100_000,
            experts: 1_000,
            draws: 100_000,
        }
    }
}

impl Limits {
    /// These limits with another largest matrix order.
    pub fn with_matrix_order(mut self, max: usize) -> Self {
        self.matrix_order = max;
        self
    }

    /// These limits with another deepest hierarchy.
    pub fn with_depth(mut self, max: usize) -> Self {
        self.depth = max;
        self
    }

    /// These limits with another largest number of nodes.
    pub fn with_nodes(mut self, max: usize) -> Self {
        self.nodes = max;
        self
    }

    /// These limits with another largest survey scale.
    pub fn with_scale_levels(mut self, max: u32) -> Self {
        self.scale_levels = max;
        self
    }

    /// These limits with another largest number of objects per model file.
    pub fn with_objects(mut self, max: usize) -> Self {
        self.objects = max;
        self
    }

    /// `Ok` when `value` is within `limit`.
    /// These limits with another most Monte Carlo draws for a model file.
    pub fn with_draws(mut self, max: usize) -> Self {
        self.draws = max;
        self
    }

    /// These limits with another largest panel.
    pub fn with_experts(mut self, max: usize) -> Self {
        self.experts = max;
        self
    }

    pub(crate) fn check(&self, limit: Limit, value: u64) -> Result<()> {
        let max = match limit {
            Limit::MatrixOrder => self.matrix_order as u64,
            Limit::Depth => self.depth as u64,
            Limit::Nodes => self.nodes as u64,
            Limit::ScaleLevels => u64::from(self.scale_levels),
            Limit::Objects => self.objects as u64,
            Limit::Experts => self.experts as u64,
            Limit::Draws => self.draws as u64,
        };
        if value <= max {
            Ok(())
        } else {
            Err(Error::from(ErrorKind::LimitExceeded { limit, value, max }))
        }
    }
}
