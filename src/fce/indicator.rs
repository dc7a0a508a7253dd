//! Membership from measured indicators: a function per leaf that maps a measured value (a
//! default rate, days of delay, a rating) to a row of grade degrees summing to 1.
//!
//! Each family is given in grade order (the comment set's first grade first) and says which
//! end of the indicator is better; with `Better::Less` its breakpoints ascend through the
//! grades, with `Better::More` they descend. Writing the breakpoints in ascending order of the
//! value as x₀ < x₁ < … (grade order reversed for `More`):
//! - piecewise linear (the partition form): grade j is full on its plateau [a_j, b_j] (a
//!   triangle when a_j = b_j), and between plateaus the degree passes linearly from one grade
//!   to the next: d_j = (a_{j+1} − x) / (a_{j+1} − b_j), d_{j+1} = 1 − d_j; below the first
//!   plateau the first grade is full, above the last the last;
//! - Gaussian: d_j ∝ exp(−(x − c_j)² / (2σ_j²)), normalized (and, where every term underflows,
//!   the grade whose centre is nearest in widths is full);
//! - sigmoid: with S_j(x) = 1 / (1 + exp(−k (x − t_j))) at the m − 1 thresholds between grades,
//!   d_0 = 1 − S_0, d_j = S_{j−1} − S_j, d_{m−1} = S_{m−2}.
//!
//! Every row lies in [0, 1] and sums to 1. The piecewise-linear and sigmoid families move mass
//! monotonically from grade to adjacent grade as the value grows; the Gaussian does when its
//! widths are equal.

use crate::alternatives::Better;
use crate::error::{Error, ErrorKind, Result};

/// The shape of a membership function, its breakpoints in grade order.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "snake_case")
)]
#[non_exhaustive]
pub enum IndicatorShape {
    /// Triangular grades: each grade's peak.
    Triangular(Vec<f64>),
    /// Trapezoidal grades: each grade's plateau `[from, to]`.
    Trapezoidal(Vec<(f64, f64)>),
    /// Gaussian grades: each grade's `[centre, width]`.
    Gaussian(Vec<(f64, f64)>),
    /// Sigmoid transitions: the m − 1 thresholds between consecutive grades, and the
    /// steepness k > 0 (per unit of the indicator).
    Sigmoid {
        /// Between grade h and h + 1, in grade order.
        thresholds: Vec<f64>,
        /// k.
        steepness: f64,
    },
}

/// A validated membership function of one measured indicator.
///
/// ```
/// use ahp_fce::alternatives::Better;
/// use ahp_fce::fce::{IndicatorMembership, IndicatorShape};
/// # fn main() -> Result<(), ahp_fce::Error> {
/// // Default rate, less is better: grade 1 (good) at 1 %, grade 2 at 3 %, grade 3 (bad) at 6 %.
/// let rate = IndicatorMembership::new(IndicatorShape::Triangular(vec![0.01, 0.03, 0.06]), Better::Less)?;
/// assert_eq!(rate.degrees(0.005)?, vec![1.0, 0.0, 0.0]);
/// let between = rate.degrees(0.02)?; // halfway from 1 % to 3 %
/// approx::assert_relative_eq!(between.as_slice(), &[0.5, 0.5, 0.0][..], max_relative = 1e-12);
/// assert!(IndicatorMembership::new(IndicatorShape::Triangular(vec![0.03, 0.01]), Better::Less).is_err());
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct IndicatorMembership {
    shape: IndicatorShape,
    better: Better,
}

