"""Type stubs of the exception classes: one per error kind of the crate, all under
``AhpFceError`` (a ``ValueError``). ``tests/test_errors.py`` checks this file lists them all."""

from typing import List, Optional

class AhpFceError(ValueError):
    """Any error of ahp_fce: bad input, named by ``kind``, with where it happened."""

    kind: str
    locations: List[str]
    node: Optional[str]
    object: Optional[str]
    line: Optional[int]
    field: Optional[str]

class EmptyError(AhpFceError):
    """A matrix or vector with no entries where at least one is needed."""

class LimitExceededError(AhpFceError):
    """An input beyond one of the Limits."""

class RandomIndexTooSmallError(AhpFceError):
    """A consistency ratio that would be infinite: the random index is too small to divide by."""

class ZeroOrderError(AhpFceError):
    """A matrix order of 0 where a matrix is to be made."""

class NotSquareError(AhpFceError):
    """A judgment matrix that is not square."""

class RaggedRowError(AhpFceError):
    """One row of a nested-rows matrix has the wrong length (for a judgment matrix, the number of rows; for a membership matrix, the number of grades)."""

class NonFiniteError(AhpFceError):
    """A NaN or infinite entry."""

class NonPositiveError(AhpFceError):
    """A zero or negative pairwise judgment."""

class OutOfRangeError(AhpFceError):
    """A judgment so extreme that no comparison means it (beyond 10^±100)."""

class DiagonalNotOneError(AhpFceError):
    """A diagonal entry other than 1 (every criterion is equally important as itself)."""

class NotReciprocalError(AhpFceError):
    """A pair of entries that are not reciprocal within the rounding tolerance."""

class DisconnectedJudgmentsError(AhpFceError):
    """Incomplete judgments whose given pairs leave some items unconnected: no chain of comparisons relates one group to another, so their relative weights are undetermined."""

class NoSuchJudgmentError(AhpFceError):
    """A place that holds no judgment: outside the matrix, or on its diagonal."""

class UpperTriangleLengthError(AhpFceError):
    """An upper triangle whose length is not t(t−1)/2 for any order t."""

class OffSaatyScaleError(AhpFceError):
    """An entry that is not on Saaty's 1–9 scale (1..9 or a reciprocal of one)."""

class InvalidWeightError(AhpFceError):
    """A weight that is not a finite positive number."""

class WeightSumError(AhpFceError):
    """Weights that do not sum to one within the tolerance."""

class LengthMismatchError(AhpFceError):
    """Weights and a matrix (or a list of children) of different sizes."""

class EigenvectorNotConvergedError(AhpFceError):
    """Power iteration for the principal eigenvector did not settle."""

class RandomIndexOutOfRangeError(AhpFceError):
    """A matrix order beyond what a random-index table lists."""

class InvalidRandomIndexError(AhpFceError):
    """A value in a user-supplied random-index table that cannot be used."""

class TooFewSamplesError(AhpFceError):
    """A simulation asked for fewer samples than a standard error needs."""

class InvalidThresholdError(AhpFceError):
    """A consistency-ratio threshold that is not a finite positive number."""

class DuplicateSiblingError(AhpFceError):
    """Two children of one node with the same name."""

class PrioritiesOnLeafError(AhpFceError):
    """A node with comparisons or weights but no children."""

class MissingPrioritiesError(AhpFceError):
    """A node with children but neither a judgment matrix nor weights over them."""

class OrderMismatchError(AhpFceError):
    """A node whose judgment matrix or weights do not match its number of children."""

class EmptyNameError(AhpFceError):
    """A node name that is empty or only whitespace."""

class NameWithSeparatorError(AhpFceError):
    """A node name containing the path separator /, which could never be addressed."""

class UnknownNodeError(AhpFceError):
    """A lookup that found no node."""

class UnknownPathError(AhpFceError):
    """A path that leads to no node."""

class NotAPermutationError(AhpFceError):
    """A new order of a matrix's items that is not a permutation of them."""

class AmbiguousNameError(AhpFceError):
    """A name lookup that matched several nodes."""

class TooFewGradesError(AhpFceError):
    """Fewer than two grades: a comment set must offer a choice."""

class DuplicateGradeError(AhpFceError):
    """Two grades with the same name."""

class EmptyGradeNameError(AhpFceError):
    """A grade whose name is empty or only whitespace."""

class InvalidGradeScoreError(AhpFceError):
    """A grade score that is not a finite number."""

class MembershipOutOfRangeError(AhpFceError):
    """A membership degree outside [0, 1]."""

