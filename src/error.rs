//! The crate's one error type: what went wrong ([`ErrorKind`]) and where ([`Location`]).
//!
//! Every kind carries the offending values (row and column, the number found, the name), and
//! every error raised inside a structure carries the places it passed through on its way out:
//! the node of a hierarchy, the object, the line of a file, the place in a model file. Context
//! is added one way only, by wrapping an [`Error`](struct@Error) in one more [`Location`].
//!
//! ```
//! use ahp_fce::error::{ErrorKind, Location};
//! use ahp_fce::{AhpOptions, Criterion, Hierarchy, JudgmentMatrix, RandomIndex};
//! # fn main() -> Result<(), ahp_fce::Error> {
//! // The source paper's table stops at order 9.
//! let ten = JudgmentMatrix::from_upper_triangle(&[1.0; 45])?;
//! let hierarchy = Hierarchy::new(Criterion::judged(
//!     "Goal",
//!     ten,
//!     (0..10).map(|k| Criterion::leaf(format!("c{k}"))),
//! ))?;
//! let options = AhpOptions::default().with_random_index(RandomIndex::GuptaPaper);
//! let err = hierarchy.synthesize(&options).unwrap_err();
//! assert!(matches!(err.kind(), ErrorKind::RandomIndexOutOfRange { order: 10, .. }));
//! assert_eq!(err.locations().collect::<Vec<_>>(), [&Location::Node("Goal".into())]);
//! assert!(err.to_string().starts_with("in node `Goal`: the random-index table"));
//! # Ok(())
//! # }
//! ```

use std::fmt;

use thiserror::Error;

/// An error of this crate: an [`ErrorKind`] and the [`Location`]s it was raised in.
///
/// Match on [`Error::kind`]; ask [`Error::node`], [`Error::object`], [`Error::line`] (and, for
/// model files, `Error::field`) where it happened. The message names both, outermost place
/// first: ``in object `Shop 1`: in node `Store/Credit`: membership row 0 sums to 0.9, …``.
/// The error is one pointer wide, so `Result<f64>` stays small.
#[derive(Clone, PartialEq)]
pub struct Error(Box<Inner>);

#[derive(Debug, Clone, PartialEq)]
struct Inner {
    kind: ErrorKind,
    /// Innermost first: each wrapping pushes the place it adds.
    locations: Vec<Location>,
}

/// A place an error was raised in.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Location {
    /// A node of a hierarchy, by its path (names joined by `/`).
    Node(String),
    /// An evaluated object, by its name.
    Object(String),
    /// An object of a batch, by its index (from 0).
    ObjectIndex(usize),
    /// An expert of a group, by the index of their input (from 0).
    Expert(usize),
    /// An expert of a [`Panel`](crate::Panel), by name.
    ExpertName(String),
    /// A line of a data file (the header is line 1).
    Line(u64),
    /// A pairwise comparison, by the names of the two items compared (row over column).
    Comparison(String, String),
    /// A place in a model file, e.g. `objects[0].leaves.U11.votes`.
    #[cfg(feature = "model")]
    Field(String),
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::Node(path) => write!(f, "in node `{path}`"),
            Location::Object(name) => write!(f, "in object `{name}`"),
            Location::ObjectIndex(index) => write!(f, "in object {index} of the batch"),
            Location::Expert(index) => write!(f, "for expert {index}"),
            Location::ExpertName(name) => write!(f, "for expert `{name}`"),
            Location::Line(line) => write!(f, "line {line}"),
            Location::Comparison(row, col) => write!(f, "comparing `{row}` with `{col}`"),
            #[cfg(feature = "model")]
            Location::Field(path) => write!(f, "at `{path}`"),
        }
    }
}

impl Error {
    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.0.kind
    }

    /// What went wrong, without the places.
    pub fn into_kind(self) -> ErrorKind {
        self.0.kind
    }

    /// The places the error was raised in, outermost first (as the message names them).
    pub fn locations(&self) -> impl DoubleEndedIterator<Item = &Location> + '_ {
        self.0.locations.iter().rev()
    }

    /// The innermost node of a hierarchy the error concerns, by its path.
    pub fn node(&self) -> Option<&str> {
        self.0.locations.iter().find_map(|l| match l {
            Location::Node(path) => Some(path.as_str()),
            _ => None,
        })
    }

    /// The object the error concerns, by its name.
    pub fn object(&self) -> Option<&str> {
        self.0.locations.iter().find_map(|l| match l {
            Location::Object(name) => Some(name.as_str()),
            _ => None,
        })
    }

    /// The line of a data file the error is on.
    pub fn line(&self) -> Option<u64> {
        self.0.locations.iter().find_map(|l| match l {
            Location::Line(line) => Some(*line),
            _ => None,
        })
    }

    /// The outermost place in a model file the error is at.
    #[cfg(feature = "model")]
    pub fn field(&self) -> Option<&str> {
        self.0.locations.iter().rev().find_map(|l| match l {
            Location::Field(path) => Some(path.as_str()),
            _ => None,
        })
    }

    /// The same error, raised in one more place (outside those it has): for code that
    /// builds on this crate and calls it from inside a structure of its own (a row of a
    /// table, say).
    ///
    /// ```
    /// use ahp_fce::error::Location;
    /// use ahp_fce::JudgmentMatrix;
    /// let err = JudgmentMatrix::from_upper_triangle(&[0.0]).unwrap_err();
    /// let err = err.at(Location::Line(7));
    /// assert_eq!(err.line(), Some(7));
    /// assert!(err.to_string().starts_with("line 7: "));
    /// ```
    pub fn at(mut self, location: Location) -> Self {
        self.0.locations.push(location);
        self
    }

    /// Wraps `self` with the path of the hierarchy node where it happened.
    pub(crate) fn in_node(self, path: impl Into<String>) -> Self {
        self.at(Location::Node(path.into()))
    }

    /// Wraps `self` with the name of the object it concerns.
    pub(crate) fn in_object(self, object: impl Into<String>) -> Self {
        self.at(Location::Object(object.into()))
    }
}