impl IndicatorMembership {
    /// A function of this shape, its breakpoints in grade order.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidIndicator`] naming what is wrong: fewer than two grades (one
    /// threshold for sigmoids), a breakpoint or width that is not finite, a width or
    /// steepness that is not positive, a plateau whose end comes before its start, or
    /// breakpoints not strictly ascending (`Better::Less`) or descending (`Better::More`)
    /// through the grades, plateaus overlapping included.
    pub fn new(shape: IndicatorShape, better: Better) -> Result<Self> {
        let bad = |why: String| Err(Error::from(ErrorKind::InvalidIndicator { why }));
        // Each grade's interval along the value, in grade order.
        let intervals: Vec<(f64, f64)> = match &shape {
            IndicatorShape::Triangular(peaks) => peaks.iter().map(|&p| (p, p)).collect(),
            IndicatorShape::Trapezoidal(plateaus) => plateaus.clone(),
            IndicatorShape::Gaussian(bells) => {
                if let Some((c, w)) = bells.iter().find(|(_, w)| !(w.is_finite() && *w > 0.0)) {
                    return bad(format!(
                        "the width {w} of the grade centred at {c} is not positive and finite"
                    ));
                }
                bells.iter().map(|&(c, _)| (c, c)).collect()
            }
            IndicatorShape::Sigmoid {
                thresholds,
                steepness,
            } => {
                if !(steepness.is_finite() && *steepness > 0.0) {
                    return bad(format!(
                        "the steepness {steepness} is not positive and finite"
                    ));
                }
                if thresholds.is_empty() {
                    return bad("a sigmoid needs at least one threshold (two grades)".to_owned());
                }
                thresholds.iter().map(|&t| (t, t)).collect()
            }
        };
        let minimum = if matches!(shape, IndicatorShape::Sigmoid { .. }) {
            1
        } else {
            2
        };
        if intervals.len() < minimum {
            return bad(format!(
                "{} grades given; a membership function needs at least two",
                intervals.len()
            ));
        }
        for (k, &(a, b)) in intervals.iter().enumerate() {
            if !(a.is_finite() && b.is_finite()) {
                return bad(format!("breakpoint {k} is not finite ({a}, {b})"));
            }
            if b < a {
                return bad(format!("plateau {k} ends ({b}) before it starts ({a})"));
            }
        }
        for (k, pair) in intervals.windows(2).enumerate() {
            let ((a0, b0), (a1, b1)) = (pair[0], pair[1]);
            let ordered = match better {
                Better::Less => b0 < a1,
                Better::More => b1 < a0,
            };
            if !ordered {
                let way = match better {
                    Better::Less => "ascend (less is better)",
                    Better::More => "descend (more is better)",
                };
                return bad(format!(
                    "breakpoints {k} and {} do not {way} without overlapping: ({a0}, {b0}) then ({a1}, {b1})",
                    k + 1
                ));
            }
        }
        Ok(Self { shape, better })
    }

    /// The shape, as given.
    pub fn shape(&self) -> &IndicatorShape {
        &self.shape
    }

    /// Which end is better.
    pub fn better(&self) -> Better {
        self.better
    }

    /// The number of grades the function maps to.
    pub fn grades(&self) -> usize {
        match &self.shape {
            IndicatorShape::Triangular(v) => v.len(),
            IndicatorShape::Trapezoidal(v) | IndicatorShape::Gaussian(v) => v.len(),
            IndicatorShape::Sigmoid { thresholds, .. } => thresholds.len() + 1,
        }
    }

    /// The grade degrees of a measured value, in grade order.
    ///
    /// # Errors
    /// [`ErrorKind::NonFiniteIndicator`] for a value that is not finite.
    pub fn degrees(&self, value: f64) -> Result<Vec<f64>> {
        let mut out = vec![0.0; self.grades()];
        self.degrees_into(value, &mut out)?;
        Ok(out)
    }

