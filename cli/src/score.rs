//! `ahp-fce score`: a file of objects scored by the batch scorer, chunk by chunk.
//!
//! Memory holds one chunk of objects and 16 bytes per object (its score and its rank, which
//! needs every score). The results go to a temporary file first; ranks are added in a second
//! pass into the destination, which appears whole or not at all.

use std::collections::HashSet;
use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, IsTerminal, Read, Seek, Write};
use std::path::Path;

use ahp_fce::error::Location;
use ahp_fce::fce::IndicatorMembership;
use ahp_fce::model::spec::ObjectSpec;
use ahp_fce::{BatchScorer, Evaluator};
use ndarray::ArrayView3;

use crate::output::Atomic;
use crate::{Failure, Table};

pub(crate) const HELP: &str = "\
Examples:
  ahp-fce score examples/models/paper.toml --data stores.csv --output scores.csv
  ahp-fce score model.json --data objects.jsonl --format jsonl

Input, by the data file's extension:
  *.csv    a header `name,LEAF.GRADE,...`: the object's name, then one column for every leaf
           and grade (LEAF is the leaf's name, or its path Goal/Criterion/Leaf where names
           repeat; GRADE a grade's name, e.g. `U11.very strong`). Per object and leaf, values
           that sum to 1 are membership degrees, whole numbers that sum to more are vote
           counts (degree = votes / their sum).
  *.jsonl  one object per line, as in a model file:
           {\"name\": \"Shop 1\", \"leaves\": {\"U11\": {\"votes\": [3, 5, 2, 0]}, ...}}
  *.parquet  the CSV's columns in a Parquet file (the tool built with `--features parquet`):
           `name` strings or integers, the other columns integers or floats, no nulls.

Output (*.csv or *.jsonl by the output's name, else --format): per object its name, the final
grade vector E, the verdict by maximum membership, the score and the rank (scores and ranks
when the grades have scores). A bad row stops the run with its line and column, and nothing
is written.

Exit status: 0 success; 1 an error in the model or the data; 2 a usage error.";

/// Objects per batch: large enough to amortize a call, small enough for any memory.
const CHUNK: usize = 4096;

/// Inputs larger than this show a progress bar, when standard error is a terminal.
const PROGRESS_BYTES: u64 = 8 << 20;

pub(crate) fn run(
    model_path: &Path,
    data_path: &Path,
    destination: Option<&Path>,
    format: Table,
) -> Result<(), Failure> {
    let model = crate::load(model_path)?;
    let evaluator = model.evaluator().ok_or_else(|| {
        Failure::Input(format!(
            "in `{}`: the model has no grades, so there is nothing to score objects over",
            model_path.display()
        ))
    })?;
    let out_format = match destination
        .and_then(|p| p.extension())
        .and_then(|e| e.to_str())
    {
        Some("jsonl" | "ndjson") => Table::Jsonl,
        Some(_) => Table::Csv,
        None => format,
    };
    let file = File::open(data_path)
        .map_err(|e| Failure::Input(format!("cannot read `{}`: {e}", data_path.display())))?;
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    let progress = (size > PROGRESS_BYTES && std::io::stderr().is_terminal())
        .then(|| indicatif::ProgressBar::new(size));
    let reader: Box<dyn Read> = match &progress {
        Some(bar) => Box::new(bar.wrap_read(file)),
        None => Box::new(file),
    };
    let in_data =
        |message: String| Failure::Input(format!("in `{}`: {message}", data_path.display()));
    let mut results = Results::new(evaluator)?;
    match data_path.extension().and_then(|e| e.to_str()) {
        Some("csv") => {
            read_csv(reader, evaluator, model.indicators(), &mut results).map_err(in_data)?
        }
        Some("jsonl" | "ndjson") => read_jsonl(reader, &model, &mut results).map_err(in_data)?,
        #[cfg(feature = "parquet")]
        Some("parquet") => {
            drop(reader);
            crate::parquet_input::read_parquet(
                data_path,
                evaluator,
                model.indicators(),
                &mut results,
            )
            .map_err(in_data)?
        }
        #[cfg(not(feature = "parquet"))]
        Some("parquet") => {
            return Err(Failure::Input(format!(
                "cannot read `{}`: this ahp-fce was built without Parquet; build it with \
                 `cargo install --path cli --features parquet`",
                data_path.display()
            )))
        }
        _ => {
            return Err(Failure::Input(format!(
                "cannot tell the format of `{}`: name it *.csv, *.jsonl or *.parquet",
                data_path.display()
            )))
        }
    }
    if let Some(bar) = &progress {
        bar.finish_and_clear();
    }
    results.finish(destination, out_format)
}

/// Objects gathered for one call of the batch scorer.
struct Chunk {
    names: Vec<String>,
    places: Vec<Place>,
    values: Vec<f64>,
}

/// The first pass's results, kept in a temporary file, and every score.
pub(crate) struct Results<'e> {
    evaluator: &'e Evaluator,
    scorer: BatchScorer,
    rows: csv::Writer<BufWriter<File>>,
    scores: Vec<f64>,
    chunk: Chunk,
}

impl<'e> Results<'e> {
    pub(crate) fn new(evaluator: &'e Evaluator) -> Result<Self, Failure> {
        let file = tempfile::tempfile()
            .map_err(|e| Failure::Input(format!("cannot make a temporary file: {e}")))?;
        Ok(Self {
            evaluator,
            scorer: evaluator.batch_scorer(),
            rows: csv::Writer::from_writer(BufWriter::new(file)),
            scores: Vec::new(),
            chunk: Chunk {
                names: Vec::with_capacity(CHUNK),
                places: Vec::with_capacity(CHUNK),
                values: Vec::with_capacity(
                    CHUNK * evaluator.batch_scorer().leaves() * evaluator.grades().len(),
                ),
            },
        })
    }

    /// Adds one object (its leaf rows back to back, validated); scores the chunk when full.
    pub(crate) fn push(&mut self, name: String, place: Place, rows: &[f64]) -> Result<(), String> {
        self.chunk.names.push(name);
        self.chunk.places.push(place);
        self.chunk.values.extend_from_slice(rows);
        if self.chunk.names.len() == CHUNK {
            self.flush()?;
        }
        Ok(())
    }

    fn flush(&mut self) -> Result<(), String> {
        let objects = self.chunk.names.len();
        if objects == 0 {
            return Ok(());
        }
        let shape = (objects, self.scorer.leaves(), self.scorer.grades());
        let view = ArrayView3::from_shape(shape, &self.chunk.values)
            .map_err(|e| format!("a chunk of objects has the wrong shape: {e}"))?;
        let batch = self.scorer.score(view).map_err(|e| {
            // The scorer names the object by its index in the chunk: name its line instead.
            let index = e.locations().find_map(|l| match l {
                Location::ObjectIndex(k) => Some(*k),
                _ => None,
            });
            match index {
                Some(k) => format!(
                    "{}, object `{}`: {}",
                    self.chunk.places[k],
                    self.chunk.names[k],
                    e.kind()
                ),
                None => e.to_string(),
            }
        })?;
        for (k, name) in self.chunk.names.drain(..).enumerate() {
            let e = batch.results().row(k).to_vec();
            let verdict = self
                .evaluator
                .verdict_of(&e)
                .map_err(|err| err.to_string())?;
            let mut record = vec![name];
            record.extend(e.iter().map(|v| v.to_string()));
            record.push(verdict.name.clone());
            if let Some(scores) = batch.scores() {
                record.push(scores[k].to_string());
                self.scores.push(scores[k]);
            }
            self.rows
                .write_record(&record)
                .map_err(|err| format!("cannot write a temporary file: {err}"))?;
        }
        self.chunk.places.clear();
        self.chunk.values.clear();
        Ok(())
    }

    /// The second pass: every row with its rank, into the destination.
    fn finish(mut self, destination: Option<&Path>, format: Table) -> Result<(), Failure> {
        self.flush().map_err(Failure::Input)?;
        let ranks = self.evaluator.rank_scores(&self.scores);
        let scored = self.evaluator.grades().scores().is_some();
        let mut file = self
            .rows
            .into_inner()
            .map_err(|e| Failure::Input(format!("cannot write a temporary file: {e}")))?
            .into_inner()
            .map_err(|e| Failure::Input(format!("cannot write a temporary file: {e}")))?;
        file.rewind()
            .map_err(|e| Failure::Input(format!("cannot read a temporary file: {e}")))?;
        let grades = self.evaluator.grades().names();
        match destination {
            Some(path) => {
                let mut out = Atomic::create(path)?;
                let mut buffered = BufWriter::new(&mut out);
                write_final(file, &mut buffered, format, grades, scored, &ranks).map_err(|e| {
                    Failure::Input(format!("cannot write `{}`: {e}", path.display()))
                })?;
                buffered.flush().map_err(|e| {
                    Failure::Input(format!("cannot write `{}`: {e}", path.display()))
                })?;
                drop(buffered);
                out.commit()
            }
            None => {
                let stdout = std::io::stdout().lock();
                let mut buffered = BufWriter::new(stdout);
                write_final(file, &mut buffered, format, grades, scored, &ranks)
                    .and_then(|()| buffered.flush())
                    .map_err(|e| Failure::Input(format!("cannot write the output: {e}")))
            }
        }
    }
}

/// The first pass's rows, each with its rank, as CSV or JSON Lines.
fn write_final(
    rows: File,
    out: &mut impl Write,
    format: Table,
    grades: &[String],
    scored: bool,
    ranks: &[usize],
) -> std::io::Result<()> {
    let g = grades.len();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(BufReader::new(rows));
    let io = |e: csv::Error| std::io::Error::other(e.to_string());
    match format {
        Table::Csv => {
            let mut writer = csv::Writer::from_writer(out);
            let mut header = vec!["name".to_owned()];
            header.extend(grades.iter().map(|name| format!("E.{name}")));
            header.push("verdict".to_owned());
            if scored {
                header.extend(["score".to_owned(), "rank".to_owned()]);
            }
            writer.write_record(&header).map_err(io)?;
            for (k, record) in reader.records().enumerate() {
                let mut record = record.map_err(io)?;
                if scored {
                    record.push_field(&ranks[k].to_string());
                }
                writer.write_record(&record).map_err(io)?;
            }
            writer.flush()
        }
        Table::Jsonl => {
            for (k, record) in reader.records().enumerate() {
                let record = record.map_err(io)?;
                let number = |i: usize| record.get(i).and_then(|v| v.parse::<f64>().ok());
                let mut line = serde_json::json!({
                    "name": record.get(0),
                    "result": (1..=g).map(number).collect::<Vec<_>>(),
                    "verdict": record.get(g + 1),
                });
                if scored {
                    line["score"] = serde_json::json!(number(g + 2));
                    line["rank"] = serde_json::json!(ranks[k]);
                }
                writeln!(out, "{line}")?;
            }
            Ok(())
        }
    }
}

/// Where an object is in its file, for messages.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Place {
    /// A line of a text file (CSV, JSON Lines), counted from 1 with the header.
    Line(u64),
    /// A row of a table (Parquet), counted from 1 without the header.
    #[cfg_attr(not(feature = "parquet"), allow(dead_code))]
    Row(u64),
}

impl std::fmt::Display for Place {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Place::Line(n) => write!(f, "line {n}"),
            Place::Row(n) => write!(f, "row {n}"),
        }
    }
}

