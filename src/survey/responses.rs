//! Questionnaire responses: the table, its scale, per-item statistics and frequencies.

use std::collections::HashSet;

use crate::error::{Collection, Error, ErrorKind, Limit, Result};
use crate::fce::MembershipMatrix;
use crate::limits::Limits;

/// How answers are coded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "snake_case")
)]
#[non_exhaustive]
pub enum Scale {
    /// A Likert item answered 1..=`levels`; the score is the answer.
    Likert {
        /// The number of levels k (answers 1..=k).
        levels: u32,
    },
    /// A ranking of all `items` items: each respondent gives each item a distinct rank
    /// 1..=m, 1 for the most important, and rank r scores m + 1 − r points (the first gets m,
    /// the last 1), as in the micro-store study's 4, 3, 2, 1.
    Rank {
        /// The number of items m being ranked.
        items: u32,
    },
}

impl Scale {
    /// The largest valid answer (answers run from 1).
    pub fn max_answer(self) -> u32 {
        match self {
            Scale::Likert { levels } => levels,
            Scale::Rank { items } => items,
        }
    }

    /// The score of an answer: the answer itself on a Likert scale, m + 1 − rank on a rank
    /// scale.
    pub fn score(self, answer: u32) -> f64 {
        match self {
            Scale::Likert { .. } => f64::from(answer),
            Scale::Rank { items } => f64::from(items + 1) - f64::from(answer),
        }
    }
}

/// A validated table of answers: respondents × items, each answer on the scale or missing, and
/// on a rank scale no rank repeated within a respondent.
///
/// ```
/// use ahp_fce::survey::{ResponseTable, Scale};
/// # fn main() -> Result<(), ahp_fce::Error> {
/// let table = ResponseTable::new(
///     ["price", "quality", "delivery"],
///     Scale::Likert { levels: 5 },
///     vec![vec![Some(4), Some(5), None], vec![Some(2), Some(4), Some(3)]],
/// )?;
/// let stats = table.statistics();
/// assert_eq!(stats[2].valid, 1);
/// assert_eq!(stats[2].missing, 1);
/// assert_eq!(stats[1].mean, Some(4.5));
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(try_from = "ResponseTableSpec", into = "ResponseTableSpec")
)]
pub struct ResponseTable {
    items: Vec<String>,
    scale: Scale,
    /// Row-major, respondents × items.
    answers: Vec<Option<u32>>,
}

/// The unchecked form of [`ResponseTable`] that (de)serialization goes through.
#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
struct ResponseTableSpec {
    items: Vec<String>,
    scale: Scale,
    answers: Vec<Vec<Option<u32>>>,
}

#[cfg(feature = "serde")]
impl TryFrom<ResponseTableSpec> for ResponseTable {
    type Error = Error;

    fn try_from(spec: ResponseTableSpec) -> Result<Self> {
        Self::new(spec.items, spec.scale, spec.answers)
    }
}

#[cfg(feature = "serde")]
impl From<ResponseTable> for ResponseTableSpec {
    fn from(table: ResponseTable) -> Self {
        Self {
            answers: table.rows().map(<[_]>::to_vec).collect(),
            items: table.items,
            scale: table.scale,
        }
    }
}

impl ResponseTable {
    /// Validates a table given as one row of answers per respondent (`None` = missing).
    ///
    /// # Errors
    /// [`ErrorKind::Empty`] without items; [`ErrorKind::EmptyItemName`], [`ErrorKind::DuplicateItem`];
    /// [`ErrorKind::InvalidScale`], [`ErrorKind::RankScaleMismatch`]; [`ErrorKind::RaggedRow`] for a
    /// respondent with another number of answers; [`ErrorKind::OffScale`] and
    /// [`ErrorKind::RepeatedRank`] naming the respondent and item; [`ErrorKind::LimitExceeded`]
    /// for a scale of more than [`Limits::default`]'s 1,000 answer categories.
    pub fn new<S: Into<String>>(
        items: impl IntoIterator<Item = S>,
        scale: Scale,
        rows: Vec<Vec<Option<u32>>>,
    ) -> Result<Self> {
        Self::new_with_limits(items, scale, rows, &Limits::default())
    }

