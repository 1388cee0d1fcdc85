//! The typed side tables of the tree: what rules read about lists, items, code blocks,
//! tables and headings, beyond kind and span.

use super::NodeId;
use crate::span::Span;

/// A list: `- a` / `* a` / `+ a`, or `1. a` / `1) a`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct List {
    pub node: NodeId,
    pub ordered: bool,
    /// The number of the first item (ordered lists; 1 for bullet lists).
    pub start: usize,
    /// The marker byte: `-`, `*` or `+` for a bullet list, `.` or `)` after the number of an
    /// ordered one.
    pub marker: u8,
    /// No blank line between items or their blocks (CommonMark's "tight").
    pub tight: bool,
    /// Blanks before the first item's marker.
    pub marker_offset: usize,
}

impl List {
    /// The delimiter after the numbers of an ordered list (`.` or `)`), `None` for bullets.
    pub fn delimiter(&self) -> Option<u8> {
        self.ordered.then_some(self.marker)
    }
}

/// A list item.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    pub node: NodeId,
    /// The marker as written: `-`, or `12.` (number and delimiter).
    pub marker: Span,
    /// From the start of the marker to where the item's text starts.
    pub padding: usize,
}

impl Item {
    /// A task item's (`- [ ] …`) ordered flag and padding, which comrak does not keep: the
    /// marker and 1 to 4 spaces (one counts when more follow, as CommonMark reads them).
    pub(crate) fn task_marker(rest: &[u8]) -> (bool, usize) {
        let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
        let marker = if digits > 0 { digits + 1 } else { 1 };
        let blanks = rest.iter().skip(marker).take_while(|b| **b == b' ').count();
        let padding = if (1..=4).contains(&blanks) { blanks } else { 1 };
        (digits > 0, (marker + padding).min(rest.len()))
    }
}

/// A code block, fenced or indented.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CodeBlock {
    pub node: NodeId,
    pub fenced: bool,
    /// `` ` `` or `~` (0 for an indented block).
    pub fence_char: u8,
    pub fence_len: usize,
    /// The info string (```` ```ruby title ```` gives `ruby title`), trimmed; `None` when empty
    /// or indented.
    pub info: Option<Span>,
    /// The code: the lines after the opening fence line and before the closing one; for an
    /// indented block, from its first code character to its last.
    pub content: Span,
    /// A closing fence was found (always true for indented blocks).
    pub closed: bool,
}

/// Column alignment of a table, from its delimiter row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Alignment {
    None,
    Left,
    Center,
    Right,
}

/// A GFM table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Table {
    pub node: NodeId,
    pub alignments: Vec<Alignment>,
    /// The header row first, then the body rows (the delimiter row is not a row).
    pub rows: Vec<Row>,
    /// The delimiter row (`| --- | :-: |`) as written.
    pub delimiter_row: Span,
}

/// One row of a table, with its cells as written in the source (GFM pads a short row with
/// empty cells and drops extra ones; these are the cells the author wrote).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    pub node: NodeId,
    pub header: bool,
    /// The row's text on its line (after any block quote markers), trimmed.
    pub span: Span,
    /// Each cell between the pipes, blanks trimmed (may be empty).
    pub cells: Vec<Span>,
}

/// A heading, ATX (`## Title ##`) or setext (`Title` over `===`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HeadingInfo {
    pub node: NodeId,
    pub level: u8,
    pub setext: bool,
    /// The closing run of `#` of an ATX heading, when there is one.
    pub closing: Option<Span>,
}

/// A heading as the page's flat table keeps it ([`crate::document::Document::headings`]).
#[derive(Clone, Debug)]
pub struct Heading {
    pub level: u8,
    pub span: Span,
    pub setext: bool,
    /// The text as rendered (markup removed, entities and escapes decoded, `--` as a dash):
    /// what kramdown's GFM parser makes the id from.
    pub text: String,
    /// Its node in the tree (see [`crate::model::Tree::heading`] for the closing hashes).
    pub node: NodeId,
    /// The attribute list that applies to it (on its line, or alone on the next line), as an
    /// index into [`crate::document::Document::attr_lists`].
    pub attr_list: Option<usize>,
}
