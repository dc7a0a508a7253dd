//! One-at-a-time weight sensitivity: how far each criterion's local weight may move, its
//! siblings rescaled proportionally so they still sum to 1, before the result changes.
//!
//! For every criterion c below a node with two or more children, the local weight w of c runs
//! over [0, 1] and every sibling's becomes w_j · (1 − w) / (1 − w_c). Every alternative's
//! overall priority, and under the weighted-average operator every object's grade vector and
//! score, is then linear in w, so where two of them cross is computed exactly. Under the other
//! operators the result is evaluated at [`GRID`] + 1 evenly spaced weights and each change
//! located by bisection to [`BISECTED_TO`]; two changes closer than a grid step can be seen as
//! one.
//!
//! For each criterion the result gives the weights, below and above the current one, nearest
//! to it at which the best item changes, at which any two items swap ranks, and (for objects)
//! at which any object's verdict changes; `None` where nothing changes in [0, w] or [w, 1].

use crate::alternatives::AlternativesSynthesis;
use crate::error::Result;
use crate::fce::{dot, Evaluator, MembershipMatrix, Operator, RankOrder};
use crate::hierarchy::{Hierarchy, NodeId, Synthesis};

/// The evenly spaced intervals at which non-linear results are evaluated.
pub const GRID: usize = 200;

/// The width to which a change found between two grid points is bisected.
pub const BISECTED_TO: f64 = 1e-12;

/// Items compared pairwise for rank swaps and listed in curves up to this many; beyond it only
/// the best item and the verdicts are followed (the pairs grow with the square).
pub const PAIRS_UP_TO: usize = 1_000;

/// Items whose curves (breakpoints and sampled values) are kept, for plots.
pub const CURVES_UP_TO: usize = 50;

/// The most work a report spends on sensitivity, in leaf-item products (criteria × leaves ×
/// items, times [`GRID`] for a bisected operator): the paper's model with 1,000 objects under a
/// non-linear operator is about 4 · 10⁷. A hierarchy of 100,000 leaves has as many criteria, so
/// its sensitivity (10¹⁰ for one object) is left out of a report, which says so.
pub const REPORTED_WORK_UP_TO: u64 = 100_000_000;

/// The work of a sensitivity run, in the units of [`REPORTED_WORK_UP_TO`].
pub fn work(hierarchy: &Hierarchy, items: usize, exact: bool) -> u64 {
    let criteria = criteria(hierarchy).len() as u64;
    let leaves = hierarchy.leaves().count() as u64;
    let per = if exact { 1 } else { GRID as u64 + 1 };
    criteria
        .saturating_mul(leaves)
        .saturating_mul(items as u64)
        .saturating_mul(per)
}

/// The nearest weights below and above the current one at which something changes.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct WeightChange {
    /// The largest weight below the current one at which it changes; `None`: nothing in
    /// [0, w].
    pub down: Option<f64>,
    /// The smallest weight above the current one at which it changes; `None`: nothing in
    /// [w, 1].
    pub up: Option<f64>,
}

impl WeightChange {
    /// The smaller of the two distances from `current`, `None` when nothing changes.
    pub fn smallest_change(&self, current: f64) -> Option<f64> {
        let down = self.down.map(|w| current - w);
        let up = self.up.map(|w| w - current);
        match (down, up) {
            (Some(d), Some(u)) => Some(d.min(u)),
            (d, u) => d.or(u),
        }
    }
}

/// One point of a criterion's curve: the items' scores at one weight.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct CurvePoint {
    /// The criterion's local weight.
    pub weight: f64,
    /// Each item's score there, in the items' order.
    pub scores: Vec<f64>,
}

/// The sensitivity of the result to one criterion's weight.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct CriterionSensitivity {
    /// The criterion.
    pub criterion: NodeId,
    /// Its current local weight.
    pub weight: f64,
    /// Whether the changes are exact (linear results) or bisected on a grid.
    pub exact: bool,
    /// Where the best item changes; `None` without item scores.
    pub top: Option<WeightChange>,
    /// Where any two items swap ranks; `None` without item scores or beyond
    /// [`PAIRS_UP_TO`] items.
    pub ranks: Option<WeightChange>,
    /// Where any object's verdict changes; `None` for alternatives.
    pub verdicts: Option<WeightChange>,
    /// The weights in [0, 1] at which two items' scores cross (exact) or their order changes
    /// (bisected), ascending; empty beyond [`CURVES_UP_TO`] items.
    pub breakpoints: Vec<f64>,
    /// The items' scores along the weight: at 0, every breakpoint, the current weight and 1
    /// (exact), or at every grid point (bisected); empty beyond [`CURVES_UP_TO`] items.
    pub curve: Vec<CurvePoint>,
}

