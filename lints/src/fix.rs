//! Applying fixes: byte-range edits to the original text, never a re-render.

use crate::diagnostic::{Applicability, Diagnostic, Edit};

/// Apply `edits` (sorted by start, not overlapping) to `text`. Edits that overlap an earlier
/// one are skipped and returned in the second list.
pub fn apply(text: &str, edits: &[Edit]) -> (String, Vec<Edit>) {
    let mut out = String::with_capacity(text.len() + 16);
    let mut skipped = Vec::new();
    let mut at = 0;
    for e in edits {
        if e.span.start < at || e.span.end > text.len() {
            skipped.push(e.clone());
            continue;
        }
        out.push_str(&text[at..e.span.start]);
        out.push_str(&e.replacement);
        at = e.span.end;
    }
    out.push_str(&text[at..]);
    (out, skipped)
}

/// Apply the fixes of `diagnostics` that `allowed` admits, one pass: a fix is applied whole
/// or not at all, and never together with a fix it overlaps. Returns the new text and how
/// many fixes were applied.
pub fn apply_fixes(
    text: &str,
    diagnostics: &[Diagnostic],
    allowed: Applicability,
) -> (String, usize) {
    let mut fixes: Vec<&[Edit]> = diagnostics
        .iter()
        .filter_map(|d| d.fix.as_ref())
        .filter(|f| f.applicability <= allowed && !f.edits.is_empty())
        .map(|f| f.edits.as_slice())
        .collect();
    fixes.sort_by_key(|edits| edits.iter().map(|e| e.span.start).min());
    let mut chosen: Vec<Edit> = Vec::new();
    let mut applied = 0;
    for edits in fixes {
        let clashes = edits.iter().any(|e| {
            chosen
                .iter()
                .any(|c| c.span.overlaps(e.span) || c.span.start == e.span.start)
        });
        if !clashes {
            chosen.extend(edits.iter().cloned());
            applied += 1;
        }
    }
    chosen.sort_by_key(|e| (e.span.start, e.span.end));
    (apply(text, &chosen).0, applied)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::Span;

    #[test]
    fn applies_non_overlapping_edits_and_keeps_other_bytes() {
        let text = "a\\b\r\nc)";
        let edits = [
            Edit::replace(Span::new(1, 2), "/"),
            Edit::replace(Span::new(1, 3), "x"),
            Edit::delete(Span::new(6, 7)),
        ];
        let (out, skipped) = apply(text, &edits);
        assert_eq!(out, "a/b\r\nc");
        assert_eq!(skipped.len(), 1);
    }
}
