use crate::declare_lint;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::lint::{Context, Lint, LintMeta};
use crate::span::Span;

use super::{atx_line, text_start};

declare_lint! {
    /// ## What it does
    /// Checks for closed ATX headings with more than one blank between the text and the
    /// hashes on either side, such as `##  Setup  ##`. This is markdownlint's `MD021`
    /// (`no-multiple-space-closed-atx`).
    ///
    /// It is off by default: turn it on with `--extend-select multiple-spaces-in-closed-heading`
    /// or with `extend-select` in the configuration file.
    ///
    /// ## Why is this bad?
    /// The extra blanks render the same and only make headings harder to search for.
    ///
    /// ## Example
    /// ```markdown
    /// ##  Setup  ##
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// ## Setup ##
    /// ```
    ///
    /// ## Fix safety
    /// The fix leaves one space on each side. The heading renders as before: it is safe.
    pub MultipleSpacesInClosedHeading {
        code: "HB605",
        name: "multiple-spaces-in-closed-heading",
        severity: Warning,
        fix: Always,
        group: Headings,
        enabled: false,
        phase: Page,
        markdownlint: ("MD021", "no-multiple-space-closed-atx"),
    }
}

impl Lint for MultipleSpacesInClosedHeading {
    fn meta(&self) -> &'static LintMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        let bytes = doc.text().as_bytes();
        let table = doc.line_table();
        for h in &doc.headings {
            let Some(info) = doc.tree.heading(h.node) else {
                continue;
            };
            let Some(line) = table.get(doc.lines.line_of(h.span.start)) else {
                continue;
            };
            if info.setext || info.closing.is_none() || doc.outside_markdown(h.span.start) {
                continue;
            }
            let from = if line.list_depth > 0 {
                doc.tree.span(info.node).start
            } else {
                text_start(bytes, line)
            };
            let Some(atx) = atx_line(bytes, from, line.span.end) else {
                continue;
            };
            let Some((blanks, run)) = atx.close else {
                continue;
            };
            let wide: Vec<Span> = [atx.gap, blanks]
                .into_iter()
                .filter(|s| s.len() > 1)
                .collect();
            if wide.is_empty() || atx.text.is_empty() {
                continue;
            }
            let edits = wide.iter().map(|s| Edit::replace(*s, " ")).collect();
            out.push(
                Diagnostic::new(
                    &Self::META,
                    Span::new(atx.open.start, run.end),
                    "more than one blank between a closed heading's text and hashes",
                )
                .with_label("one space is enough")
                .with_fix(Fix::safe("Leave one space on each side", edits)),
            );
        }
    }
}