impl From<ErrorKind> for Error {
    fn from(kind: ErrorKind) -> Self {
        Self(Box::new(Inner {
            kind,
            locations: Vec::new(),
        }))
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for location in self.locations() {
            write!(f, "{location}: ")?;
        }
        write!(f, "{}", self.0.kind)
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Error")
            .field("kind", &self.0.kind)
            .field("locations", &self.0.locations)
            .finish()
    }
}

impl std::error::Error for Error {}

/// What went wrong: one variant per kind of mistake, each with the offending values.
///
/// Positions are zero-based (`[row][column]`), as in Rust indexing. Where it happened (the
/// node, the object, the line, the place in a file) is not part of the kind: it is the
/// [`Error`](struct@Error)'s [`Location`]s.
#[derive(Debug, Clone, PartialEq, Error)]
#[non_exhaustive]
pub enum ErrorKind {
    /// A matrix or vector with no entries where at least one is needed.
    #[error("the {what} is empty")]
    Empty {
        /// What was empty.
        what: Collection,
    },

    /// An input beyond one of the [`Limits`](crate::Limits).
    #[error(
        "{limit} is {value}, beyond the limit of {max}; raise it with `Limits::{}` if this is \
         meant",
        limit.setter()
    )]
    LimitExceeded {
        /// Which limit.
        limit: Limit,
        /// The size the input declares or holds.
        value: u64,
        /// The limit in force.
        max: u64,
    },

    /// A consistency ratio that would be infinite: the random index is too small to divide by.
    #[error(
        "CR = CI / RI for order {order} would be {cr}: the random index {ri:e} is too small to \
         divide CI = {ci:e} by"
    )]
    RandomIndexTooSmall {
        /// The matrix order.
        order: usize,
        /// The consistency index.
        ci: f64,
        /// The random index of the table.
        ri: f64,
        /// The quotient, infinite or NaN.
        cr: f64,
    },

    /// A matrix order of 0 where a matrix is to be made.
    #[error("a matrix of order 0 was asked for; the order must be at least 1")]
    ZeroOrder,

    /// A judgment matrix that is not square.
    #[error("a judgment matrix must be square, but it has {rows} rows and {cols} columns")]
    NotSquare {
        /// Number of rows given.
        rows: usize,
        /// Number of columns given (of the first row that differs, for nested rows).
        cols: usize,
    },

    /// One row of a nested-rows matrix has the wrong length (for a judgment matrix, the number
    /// of rows; for a membership matrix, the number of grades).
    #[error("row {row} has {len} entries, but every row must have {expected}")]
    RaggedRow {
        /// Index of the offending row.
        row: usize,
        /// Its length.
        len: usize,
        /// The length every row must have.
        expected: usize,
    },

    /// A NaN or infinite entry.
    #[error("entry [{row}][{col}] is {value}, but every entry must be a finite number")]
    NonFinite {
        /// Row index.
        row: usize,
        /// Column index.
        col: usize,
        /// The value found.
        value: f64,
    },

    /// A zero or negative pairwise judgment.
    #[error("entry [{row}][{col}] is {value}, but pairwise judgments must be positive")]
    NonPositive {
        /// Row index.
        row: usize,
        /// Column index.
        col: usize,
        /// The value found.
        value: f64,
    },

    /// A judgment so extreme that no comparison means it (beyond 10^±100).
    #[error("entry [{row}][{col}] is {value}, outside the accepted judgments 1e-100 ..= 1e100")]
    OutOfRange {
        /// Row index.
        row: usize,
        /// Column index.
        col: usize,
        /// The value found.
        value: f64,
    },

    /// A diagonal entry other than 1 (every criterion is equally important as itself).
    #[error("diagonal entry [{index}][{index}] is {value}, but it must be 1")]
    DiagonalNotOne {
        /// Row (and column) index.
        index: usize,
        /// The value found.
        value: f64,
    },

    /// A pair of entries that are not reciprocal within the rounding tolerance.
    #[error(
        "entries [{row}][{col}] = {a_ij} and [{col}][{row}] = {a_ji} are not reciprocal: \
         their product is {product}, allowed 1 ± {tolerance} (type 1/3 as 0.333 or closer)",
        product = a_ij * a_ji
    )]
    NotReciprocal {
        /// Row index of the upper entry.
        row: usize,
        /// Column index of the upper entry.
        col: usize,
        /// The entry at `[row][col]`.
        a_ij: f64,
        /// The entry at `[col][row]`.
        a_ji: f64,
        /// The relative tolerance that was exceeded.
        tolerance: f64,
    },

    /// Incomplete judgments whose given pairs leave some items unconnected: no chain of
    /// comparisons relates one group to another, so their relative weights are undetermined.
    #[error(
        "the judgments given do not connect all items: {}; compare an item of each group \
         with an item of another",
        show_groups(groups, |k| k.to_string())
    )]
    DisconnectedJudgments {
        /// The groups of item indices, each sorted, ordered by their first item.
        groups: Vec<Vec<usize>>,
    },

    /// A place that holds no judgment: outside the matrix, or on its diagonal.
    #[error(
        "there is no judgment [{row}][{col}] in a matrix of order {order}: row and column \
         must differ and lie below {order}"
    )]
    NoSuchJudgment {
        /// The row asked for.
        row: usize,
        /// The column asked for.
        col: usize,
        /// The matrix order.
        order: usize,
    },

    /// An upper triangle whose length is not t(t−1)/2 for any order t.
    #[error(
        "an upper triangle of {len} values does not fit any matrix: \
         order t needs t(t-1)/2 values (1, 3, 6, 10, 15, …)"
    )]
    UpperTriangleLength {
        /// The number of values given.
        len: usize,
    },

    /// An entry that is not on Saaty's 1–9 scale (1..9 or a reciprocal of one).
    #[error(
        "entry [{row}][{col}] is {value}, which is not on Saaty's 1-9 scale (1..9 or 1/2..1/9)"
    )]
    OffSaatyScale {
        /// Row index.
        row: usize,
        /// Column index.
        col: usize,
        /// The value found.
        value: f64,
    },

    /// A weight that is not a finite positive number.
    #[error("weight {index} is {value}, but weights must be finite and positive")]
    InvalidWeight {
        /// Index of the weight.
        index: usize,
        /// The value found.
        value: f64,
    },

    /// Weights that do not sum to one within the tolerance.
    #[error("the weights sum to {sum}, but they must sum to 1 (within {tolerance})")]
    WeightSum {
        /// The sum found.
        sum: f64,
        /// The absolute tolerance that was exceeded.
        tolerance: f64,
    },

    /// Weights and a matrix (or a list of children) of different sizes.
    #[error("{what}: expected {expected}, found {found}")]
    LengthMismatch {
        /// What was being matched.
        what: Quantity,
        /// The size required.
        expected: usize,
        /// The size given.
        found: usize,
    },

    /// Power iteration for the principal eigenvector did not settle.
    #[error(
        "the principal eigenvector did not converge within {iterations} power iterations and \
         {inverse_steps} inverse-iteration steps (the ratios (Bw)_x / w_x still differ by {spread:e}, needed at \
         most {tolerance:e}); the \
         judgments are too extreme for the eigenvector to be determined in double precision"
    )]
    EigenvectorNotConverged {
        /// Power iterations performed.
        iterations: usize,
        /// Shifted inverse-iteration steps performed after them.
        inverse_steps: usize,
        /// The last relative spread of (Bw)_x / w_x over x.
        spread: f64,
        /// The tolerance that was not reached.
        tolerance: f64,
    },

    /// A matrix order beyond what a random-index table lists.
    #[error(
        "the random-index table {table} covers orders 1 to {max_order}, not {order}{}",
        covering_table(*order)
    )]
    RandomIndexOutOfRange {
        /// Name of the table.
        table: &'static str,
        /// The order asked for.
        order: usize,
        /// The largest order the table covers.
        max_order: usize,
    },

    /// A value in a user-supplied random-index table that cannot be used.
    #[error(
        "random index for order {order} is {value}, but it must be finite and non-negative, \
         and positive from order 3 on"
    )]
    InvalidRandomIndex {
        /// The order (1-based, as in the tables) of the bad value.
        order: usize,
        /// The value found.
        value: f64,
    },

    /// A simulation asked for fewer samples than a standard error needs.
    #[error("a simulation needs at least 2 samples, but {samples} were asked for")]
    TooFewSamples {
        /// The number asked for.
        samples: usize,
    },

    /// A consistency-ratio threshold that is not a finite positive number.
    #[error("the consistency threshold is {value}, but it must be finite and positive")]
    InvalidThreshold {
        /// The value found.
        value: f64,
    },

    /// Two children of one node with the same name.
    #[error("node `{parent}` has two children named `{name}`")]
    DuplicateSibling {
        /// Path of the parent node.
        parent: String,
        /// The repeated name.
        name: String,
    },

    /// A node with comparisons or weights but no children.
    #[error("node `{node}` has priorities but no children; a leaf must not have any")]
    PrioritiesOnLeaf {
        /// Path of the node.
        node: String,
    },

    /// A node with children but neither a judgment matrix nor weights over them.
    #[error("node `{node}` has {children} children but no judgment matrix or weights over them")]
    MissingPriorities {
        /// Path of the node.
        node: String,
        /// Number of children.
        children: usize,
    },

    /// A node whose judgment matrix or weights do not match its number of children.
    #[error("node `{node}` has {children} children, but its priorities are over {order} items")]
    OrderMismatch {
        /// Path of the node.
        node: String,
        /// Number of children.
        children: usize,
        /// Order of its judgment matrix or length of its weights.
        order: usize,
    },

    /// A node name that is empty or only whitespace.
    #[error("a child of `{parent}` has an empty name")]
    EmptyName {
        /// Path of the parent (empty for the root).
        parent: String,
    },

    /// A node name containing the path separator `/`, which could never be addressed.
    #[error(
        "the name `{name}` under `{parent}` contains `/`, which separates the names in a path"
    )]
    NameWithSeparator {
        /// Path of the parent (empty for the root).
        parent: String,
        /// The name given.
        name: String,
    },

    /// A lookup that found no node.
    #[error(
        "no node is named `{name}`{}",
        closest.as_ref().map_or_else(String::new, |c| format!("; did you mean `{c}`?"))
    )]
    UnknownNode {
        /// The name looked for.
        name: String,
        /// The most similar name in the hierarchy, if one is close.
        closest: Option<String>,
    },

    /// A path that leads to no node.
    #[error("no node is at the path `{path}`")]
    UnknownPath {
        /// The path looked for, names joined by `/`.
        path: String,
    },

    /// A new order of a matrix's items that is not a permutation of them.
    #[error(
        "a new order of {order} items must list each index 0 to {last} once; \
         {given} indices were given",
        last = order.saturating_sub(1)
    )]
    NotAPermutation {
        /// The number of items.
        order: usize,
        /// The number of indices given.
        given: usize,
    },

    /// A name lookup that matched several nodes.
    #[error("the name `{name}` is used by {count} nodes ({paths}); look it up by path")]
    AmbiguousName {
        /// The name looked up.
        name: String,
        /// How many nodes carry it.
        count: usize,
        /// Their paths, comma-separated.
        paths: String,
    },

    /// Fewer than two grades: a comment set must offer a choice.
    #[error("a comment set needs at least 2 grades, but {count} were given")]
    TooFewGrades {
        /// The number given.
        count: usize,
    },

    /// Two grades with the same name.
    #[error("the grade `{name}` is listed twice")]
    DuplicateGrade {
        /// The repeated name.
        name: String,
    },

    /// A grade whose name is empty or only whitespace.
    #[error("grade {index} has an empty name")]
    EmptyGradeName {
        /// Index of the grade.
        index: usize,
    },

    /// A grade score that is not a finite number.
    #[error("the score of grade {index} is {value}, but scores must be finite")]
    InvalidGradeScore {
        /// Index of the grade.
        index: usize,
        /// The value found.
        value: f64,
    },

    /// A membership degree outside [0, 1].
    #[error(
        "membership degree [{row}][{col}] is {value}, but degrees must lie in [0, 1]{}",
        if *value > 1.0 && *value <= 100.0 { "; for percentages, divide them by 100" } else { "" }
    )]
    MembershipOutOfRange {
        /// Row (indicator) index.
        row: usize,
        /// Column (grade) index.
        col: usize,
        /// The value found.
        value: f64,
    },

    /// A membership row that does not sum to 1.
    #[error(
        "membership row {row} sums to {sum}, but it must sum to 1 (within {tolerance}){}",
        row_sum_hint(*sum)
    )]
    MembershipRowSum {
        /// Row (indicator) index.
        row: usize,
        /// The sum found.
        sum: f64,
        /// The absolute tolerance that was exceeded.
        tolerance: f64,
    },

    /// A row of votes with no experts behind it.
    #[error("row {row} has no votes, and the number of experts is 0")]
    NoExperts {
        /// Row (indicator) index.
        row: usize,
    },

    /// Votes in a row that do not add up to the number of experts.
    #[error("the votes in row {row} add up to {votes}, but there are {experts} experts")]
    VoteTotal {
        /// Row (indicator) index.
        row: usize,
        /// The sum of the row's counts.
        votes: u64,
        /// The number of experts given.
        experts: u64,
    },

    /// Raw responses with no expert's answers in them.
    #[error("there are no responses: at least one expert must have answered")]
    NoResponses,

    /// An expert's response that names no grade.
    #[error(
        "expert {expert} chose grade {grade} for indicator {indicator}, \
         but there are only {grades} grades (0 to {last})",
        last = grades.saturating_sub(1)
    )]
    GradeOutOfRange {
        /// Index of the expert (response row).
        expert: usize,
        /// Index of the indicator (response column).
        indicator: usize,
        /// The grade index given.
        grade: usize,
        /// The number of grades.
        grades: usize,
    },

    /// A composition weight outside [0, 1].
    #[error("composition weight {index} is {value}, but it must lie in [0, 1]")]
    InvalidCompositionWeight {
        /// Index of the weight.
        index: usize,
        /// The value found.
        value: f64,
    },

    /// A composed value that is negative or not finite (only possible in deserialized data).
    #[error("composed value {index} is {value}, but it must be finite and non-negative")]
    InvalidComposition {
        /// Index of the grade.
        index: usize,
        /// The value found.
        value: f64,
    },

    /// A composition whose every grade came out 0, which cannot be normalized.
    #[error("the composition is 0 for every grade, so it cannot be normalized")]
    ZeroComposition,

    /// Data whose number of grades differs from the model's comment set.
    #[error("the data have {found} grades, but the model's comment set has {expected}")]
    GradeCountMismatch {
        /// The model's number of grades.
        expected: usize,
        /// The data's number of grades.
        found: usize,
    },

    /// A leaf of the hierarchy with no membership data.
    #[error("leaf `{leaf}` has no membership data")]
    MissingLeafData {
        /// Path of the leaf.
        leaf: String,
    },

    /// Membership data given twice for one leaf.
    #[error("leaf `{leaf}` has membership data twice")]
    DuplicateLeafData {
        /// Path of the leaf.
        leaf: String,
    },

    /// Data addressed to a node that is not a leaf.
    #[error("`{node}` is not a leaf, so it takes no membership data")]
    NotALeaf {
        /// Path of the node.
        node: String,
    },

    /// A weighted score asked of grades that have no scores.
    #[error("the grades have no scores, so objects cannot be scored or ranked")]
    NoGradeScores,

    /// A tie tolerance that is not a finite non-negative number.
    #[error("the tie tolerance is {value}, but it must be finite and non-negative")]
    InvalidTieTolerance {
        /// The value found.
        value: f64,
    },

    /// A Likert scale with fewer than two levels, or a rank scale over no items.
    #[error("a scale needs at least 2 answer categories, but this one has {categories}")]
    InvalidScale {
        /// The number of categories declared.
        categories: u32,
    },

    /// A rank scale whose length differs from the number of items ranked.
    #[error("the rank scale ranks {ranked} items, but the table has {items} items")]
    RankScaleMismatch {
        /// Items in the table.
        items: usize,
        /// Items the scale ranks.
        ranked: u32,
    },

    /// Two experts of a panel with the same name.
    #[error("the expert `{name}` appears twice in the panel")]
    DuplicateExpert {
        /// The repeated name.
        name: String,
    },

    /// An expert of a panel whose name is empty or blank.
    #[error("expert {index} of the panel has an empty name")]
    EmptyExpertName {
        /// The expert's index (from 0).
        index: usize,
    },

    /// A membership function that cannot be built as given.
    #[error("invalid membership function: {why}")]
    InvalidIndicator {
        /// What is wrong.
        why: String,
    },

    /// A measured indicator value that is not finite.
    #[error("the indicator value {value} is not finite")]
    NonFiniteIndicator {
        /// The value.
        value: f64,
    },

    /// A Monte Carlo run of no draws or too many.
    #[error("a Monte Carlo run needs 1 to {max} draws, not {draws}")]
    InvalidDraws {
        /// The draws asked for.
        draws: usize,
        /// The most allowed.
        max: usize,
    },

    /// A Monte Carlo run whose draws would keep more numbers than a run may hold.
    #[error("{draws} draws of {per_draw} numbers each ({total} in all) exceed the {max} a Monte Carlo run keeps; ask for fewer draws")]
    MonteCarloTooLarge {
        /// The draws asked for.
        draws: usize,
        /// The numbers each draw keeps (items' scores and ranks, verdicts, matrices' CRs).
        per_draw: usize,
        /// Their product.
        total: u64,
        /// The most a run keeps.
        max: u64,
    },

    /// A perturbation with a negative or non-finite spread, or a probability outside [0, 1].
    #[error("invalid perturbation {noise}: a spread must be finite and non-negative, a probability within [0, 1]")]
    InvalidNoise {
        /// The perturbation as given.
        noise: String,
    },

    /// Two alternatives with the same name.
    #[error("the alternative `{name}` appears twice")]
    DuplicateAlternative {
        /// The repeated name.
        name: String,
    },

    /// An alternative whose name is empty or blank.
    #[error("alternative {index} has an empty name")]
    EmptyAlternativeName {
        /// Its index (from 0).
        index: usize,
    },

    /// Two levels of a ratings scale with the same name.
    #[error("the rating level `{name}` appears twice in its scale")]
    DuplicateRatingLevel {
        /// The repeated name.
        name: String,
    },

    /// A rating level whose value is not positive and finite.
    #[error("the rating level `{level}` has value {value}; values must be positive and finite")]
    InvalidRating {
        /// The level.
        level: String,
        /// Its value.
        value: f64,
    },

    /// A rating that names no level of its scale.
    #[error(
        "`{level}` is not a level of the scale, which has {}",
        show_names(known)
    )]
    UnknownRatingLevel {
        /// The name given.
        level: String,
        /// The scale's levels.
        known: Vec<String>,
    },

    /// A measured value that is not positive and finite.
    #[error("measurement {index} is {value}; measurements must be positive and finite")]
    InvalidMeasurement {
        /// The alternative's index.
        index: usize,
        /// The value.
        value: f64,
    },

    /// Two survey items with the same name.
    #[error("the item `{name}` appears twice")]
    DuplicateItem {
        /// The repeated name.
        name: String,
    },

    /// An item index past the end of a response table.
    #[error("there is no item {index}: the table has {items} items")]
    UnknownItem {
        /// The index asked for.
        index: usize,
        /// The number of items.
        items: usize,
    },

    /// A survey item whose name is empty.
    #[error("item {index} has an empty name")]
    EmptyItemName {
        /// Index of the item.
        index: usize,
    },

    /// An answer outside the declared scale.
    #[error(
        "respondent {respondent} answered {value} for `{item}`, outside the scale {min} to {max}"
    )]
    OffScale {
        /// Index of the respondent (data row, from 0).
        respondent: usize,
        /// The item's name.
        item: String,
        /// The answer.
        value: u32,
        /// The smallest valid answer.
        min: u32,
        /// The largest valid answer.
        max: u32,
    },

    /// One respondent giving the same rank to two items.
    #[error("respondent {respondent} gave rank {rank} to both `{first}` and `{second}`")]
    RepeatedRank {
        /// Index of the respondent (data row, from 0).
        respondent: usize,
        /// The repeated rank.
        rank: u32,
        /// The first item with that rank.
        first: String,
        /// The second item with that rank.
        second: String,
    },

    /// A CSV cell that is neither empty (missing) nor a whole number.
    #[cfg(feature = "csv")]
    #[error("column `{item}`: `{text}` is not a whole number (leave the cell empty for a missing answer)")]
    NotANumber {
        /// The column's item name.
        item: String,
        /// The cell's text.
        text: String,
    },

    /// A CSV file that cannot be read as CSV (wrong number of fields, bad UTF-8, I/O).
    #[cfg(feature = "csv")]
    #[error("{message}")]
    Csv {
        /// What the CSV reader reported.
        message: String,
    },

    /// Percentages that do not add up to 100 within their rounding.
    #[error("percentages in row {row} add up to {sum}, not 100 (within {tolerance})")]
    PercentageSum {
        /// Row index.
        row: usize,
        /// The sum found.
        sum: f64,
        /// The tolerance that was exceeded.
        tolerance: f64,
    },

    /// A model file that cannot be parsed, or whose values have the wrong type.
    #[cfg(feature = "model")]
    #[error("{format} error at line {line}, column {column}: {message}")]
    Parse {
        /// The file's format.
        format: FileFormat,
        /// Line in the file (from 1; 0 when unknown).
        line: u32,
        /// Column in the line (from 1; 0 when unknown).
        column: u32,
        /// What the parser reported.
        message: String,
    },

    /// A judgment written as text that is neither a number nor a fraction.
    #[cfg(feature = "model")]
    #[error("`{text}` is not a judgment: write a positive number or a fraction such as 1/3")]
    BadJudgment {
        /// The text found.
        text: String,
    },

    /// One pair compared twice with different values.
    #[cfg(feature = "model")]
    #[error("`{a}` is compared with `{b}` twice, as {first} and as {second}")]
    ConflictingPair {
        /// The first child as written.
        a: String,
        /// The second child as written.
        b: String,
        /// The first value (as a over b).
        first: f64,
        /// The second value (as a over b).
        second: f64,
    },

    /// A node's comparisons that leave some children unconnected (named as in the file).
    #[cfg(feature = "model")]
    #[error(
        "the comparisons given do not connect all children: {}; compare a child of each \
         group with a child of another",
        show_groups(groups, |name| format!("`{name}`"))
    )]
    DisconnectedChildren {
        /// The groups of child names, in the order of the children.
        groups: Vec<Vec<String>>,
    },

    /// A named pair that names no child, or one child twice.
    #[cfg(feature = "model")]
    #[error("the pair (`{a}`, `{b}`) does not name two different children of this node")]
    BadPair {
        /// First name.
        a: String,
        /// Second name.
        b: String,
    },

    /// A node given more than one of comparisons, weights and a panel.
    #[cfg(feature = "model")]
    #[error("give one of comparisons, weights or a panel, not both {first} and {second}")]
    ConflictingPriorities {
        /// The first key given.
        first: &'static str,
        /// The second.
        second: &'static str,
    },

    /// An indicator given other than as exactly one shape.
    #[cfg(feature = "model")]
    #[error("give one of triangular, trapezoidal, gaussian, or sigmoid with steepness")]
    IndicatorForm,

    /// A membership function on a node that has children, or in a model without grades.
    #[cfg(feature = "model")]
    #[error("a membership function belongs on a leaf of a model with grades")]
    MisplacedIndicator,

    /// A measured value for a leaf without a membership function.
    #[cfg(feature = "model")]
    #[error("the leaf `{leaf}` has no indicator to turn a value into degrees; give it `indicator`, or give degrees or votes")]
    NoIndicator {
        /// The leaf.
        leaf: String,
    },

    /// Alternatives' scores on a node that has children.
    #[cfg(feature = "model")]
    #[error("alternatives are scored under leaf criteria only; this node has children")]
    AlternativesOnInternalNode,

    /// A leaf without scores of the alternatives, in a model that has alternatives.
    #[cfg(feature = "model")]
    #[error("the leaf `{leaf}` has no scores of the alternatives; every leaf needs comparisons, a panel, ratings or measurements of them")]
    MissingAlternativeScores {
        /// The leaf's path.
        leaf: String,
    },

    /// Scores of alternatives, or ratings scales, in a model that names no alternatives.
    #[cfg(feature = "model")]
    #[error("alternatives are scored here, but the model names no alternatives (top-level `alternatives`)")]
    AlternativeScoresWithoutAlternatives,

    /// Ratings on a scale the model does not define.
    #[cfg(feature = "model")]
    #[error("there is no ratings scale `{name}`; the model defines {}", if known.is_empty() { "none".to_owned() } else { show_names(known) })]
    UnknownRatingScale {
        /// The name given.
        name: String,
        /// The scales defined.
        known: Vec<String>,
    },

    /// Expert weights given for some experts of a panel but not all.
    #[cfg(feature = "model")]
    #[error("give every expert of the panel a weight or none")]
    PartialExpertWeights,

    /// A priority mean chosen for a panel that aggregates judgments, where it has no effect.
    #[cfg(feature = "model")]
    #[error("priority_mean applies to aggregation = \"priorities\" only; this panel aggregates judgments")]
    PriorityMeanWithoutPriorities,

    /// Leaf data with both degrees and votes, or neither.
    #[cfg(feature = "model")]
    #[error("give one of degrees, votes (with optional experts) or value")]
    LeafDataForm,

    /// Grade scores given for some grades but not all.
    #[cfg(feature = "model")]
    #[error("give every grade a score or none")]
    PartialScores,

    /// Objects to evaluate without a comment set.
    #[cfg(feature = "model")]
    #[error("objects are evaluated over grades, but the model has no grades")]
    ObjectsWithoutGrades,

    /// A file whose format cannot be told from its name.
    #[cfg(feature = "model")]
    #[error("cannot tell the format of `{name}`: name it *.json or *.toml")]
    UnknownFormat {
        /// The file name.
        name: String,
    },

    /// A file that cannot be read.
    #[cfg(feature = "model")]
    #[error("cannot read `{path}`: {message}")]
    Io {
        /// The file.
        path: String,
        /// What the system reported.
        message: String,
    },
}

