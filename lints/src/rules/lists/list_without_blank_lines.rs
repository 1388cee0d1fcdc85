use crate::blanks;
use crate::declare_lint;
use crate::diagnostic::Diagnostic;
use crate::lint::{Context, Lint, LintMeta};
use crate::model::Kind;
use crate::span::Span;

use super::is_toc;

declare_lint! {
    /// ## What it does
    /// Checks that a list has a blank line above and below it (the start and end of the
    /// page, its front matter and the edge of a list item or quote count as blank). This is
    /// markdownlint's `MD032` (`blanks-around-lists`). Nested lists are not checked.
    ///
    /// kramdown correction: the `{:toc}` attribute list under a table-of-contents list
    /// belongs to it (the blank line is looked for under it), as does any block attribute
    /// list right under a list; no fix separates them.
    ///
    /// It is off by default: kramdown's GFM parser, like CommonMark, starts a list right
    /// under a paragraph. Turn it on with `--extend-select list-without-blank-lines` or with
    /// `extend-select` in the configuration file.
    ///
    /// ## Why is this bad?
    /// Other Markdown readers (kramdown's own parser among them) read a list right under a
    /// paragraph as text of the paragraph; and a line right under a list is read as part of
    /// its last item.
    ///
    /// ## Example
    /// ```markdown
    /// You need:
    /// - a laptop
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// You need:
    ///
    /// - a laptop
    /// ```
    ///
    /// ## Fix safety
    /// The fix inserts the missing blank line. Outside lists and quotes the page renders as
    /// before: safe. In a list item a blank line can make the outer list loose: unsafe. In
    /// a block quote there is no fix.
    pub ListWithoutBlankLines {
        code: "HB655",
        name: "list-without-blank-lines",
        severity: Warning,
        fix: Sometimes,
        group: Lists,
        enabled: false,
        phase: Page,
        markdownlint: ("MD032", "blanks-around-lists"),
    }
}

impl Lint for ListWithoutBlankLines {
    fn meta(&self) -> &'static LintMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let (doc, tree) = (cx.doc, &cx.doc.tree);
        let text = doc.text();
        for &list in tree.of_kind(Kind::List) {
            let span = tree.span(list);
            let nested = tree.depth_in(list, Kind::List) > 1;
            if nested || doc.outside_markdown(span.start) || span.is_empty() {
                continue;
            }
            let first = doc.lines.line_of(span.start);
            // The list's span may run over the blank line (or masked attribute list) after it.
            let mut last = doc.lines.line_of(span.end - 1);
            while last > first
                && (blanks::blank(doc, last)
                    || blanks::attr_line(doc, last)
                    || blanks::liquid_line(doc, last))
            {
                last -= 1;
            }
            let around = blanks::around(doc, list, first, last);
            let toc = is_toc(doc, list);
            let sides = [
                (around.missing_above(1), around.top, first, "above"),
                (around.missing_below(1), around.bottom + 1, last, "below"),
            ];
            for (missing, at_line, line, side) in sides {
                let Some(n) = missing else { continue };
                let line_span = doc.lines.line_span(text, line);
                let shown = Span::new(
                    line_span.start.max(span.start),
                    line_span
                        .end
                        .min(span.end)
                        .max(line_span.start.max(span.start)),
                );
                let title = format!("Insert a blank line {side} the list");
                let what = if toc { "table of contents" } else { "list" };
                let mut d = Diagnostic::new(
                    &Self::META,
                    shown,
                    format!("{what} without a blank line {side} it"),
                )
                .with_label(format!("blank line missing {side}"));
                if let Some(fix) = around.fix(doc, at_line, n, title) {
                    d = d.with_fix(fix);
                }
                out.push(d);
            }
        }
    }
}
