//! The `full` format: each finding drawn by miette with the lines it is on.

use std::fmt::Write as _;
use std::io::{self, Write};

use handbook_lints::{Applicability, Diagnostic, Severity};
use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, SourceCode};

use super::{snippet, with_text};
use crate::runner::{FileReport, Reports};

pub(super) fn write(reports: &Reports, color: bool, out: &mut dyn Write) -> io::Result<()> {
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let width = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(100);
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(width)
        .with_links(false);
    // Drawing the findings is most of a large report's time: files are drawn on every core,
    // a batch at a time (so that what waits to be written stays small), and written in order.
    use rayon::prelude::*;
    for batch in reports.batches() {
        let batch = batch?;
        // Each report is freed by the thread that drew it.
        let drawn: Vec<io::Result<String>> = batch
            .into_par_iter()
            .map(|report| draw_file(&handler, &report))
            .collect();
        for text in drawn {
            out.write_all(text?.as_bytes())?;
        }
    }
    Ok(())
}

/// The findings of one file as `write_full` shows them.
fn draw_file(handler: &GraphicalReportHandler, report: &FileReport) -> io::Result<String> {
    let mut buf = String::new();
    let Some((source, diagnostics)) = with_text(report) else {
        return Ok(buf);
    };
    // The lines of the part the last finding was in: findings come in order.
    let mut lines: Option<(usize, snippet::Lines)> = None;
    for d in diagnostics {
        let Some(part) = source.part(d.span.start) else {
            continue;
        };
        if lines.as_ref().map(|(at, _)| *at) != Some(part.start) {
            lines = Some((part.start, snippet::Lines::new(part.text)));
        }
        let Some((_, part_lines)) = &lines else {
            continue;
        };
        let source = snippet::Snippet::new(&report.display, part, part_lines, d.span);
        let shown = Shown { d, source: &source };
        handler
            .render_report(&mut buf, &shown)
            .map_err(io::Error::other)?;
    }
    Ok(buf)
}

/// One diagnostic as miette sees it.
struct Shown<'a> {
    d: &'a Diagnostic,
    source: &'a snippet::Snippet<'a>,
}

impl std::fmt::Debug for Shown<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.d.message)
    }
}

impl std::fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.d.message)
    }
}

impl std::error::Error for Shown<'_> {}

impl miette::Diagnostic for Shown<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn std::fmt::Display + 'b>> {
        Some(Box::new(format!(
            "{} {}",
            self.d.lint.code, self.d.lint.name
        )))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.d.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn std::fmt::Display + 'b>> {
        let mut help = self.d.help.as_deref().unwrap_or_default().to_string();
        if let Some(fix) = &self.d.fix {
            let how = match fix.applicability {
                Applicability::Safe => "--fix",
                Applicability::Unsafe => "--unsafe-fixes",
            };
            if !help.is_empty() {
                help.push('\n');
            }
            let _ = write!(help, "fix ({how}): {}", fix.title);
        }
        (!help.is_empty()).then(|| Box::new(help) as Box<dyn std::fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(std::iter::once(LabeledSpan::new_with_span(
            self.d.label.as_deref().map(str::to_string),
            self.source.label,
        ))))
    }
}
