//! The source snippet of one finding for miette, bounded in size.
//!
//! miette is handed only the few lines around a finding, never the whole file, so the cost of a
//! report grows with its findings and not with findings times file size. When one of those lines
//! is long, the snippet becomes a window of a few dozen bytes around the span, cut on character
//! boundaries and marked with `…` where it was cut: a page made of one long line of findings
//! prints a report proportional to its findings, and no column handed to miette's formatting
//! can grow past what it can pad.

use handbook_lints::Span;
use miette::{MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};

use crate::runner::excerpt::Part;
use crate::text::{ceil_char, floor_char};

/// A line longer than this (in bytes) is shown as a window around the span.
const LONG_LINE: usize = 1024;
/// Bytes of context shown before and after the span in a window.
const CONTEXT: usize = 60;
/// At most this many bytes of the span itself are shown in a window.
const SPAN_SHOWN: usize = 160;
/// The mark of a cut.
const CUT: &str = "…";

/// Where each line of a file starts, by miette's rules (a line ends after `\n`, `\r\n`, or a
/// bare `\r`), so that line numbers agree with what miette would count over the whole file.
pub struct Lines {
    starts: Vec<usize>,
    len: usize,
}

impl Lines {
    pub fn new(text: &str) -> Lines {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => starts.push(i + 1),
                b'\r' if bytes.get(i + 1) == Some(&b'\n') => {
                    starts.push(i + 2);
                    i += 1;
                }
                b'\r' => starts.push(i + 1),
                _ => {}
            }
            i += 1;
        }
        Lines {
            starts,
            len: text.len(),
        }
    }

    /// The 0-based line holding byte `at`.
    fn line_of(&self, at: usize) -> usize {
        self.starts.partition_point(|&s| s <= at).saturating_sub(1)
    }

    fn start(&self, line: usize) -> usize {
        self.starts.get(line).copied().unwrap_or(self.len)
    }
}

/// The end of the line starting at `start`, before its line break.
fn line_end(text: &str, start: usize) -> usize {
    text[start..]
        .find(['\r', '\n'])
        .map_or(text.len(), |i| start + i)
}

/// What miette reads for one finding.
pub struct Snippet<'a> {
    name: &'a str,
    kind: Kind<'a>,
    /// The span to label, in the coordinates of the snippet.
    pub label: SourceSpan,
}

enum Kind<'a> {
    /// Lines of the file starting at byte `offset`, line `line`: miette reads them as it would
    /// read the whole file.
    Lines {
        text: &'a str,
        offset: usize,
        line: usize,
    },
    /// A window cut out of one long line: `data` starts at column `column` of line `line`, and
    /// the span starts at column `span_column`.
    Window {
        data: String,
        line: usize,
        column: usize,
        span_column: usize,
    },
}

impl<'a> Snippet<'a> {
    /// The snippet for `span` of a file, from `part` of it (whole lines around the span)
    /// and the `lines` of that part.
    pub fn new(name: &'a str, part: Part<'a>, lines: &Lines, span: Span) -> Self {
        let mut snippet = Snippet::local(
            name,
            part.text,
            lines,
            span.start.saturating_sub(part.start),
            span.end.saturating_sub(part.start),
        );
        // Back to the file's offsets and lines.
        match &mut snippet.kind {
            Kind::Lines { offset, line, .. } => {
                *offset += part.start;
                *line += part.line;
                snippet.label = SourceSpan::new(
                    (snippet.label.offset() + part.start).into(),
                    snippet.label.len(),
                );
            }
            Kind::Window { line, .. } => *line += part.line,
        }
        snippet
    }

    /// The snippet for the span `start..end` of `text`.
    fn local(name: &'a str, text: &'a str, lines: &Lines, start: usize, end: usize) -> Self {
        let start = floor_char(text, start);
        let end = ceil_char(text, end.max(start));
        let first = lines.line_of(start);
        let last = lines.line_of(end.saturating_sub(1).max(start));
        // One line of context either side (miette's default), plus one spare.
        let from_line = first.saturating_sub(2);
        let offset = lines.start(from_line);
        let until = lines.start(last + 3);
        let long = (from_line..last + 3)
            .take_while(|&l| lines.start(l) < lines.len)
            .any(|l| lines.start(l + 1) - lines.start(l) > LONG_LINE);
        if !long {
            return Snippet {
                name,
                kind: Kind::Lines {
                    text: &text[offset..until],
                    offset,
                    line: from_line,
                },
                label: SourceSpan::new(start.into(), end - start),
            };
        }
        let line_start = lines.start(first);
        let this_end = line_end(text, line_start);
        // Show at most `SPAN_SHOWN` bytes of the span, and only on its first line.
        let shown_end = floor_char(text, end.min(start + SPAN_SHOWN).min(this_end)).max(start);
        let from = floor_char(text, start.saturating_sub(CONTEXT).max(line_start));
        let to = ceil_char(text, (shown_end + CONTEXT).min(this_end).max(shown_end));
        let mut data = String::with_capacity(to - from + 2 * CUT.len());
        if from > line_start {
            data.push_str(CUT);
        }
        let label_start = data.len() + (start - from);
        data.push_str(&text[from..to]);
        if to < this_end {
            data.push_str(CUT);
        }
        Snippet {
            name,
            kind: Kind::Window {
                data,
                line: first,
                column: from - line_start,
                span_column: start - line_start,
            },
            label: SourceSpan::new(label_start.into(), shown_end - start),
        }
    }
}

impl SourceCode for Snippet<'_> {
    fn read_span<'b>(
        &'b self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'b> + 'b>, MietteError> {
        let contents = match &self.kind {
            Kind::Lines { text, offset, line } => {
                let local = SourceSpan::new(
                    span.offset()
                        .checked_sub(*offset)
                        .ok_or(MietteError::OutOfBounds)?
                        .into(),
                    span.len(),
                );
                let inner = text.read_span(&local, before, after)?;
                MietteSpanContents::new_named(
                    self.name.to_string(),
                    inner.data(),
                    SourceSpan::new((inner.span().offset() + offset).into(), inner.span().len()),
                    inner.line() + line,
                    inner.column(),
                    inner.line_count(),
                )
            }
            Kind::Window {
                data,
                line,
                column,
                span_column,
            } => {
                // miette asks without context for the position in the header.
                let column = if before == 0 && after == 0 {
                    *span_column
                } else {
                    *column
                };
                MietteSpanContents::new_named(
                    self.name.to_string(),
                    data.as_bytes(),
                    SourceSpan::new(0.into(), data.len()),
                    *line,
                    column,
                    1,
                )
            }
        };
        Ok(Box::new(contents))
    }
}