class MembershipRowSumError(AhpFceError):
    """A membership row that does not sum to 1."""

class NoExpertsError(AhpFceError):
    """A row of votes with no experts behind it."""

class VoteTotalError(AhpFceError):
    """Votes in a row that do not add up to the number of experts."""

class NoResponsesError(AhpFceError):
    """Raw responses with no expert's answers in them."""

class GradeOutOfRangeError(AhpFceError):
    """An expert's response that names no grade."""

class InvalidCompositionWeightError(AhpFceError):
    """A composition weight outside [0, 1]."""

class InvalidCompositionError(AhpFceError):
    """A composed value that is negative or not finite (only possible in deserialized data)."""

class ZeroCompositionError(AhpFceError):
    """A composition whose every grade came out 0, which cannot be normalized."""

class GradeCountMismatchError(AhpFceError):
    """Data whose number of grades differs from the model's comment set."""

class MissingLeafDataError(AhpFceError):
    """A leaf of the hierarchy with no membership data."""

class DuplicateLeafDataError(AhpFceError):
    """Membership data given twice for one leaf."""

class NotALeafError(AhpFceError):
    """Data addressed to a node that is not a leaf."""

class NoGradeScoresError(AhpFceError):
    """A weighted score asked of grades that have no scores."""

class InvalidTieToleranceError(AhpFceError):
    """A tie tolerance that is not a finite non-negative number."""

class InvalidScaleError(AhpFceError):
    """A Likert scale with fewer than two levels, or a rank scale over no items."""

class RankScaleMismatchError(AhpFceError):
    """A rank scale whose length differs from the number of items ranked."""

class DuplicateExpertError(AhpFceError):
    """Two experts of a panel with the same name."""

class EmptyExpertNameError(AhpFceError):
    """An expert of a panel whose name is empty or blank."""

class InvalidIndicatorError(AhpFceError):
    """A membership function that cannot be built as given."""

class NonFiniteIndicatorError(AhpFceError):
    """A measured indicator value that is not finite."""

class InvalidDrawsError(AhpFceError):
    """A Monte Carlo run of no draws or too many."""

class MonteCarloTooLargeError(AhpFceError):
    """A Monte Carlo run whose draws would keep more numbers than a run may hold."""

class InvalidNoiseError(AhpFceError):
    """A perturbation with a negative or non-finite spread, or a probability outside [0, 1]."""

class DuplicateAlternativeError(AhpFceError):
    """Two alternatives with the same name."""

class EmptyAlternativeNameError(AhpFceError):
    """An alternative whose name is empty or blank."""

class DuplicateRatingLevelError(AhpFceError):
    """Two levels of a ratings scale with the same name."""

class InvalidRatingError(AhpFceError):
    """A rating level whose value is not positive and finite."""

class UnknownRatingLevelError(AhpFceError):
    """A rating that names no level of its scale."""

class InvalidMeasurementError(AhpFceError):
    """A measured value that is not positive and finite."""

class DuplicateItemError(AhpFceError):
    """Two survey items with the same name."""

class UnknownItemError(AhpFceError):
    """An item index past the end of a response table."""

class EmptyItemNameError(AhpFceError):
    """A survey item whose name is empty."""

class OffScaleError(AhpFceError):
    """An answer outside the declared scale."""

class RepeatedRankError(AhpFceError):
    """One respondent giving the same rank to two items."""

class NotANumberError(AhpFceError):
    """A CSV cell that is neither empty (missing) nor a whole number."""

class CsvError(AhpFceError):
    """A CSV file that cannot be read as CSV (wrong number of fields, bad UTF-8, I/O)."""

class PercentageSumError(AhpFceError):
    """Percentages that do not add up to 100 within their rounding."""

class ParseError(AhpFceError):
    """A model file that cannot be parsed, or whose values have the wrong type."""

class BadJudgmentError(AhpFceError):
    """A judgment written as text that is neither a number nor a fraction."""

class ConflictingPairError(AhpFceError):
    """One pair compared twice with different values."""

class DisconnectedChildrenError(AhpFceError):
    """A node's comparisons that leave some children unconnected (named as in the file)."""

class BadPairError(AhpFceError):
    """A named pair that names no child, or one child twice."""

class ConflictingPrioritiesError(AhpFceError):
    """A node given more than one of comparisons, weights and a panel."""

class IndicatorFormError(AhpFceError):
    """An indicator given other than as exactly one shape."""

class MisplacedIndicatorError(AhpFceError):
    """A membership function on a node that has children, or in a model without grades."""

