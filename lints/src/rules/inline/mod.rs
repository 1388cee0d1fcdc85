//! Inline: links, images and references as the reader sees them.

mod bare_url;
mod code_span_spaces;
mod disallowed_link_style;
mod emphasis_spaces;
mod empty_link;
mod inconsistent_emphasis_marker;
mod inconsistent_strong_marker;
mod inline_html;
mod link_text_spaces;
mod missing_alt_text;
mod proper_name_case;
mod reversed_link;
mod undefined_reference;
mod unused_reference_definition;
mod vague_link_text;

pub use bare_url::BareUrl;
pub use code_span_spaces::CodeSpanSpaces;
pub use disallowed_link_style::DisallowedLinkStyle;
pub use emphasis_spaces::EmphasisSpaces;
pub use empty_link::EmptyLink;
pub use inconsistent_emphasis_marker::InconsistentEmphasisMarker;
pub use inconsistent_strong_marker::InconsistentStrongMarker;
pub use inline_html::InlineHtml;
pub use link_text_spaces::LinkTextSpaces;
pub use missing_alt_text::MissingAltText;
pub use proper_name_case::ProperNameCase;
pub use reversed_link::ReversedLink;
pub use undefined_reference::UndefinedReference;
pub use unused_reference_definition::UnusedReferenceDefinition;
pub use vague_link_text::VagueLinkText;

/// The `]` that closes the `[` at `open` (brackets nest, `\` escapes), on the same block.
pub(crate) fn closing_bracket(bytes: &[u8], open: usize, end: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut i = open;
    // From one `\\`, `[` or `]` to the next.
    while let Some(at) = bytes
        .get(i..end)
        .and_then(|rest| memchr::memchr3(b'\\', b'[', b']', rest))
        .map(|p| i + p)
    {
        match bytes[at] {
            b'\\' => {
                i = at + 2;
                continue;
            }
            b'[' => depth += 1,
            _ => {
                // A `]` before any `[`: `open` was not a bracket.
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(at);
                }
            }
        }
        i = at + 1;
    }
    None
}

/// Every `[` of `bytes[start..end]` with the `]` that closes it (brackets nest, `\` escapes),
/// as [`closing_bracket`] finds it, in one pass: `(open, close)` sorted by `open`.
pub(crate) fn bracket_pairs(bytes: &[u8], start: usize, end: usize) -> Vec<(usize, usize)> {
    let mut open: Vec<usize> = Vec::new();
    let mut pairs = Vec::new();
    let mut i = start;
    // From one `\\`, `[` or `]` to the next.
    while let Some(at) = bytes
        .get(i..end)
        .and_then(|rest| memchr::memchr3(b'\\', b'[', b']', rest))
        .map(|p| i + p)
    {
        match bytes[at] {
            b'\\' => i = at + 2,
            b'[' => {
                open.push(at);
                i = at + 1;
            }
            _ => {
                if let Some(o) = open.pop() {
                    pairs.push((o, at));
                }
                i = at + 1;
            }
        }
    }
    pairs.sort_unstable();
    pairs
}

/// A reference label as CommonMark matches it: case-folded, inner blanks collapsed.
pub(crate) fn normalize_label(label: &str) -> String {
    label
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// [`normalize_label`] written into `buf` (cleared first): an ASCII label, nearly every
/// one, costs no allocation once `buf` has room.
pub(crate) fn normalize_label_into<'b>(label: &str, buf: &'b mut String) -> &'b str {
    buf.clear();
    if !label.is_ascii() {
        buf.push_str(&normalize_label(label));
        return buf;
    }
    for word in label.split_whitespace() {
        if !buf.is_empty() {
            buf.push(' ');
        }
        buf.extend(word.chars().map(|c| c.to_ascii_lowercase()));
    }
    buf
}

