//! Random-index (RI) tables: the mean consistency index of random reciprocal matrices of each
//! order, as published. Tables differ between sources, so each one is named by its source.

use crate::error::{Collection, Error, ErrorKind, Result};

/// Gupta, "Intelligent Optimization of Management Mode of Small and Medium-sized E-commerce
/// Enterprises", section 3.2, Table 2 (orders 1–9).
const GUPTA: [f64; 9] = [0.0, 0.0, 0.57, 0.96, 1.17, 1.31, 1.38, 1.45, 1.51];

/// Saaty (1980), The Analytic Hierarchy Process, McGraw-Hill (orders 1–15).
const SAATY_1980: [f64; 15] = [
    0.0, 0.0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59,
];

/// Saaty (2005), Theory and Applications of the Analytic Network Process, RWS, p. 31
/// (orders 1–15).
const SAATY_2005: [f64; 15] = [
    0.0, 0.0, 0.52, 0.89, 1.11, 1.25, 1.35, 1.40, 1.45, 1.49, 1.52, 1.54, 1.56, 1.58, 1.59,
];

/// Alonso & Lamata (2006), "Consistency in the analytic hierarchy process: a new approach",
/// International Journal of Uncertainty, Fuzziness and Knowledge-Based Systems 14(4), 445–459:
/// 100,000 random matrices per order, orders 1–15. Transcribed as an independent R
/// implementation of AHP lists it (0, 0, 0.5245, 0.8815, 1.1086, …, 1.5838).
const ALONSO_LAMATA_2006: [f64; 15] = [
    0.0, 0.0, 0.5245, 0.8815, 1.1086, 1.2479, 1.3417, 1.4056, 1.4499, 1.4854, 1.5141, 1.5365,
    1.5551, 1.5713, 1.5838,
];

/// Aguarón & Moreno-Jiménez (2003), "The geometric consistency index: approximated
/// thresholds", European Journal of Operational Research 147(1), 137–145
/// (doi:10.1016/S0377-2217(02)00255-2), orders 1–16. Transcribed as the R package MCDA lists it
/// with that citation; the ahpsurvey package's own 500,000-matrix simulation agrees with every
/// value to the digits it prints (0.525, 0.884, 1.11, 1.25, 1.34, 1.41, 1.45, 1.49, 1.51, 1.54,
/// 1.55, 1.57, 1.58 for orders 3–15).
const AGUARON_MORENO_JIMENEZ_2003: [f64; 16] = [
    0.0, 0.0, 0.525, 0.882, 1.115, 1.252, 1.341, 1.404, 1.452, 1.484, 1.513, 1.535, 1.555, 1.570,
    1.583, 1.595,
];

/// Donegan & Dodd (1991), "A note on Saaty's random indexes", Mathematical and Computer
/// Modelling 15(10), 135–137: (order, RI) at the listed orders up to 100.
const DONEGAN_DODD_1991: [(usize, f64); 29] = [
    (1, 0.0),
    (2, 0.0),
    (3, 0.4914),
    (4, 0.8286),
    (5, 1.0591),
    (6, 1.1797),
    (7, 1.2519),
    (8, 1.3171),
    (9, 1.3733),
    (10, 1.4055),
    (11, 1.4213),
    (12, 1.4497),
    (13, 1.4643),
    (14, 1.4822),
    (15, 1.4969),
    (16, 1.5078),
    (17, 1.5153),
    (18, 1.5262),
    (19, 1.5313),
    (20, 1.5371),
    (25, 1.5619),
    (30, 1.5772),
    (40, 1.5976),
    (50, 1.6102),
    (60, 1.6178),
    (70, 1.6237),
    (80, 1.6277),
    (90, 1.6213),
    (100, 1.6339),
];