/// What a CSV column holds.
#[derive(Clone, Copy)]
pub(crate) enum Cell {
    /// One grade's degree or vote count of a leaf: (leaf, grade).
    Grade(usize, usize),
    /// A leaf's measured value, for its indicator.
    Value(usize),
}

/// Where each CSV column goes: (column, cell). A column named `LEAF.GRADE` holds a degree or a
/// vote count; one named `LEAF`, for a leaf with an indicator, its measured value.
pub(crate) fn columns(
    header: &csv::StringRecord,
    evaluator: &Evaluator,
    indicators: &[Option<IndicatorMembership>],
) -> Result<Vec<(usize, Cell)>, String> {
    if header.get(0).map(str::trim) != Some("name") {
        return Err(format!(
            "line 1: the first column must be `name`, not `{}`",
            header.get(0).unwrap_or_default()
        ));
    }
    let grades = evaluator.grades();
    let leaves = evaluator.synthesis().leaves();
    let hierarchy = evaluator.hierarchy();
    let mut cells = Vec::new();
    let mut seen = HashSet::new();
    let mut valued = HashSet::new();
    for (column, title) in header.iter().enumerate().skip(1) {
        let title = title.trim();
        let measured = evaluator
            .leaf_index(title)
            .ok()
            .filter(|&leaf| indicators.get(leaf).is_some_and(Option::is_some));
        if let Some(leaf) = measured {
            if !valued.insert(leaf) {
                return Err(format!(
                    "line 1: column `{title}` gives the value of leaf `{}` a second time",
                    hierarchy.path(leaves[leaf])
                ));
            }
            cells.push((column, Cell::Value(leaf)));
            continue;
        }
        // Leaf and grade names may hold dots themselves: try every split, the last first.
        let found = title.rmatch_indices('.').find_map(|(at, _)| {
            let grade = grades.index_of(&title[at + 1..])?;
            let leaf = evaluator.leaf_index(&title[..at]).ok()?;
            Some((leaf, grade))
        });
        let Some((leaf, grade)) = found else {
            return Err(unknown_column(title, evaluator));
        };
        if !seen.insert((leaf, grade)) {
            return Err(format!(
                "line 1: column `{title}` gives leaf `{}`, grade `{}` a second time",
                hierarchy.path(leaves[leaf]),
                grades.names()[grade]
            ));
        }
        cells.push((column, Cell::Grade(leaf, grade)));
    }
    for (leaf, id) in leaves.iter().enumerate() {
        let graded = (0..grades.len())
            .filter(|g| seen.contains(&(leaf, *g)))
            .count();
        if valued.contains(&leaf) {
            if graded > 0 {
                return Err(format!(
                    "line 1: leaf `{}` has a value column and grade columns: give one or the other",
                    hierarchy.path(*id)
                ));
            }
            continue;
        }
        for (grade, name) in grades.names().iter().enumerate() {
            if !seen.contains(&(leaf, grade)) {
                return Err(format!(
                    "line 1: no column for leaf `{}`, grade `{name}`: add one named `{}.{name}`{}",
                    hierarchy.path(*id),
                    leaf_name(hierarchy, *id),
                    if indicators.get(leaf).is_some_and(Option::is_some) {
                        format!(", or a value column named `{}`", leaf_name(hierarchy, *id))
                    } else {
                        String::new()
                    }
                ));
            }
        }
    }
    Ok(cells)
}

