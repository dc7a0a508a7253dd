//! Building and addressing the tree.

use std::collections::{HashMap, HashSet};
use std::fmt;

use crate::ahp::AhpOptions;
use crate::ahp::JudgmentMatrix;
use crate::ahp::Panel;
use crate::ahp::Weights;
use crate::error::{Collection, Error, ErrorKind, Limit, Result};
use crate::limits::Limits;

use super::Synthesis;

/// The character that joins names into a path (`Goal/Criterion/Leaf`); no name may contain it.
pub const PATH_SEPARATOR: char = '/';

/// What an internal node holds over its children, in the children's order.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "snake_case")
)]
pub enum Priorities {
    /// Pairwise judgments; weights and consistency are derived from them.
    Judgments(JudgmentMatrix),
    /// Weights given directly (no consistency to check).
    Weights(Weights),
    /// Several experts' judgments, combined; weights and consistency are derived from the
    /// panel's group matrix and aggregation.
    Panel(Panel),
}

impl Priorities {
    /// The number of children these priorities are over.
    pub fn order(&self) -> usize {
        match self {
            Priorities::Judgments(matrix) => matrix.order(),
            Priorities::Weights(weights) => weights.len(),
            Priorities::Panel(panel) => panel.order(),
        }
    }
}

/// An unchecked description of a criterion and everything below it; [`Hierarchy::new`] checks
/// it.
///
/// ```
/// use ahp_fce::{Criterion, Hierarchy, JudgmentMatrix, Weights};
/// # fn main() -> Result<(), ahp_fce::Error> {
/// let goal = Criterion::judged(
///     "Choose a car",
///     JudgmentMatrix::from_upper_triangle(&[3.0])?,
///     [
///         Criterion::weighted("Cost", Weights::new(&[0.7, 0.3])?, [
///             Criterion::leaf("Price"),
///             Criterion::leaf("Upkeep"),
///         ]),
///         Criterion::leaf("Safety"),
///     ],
/// );
/// let hierarchy = Hierarchy::new(goal)?;
/// assert_eq!(hierarchy.leaves().count(), 3);
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Criterion {
    /// The criterion's name, unique among its siblings.
    pub name: String,
    /// Judgments or weights over the children; `None` for a leaf.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub priorities: Option<Priorities>,
    /// The sub-criteria, in the order of the priorities.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Vec::is_empty")
    )]
    pub children: Vec<Criterion>,
}

impl Criterion {
    /// A leaf: an indicator with no sub-criteria.
    pub fn leaf(name: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            priorities: None,
            children: Vec::new(),
        }
    }

    /// A criterion whose children are weighted by pairwise judgments.
    pub fn judged(
        name: impl Into<String>,
        judgments: JudgmentMatrix,
        children: impl IntoIterator<Item = Criterion>,
    ) -> Self {
        Self {
            name: name.into(),
            priorities: Some(Priorities::Judgments(judgments)),
            children: children.into_iter().collect(),
        }
    }

    /// A criterion whose children are compared by a panel of experts.
    pub fn paneled(
        name: impl Into<String>,
        panel: Panel,
        children: impl IntoIterator<Item = Criterion>,
    ) -> Self {
        Self {
            name: name.into(),
            priorities: Some(Priorities::Panel(panel)),
            children: children.into_iter().collect(),
        }
    }

    /// A criterion whose children are weighted directly.
    pub fn weighted(
        name: impl Into<String>,
        weights: Weights,
        children: impl IntoIterator<Item = Criterion>,
    ) -> Self {
        Self {
            name: name.into(),
            priorities: Some(Priorities::Weights(weights)),
            children: children.into_iter().collect(),
        }
    }
}

impl Drop for Criterion {
    /// Drops the tree without recursion, so that a description a million levels deep cannot
    /// overflow the stack.
    fn drop(&mut self) {
        let mut below = std::mem::take(&mut self.children);
        while let Some(mut child) = below.pop() {
            below.append(&mut child.children);
        }
    }
}

/// The address of a node in one [`Hierarchy`].
///
/// Ids number the nodes in depth-first pre-order: the root is 0, and leaves come left to right.
/// An id is only meaningful for the hierarchy that issued it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(transparent)
)]
pub struct NodeId(usize);

impl NodeId {
    /// The pre-order position of the node.
    pub fn index(self) -> usize {
        self.0
    }
}

