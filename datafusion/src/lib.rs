//! Fuzzy comprehensive evaluation inside [Apache DataFusion](https://datafusion.apache.org): a
//! model's compiled composition plan as SQL scalar functions over whole Arrow arrays.
//!
//! [`FceFunctions`] turns a model (a model file's [`Model`], or an [`Evaluator`] with its
//! leaves' membership functions) into three scalar UDFs, registered on a
//! [`SessionContext`] under a prefix (`fce` by default):
//!
//! - `fce_score(...)` → `DOUBLE`: Σ_h E_h·score_h (only for grades with scores);
//! - `fce_verdict(...)` → `VARCHAR`: the grade of maximum membership;
//! - `fce_vector(...)` → `FIXED_SIZE_LIST<DOUBLE>`: the normalized grade vector E.
//!
//! Their arguments are the leaves' memberships, leaf after leaf, left to right: one `DOUBLE`
//! per grade (degrees), or for a leaf with a membership function one `DOUBLE` (its measured
//! value). [`FceFunctions::argument_names`] lists them as `LEAF.GRADE` / `LEAF`, and
//! [`FceFunctions::sql_arguments`] writes them as quoted SQL identifiers. Every batch runs
//! through the same plan as [`BatchScorer`](ahp_fce::fce::BatchScorer), with the same bits; a
//! null argument gives a null result or an error ([`Nulls`]); a row the model refuses gives an
//! error naming the row and its arguments, never a silently wrong score.
//!
//! ```
//! use ahp_fce::model::Model;
//! use ahp_fce_datafusion::FceFunctions;
//! use datafusion::prelude::SessionContext;
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let model = Model::from_toml(r#"
//!     grades = [{ name = "good", score = 1 }, { name = "bad", score = 0 }]
//!     [hierarchy]
//!     name = "Store"
//!     weights = [0.75, 0.25]
//!     children = [{ name = "credit" }, { name = "delivery" }]
//! "#)?;
//! let functions = FceFunctions::from_model(&model)?;
//! let ctx = SessionContext::new();
//! functions.register(&ctx);
//! ctx.sql(r#"CREATE TABLE stores ("credit.good" DOUBLE, "credit.bad" DOUBLE,
//!            "delivery.good" DOUBLE, "delivery.bad" DOUBLE)
//!            AS VALUES (1.0, 0.0, 0.0, 1.0), (0.5, 0.5, 0.5, 0.5)"#).await?.collect().await?;
//! let sql = format!("SELECT fce_score({0}) AS risk, fce_verdict({0}) AS verdict FROM stores",
//!     functions.sql_arguments());
//! let batches = ctx.sql(&sql).await?.collect().await?;
//! let text = datafusion::arrow::util::pretty::pretty_format_batches(&batches)?.to_string();
//! assert!(text.contains("| 0.75 | good    |"), "{text}");
//! # Ok(())
//! # }
//! ```

#![deny(missing_docs)]

use std::hash::{Hash, Hasher};
use std::sync::Arc;

use ahp_fce::error::{ErrorKind, Location};
use ahp_fce::fce::{Evaluator, IndicatorMembership};
use ahp_fce::model::Model;
pub use ahp_fce_arrow::Nulls;
use ahp_fce_arrow::{ColumnError, ColumnScorer, LeafColumns, Outputs};
use datafusion::arrow::array::{Array, ArrayRef, FixedSizeListArray, Float64Array};
use datafusion::arrow::buffer::NullBuffer;
use datafusion::arrow::datatypes::{DataType, Field};
use datafusion::common::{exec_err, DataFusionError, Result};
use datafusion::logical_expr::{
    ColumnarValue, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl, Signature, Volatility,
};
use datafusion::prelude::SessionContext;

/// A model's scalar functions for DataFusion: build them with [`FceFunctions::from_model`] or
/// [`FceFunctions::new`], then [`FceFunctions::register`] them or take [`FceFunctions::udfs`].
#[derive(Debug, Clone)]
pub struct FceFunctions {
    scorer: Arc<ColumnScorer>,
    prefix: String,
    nulls: Nulls,
}

impl FceFunctions {
    /// The functions of an evaluator; `indicators` holds each leaf's membership function (one
    /// per leaf, `None` for a leaf given as degrees) or nothing at all.
    ///
    /// # Errors
    /// [`ColumnError::Model`] with [`ErrorKind::LengthMismatch`] when `indicators` is neither
    /// empty nor one per leaf.
    pub fn new(
        evaluator: &Evaluator,
        indicators: &[Option<IndicatorMembership>],
    ) -> std::result::Result<Self, ColumnError> {
        Ok(Self {
            scorer: Arc::new(ColumnScorer::positional(evaluator, indicators)?),
            prefix: "fce".to_owned(),
            nulls: Nulls::Error,
        })
    }

    /// The functions of a model file's model: its leaves with an `indicator` take a measured
    /// value, the others their degrees.
    ///
    /// # Errors
    /// [`ErrorKind::ObjectsWithoutGrades`] for a model without grades (nothing to score).
    pub fn from_model(model: &Model) -> std::result::Result<Self, ColumnError> {
        let evaluator = model
            .evaluator()
            .ok_or_else(|| ahp_fce::Error::from(ErrorKind::ObjectsWithoutGrades))?;
        Self::new(evaluator, model.indicators())
    }

    /// Names the functions `{prefix}_score`, `{prefix}_verdict` and `{prefix}_vector` (to
    /// register several models on one context).
    pub fn with_prefix(mut self, prefix: impl Into<String>) -> Self {
        self.prefix = prefix.into();
        self
    }

    /// What a null argument gives: an error (the default) or a null result.
    pub fn with_nulls(mut self, nulls: Nulls) -> Self {
        self.nulls = nulls;
        self
    }

    /// The arguments in order: `LEAF.GRADE` for a degree, `LEAF` for a measured value (leaves
    /// by name), as `ahp-fce score` names CSV columns.
    pub fn argument_names(&self) -> Vec<String> {
        argument_names(&self.scorer)
    }

    /// [`FceFunctions::argument_names`] as SQL: quoted identifiers joined by `, `, for
    /// `SELECT fce_score({}) FROM t` over a table whose columns are named so.
    pub fn sql_arguments(&self) -> String {
        self.argument_names()
            .iter()
            .map(|name| format!("\"{}\"", name.replace('"', "\"\"")))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The scalar functions: score (when the grades have scores), verdict and vector.
    pub fn udfs(&self) -> Vec<ScalarUDF> {
        let has_scores = self.scorer.evaluator().grades().scores().is_some();
        [Output::Score, Output::Verdict, Output::Vector]
            .into_iter()
            .filter(|output| has_scores || *output != Output::Score)
            .map(|output| ScalarUDF::new_from_impl(self.udf(output)))
            .collect()
    }

    /// Registers [`FceFunctions::udfs`] on `ctx`.
    pub fn register(&self, ctx: &SessionContext) {
        for udf in self.udfs() {
            ctx.register_udf(udf);
        }
    }

    fn udf(&self, output: Output) -> FceUdf {
        FceUdf {
            name: format!("{}_{}", self.prefix, output.suffix()),
            output,
            signature: Signature::uniform(
                self.scorer.columns(),
                vec![DataType::Float64],
                Volatility::Immutable,
            ),
            scorer: Arc::clone(&self.scorer),
            nulls: self.nulls,
        }
    }
}

/// Writes objects' memberships, (objects, leaves, grades), as Parquet files in `dir` that
/// the functions read: an `id` column (the object's index, `BIGINT`) and one `DOUBLE` column
/// per argument, named as [`FceFunctions::argument_names`] (the model's leaves must all be
/// given as degrees). Objects are split across `files` files of about equal size; returns
/// their paths. For examples, tests and benchmarks of a query over files.
///
/// # Errors
/// A leaf given as a value, `memberships` of another shape than the model's, or a failure
/// to write.
pub fn write_memberships_parquet(
    dir: &std::path::Path,
    functions: &FceFunctions,
    memberships: ndarray::ArrayView3<'_, f64>,
    files: usize,
) -> std::result::Result<Vec<std::path::PathBuf>, Box<dyn std::error::Error + Send + Sync>> {
    use datafusion::arrow::array::Int64Array;
    use datafusion::arrow::datatypes::Schema;
    use datafusion::arrow::record_batch::RecordBatch;

    let names = functions.argument_names();
    let (objects, leaves, grades) = memberships.dim();
    if functions
        .scorer
        .leaves()
        .iter()
        .any(|l| matches!(l, LeafColumns::Value(..)))
        || leaves * grades != names.len()
    {
        return Err(format!(
            "memberships shaped {:?} do not fit the {} degree columns of the model",
            memberships.dim(),
            names.len()
        )
        .into());
    }
    let mut fields = vec![Field::new("id", DataType::Int64, false)];
    fields.extend(
        names
            .iter()
            .map(|n| Field::new(n, DataType::Float64, false)),
    );
    let schema = Arc::new(Schema::new(fields));
    let per_file = objects.div_ceil(files.max(1)).max(1);
    let mut paths = Vec::new();
    for (part, start) in (0..objects).step_by(per_file).enumerate() {
        let end = (start + per_file).min(objects);
        let first = i64::try_from(start)?;
        let last = i64::try_from(end)?;
        let mut columns: Vec<ArrayRef> = vec![Arc::new(Int64Array::from_iter_values(first..last))];
        for k in 0..names.len() {
            let (l, g) = (k / grades, k % grades);
            columns.push(Arc::new(Float64Array::from_iter_values(
                (start..end).map(|o| memberships[[o, l, g]]),
            )));
        }
        let path = dir.join(format!("part-{part}.parquet"));
        let file = std::fs::File::create(&path)?;
        let mut writer =
            datafusion::parquet::arrow::ArrowWriter::try_new(file, schema.clone(), None)?;
        writer.write(&RecordBatch::try_new(schema.clone(), columns)?)?;
        writer.close()?;
        paths.push(path);
    }
    Ok(paths)
}

/// Deterministic memberships for examples, tests and benchmarks: (objects, leaves, grades)
/// positive degrees from a xorshift generator seeded by `seed`, each row normalized to sum
/// to 1.
pub fn sample_memberships(
    objects: usize,
    leaves: usize,
    grades: usize,
    seed: u64,
) -> ndarray::Array3<f64> {
    let mut state = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let mut x = ndarray::Array3::from_shape_fn((objects, leaves, grades), |_| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        // 53 random bits in [0, 1), kept off zero.
        (state >> 11) as f64 / (1u64 << 53) as f64 + 1e-3
    });
    for mut row in x.rows_mut() {
        let sum = row.sum();
        row.mapv_inplace(|v| v / sum);
    }
    x
}

/// Which result a function gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Output {
    Score,
    Verdict,
    Vector,
}

