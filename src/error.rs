//! The crate's one error type.
//!
//! Every variant carries where the problem is (row and column, node path, table size) and the
//! offending value, so a message can be acted on without a debugger.

use thiserror::Error;

/// Everything that can go wrong in this crate.
///
/// Positions are zero-based (`[row][column]`), as in Rust indexing. Errors raised inside a
/// [`Hierarchy`](crate::Hierarchy) are wrapped in [`Error::InNode`], which names the node.
#[derive(Debug, Clone, PartialEq, Error)]
#[non_exhaustive]
pub enum Error {
    /// A matrix or vector with no entries where at least one is needed.
    #[error("the {what} is empty")]
    Empty {
        /// What was empty ("judgment matrix", "weight vector", …).
        what: &'static str,
    },

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
    #[error("{what}: expected {expected} values, found {found}")]
    LengthMismatch {
        /// What was being matched.
        what: &'static str,
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
    #[error("the random-index table {table} covers orders 1 to {max_order}, not {order}")]
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
    #[error("no node {query}")]
    UnknownNode {
        /// What was looked for, e.g. "named `Cost`" or "at path `Goal/Cost`".
        query: String,
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
    #[error("membership degree [{row}][{col}] is {value}, but degrees must lie in [0, 1]")]
    MembershipOutOfRange {
        /// Row (indicator) index.
        row: usize,
        /// Column (grade) index.
        col: usize,
        /// The value found.
        value: f64,
    },

    /// A membership row that does not sum to 1.
    #[error("membership row {row} sums to {sum}, but it must sum to 1 (within {tolerance})")]
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

    /// Two survey items with the same name.
    #[error("the item `{name}` appears twice")]
    DuplicateItem {
        /// The repeated name.
        name: String,
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
    #[error("line {line}, column `{item}`: `{text}` is not a whole number (leave the cell empty for a missing answer)")]
    NotANumber {
        /// The line of the file (the header is line 1).
        line: u64,
        /// The column's item name.
        item: String,
        /// The cell's text.
        text: String,
    },

    /// A CSV file that cannot be read as CSV (wrong number of fields, bad UTF-8, I/O).
    #[error("line {line}: {message}")]
    Csv {
        /// The line of the file, where known (0 otherwise).
        line: u64,
        /// What the CSV reader reported.
        message: String,
    },

    /// An error in one line of a data file.
    #[error("line {line}: {source}")]
    AtLine {
        /// The line of the file (the header is line 1).
        line: u64,
        /// What went wrong there.
        source: Box<Error>,
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
    #[error("{format} error at line {line}, column {column}{}: {message}",
        if path.is_empty() { String::new() } else { format!(" (at `{path}`)") })]
    Parse {
        /// The file's format.
        format: FileFormat,
        /// Where in the document, e.g. `hierarchy.children[1].weights`; empty at the top.
        path: String,
        /// Line in the file (from 1; 0 when unknown).
        line: u32,
        /// Column in the line (from 1; 0 when unknown).
        column: u32,
        /// What the parser reported.
        message: String,
    },

    /// An error at one place in a model file.
    #[error("at `{path}`: {source}")]
    AtPath {
        /// Where in the document, e.g. `objects[0].leaves.U11.votes`.
        path: String,
        /// What went wrong there.
        source: Box<Error>,
    },

    /// A judgment written as text that is neither a number nor a fraction.
    #[error("`{text}` is not a judgment: write a positive number or a fraction such as 1/3")]
    BadJudgment {
        /// The text found.
        text: String,
    },

    /// Named pairs that leave a pair of children uncompared.
    #[error("no comparison of `{a}` with `{b}`: named pairs must compare every two children")]
    MissingPair {
        /// One child.
        a: String,
        /// The other.
        b: String,
    },

    /// One pair compared twice with different values.
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

    /// A named pair that names no child, or one child twice.
    #[error("the pair (`{a}`, `{b}`) does not name two different children of this node")]
    BadPair {
        /// First name.
        a: String,
        /// Second name.
        b: String,
    },

    /// A node given both comparisons and weights.
    #[error("give either comparisons or weights, not both")]
    ComparisonsAndWeights,

    /// Leaf data with both degrees and votes, or neither.
    #[error("give either degrees or votes (with optional experts), not both and not neither")]
    LeafDataForm,

    /// Grade scores given for some grades but not all.
    #[error("give every grade a score or none")]
    PartialScores,

    /// Objects to evaluate without a comment set.
    #[error("objects are evaluated over grades, but the model has no grades")]
    ObjectsWithoutGrades,

    /// A file whose format cannot be told from its name.
    #[error("cannot tell the format of `{name}`: name it *.json or *.toml")]
    UnknownFormat {
        /// The file name.
        name: String,
    },

    /// A file that cannot be read.
    #[error("cannot read `{path}`: {message}")]
    Io {
        /// The file.
        path: String,
        /// What the system reported.
        message: String,
    },

    /// An error in the data of one evaluated object.
    #[error("in object `{object}`: {source}")]
    InObject {
        /// The object's name.
        object: String,
        /// What went wrong there.
        source: Box<Error>,
    },

    /// An error inside one node of a hierarchy.
    #[error("in node `{path}`: {source}")]
    InNode {
        /// Path of the node, names joined by `/`.
        path: String,
        /// What went wrong there.
        source: Box<Error>,
    },
}

impl Error {
    /// Wraps `self` with the path of the hierarchy node where it happened.
    pub(crate) fn in_node(self, path: impl Into<String>) -> Self {
        Error::InNode {
            path: path.into(),
            source: Box::new(self),
        }
    }

    /// Wraps `self` with the name of the object it concerns.
    pub(crate) fn in_object(self, object: impl Into<String>) -> Self {
        Error::InObject {
            object: object.into(),
            source: Box::new(self),
        }
    }

    /// The innermost error, past any [`Error::InNode`], [`Error::InObject`],
    /// [`Error::AtLine`] and [`Error::AtPath`] wrappers.
    ///
    /// ```
    /// use ahp_fce::{Error, JudgmentMatrix};
    /// let err = JudgmentMatrix::from_upper_triangle(&[1.0, 2.0]).unwrap_err();
    /// assert!(matches!(err.root_cause(), Error::UpperTriangleLength { len: 2 }));
    /// ```
    pub fn root_cause(&self) -> &Error {
        match self {
            Error::InNode { source, .. }
            | Error::InObject { source, .. }
            | Error::AtLine { source, .. }
            | Error::AtPath { source, .. } => source.root_cause(),
            other => other,
        }
    }
}

/// The formats model files are read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum FileFormat {
    /// JSON.
    Json,
    /// TOML.
    Toml,
}

impl std::fmt::Display for FileFormat {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            FileFormat::Json => "JSON",
            FileFormat::Toml => "TOML",
        })
    }
}

/// The crate's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_is_send_sync_static_and_small() {
        fn assert_traits<T: std::error::Error + Send + Sync + 'static>() {}
        assert_traits::<Error>();
        // Boxing the context sources keeps Result<f64> cheap to return; the largest variants
        // carry two names and two numbers (64 bytes) plus the tag.
        assert!(
            std::mem::size_of::<Error>() <= 72,
            "{}",
            std::mem::size_of::<Error>()
        );
    }

    #[test]
    fn messages_name_position_and_value() {
        let e = Error::NotReciprocal {
            row: 0,
            col: 2,
            a_ij: 3.0,
            a_ji: 3.0,
            tolerance: 0.05,
        };
        let text = e.to_string();
        assert!(text.contains("[0][2] = 3"), "{text}");
        assert!(text.contains("product is 9"), "{text}");
        let wrapped = e.clone().in_node("Goal/Cost");
        assert_eq!(wrapped.root_cause(), &e);
        assert!(wrapped.to_string().starts_with("in node `Goal/Cost`: "));
    }
}
