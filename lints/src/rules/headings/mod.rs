//! Headings: levels, ATX and setext syntax, blank lines around them, titles.

mod duplicate_heading;
mod emphasis_as_heading;
mod heading_level_skipped;
mod heading_trailing_punctuation;
mod heading_without_blank_lines;
mod inconsistent_heading_style;
mod indented_heading;
mod missing_first_heading;
mod missing_required_headings;
mod missing_space_after_hash;
mod missing_space_in_closed_heading;
mod multiple_spaces_after_hash;
mod multiple_spaces_in_closed_heading;
mod multiple_top_level_headings;

pub use duplicate_heading::DuplicateHeading;
pub use emphasis_as_heading::EmphasisAsHeading;
pub use heading_level_skipped::HeadingLevelSkipped;
pub use heading_trailing_punctuation::HeadingTrailingPunctuation;
pub use heading_without_blank_lines::HeadingWithoutBlankLines;
pub use inconsistent_heading_style::InconsistentHeadingStyle;
pub use indented_heading::IndentedHeading;
pub use missing_first_heading::MissingFirstHeading;
pub use missing_required_headings::MissingRequiredHeadings;
pub use missing_space_after_hash::MissingSpaceAfterHash;
pub use missing_space_in_closed_heading::MissingSpaceInClosedHeading;
pub use multiple_spaces_after_hash::MultipleSpacesAfterHash;
pub use multiple_spaces_in_closed_heading::MultipleSpacesInClosedHeading;
pub use multiple_top_level_headings::MultipleTopLevelHeadings;

use crate::document::Document;
use crate::model::{Kind, Line, LineContext};
use crate::span::Span;

/// An ATX heading line, or a line written like one (`#Title`), taken apart.
#[derive(Clone, Copy, Debug)]
pub(crate) struct AtxLine {
    /// The opening run of `#`.
    pub open: Span,
    /// The blanks after the opening run (empty in `#Title`).
    pub gap: Span,
    /// The text between the blanks, without a closing run.
    pub text: Span,
    /// The blanks before the closing run, and the run itself, when the line has one.
    pub close: Option<(Span, Span)>,
}

/// Read `line` from `from` (where the text starts after any block quote markers) as an ATX
/// heading: up to three spaces, one to six `#`, the rest. `None` when it is not written so.
pub(crate) fn atx_line(bytes: &[u8], from: usize, end: usize) -> Option<AtxLine> {
    let blank = |b: &u8| *b == b' ' || *b == b'\t';
    let indent = bytes[from..end].iter().take_while(|b| **b == b' ').count();
    let start = from + indent;
    let hashes = bytes[start..end].iter().take_while(|b| **b == b'#').count();
    if indent > 3 || !(1..=6).contains(&hashes) {
        return None;
    }
    let open = Span::new(start, start + hashes);
    let gap_len = bytes[open.end..end].iter().take_while(|b| blank(b)).count();
    let gap = Span::new(open.end, open.end + gap_len);
    let trail = bytes[gap.end..end]
        .iter()
        .rev()
        .take_while(|b| blank(b))
        .count();
    let rest_end = end - trail;
    let run = bytes[gap.end..rest_end]
        .iter()
        .rev()
        .take_while(|b| **b == b'#')
        .count();
    let run_start = rest_end - run;
    let escaped = run_start > gap.end && bytes[run_start - 1] == b'\\';
    let close = (run > 0 && run_start > gap.end && !escaped).then(|| {
        let before = bytes[gap.end..run_start]
            .iter()
            .rev()
            .take_while(|b| blank(b))
            .count();
        (
            Span::new(run_start - before, run_start),
            Span::new(run_start, rest_end),
        )
    });
    let text_end = close.map_or(rest_end, |(blanks, _)| blanks.start);
    Some(AtxLine {
        open,
        gap,
        text: Span::new(gap.end, text_end.max(gap.end)),
        close,
    })
}

/// Whether `text`, without its trailing blanks, ends with `#`: a line that can have a
/// closing run of hashes.
pub(crate) fn ends_with_hash(text: &[u8]) -> bool {
    text.iter().rev().find(|b| !matches!(b, b' ' | b'\t')) == Some(&b'#')
}

pub(crate) fn text_start(bytes: &[u8], line: &Line) -> usize {
    line.text_start(bytes)
}

/// The paragraph lines of the page that are Markdown content and start with `#`, with where
/// their text starts: what a line that looks like a broken heading is searched in. Only
/// the lines whose text from the first `#` on passes `keep` are kept; that is asked before
/// the tree is, so that a cheap test of the bytes spares the look-up for lines that cannot
/// be findings.
///
/// Only a line holding a `#` can be one, so the search jumps from `#` to `#` (and from
/// there to the next line) instead of reading every line of the page.
pub(crate) fn paragraph_lines<'d>(
    doc: &'d Document,
    keep: impl Fn(&[u8]) -> bool + 'd,
) -> impl Iterator<Item = (&'d Line, usize)> + 'd {
    let bytes = doc.text().as_bytes();
    doc.line_table()
        .holding(bytes, b'#')
        .map(|(_, l)| l)
        .filter(|l| l.context == LineContext::Body && !l.blank && l.list_depth == 0)
        .filter_map(move |l| {
            let at = text_start(bytes, l);
            let first = at
                + bytes[at..l.span.end]
                    .iter()
                    .take_while(|b| **b == b' ')
                    .count();
            let in_paragraph = bytes.get(first) == Some(&b'#')
                && first < l.span.end
                && keep(&bytes[first..l.span.end])
                && doc.tree.innermost(first, Kind::Paragraph).is_some()
                && !doc.outside_markdown(first);
            in_paragraph.then_some((l, at))
        })
}

/// The front matter key a `front_matter_title` option names: our own value is a key
/// (`title`); markdownlint's is a regular expression (`^\s*title\s*[:=]`), read as the key it
/// matches. Empty: no key.
pub(crate) fn title_key(option: &str) -> Option<std::borrow::Cow<'_, str>> {
    // A plain key (the default, `title`) is its own key: borrowed, not rewritten.
    let key_char = |c: char| c.is_alphanumeric() || c == '_';
    if option.starts_with(key_char) && option.chars().all(|c| key_char(c) || c == '-') {
        return Some(std::borrow::Cow::Borrowed(option));
    }
    let cleaned = option.replace("\\s", " ");
    let key: String = cleaned
        .chars()
        .skip_while(|c| !(c.is_alphanumeric() || *c == '_'))
        .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '-')
        .collect();
    (!key.is_empty()).then_some(std::borrow::Cow::Owned(key))
}

/// Whether the page's front matter sets the key `front_matter_title` names.
pub(crate) fn has_title(doc: &Document, option: &str) -> bool {
    title_key(option).is_some_and(|key| {
        doc.front_matter
            .data()
            .and_then(|d| d.get(&key))
            .is_some_and(|v| v.as_str().is_none_or(|s| !s.trim().is_empty()))
    })
}