impl Output {
    fn suffix(self) -> &'static str {
        match self {
            Output::Score => "score",
            Output::Verdict => "verdict",
            Output::Vector => "vector",
        }
    }

    fn outputs(self) -> Outputs {
        Outputs {
            vectors: self == Output::Vector,
            verdicts: self == Output::Verdict,
            scores: self == Output::Score,
        }
    }
}

/// One scalar function of a model.
#[derive(Debug)]
struct FceUdf {
    name: String,
    output: Output,
    signature: Signature,
    scorer: Arc<ColumnScorer>,
    nulls: Nulls,
}

// A function is itself: the same model (the same scorer), the same result and null policy.
impl PartialEq for FceUdf {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
            && self.output == other.output
            && self.nulls == other.nulls
            && Arc::ptr_eq(&self.scorer, &other.scorer)
    }
}

impl Eq for FceUdf {}

impl Hash for FceUdf {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.name.hash(state);
        self.output.hash(state);
        Arc::as_ptr(&self.scorer).hash(state);
    }
}

impl FceUdf {
    fn grades(&self) -> usize {
        self.scorer.evaluator().grades().len()
    }

    /// A refused row's error, with the row's arguments.
    fn row_error(&self, error: ColumnError, arrays: &[ArrayRef]) -> DataFusionError {
        let row = match &error {
            ColumnError::Model(e) => e.locations().find_map(|l| match l {
                Location::ObjectIndex(k) => Some(*k),
                _ => None,
            }),
            ColumnError::Null { row, .. } => Some(*row),
            _ => None,
        };
        let Some(row) = row else {
            return DataFusionError::External(Box::new(error));
        };
        let names = argument_names(&self.scorer);
        let values: Vec<String> = arrays
            .iter()
            .zip(names)
            .map(|(array, name)| {
                let value = array
                    .as_any()
                    .downcast_ref::<Float64Array>()
                    .filter(|a| row < a.len() && a.is_valid(row))
                    .map_or_else(|| "NULL".to_owned(), |a| a.value(row).to_string());
                format!("{name} = {value}")
            })
            .collect();
        DataFusionError::Execution(format!(
            "{}: {error}; the row's arguments: {}",
            self.name,
            values.join(", ")
        ))
    }
}