/// What one weight gives: every item's score (higher is better), and every object's verdict.
pub(crate) struct Outcome {
    pub(crate) scores: Vec<f64>,
    pub(crate) verdicts: Vec<usize>,
}

/// Every criterion that has a sibling, in pre-order: (criterion, its parent, its position among
/// the parent's children). These are the criteria a sensitivity run varies.
pub fn criteria(hierarchy: &Hierarchy) -> Vec<(NodeId, NodeId, usize)> {
    hierarchy
        .internal_nodes()
        .flat_map(|parent| {
            let children = hierarchy.node(parent).children();
            let many = children.len() > 1;
            children
                .iter()
                .enumerate()
                .filter(move |_| many)
                .map(move |(k, &c)| (c, parent, k))
        })
        .collect()
}

/// For each leaf, left to right, how its global weight moves with the criterion's weight w:
/// `Under` (∝ w), `Beside` (∝ 1 − w) or `Outside` (fixed).
#[derive(Clone, Copy, PartialEq)]
pub(crate) enum Side {
    Under,
    Beside,
    Outside,
}

pub(crate) fn sides(
    hierarchy: &Hierarchy,
    leaves: &[NodeId],
    criterion: NodeId,
    parent: NodeId,
) -> Vec<Side> {
    leaves
        .iter()
        .map(|&leaf| {
            // Walk up to the child of `parent` the leaf descends from, if any.
            let mut node = leaf;
            loop {
                match hierarchy.get(node).and_then(|n| n.parent()) {
                    Some(up) if up == parent => {
                        return if node == criterion {
                            Side::Under
                        } else {
                            Side::Beside
                        };
                    }
                    Some(up) => node = up,
                    None => return Side::Outside,
                }
            }
        })
        .collect()
}

/// The leaves' global weights when the criterion's local weight is `w` instead of `current`.
pub(crate) fn reweighted(globals: &[f64], sides: &[Side], current: f64, w: f64) -> Vec<f64> {
    globals
        .iter()
        .zip(sides)
        .map(|(&g, side)| match side {
            Side::Under => g * w / current,
            Side::Beside => g * (1.0 - w) / (1.0 - current),
            Side::Outside => g,
        })
        .collect()
}

/// Values at w = 0 and at w = 1: one number per item, or one vector per object.
type Ends<'a, T> = (&'a [T], &'a [T]);

/// The sensitivity of a result that is linear in w, from its values at w = 0 and w = 1:
/// `scores` and each object's grade vector (for verdicts) at both ends.
pub(crate) fn linear(
    criterion: NodeId,
    current: f64,
    scores: Ends<'_, f64>,
    grades: Option<Ends<'_, Vec<f64>>>,
) -> CriterionSensitivity {
    let (at0, at1) = scores;
    let n = at0.len();
    let top = (n > 0).then(|| {
        let now: Vec<f64> = line_values(at0, at1, current);
        best_change(at0, at1, argmax(&now), current)
    });
    let crossings = (n <= PAIRS_UP_TO).then(|| pair_crossings(at0, at1));
    let ranks = crossings
        .as_ref()
        .filter(|_| n > 0)
        .map(|c| nearest(c, current));
    let verdicts = grades.map(|(g0, g1)| {
        let mut change = WeightChange::default();
        for (e0, e1) in g0.iter().zip(g1) {
            let now = line_values(e0, e1, current);
            merge(&mut change, best_change(e0, e1, argmax(&now), current));
        }
        change
    });
    let (breakpoints, curve) = if n <= CURVES_UP_TO {
        let mut points: Vec<f64> = crossings.unwrap_or_default();
        points.dedup_by(|a, b| (*a - *b).abs() <= BISECTED_TO);
        let mut at: Vec<f64> = [0.0, current, 1.0]
            .into_iter()
            .chain(points.iter().copied())
            .collect();
        at.sort_by(f64::total_cmp);
        at.dedup_by(|a, b| (*a - *b).abs() <= BISECTED_TO);
        let curve = at
            .iter()
            .map(|&w| CurvePoint {
                weight: w,
                scores: line_values(at0, at1, w),
            })
            .collect();
        (points, curve)
    } else {
        (Vec::new(), Vec::new())
    };
    CriterionSensitivity {
        criterion,
        weight: current,
        exact: true,
        top,
        ranks,
        verdicts,
        breakpoints,
        curve,
    }
}