/// What is wrong with a column title, with the closest leaf and grade names.
fn unknown_column(title: &str, evaluator: &Evaluator) -> String {
    let (leaf, grade) = title.rsplit_once('.').unwrap_or((title, ""));
    let hierarchy = evaluator.hierarchy();
    let leaf_names = evaluator
        .synthesis()
        .leaves()
        .iter()
        .map(|&id| leaf_name(hierarchy, id));
    let mut hints = Vec::new();
    if evaluator.leaf_index(leaf).is_err() {
        if let Some(close) = closest(leaf, leaf_names) {
            hints.push(format!("did you mean the leaf `{close}`?"));
        }
    }
    if evaluator.grades().index_of(grade).is_none() {
        if let Some(close) = closest(grade, evaluator.grades().names().iter().cloned()) {
            hints.push(format!("did you mean the grade `{close}`?"));
        }
    }
    format!(
        "line 1: column `{title}` does not name a leaf and a grade as `LEAF.GRADE`{}",
        if hints.is_empty() {
            String::new()
        } else {
            format!(" ({})", hints.join(" "))
        }
    )
}

/// The candidate closest to `text` by Jaro–Winkler similarity, if any is close at all.
pub(crate) fn closest(text: &str, candidates: impl Iterator<Item = String>) -> Option<String> {
    // The similarity costs the product of the lengths: long names get no suggestion.
    const LONGEST: usize = 200;
    if text.len() > LONGEST {
        return None;
    }
    candidates
        .filter(|c| c.len() <= LONGEST)
        .map(|c| (strsim::jaro_winkler(text, &c), c))
        .filter(|(similarity, _)| *similarity > 0.7)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

fn read_csv(
    reader: impl Read,
    evaluator: &Evaluator,
    indicators: &[Option<IndicatorMembership>],
    results: &mut Results,
) -> Result<(), String> {
    let mut csv = csv::ReaderBuilder::new()
        .has_headers(true)
        .trim(csv::Trim::All)
        .from_reader(BufReader::new(reader));
    let header = csv.headers().map_err(|e| e.to_string())?.clone();
    let cells = columns(&header, evaluator, indicators)?;
    let g = evaluator.grades().len();
    let leaves = evaluator.synthesis().leaves();
    let mut rows = vec![0.0; leaves.len() * g];
    let mut record = csv::StringRecord::new();
    loop {
        match csv.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => return Err(e.to_string()),
        }
        let line = record.position().map_or(0, |p| p.line());
        let place = Place::Line(line);
        let fields = (&header, place);
        object_rows(&cells, evaluator, indicators, fields, &mut rows, |column| {
            let text = record.get(column).unwrap_or_default();
            text.parse::<f64>()
                .map_err(|_| format!("`{text}` is not a number"))
        })?;
        let name = record.get(0).unwrap_or_default().to_owned();
        results.push(name, place, &rows)?;
    }
    Ok(())
}

