use crate::blanks;
use crate::declare_lint;
use crate::diagnostic::Diagnostic;
use crate::lint::{Context, Lint, LintMeta};
use crate::span::Span;

declare_lint! {
    /// ## What it does
    /// Checks that a table has a blank line above and below it (the start and end of the
    /// page, its front matter and the edge of a list item or quote count as blank). This is
    /// markdownlint's `MD058` (`blanks-around-tables`).
    ///
    /// kramdown correction: a block attribute list right under the table (`{: .w-100 }`)
    /// belongs to it; the blank line is looked for under it, and no fix separates them.
    ///
    /// It is off by default: turn it on with `--extend-select table-without-blank-lines` or
    /// with `extend-select` in the configuration file.
    ///
    /// ## Why is this bad?
    /// A line of text right under a table is read as one more row of it.
    ///
    /// ## Example
    /// ```markdown
    /// Teams:
    /// | Team | Channel |
    /// | ---- | ------- |
    /// | Data | #data   |
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// Teams:
    ///
    /// | Team | Channel |
    /// | ---- | ------- |
    /// | Data | #data   |
    /// ```
    ///
    /// ## Fix safety
    /// The fix inserts the missing blank line. Outside lists and quotes the page renders as
    /// before: safe. In a list item a blank line can make the list loose: unsafe. In a block
    /// quote there is no fix.
    pub TableWithoutBlankLines {
        code: "HB751",
        name: "table-without-blank-lines",
        severity: Warning,
        fix: Sometimes,
        group: Tables,
        enabled: false,
        phase: Page,
        markdownlint: ("MD058", "blanks-around-tables"),
    }
}

impl Lint for TableWithoutBlankLines {
    fn meta(&self) -> &'static LintMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        for table in doc.tree.tables() {
            let Some(last_row) = table.rows.last() else {
                continue;
            };
            let first_row = &table.rows[0];
            if doc.outside_markdown(first_row.span.start) {
                continue;
            }
            let first = doc.lines.line_of(first_row.span.start);
            // A table of only a header ends with its delimiter row.
            let last = doc
                .lines
                .line_of(last_row.span.start.max(table.delimiter_row.start));
            let around = blanks::around(doc, table.node, first, last);
            let sides = [
                (around.missing_above(1), around.top, first_row.span, "above"),
                (
                    around.missing_below(1),
                    around.bottom + 1,
                    last_row.span,
                    "below",
                ),
            ];
            for (missing, at_line, row, side) in sides {
                let Some(n) = missing else { continue };
                let title = format!("Insert a blank line {side} the table");
                let mut d = Diagnostic::new(
                    &Self::META,
                    Span::new(row.start, row.end.max(row.start)),
                    format!("table without a blank line {side} it"),
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