    /// [`IndicatorMembership::degrees`] into `out`, which must hold one entry per grade.
    ///
    /// # Errors
    /// As [`IndicatorMembership::degrees`]; [`ErrorKind::LengthMismatch`] for `out` of another
    /// length.
    pub fn degrees_into(&self, value: f64, out: &mut [f64]) -> Result<()> {
        if !value.is_finite() {
            return Err(Error::from(ErrorKind::NonFiniteIndicator { value }));
        }
        let m = self.grades();
        if out.len() != m {
            return Err(Error::from(ErrorKind::LengthMismatch {
                what: crate::error::Quantity::ScoresPerGrade,
                expected: m,
                found: out.len(),
            }));
        }
        out.fill(0.0);
        // Internal index j runs along ascending values; grade(j) maps it back.
        let grade = |j: usize| match self.better {
            Better::Less => j,
            Better::More => m - 1 - j,
        };
        let ascending = |v: Vec<(f64, f64)>| match self.better {
            Better::Less => v,
            Better::More => v.into_iter().rev().collect(),
        };
        match &self.shape {
            IndicatorShape::Triangular(_) | IndicatorShape::Trapezoidal(_) => {
                let plateaus = ascending(match &self.shape {
                    IndicatorShape::Triangular(p) => p.iter().map(|&c| (c, c)).collect(),
                    IndicatorShape::Trapezoidal(p) => p.clone(),
                    _ => Vec::new(),
                });
                let j = plateaus.partition_point(|&(a, _)| a <= value);
                // Plateaus 0..j start at or below the value.
                match j {
                    0 => out[grade(0)] = 1.0,
                    j if value <= plateaus[j - 1].1 || j == m => out[grade(j - 1)] = 1.0,
                    j => {
                        let (b0, a1) = (plateaus[j - 1].1, plateaus[j].0);
                        let next = (value - b0) / (a1 - b0);
                        out[grade(j - 1)] = 1.0 - next;
                        out[grade(j)] = next;
                    }
                }
            }
            IndicatorShape::Gaussian(bells) => {
                let bells = ascending(bells.clone());
                let mut total = 0.0;
                for (j, &(c, w)) in bells.iter().enumerate() {
                    let z = (value - c) / w;
                    let d = (-0.5 * z * z).exp();
                    out[grade(j)] = d;
                    total += d;
                }
                if total > 0.0 {
                    out.iter_mut().for_each(|d| *d /= total);
                } else {
                    let nearest = (0..m)
                        .min_by(|&a, &b| {
                            let za = ((value - bells[a].0) / bells[a].1).abs();
                            let zb = ((value - bells[b].0) / bells[b].1).abs();
                            za.total_cmp(&zb)
                        })
                        .unwrap_or(0);
                    out[grade(nearest)] = 1.0;
                }
            }
            IndicatorShape::Sigmoid {
                thresholds,
                steepness,
            } => {
                let t: Vec<f64> = match self.better {
                    Better::Less => thresholds.clone(),
                    Better::More => thresholds.iter().rev().copied().collect(),
                };
                let s = |k: usize| 1.0 / (1.0 + (-steepness * (value - t[k])).exp());
                let mut previous = 1.0;
                for j in 0..m {
                    let here = if j + 1 < m { s(j) } else { 0.0 };
                    // S_{j−1} − S_j ≥ 0 since t ascends; max guards a rounding below 0.
                    out[grade(j)] = (previous - here).max(0.0);
                    previous = here;
                }
                let total: f64 = out.iter().sum();
                out.iter_mut().for_each(|d| *d /= total);
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn more_is_better_reverses_the_grades() {
        // Score out of 100, more is better: grade 1 (good) at 80, grade 2 at 50, grade 3 at 20.
        let f = IndicatorMembership::new(
            IndicatorShape::Triangular(vec![80.0, 50.0, 20.0]),
            Better::More,
        )
        .unwrap();
        assert_eq!(f.degrees(90.0).unwrap(), vec![1.0, 0.0, 0.0]);
        assert_eq!(f.degrees(10.0).unwrap(), vec![0.0, 0.0, 1.0]);
        // 65 is halfway between 50 and 80.
        let d = f.degrees(65.0).unwrap();
        approx::assert_relative_eq!(d.as_slice(), &[0.5, 0.5, 0.0][..], max_relative = 1e-12);
        assert!(IndicatorMembership::new(
            IndicatorShape::Triangular(vec![20.0, 50.0]),
            Better::More
        )
        .is_err());
    }

    #[test]
    fn trapezoids_hold_their_plateaus() {
        let f = IndicatorMembership::new(
            IndicatorShape::Trapezoidal(vec![(0.0, 1.0), (2.0, 3.0), (4.0, 4.0)]),
            Better::Less,
        )
        .unwrap();
        assert_eq!(f.degrees(2.5).unwrap(), vec![0.0, 1.0, 0.0]);
        // Between 1 and 2: from the first plateau to the second.
        let d = f.degrees(1.25).unwrap();
        approx::assert_relative_eq!(d.as_slice(), &[0.75, 0.25, 0.0][..], max_relative = 1e-12);
        assert_eq!(f.degrees(9.0).unwrap(), vec![0.0, 0.0, 1.0]);
        assert!(IndicatorMembership::new(
            IndicatorShape::Trapezoidal(vec![(0.0, 2.0), (1.0, 3.0)]),
            Better::Less
        )
        .is_err());
    }

    #[test]
    fn sigmoids_and_gaussians_sum_to_one_even_far_away() {
        let s = IndicatorMembership::new(
            IndicatorShape::Sigmoid {
                thresholds: vec![1.0, 2.0],
                steepness: 5.0,
            },
            Better::Less,
        )
        .unwrap();
        for x in [-1e300, -3.0, 1.5, 2.0, 1e300] {
            let d = s.degrees(x).unwrap();
            approx::assert_relative_eq!(d.iter().sum::<f64>(), 1.0, max_relative = 1e-12);
        }
        let g = IndicatorMembership::new(
            IndicatorShape::Gaussian(vec![(0.0, 1.0), (10.0, 1.0)]),
            Better::Less,
        )
        .unwrap();
        assert_eq!(g.degrees(1e6).unwrap(), vec![0.0, 1.0]);
        assert!(g.degrees(f64::NAN).is_err());
    }
}
