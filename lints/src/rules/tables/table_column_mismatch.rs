use crate::declare_lint;
use crate::diagnostic::Diagnostic;
use crate::lint::{Context, Lint, LintMeta};

declare_lint! {
    /// ## What it does
    /// Checks that every row of a table has as many cells as its header row. This is
    /// markdownlint's `MD056` (`table-column-count`).
    ///
    /// kramdown correction: a block attribute list right under the table (`{: .table }`)
    /// belongs to the table: it is not a row of one cell, as markdownlint reads it.
    ///
    /// It is off by default: turn it on with `--extend-select table-column-mismatch` or with `extend-select`
    /// in the configuration file.
    ///
    /// ## Why is this bad?
    /// The renderer pads a short row with empty cells and silently drops the cells of a
    /// long one: a value the author wrote never reaches the page, or lands in the wrong
    /// column.
    ///
    /// ## Example
    /// ```markdown
    /// | Team | Channel |
    /// | ---- | ------- |
    /// | Data | #data | weekly |
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// | Team | Channel | Meeting |
    /// | ---- | ------- | ------- |
    /// | Data | #data   | weekly  |
    /// ```
    pub TableColumnMismatch {
        code: "HB750",
        name: "table-column-mismatch",
        severity: Warning,
        fix: None,
        group: Tables,
        enabled: false,
        phase: Page,
        markdownlint: ("MD056", "table-column-count"),
    }
}

impl Lint for TableColumnMismatch {
    fn meta(&self) -> &'static LintMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for table in cx.doc.tree.tables() {
            let Some((header, body)) = table.rows.split_first() else {
                continue;
            };
            let expected = header.cells.len();
            for row in body.iter().filter(|r| r.cells.len() != expected) {
                let found = row.cells.len();
                let (label, help) = if found < expected {
                    ("too few cells", "add the missing cells")
                } else {
                    (
                        "too many cells",
                        "remove the extra cells or add a column to the header",
                    )
                };
                out.push(
                    Diagnostic::new(
                        &Self::META,
                        row.span,
                        format!("table row has {found} cells, its header {expected}"),
                    )
                    .with_label(label)
                    .with_help(help),
                );
            }
        }
    }
}