class NoIndicatorError(AhpFceError):
    """A measured value for a leaf without a membership function."""

class AlternativesOnInternalNodeError(AhpFceError):
    """Alternatives' scores on a node that has children."""

class MissingAlternativeScoresError(AhpFceError):
    """A leaf without scores of the alternatives, in a model that has alternatives."""

class AlternativeScoresWithoutAlternativesError(AhpFceError):
    """Scores of alternatives, or ratings scales, in a model that names no alternatives."""

class UnknownRatingScaleError(AhpFceError):
    """Ratings on a scale the model does not define."""

class PartialExpertWeightsError(AhpFceError):
    """Expert weights given for some experts of a panel but not all."""

class PriorityMeanWithoutPrioritiesError(AhpFceError):
    """A priority mean chosen for a panel that aggregates judgments, where it has no effect."""

class LeafDataFormError(AhpFceError):
    """Leaf data with both degrees and votes, or neither."""

class PartialScoresError(AhpFceError):
    """Grade scores given for some grades but not all."""

class ObjectsWithoutGradesError(AhpFceError):
    """Objects to evaluate without a comment set."""

class UnknownFormatError(AhpFceError):
    """A file whose format cannot be told from its name."""

class IoError(AhpFceError):
    """A file that cannot be read."""

__all__ = [
    "AhpFceError",
    "EmptyError",
    "LimitExceededError",
    "RandomIndexTooSmallError",
    "ZeroOrderError",
    "NotSquareError",
    "RaggedRowError",
    "NonFiniteError",
    "NonPositiveError",
    "OutOfRangeError",
    "DiagonalNotOneError",
    "NotReciprocalError",
    "DisconnectedJudgmentsError",
    "NoSuchJudgmentError",
    "UpperTriangleLengthError",
    "OffSaatyScaleError",
    "InvalidWeightError",
    "WeightSumError",
    "LengthMismatchError",
    "EigenvectorNotConvergedError",
    "RandomIndexOutOfRangeError",
    "InvalidRandomIndexError",
    "TooFewSamplesError",
    "InvalidThresholdError",
    "DuplicateSiblingError",
    "PrioritiesOnLeafError",
    "MissingPrioritiesError",
    "OrderMismatchError",
    "EmptyNameError",
    "NameWithSeparatorError",
    "UnknownNodeError",
    "UnknownPathError",
    "NotAPermutationError",
    "AmbiguousNameError",
    "TooFewGradesError",
    "DuplicateGradeError",
    "EmptyGradeNameError",
    "InvalidGradeScoreError",
    "MembershipOutOfRangeError",
    "MembershipRowSumError",
    "NoExpertsError",
    "VoteTotalError",
    "NoResponsesError",
    "GradeOutOfRangeError",
    "InvalidCompositionWeightError",
    "InvalidCompositionError",
    "ZeroCompositionError",
    "GradeCountMismatchError",
    "MissingLeafDataError",
    "DuplicateLeafDataError",
    "NotALeafError",
    "NoGradeScoresError",
    "InvalidTieToleranceError",
    "InvalidScaleError",
    "RankScaleMismatchError",
    "DuplicateExpertError",
    "EmptyExpertNameError",
    "InvalidIndicatorError",
    "NonFiniteIndicatorError",
    "InvalidDrawsError",
    "MonteCarloTooLargeError",
    "InvalidNoiseError",
    "DuplicateAlternativeError",
    "EmptyAlternativeNameError",
    "DuplicateRatingLevelError",
    "InvalidRatingError",
    "UnknownRatingLevelError",
    "InvalidMeasurementError",
    "DuplicateItemError",
    "UnknownItemError",
    "EmptyItemNameError",
    "OffScaleError",
    "RepeatedRankError",
    "NotANumberError",
    "CsvError",
    "PercentageSumError",
    "ParseError",
    "BadJudgmentError",
    "ConflictingPairError",
    "DisconnectedChildrenError",
    "BadPairError",
    "ConflictingPrioritiesError",
    "IndicatorFormError",
    "MisplacedIndicatorError",
    "NoIndicatorError",
    "AlternativesOnInternalNodeError",
    "MissingAlternativeScoresError",
    "AlternativeScoresWithoutAlternativesError",
    "UnknownRatingScaleError",
    "PartialExpertWeightsError",
    "PriorityMeanWithoutPrioritiesError",
    "LeafDataFormError",
    "PartialScoresError",
    "ObjectsWithoutGradesError",
    "UnknownFormatError",
    "IoError",
]
