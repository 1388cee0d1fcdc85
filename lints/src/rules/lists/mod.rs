//! Lists: markers, numbering, indentation.

mod inconsistent_list_indent;
mod inconsistent_list_marker;
mod list_marker_spacing;
mod list_without_blank_lines;
mod misindented_bullet;
mod unexpected_list_number;

pub use inconsistent_list_indent::InconsistentListIndent;
pub use inconsistent_list_marker::InconsistentListMarker;
pub use list_marker_spacing::ListMarkerSpacing;
pub use list_without_blank_lines::ListWithoutBlankLines;
pub use misindented_bullet::MisindentedBullet;
pub use unexpected_list_number::UnexpectedListNumber;

use crate::document::Document;
use crate::model::NodeId;
use crate::span::Span;

/// Whether `list` is a kramdown table of contents: a list followed by a `{:toc}` attribute
/// list, which kramdown replaces with the generated contents. (The parser may count the
/// attribute list's line into the list's last item.)
pub(crate) fn is_toc(doc: &Document, list: NodeId) -> bool {
    if doc.attr_lists.is_empty() {
        return false;
    }
    let span = doc.tree.span(list);
    let last = doc.lines.line_of(span.end.max(span.start + 1) - 1);
    let next = doc
        .lines
        .line_span(doc.text(), (last + 1).min(doc.lines.line_count()));
    let within = Span::new(span.start, next.end.max(span.end));
    doc.attr_lists
        .iter()
        .any(|a| within.covers(a.span) && doc.slice(a.span).contains("toc"))
}

/// The blanks before an item's marker on its line (after the markers of block quotes), and
/// their span.
pub(crate) fn marker_indent(doc: &Document, marker: Span) -> Span {
    let bytes = doc.text().as_bytes();
    // No blank right before the marker: nothing to measure, and no line to look up.
    if marker.start == 0 || !matches!(bytes[marker.start - 1], b' ' | b'\t') {
        return Span::new(marker.start, marker.start);
    }
    let n = doc.lines.line_of(marker.start);
    let from = doc
        .line_table()
        .get(n)
        .map_or(marker.start, |l| l.text_start(bytes).min(marker.start));
    let blanks = bytes[from..marker.start]
        .iter()
        .rev()
        .take_while(|b| **b == b' ' || **b == b'\t')
        .count();
    Span::new(marker.start - blanks, marker.start)
}