    /// [`ResponseTable::new`] with other bounds on the scale than [`Limits::default`].
    ///
    /// # Errors
    /// As [`ResponseTable::new`]; [`ErrorKind::LimitExceeded`] for a scale of more answer
    /// categories than `limits.scale_levels`.
    pub fn new_with_limits<S: Into<String>>(
        items: impl IntoIterator<Item = S>,
        scale: Scale,
        rows: Vec<Vec<Option<u32>>>,
        limits: &Limits,
    ) -> Result<Self> {
        let items: Vec<String> = items.into_iter().map(Into::into).collect();
        check_items(&items)?;
        check_scale(scale, items.len(), limits)?;
        let mut answers = Vec::with_capacity(rows.len() * items.len());
        for (respondent, row) in rows.into_iter().enumerate() {
            if row.len() != items.len() {
                return Err(Error::from(ErrorKind::RaggedRow {
                    row: respondent,
                    len: row.len(),
                    expected: items.len(),
                }));
            }
            check_row(&items, scale, respondent, &row)?;
            answers.extend(row);
        }
        Ok(Self {
            items,
            scale,
            answers,
        })
    }

    /// The item names, in column order.
    pub fn items(&self) -> &[String] {
        &self.items
    }

    /// The declared scale.
    pub fn scale(&self) -> Scale {
        self.scale
    }

    /// The number of respondents (rows).
    pub fn respondents(&self) -> usize {
        // There is at least one item: the constructor rejects a table without.
        self.answers.len() / self.items.len()
    }

    /// Each respondent's answers, in item order.
    pub fn rows(&self) -> impl ExactSizeIterator<Item = &[Option<u32>]> {
        self.answers.chunks_exact(self.items.len().max(1))
    }

    /// The scores of item `item` over all respondents (`None` where missing).
    pub fn scores(&self, item: usize) -> impl Iterator<Item = Option<f64>> + '_ {
        self.rows().map(move |row| {
            row.get(item)
                .copied()
                .flatten()
                .map(|a| self.scale.score(a))
        })
    }

    /// SPSS-style descriptive statistics of every item's scores.
    pub fn statistics(&self) -> Vec<ItemStatistics> {
        (0..self.items.len())
            .map(|item| ItemStatistics::of(&self.items[item], self.scores(item)))
            .collect()
    }

    /// The key factors: items whose mean score exceeds `threshold`, highest mean first.
    ///
    /// The micro-store study takes 3.2 of a full 4 points, i.e. 80 % of the full score.
    pub fn key_factors(&self, threshold: f64) -> Vec<KeyFactor> {
        let mut factors: Vec<KeyFactor> = self
            .statistics()
            .into_iter()
            .filter_map(|s| {
                let mean = s.mean?;
                (mean > threshold).then_some(KeyFactor { item: s.item, mean })
            })
            .collect();
        factors.sort_by(|a, b| b.mean.total_cmp(&a.mean));
        factors
    }

    /// Counts of each answer category (1..=max answer) of item `item`.
    ///
    /// # Errors
    /// [`ErrorKind::UnknownItem`] for an item index past the table.
    pub fn frequencies(&self, item: usize) -> Result<Frequencies> {
        if item >= self.items.len() {
            return Err(Error::from(ErrorKind::UnknownItem {
                index: item,
                items: self.items.len(),
            }));
        }
        let mut counts = vec![0u32; self.scale.max_answer() as usize];
        let mut missing = 0;
        for row in self.rows() {
            match row[item] {
                Some(answer) => counts[answer as usize - 1] += 1,
                None => missing += 1,
            }
        }
        Ok(Frequencies {
            item: self.items[item].clone(),
            counts,
            missing,
        })
    }
}

fn check_items(items: &[String]) -> Result<()> {
    if items.is_empty() {
        return Err(Error::from(ErrorKind::Empty {
            what: Collection::ResponseTable,
        }));
    }
    let mut seen = HashSet::new();
    for (index, name) in items.iter().enumerate() {
        if name.trim().is_empty() {
            return Err(Error::from(ErrorKind::EmptyItemName { index }));
        }
        if !seen.insert(name.as_str()) {
            return Err(Error::from(ErrorKind::DuplicateItem { name: name.clone() }));
        }
    }
    Ok(())
}

