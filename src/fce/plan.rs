//! The composition plan: a hierarchy compiled once into flat index ranges, which single
//! evaluations and batch scoring both run.
//!
//! Internal nodes get a slot each, numbered in pre-order (the goal is slot 0); the plan lists
//! one step per slot, children before parents, and each step a contiguous range of inputs
//! (a leaf's row or a child's slot, with the child's local weight). A kernel walks the steps
//! over one object's leaf rows and a scratch buffer of slots × grades.

use std::ops::Range;

use super::membership::row_is_valid;
use super::operator::{normalize, Operator};
use crate::hierarchy::{Hierarchy, NodeId, Synthesis};
use crate::tolerance;

/// Objects the columnar weighted average composes together, one per lane: eight values of a
/// column are one 64-byte cache line, used whole at one visit. Columns of a table often lie a
/// power of two apart and so compete for the same cache sets: with four lanes a line was
/// often evicted before its second half was read (over Arrow batches the columns took 2.1×
/// the rows' time, against 1.2× with eight).
const LANES: usize = 8;

/// Objects gathered from columns into rows at a time, for the paths that compose rows: a
/// block of the paper model's rows is 12 KiB, in the first-level cache.
const GATHER_BLOCK: usize = 64;

/// The compiled composition of one hierarchy under one operator.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct CompositionPlan {
    operator: Operator,
    grades: usize,
    /// The leaves, left to right: row k of an object is leaf `leaves[k]`.
    leaves: Vec<NodeId>,
    /// Global weight of each leaf, for the one-contraction form of the weighted average.
    leaf_weights: Vec<f64>,
    /// The internal node of each slot, in pre-order.
    slots: Vec<NodeId>,
    /// One step per slot, children before parents: the goal's step is last.
    steps: Vec<Step>,
    /// The inputs of all steps, back to back.
    inputs: Vec<Input>,
}

#[derive(Debug, Clone, PartialEq)]
struct Step {
    slot: usize,
    inputs: Range<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
struct Input {
    source: Source,
    /// The child's local weight.
    weight: f64,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Source {
    /// Row k of the object.
    Leaf(usize),
    /// The vector of a slot composed earlier; always a later slot than the step's own.
    Slot(usize),
}

/// Why one object could not be composed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Fault {
    /// Leaf row k is not a membership row.
    Row(usize),
    /// The node of this slot came out 0 for every grade.
    Zero(usize),
}

/// How many grades a kernel instance handles: known at compile time for the usual comment
/// sets (so rows are unrolled and kept in registers), at run time for the rest. One kernel
/// body serves both.
pub(crate) trait Width: Copy {
    /// One grade vector being accumulated: an array the compiler keeps in registers for a
    /// fixed width, a buffer made once per call for the others.
    type Vector: AsRef<[f64]> + AsMut<[f64]>;

    fn get(self) -> usize;

    fn vector(self) -> Self::Vector;
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Fixed<const G: usize>;

impl<const G: usize> Width for Fixed<G> {
    type Vector = [f64; G];

    #[inline(always)]
    fn get(self) -> usize {
        G
    }

    #[inline(always)]
    fn vector(self) -> [f64; G] {
        [0.0; G]
    }
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Dynamic(pub(crate) usize);

impl Width for Dynamic {
    type Vector = Vec<f64>;

    #[inline(always)]
    fn get(self) -> usize {
        self.0
    }

