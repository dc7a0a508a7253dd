//! Local and global weights of every node, and the consistency of the whole hierarchy.

use crate::ahp::AhpOptions;
use crate::ahp::ConsistencyReport;
use crate::ahp::PanelAnalysis;
use crate::ahp::Weights;
use crate::error::{Error, ErrorKind, Result};

use super::{Hierarchy, NodeId, Priorities};

/// What the synthesis found at one node.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct NodeSynthesis {
    /// The node's weight among its siblings (1 for the root).
    pub local_weight: f64,
    /// The product of local weights from the root down to the node.
    pub global_weight: f64,
    /// The weights of the node's children; `None` for a leaf.
    pub child_weights: Option<Weights>,
    /// The consistency of the node's judgments (a panel's group matrix); `None` for a leaf
    /// or for weights given directly.
    pub consistency: Option<ConsistencyReport>,
    /// A panel's experts, group matrix and consensus; `None` unless the node has a panel.
    pub panel: Option<PanelAnalysis>,
}

/// The consistency ratio of the hierarchy as a whole, and of each level.
///
/// Both definitions in use, in one place:
/// - CR_H = Σ_p w_p·CI_p / Σ_p w_p·RI_p over all nodes p with judgments of order 3 or more,
///   where w_p is the global weight of p (Saaty's hierarchic composition of consistency);
/// - the per-level CR that many applied papers report as "total ranking consistency":
///   CR_k = Σ w_p·CI_p / Σ w_p·RI_p over the judged nodes p whose children form level k (the
///   goal's children are level 1), each weighted by p's global weight. For a two-level
///   hierarchy CR_1 is the goal matrix's own CR and CR_2 weighs the second-level matrices.
///
/// Nodes of order ≤ 2 enter no sum: their judgments are always consistent, as their own
/// reports say (CR 0). A CR with nothing to sum is 0.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct HierarchyConsistency {
    /// CR_H.
    pub cr: f64,
    /// The threshold it was compared with.
    pub threshold: f64,
    /// Whether CR_H < threshold.
    pub acceptable: bool,
    /// Whether every judged node is itself acceptable (a hierarchy can pass as a whole while
    /// one small matrix fails).
    pub all_nodes_acceptable: bool,
    /// The per-level CR, from level 1 (the goal's children) down to the deepest level that
    /// was judged.
    pub levels: Vec<LevelConsistency>,
}

/// The consistency of one level of the hierarchy (see [`HierarchyConsistency`]).
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct LevelConsistency {
    /// The level of the compared items: 1 for the goal's children.
    pub level: usize,
    /// How many judgment matrices of order 3 or more compare items of this level.
    pub matrices: usize,
    /// Σ w·CI / Σ w·RI over them (0 when there are none).
    pub cr: f64,
    /// Whether CR < threshold.
    pub acceptable: bool,
}

/// Weights and consistency throughout a [`Hierarchy`], from [`Hierarchy::synthesize`].
///
/// ```
/// use ahp_fce::{AhpOptions, Criterion, Hierarchy, JudgmentMatrix, Weights};
/// use approx::assert_relative_eq;
/// # fn main() -> Result<(), ahp_fce::Error> {
/// let hierarchy = Hierarchy::new(Criterion::weighted("Goal", Weights::new(&[0.6, 0.4])?, [
///     Criterion::judged("A", JudgmentMatrix::from_upper_triangle(&[3.0])?, [
///         Criterion::leaf("A1"),
///         Criterion::leaf("A2"),
///     ]),
///     Criterion::leaf("B"),
/// ]))?;
/// let synthesis = hierarchy.synthesize(&AhpOptions::default())?;
/// let a1 = hierarchy.find("A1")?;
/// // By hand: A1 has 3/4 of A, which has 0.6 of the goal: 0.45. 1e-15: two roundings.
/// assert_relative_eq!(synthesis.global_weight(a1).unwrap(), 0.45, max_relative = 1e-15);
/// assert_relative_eq!(
///     synthesis.leaf_weights().as_slice(),
///     &[0.45, 0.15, 0.4][..],
///     max_relative = 1e-15
/// );
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Synthesis {
    /// Indexed by `NodeId`.
    nodes: Vec<NodeSynthesis>,
    leaves: Vec<NodeId>,
    leaf_weights: Weights,
    consistency: HierarchyConsistency,
    /// The sums behind `consistency`, for judgments added below the leaves (alternatives).
    #[cfg_attr(feature = "serde", serde(skip))]
    sums: ConsistencySums,
    options: AhpOptions,
}

/// The running sums of Saaty's hierarchy CR and of the per-level CR.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ConsistencySums {
    ci: f64,
    ri: f64,
    /// Per depth of the judged node: (matrices, Σ w·CI, Σ w·RI).
    by_level: Vec<(usize, f64, f64)>,
    all_acceptable: bool,
}

impl Default for ConsistencySums {
    fn default() -> Self {
        Self {
            ci: 0.0,
            ri: 0.0,
            by_level: Vec::new(),
            all_acceptable: true,
        }
    }
}

impl ConsistencySums {
    /// One judged node at `depth` with global weight `global`.
    pub(crate) fn add(&mut self, depth: usize, global: f64, report: &ConsistencyReport) {
        // Every reciprocal matrix of order ≤ 2 is consistent and has no random index: it
        // enters neither sum, as its own report says CR 0.
        if report.order > 2 {
            self.ci += global * report.ci;
            self.ri += global * report.ri;
            if self.by_level.len() <= depth {
                self.by_level.resize(depth + 1, (0, 0.0, 0.0));
            }
            let sums = &mut self.by_level[depth];
            sums.0 += 1;
            sums.1 += global * report.ci;
            sums.2 += global * report.ri;
        }
        self.all_acceptable &= report.acceptable;
    }

