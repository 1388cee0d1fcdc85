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
use crate::span::SortedSpans;

/// The spans of the page's heading nodes: a line outside all of them is no heading, known
/// without asking the tree.
pub(crate) fn heading_spans(doc: &crate::document::Document) -> SortedSpans {
    let tree = &doc.tree;
    SortedSpans::new(
        tree.of_kind(Kind::Heading)
            .iter()
            .map(|&h| tree.span(h))
            .collect(),
    )
}

/// The line holds one link or image and nothing else but blanks, list or quote markers and
/// emphasis around it: it cannot be wrapped without breaking the address.
pub(crate) fn only_a_link(doc: &crate::document::Document, line: crate::span::Span) -> bool {
    let links = &doc.links;
    let i = links.partition_point(|l| l.span.start < line.start);
    let Some(link) = links.get(i).filter(|l| l.span.end <= line.end) else {
        return false;
    };
    let around = |s: &str| s.bytes().all(|b| b" \t>*_-+.0123456789)".contains(&b));
    let before = &doc.text()[line.start..link.span.start];
    let after = &doc.text()[link.span.end..line.end];
    around(before) && around(after)
}