    fn vector(self) -> Vec<f64> {
        vec![0.0; self.0]
    }
}

/// Calls `$body` with `$width` bound to the narrowest [`Width`] for `$grades` grades.
macro_rules! with_width {
    ($grades:expr, |$width:ident| $body:expr) => {
        match $grades {
            2 => {
                let $width = $crate::fce::plan::Fixed::<2>;
                $body
            }
            3 => {
                let $width = $crate::fce::plan::Fixed::<3>;
                $body
            }
            4 => {
                let $width = $crate::fce::plan::Fixed::<4>;
                $body
            }
            5 => {
                let $width = $crate::fce::plan::Fixed::<5>;
                $body
            }
            6 => {
                let $width = $crate::fce::plan::Fixed::<6>;
                $body
            }
            g => {
                let $width = $crate::fce::plan::Dynamic(g);
                $body
            }
        }
    };
}

/// Calls `$body` with `$step` bound to a closure that is [`Operator::accumulate`] for a
/// constant operator, so that each kernel is compiled once per operator with no branch on it
/// in the inner loop.
macro_rules! with_operator {
    ($operator:expr, |$step:ident| $body:expr) => {
        match $operator {
            Operator::WeightedAverage => {
                let $step = |b, w, r| Operator::WeightedAverage.accumulate(b, w, r);
                $body
            }
            Operator::ZadehMinMax => {
                let $step = |b, w, r| Operator::ZadehMinMax.accumulate(b, w, r);
                $body
            }
            Operator::ProductMax => {
                let $step = |b, w, r| Operator::ProductMax.accumulate(b, w, r);
                $body
            }
            Operator::MinBoundedSum => {
                let $step = |b, w, r| Operator::MinBoundedSum.accumulate(b, w, r);
                $body
            }
        }
    };
}

impl CompositionPlan {
    /// Compiles `hierarchy` with the weights of `synthesis` (computed from that hierarchy).
    pub(crate) fn compile(
        hierarchy: &Hierarchy,
        synthesis: &Synthesis,
        operator: Operator,
        grades: usize,
    ) -> Self {
        let leaves = synthesis.leaves().to_vec();
        let slots: Vec<NodeId> = hierarchy.internal_nodes().collect();
        let mut source_of = vec![Source::Leaf(0); hierarchy.len()];
        for (k, leaf) in leaves.iter().enumerate() {
            source_of[leaf.index()] = Source::Leaf(k);
        }
        for (slot, id) in slots.iter().enumerate() {
            source_of[id.index()] = Source::Slot(slot);
        }
        let mut steps = Vec::with_capacity(slots.len());
        let mut inputs = Vec::with_capacity(hierarchy.len().saturating_sub(1));
        // Pre-order lists parents first; reversed, every child is composed before its parent.
        for (slot, &id) in slots.iter().enumerate().rev() {
            let start = inputs.len();
            inputs.extend(hierarchy.node(id).children().iter().map(|&child| Input {
                source: source_of[child.index()],
                weight: synthesis.node_of(child).local_weight,
            }));
            steps.push(Step {
                slot,
                inputs: start..inputs.len(),
            });
        }
        Self {
            operator,
            grades,
            leaf_weights: synthesis.leaf_weights().to_vec(),
            leaves,
            slots,
            steps,
            inputs,
        }
    }

    pub(crate) fn operator(&self) -> Operator {
        self.operator
    }

    /// This plan with the local weight of child `position` of `parent` set to `weight` and
    /// its siblings rescaled by (1 − weight) / (1 − old weight), so they still sum to 1; the
    /// leaves' global weights follow. `None` when `parent` is not an internal node of the plan,
    /// `position` is past its children, or it has one child (nothing to rescale).
    pub(crate) fn with_local_weight(
        &self,
        parent: NodeId,
        position: usize,
        weight: f64,
    ) -> Option<Self> {
        let slot = self.slots.iter().position(|&id| id == parent)?;
        let step = self.steps.iter().find(|s| s.slot == slot)?;
        let range = step.inputs.clone();
        if range.len() < 2 || position >= range.len() {
            return None;
        }
        let mut plan = self.clone();
        let old = plan.inputs[range.start + position].weight;
        let rest = (1.0 - weight) / (1.0 - old);
        for (k, input) in plan.inputs[range].iter_mut().enumerate() {
            input.weight = if k == position {
                weight
            } else {
                input.weight * rest
            };
        }
        // Parents before children: the steps reversed.
        let mut slot_weight = vec![0.0; plan.slots.len()];
        if let Some(goal) = slot_weight.first_mut() {
            *goal = 1.0;
        }
        for step in plan.steps.iter().rev() {
            let own = slot_weight[step.slot];
            for input in &plan.inputs[step.inputs.clone()] {
                match input.source {
                    Source::Leaf(k) => plan.leaf_weights[k] = own * input.weight,
                    Source::Slot(child) => slot_weight[child] = own * input.weight,
                }
            }
        }
        Some(plan)
    }

    pub(crate) fn with_operator(mut self, operator: Operator) -> Self {
        self.operator = operator;
        self
    }

    pub(crate) fn grades(&self) -> usize {
        self.grades
    }

    pub(crate) fn leaves(&self) -> &[NodeId] {
        &self.leaves
    }

    pub(crate) fn slots(&self) -> &[NodeId] {
        &self.slots
    }

    /// Scratch space for one object: one vector per slot.
    pub(crate) fn scratch(&self) -> Vec<f64> {
        vec![0.0; self.slots.len() * self.grades]
    }

    /// Composes one object's leaf rows (validated by the caller) level by level into `scratch`,
    /// leaving every slot's normalized vector there (the goal's first) and handing each raw
    /// vector to `keep_raw` before it is normalized.
    pub(crate) fn compose_levels(
        &self,
        object: &[f64],
        scratch: &mut [f64],
        keep_raw: impl FnMut(usize, &[f64]),
    ) -> Result<(), Fault> {
        with_operator!(self.operator, |step| with_width!(self.grades, |width| {
            self.levels(width, step, object, scratch, keep_raw)
        }))
    }

