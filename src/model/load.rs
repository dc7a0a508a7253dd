//! Reading model files: JSON or TOML text into the file structure, with every syntax and type
//! error placed by line, column and path.

use std::path::Path;

use super::spec::ModelSpec;
use super::Model;
use crate::error::{Error, ErrorKind, FileFormat, Location, Result};
use crate::limits::Limits;

impl Model {
    /// Parses and validates a JSON model. A leading byte-order mark is skipped.
    ///
    /// # Errors
    /// [`ErrorKind::Parse`] with line and column for malformed JSON, a value of the wrong type
    /// or a key given twice in one object, at a [`Location::Field`] naming the place in the
    /// document where there is one; any validation error at the [`Location::Field`] it
    /// concerns.
    pub fn from_json(text: &str) -> Result<Self> {
        Self::from_json_with_limits(text, &Limits::default())
    }

    /// [`Model::from_json`] with other bounds than [`Limits::default`].
    ///
    /// # Errors
    /// As [`Model::from_json`] and [`Model::from_spec_with_limits`].
    pub fn from_json_with_limits(text: &str, limits: &Limits) -> Result<Self> {
        Self::from_spec_with_limits(parse_json(text)?, limits)
    }

    /// Parses and validates a TOML model (same structure as JSON). A leading byte-order mark
    /// is skipped.
    ///
    /// # Errors
    /// As [`Model::from_json`].
    pub fn from_toml(text: &str) -> Result<Self> {
        Self::from_toml_with_limits(text, &Limits::default())
    }

    /// [`Model::from_toml`] with other bounds than [`Limits::default`].
    ///
    /// # Errors
    /// As [`Model::from_toml`] and [`Model::from_spec_with_limits`].
    pub fn from_toml_with_limits(text: &str, limits: &Limits) -> Result<Self> {
        Self::from_spec_with_limits(parse_toml(text)?, limits)
    }

    /// Reads a model file, JSON or TOML by its extension.
    ///
    /// # Errors
    /// [`ErrorKind::UnknownFormat`], [`ErrorKind::Io`], and the errors of [`Model::from_json`] and
    /// [`Model::from_toml`].
    pub fn load(path: &Path) -> Result<Self> {
        Self::load_with_limits(path, &Limits::default())
    }

    /// [`Model::load`] with other bounds than [`Limits::default`].
    ///
    /// # Errors
    /// As [`Model::load`] and [`Model::from_spec_with_limits`].
    pub fn load_with_limits(path: &Path, limits: &Limits) -> Result<Self> {
        let name = path.display().to_string();
        let extension = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        let parse = match extension.as_deref() {
            Some("json") => parse_json,
            Some("toml") => parse_toml,
            _ => return Err(Error::from(ErrorKind::UnknownFormat { name })),
        };
        let text = std::fs::read_to_string(path).map_err(|e| {
            Error::from(ErrorKind::Io {
                path: name,
                message: e.to_string(),
            })
        })?;
        Self::from_spec_with_limits(parse(&text)?, limits)
    }
}

/// The text without a leading byte-order mark, which some editors write.
fn without_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

fn parse_json(text: &str) -> Result<ModelSpec> {
    let mut deserializer = serde_json::Deserializer::from_str(without_bom(text));
    serde_path_to_error::deserialize(&mut deserializer).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        parse_error(
            FileFormat::Json,
            &path,
            (inner.line(), inner.column()),
            strip_position(&inner.to_string()),
        )
    })
}

fn parse_toml(text: &str) -> Result<ModelSpec> {
    let text = without_bom(text);
    let toml_error = |e: toml::de::Error, path: String| {
        // The recursion limit is met after parsing, where the document has lost its spans:
        // it is placed at the deepest point of the text.
        let (line, column) = match e.span() {
            Some(span) => line_and_column(text, span.start),
            None => line_and_column(text, deepest_point(text)),
        };
        parse_error(
            FileFormat::Toml,
            &path,
            (line, column),
            e.message().trim().to_owned(),
        )
    };
    let deserializer =
        toml::de::Deserializer::parse(text).map_err(|e| toml_error(e, String::new()))?;
    serde_path_to_error::deserialize(deserializer).map_err(|e| {
        let path = e.path().to_string();
        toml_error(e.into_inner(), path)
    })
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

/// The byte offset where a TOML text is nested deepest: inline arrays and tables count a level
/// each, a table header `[a.b.c]` as many levels as it has keys. Only used to place an error
/// that the parser could not place itself.
fn deepest_point(text: &str) -> usize {
    let (mut deepest, mut at) = (0, 0);
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if let Some(header) = trimmed.strip_prefix('[') {
            let keys = header
                .trim_start_matches('[')
                .split(']')
                .next()
                .unwrap_or_default();
            let depth = keys.split('.').count();
            if depth > deepest {
                (deepest, at) = (depth, offset + line.len() - trimmed.len());
            }
        } else {
            let mut depth = 0usize;
            let mut in_string = false;
            for (k, c) in line.char_indices() {
                match c {
                    '"' => in_string = !in_string,
                    '[' | '{' if !in_string => {
                        depth += 1;
                        if depth > deepest {
                            (deepest, at) = (depth, offset + k);
                        }
                    }
                    ']' | '}' if !in_string => depth = depth.saturating_sub(1),
                    _ => {}
                }
            }
        }
        offset += line.len();
    }
    at
}