/// The sensitivity of a result evaluated at any weight by `outcome`, on a grid with bisection.
pub(crate) fn sampled(
    criterion: NodeId,
    current: f64,
    outcome: impl Fn(f64) -> Result<Outcome>,
) -> Result<CriterionSensitivity> {
    let here = outcome(current)?;
    let n = here.scores.len();
    let state = |o: &Outcome| State {
        top: (n > 0).then(|| argmax(&o.scores)),
        order: (n <= PAIRS_UP_TO).then(|| order(&o.scores)),
        verdicts: o.verdicts.clone(),
    };
    let now = state(&here);
    let grid: Vec<f64> = (0..=GRID).map(|k| k as f64 / GRID as f64).collect();
    let mut evaluated = Vec::with_capacity(grid.len());
    for &w in &grid {
        evaluated.push((w, outcome(w)?));
    }
    // The first change of `differs` walking from the current weight to `to`.
    let find = |differs: &dyn Fn(&State) -> bool, up: bool| -> Result<Option<f64>> {
        let mut previous = current;
        let mut points: Vec<&(f64, Outcome)> = evaluated
            .iter()
            .filter(|(w, _)| if up { *w > current } else { *w < current })
            .collect();
        if !up {
            points.reverse();
        }
        for (w, o) in points {
            if differs(&state(o)) {
                // Bisect between `previous` (same as now) and `w` (changed).
                let (mut same, mut changed) = (previous, *w);
                while (changed - same).abs() > BISECTED_TO {
                    let mid = (same + changed) / 2.0;
                    if differs(&state(&outcome(mid)?)) {
                        changed = mid;
                    } else {
                        same = mid;
                    }
                }
                return Ok(Some(changed));
            }
            previous = *w;
        }
        Ok(None)
    };
    let change = |differs: &dyn Fn(&State) -> bool| -> Result<WeightChange> {
        Ok(WeightChange {
            down: find(differs, false)?,
            up: find(differs, true)?,
        })
    };
    let top = match now.top {
        Some(t) => Some(change(&|s: &State| s.top != Some(t))?),
        None => None,
    };
    let ranks = match &now.order {
        Some(o) if n > 0 => Some(change(&|s: &State| s.order.as_ref() != Some(o))?),
        _ => None,
    };
    let verdicts = if now.verdicts.is_empty() {
        None
    } else {
        Some(change(&|s: &State| s.verdicts != now.verdicts)?)
    };
    let (breakpoints, curve) = if n <= CURVES_UP_TO {
        let mut breakpoints = Vec::new();
        for pair in evaluated.windows(2) {
            let (a, b) = (&pair[0], &pair[1]);
            if order(&a.1.scores) != order(&b.1.scores) {
                let (mut same, mut changed) = (a.0, b.0);
                let first = order(&a.1.scores);
                while changed - same > BISECTED_TO {
                    let mid = (same + changed) / 2.0;
                    if order(&outcome(mid)?.scores) != first {
                        changed = mid;
                    } else {
                        same = mid;
                    }
                }
                breakpoints.push(changed);
            }
        }
        let curve = evaluated
            .iter()
            .map(|(w, o)| CurvePoint {
                weight: *w,
                scores: o.scores.clone(),
            })
            .collect();
        (breakpoints, curve)
    } else {
        (Vec::new(), Vec::new())
    };
    Ok(CriterionSensitivity {
        criterion,
        weight: current,
        exact: false,
        top,
        ranks,
        verdicts,
        breakpoints,
        curve,
    })
}

struct State {
    top: Option<usize>,
    order: Option<Vec<usize>>,
    verdicts: Vec<usize>,
}

fn line_values(at0: &[f64], at1: &[f64], w: f64) -> Vec<f64> {
    at0.iter().zip(at1).map(|(a, b)| a + w * (b - a)).collect()
}

/// The first index of the largest value.
fn argmax(values: &[f64]) -> usize {
    let mut best = 0;
    for (k, v) in values.iter().enumerate() {
        if *v > values[best] {
            best = k;
        }
    }
    best
}

