//! Python exceptions for the crate's errors: one class per [`ErrorKind`] variant, all under
//! `AhpFceError` (itself a `ValueError`, since every one of them is bad input).

use std::collections::HashMap;

use ahp_fce::error::Location;
use ahp_fce::Error;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyTuple, PyType};

pyo3::create_exception!(
    ahp_fce,
    AhpFceError,
    PyValueError,
    "Any error of ahp_fce: bad input, named by `kind`, with where it happened in `locations`."
);

/// Every variant of `ahp_fce::error::ErrorKind`, by name, with its one-line description. The
/// package's tests read the variants from the library's source and check this list has them
/// all, so a kind added there cannot fall back to the base class unnoticed.
pub(crate) const KINDS: &[(&str, &str)] = &[
    ("Empty", "A matrix or vector with no entries where at least one is needed."),
    ("LimitExceeded", "An input beyond one of the Limits."),
    ("RandomIndexTooSmall", "A consistency ratio that would be infinite: the random index is too small to divide by."),
    ("ZeroOrder", "A matrix order of 0 where a matrix is to be made."),
    ("NotSquare", "A judgment matrix that is not square."),
    ("RaggedRow", "One row of a nested-rows matrix has the wrong length (for a judgment matrix, the number of rows; for a membership matrix, the number of grades)."),
    ("NonFinite", "A NaN or infinite entry."),
    ("NonPositive", "A zero or negative pairwise judgment."),
    ("OutOfRange", "A judgment so extreme that no comparison means it (beyond 10^±100)."),
    ("DiagonalNotOne", "A diagonal entry other than 1 (every criterion is equally important as itself)."),
    ("NotReciprocal", "A pair of entries that are not reciprocal within the rounding tolerance."),
    ("DisconnectedJudgments", "Incomplete judgments whose given pairs leave some items unconnected: no chain of comparisons relates one group to another, so their relative weights are undetermined."),
    ("NoSuchJudgment", "A place that holds no judgment: outside the matrix, or on its diagonal."),
    ("UpperTriangleLength", "An upper triangle whose length is not t(t−1)/2 for any order t."),
    ("OffSaatyScale", "An entry that is not on Saaty's 1–9 scale (1..9 or a reciprocal of one)."),
    ("InvalidWeight", "A weight that is not a finite positive number."),
    ("WeightSum", "Weights that do not sum to one within the tolerance."),
    ("LengthMismatch", "Weights and a matrix (or a list of children) of different sizes."),
    ("EigenvectorNotConverged", "Power iteration for the principal eigenvector did not settle."),
    ("RandomIndexOutOfRange", "A matrix order beyond what a random-index table lists."),
    ("InvalidRandomIndex", "A value in a user-supplied random-index table that cannot be used."),
    ("TooFewSamples", "A simulation asked for fewer samples than a standard error needs."),
    ("InvalidThreshold", "A consistency-ratio threshold that is not a finite positive number."),
    ("DuplicateSibling", "Two children of one node with the same name."),
    ("PrioritiesOnLeaf", "A node with comparisons or weights but no children."),
    ("MissingPriorities", "A node with children but neither a judgment matrix nor weights over them."),
    ("OrderMismatch", "A node whose judgment matrix or weights do not match its number of children."),
    ("EmptyName", "A node name that is empty or only whitespace."),
    ("NameWithSeparator", "A node name containing the path separator /, which could never be addressed."),
    ("UnknownNode", "A lookup that found no node."),
    ("UnknownPath", "A path that leads to no node."),
    ("NotAPermutation", "A new order of a matrix's items that is not a permutation of them."),
    ("AmbiguousName", "A name lookup that matched several nodes."),
    ("TooFewGrades", "Fewer than two grades: a comment set must offer a choice."),
    ("DuplicateGrade", "Two grades with the same name."),
    ("EmptyGradeName", "A grade whose name is empty or only whitespace."),
    ("InvalidGradeScore", "A grade score that is not a finite number."),
    ("MembershipOutOfRange", "A membership degree outside [0, 1]."),
    ("MembershipRowSum", "A membership row that does not sum to 1."),
    ("NoExperts", "A row of votes with no experts behind it."),
    ("VoteTotal", "Votes in a row that do not add up to the number of experts."),
    ("NoResponses", "Raw responses with no expert's answers in them."),
    ("GradeOutOfRange", "An expert's response that names no grade."),
    ("InvalidCompositionWeight", "A composition weight outside [0, 1]."),
    ("InvalidComposition", "A composed value that is negative or not finite (only possible in deserialized data)."),
    ("ZeroComposition", "A composition whose every grade came out 0, which cannot be normalized."),
    ("GradeCountMismatch", "Data whose number of grades differs from the model's comment set."),
    ("MissingLeafData", "A leaf of the hierarchy with no membership data."),
    ("DuplicateLeafData", "Membership data given twice for one leaf."),
    ("NotALeaf", "Data addressed to a node that is not a leaf."),
    ("NoGradeScores", "A weighted score asked of grades that have no scores."),
    ("InvalidTieTolerance", "A tie tolerance that is not a finite non-negative number."),
    ("InvalidScale", "A Likert scale with fewer than two levels, or a rank scale over no items."),
    ("RankScaleMismatch", "A rank scale whose length differs from the number of items ranked."),
    ("DuplicateExpert", "Two experts of a panel with the same name."),
    ("EmptyExpertName", "An expert of a panel whose name is empty or blank."),
    ("InvalidIndicator", "A membership function that cannot be built as given."),
    ("NonFiniteIndicator", "A measured indicator value that is not finite."),
    ("InvalidDraws", "A Monte Carlo run of no draws or too many."),
    ("MonteCarloTooLarge", "A Monte Carlo run whose draws would keep more numbers than a run may hold."),
    ("InvalidNoise", "A perturbation with a negative or non-finite spread, or a probability outside [0, 1]."),
    ("DuplicateAlternative", "Two alternatives with the same name."),
    ("EmptyAlternativeName", "An alternative whose name is empty or blank."),
    ("DuplicateRatingLevel", "Two levels of a ratings scale with the same name."),
    ("InvalidRating", "A rating level whose value is not positive and finite."),
    ("UnknownRatingLevel", "A rating that names no level of its scale."),
    ("InvalidMeasurement", "A measured value that is not positive and finite."),
    ("DuplicateItem", "Two survey items with the same name."),
    ("UnknownItem", "An item index past the end of a response table."),
    ("EmptyItemName", "A survey item whose name is empty."),
    ("OffScale", "An answer outside the declared scale."),
    ("RepeatedRank", "One respondent giving the same rank to two items."),
    ("NotANumber", "A CSV cell that is neither empty (missing) nor a whole number."),
    ("Csv", "A CSV file that cannot be read as CSV (wrong number of fields, bad UTF-8, I/O)."),
    ("PercentageSum", "Percentages that do not add up to 100 within their rounding."),
    ("Parse", "A model file that cannot be parsed, or whose values have the wrong type."),
    ("BadJudgment", "A judgment written as text that is neither a number nor a fraction."),
    ("ConflictingPair", "One pair compared twice with different values."),
    ("DisconnectedChildren", "A node's comparisons that leave some children unconnected (named as in the file)."),
    ("BadPair", "A named pair that names no child, or one child twice."),
    ("ConflictingPriorities", "A node given more than one of comparisons, weights and a panel."),
    ("IndicatorForm", "An indicator given other than as exactly one shape."),
    ("MisplacedIndicator", "A membership function on a node that has children, or in a model without grades."),
    ("NoIndicator", "A measured value for a leaf without a membership function."),
    ("AlternativesOnInternalNode", "Alternatives' scores on a node that has children."),
    ("MissingAlternativeScores", "A leaf without scores of the alternatives, in a model that has alternatives."),
    ("AlternativeScoresWithoutAlternatives", "Scores of alternatives, or ratings scales, in a model that names no alternatives."),
    ("UnknownRatingScale", "Ratings on a scale the model does not define."),
    ("PartialExpertWeights", "Expert weights given for some experts of a panel but not all."),
    ("PriorityMeanWithoutPriorities", "A priority mean chosen for a panel that aggregates judgments, where it has no effect."),
    ("LeafDataForm", "Leaf data with both degrees and votes, or neither."),
    ("PartialScores", "Grade scores given for some grades but not all."),
    ("ObjectsWithoutGrades", "Objects to evaluate without a comment set."),
    ("UnknownFormat", "A file whose format cannot be told from its name."),
    ("Io", "A file that cannot be read."),
];