/// The findings of an emphasis-style lint: every `kind` node (emphasis, `len` 1, or strong,
/// `len` 2) whose marker is not the `style`'s (`asterisk`, `underscore`, or `consistent`:
/// the page's first).
pub(crate) fn emphasis_style(
    cx: &crate::lint::Context<'_>,
    kind: crate::model::Kind,
    len: usize,
    style: &str,
    meta: &'static crate::lint::LintMeta,
) -> Vec<crate::diagnostic::Diagnostic> {
    use crate::diagnostic::{Diagnostic, Edit, Fix};
    use crate::span::Span;
    let doc = cx.doc;
    let bytes = doc.text().as_bytes();
    let mut expected = match style {
        "asterisk" => Some(b'*'),
        "underscore" => Some(b'_'),
        _ => None,
    };
    let mut out = Vec::new();
    for &node in doc.tree.of_kind(kind) {
        let span = doc.tree.span(node);
        let raw = &bytes[span.range()];
        let c = raw.first().copied().unwrap_or(0);
        let run = raw.iter().take_while(|b| **b == c).count();
        let closing = raw.iter().rev().take_while(|b| **b == c).count();
        if !matches!(c, b'*' | b'_') || run != len || closing != len || raw.len() <= 2 * len {
            continue;
        }
        if doc.outside_markdown(span.start) {
            continue;
        }
        let want = *expected.get_or_insert(c);
        if c == want {
            continue;
        }
        let name = |c: u8| {
            if c == b'*' {
                "asterisks"
            } else {
                "underscores"
            }
        };
        let marker = (want as char).to_string().repeat(len);
        let edits = vec![
            Edit::replace(Span::new(span.start, span.start + len), marker.clone()),
            Edit::replace(Span::new(span.end - len, span.end), marker),
        ];
        // `_` does not work inside a word: switching to it next to letters is unsafe.
        let word = |i: Option<&u8>| i.is_some_and(|b| b.is_ascii_alphanumeric());
        let inside_word =
            word(span.start.checked_sub(1).and_then(|i| bytes.get(i))) || word(bytes.get(span.end));
        let title = format!("Use {}", name(want));
        let fix = if want == b'_' && inside_word {
            Fix::unsafe_(title, edits)
        } else {
            Fix::safe(title, edits)
        };
        out.push(
            Diagnostic::new(
                meta,
                Span::new(span.start, span.start + len),
                format!("emphasis written with {}, expected {}", name(c), name(want)),
            )
            .with_label("marker differs")
            .with_fix(fix),
        );
    }
    out
}

/// Whether `text` is its own plain form, known without writing it: ASCII lowercase words
/// without punctuation, one space between them (the default texts are).
pub(super) fn already_plain(text: &str) -> bool {
    let bytes = text.as_bytes();
    let word =
        |b: &u8| !(b.is_ascii_punctuation() || b.is_ascii_uppercase() || b.is_ascii_whitespace());
    let mut after_space = true;
    for b in bytes {
        match b {
            b' ' if !after_space => after_space = true,
            _ if word(b) && *b != 0x0b && b.is_ascii() => after_space = false,
            _ => return false,
        }
    }
    !after_space
}

/// Whether the plain form of `text` holds a character outside ASCII: a letter that stays
/// outside ASCII once lowercased (all but a few do), which no ASCII text can match.
pub(super) fn never_ascii(text: &str) -> bool {
    !text.is_ascii()
        && text
            .chars()
            .any(|c| !c.is_ascii() && !c.is_whitespace() && c.to_lowercase().any(|l| !l.is_ascii()))
}

/// `vague-link-text`'s plain form (no punctuation, case or extra blanks) of an ASCII `text`, written into `scratch` with no new allocation; `None` for
/// other text.
pub(super) fn plain_ascii<'s>(text: &str, scratch: &'s mut String) -> Option<&'s str> {
    if !text.is_ascii() {
        return None;
    }
    // For ASCII, `plain` drops the punctuation, joins the words between blanks with one
    // space and lowercases: the same here, character by character.
    scratch.clear();
    let mut gap = false;
    for c in text.chars().filter(|c| !c.is_ascii_punctuation()) {
        if c.is_whitespace() {
            gap = !scratch.is_empty();
        } else {
            if gap {
                scratch.push(' ');
                gap = false;
            }
            scratch.push(c.to_ascii_lowercase());
        }
    }
    Some(scratch)
}
