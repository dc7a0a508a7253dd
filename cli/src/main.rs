//! `ahp-fce`: AHP weights and consistency, fuzzy comprehensive evaluation, batch scoring of
//! files, and reports, from the command line. A thin shell over the `ahp-fce` library: every
//! number it prints is computed there.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use ahp_fce::model::Model;
use ahp_fce::survey::{ResponseTable, Scale};
use ahp_fce::{simulate_random_index, RandomIndex, WeightingMethod};
use clap::{Parser, Subcommand, ValueEnum};

mod html;
mod output;
#[cfg(feature = "parquet")]
mod parquet_input;
mod score;

const EXIT_STATUSES: &str = "\
Exit status: 0 success; 1 an error in the input (one message on standard error); 2 a usage \
error; 3 (check) inconsistent judgments.";

#[derive(Parser)]
#[command(
    name = "ahp-fce",
    version,
    about = "AHP weights and consistency, fuzzy comprehensive evaluation, and reports",
    long_about = "AHP weights and consistency, fuzzy comprehensive evaluation, batch scoring \
                  of files, and reports. A model file (JSON or TOML, described in \
                  docs/model-format.md) holds the options, the grades, the hierarchy with its \
                  judgments, and the objects to evaluate.",
    after_help = EXIT_STATUSES
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Weights, consistency, every object's evaluation and the ranking of a model file.
    #[command(after_help = "Examples:\n  \
        ahp-fce evaluate examples/models/paper.toml\n  \
        ahp-fce evaluate my-model.json --format json --output report.json\n  \
        ahp-fce evaluate my-model.toml --format html --output report.html\n\n\
        Exit status: 0 success; 1 an error in the model file; 2 a usage error.")]
    Evaluate {
        /// The model file, *.json or *.toml.
        model: PathBuf,
        /// The report's format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Write the report here instead of to standard output (nothing half-written is left
        /// behind on failure).
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// Consistency only: every matrix's CR and the hierarchy's; exit status 3 when any fails.
    #[command(after_help = "Examples:\n  \
        ahp-fce check examples/models/drinks.toml\n  \
        ahp-fce check my-model.json && echo consistent\n\n\
        Exit status: 0 every matrix and the hierarchy consistent; 1 an error in the model \
        file; 2 a usage error; 3 inconsistent judgments.")]
    Check {
        /// The model file, *.json or *.toml.
        model: PathBuf,
    },
    /// Scores a file of objects (CSV or JSON Lines) against a model, in chunks.
    #[command(after_help = score::HELP)]
    Score {
        /// The model file, *.json or *.toml; its objects, if any, are ignored.
        model: PathBuf,
        /// The objects: *.csv (a name column, then one column per leaf and grade, named
        /// `LEAF.GRADE`) or *.jsonl (one object per line, as in a model file).
        #[arg(long)]
        data: PathBuf,
        /// Write the results here (*.csv or *.jsonl) instead of to standard output.
        #[arg(long, short)]
        output: Option<PathBuf>,
        /// The results' format on standard output (a file's name decides otherwise).
        #[arg(long, value_enum, default_value_t = Table::Csv)]
        format: Table,
    },
    /// A random-index table by simulation, beside the published ones.
    #[command(after_help = "Examples:\n  \
        ahp-fce ri\n  \
        ahp-fce ri --from 3 --to 20 --samples 500000 --seed 7\n\n\
        Each order draws SAMPLES random reciprocal matrices on Saaty's 1-9 scale; a seed \
        gives the same table on every machine.")]
    Ri {
        /// The smallest order.
        #[arg(long, default_value_t = 3)]
        from: usize,
        /// The largest order.
        #[arg(long, default_value_t = 15)]
        to: usize,
        /// Random matrices per order.
        #[arg(long, default_value_t = 100_000)]
        samples: usize,
        /// The seed of the random stream.
        #[arg(long, default_value_t = 2026)]
        seed: u64,
    },
    /// Item statistics and key factors of questionnaire responses (CSV, one column per item).
    #[command(after_help = "Examples:\n  \
        ahp-fce survey examples/data/micro_store/responses.csv\n  \
        ahp-fce survey answers.csv --likert 5 --threshold 4\n\n\
        Without --likert the answers are ranks of all items (1 = most important), scoring \
        m + 1 - rank as in the micro-store study.")]
    Survey {
        /// The responses: a header of item names, then one line per respondent; an empty
        /// cell is a missing answer.
        responses: PathBuf,
        /// Answers on a Likert scale of this many levels (1..=N) instead of ranks.
        #[arg(long)]
        likert: Option<u32>,
        /// A key factor's mean must exceed this (the study's 3.2 of 4 points).
        #[arg(long, default_value_t = 3.2)]
        threshold: f64,
    },
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Text,
    Json,
    Markdown,
    Html,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Table {
    Csv,
    Jsonl,
}

/// How a command failed, and so with which exit status.
pub(crate) enum Failure {
    /// An error in the input: status 1.
    Input(String),
    /// Judgments that fail their threshold: status 3.
    Inconsistent,
}

impl Failure {
    /// A library error met while reading `file`.
    pub(crate) fn in_file(file: &Path, error: &ahp_fce::Error) -> Self {
        use ahp_fce::error::ErrorKind;
        match error.kind() {
            // These already name the file.
            ErrorKind::Io { .. } | ErrorKind::UnknownFormat { .. } => {
                Self::Input(error.to_string())
            }
            _ => Self::Input(format!("in `{}`: {error}", file.display())),
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = match cli.command {
        Command::Evaluate {
            model,
            format,
            output,
        } => evaluate(&model, format, output.as_deref()),
        Command::Check { model } => check(&model),
        Command::Score {
            model,
            data,
            output,
            format,
        } => score::run(&model, &data, output.as_deref(), format),
        Command::Ri {
            from,
            to,
            samples,
            seed,
        } => ri(from, to, samples, seed),
        Command::Survey {
            responses,
            likert,
            threshold,
        } => survey(&responses, likert, threshold),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Input(message)) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
        Err(Failure::Inconsistent) => ExitCode::from(3),
    }
}

fn load(path: &Path) -> Result<Model, Failure> {
    Model::load(path).map_err(|e| Failure::in_file(path, &e))
}

fn evaluate(path: &Path, format: Format, destination: Option<&Path>) -> Result<(), Failure> {
    let report = load(path)?
        .evaluate()
        .map_err(|e| Failure::in_file(path, &e))?;
    let text = match format {
        Format::Text => report.to_text(),
        Format::Json => report.to_json() + "\n",
        Format::Markdown => report.to_markdown(),
        Format::Html => html::page(&report),
    };
    output::write(destination, text.as_bytes())
}

fn check(path: &Path) -> Result<(), Failure> {
    let model = load(path)?;
    let report = model.evaluate().map_err(|e| Failure::in_file(path, &e))?;
    let mut text = String::new();
    let width = report
        .nodes
        .iter()
        .filter(|n| n.consistency.is_some())
        .map(|n| n.path.chars().count())
        .max()
        .unwrap_or(4)
        .max(4);
    text.push_str(&format!(
        "{}  {:>5}  {:>8}  {:>7}  {:>5}  {:>7}\n",
        output::padded("node", width),
        "order",
        "λmax",
        "CI",
        "RI",
        "CR"
    ));
    let mut consistent = true;
    for node in &report.nodes {
        let Some(c) = &node.consistency else { continue };
        consistent &= c.acceptable;
        text.push_str(&format!(
            "{}  {:>5}  {:>8.4}  {:>7.4}  {:>5.2}  {:>7.4}{}\n",
            output::padded(&node.path, width),
            c.order,
            c.lambda_max,
            c.ci,
            c.ri,
            c.cr,
            if c.acceptable {
                ""
            } else {
                "  ← INCONSISTENT"
            }
        ));
    }
    let h = &report.hierarchy_consistency;
    consistent &= h.acceptable;
    text.push_str(&format!(
        "\nHierarchy CR = {:.4} (threshold {}): {}\n",
        h.cr,
        h.threshold,
        if consistent {
            "consistent"
        } else {
            "INCONSISTENT judgments"
        }
    ));
    output::write(None, text.as_bytes())?;
    if consistent {
        Ok(())
    } else {
        Err(Failure::Inconsistent)
    }
}

fn ri(from: usize, to: usize, samples: usize, seed: u64) -> Result<(), Failure> {
    if from > to {
        return Err(Failure::Input(format!(
            "--from {from} is past --to {to}: give the smaller order first"
        )));
    }
    let tables = [
        RandomIndex::GuptaPaper,
        RandomIndex::Saaty1980,
        RandomIndex::Saaty2005,
        RandomIndex::DoneganDodd1991,
        RandomIndex::AlonsoLamata2006,
        RandomIndex::AguaronMorenoJimenez2003,
    ];
    let mut text = format!(
        "Random index by simulation: {samples} matrices per order, seed {seed}\n\n\
         {:>3}  {:>17}  {:>6}  {:>6}  {:>6}  {:>7}  {:>7}  {:>8}  {:>9}\n",
        "t",
        "eigen (± s.e.)",
        "Gupta",
        "S1980",
        "S2005",
        "D&D1991",
        "A&L2006",
        "A&MJ2003",
        "geo. mean"
    );
    let failed = |e: ahp_fce::Error| Failure::Input(e.to_string());
    for order in from..=to {
        let eigen = simulate_random_index(order, samples, seed, WeightingMethod::Eigenvector)
            .map_err(failed)?;
        let geometric = simulate_random_index(order, samples, seed, WeightingMethod::GeometricMean)
            .map_err(failed)?;
        let published: Vec<String> = tables
            .iter()
            .map(|t| {
                t.value(order)
                    .map_or_else(|_| "–".to_owned(), |ri| format!("{ri:.4}"))
            })
            .collect();
        text.push_str(&format!(
            "{order:>3}  {:>8.4} ± {:<6.4}  {:>6}  {:>6}  {:>6}  {:>7}  {:>7}  {:>8}  {:>9.4}\n",
            eigen.ri,
            eigen.standard_error,
            published[0],
            published[1],
            published[2],
            published[3],
            published[4],
            published[5],
            geometric.ri
        ));
    }
    output::write(None, text.as_bytes())
}

fn survey(path: &Path, likert: Option<u32>, threshold: f64) -> Result<(), Failure> {
    let bytes = std::fs::read(path)
        .map_err(|e| Failure::Input(format!("cannot read `{}`: {e}", path.display())))?;
    let items = csv::Reader::from_reader(bytes.as_slice())
        .headers()
        .map(|h| h.len())
        .unwrap_or(0);
    let scale = match likert {
        Some(levels) => Scale::Likert { levels },
        None => Scale::Rank {
            items: u32::try_from(items).unwrap_or(u32::MAX),
        },
    };
    let table = ResponseTable::from_csv(bytes.as_slice(), scale)
        .map_err(|e| Failure::Input(format!("in `{}`: {e}", path.display())))?;
    let mut text = format!(
        "{} respondents, {} items ({})\n\n{:<24}  {:>5}  {:>7}  {:>6}  {:>6}  {:>6}  {:>8}\n",
        table.respondents(),
        table.items().len(),
        match scale {
            Scale::Likert { levels } => format!("Likert 1..{levels}"),
            _ => format!("ranks scored {}..1", table.items().len()),
        },
        "item",
        "N",
        "missing",
        "mean",
        "s.e.",
        "s.d.",
        "variance"
    );
    let number = |x: Option<f64>, decimals: usize| {
        x.map_or_else(|| "–".to_owned(), |v| format!("{v:.decimals$}"))
    };
    for s in table.statistics() {
        text.push_str(&format!(
            "{:<24}  {:>5}  {:>7}  {:>6}  {:>6}  {:>6}  {:>8}\n",
            s.item,
            s.valid,
            s.missing,
            number(s.mean, 2),
            number(s.standard_error, 3),
            number(s.standard_deviation, 3),
            number(s.variance, 3)
        ));
    }
    let factors = table.key_factors(threshold);
    text.push_str(&format!("\nKey factors (mean above {threshold}):"));
    if factors.is_empty() {
        text.push_str(" none\n");
    } else {
        text.push('\n');
        for f in factors {
            text.push_str(&format!("  {} ({:.2})\n", f.item, f.mean));
        }
    }
    output::write(None, text.as_bytes())
}