/// The class of each kind, made once when the module is imported.
static CLASSES: PyOnceLock<HashMap<&'static str, Py<PyType>>> = PyOnceLock::new();

/// The Python name of a kind's class: `NotReciprocal` → `NotReciprocalError`.
pub(crate) fn class_name(kind: &str) -> String {
    format!("{kind}Error")
}

/// Makes the classes and adds them, and the base class, to `module`.
pub(crate) fn register(module: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = module.py();
    let base = py.get_type::<AhpFceError>();
    module.add("AhpFceError", &base)?;
    let builtin_type = py.import("builtins")?.getattr("type")?;
    let mut classes = HashMap::with_capacity(KINDS.len());
    for &(kind, doc) in KINDS {
        let namespace = PyDict::new(py);
        namespace.set_item("__doc__", doc)?;
        namespace.set_item("__module__", "ahp_fce")?;
        let class = builtin_type
            .call1((class_name(kind), PyTuple::new(py, [&base])?, namespace))?
            .cast_into::<PyType>()?;
        module.add(class_name(kind).as_str(), &class)?;
        classes.insert(kind, class.unbind());
    }
    // The module is imported once per interpreter; a second set of classes would not be
    // the ones its namespace holds.
    let _ = CLASSES.set(py, classes);
    Ok(())
}