    /// Scores whole objects, `input` holding leaves × grades values per object and `output`
    /// grades values per object: each object's rows are checked, then composed, and its goal
    /// vector normalized into `output`. The weighted average is linear, so it runs as one
    /// contraction with the leaves' global weights; the other operators level by level.
    /// Returns the first failing object (index within `input`) with its fault.
    pub(crate) fn score_objects(
        &self,
        input: &[f64],
        output: &mut [f64],
    ) -> Result<(), (usize, Fault)> {
        let per_object = self.leaves.len() * self.grades;
        if per_object == 0 {
            return Ok(());
        }
        let objects = input
            .chunks_exact(per_object)
            .zip(output.chunks_exact_mut(self.grades))
            .enumerate();
        if self.operator == Operator::WeightedAverage {
            return with_width!(self.grades, |width| {
                let mut e = width.vector();
                for (k, (object, out)) in objects {
                    self.check_rows(width, object).map_err(|f| (k, f))?;
                    self.contract(width, object, e.as_mut());
                    if !normalize(e.as_mut()) {
                        return Err((k, Fault::Zero(0)));
                    }
                    out.copy_from_slice(e.as_ref());
                }
                Ok(())
            });
        }
        let mut scratch = self.scratch();
        with_operator!(self.operator, |step| with_width!(self.grades, |width| {
            for (k, (object, out)) in objects {
                self.check_rows(width, object).map_err(|f| (k, f))?;
                self.levels(width, step, object, &mut scratch, |_, _| {})
                    .map_err(|f| (k, f))?;
                out.copy_from_slice(&scratch[..width.get()]);
            }
            Ok(())
        }))
    }

    /// Scores objects whose degrees lie in columns, `columns[leaf * grades + h]` holding
    /// grade h of that leaf for every object and `output` receiving grades values per object
    /// (the caller checks that every column holds one value per object). The same bits and
    /// the same first failing object as [`Self::score_objects`] on the gathered rows.
    ///
    /// The weighted average over 2 to 6 grades runs [`LANES`] objects at a time, one per
    /// lane, each lane doing exactly an object's operations in [`Self::score_objects`]'s
    /// order; everything else (the other operators and widths, a block with a bad row, the
    /// last objects short of a block) is gathered into rows and run there.
    pub(crate) fn score_columns(
        &self,
        columns: &[&[f64]],
        output: &mut [f64],
    ) -> Result<(), (usize, Fault)> {
        let g = self.grades;
        if self.leaves.is_empty() || g == 0 {
            return Ok(());
        }
        let objects = output.len() / g;
        let by_lanes = if self.operator == Operator::WeightedAverage && (2..=6).contains(&g) {
            objects - objects % LANES
        } else {
            0
        };
        let (lanes, rest) = output.split_at_mut(by_lanes * g);
        match g {
            2 => self.weighted_average_lanes::<2>(columns, lanes),
            3 => self.weighted_average_lanes::<3>(columns, lanes),
            4 => self.weighted_average_lanes::<4>(columns, lanes),
            5 => self.weighted_average_lanes::<5>(columns, lanes),
            6 => self.weighted_average_lanes::<6>(columns, lanes),
            _ => Ok(()),
        }?;
        self.score_gathered(columns, by_lanes, rest)
    }