/// Turns one leaf's values into membership degrees: values that sum to 1 are degrees, whole
/// numbers that sum to more are vote counts.
/// One object's leaf rows (`rows`, leaf after leaf) from its cells, `value` reading the
/// number in a column; degrees, vote counts and measured values as the CSV help says.
/// Errors name the object's place, and the column (by its title in `header`) or the leaf.
pub(crate) fn object_rows(
    cells: &[(usize, Cell)],
    evaluator: &Evaluator,
    indicators: &[Option<IndicatorMembership>],
    (header, place): (&csv::StringRecord, Place),
    rows: &mut [f64],
    mut value: impl FnMut(usize) -> Result<f64, String>,
) -> Result<(), String> {
    let g = evaluator.grades().len();
    let mut measured = Vec::new();
    let in_column =
        |column: usize, why: String| format!("{place}, column `{}`: {why}", &header[column]);
    for &(column, cell) in cells {
        let value = value(column).map_err(|why| in_column(column, why))?;
        match cell {
            Cell::Grade(leaf, grade) => rows[leaf * g + grade] = value,
            Cell::Value(leaf) => {
                measured.push(leaf);
                if let Some(Some(f)) = indicators.get(leaf) {
                    f.degrees_into(value, &mut rows[leaf * g..(leaf + 1) * g])
                        .map_err(|e| in_column(column, e.to_string()))?;
                }
            }
        }
    }
    for (leaf, id) in evaluator.synthesis().leaves().iter().enumerate() {
        if measured.contains(&leaf) {
            continue;
        }
        as_degrees(&mut rows[leaf * g..(leaf + 1) * g])
            .map_err(|why| format!("{place}, leaf `{}`: {why}", evaluator.hierarchy().path(*id)))?;
    }
    Ok(())
}

