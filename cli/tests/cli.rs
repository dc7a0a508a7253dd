//! The real `ahp-fce` binary, run as a user runs it: exit statuses, output files, bad files,
//! and the large-file path with a generated input.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use ahp_fce::model::Model;
use ndarray::Array3;

fn binary() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_ahp-fce"));
    command.current_dir(root());
    command
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn run(args: &[&str]) -> Output {
    binary().args(args).output().expect("the binary runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn every_help_exits_zero_with_examples() {
    let main = run(&["--help"]);
    assert_eq!(main.status.code(), Some(0));
    assert!(stdout(&main).contains("Exit status"));
    for command in ["evaluate", "check", "score", "ri", "survey"] {
        let help = run(&[command, "--help"]);
        assert_eq!(help.status.code(), Some(0), "{command}");
        assert!(
            stdout(&help).contains("Examples:"),
            "{command}: {}",
            stdout(&help)
        );
    }
}

#[test]
fn usage_errors_exit_two_and_suggest() {
    let typo = run(&["evalute", "examples/models/paper.toml"]);
    assert_eq!(typo.status.code(), Some(2));
    assert!(stderr(&typo).contains("evaluate"), "{}", stderr(&typo));
    assert_eq!(run(&["evaluate"]).status.code(), Some(2));
    assert_eq!(
        run(&["evaluate", "examples/models/paper.toml", "--format", "pdf"])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn evaluate_prints_every_format() {
    let text = run(&["evaluate", "examples/models/paper.toml"]);
    assert_eq!(text.status.code(), Some(0), "{}", stderr(&text));
    assert!(stdout(&text).contains("Hierarchy CR"));
    assert!(stdout(&text).contains("ahead of"));

    let json = run(&["evaluate", "examples/models/paper.json", "--format", "json"]);
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(value["schema_version"], 2);
    assert_eq!(
        value["objects"][0]["contributions"]
            .as_array()
            .unwrap()
            .len(),
        3
    );

    let markdown = stdout(&run(&[
        "evaluate",
        "examples/models/paper.toml",
        "--format",
        "markdown",
    ]));
    assert!(markdown.contains("| node | local | global |"), "{markdown}");
    assert!(markdown.contains("## Ranking (highest score first)"));

    let html = stdout(&run(&[
        "evaluate",
        "examples/models/paper.toml",
        "--format",
        "html",
    ]));
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("id=\"weights-chart\"") && html.contains("id=\"objects-chart\""));
    // Self-contained: no script, and no address but the SVG namespace's.
    assert!(!html.contains("<script"));
    assert!(!html
        .replace("http://www.w3.org/2000/svg", "")
        .contains("http"));
}

#[test]
fn evaluate_writes_an_output_file_whole() {
    let folder = tempfile::tempdir().unwrap();
    let target = folder.path().join("report.json");
    let done = binary()
        .args([
            "evaluate",
            "examples/models/paper.toml",
            "--format",
            "json",
            "--output",
        ])
        .arg(&target)
        .output()
        .unwrap();
    assert_eq!(done.status.code(), Some(0), "{}", stderr(&done));
    assert!(done.stdout.is_empty());
    let written: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&target).unwrap()).unwrap();
    assert_eq!(written["ranking"][0]["name"], "Model A");
    // Nothing else is left in the folder (the temporary file was renamed into place).
    assert_eq!(std::fs::read_dir(folder.path()).unwrap().count(), 1);
}