impl ScalarUDFImpl for FceUdf {
    fn name(&self) -> &str {
        &self.name
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(match self.output {
            Output::Score => DataType::Float64,
            Output::Verdict => DataType::Utf8,
            Output::Vector => DataType::FixedSizeList(
                Arc::new(Field::new("item", DataType::Float64, false)),
                i32::try_from(self.grades()).unwrap_or(i32::MAX),
            ),
        })
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let arrays = ColumnarValue::values_to_arrays(&args.args)?;
        if arrays.len() != self.scorer.columns() {
            return exec_err!(
                "{} takes {} arguments, got {}",
                self.name,
                self.scorer.columns(),
                arrays.len()
            );
        }
        let scored = self
            .scorer
            .score_outputs(&arrays, 0, self.nulls, self.output.outputs())
            .map_err(|e| self.row_error(e, &arrays))?;
        let array: ArrayRef = match self.output {
            Output::Score => match scored.scores {
                Some(scores) => Arc::new(scores),
                None => return exec_err!("{}: the grades have no scores", self.name),
            },
            Output::Verdict => match scored.verdicts {
                Some(verdicts) => Arc::new(verdicts),
                None => return exec_err!("{}: no verdicts were built", self.name),
            },
            Output::Vector => Arc::new(vectors(&scored.grades, self.grades())?),
        };
        Ok(ColumnarValue::Array(array))
    }
}