    /// The weighted average of whole blocks of [`LANES`] objects from column 0 on, `G`
    /// grades. E, the row sums and the range flags of a block stay in registers while each
    /// column passes its [`LANES`] values; the sum check of a row is the lane's
    /// `row_is_valid` (its `in_range` kept for all rows at once: the object's rows are valid
    /// exactly when every degree is in range and every sum is close to 1).
    // `contains` short-circuits, which would put a branch on every degree (as in
    // `row_is_valid`).
    #[allow(clippy::manual_range_contains)]
    fn weighted_average_lanes<const G: usize>(
        &self,
        columns: &[&[f64]],
        output: &mut [f64],
    ) -> Result<(), (usize, Fault)> {
        for (block, out) in output.chunks_exact_mut(G * LANES).enumerate() {
            let start = block * LANES;
            let mut e = [[0.0; LANES]; G];
            let mut in_range = [true; LANES];
            let mut sums_close = [true; LANES];
            for (&w, leaf) in self.leaf_weights.iter().zip(columns.chunks_exact(G)) {
                let mut sum = [0.0; LANES];
                for (e_h, column) in e.iter_mut().zip(leaf) {
                    let values = &column[start..start + LANES];
                    for (((e, s), ok), &r) in
                        e_h.iter_mut().zip(&mut sum).zip(&mut in_range).zip(values)
                    {
                        *s += r;
                        *ok &= (r >= 0.0) & (r <= 1.0);
                        *e += w * r;
                    }
                }
                for (close, &s) in sums_close.iter_mut().zip(&sum) {
                    *close &= (s - 1.0).abs() <= tolerance::MEMBERSHIP_ROW_SUM;
                }
            }
            let valid = in_range
                .iter()
                .zip(&sums_close)
                .all(|(&range, &close)| range & close);
            if !valid {
                // The rows say which object and row fail, exactly as unblocked.
                self.score_gathered(columns, start, out)?;
                continue;
            }
            for (lane, vector) in out.chunks_exact_mut(G).enumerate() {
                for (value, e_h) in vector.iter_mut().zip(&e) {
                    *value = e_h[lane];
                }
                if !normalize(vector) {
                    return Err((start + lane, Fault::Zero(0)));
                }
            }
        }
        Ok(())
    }

    /// Objects from `first` on gathered into rows, [`GATHER_BLOCK`] at a time, and scored by
    /// [`Self::score_objects`]; failing objects are numbered from column 0.
    fn score_gathered(
        &self,
        columns: &[&[f64]],
        first: usize,
        output: &mut [f64],
    ) -> Result<(), (usize, Fault)> {
        let g = self.grades;
        let per_object = self.leaves.len() * g;
        let mut rows = vec![0.0; GATHER_BLOCK.min(output.len() / g) * per_object];
        for (block, out) in output.chunks_mut(g * GATHER_BLOCK).enumerate() {
            let start = first + block * GATHER_BLOCK;
            let count = out.len() / g;
            let rows = &mut rows[..count * per_object];
            // Column by column: each column's values are read in one run (the columns lie far
            // apart, and a pass over all of them per object misses the cache on every one).
            for (k, column) in columns.iter().enumerate() {
                let cells = rows[k..].iter_mut().step_by(per_object);
                for (cell, &value) in cells.zip(&column[start..start + count]) {
                    *cell = value;
                }
            }
            self.score_objects(rows, out)
                .map_err(|(k, fault)| (start + k, fault))?;
        }
        Ok(())
    }

    /// The first leaf row of `object` that is not a membership row.
    #[inline(always)]
    fn check_rows<W: Width>(&self, width: W, object: &[f64]) -> Result<(), Fault> {
        // One branch-free pass; only a failed object pays for finding its row.
        let mut valid = true;
        for row in object.chunks_exact(width.get()) {
            valid &= row_is_valid(row);
        }
        if !valid {
            for (k, row) in object.chunks_exact(width.get()).enumerate() {
                if !row_is_valid(row) {
                    return Err(Fault::Row(k));
                }
            }
        }
        Ok(())
    }

    /// E = Σ_leaf w_leaf·r_leaf into `out`, not yet normalized.
    #[inline(always)]
    fn contract<W: Width>(&self, width: W, object: &[f64], out: &mut [f64]) {
        let out = &mut out[..width.get()];
        out.fill(0.0);
        for (&w, row) in self
            .leaf_weights
            .iter()
            .zip(object.chunks_exact(width.get()))
        {
            for (e, &r) in out.iter_mut().zip(row) {
                *e += w * r;
            }
        }
    }

    /// The level-by-level kernel: every operator, every width.
    #[inline(always)]
    fn levels<W: Width>(
        &self,
        width: W,
        step: impl Fn(f64, f64, f64) -> f64,
        object: &[f64],
        scratch: &mut [f64],
        mut keep_raw: impl FnMut(usize, &[f64]),
    ) -> Result<(), Fault> {
        let g = width.get();
        let mut vector = width.vector();
        for node in &self.steps {
            let target = vector.as_mut();
            target.fill(0.0);
            for input in &self.inputs[node.inputs.clone()] {
                let row = match input.source {
                    Source::Leaf(leaf) => &object[leaf * g..(leaf + 1) * g],
                    Source::Slot(slot) => &scratch[slot * g..(slot + 1) * g],
                };
                for (b, &r) in target.iter_mut().zip(row) {
                    *b = step(*b, input.weight, r);
                }
            }
            self.operator.finish(target);
            keep_raw(node.slot, target);
            if !normalize(target) {
                return Err(Fault::Zero(node.slot));
            }
            scratch[node.slot * g..(node.slot + 1) * g].copy_from_slice(target);
        }
        Ok(())
    }
}