#[test]
fn a_bad_model_exits_one_with_one_message() {
    let folder = tempfile::tempdir().unwrap();
    let bad = folder.path().join("bad.json");
    std::fs::write(
        &bad,
        r#"{"hierarchy": {"name": "G", "weights": [0.5, 0.4], "children": [{"name": "a"}, {"name": "b"}]}}"#,
    )
    .unwrap();
    let out = binary().arg("evaluate").arg(&bad).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let message = stderr(&out);
    assert_eq!(message.lines().count(), 1, "{message}");
    assert!(
        message.starts_with("error: in `") && message.contains("sum to 0.9"),
        "{message}"
    );
    let missing = run(&["evaluate", "no-such-model.toml"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(stderr(&missing).contains("cannot read"));
}

#[test]
fn check_exits_three_on_inconsistent_judgments() {
    assert_eq!(
        run(&["check", "examples/models/drinks.toml"]).status.code(),
        Some(0)
    );
    let folder = tempfile::tempdir().unwrap();
    let model = folder.path().join("cycle.toml");
    // a ≻ b ≻ c ≻ a, each 9 times: as inconsistent as three items get.
    std::fs::write(
        &model,
        "[hierarchy]\nname = \"G\"\ncomparisons = { upper = [9, \"1/9\", 9] }\n\
         children = [{ name = \"a\" }, { name = \"b\" }, { name = \"c\" }]\n",
    )
    .unwrap();
    let out = binary().arg("check").arg(&model).output().unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", stdout(&out));
    assert!(stdout(&out).contains("INCONSISTENT"));
}

/// A CSV of `objects` objects of the source paper's model: ten experts' votes per leaf.
fn generated_csv(path: &Path, objects: usize) -> Array3<f64> {
    let leaves: Vec<String> = (1..=3)
        .flat_map(|i| (1..=4).map(move |j| format!("U{i}{j}")))
        .collect();
    let grades = ["very strong", "strong", "general", "poor"];
    let mut text = String::from("name");
    for leaf in &leaves {
        for grade in grades {
            text.push_str(&format!(",{leaf}.{grade}"));
        }
    }
    text.push('\n');
    let mut degrees = Vec::with_capacity(objects * 48);
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    for k in 0..objects {
        text.push_str(&format!("store {k}"));
        for _ in 0..12 {
            let mut votes = [0u32; 4];
            for _ in 0..10 {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                votes[(state % 4) as usize] += 1;
            }
            for v in votes {
                text.push_str(&format!(",{v}"));
                degrees.push(f64::from(v) / 10.0);
            }
        }
        text.push('\n');
    }
    std::fs::write(path, text).unwrap();
    Array3::from_shape_vec((objects, 12, 4), degrees).unwrap()
}

#[test]
fn score_streams_a_large_file_and_agrees_with_the_library() {
    let folder = tempfile::tempdir().unwrap();
    let data = folder.path().join("stores.csv");
    // Several chunks of 4,096 and a partial one.
    let objects = 10_000;
    let degrees = generated_csv(&data, objects);
    let out = folder.path().join("scores.csv");
    let done = binary()
        .args(["score", "examples/models/paper.toml", "--data"])
        .arg(&data)
        .arg("--output")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(done.status.code(), Some(0), "{}", stderr(&done));

    let model = Model::load(&root().join("examples/models/paper.toml")).unwrap();
    let evaluator = model.evaluator().unwrap();
    let expected = evaluator.batch_scorer().score(degrees.view()).unwrap();
    let scores = expected.scores().unwrap().to_vec();
    let ranks = evaluator.rank_scores(&scores);

    let mut reader = csv::Reader::from_path(&out).unwrap();
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(header[0], "name");
    assert_eq!(header[1], "E.very strong");
    assert_eq!(&header[5..], ["verdict", "score", "rank"]);
    let mut rows = 0;
    for (k, record) in reader.records().enumerate() {
        let record = record.unwrap();
        assert_eq!(&record[0], format!("store {k}"));
        // Bit for bit: the tool runs the library's batch scorer, and floats print exactly.
        for h in 0..4 {
            assert_eq!(
                record[1 + h].parse::<f64>().unwrap(),
                expected.results()[[k, h]]
            );
        }
        assert_eq!(record[6].parse::<f64>().unwrap(), scores[k]);
        assert_eq!(record[7].parse::<usize>().unwrap(), ranks[k]);
        rows += 1;
    }
    assert_eq!(rows, objects);

    let jsonl = binary()
        .args([
            "score",
            "examples/models/paper.toml",
            "--format",
            "jsonl",
            "--data",
        ])
        .arg(&data)
        .output()
        .unwrap();
    let first: serde_json::Value =
        serde_json::from_str(stdout(&jsonl).lines().next().unwrap()).unwrap();
    assert_eq!(first["name"], "store 0");
    assert_eq!(first["rank"], ranks[0]);
}

#[test]
fn a_bad_row_stops_with_its_line_and_leaves_nothing_behind() {
    let folder = tempfile::tempdir().unwrap();
    let data = folder.path().join("stores.csv");
    generated_csv(&data, 5_000);
    let mut text = std::fs::read_to_string(&data).unwrap();
    // Line 4,003 (the header is line 1): a value that is no number.
    let line = text.lines().nth(4_002).unwrap().to_owned();
    text = text.replacen(
        &line,
        &line.replacen(",", ",x", 2).replacen(",x", ",", 1),
        1,
    );
    std::fs::write(&data, text).unwrap();
    let out = folder.path().join("scores.csv");
    let failed = binary()
        .args(["score", "examples/models/paper.toml", "--data"])
        .arg(&data)
        .arg("--output")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(failed.status.code(), Some(1));
    let message = stderr(&failed);
    assert!(
        message.contains("line 4003, column `U11.strong`"),
        "{message}"
    );
    assert!(!out.exists());
    assert_eq!(std::fs::read_dir(folder.path()).unwrap().count(), 1);
}

#[test]
fn score_names_columns_and_objects_with_suggestions() {
    let folder = tempfile::tempdir().unwrap();
    let data = folder.path().join("objects.jsonl");
    std::fs::write(
        &data,
        "{\"name\": \"shop\", \"leaves\": {\"U11\": {\"votes\": [1, 2, 3, 4]}, \"U21x\": {\"votes\": [4, 3, 2, 1]}}}\n",
    )
    .unwrap();
    let out = binary()
        .args(["score", "examples/models/paper.toml", "--data"])
        .arg(&data)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let message = stderr(&out);
    assert!(
        message.contains("object `shop`") && message.contains("did you mean `U21`?"),
        "{message}"
    );
}

#[test]
fn ri_and_survey_print_their_tables() {
    let ri = run(&["ri", "--from", "3", "--to", "4", "--samples", "2000"]);
    assert_eq!(ri.status.code(), Some(0), "{}", stderr(&ri));
    assert!(stdout(&ri).contains("S1980"));
    assert_eq!(
        run(&["ri", "--from", "5", "--to", "4"]).status.code(),
        Some(1)
    );

    let survey = run(&["survey", "examples/data/micro_store/responses.csv"]);
    assert_eq!(survey.status.code(), Some(0), "{}", stderr(&survey));
    let table = stdout(&survey);
    // Table 1 of the micro-store study (Li, Zhang & Han, section 4.5): means 3.72, 2.00,
    // 2.02, 2.26; credit risk the only key factor above 3.2.
    for mean in ["3.72", "2.00", "2.02", "2.26"] {
        assert!(table.contains(mean), "{table}");
    }
    let key = table.split("Key factors").nth(1).unwrap();
    assert_eq!(
        key.lines().filter(|l| l.starts_with("  ")).count(),
        1,
        "{table}"
    );
}

/// Measured values through the model's indicators, in CSV (a column named after the leaf) and
/// JSON Lines (`value`): the same scores as the model file's own objects.
#[test]
fn score_takes_measured_values() {
    let folder = tempfile::tempdir().unwrap();
    let csv = folder.path().join("objects.csv");
    std::fs::write(
        &csv,
        "name,default rate,on-time share\nAcme,0.02,0.9\nBolt,0.05,0.97\nCrux,0.008,0.8\n",
    )
    .unwrap();
    let jsonl = folder.path().join("objects.jsonl");
    std::fs::write(
        &jsonl,
        "{\"name\": \"Acme\", \"leaves\": {\"default rate\": {\"value\": 0.02}, \"on-time share\": {\"value\": 0.9}}}\n",
    )
    .unwrap();
    let model = Model::load(&root().join("examples/models/indicators.toml")).unwrap();
    let report = model.evaluate().unwrap();
    for data in [&csv, &jsonl] {
        let out = binary()
            .args(["score", "examples/models/indicators.toml", "--data"])
            .arg(data)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let text = stdout(&out);
        for (line, object) in text.lines().skip(1).zip(&report.objects) {
            let score: f64 = line.split(',').nth(5).unwrap().parse().unwrap();
            // The batch scorer's one contraction agrees with the level-by-level evaluation to
            // rounding.
            assert!((score - object.score.unwrap()).abs() <= 1e-12, "{line}");
        }
    }
    // A value column beside grade columns for the same leaf is an error that says so.
    std::fs::write(
        &csv,
        "name,default rate,default rate.medium,on-time share\nA,0.02,1,0.9\n",
    )
    .unwrap();
    let out = binary()
        .args(["score", "examples/models/indicators.toml", "--data"])
        .arg(&csv)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("a value column and grade columns"),
        "{}",
        stderr(&out)
    );
}

/// `score --data *.parquet` reads the CSV's columns from Parquet and gives the same output.
#[cfg(feature = "parquet")]
mod parquet_input {
    use super::*;
    use std::sync::Arc;

    use arrow_array::{ArrayRef, Float64Array, Int32Array, RecordBatch, StringArray};
    use arrow_schema::{DataType, Field, Schema};
    use parquet::arrow::ArrowWriter;
    use parquet::file::properties::WriterProperties;

    /// The CSV at `csv` as a Parquet file: names as strings, votes as Int32 (or, with
    /// `degrees`, as Float64 degrees); `null_at` blanks one cell of column 2, `text` makes
    /// column 3 strings.
    fn parquet_of(csv: &Path, path: &Path, degrees: bool, null_at: Option<usize>, text: bool) {
        let mut reader = csv::Reader::from_path(csv).unwrap();
        let header: Vec<String> = reader
            .headers()
            .unwrap()
            .iter()
            .map(str::to_owned)
            .collect();
        let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        let mut fields = vec![Field::new("name", DataType::Utf8, false)];
        let mut columns: Vec<ArrayRef> = vec![Arc::new(StringArray::from_iter_values(
            records.iter().map(|r| r[0].to_owned()),
        ))];
        for (c, title) in header.iter().enumerate().skip(1) {
            let cell = |k: usize, r: &csv::StringRecord| {
                (null_at != Some(k) || c != 2).then(|| r[c].parse::<i32>().unwrap())
            };
            if text && c == 3 {
                fields.push(Field::new(title, DataType::Utf8, false));
                columns.push(Arc::new(StringArray::from_iter_values(
                    records.iter().map(|r| r[c].to_owned()),
                )));
            } else if degrees {
                fields.push(Field::new(title, DataType::Float64, true));
                columns.push(Arc::new(Float64Array::from_iter(
                    records
                        .iter()
                        .enumerate()
                        .map(|(k, r)| cell(k, r).map(|v| f64::from(v) / 10.0)),
                )));
            } else {
                fields.push(Field::new(title, DataType::Int32, true));
                columns.push(Arc::new(Int32Array::from_iter(
                    records.iter().enumerate().map(|(k, r)| cell(k, r)),
                )));
            }
        }
        let schema = Arc::new(Schema::new(fields));
        // Small row groups: the reader crosses several, and batches of its own size.
        let properties = WriterProperties::builder()
            .set_max_row_group_row_count(Some(3_000))
            .set_compression(parquet::basic::Compression::SNAPPY)
            .build();
        let file = std::fs::File::create(path).unwrap();
        let mut writer = ArrowWriter::try_new(file, schema.clone(), Some(properties)).unwrap();
        writer
            .write(&RecordBatch::try_new(schema, columns).unwrap())
            .unwrap();
        writer.close().unwrap();
    }

    fn score(data: &Path) -> Output {
        binary()
            .args(["score", "examples/models/paper.toml", "--data"])
            .arg(data)
            .output()
            .unwrap()
    }

    #[test]
    fn parquet_scores_as_the_same_csv_does() {
        let folder = tempfile::tempdir().unwrap();
        let csv = folder.path().join("stores.csv");
        generated_csv(&csv, 10_000);
        let from_csv = score(&csv);
        assert_eq!(from_csv.status.code(), Some(0), "{}", stderr(&from_csv));
        for degrees in [false, true] {
            let parquet = folder.path().join(format!("stores-{degrees}.parquet"));
            parquet_of(&csv, &parquet, degrees, None, false);
            let from_parquet = score(&parquet);
            assert_eq!(
                from_parquet.status.code(),
                Some(0),
                "{}",
                stderr(&from_parquet)
            );
            if degrees {
                // Degrees v/10 are the CSV's votes divided by their sum (10), to the last bit
                // but for the rounding of v/10 itself: compare the verdicts and ranks exactly.
                let verdicts = |o: &Output| {
                    stdout(o)
                        .lines()
                        .map(|l| {
                            let cells: Vec<&str> = l.split(',').collect();
                            format!("{} {}", cells[0], cells[cells.len() - 3])
                        })
                        .collect::<Vec<_>>()
                };
                assert_eq!(verdicts(&from_parquet), verdicts(&from_csv));
            } else {
                assert_eq!(stdout(&from_parquet), stdout(&from_csv));
            }
        }
    }

    #[test]
    fn a_bad_parquet_table_stops_with_its_row_and_column() {
        let folder = tempfile::tempdir().unwrap();
        let csv = folder.path().join("stores.csv");
        generated_csv(&csv, 5_000);
        let nulls = folder.path().join("nulls.parquet");
        parquet_of(&csv, &nulls, false, Some(4_001), false);
        let failed = score(&nulls);
        assert_eq!(failed.status.code(), Some(1));
        let message = stderr(&failed);
        assert!(
            message.contains("row 4002, column `U11.strong`: null where a number is needed"),
            "{message}"
        );

        let not_parquet = folder.path().join("stores.parquet");
        std::fs::copy(&csv, &not_parquet).unwrap();
        let message = stderr(&score(&not_parquet));
        assert!(message.contains("not a Parquet file"), "{message}");

        let texts = folder.path().join("text.parquet");
        parquet_of(&csv, &texts, false, None, true);
        let message = stderr(&score(&texts));
        assert!(
            message.contains("column `U11.general` holds Utf8: give numbers"),
            "{message}"
        );

        // A missing column, named as in CSV but without a line.
        let schema = Arc::new(Schema::new(vec![
            Field::new("name", DataType::Utf8, false),
            Field::new("U11.poor", DataType::Utf8, false),
        ]));
        let texts = folder.path().join("missing.parquet");
        let file = std::fs::File::create(&texts).unwrap();
        let mut writer = ArrowWriter::try_new(file, schema.clone(), None).unwrap();
        let column: ArrayRef = Arc::new(StringArray::from(vec!["a"]));
        let batch = RecordBatch::try_new(schema, vec![column.clone(), column]).unwrap();
        writer.write(&batch).unwrap();
        writer.close().unwrap();
        let message = stderr(&score(&texts));
        assert!(message.contains("no column for leaf"), "{message}");
        assert!(!message.contains("line 1"), "{message}");
    }
}