fn check_scale(scale: Scale, items: usize, limits: &Limits) -> Result<()> {
    // Counts are kept per answer category: a declared scale is a promise to bound first.
    limits.check(Limit::ScaleLevels, u64::from(scale.max_answer()))?;
    if scale.max_answer() < 2 {
        return Err(Error::from(ErrorKind::InvalidScale {
            categories: scale.max_answer(),
        }));
    }
    if let Scale::Rank { items: ranked } = scale {
        if ranked as usize != items {
            return Err(Error::from(ErrorKind::RankScaleMismatch { items, ranked }));
        }
    }
    Ok(())
}

fn check_row(items: &[String], scale: Scale, respondent: usize, row: &[Option<u32>]) -> Result<()> {
    let max = scale.max_answer();
    // Only a rank scale needs to know who holds each rank; its ranks are the items.
    let mut holder_of_rank: Vec<Option<usize>> = match scale {
        Scale::Rank { .. } => vec![None; items.len()],
        Scale::Likert { .. } => Vec::new(),
    };
    for (item, answer) in row.iter().enumerate() {
        let Some(value) = *answer else { continue };
        if !(1..=max).contains(&value) {
            return Err(Error::from(ErrorKind::OffScale {
                respondent,
                item: items[item].clone(),
                value,
                min: 1,
                max,
            }));
        }
        if let Scale::Rank { .. } = scale {
            let slot = &mut holder_of_rank[value as usize - 1];
            if let Some(first) = *slot {
                return Err(Error::from(ErrorKind::RepeatedRank {
                    respondent,
                    rank: value,
                    first: items[first].clone(),
                    second: items[item].clone(),
                }));
            }
            *slot = Some(item);
        }
    }
    Ok(())
}

/// Descriptive statistics of one item, as SPSS reports them (n − 1 denominators).
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct ItemStatistics {
    /// The item's name.
    pub item: String,
    /// Answers given.
    pub valid: usize,
    /// Answers missing.
    pub missing: usize,
    /// Mean score; `None` without valid answers.
    pub mean: Option<f64>,
    /// Standard error of the mean, sd / √n; `None` with fewer than two valid answers.
    pub standard_error: Option<f64>,
    /// Standard deviation, √variance; `None` with fewer than two valid answers.
    pub standard_deviation: Option<f64>,
    /// Variance Σ(x − mean)² / (n − 1); `None` with fewer than two valid answers.
    pub variance: Option<f64>,
    /// Smallest score; `None` without valid answers.
    pub min: Option<f64>,
    /// Largest score; `None` without valid answers.
    pub max: Option<f64>,
}

impl ItemStatistics {
    /// Statistics of `scores` (`None` = missing). Two passes: the mean first, then squared
    /// deviations from it, which stays accurate where Σx² − n·mean² cancels.
    ///
    /// ```
    /// use ahp_fce::survey::ItemStatistics;
    /// // Scores 2, 4, 4, 4, 5, 5, 7, 9 (mean 5, Σ(x − 5)² = 32) and one missing.
    /// let data = [2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0].map(Some);
    /// let s = ItemStatistics::of("x", data.into_iter().chain([None]));
    /// assert_eq!((s.valid, s.missing, s.mean), (8, 1, Some(5.0)));
    /// assert_eq!(s.variance, Some(32.0 / 7.0));
    /// ```
    pub fn of(item: &str, scores: impl IntoIterator<Item = Option<f64>>) -> Self {
        let (values, missing): (Vec<Option<f64>>, Vec<Option<f64>>) =
            scores.into_iter().partition(Option::is_some);
        let values: Vec<f64> = values.into_iter().flatten().collect();
        let n = values.len();
        let mean = (n > 0).then(|| values.iter().sum::<f64>() / n as f64);
        let variance = mean
            .filter(|_| n > 1)
            .map(|m| values.iter().map(|x| (x - m) * (x - m)).sum::<f64>() / (n - 1) as f64);
        let standard_deviation = variance.map(f64::sqrt);
        Self {
            item: item.to_owned(),
            valid: n,
            missing: missing.len(),
            mean,
            standard_error: standard_deviation.map(|sd| sd / (n as f64).sqrt()),
            standard_deviation,
            variance,
            min: values.iter().copied().reduce(f64::min),
            max: values.iter().copied().reduce(f64::max),
        }
    }
}