fn as_degrees(values: &mut [f64]) -> Result<(), String> {
    let sum: f64 = values.iter().sum();
    if let Some(bad) = values.iter().find(|v| !(v.is_finite() && **v >= 0.0)) {
        return Err(format!("{bad} is not a degree or a vote count"));
    }
    if (sum - 1.0).abs() <= ahp_fce::tolerance::MEMBERSHIP_ROW_SUM {
        return Ok(());
    }
    let whole = values.iter().all(|v| v.fract() == 0.0);
    if whole && sum > 0.0 {
        values.iter_mut().for_each(|v| *v /= sum);
        return Ok(());
    }
    Err(if (sum - 100.0).abs() <= 0.5 * values.len() as f64 {
        format!("the values sum to {sum}: these look like percentages, divide them by 100")
    } else if sum > 0.0 && sum < 1.0 {
        format!("the degrees sum to {sum}, not 1: give vote counts, or degrees that add up to 1")
    } else {
        format!("the values sum to {sum}: give degrees that sum to 1, or whole vote counts")
    })
}

fn read_jsonl(
    reader: impl Read,
    model: &ahp_fce::model::Model,
    results: &mut Results,
) -> Result<(), String> {
    let mut line = String::new();
    let mut reader = BufReader::new(reader);
    let mut number = 0u64;
    loop {
        line.clear();
        let read = reader.read_line(&mut line).map_err(|e| e.to_string())?;
        if read == 0 {
            break;
        }
        number += 1;
        let text = line.trim();
        if text.is_empty() {
            continue;
        }
        let object: ObjectSpec =
            serde_json::from_str(text).map_err(|e| format!("line {number}: {e}"))?;
        let rows = object
            .memberships_in(model)
            .map_err(|e| format!("line {number}, object `{}`: {e}", object.name))?;
        let flat: Vec<f64> = rows.view().iter().copied().collect();
        results.push(object.name.clone(), Place::Line(number), &flat)?;
    }
    Ok(())
}

/// A leaf's own name: the last of its path.
fn leaf_name(hierarchy: &ahp_fce::Hierarchy, id: ahp_fce::NodeId) -> String {
    let path = hierarchy.path(id);
    match path.rsplit_once(ahp_fce::hierarchy::PATH_SEPARATOR) {
        Some((_, name)) => name.to_owned(),
        None => path,
    }
}
