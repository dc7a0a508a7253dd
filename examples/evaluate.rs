//! A whole AHP + fuzzy evaluation from one model file, without writing Rust.
//!
//!     cargo run --release --example evaluate -- MODEL_FILE [--format text|json]
//!
//! MODEL_FILE is JSON (`*.json`) or TOML (`*.toml`); the format is described in
//! `docs/model-format.md`, and `examples/models/` holds complete models. `text` (the default)
//! prints aligned tables; `json` prints the full result in the documented schema. Exit code 0 on
//! success; on any error one message on standard error and exit code 1 (2 for a usage error).

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use ahp_fce::error::ErrorKind;
use ahp_fce::model::Model;

const USAGE: &str = "usage: evaluate MODEL_FILE [--format text|json]";

enum Format {
    Text,
    Json,
}

fn main() -> ExitCode {
    let (path, format) = match parse_arguments(std::env::args().skip(1)) {
        Ok(parsed) => parsed,
        Err(message) => {
            eprintln!("error: {message}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let result = Model::load(&path).and_then(|model| model.evaluate());
    match result {
        Ok(report) => {
            let text = match format {
                Format::Text => report.to_text(),
                Format::Json => report.to_json() + "\n",
            };
            // A closed pipe (`| head`) or a full disk is reported, not a panic.
            let mut stdout = std::io::stdout().lock();
            match stdout
                .write_all(text.as_bytes())
                .and_then(|()| stdout.flush())
            {
                Ok(()) => ExitCode::SUCCESS,
                Err(error) => {
                    eprintln!("error: cannot write the report: {error}");
                    ExitCode::FAILURE
                }
            }
        }
        Err(error) => {
            match error.kind() {
                // These already name the file.
                ErrorKind::Io { .. } | ErrorKind::UnknownFormat { .. } => {
                    eprintln!("error: {error}")
                }
                _ => eprintln!("error: in `{}`: {error}", path.display()),
            }
            ExitCode::FAILURE
        }
    }
}

fn parse_arguments(mut args: impl Iterator<Item = String>) -> Result<(PathBuf, Format), String> {
    let mut path = None;
    let mut format = Format::Text;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--format" => {
                format = match args.next().as_deref() {
                    Some("text") => Format::Text,
                    Some("json") => Format::Json,
                    Some(other) => return Err(format!("unknown format `{other}`")),
                    None => return Err("--format needs a value".to_owned()),
                }
            }
            "-h" | "--help" => return Err("help requested".to_owned()),
            option if option.starts_with("--") => return Err(format!("unknown option `{option}`")),
            file if path.is_none() => path = Some(PathBuf::from(file)),
            extra => return Err(format!("unexpected argument `{extra}`")),
        }
    }
    Ok((path.ok_or("no model file given")?, format))
}