/// The kind's variant name, as its derived `Debug` begins.
fn kind_name(error: &Error) -> String {
    let debug = format!("{:?}", error.kind());
    debug
        .split(|c: char| !c.is_ascii_alphanumeric())
        .next()
        .unwrap_or_default()
        .to_owned()
}

/// The Python exception for a crate error: the kind's class with the crate's message, and
/// `kind`, `locations`, `node`, `object`, `line` and `field` set on it.
pub(crate) fn to_py(error: Error) -> PyErr {
    Python::attach(|py| match exception(py, &error) {
        Ok(exception) => PyErr::from_value(exception),
        Err(failure) => failure,
    })
}

fn exception<'py>(py: Python<'py>, error: &Error) -> PyResult<Bound<'py, PyAny>> {
    let kind = kind_name(error);
    let class = CLASSES
        .get(py)
        .and_then(|classes| classes.get(kind.as_str()))
        .map(|class| class.bind(py).clone())
        .unwrap_or_else(|| py.get_type::<AhpFceError>());
    let exception = class.call1((error.to_string(),))?;
    exception.setattr("kind", kind)?;
    let locations: Vec<String> = error.locations().map(Location::to_string).collect();
    exception.setattr("locations", locations)?;
    exception.setattr("node", error.node())?;
    exception.setattr("object", error.object())?;
    exception.setattr("line", error.line())?;
    exception.setattr("field", error.field())?;
    Ok(exception)
}

/// `?` for the crate's results.
pub(crate) trait IntoPyResult<T> {
    fn into_py_result(self) -> PyResult<T>;
}

impl<T> IntoPyResult<T> for ahp_fce::Result<T> {
    fn into_py_result(self) -> PyResult<T> {
        self.map_err(to_py)
    }
}