/// The indices by value, largest first (ties by index).
fn order(values: &[f64]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by(|&a, &b| values[b].total_cmp(&values[a]).then(a.cmp(&b)));
    order
}

/// Where line `top` (the best at `current`) is first overtaken below and above `current`.
fn best_change(at0: &[f64], at1: &[f64], top: usize, current: f64) -> WeightChange {
    let slope = |k: usize| at1[k] - at0[k];
    let mut change = WeightChange::default();
    for j in (0..at0.len()).filter(|&j| j != top) {
        let (dj, dt) = (slope(j), slope(top));
        if dj == dt {
            continue;
        }
        let w = (at0[top] - at0[j]) / (dj - dt);
        if !(0.0..=1.0).contains(&w) {
            continue;
        }
        // j rises faster: it overtakes above the crossing; slower: below it.
        if dj > dt && w >= current - BISECTED_TO {
            change.up = Some(change.up.map_or(w, |u: f64| u.min(w)));
        } else if dj < dt && w <= current + BISECTED_TO {
            change.down = Some(change.down.map_or(w, |d: f64| d.max(w)));
        }
    }
    clamp(change, current)
}

/// Every crossing in [0, 1] of two lines with different slopes, ascending.
fn pair_crossings(at0: &[f64], at1: &[f64]) -> Vec<f64> {
    let mut out = Vec::new();
    for i in 0..at0.len() {
        for j in i + 1..at0.len() {
            let d = (at1[i] - at0[i]) - (at1[j] - at0[j]);
            if d == 0.0 {
                continue;
            }
            let w = (at0[j] - at0[i]) / d;
            if (0.0..=1.0).contains(&w) {
                out.push(w);
            }
        }
    }
    out.sort_by(f64::total_cmp);
    out
}

/// The crossings nearest `current` on either side.
fn nearest(crossings: &[f64], current: f64) -> WeightChange {
    clamp(
        WeightChange {
            down: crossings
                .iter()
                .rev()
                .copied()
                .find(|&w| w <= current + BISECTED_TO),
            up: crossings
                .iter()
                .copied()
                .find(|&w| w >= current - BISECTED_TO),
        },
        current,
    )
}

/// A change within rounding of the current weight is at the current weight.
fn clamp(mut change: WeightChange, current: f64) -> WeightChange {
    for w in [&mut change.down, &mut change.up].into_iter().flatten() {
        if (*w - current).abs() <= BISECTED_TO {
            *w = current;
        }
    }
    change
}

fn merge(into: &mut WeightChange, other: WeightChange) {
    if let Some(d) = other.down {
        into.down = Some(into.down.map_or(d, |x: f64| x.max(d)));
    }
    if let Some(u) = other.up {
        into.up = Some(into.up.map_or(u, |x: f64| x.min(u)));
    }
}

impl AlternativesSynthesis {
    /// The sensitivity of the alternatives' overall priorities to every criterion's weight
    /// (see the [module](crate::sensitivity)); exact, as the overall priorities are linear in
    /// each weight. `hierarchy` and `synthesis` must be the ones this was computed from.
    ///
    /// ```
    /// use ahp_fce::alternatives::{AlternativeScores, Alternatives, AlternativesSynthesis, Better, SynthesisMode};
    /// use ahp_fce::{AhpOptions, Criterion, Hierarchy, Weights};
    /// # fn main() -> Result<(), ahp_fce::Error> {
    /// let hierarchy = Hierarchy::new(Criterion::weighted("G", Weights::new(&[0.7, 0.3])?, [
    ///     Criterion::leaf("Price"),
    ///     Criterion::leaf("Comfort"),
    /// ]))?;
    /// let synthesis = hierarchy.synthesize(&AhpOptions::default())?;
    /// let scores = [
    ///     AlternativeScores::measurements(vec![1.0, 3.0], Better::Less)?, // A 0.75, B 0.25
    ///     AlternativeScores::measurements(vec![1.0, 3.0], Better::More)?, // A 0.25, B 0.75
    /// ];
    /// let names = Alternatives::new(["A", "B"])?;
    /// let result = AlternativesSynthesis::compute(&hierarchy, &synthesis, &names, &scores, SynthesisMode::Distributive)?;
    /// let price = &result.sensitivity(&hierarchy, &synthesis)[0];
    /// // A wins while Price weighs more than 1/2: 0.75 w + 0.25 (1 − w) = 0.25 w + 0.75 (1 − w).
    /// approx::assert_relative_eq!(price.top.unwrap().down.unwrap(), 0.5, max_relative = 1e-12);
    /// assert_eq!(price.top.unwrap().up, None);
    /// # Ok(())
    /// # }
    /// ```
    pub fn sensitivity(
        &self,
        hierarchy: &Hierarchy,
        synthesis: &Synthesis,
    ) -> Vec<CriterionSensitivity> {
        let leaves: Vec<NodeId> = self.leaves.iter().map(|l| l.leaf).collect();
        let globals: Vec<f64> = self.leaves.iter().map(|l| l.global_weight).collect();
        criteria(hierarchy)
            .into_iter()
            .map(|(criterion, parent, _)| {
                let current = synthesis.local_weight(criterion).unwrap_or(0.0);
                let sides = sides(hierarchy, &leaves, criterion, parent);
                let at = |w: f64| {
                    let g = reweighted(&globals, &sides, current, w);
                    (0..self.alternatives.len())
                        .map(|a| self.leaves.iter().zip(&g).map(|(l, g)| g * l.used[a]).sum())
                        .collect::<Vec<f64>>()
                };
                linear(criterion, current, (&at(0.0), &at(1.0)), None)
            })
            .collect()
    }
}

