//! Inline: links, images and references as the reader sees them.

mod empty_link;
mod missing_alt_text;
mod reversed_link;
mod undefined_reference;
mod unused_reference_definition;

pub use empty_link::EmptyLink;
pub use missing_alt_text::MissingAltText;
pub use reversed_link::ReversedLink;
pub use undefined_reference::UndefinedReference;
pub use unused_reference_definition::UnusedReferenceDefinition;

/// The `]` that closes the `[` at `open` (brackets nest, `\` escapes), on the same block.
pub(crate) fn closing_bracket(bytes: &[u8], open: usize, end: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut i = open;
    while i < end {
        match bytes[i] {
            b'\\' => i += 1,
            b'[' => depth += 1,
            b']' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// A reference label as CommonMark matches it: case-folded, inner blanks collapsed.
pub(crate) fn normalize_label(label: &str) -> String {
    label
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}
