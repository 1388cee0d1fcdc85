//! The parallel runner: one rayon task per file reads, parses and runs every per-file lint.

use std::panic::{catch_unwind, AssertUnwindSafe};

use handbook_lints::fix::fix_until_stable;
use handbook_lints::front_matter;
use handbook_lints::site_index::{PageFacts, SiteConfig, SiteIndex};
use handbook_lints::{
    site, Applicability, Diagnostic, Document, FileInfo, Lint, LintMeta, SiteContext, SiteLint,
    Suppressions,
};
use rayon::prelude::*;

use crate::discover::SourceFile;
use crate::fix_writer::{unified_diff, write_fixed};

/// What to do with fixes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Report only.
    Check,
    /// Apply fixes up to `allowed` and write the files (`--fix`).
    Fix { allowed: Applicability },
    /// Compute the fixes and show them as a diff, writing nothing (`--diff`).
    Diff { allowed: Applicability },
}

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
    pub fn new(message: impl Into<String>) -> Self {
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

// One per file, and nearly all are `Checked`: boxing its fields would buy nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug)]
pub enum Outcome {
    /// Linted (and fixed). The text is kept only when there is something to show with it.
    Checked {
        /// What remains after fixing.
        diagnostics: Vec<Diagnostic>,
        text: Option<String>,
        /// Findings fixed (or that `--diff` would fix).
        fixed: usize,
        /// `--diff`: the unified diff of the fixes.
        diff: Option<String>,
        /// Lints whose fixes did not settle within the round cap.
        unconverged: Vec<&'static str>,
        /// What the site index needs from this page (when site lints run).
        facts: Option<PageFacts>,
        /// The page's suppression comments, for its site-wide findings.
        suppressions: Suppressions,
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
/// With `site`, each page's facts are kept for the site-wide pass.
pub fn lint_files(
    files: &[SourceFile],
    lints: &[&dyn Lint],
    mode: Mode,
    site: bool,
) -> Vec<FileReport> {
    files
        .par_iter()
        .map(|file| FileReport {
            display: file.display.clone(),
            outcome: lint_file(file, lints, mode, site),
        })
        .collect()
}

fn lint_file(file: &SourceFile, lints: &[&dyn Lint], mode: Mode, site: bool) -> Outcome {
    let text = match read_text(&file.path) {
        Ok(text) => text,
        Err(e) => return Outcome::Failed(e),
    };
    let info = file_info(file);
    let config = site.then_some(&file.site.config);
    let outcome = lint_text(text.clone(), &info, lints, mode, &file.display, config);
    if let (
        Mode::Fix { .. },
        Outcome::Checked {
            text: Some(new),
            fixed,
            ..
        },
    ) = (mode, &outcome)
    {
        if *fixed > 0 && *new != text {
            if let Err(e) = write_fixed(&file.path, &text, new) {
                return Outcome::Failed(e);
            }
        }
    }
    outcome
}

/// The site-wide pass: build each site's index from its pages' facts and every file of the
/// site, run the site lints on every page, and add what they find to the reports.
pub fn lint_sites(files: &[SourceFile], reports: &mut [FileReport], lints: &[&dyn SiteLint]) {
    if lints.is_empty() {
        return;
    }
    // Group the files by site (the same `Arc<Site>`).
    let mut sites: Vec<(&std::sync::Arc<crate::discover::Site>, Vec<usize>)> = Vec::new();
    for (i, f) in files.iter().enumerate() {
        match sites
            .iter_mut()
            .find(|(s, _)| std::sync::Arc::ptr_eq(s, &f.site))
        {
            Some((_, members)) => members.push(i),
            None => sites.push((&f.site, vec![i])),
        }
    }
    for (site, members) in sites {
        // The index owns the facts: take them out of the reports.
        let mut owners = Vec::new();
        let mut pages = Vec::new();
        for &i in &members {
            if let Outcome::Checked { facts, .. } = &mut reports[i].outcome {
                if let Some(f) = facts.take() {
                    owners.push(i);
                    pages.push(f);
                }
            }
        }
        let all_files = site.all_files();
        let linted: std::collections::HashSet<String> =
            pages.iter().map(|p| p.site_path.clone()).collect();
        let mut index = SiteIndex::new(&site.config.baseurl, pages, all_files.iter().cloned());
        // Pages of the site that were not linted in this run still have URLs.
        for path in all_files
            .iter()
            .filter(|p| !linted.contains(p.as_str()) && site::is_page(p, &site.collections))
        {
            let Ok(text) = read_text(&site.root.join(path)) else {
                continue;
            };
            let permalink = match front_matter::split(&text) {
                front_matter::Split::Closed { yaml, .. } => {
                    front_matter::parse_yaml(&text[yaml.range()], yaml.start)
                        .ok()
                        .flatten()
                        .and_then(|d| {
                            d.get("permalink")
                                .and_then(|p| p.as_str())
                                .map(String::from)
                        })
                }
                _ => None,
            };
            if let Some(url) = site.config.url_of(path, permalink.as_deref()) {
                index.add_page(path, url);
            }
        }
        let found: Vec<(usize, Vec<Diagnostic>)> = index
            .pages()
            .par_iter()
            .zip(owners.par_iter())
            .filter_map(|(page, &i)| {
                let cx = SiteContext {
                    index: &index,
                    page,
                };
                let mut out = Vec::new();
                for lint in lints {
                    lint.check(&cx, &mut out);
                }
                (!out.is_empty()).then_some((i, out))
            })
            .collect();
        let mut found: std::collections::HashMap<usize, Vec<Diagnostic>> =
            found.into_iter().collect();
        let ran: Vec<&'static LintMeta> = lints.iter().map(|l| l.meta()).collect();
        for &i in &members {
            if let Outcome::Checked {
                diagnostics,
                text,
                suppressions,
                ..
            } = &mut reports[i].outcome
            {
                let before = diagnostics.len();
                if let Some(mut more) = found.remove(&i) {
                    suppressions.apply(&mut more);
                    diagnostics.append(&mut more);
                    diagnostics.sort_by_key(|d| (d.span.start, d.span.end, d.lint.code));
                }
                suppressions.report_unused_site_lints(&ran, diagnostics);
                if text.is_none() && diagnostics.len() > before {
                    *text = read_text(&files[i].path).ok();
                }
            }
        }
    }
}

/// Where `file` stands in its site.
pub fn file_info(file: &SourceFile) -> FileInfo {
    let site_path = file.site.site_path(&file.path);
    FileInfo {
        is_page: site::is_page(&site_path, &file.site.collections),
        site_path,
    }
}

/// Lint (and in the fix modes, fix) `text` as the file described by `info`. A panic in a
/// lint is reported as a failure of this file, not of the run. In `Mode::Fix` the returned
/// text is the fixed text, kept whenever something was fixed.
pub fn lint_text(
    text: String,
    info: &FileInfo,
    lints: &[&dyn Lint],
    mode: Mode,
    display: &str,
    site: Option<&SiteConfig>,
) -> Outcome {
    let facts = |doc: &Document| site.map(|c| PageFacts::from_document(doc, &info.site_path, c));
    let result = catch_unwind(AssertUnwindSafe(|| match mode {
        Mode::Check => {
            let checked = handbook_lints::check_file(text, info, lints);
            let (doc, mut diagnostics) = (checked.doc, checked.diagnostics);
            let mut suppressions = checked.suppressions;
            if site.is_none() {
                // No site pass follows: the suppressions are complete now.
                suppressions.report_unused_site_lints(&[], &mut diagnostics);
            }
            let text = (!diagnostics.is_empty()).then(|| doc.text().to_string());
            Outcome::Checked {
                diagnostics,
                text,
                fixed: 0,
                diff: None,
                unconverged: Vec::new(),
                facts: facts(&doc),
                suppressions,
            }
        }
        Mode::Fix { allowed } | Mode::Diff { allowed } => {
            let original = text.clone();
            let mut out = fix_until_stable(text, info, lints, allowed);
            if site.is_none() {
                out.suppressions
                    .report_unused_site_lints(&[], &mut out.remaining);
            }
            let changed = out.text != original;
            let diff = (matches!(mode, Mode::Diff { .. }) && changed)
                .then(|| unified_diff(display, &original, &out.text));
            let keep = !out.remaining.is_empty() || (changed && matches!(mode, Mode::Fix { .. }));
            let facts = site.and_then(|_| facts(&Document::parse(out.text.clone())));
            Outcome::Checked {
                diagnostics: out.remaining,
                text: keep.then_some(out.text),
                fixed: out.fixed,
                diff,
                unconverged: out.unconverged,
                facts,
                suppressions: out.suppressions,
            }
        }
    }));
    result.unwrap_or_else(|panic| {
        let what = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        Outcome::Failed(FileError::new(format!(
            "internal error while linting (please report it): {what}"
        )))
    })
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