    /// CR_H and the per-level CRs against `threshold`. `root_order` and `root` name the goal
    /// in the error for sums too small to divide by.
    pub(crate) fn finish(
        &self,
        threshold: f64,
        root_order: usize,
        root: impl Fn() -> String,
    ) -> Result<HierarchyConsistency> {
        // Every node's CR is finite, but tiny random indices times tiny global weights can
        // still leave a sum too small to divide by.
        let ratio = |ci: f64, ri: f64| {
            let cr = if ri > 0.0 { ci / ri } else { 0.0 };
            if cr.is_finite() {
                Ok(cr)
            } else {
                Err(Error::from(ErrorKind::RandomIndexTooSmall {
                    order: root_order,
                    ci,
                    ri,
                    cr,
                })
                .in_node(root()))
            }
        };
        let cr = ratio(self.ci, self.ri)?;
        let levels = self
            .by_level
            .iter()
            .enumerate()
            .map(|(depth, &(matrices, ci, ri))| {
                let cr = ratio(ci, ri)?;
                Ok(LevelConsistency {
                    level: depth + 1,
                    matrices,
                    cr,
                    acceptable: cr < threshold,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(HierarchyConsistency {
            cr,
            threshold,
            acceptable: cr < threshold,
            all_nodes_acceptable: self.all_acceptable,
            levels,
        })
    }
}

impl Synthesis {
    pub(super) fn compute(hierarchy: &Hierarchy, options: &AhpOptions) -> Result<Self> {
        let mut nodes: Vec<NodeSynthesis> = hierarchy
            .nodes()
            .map(|_| NodeSynthesis {
                local_weight: 1.0,
                global_weight: 1.0,
                child_weights: None,
                consistency: None,
                panel: None,
            })
            .collect();
        let mut sums = ConsistencySums::default();
        // Pre-order visits every parent before its children, so its global weight is final.
        for (id, node) in hierarchy.nodes() {
            let Some(priorities) = node.priorities() else {
                continue;
            };
            let global = nodes[id.index()].global_weight;
            let (weights, report, panel) = match priorities {
                Priorities::Judgments(matrix) => {
                    let analysis = options
                        .analyze(matrix)
                        .map_err(|e| e.in_node(hierarchy.path(id)))?;
                    (analysis.weights, Some(analysis.consistency), None)
                }
                Priorities::Panel(panel) => {
                    let analysis = panel
                        .analyze(options)
                        .map_err(|e| e.in_node(hierarchy.path(id)))?;
                    let report = analysis.group.consistency.clone();
                    (analysis.weights.clone(), Some(report), Some(analysis))
                }
                Priorities::Weights(weights) => (weights.clone(), None, None),
            };
            if let Some(report) = &report {
                sums.add(node.depth(), global, report);
            }
            for (&child, local) in node.children().iter().zip(weights.iter()) {
                let entry = &mut nodes[child.index()];
                entry.local_weight = local;
                entry.global_weight = global * local;
            }
            let entry = &mut nodes[id.index()];
            entry.child_weights = Some(weights);
            entry.consistency = report;
            entry.panel = panel;
        }
        let leaves: Vec<NodeId> = hierarchy.leaves().collect();
        let leaf_globals: Vec<f64> = leaves
            .iter()
            .map(|l| nodes[l.index()].global_weight)
            .collect();
        let leaf_weights = Weights::from_unnormalized(&leaf_globals)?;
        let root = hierarchy.root();
        let consistency = sums.finish(
            options.consistency.threshold.value(),
            hierarchy.node(root).children().len(),
            || hierarchy.path(root),
        )?;
        Ok(Self {
            nodes,
            leaves,
            leaf_weights,
            consistency,
            sums,
            options: options.clone(),
        })
    }

    /// Everything found at a node of the synthesized hierarchy.
    pub(crate) fn node_of(&self, id: NodeId) -> &NodeSynthesis {
        &self.nodes[id.index()]
    }

    /// The number of nodes synthesized, the root included.
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    /// Always `false`: a hierarchy has at least a goal and one criterion.
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    /// The options the weights and consistency were computed under.
    pub fn options(&self) -> &AhpOptions {
        &self.options
    }

    /// Everything found at node `id`, or `None` for an id of another hierarchy.
    pub fn node(&self, id: NodeId) -> Option<&NodeSynthesis> {
        self.nodes.get(id.index())
    }

    /// The local weight of node `id`.
    pub fn local_weight(&self, id: NodeId) -> Option<f64> {
        self.node(id).map(|n| n.local_weight)
    }

    /// The global weight of node `id`.
    pub fn global_weight(&self, id: NodeId) -> Option<f64> {
        self.node(id).map(|n| n.global_weight)
    }

    /// The consistency report of node `id`'s judgments, if it has any.
    pub fn consistency_of(&self, id: NodeId) -> Option<&ConsistencyReport> {
        self.node(id).and_then(|n| n.consistency.as_ref())
    }

    /// The leaves, left to right, in the order of [`Synthesis::leaf_weights`].
    pub fn leaves(&self) -> &[NodeId] {
        &self.leaves
    }

    /// The global weights of the leaves, left to right; they sum to 1.
    pub fn leaf_weights(&self) -> &Weights {
        &self.leaf_weights
    }

    /// The consistency ratio of the whole hierarchy.
    pub fn consistency(&self) -> &HierarchyConsistency {
        &self.consistency
    }

    /// The sums behind [`Synthesis::consistency`].
    pub(crate) fn consistency_sums(&self) -> &ConsistencySums {
        &self.sums
    }
}