/// Which random-index table turns CI into CR = CI / RI.
///
/// "Saaty's table" is ambiguous (his 1980 and 2005 tables differ at most orders), so each
/// variant names its source. An order beyond a table is an error, never an extrapolation.
///
/// ```
/// use ahp_fce::RandomIndex;
/// # fn main() -> Result<(), ahp_fce::Error> {
/// assert_eq!(RandomIndex::Saaty1980.value(3)?, 0.58);
/// assert_eq!(RandomIndex::GuptaPaper.value(3)?, 0.57);
/// assert!(RandomIndex::GuptaPaper.value(10).is_err());
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "snake_case")
)]
#[non_exhaustive]
pub enum RandomIndex {
    /// The source paper's table, orders 1–9: 0, 0, 0.57, 0.96, 1.17, 1.31, 1.38, 1.45, 1.51.
    /// Gupta, "Intelligent Optimization of Management Mode of Small and Medium-sized
    /// E-commerce Enterprises", section 3.2, Table 2.
    GuptaPaper,
    /// Saaty (1980), *The Analytic Hierarchy Process*, McGraw-Hill; orders 1–15:
    /// 0, 0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59.
    /// Note the published dip at order 12. The most widely quoted table; the default.
    #[default]
    Saaty1980,
    /// Saaty (2005), *Theory and Applications of the Analytic Network Process*, RWS
    /// Publications, p. 31; orders 1–15: 0, 0, 0.52, 0.89, 1.11, 1.25, 1.35, 1.40, 1.45, 1.49,
    /// 1.52, 1.54, 1.56, 1.58, 1.59. This is the table the Python package ahpy uses.
    Saaty2005,
    /// Donegan & Dodd (1991), "A note on Saaty's random indexes", *Mathematical and Computer
    /// Modelling* 15(10), 135–137; orders 1–20 and 25, 30, 40, …, 100, linearly interpolated
    /// between listed orders (so orders 1–100 are covered).
    DoneganDodd1991,
    /// Alonso & Lamata (2006), "Consistency in the analytic hierarchy process: a new
    /// approach", *International Journal of Uncertainty, Fuzziness and Knowledge-Based
    /// Systems* 14(4), 445–459; orders 1–15: 0, 0, 0.5245, 0.8815, 1.1086, 1.2479, 1.3417,
    /// 1.4056, 1.4499, 1.4854, 1.5141, 1.5365, 1.5551, 1.5713, 1.5838 (100,000 matrices each).
    AlonsoLamata2006,
    /// Alonso & Lamata's (2006) linear fit of the mean λmax of random matrices,
    /// λ̄(t) = t + 1.7699·t − 4.3513, as a random index for any order:
    /// RI = (1.7699·t − 4.3513) / (t − 1) from order 3 (0 below). Their acceptance rule
    /// λmax < t + 0.1·(1.7699·t − 4.3513) is CR < 0.1 with this RI.
    AlonsoLamata2006Fit,
    /// Aguarón & Moreno-Jiménez (2003), "The geometric consistency index: approximated
    /// thresholds", *European Journal of Operational Research* 147(1), 137–145; orders 1–16:
    /// 0, 0, 0.525, 0.882, 1.115, 1.252, 1.341, 1.404, 1.452, 1.484, 1.513, 1.535, 1.555,
    /// 1.570, 1.583, 1.595 (as the R package MCDA transcribes it; the ahpsurvey package's own
    /// simulation agrees to its printed digits).
    AguaronMorenoJimenez2003,
    /// A table of your own, e.g. from a simulation; see [`RandomIndexTable`].
    Custom(RandomIndexTable),
}