impl fmt::Display for NodeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{}", self.0)
    }
}

/// One criterion in a validated [`Hierarchy`].
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    name: String,
    parent: Option<NodeId>,
    children: Vec<NodeId>,
    priorities: Option<Priorities>,
    depth: usize,
}

impl Node {
    /// The criterion's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The parent, `None` for the root.
    pub fn parent(&self) -> Option<NodeId> {
        self.parent
    }

    /// The children, in the order of the node's priorities.
    pub fn children(&self) -> &[NodeId] {
        &self.children
    }

    /// Judgments or weights over the children; `None` for a leaf.
    pub fn priorities(&self) -> Option<&Priorities> {
        self.priorities.as_ref()
    }

    /// Distance from the root (the root is at depth 0).
    pub fn depth(&self) -> usize {
        self.depth
    }

    /// Whether the node is an indicator (has no children).
    pub fn is_leaf(&self) -> bool {
        self.children.is_empty()
    }
}

/// A validated criteria tree: sibling names unique, every internal node with judgments or
/// weights over exactly its children, every leaf without.
///
/// ```
/// use ahp_fce::{AhpOptions, Criterion, Hierarchy, JudgmentMatrix};
/// # fn main() -> Result<(), ahp_fce::Error> {
/// let hierarchy = Hierarchy::new(Criterion::judged(
///     "Goal",
///     JudgmentMatrix::from_upper_triangle(&[3.0, 5.0, 2.0])?,
///     [Criterion::leaf("A"), Criterion::leaf("B"), Criterion::leaf("C")],
/// ))?;
/// let b = hierarchy.find_path(&["Goal", "B"])?;
/// assert_eq!(hierarchy.find("B")?, b);
/// assert_eq!(hierarchy.path(b), "Goal/B");
/// let synthesis = hierarchy.synthesize(&AhpOptions::default())?;
/// assert!(synthesis.consistency().acceptable);
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(try_from = "Criterion", into = "Criterion")
)]
pub struct Hierarchy {
    /// In pre-order; `NodeId(i)` is `nodes[i]`.
    nodes: Vec<Node>,
    /// The nodes of each name, in pre-order, so that lookups by name or path take no scan.
    by_name: HashMap<String, Vec<NodeId>>,
}

impl Hierarchy {
    /// Checks and flattens a tree description.
    ///
    /// # Errors
    /// [`ErrorKind::Empty`] when the goal has no children; [`ErrorKind::EmptyName`],
    /// [`ErrorKind::NameWithSeparator`] for a name containing [`PATH_SEPARATOR`],
    /// [`ErrorKind::DuplicateSibling`], [`ErrorKind::PrioritiesOnLeaf`], [`ErrorKind::MissingPriorities`]
    /// and [`ErrorKind::OrderMismatch`], each naming the node by its path.
    pub fn new(root: Criterion) -> Result<Self> {
        Self::new_with_limits(root, &Limits::default())
    }