/// Where a random-index table too short for `order` can be replaced.
fn covering_table(order: usize) -> String {
    let wide = crate::ahp::RandomIndex::DoneganDodd1991;
    if order <= wide.max_order() {
        format!("; {} covers orders up to {}", wide.name(), wide.max_order())
    } else {
        "; give a custom table, e.g. from `simulate_random_index`".to_owned()
    }
}

/// What a membership row that misses 1 probably is.
fn row_sum_hint(sum: f64) -> &'static str {
    if (sum - 100.0).abs() <= 1.0 {
        ": these look like percentages, divide them by 100"
    } else if sum > 0.0 && sum < 1.0 {
        ": give vote counts rather than rounded shares"
    } else {
        ""
    }
}

/// Which of the [`Limits`](crate::Limits) an input went beyond, in [`ErrorKind::LimitExceeded`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Limit {
    /// [`Limits::matrix_order`](crate::Limits::matrix_order).
    MatrixOrder,
    /// [`Limits::depth`](crate::Limits::depth).
    Depth,
    /// [`Limits::nodes`](crate::Limits::nodes).
    Nodes,
    /// [`Limits::scale_levels`](crate::Limits::scale_levels).
    ScaleLevels,
    /// [`Limits::objects`](crate::Limits::objects).
    Objects,
    /// [`Limits::experts`](crate::Limits::experts).
    Experts,
    /// [`Limits::draws`](crate::Limits::draws).
    Draws,
}

