use crate::declare_lint;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::lint::{Context, Lint, LintMeta};
use crate::span::Span;

use super::{atx_line, ends_with_hash, paragraph_lines, text_start};

declare_lint! {
    /// ## What it does
    /// Checks for closed ATX headings (`## Title ##`) with no space between the text and the
    /// hashes on either side, such as `##Title##` or `## Title##`. This is markdownlint's
    /// `MD020` (`no-missing-space-closed-atx`).
    ///
    /// It is off by default: a heading that ends in a hash on purpose (`## Learn C#`) looks
    /// the same. Turn it on with `--extend-select missing-space-in-closed-heading` or with
    /// `extend-select` in the configuration file.
    ///
    /// ## Why is this bad?
    /// `##Title##` is a paragraph, not a heading, and in `## Title##` the closing hashes are
    /// part of the text: the reader sees them.
    ///
    /// ## Example
    /// ```markdown
    /// ## Setup##
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// ## Setup ##
    /// ```
    ///
    /// ## Fix safety
    /// The fix inserts the missing spaces. The line becomes a heading, or its text loses the
    /// hashes: the page changes, so the fix is unsafe.
    pub MissingSpaceInClosedHeading {
        code: "HB604",
        name: "missing-space-in-closed-heading",
        severity: Warning,
        fix: Always,
        group: Headings,
        enabled: false,
        phase: Page,
        markdownlint: ("MD020", "no-missing-space-closed-atx"),
    }
}

impl Lint for MissingSpaceInClosedHeading {
    fn meta(&self) -> &'static LintMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        let bytes = doc.text().as_bytes();
        let table = doc.line_table();
        // Only a line that ends with `#` can have a closing run: that is asked first, of the
        // text, before the tree and the line table are.
        let headings = doc.headings.iter().filter_map(|h| {
            let n = doc.lines.line_of(h.span.start);
            let own = doc.lines.line_span(doc.text(), n);
            if !ends_with_hash(&bytes[own.range()]) {
                return None;
            }
            let info = doc.tree.heading(h.node)?;
            let line = table.get(n)?;
            (!info.setext && line.list_depth == 0).then_some(line)
        });
        let lines = headings.chain(paragraph_lines(doc, ends_with_hash).map(|(l, _)| l));
        for line in lines {
            let at = text_start(bytes, line);
            let Some(atx) = atx_line(bytes, at, line.span.end) else {
                continue;
            };
            let Some((blanks, run)) = atx.close else {
                continue;
            };
            if atx.text.is_empty() || (!atx.gap.is_empty() && !blanks.is_empty()) {
                continue;
            }
            let mut edits = Vec::new();
            if atx.gap.is_empty() {
                edits.push(Edit::insert(atx.open.end, " "));
            }
            if blanks.is_empty() {
                edits.push(Edit::insert(run.start, " "));
            }
            out.push(
                Diagnostic::new(
                    &Self::META,
                    Span::new(atx.open.start, run.end),
                    "closed heading without a space between its text and hashes",
                )
                .with_label("space missing")
                .with_fix(Fix::unsafe_("Insert the missing spaces", edits)),
            );
        }
    }
}