impl Evaluator {
    /// The sensitivity of the objects' scores, ranks and verdicts to every criterion's weight
    /// (see the [module](crate::sensitivity)): exact under the weighted average, bisected on
    /// a grid under the other operators. Scores are followed when the grades have scores (the
    /// best is the first in the evaluator's rank order).
    ///
    /// # Errors
    /// As [`Evaluator::evaluate`] for an object, at any weight of the grid.
    pub fn sensitivity(&self, objects: &[MembershipMatrix]) -> Result<Vec<CriterionSensitivity>> {
        for object in objects {
            self.evaluate(object)?;
        }
        let plan = self.plan();
        let g = self.grades().len();
        let scores = self.grades().scores();
        let sign = match self.rank_order() {
            RankOrder::HighestFirst => 1.0,
            RankOrder::LowestFirst => -1.0,
        };
        let score_of = |e: &[f64]| scores.map(|s| sign * dot(e, s));
        let mut found = Vec::new();
        for (criterion, parent, position) in criteria(self.hierarchy()) {
            let current = self.synthesis().local_weight(criterion).unwrap_or(0.0);
            if self.operator() == Operator::WeightedAverage {
                let leaves = self.synthesis().leaves();
                let sides = sides(self.hierarchy(), leaves, criterion, parent);
                let globals = self.synthesis().leaf_weights().to_vec();
                let vectors = |w: f64| -> Vec<Vec<f64>> {
                    let weights = reweighted(&globals, &sides, current, w);
                    objects
                        .iter()
                        .map(|m| {
                            let mut e = vec![0.0; g];
                            for (row, w) in m.as_slice().chunks_exact(g).zip(&weights) {
                                for (e, r) in e.iter_mut().zip(row) {
                                    *e += w * r;
                                }
                            }
                            e
                        })
                        .collect()
                };
                let (e0, e1) = (vectors(0.0), vectors(1.0));
                let s0: Vec<f64> = e0.iter().filter_map(|e| score_of(e)).collect();
                let s1: Vec<f64> = e1.iter().filter_map(|e| score_of(e)).collect();
                let mut one = linear(criterion, current, (&s0, &s1), Some((&e0, &e1)));
                if scores.is_none() {
                    one.top = None;
                    one.ranks = None;
                }
                found.push(one);
                continue;
            }
            let outcome = |w: f64| -> Result<Outcome> {
                let plan = plan
                    .with_local_weight(parent, position, w)
                    .unwrap_or_else(|| plan.clone());
                let mut scratch = plan.scratch();
                let mut out = Outcome {
                    scores: Vec::with_capacity(objects.len()),
                    verdicts: Vec::with_capacity(objects.len()),
                };
                for m in objects {
                    let rows = m.as_slice();
                    plan.compose_levels(rows, &mut scratch, |_, _| {})
                        .map_err(|fault| self.fault_error(fault, rows))?;
                    let e = &scratch[..g];
                    if let Some(s) = score_of(e) {
                        out.scores.push(s);
                    }
                    out.verdicts.push(argmax(e));
                }
                Ok(out)
            };
            found.push(sampled(criterion, current, outcome)?);
        }
        Ok(found)
    }
}
