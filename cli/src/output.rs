//! Where results go: to standard output, or into a file that appears whole or not at all.

use std::io::Write;
use std::path::Path;

use crate::Failure;

/// Writes `bytes` to `destination`, or to standard output when there is none. A file is
/// written beside its destination and renamed into place, so a failure leaves nothing
/// half-written; a closed pipe or a full disk is an error, not a panic.
pub(crate) fn write(destination: Option<&Path>, bytes: &[u8]) -> Result<(), Failure> {
    match destination {
        None => {
            let mut stdout = std::io::stdout().lock();
            stdout
                .write_all(bytes)
                .and_then(|()| stdout.flush())
                .map_err(|e| Failure::Input(format!("cannot write the output: {e}")))
        }
        Some(path) => {
            let mut file = Atomic::create(path)?;
            file.write_all(bytes).map_err(|e| file.failed(&e))?;
            file.commit()
        }
    }
}

/// A file being written beside its destination, renamed into place by [`Atomic::commit`] and
/// removed if dropped before.
pub(crate) struct Atomic {
    temporary: tempfile::NamedTempFile,
    destination: std::path::PathBuf,
}

impl Atomic {
    pub(crate) fn create(destination: &Path) -> Result<Self, Failure> {
        let folder = match destination.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent,
            _ => Path::new("."),
        };
        let temporary = tempfile::Builder::new()
            .prefix(".ahp-fce-")
            .tempfile_in(folder)
            .map_err(|e| {
                Failure::Input(format!("cannot write into `{}`: {e}", folder.display()))
            })?;
        Ok(Self {
            temporary,
            destination: destination.to_owned(),
        })
    }

    /// The error for a failed write.
    pub(crate) fn failed(&self, error: &std::io::Error) -> Failure {
        Failure::Input(format!(
            "cannot write `{}`: {error}",
            self.destination.display()
        ))
    }

    pub(crate) fn commit(self) -> Result<(), Failure> {
        let destination = self.destination.clone();
        let mut temporary = self.temporary;
        temporary.as_file_mut().sync_all().map_err(|e| {
            Failure::Input(format!("cannot write `{}`: {e}", destination.display()))
        })?;
        temporary.persist(&destination).map_err(|e| {
            Failure::Input(format!(
                "cannot write `{}`: {}",
                destination.display(),
                e.error
            ))
        })?;
        Ok(())
    }
}

impl Write for Atomic {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.temporary.write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.temporary.flush()
    }
}

/// `text` followed by spaces up to `width` characters (`format!`'s own padding panics past a
/// width of 65,535, which a long name can ask for).
pub(crate) fn padded(text: &str, width: usize) -> String {
    let fill = width.saturating_sub(text.chars().count());
    let mut out = String::with_capacity(text.len() + fill);
    out.push_str(text);
    out.extend(std::iter::repeat_n(' ', fill));
    out
}
