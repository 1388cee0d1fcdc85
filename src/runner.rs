//! The parallel runner: one rayon task per file reads, parses and runs every per-file lint.

use std::panic::{catch_unwind, AssertUnwindSafe};

use handbook_lints::{site, Diagnostic, FileInfo, Lint};
use rayon::prelude::*;

use crate::discover::SourceFile;

/// What linting one file gave.
#[derive(Debug)]
pub struct FileReport {
    pub display: String,
    pub outcome: Outcome,
}

/// Why a file could not be linted, and where in it when that is known.
#[derive(Debug)]
pub struct FileError {
    /// 1-based line and column.
    pub at: Option<(usize, usize)>,
    pub message: String,
}

impl FileError {
    fn new(message: impl Into<String>) -> Self {
        FileError {
            at: None,
            message: message.into(),
        }
    }

    /// `path:line:col: message`, or `path: message`.
    pub fn render(&self, path: &str) -> String {
        match self.at {
            Some((line, column)) => format!("{path}:{line}:{column}: {}", self.message),
            None => format!("{path}: {}", self.message),
        }
    }
}

#[derive(Debug)]
pub enum Outcome {
    /// Linted. The text is kept only when there is something to show with it.
    Checked {
        diagnostics: Vec<Diagnostic>,
        text: Option<String>,
    },
    /// The file could not be linted.
    Failed(FileError),
}

impl FileReport {
    pub fn diagnostics(&self) -> &[Diagnostic] {
        match &self.outcome {
            Outcome::Checked { diagnostics, .. } => diagnostics,
            Outcome::Failed(_) => &[],
        }
    }
}

/// Lint every file in parallel; reports come back in the order of `files`.
pub fn lint_files(files: &[SourceFile], lints: &[&dyn Lint]) -> Vec<FileReport> {
    files
        .par_iter()
        .map(|file| FileReport {
            display: file.display.clone(),
            outcome: lint_file(file, lints),
        })
        .collect()
}

fn lint_file(file: &SourceFile, lints: &[&dyn Lint]) -> Outcome {
    let text = match read_text(&file.path) {
        Ok(text) => text,
        Err(e) => return Outcome::Failed(e),
    };
    let site_path = file.site.site_path(&file.path);
    let info = FileInfo {
        is_page: site::is_page(&site_path, &file.site.collections),
        site_path,
    };
    lint_text(text, &info, lints)
}

/// Lint `text` as the file described by `info`. A panic in a lint is reported as a failure
/// of this file, not of the run.
pub fn lint_text(text: String, info: &FileInfo, lints: &[&dyn Lint]) -> Outcome {
    let result = catch_unwind(AssertUnwindSafe(|| {
        let (doc, diagnostics) = handbook_lints::check(text, info, lints);
        let text = (!diagnostics.is_empty()).then(|| doc.text().to_string());
        (diagnostics, text)
    }));
    match result {
        Ok((diagnostics, text)) => Outcome::Checked { diagnostics, text },
        Err(panic) => {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            Outcome::Failed(FileError::new(format!(
                "internal error while linting (please report it): {what}"
            )))
        }
    }
}

/// Read a file as UTF-8 text, with a clear reason when that is not possible.
pub fn read_text(path: &std::path::Path) -> Result<String, FileError> {
    let bytes =
        std::fs::read(path).map_err(|e| FileError::new(format!("cannot read file: {e}")))?;
    decode(bytes)
}

/// Decode bytes as UTF-8 text; binary data and invalid UTF-8 are errors that say where.
pub fn decode(bytes: Vec<u8>) -> Result<String, FileError> {
    let head = &bytes[..bytes.len().min(8192)];
    if memchr_nul(head) {
        return Err(FileError::new("not a text file (it contains NUL bytes)"));
    }
    String::from_utf8(bytes).map_err(|e| {
        let bytes = e.as_bytes();
        let at = e.utf8_error().valid_up_to();
        let line = bytes[..at].iter().filter(|b| **b == b'\n').count() + 1;
        let line_start = bytes[..at]
            .iter()
            .rposition(|b| *b == b'\n')
            .map_or(0, |p| p + 1);
        let column = String::from_utf8_lossy(&bytes[line_start..at])
            .chars()
            .count()
            + 1;
        FileError {
            at: Some((line, column)),
            message: format!(
                "not valid UTF-8 (byte 0x{:02X}); save the file as UTF-8",
                bytes[at]
            ),
        }
    })
}

fn memchr_nul(bytes: &[u8]) -> bool {
    bytes.contains(&0)
}
