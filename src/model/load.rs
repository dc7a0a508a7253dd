//! Reading model files: JSON or TOML text into the file structure, with every syntax and type
//! error placed by line, column and path.

use std::path::Path;

use super::spec::ModelSpec;
use super::Model;
use crate::error::{Error, ErrorKind, FileFormat, Location, Result};

impl Model {
    /// Parses and validates a JSON model.
    ///
    /// # Errors
    /// [`ErrorKind::Parse`] with line and column for malformed JSON or a value of the wrong
    /// type, at a [`Location::Field`] naming the place in the document where there is one; any
    /// validation error at the [`Location::Field`] it concerns.
    pub fn from_json(text: &str) -> Result<Self> {
        let mut deserializer = serde_json::Deserializer::from_str(text);
        let spec: ModelSpec = serde_path_to_error::deserialize(&mut deserializer).map_err(|e| {
            let path = e.path().to_string();
            let inner = e.into_inner();
            parse_error(
                FileFormat::Json,
                &path,
                (inner.line(), inner.column()),
                strip_position(&inner.to_string()),
            )
        })?;
        Self::from_spec(spec)
    }

    /// Parses and validates a TOML model (same structure as JSON).
    ///
    /// # Errors
    /// As [`Model::from_json`].
    pub fn from_toml(text: &str) -> Result<Self> {
        let toml_error = |e: toml::de::Error, path: String| {
            let (line, column) = e.span().map_or((0, 0), |s| line_and_column(text, s.start));
            parse_error(
                FileFormat::Toml,
                &path,
                (line, column),
                e.message().trim().to_owned(),
            )
        };
        let deserializer =
            toml::de::Deserializer::parse(text).map_err(|e| toml_error(e, String::new()))?;
        let spec: ModelSpec = serde_path_to_error::deserialize(deserializer).map_err(|e| {
            let path = e.path().to_string();
            toml_error(e.into_inner(), path)
        })?;
        Self::from_spec(spec)
    }

    /// Reads a model file, JSON or TOML by its extension.
    ///
    /// # Errors
    /// [`ErrorKind::UnknownFormat`], [`ErrorKind::Io`], and the errors of [`Model::from_json`] and
    /// [`Model::from_toml`].
    pub fn load(path: &Path) -> Result<Self> {
        let name = path.display().to_string();
        let extension = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        let parse = match extension.as_deref() {
            Some("json") => Self::from_json,
            Some("toml") => Self::from_toml,
            _ => return Err(Error::from(ErrorKind::UnknownFormat { name })),
        };
        let text = std::fs::read_to_string(path).map_err(|e| {
            Error::from(ErrorKind::Io {
                path: name,
                message: e.to_string(),
            })
        })?;
        parse(&text)
    }
}

/// A syntax or type error at `path` in the document (`.` or empty for its root).
fn parse_error(
    format: FileFormat,
    path: &str,
    (line, column): (usize, usize),
    message: String,
) -> Error {
    let error = Error::from(ErrorKind::Parse {
        format,
        line: saturate(line),
        column: saturate(column),
        message,
    });
    // `serde_path_to_error` writes `.` for the document root, which names no place.
    match path {
        "" | "." => error,
        _ => error.at(Location::Field(path.to_owned())),
    }
}

/// serde_json appends " at line L column C" to its messages; the error carries them apart.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(cut) => message[..cut].to_owned(),
        None => message.to_owned(),
    }
}

fn saturate(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The 1-based line and column of byte `offset` in `text`.
fn line_and_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text.as_bytes()[..offset.min(text.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let column = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(before.len(), |n| before.len() - n - 1)
        + 1;
    (line, column)
}
