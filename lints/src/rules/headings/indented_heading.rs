use crate::declare_lint;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::lint::{Context, Lint, LintMeta};
use crate::span::Span;

use super::text_start;

declare_lint! {
    /// ## What it does
    /// Checks for headings that do not start at the beginning of their line (or of their
    /// block quote line), such as `  # Setup`. This is markdownlint's `MD023`
    /// (`heading-start-left`). Headings inside list items are not checked.
    ///
    /// ## Why is this bad?
    /// kramdown reads an ATX heading only when its first `#` starts the line: Jekyll prints
    /// `  # Setup` as a paragraph with a hash in it, where GitHub's preview shows a heading.
    /// The reader sees the broken heading, and the section is missing from the table of
    /// contents. (An indented setext heading is still a heading for kramdown; it is reported
    /// as markdownlint does, for consistency.)
    ///
    /// ## Example
    /// ```markdown
    ///   # Setup
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// # Setup
    /// ```
    ///
    /// ## Fix safety
    /// The fix deletes the blanks before the heading. It is safe: the heading is what every
    /// CommonMark reader already shows, and kramdown then shows it too.
    pub IndentedHeading {
        code: "HB607",
        name: "indented-heading",
        severity: Warning,
        fix: Always,
        group: Headings,
        enabled: true,
        phase: Page,
        markdownlint: ("MD023", "heading-start-left"),
    }
}

impl Lint for IndentedHeading {
    fn meta(&self) -> &'static LintMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        let bytes = doc.text().as_bytes();
        let table = doc.line_table();
        for h in &doc.headings {
            let Some(line) = table.get(doc.lines.line_of(h.span.start)) else {
                continue;
            };
            if line.list_depth > 0 || doc.outside_markdown(h.span.start) {
                continue;
            }
            let at = text_start(bytes, line);
            let n = bytes[at..line.span.end]
                .iter()
                .take_while(|b| **b == b' ' || **b == b'\t')
                .count();
            if n == 0 || at + n >= line.span.end {
                continue;
            }
            let blanks = Span::new(at, at + n);
            let plural = if n == 1 { "" } else { "s" };
            out.push(
                Diagnostic::new(
                    &Self::META,
                    Span::new(blanks.start, h.span.end.max(blanks.end)),
                    format!("heading indented by {n} blank{plural}"),
                )
                .with_label(if h.setext {
                    "indented heading"
                } else {
                    "kramdown reads this as text"
                })
                .with_fix(Fix::safe(
                    "Start the heading at the beginning of the line",
                    vec![Edit::delete(blanks)],
                )),
            );
        }
    }
}
