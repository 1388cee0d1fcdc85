//! Reporters: miette's graphical reports, one line per finding, JSON, and the CI formats
//! (one file each under `report/`).

mod checkstyle;
mod ci;
#[cfg(test)]
mod excerpt_tests;
mod full;
mod gitlab;
mod json;
mod junit;
mod sarif;
mod snippet;
pub mod summary;
mod xml;

use std::fmt::Write as _;
use std::io::{self, Write};

use handbook_lints::{Diagnostic, LineCol, LineIndex, Severity};

use crate::runner::excerpt::Source;
pub use crate::runner::totals::Totals;
use crate::runner::{FileReport, Outcome, Reports};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Source snippet, label, help (miette).
    #[default]
    Full,
    /// One line per finding: `path:line:col: CODE [name] message`.
    Concise,
    /// One JSON object for the whole run.
    Json,
    /// GitHub Actions workflow commands: findings become pull-request annotations.
    Github,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    Sarif,
    /// JUnit XML: one test suite per file, one failing test case per finding.
    Junit,
    /// GitLab Code Quality (JSON), for merge-request widgets.
    Gitlab,
    /// Checkstyle XML 4.3.
    Checkstyle,
}

impl Format {
    /// What the format reads of a file's text around each finding (the `--changed` filter
    /// and the GitHub job summary read only positions).
    pub fn keeps(self) -> crate::runner::Keep {
        use crate::runner::Keep;
        match self {
            Format::Full => Keep::Snippets,
            Format::Sarif | Format::Gitlab => Keep::Lines,
            Format::Concise
            | Format::Json
            | Format::Github
            | Format::Junit
            | Format::Checkstyle => Keep::Positions,
        }
    }
}

/// Write the findings of `reports` to `out` in `format`. File errors are reported by the caller.
pub fn write(
    format: Format,
    reports: &Reports,
    totals: &Totals,
    color: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Full => full::write(reports, color, out),
        Format::Concise => write_concise(reports, out),
        Format::Json => json::write_json(reports, totals, out),
        Format::Github => write_github(reports, out),
        Format::Sarif => sarif::write(reports, out),
        Format::Junit => junit::write(reports, totals, out),
        Format::Gitlab => gitlab::write(reports, out),
        Format::Checkstyle => checkstyle::write(reports, out),
    }
}

/// The text of a file (or what is kept of it), for files that have findings.
fn with_text(report: &FileReport) -> Option<(Source<'_>, &[Diagnostic])> {
    match &report.outcome {
        Outcome::Checked {
            diagnostics,
            text: Some(text),
            ..
        } if !diagnostics.is_empty() => Some((Source::Whole(text), diagnostics)),
        Outcome::Checked {
            diagnostics,
            excerpt: Some(excerpt),
            ..
        } if !diagnostics.is_empty() => Some((Source::Excerpt(excerpt), diagnostics)),
        _ => None,
    }
}

/// A finding with its file and its 1-based start and end, for the line-oriented reporters.
struct Located<'a> {
    path: &'a str,
    /// The lines of the file around the finding (all of it when it was kept), for the
    /// reporters that quote or hash them; they start at byte `base` of the file.
    text: &'a str,
    base: usize,
    d: &'a Diagnostic,
    start: LineCol,
    end: LineCol,
}