impl Limit {
    /// The `Limits` method that raises this limit.
    pub fn setter(self) -> &'static str {
        match self {
            Limit::MatrixOrder => "with_matrix_order",
            Limit::Depth => "with_depth",
            Limit::Nodes => "with_nodes",
            Limit::ScaleLevels => "with_scale_levels",
            Limit::Objects => "with_objects",
            Limit::Experts => "with_experts",
            Limit::Draws => "with_draws",
        }
    }
}

impl fmt::Display for Limit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Limit::MatrixOrder => "the matrix order",
            Limit::Depth => "the hierarchy's depth",
            Limit::Nodes => "the number of nodes",
            Limit::ScaleLevels => "the number of answer categories",
            Limit::Objects => "the number of objects",
            Limit::Experts => "the number of experts in one panel",
            Limit::Draws => "the number of Monte Carlo draws of a model file",
        })
    }
}

/// What was empty, in [`ErrorKind::Empty`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Collection {
    /// A judgment matrix with no entries.
    JudgmentMatrix,
    /// A weight vector with no weights.
    WeightVector,
    /// A membership matrix with no rows.
    MembershipMatrix,
    /// A hierarchy whose goal has no criteria below it.
    Hierarchy,
    /// A random-index table with no values.
    RandomIndexTable,
    /// A response table with no items.
    ResponseTable,
    /// A group of experts' judgment matrices with none in it.
    JudgmentMatrices,
    /// A group of experts' priority vectors with none in it.
    PriorityVectors,
    /// A decision with no alternatives.
    Alternatives,
    /// A ratings scale with no levels.
    RatingScale,
    /// A CSV file without a header of item names.
    #[cfg(feature = "csv")]
    CsvHeader,
}

