//! The criteria hierarchy: a validated tree of named criteria of any depth, and its synthesis
//! into local and global weights with consistency at every node.

mod synthesis;
mod tree;

pub use synthesis::{HierarchyConsistency, LevelConsistency, NodeSynthesis, Synthesis};
pub use tree::{Criterion, Hierarchy, Node, NodeId, Priorities, PATH_SEPARATOR};