impl RandomIndex {
    /// The random index for matrices of order `order`.
    ///
    /// # Errors
    /// [`ErrorKind::RandomIndexOutOfRange`] for order 0 or an order past the table's end.
    pub fn value(&self, order: usize) -> Result<f64> {
        let found = match self {
            RandomIndex::GuptaPaper => listed(&GUPTA, order),
            RandomIndex::Saaty1980 => listed(&SAATY_1980, order),
            RandomIndex::Saaty2005 => listed(&SAATY_2005, order),
            RandomIndex::DoneganDodd1991 => interpolated(&DONEGAN_DODD_1991, order),
            RandomIndex::AlonsoLamata2006 => listed(&ALONSO_LAMATA_2006, order),
            RandomIndex::AlonsoLamata2006Fit => alonso_lamata_fit(order),
            RandomIndex::AguaronMorenoJimenez2003 => listed(&AGUARON_MORENO_JIMENEZ_2003, order),
            RandomIndex::Custom(table) => listed(&table.values, order),
        };
        found.ok_or_else(|| {
            Error::from(ErrorKind::RandomIndexOutOfRange {
                table: self.name(),
                order,
                max_order: self.max_order(),
            })
        })
    }

    /// The largest order the table covers.
    pub fn max_order(&self) -> usize {
        match self {
            RandomIndex::GuptaPaper => GUPTA.len(),
            RandomIndex::Saaty1980 => SAATY_1980.len(),
            RandomIndex::Saaty2005 => SAATY_2005.len(),
            RandomIndex::DoneganDodd1991 => DONEGAN_DODD_1991.last().map_or(0, |&(t, _)| t),
            RandomIndex::AlonsoLamata2006 => ALONSO_LAMATA_2006.len(),
            RandomIndex::AlonsoLamata2006Fit => usize::MAX,
            RandomIndex::AguaronMorenoJimenez2003 => AGUARON_MORENO_JIMENEZ_2003.len(),
            RandomIndex::Custom(table) => table.values.len(),
        }
    }

    /// The table's name with its source, as used in messages.
    pub fn name(&self) -> &'static str {
        match self {
            RandomIndex::GuptaPaper => "Gupta (source paper, Table 2)",
            RandomIndex::Saaty1980 => "Saaty (1980)",
            RandomIndex::Saaty2005 => "Saaty (2005)",
            RandomIndex::DoneganDodd1991 => "Donegan & Dodd (1991)",
            RandomIndex::AlonsoLamata2006 => "Alonso & Lamata (2006)",
            RandomIndex::AlonsoLamata2006Fit => "Alonso & Lamata (2006), linear fit",
            RandomIndex::AguaronMorenoJimenez2003 => "Aguarón & Moreno-Jiménez (2003)",
            RandomIndex::Custom(_) => "custom",
        }
    }
}

fn alonso_lamata_fit(order: usize) -> Option<f64> {
    match order {
        0 => None,
        1 | 2 => Some(0.0),
        t => Some((1.7699 * t as f64 - 4.3513) / (t as f64 - 1.0)),
    }
}

fn listed(values: &[f64], order: usize) -> Option<f64> {
    order.checked_sub(1).and_then(|i| values.get(i)).copied()
}

fn interpolated(points: &[(usize, f64)], order: usize) -> Option<f64> {
    let upper = points.iter().position(|&(t, _)| t >= order)?;
    let (t1, ri1) = points[upper];
    if t1 == order {
        return Some(ri1);
    }
    let (t0, ri0) = points.get(upper.checked_sub(1)?).copied()?;
    let fraction = (order - t0) as f64 / (t1 - t0) as f64;
    Some(ri0 + fraction * (ri1 - ri0))
}

/// A user-supplied random-index table: `values[k]` is the RI of order `k + 1`.
///
/// Values must be finite and non-negative, and positive from order 3 on (CR divides by them).
/// They need not increase: published tables dip (Saaty 1980 at order 12).
///
/// ```
/// use ahp_fce::{RandomIndex, RandomIndexTable};
/// # fn main() -> Result<(), ahp_fce::Error> {
/// let ri = RandomIndex::Custom(RandomIndexTable::new(vec![0.0, 0.0, 0.525, 0.882])?);
/// assert_eq!(ri.value(4)?, 0.882);
/// assert_eq!(ri.max_order(), 4);
/// assert!(RandomIndexTable::new(vec![0.0, 0.0, 0.0]).is_err());
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(try_from = "Vec<f64>", into = "Vec<f64>")
)]
pub struct RandomIndexTable {
    values: Vec<f64>,
}