impl fmt::Display for Collection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Collection::JudgmentMatrix => "judgment matrix",
            Collection::WeightVector => "weight vector",
            Collection::MembershipMatrix => "membership matrix",
            Collection::Hierarchy => "hierarchy (the goal has no criteria below it)",
            Collection::RandomIndexTable => "random-index table",
            Collection::ResponseTable => "response table (no items)",
            Collection::JudgmentMatrices => "group of judgment matrices",
            Collection::PriorityVectors => "group of priority vectors",
            Collection::Alternatives => "set of alternatives",
            Collection::RatingScale => "ratings scale",
            #[cfg(feature = "csv")]
            Collection::CsvHeader => "CSV file (no header of item names)",
        })
    }
}

/// What two lengths were compared for, in [`ErrorKind::LengthMismatch`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Quantity {
    /// Weights for a judgment matrix, one per item.
    WeightsPerItem,
    /// Scores for a comment set, one per grade.
    ScoresPerGrade,
    /// Composition weights, one per membership row.
    WeightsPerMembershipRow,
    /// Membership rows of an object, one per leaf.
    RowsPerLeaf,
    /// Expert weights, one per expert.
    WeightsPerExpert,
    /// An expert's judgment matrix, of the group's order.
    ExpertMatrixOrder,
    /// An expert's priority vector, of the group's length.
    ExpertPriorityLength,
    /// A synthesis, one entry per node of its hierarchy.
    NodesOfSynthesis,
    /// An evaluation, one vector per node of the evaluator's hierarchy.
    NodesOfEvaluation,
    /// A leaf's scores, one per alternative.
    ScoresPerAlternative,
    /// Alternatives' scores, one per leaf.
    ScoresPerLeaf,
    /// Membership functions of measured indicators, one per leaf.
    IndicatorsPerLeaf,
    /// A flat batch's degrees, leaves × grades for every object of its output.
    DegreesOfBatch,
    /// A columnar batch's columns, one per leaf and grade.
    ColumnsOfBatch,
    /// A column of a columnar batch, one value per object of its output.
    ValuesPerColumn,
}