/// An item whose mean passed the key-factor threshold.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct KeyFactor {
    /// The item's name.
    pub item: String,
    /// Its mean score.
    pub mean: f64,
}

/// How often each answer category (1, 2, …) was given for one item.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Frequencies {
    /// The item's name.
    pub item: String,
    /// `counts[c]` respondents answered c + 1.
    pub counts: Vec<u32>,
    /// Respondents who did not answer.
    pub missing: u32,
}

impl Frequencies {
    /// The share of valid answers in each category (all zero without valid answers).
    pub fn proportions(&self) -> Vec<f64> {
        // In u64: u32 counts can add up past u32::MAX.
        let valid: u64 = self.counts.iter().map(|&c| u64::from(c)).sum();
        self.counts
            .iter()
            .map(|&c| {
                if valid == 0 {
                    0.0
                } else {
                    f64::from(c) / valid as f64
                }
            })
            .collect()
    }

    /// The proportions as a one-row membership matrix (r_h = V_h / V over the valid answers):
    /// how experts' ticks become membership degrees.
    ///
    /// # Errors
    /// [`ErrorKind::NoExperts`] without valid answers.
    pub fn to_membership(&self) -> Result<MembershipMatrix> {
        MembershipMatrix::from_votes(&[&self.counts], None)
    }
}

/// Membership rows from published percentage breakdowns, each row rescaled to sum 1.
///
/// A row must add up to 100 within its rounding: each of its n values printed with `decimals`
/// decimals can be off by half a unit of the last decimal, so the sum within n · 0.5 · 10^−d.
///
/// ```
/// use ahp_fce::survey::membership_from_percentages;
/// # fn main() -> Result<(), ahp_fce::Error> {
/// // Micro-store study, section 4.2: burden 32.9 %, false ads 29.7 %, opaque info 32.4 %,
/// // other 5.0 %.
/// let r = membership_from_percentages(&[[32.9, 29.7, 32.4, 5.0]], 1)?;
/// approx::assert_relative_eq!(r.row(0).unwrap()[0], 0.329, max_relative = 1e-15);
/// assert!(membership_from_percentages(&[[30.0, 30.0]], 1).is_err());
/// # Ok(())
/// # }
/// ```
///
/// # Errors
/// [`ErrorKind::PercentageSum`] naming the row; the errors of [`MembershipMatrix::from_rows`].
pub fn membership_from_percentages<R: AsRef<[f64]>>(
    rows: &[R],
    decimals: u32,
) -> Result<MembershipMatrix> {
    let half_unit = 0.5 * 10f64.powi(-(decimals.min(15) as i32));
    let mut shares = Vec::with_capacity(rows.len());
    for (row, values) in rows.iter().enumerate() {
        let values = values.as_ref();
        let sum: f64 = values.iter().sum();
        let tolerance = values.len() as f64 * half_unit;
        if !((sum - 100.0).abs() <= tolerance) {
            return Err(Error::from(ErrorKind::PercentageSum {
                row,
                sum,
                tolerance,
            }));
        }
        shares.push(values.iter().map(|p| p / sum).collect::<Vec<f64>>());
    }
    MembershipMatrix::from_rows(&shares)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn proportions_of_huge_counts_do_not_wrap() {
        // Two categories of u32::MAX answers each: halves (the sum once wrapped in u32).
        let frequencies = Frequencies {
            item: "a".into(),
            counts: vec![u32::MAX, u32::MAX],
            missing: 0,
        };
        assert_eq!(frequencies.proportions(), vec![0.5, 0.5]);
    }
}
