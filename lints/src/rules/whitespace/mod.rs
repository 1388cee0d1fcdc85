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
