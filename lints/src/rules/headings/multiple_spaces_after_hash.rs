use crate::declare_lint;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::lint::{Context, Lint, LintMeta};

use super::{atx_line, text_start};

declare_lint! {
    /// ## What it does
    /// Checks for ATX headings with more than one blank between the hashes and the text,
    /// such as `##  Setup`. This is markdownlint's `MD019` (`no-multiple-space-atx`). Closed
    /// headings (`## Setup ##`) are `multiple-spaces-in-closed-heading`'s.
    ///
    /// It is off by default: turn it on with `--extend-select multiple-spaces-after-hash` or
    /// with `extend-select` in the configuration file.
    ///
    /// ## Why is this bad?
    /// The extra blanks render the same and only make headings harder to search for.
    ///
    /// ## Example
    /// ```markdown
    /// ##  Setup
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// ## Setup
    /// ```
    ///
    /// ## Fix safety
    /// The fix leaves one space. The heading renders as before: it is safe.
    pub MultipleSpacesAfterHash {
        code: "HB603",
        name: "multiple-spaces-after-hash",
        severity: Warning,
        fix: Always,
        group: Headings,
        enabled: false,
        phase: Page,
        markdownlint: ("MD019", "no-multiple-space-atx"),
    }
}

impl Lint for MultipleSpacesAfterHash {
    fn meta(&self) -> &'static LintMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        let bytes = doc.text().as_bytes();
        let table = doc.line_table();
        for h in &doc.headings {
            let Some(info) = doc
                .tree
                .heading(h.node)
                .filter(|i| !i.setext && i.closing.is_none())
            else {
                continue;
            };
            let Some(line) = table.get(doc.lines.line_of(h.span.start)) else {
                continue;
            };
            let from = if line.list_depth > 0 {
                doc.tree.span(info.node).start
            } else {
                text_start(bytes, line)
            };
            let Some(atx) = atx_line(bytes, from, line.span.end) else {
                continue;
            };
            if atx.gap.len() < 2 || atx.text.is_empty() || doc.outside_markdown(h.span.start) {
                continue;
            }
            out.push(
                Diagnostic::new(
                    &Self::META,
                    atx.gap,
                    format!("{} blanks after the heading's hashes", atx.gap.len()),
                )
                .with_label("one space is enough")
                .with_fix(Fix::safe(
                    "Leave one space after the hashes",
                    vec![Edit::replace(atx.gap, " ")],
                )),
            );
        }
    }
}