/// Grade columns interleaved into one list of E per row (null where the row was null).
fn vectors(grades: &[Float64Array], g: usize) -> Result<FixedSizeListArray> {
    let rows = grades.first().map_or(0, Array::len);
    let mut values = Vec::with_capacity(rows * g);
    for row in 0..rows {
        values.extend(grades.iter().map(|column| column.value(row)));
    }
    let nulls = grades
        .first()
        .and_then(|c| c.nulls().cloned())
        .map(|n| NullBuffer::from(n.inner().clone()));
    let size = i32::try_from(g).map_err(|e| DataFusionError::External(Box::new(e)))?;
    Ok(FixedSizeListArray::try_new(
        Arc::new(Field::new("item", DataType::Float64, false)),
        size,
        Arc::new(Float64Array::from(values)),
        nulls,
    )?)
}

/// The arguments of the functions of `scorer`, as [`FceFunctions::argument_names`].
fn argument_names(scorer: &ColumnScorer) -> Vec<String> {
    let evaluator = scorer.evaluator();
    let hierarchy = evaluator.hierarchy();
    let grades = evaluator.grades().names();
    let mut names = vec![String::new(); scorer.columns()];
    for (leaf, columns) in evaluator.synthesis().leaves().iter().zip(scorer.leaves()) {
        let path = hierarchy.path(*leaf);
        let name = path.rsplit('/').next().unwrap_or_default();
        match columns {
            LeafColumns::Degrees(columns) => {
                for (&column, grade) in columns.iter().zip(grades) {
                    names[column] = format!("{name}.{grade}");
                }
            }
            LeafColumns::Value(column, _) => names[*column] = name.to_owned(),
        }
    }
    names
}
