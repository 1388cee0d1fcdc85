use std::collections::HashSet;

use crate::declare_lint;
use crate::diagnostic::Diagnostic;
use crate::lint::{Context, Lint, LintMeta};
use crate::span::Span;

use super::{bracket_pairs, normalize_label};

declare_lint! {
    /// ## What it does
    /// Checks for reference links and images whose label has no definition on the page:
    /// `[guide][setup]` (full) and `[setup][]` (collapsed) with no `[setup]: …` line. This
    /// is markdownlint's `MD052` (`reference-links-images`) with its default, which does not
    /// read the shortcut form `[setup]` (too often plain text in brackets). Footnotes
    /// (`[^1]`), code, Liquid and `{::comment}` blocks are not read.
    ///
    /// ## Why is this bad?
    /// Without its definition the link is no link: kramdown prints the brackets and the
    /// label as text.
    ///
    /// ## Example
    /// ```markdown
    /// Read the [setup guide][setup].
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// Read the [setup guide][setup].
    ///
    /// [setup]: setup.md
    /// ```
    pub UndefinedReference {
        code: "HB853",
        name: "undefined-reference",
        severity: Warning,
        fix: None,
        group: Inline,
        enabled: true,
        phase: Page,
        markdownlint: ("MD052", "reference-links-images"),
    }
}

impl Lint for UndefinedReference {
    fn meta(&self) -> &'static LintMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        let (text, bytes) = (doc.text(), doc.text().as_bytes());
        let defined: HashSet<&str> = doc.definitions.iter().map(|d| d.label.as_str()).collect();
        for block in &doc.blocks {
            // A full or collapsed reference (`[text][label]`, `[label][]`) holds `][`.
            if memchr::memmem::find(&bytes[block.start..block.end], b"][").is_none() {
                continue;
            }
            // Each bracket's partner, found once for the block (looking each up by scanning
            // ahead would be quadratic on a line of `[`).
            let pairs = bracket_pairs(bytes, block.start, block.end);
            let close_of = |open: usize| {
                pairs
                    .binary_search_by_key(&open, |p| p.0)
                    .ok()
                    .map(|k| pairs[k].1)
            };
            let mut i = block.start;
            while let Some(open) = memchr::memchr(b'[', &bytes[i..block.end]).map(|p| i + p) {
                i = open + 1;
                if open > 0 && bytes[open - 1] == b'\\' {
                    continue;
                }
                let Some(close) = close_of(open) else {
                    continue;
                };
                if bytes.get(close + 1) != Some(&b'[') {
                    continue;
                }
                let Some(end) = close_of(close + 1) else {
                    continue;
                };
                let label = &text[close + 2..end];
                let label = if label.trim().is_empty() {
                    &text[open + 1..close]
                } else {
                    label
                };
                let key = normalize_label(label);
                let span = Span::new(
                    open - usize::from(open > 0 && bytes[open - 1] == b'!'),
                    end + 1,
                );
                i = end + 1;
                // A label cannot hold brackets: `[a][[b]](url)` is text, then a link.
                let skip = key.is_empty()
                    || text[close + 2..end].contains(['[', ']'])
                    || key.starts_with('^')
                    || defined.contains(key.as_str())
                    || doc.in_verbatim(Span::new(open, open + 1))
                    || doc.outside_markdown(open)
                    || doc
                        .links
                        .iter()
                        .any(|l| l.span.covers(span) || span.covers(l.span));
                if skip {
                    continue;
                }
                out.push(
                    Diagnostic::new(
                        &Self::META,
                        span,
                        format!("reference `{}` has no definition", label.trim()),
                    )
                    .with_label("undefined label")
                    .with_help(format!(
                        "add a definition line `[{}]: destination`",
                        label.trim()
                    )),
                );
            }
        }
    }
}
