//! Whitespace: trailing blanks, tabs, blank lines.

mod hard_tab;
mod long_line;
mod missing_final_newline;
mod multiple_blank_lines;
mod trailing_whitespace;

pub use hard_tab::HardTab;
pub use long_line::LongLine;
pub use missing_final_newline::MissingFinalNewline;
pub use multiple_blank_lines::MultipleBlankLines;
pub use trailing_whitespace::TrailingWhitespace;

use crate::model::Kind;
use crate::span::Span;

/// The spans of the page's heading nodes, by start, with the farthest end up to each: a
/// line outside all of them is no heading, known without asking the tree.
pub(crate) struct HeadingSpans {
    spans: Vec<Span>,
    reach: Vec<usize>,
}

impl HeadingSpans {
    pub(crate) fn new(doc: &crate::document::Document) -> HeadingSpans {
        let tree = &doc.tree;
        let mut spans: Vec<Span> = tree
            .of_kind(Kind::Heading)
            .iter()
            .map(|&h| tree.span(h))
            .collect();
        spans.sort_by_key(|s| s.start);
        let reach = spans
            .iter()
            .scan(0, |max, s| {
                *max = (*max).max(s.end);
                Some(*max)
            })
            .collect();
        HeadingSpans { spans, reach }
    }

    /// Whether a heading's span may contain `offset` (false: none does).
    pub(crate) fn may_hold(&self, offset: usize) -> bool {
        let before = self.spans.partition_point(|s| s.start <= offset);
        before > 0 && self.reach[before - 1] > offset
    }
}
