use serde::{Deserialize, Serialize};

use crate::declare_lint;
use crate::diagnostic::Diagnostic;
use crate::lint::{Context, Lint, LintMeta};
use crate::options::{OptionField, OptionKind, Options};
use crate::span::Span;

declare_lint! {
    /// ## What it does
    /// Checks that the pipes of each table follow one of three layouts: `aligned` (the
    /// pipes of every row, the delimiter row included, in the header's columns),
    /// `compact` (one space on each side of every cell's text, one space in an empty cell)
    /// or `tight` (no space at all). By default a table may use any of them; a table that
    /// follows none is reported against the layout it is closest to, row by row. This is
    /// markdownlint's `MD060` (`table-column-style`). A pipe written `\|` is text, and
    /// the outer pipes are optional in every layout.
    ///
    /// It is off by default: turn it on with `--extend-select inconsistent-table-padding`
    /// or with `extend-select` in the configuration file.
    ///
    /// ## Why is this bad?
    /// A table whose rows are padded in different ways is hard to read and to edit as text,
    /// and every edit of it shows in review as noise.
    ///
    /// ## Example
    /// ```markdown
    /// | Team | Channel |
    /// | --- | --- |
    /// | Data |  #data |
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// | Team | Channel |
    /// | --- | --- |
    /// | Data | #data |
    /// ```
    ///
    /// ## Options
    /// - `style` (string, default `any`): `any`, `aligned`, `compact` or `tight`.
    /// - `aligned-delimiter` (boolean, default false; markdownlint's `aligned_delimiter`):
    ///   the delimiter row's pipes must also be in the header's columns.
    pub InconsistentTablePadding {
        code: "HB753",
        name: "inconsistent-table-padding",
        severity: Warning,
        fix: None,
        group: Tables,
        enabled: false,
        phase: Page,
        markdownlint: ("MD060", "table-column-style"),
        options: TableColumnStyleOptions,
    }
}

/// Options of [`InconsistentTablePadding`].
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct TableColumnStyleOptions {
    pub style: String,
    #[serde(alias = "aligned_delimiter")]
    pub aligned_delimiter: bool,
}

impl Default for TableColumnStyleOptions {
    fn default() -> Self {
        TableColumnStyleOptions {
            style: "any".into(),
            aligned_delimiter: false,
        }
    }
}

impl Options for TableColumnStyleOptions {
    const FIELDS: &'static [OptionField] = &[
        OptionField {
            name: "style",
            aliases: &[],
            kind: OptionKind::String,
            doc: "any, aligned, compact or tight.",
        },
        OptionField {
            name: "aligned-delimiter",
            aliases: &["aligned_delimiter"],
            kind: OptionKind::Bool,
            doc: "The delimiter row's pipes must be in the header's columns too.",
        },
    ];
}

const STYLES: [&str; 3] = ["aligned", "compact", "tight"];

impl Lint for InconsistentTablePadding {
    fn meta(&self) -> &'static LintMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        let options = cx.options.get::<TableColumnStyleOptions>();
        let wanted = STYLES.iter().position(|s| *s == options.style);
        for table in doc.tree.tables() {
            let mut spans: Vec<Span> = table.rows.iter().map(|r| r.span).collect();
            spans.insert(1.min(spans.len()), table.delimiter_row);
            if spans.iter().any(|s| doc.outside_markdown(s.start)) {
                continue;
            }
            let rows: Vec<Layout> = spans.iter().map(|s| Layout::of(doc.slice(*s))).collect();
            // Faults per row, per style.
            let faults: Vec<[usize; 3]> = rows
                .iter()
                .enumerate()
                .map(|(i, row)| {
                    let misaligned = if i > 0 { row.misaligned(&rows[0]) } else { 0 };
                    let mut f = [misaligned, row.padding_faults(1), row.padding_faults(0)];
                    if i == 1 && options.aligned_delimiter {
                        f[1] += misaligned;
                        f[2] += misaligned;
                    }
                    f
                })
                .collect();
            let total = |s: usize| faults.iter().map(|f| f[s]).sum::<usize>();
            let style = match wanted {
                Some(s) => s,
                None if (0..3).any(|s| total(s) == 0) => continue,
                // The closest layout: the fewest faults, the first on a tie.
                None => (0..3).min_by_key(|&s| total(s)).unwrap_or(0),
            };
            for (span, f) in spans.iter().zip(&faults) {
                if f[style] == 0 {
                    continue;
                }
                let what = if style == 0 {
                    "pipes not in the header's columns"
                } else {
                    "cells not padded"
                };
                out.push(
                    Diagnostic::new(
                        &Self::META,
                        *span,
                        format!(
                            "table row with {what}, expected the {} layout",
                            STYLES[style]
                        ),
                    )
                    .with_label(format!("not {}", STYLES[style]))
                    .with_help(format!(
                        "lay the row out like the {} table's other rows",
                        STYLES[style]
                    )),
                );
            }
        }
    }
}

/// One row as written: the columns of its pipes, and the blanks on each side of each cell.
struct Layout {
    pipes: Vec<usize>,
    /// Per cell: blanks before the text, blanks after it, whether it has text, and whether
    /// a pipe stands before and after it.
    cells: Vec<(usize, usize, bool, bool, bool)>,
}

impl Layout {
    fn of(row: &str) -> Layout {
        let text = row.as_bytes();
        let mut pipes = Vec::new();
        let mut bounds = Vec::new();
        let (mut col, mut escaped) = (0, false);
        for (i, c) in row.char_indices() {
            if c == '|' && !escaped {
                pipes.push(col);
                bounds.push(i);
            }
            escaped = c == '\\' && !escaped;
            col += super::width(c);
        }
        let mut cells = Vec::new();
        let mut start = 0;
        let mut after_pipe = false;
        for at in bounds.iter().copied().chain([text.len()]) {
            let cell = &text[start..at];
            let closed = at < text.len();
            if !(cell.is_empty() && (start == 0 || !closed)) {
                let lead = cell.iter().take_while(|b| **b == b' ').count();
                let trail = cell.iter().rev().take_while(|b| **b == b' ').count();
                cells.push((lead, trail, lead < cell.len(), after_pipe, closed));
            }
            start = at + 1;
            after_pipe = true;
        }
        Layout { pipes, cells }
    }

    /// Pipes not in the column of the header's pipe of the same rank.
    fn misaligned(&self, header: &Layout) -> usize {
        self.pipes
            .iter()
            .zip(&header.pipes)
            .filter(|(a, b)| a != b)
            .count()
    }

    /// Sides of cells with other than `pad` blanks (one blank in all for an empty cell in
    /// the compact layout, none in the tight one); the side of a missing outer pipe is free.
    fn padding_faults(&self, pad: usize) -> usize {
        let mut faults = 0;
        for &(lead, trail, text, open, closed) in &self.cells {
            if !text {
                faults += usize::from(open && closed && lead != pad);
                continue;
            }
            faults += usize::from(open && lead != pad);
            faults += usize::from(closed && trail != pad);
        }
        faults
    }
}