impl fmt::Display for Quantity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Quantity::WeightsPerItem => "weights for a judgment matrix (one per item)",
            Quantity::ScoresPerGrade => "scores (one per grade)",
            Quantity::WeightsPerMembershipRow => "composition weights (one per membership row)",
            Quantity::RowsPerLeaf => "membership rows (one per leaf)",
            Quantity::WeightsPerExpert => "expert weights (one per expert)",
            Quantity::ExpertMatrixOrder => "a judgment matrix of the group's order",
            Quantity::ExpertPriorityLength => "a priority vector of the group's length",
            Quantity::NodesOfSynthesis => "a synthesis of the hierarchy (one entry per node)",
            Quantity::NodesOfEvaluation => "an evaluation by this evaluator (one vector per node)",
            Quantity::ScoresPerAlternative => "scores of the alternatives (one per alternative)",
            Quantity::ScoresPerLeaf => "alternatives' scores (one per leaf)",
            Quantity::IndicatorsPerLeaf => "membership functions (one per leaf)",
            Quantity::DegreesOfBatch => {
                "membership degrees of the batch (leaves × grades for every object)"
            }
            Quantity::ColumnsOfBatch => "columns of the batch (one per leaf and grade)",
            Quantity::ValuesPerColumn => "values in a column of the batch (one per object)",
        })
    }
}

