//! The fixes of `unused-suppression`: remove a name from a comment, or the whole comment.

use crate::diagnostic::{Edit, Fix};
use crate::document::Document;
use crate::span::Span;
use crate::suppress::Directive;

/// Remove name `j` of `d` and one separator: `a, b, c` -> `a, c`; `a b -->` -> `a -->`.
/// The edit runs from the end of what comes before the name to the end of the next name (or
/// of the comment), so that it holds every byte that changes however a diff aligns them.
pub(super) fn remove_name(doc: &Document, d: &Directive, j: usize) -> Fix {
    let name = d.names[j].span;
    let before = if j == 0 {
        d.keyword.end
    } else {
        d.names[j - 1].span.end
    };
    let (end, kept) = match d.names.get(j + 1) {
        Some(next) => (
            next.span.end,
            format!(
                "{}{}",
                doc.slice(Span::new(before, name.start)),
                doc.slice(next.span)
            ),
        ),
        None => (
            d.span.end,
            doc.slice(Span::new(name.end, d.span.end)).to_string(),
        ),
    };
    let edit = Edit::replace(Span::new(before, end), kept);
    Fix::safe("Remove the unused name", vec![edit])
}

/// Remove the whole comment `d`: safe for a Liquid comment, unsafe for an HTML comment.
pub(super) fn remove_comment(doc: &Document, d: &Directive) -> Fix {
    if d.liquid {
        return Fix::safe("Remove the comment", vec![Edit::delete(d.span)]);
    }
    let text = doc.text();
    let lines = &doc.lines;
    let first = lines.line_of(d.span.start);
    let last = lines.line_of(d.span.end.saturating_sub(1));
    let head = Span::new(lines.line_start(first), d.span.start);
    let tail = Span::new(d.span.end, lines.line_span(text, last).end);
    let blank = |s: Span| doc.slice(s).trim().is_empty();
    let span = if blank(head) && blank(tail) {
        let end = if last < lines.line_count() {
            lines.line_start(last + 1)
        } else {
            text.len()
        };
        Span::new(head.start, end)
    } else {
        d.span
    };
    Fix::unsafe_("Remove the comment", vec![Edit::delete(span)])
}