impl RandomIndexTable {
    /// Validates a table that starts at order 1.
    ///
    /// # Errors
    /// [`ErrorKind::Empty`]; [`ErrorKind::InvalidRandomIndex`] naming the order of a bad value.
    pub fn new(values: Vec<f64>) -> Result<Self> {
        if values.is_empty() {
            return Err(Error::from(ErrorKind::Empty {
                what: Collection::RandomIndexTable,
            }));
        }
        for (index, &value) in values.iter().enumerate() {
            let order = index + 1;
            let usable = value.is_finite()
                && if order >= 3 {
                    value > 0.0
                } else {
                    value >= 0.0
                };
            if !usable {
                return Err(Error::from(ErrorKind::InvalidRandomIndex { order, value }));
            }
        }
        Ok(Self { values })
    }

    /// The values, starting at order 1.
    pub fn values(&self) -> &[f64] {
        &self.values
    }
}

impl TryFrom<Vec<f64>> for RandomIndexTable {
    type Error = Error;

    fn try_from(values: Vec<f64>) -> Result<Self> {
        Self::new(values)
    }
}

impl From<RandomIndexTable> for Vec<f64> {
    fn from(table: RandomIndexTable) -> Self {
        table.values
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn donegan_dodd_interpolates_between_listed_orders() {
        let ri = RandomIndex::DoneganDodd1991;
        assert_eq!(ri.value(20).unwrap(), 1.5371);
        // Linear between (20, 1.5371) and (25, 1.5619): 1.5371 + 2/5 · 0.0248 = 1.54702.
        approx::assert_abs_diff_eq!(ri.value(22).unwrap(), 1.54702, epsilon = 1e-12);
        assert_eq!(ri.value(100).unwrap(), 1.6339);
        assert!(ri.value(101).is_err());
        assert_eq!(ri.max_order(), 100);
    }

    #[test]
    fn alonso_lamata_fit_tracks_their_table() {
        // (1.7699·9 − 4.3513) / 8 = 11.5778 / 8 = 1.447225, against 1.4499 in their table.
        let fit = RandomIndex::AlonsoLamata2006Fit;
        approx::assert_abs_diff_eq!(fit.value(9).unwrap(), 1.447225, epsilon = 1e-12);
        for t in 6..=15 {
            let table = RandomIndex::AlonsoLamata2006.value(t).unwrap();
            assert!((fit.value(t).unwrap() - table).abs() < 0.01, "order {t}");
        }
        assert_eq!(fit.value(2).unwrap(), 0.0);
        assert!(fit.value(0).is_err());
        assert!(fit.value(1_000).unwrap() < 1.7699);
    }

    #[test]
    fn order_zero_and_past_the_end_are_errors() {
        for table in [
            RandomIndex::GuptaPaper,
            RandomIndex::Saaty1980,
            RandomIndex::Saaty2005,
            RandomIndex::AlonsoLamata2006,
            RandomIndex::AguaronMorenoJimenez2003,
        ] {
            assert!(table.value(0).is_err());
            let past = table.max_order() + 1;
            assert_eq!(
                table.value(past).map_err(Error::into_kind),
                Err(ErrorKind::RandomIndexOutOfRange {
                    table: table.name(),
                    order: past,
                    max_order: table.max_order()
                })
            );
        }
    }

    #[test]
    fn custom_tables_are_validated_not_ordered() {
        assert!(RandomIndexTable::new(vec![0.0, 0.0, 1.0, 0.9]).is_ok());
        assert_eq!(
            RandomIndexTable::new(vec![0.0, -0.1]).map_err(Error::into_kind),
            Err(ErrorKind::InvalidRandomIndex {
                order: 2,
                value: -0.1
            })
        );
        assert!(RandomIndexTable::new(vec![0.0, 0.0, f64::INFINITY]).is_err());
    }
}