/// The formats model files are read in.
#[cfg(feature = "model")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum FileFormat {
    /// JSON.
    Json,
    /// TOML.
    Toml,
}

#[cfg(feature = "model")]
impl fmt::Display for FileFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            FileFormat::Json => "JSON",
            FileFormat::Toml => "TOML",
        })
    }
}

/// The crate's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// `{a, b} and {c}`, with at most 5 groups of at most 8 members shown.
fn show_groups<T>(groups: &[Vec<T>], show: impl Fn(&T) -> String) -> String {
    const GROUPS: usize = 5;
    const MEMBERS: usize = 8;
    let group = |members: &Vec<T>| {
        let mut shown: Vec<String> = members.iter().take(MEMBERS).map(&show).collect();
        if members.len() > MEMBERS {
            shown.push(format!("… {} more", members.len() - MEMBERS));
        }
        format!("{{{}}}", shown.join(", "))
    };
    let mut shown: Vec<String> = groups.iter().take(GROUPS).map(group).collect();
    if groups.len() > GROUPS {
        shown.push(format!("{} more groups", groups.len() - GROUPS));
    }
    match shown.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("groups {} and {last}", rest.join(", ")),
        _ => format!("groups {}", shown.join("")),
    }
}

/// Names in backticks, at most 12 of them: "`a`, `b` and `c`".
fn show_names(names: &[String]) -> String {
    const SHOWN: usize = 12;
    let mut shown: Vec<String> = names.iter().take(SHOWN).map(|n| format!("`{n}`")).collect();
    if names.len() > SHOWN {
        shown.push(format!("{} more", names.len() - SHOWN));
    }
    match shown.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => shown.join(""),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_is_send_sync_static_and_small() {
        fn assert_traits<T: std::error::Error + Send + Sync + 'static>() {}
        assert_traits::<Error>();
        // One pointer: every kind and its places live behind the box.
        assert_eq!(std::mem::size_of::<Error>(), std::mem::size_of::<usize>());
        assert!(std::mem::size_of::<Result<f64>>() <= 32);
    }

    #[test]
    fn messages_name_the_places_outermost_first_then_the_kind() {
        let kind = ErrorKind::NotReciprocal {
            row: 0,
            col: 2,
            a_ij: 3.0,
            a_ji: 3.0,
            tolerance: 0.05,
        };
        let text = kind.to_string();
        assert!(text.contains("[0][2] = 3"), "{text}");
        assert!(text.contains("product is 9"), "{text}");
        let wrapped = Error::from(kind.clone())
            .in_node("Goal/Cost")
            .in_object("Shop 1");
        assert_eq!(wrapped.kind(), &kind);
        assert_eq!(wrapped.node(), Some("Goal/Cost"));
        assert_eq!(wrapped.object(), Some("Shop 1"));
        assert!(wrapped
            .to_string()
            .starts_with("in object `Shop 1`: in node `Goal/Cost`: entries [0][2]"));
    }
}