/// Call `f` with every finding of `reports`, in order, with line and column computed once per
/// file, on every core: a large site's thousands of findings would otherwise keep one thread
/// counting lines before anything is printed. Files are read back a batch at a time, so that
/// the findings of a whole site are never held at once.
fn for_each_located(reports: &Reports, mut f: impl FnMut(Located<'_>)) -> io::Result<()> {
    use rayon::prelude::*;
    for batch in reports.batches() {
        let batch = batch?;
        let files: Vec<Vec<Located<'_>>> =
            batch.par_iter().map(|r| located_in(r).collect()).collect();
        files.into_iter().flatten().for_each(&mut f);
        free_beside(batch);
    }
    Ok(())
}

/// Free a batch of reports on the pool, beside the next batch's reading back on this thread
/// (a pool that is this thread alone would never run the job: freed here).
fn free_beside(batch: Vec<FileReport>) {
    if rayon::current_num_threads() > 1 {
        rayon::spawn(move || drop(batch));
    }
}

/// The findings of one file, in order, with line and column.
fn located_in(report: &FileReport) -> impl Iterator<Item = Located<'_>> {
    with_text(report)
        .into_iter()
        .flat_map(move |(source, diagnostics)| {
            // The line index of the part the last finding was in: findings come in order.
            let mut index: Option<(usize, LineIndex)> = None;
            diagnostics.iter().filter_map(move |d| {
                if let Source::Excerpt(excerpt) = source {
                    if let Some((start, end)) = excerpt.position(d.span.start, d.span.end) {
                        // Only positions were kept: no reporter that reads text runs.
                        return Some(Located {
                            path: &report.display,
                            text: "",
                            base: 0,
                            d,
                            start,
                            end,
                        });
                    }
                }
                let part = source.part(d.span.start)?;
                if index.as_ref().map(|(at, _)| *at) != Some(part.start) {
                    index = Some((part.start, LineIndex::new(part.text)));
                }
                let (_, lines) = index.as_ref()?;
                let at = |offset: usize| {
                    let local = lines.line_col(part.text, offset.saturating_sub(part.start));
                    LineCol {
                        line: local.line + part.line,
                        column: local.column,
                    }
                };
                Some(Located {
                    path: &report.display,
                    text: part.text,
                    base: part.start,
                    d,
                    start: at(d.span.start),
                    end: at(d.span.end),
                })
            })
        })
}

/// The 1-based start and end of each finding of `report`, in order; `None` when its text
/// was not kept.
pub fn line_cols(report: &FileReport) -> Option<Vec<(LineCol, LineCol)>> {
    with_text(report)?;
    Some(
        located_in(report)
            .map(|found| (found.start, found.end))
            .collect(),
    )
}

/// Each file's findings written as lines by `line`, on every core, a batch of files at a
/// time, and printed in order (a large site's tens of thousands of lines were formatted on
/// one thread after the check).
fn write_lines(
    reports: &Reports,
    out: &mut dyn Write,
    line: impl Fn(&mut String, Located<'_>) + Sync,
) -> io::Result<()> {
    use rayon::prelude::*;
    for batch in reports.batches() {
        let batch = batch?;
        // Each report is freed by the thread that wrote its lines, not by this one after.
        let texts: Vec<String> = batch
            .into_par_iter()
            .map(|report| {
                let mut text = String::new();
                for found in located_in(&report) {
                    line(&mut text, found);
                }
                text
            })
            .collect();
        for text in texts {
            out.write_all(text.as_bytes())?;
        }
    }
    Ok(())
}

fn write_concise(reports: &Reports, out: &mut dyn Write) -> io::Result<()> {
    write_lines(reports, out, |text, Located { path, d, start, .. }| {
        let _ = writeln!(
            text,
            "{path}:{}:{}: {} [{}] {}",
            start.line, start.column, d.lint.code, d.lint.name, d.message
        );
    })
}

/// `::warning file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`
fn write_github(reports: &Reports, out: &mut dyn Write) -> io::Result<()> {
    write_lines(reports, out, |text, found| {
        let Located {
            path,
            d,
            start,
            end,
            ..
        } = found;
        let level = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let mut message = d.message.clone();
        if let Some(help) = &d.help {
            message = format!("{message}\nhelp: {help}");
        }
        let _ = writeln!(
            text,
            "::{level} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            github_property(path),
            start.line,
            start.column,
            end.line,
            end.column,
            github_property(&format!("{} {}", d.lint.code, d.lint.name)),
            github_data(&message)
        );
    })
}

/// Escape a workflow command's message.
fn github_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escape a workflow command's property value.
fn github_property(s: &str) -> String {
    github_data(s).replace(':', "%3A").replace(',', "%2C")
}