    /// [`Hierarchy::new`] with other bounds than [`Limits::default`] on the depth, the number
    /// of nodes and the order of each judged node.
    ///
    /// Takes time and memory in proportion to the tree: no step walks a path or scans the
    /// nodes.
    ///
    /// # Errors
    /// As [`Hierarchy::new`]; [`ErrorKind::LimitExceeded`] for a tree deeper than
    /// `limits.depth`, with more nodes than `limits.nodes`, or with a judged node of more
    /// children than `limits.matrix_order`.
    pub fn new_with_limits(root: Criterion, limits: &Limits) -> Result<Self> {
        if root.children.is_empty() {
            return Err(Error::from(ErrorKind::Empty {
                what: Collection::Hierarchy,
            }));
        }
        let mut hierarchy = Hierarchy {
            nodes: Vec::new(),
            by_name: HashMap::new(),
        };
        // An explicit stack instead of recursion: depth is bounded by the limits, not by the
        // call stack. Children are pushed in reverse so they are numbered left to right.
        let mut pending = vec![(root, None::<NodeId>)];
        while let Some((mut criterion, parent)) = pending.pop() {
            let id = NodeId(hierarchy.nodes.len());
            // Paths are made only for messages, so that building stays linear in the tree.
            let parent_path = || parent.map(|p| hierarchy.path(p)).unwrap_or_default();
            let here = |hierarchy: &Hierarchy, name: &str| match parent {
                Some(p) => format!("{}/{name}", hierarchy.path(p)),
                None => name.to_owned(),
            };
            limits
                .check(Limit::Nodes, id.0 as u64 + 1)
                .map_err(|e| e.in_node(parent_path()))?;
            if criterion.name.trim().is_empty() {
                return Err(Error::from(ErrorKind::EmptyName {
                    parent: parent_path(),
                }));
            }
            // Paths join names with `/`, so a name holding one could never be addressed.
            if criterion.name.contains(PATH_SEPARATOR) {
                return Err(Error::from(ErrorKind::NameWithSeparator {
                    parent: parent_path(),
                    name: std::mem::take(&mut criterion.name),
                }));
            }
            let depth = parent.map_or(0, |p| hierarchy.nodes[p.0].depth + 1);
            limits
                .check(Limit::Depth, depth as u64)
                .map_err(|e| e.in_node(here(&hierarchy, &criterion.name)))?;
            check_children(&criterion, || here(&hierarchy, &criterion.name))?;
            if let Some(Priorities::Judgments(_) | Priorities::Panel(_)) = &criterion.priorities {
                limits
                    .check(Limit::MatrixOrder, criterion.children.len() as u64)
                    .map_err(|e| e.in_node(here(&hierarchy, &criterion.name)))?;
            }
            if let Some(Priorities::Panel(panel)) = &criterion.priorities {
                limits
                    .check(Limit::Experts, panel.len() as u64)
                    .map_err(|e| e.in_node(here(&hierarchy, &criterion.name)))?;
            }
            if let Some(p) = parent {
                hierarchy.nodes[p.0].children.push(id);
            }
            let children = std::mem::take(&mut criterion.children);
            let name = std::mem::take(&mut criterion.name);
            hierarchy.by_name.entry(name.clone()).or_default().push(id);
            hierarchy.nodes.push(Node {
                name,
                parent,
                children: Vec::new(),
                priorities: criterion.priorities.take(),
                depth,
            });
            pending.extend(children.into_iter().rev().map(|c| (c, Some(id))));
        }
        Ok(hierarchy)
    }

    /// The goal at the top.
    pub fn root(&self) -> NodeId {
        NodeId(0)
    }

    /// Number of nodes, the root included.
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    /// Always `false`: a hierarchy has a goal and at least one criterion.
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    /// The node with this id, or `None` for an id of another hierarchy.
    pub fn get(&self, id: NodeId) -> Option<&Node> {
        self.nodes.get(id.0)
    }

    /// The node with an id this hierarchy issued.
    pub(crate) fn node(&self, id: NodeId) -> &Node {
        &self.nodes[id.0]
    }

    /// All nodes in pre-order.
    pub fn nodes(&self) -> impl ExactSizeIterator<Item = (NodeId, &Node)> {
        self.nodes.iter().enumerate().map(|(i, n)| (NodeId(i), n))
    }

    /// The leaves (indicators), left to right.
    pub fn leaves(&self) -> impl Iterator<Item = NodeId> + '_ {
        self.nodes().filter(|(_, n)| n.is_leaf()).map(|(id, _)| id)
    }

    /// The internal nodes (those with priorities), in pre-order.
    pub fn internal_nodes(&self) -> impl Iterator<Item = NodeId> + '_ {
        self.nodes().filter(|(_, n)| !n.is_leaf()).map(|(id, _)| id)
    }

    /// The node called `name`, wherever it is.
    ///
    /// # Errors
    /// [`ErrorKind::UnknownNode`] if none is; [`ErrorKind::AmbiguousName`] if several are (names are
    /// only unique among siblings; use [`Hierarchy::find_path`] then).
    pub fn find(&self, name: &str) -> Result<NodeId> {
        match self
            .by_name
            .get(name)
            .map(Vec::as_slice)
            .unwrap_or_default()
        {
            [] => Err(Error::from(ErrorKind::UnknownNode {
                name: name.to_owned(),
                closest: self.closest_name(name),
            })),
            [one] => Ok(*one),
            many => Err(Error::from(ErrorKind::AmbiguousName {
                name: name.to_owned(),
                count: many.len(),
                paths: many
                    .iter()
                    .map(|&id| self.path(id))
                    .collect::<Vec<_>>()
                    .join(", "),
            })),
        }
    }

    /// The name in this hierarchy most similar to `name` (Jaro–Winkler above 0.7), for a
    /// "did you mean"; names over 200 bytes are not compared.
    fn closest_name(&self, name: &str) -> Option<String> {
        // The similarity costs the product of the lengths: names longer than any a person
        // misspells get no suggestion, rather than seconds of arithmetic.
        const LONGEST: usize = 200;
        if name.len() > LONGEST {
            return None;
        }
        self.by_name
            .keys()
            .filter(|candidate| candidate.len() <= LONGEST)
            .map(|candidate| (strsim::jaro_winkler(name, candidate), candidate))
            .filter(|(similarity, _)| *similarity > 0.7)
            .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
            .map(|(_, candidate)| candidate.clone())
    }

    /// The node at `path`: names from the root down, the root's own name first.
    ///
    /// # Errors
    /// [`ErrorKind::UnknownPath`] naming the path when it leads nowhere.
    pub fn find_path<S: AsRef<str>>(&self, path: &[S]) -> Result<NodeId> {
        let unknown = || {
            Error::from(ErrorKind::UnknownPath {
                path: path.iter().map(AsRef::as_ref).collect::<Vec<_>>().join("/"),
            })
        };
        let (first, rest) = path.split_first().ok_or_else(unknown)?;
        if first.as_ref() != self.nodes[0].name {
            return Err(unknown());
        }
        let mut current = self.root();
        for name in rest {
            let named = self.by_name.get(name.as_ref()).ok_or_else(unknown)?;
            current = *named
                .iter()
                .find(|c| self.nodes[c.0].parent == Some(current))
                .ok_or_else(unknown)?;
        }
        Ok(current)
    }

    /// The names from the root to `id`, joined by `/`; empty for an id of another hierarchy.
    pub fn path(&self, id: NodeId) -> String {
        let mut names = Vec::new();
        let mut current = self.get(id);
        while let Some(node) = current {
            names.push(node.name.as_str());
            current = node.parent.and_then(|p| self.get(p));
        }
        names.reverse();
        names.join("/")
    }

    /// Local and global weights, and consistency at every node, under `options`.
    ///
    /// # Errors
    /// Any error of a node's weighting or consistency check (for instance a random-index table
    /// too short for its matrix), wrapped in a [`Location::Node`](crate::error::Location::Node) with the node's path.
    pub fn synthesize(&self, options: &AhpOptions) -> Result<Synthesis> {
        Synthesis::compute(self, options)
    }

    /// The tree description this hierarchy was built from.
    pub fn to_criterion(&self) -> Criterion {
        // Bottom-up in reverse pre-order, without recursion: when a node comes up, its
        // children's descriptions are the last ones built, the first child on top.
        let mut built: Vec<Criterion> = Vec::new();
        for node in self.nodes.iter().rev() {
            let mut children = built.split_off(built.len() - node.children.len());
            children.reverse();
            built.push(Criterion {
                name: node.name.clone(),
                priorities: node.priorities.clone(),
                children,
            });
        }
        #[allow(clippy::expect_used)]
        built.pop().expect("a hierarchy has a goal, built last")
    }
}

/// The checks that concern one criterion and its list of children.
fn check_children(criterion: &Criterion, path: impl Fn() -> String) -> Result<()> {
    let children = criterion.children.len();
    match (&criterion.priorities, children) {
        (Some(_), 0) => return Err(Error::from(ErrorKind::PrioritiesOnLeaf { node: path() })),
        (None, 0) => return Ok(()),
        (None, _) => {
            return Err(Error::from(ErrorKind::MissingPriorities {
                node: path(),
                children,
            }))
        }
        (Some(priorities), _) if priorities.order() != children => {
            return Err(Error::from(ErrorKind::OrderMismatch {
                node: path(),
                children,
                order: priorities.order(),
            }))
        }
        (Some(_), _) => {}
    }
    let mut seen = HashSet::new();
    for child in &criterion.children {
        if !seen.insert(child.name.as_str()) {
            return Err(Error::from(ErrorKind::DuplicateSibling {
                parent: path(),
                name: child.name.clone(),
            }));
        }
    }
    Ok(())
}

impl TryFrom<Criterion> for Hierarchy {
    type Error = Error;

    fn try_from(root: Criterion) -> Result<Self> {
        Self::new(root)
    }
}

impl From<Hierarchy> for Criterion {
    fn from(hierarchy: Hierarchy) -> Self {
        hierarchy.to_criterion()
    }
}
