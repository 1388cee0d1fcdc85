use serde::{Deserialize, Serialize};

use crate::declare_lint;
use crate::diagnostic::Diagnostic;
use crate::lint::{Context, Lint, LintMeta};
use crate::options::{OptionField, OptionKind, Options};
use crate::span::Span;

declare_lint! {
    /// ## What it does
    /// Checks that the rows of tables start and end with pipes the same way: both
    /// (`| a | b |`), neither (`a | b`), or only one side. This is markdownlint's `MD055`
    /// (`table-pipe-style`).
    ///
    /// kramdown correction: a block attribute list right under the table (`{: .table }`)
    /// is not a row without pipes, as markdownlint reads it.
    ///
    /// It is off by default: turn it on with `--extend-select inconsistent-table-pipes` or
    /// with `extend-select` in the configuration file.
    ///
    /// ## Why is this bad?
    /// A row without its outer pipes is easy to mistake for text, and mixed styles make
    /// tables hard to edit.
    ///
    /// ## Example
    /// ```markdown
    /// | Team | Channel |
    /// | ---- | ------- |
    /// Data | #data
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// | Team | Channel |
    /// | ---- | ------- |
    /// | Data | #data   |
    /// ```
    ///
    /// ## Options
    /// - `style` (string, default `consistent`): `consistent` (the page's first row),
    ///   `leading_and_trailing`, `leading_only`, `trailing_only` or
    ///   `no_leading_or_trailing`.
    pub InconsistentTablePipes {
        code: "HB752",
        name: "inconsistent-table-pipes",
        severity: Warning,
        fix: None,
        group: Tables,
        enabled: false,
        phase: Page,
        markdownlint: ("MD055", "table-pipe-style"),
        options: TablePipeStyleOptions,
    }
}

/// Options of [`InconsistentTablePipes`].
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct TablePipeStyleOptions {
    pub style: String,
}

impl Default for TablePipeStyleOptions {
    fn default() -> Self {
        TablePipeStyleOptions {
            style: "consistent".into(),
        }
    }
}

impl Options for TablePipeStyleOptions {
    const FIELDS: &'static [OptionField] = &[OptionField {
        name: "style",
        aliases: &[],
        kind: OptionKind::String,
        doc: "consistent, leading_and_trailing, leading_only, trailing_only or no_leading_or_trailing.",
    }];
}

fn style_name(style: (bool, bool)) -> &'static str {
    match style {
        (true, true) => "leading_and_trailing",
        (true, false) => "leading_only",
        (false, true) => "trailing_only",
        (false, false) => "no_leading_or_trailing",
    }
}

impl Lint for InconsistentTablePipes {
    fn meta(&self) -> &'static LintMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        let bytes = doc.text().as_bytes();
        let mut expected = match cx.options.get::<TablePipeStyleOptions>().style.as_str() {
            "leading_and_trailing" => Some((true, true)),
            "leading_only" => Some((true, false)),
            "trailing_only" => Some((false, true)),
            "no_leading_or_trailing" => Some((false, false)),
            _ => None,
        };
        for table in doc.tree.tables() {
            let mut rows: Vec<Span> = table.rows.iter().map(|r| r.span).collect();
            rows.insert(1.min(rows.len()), table.delimiter_row);
            for row in rows.into_iter().filter(|r| !r.is_empty()) {
                if doc.outside_markdown(row.start) {
                    continue;
                }
                let text = &bytes[row.range()];
                let leading = text.first() == Some(&b'|');
                let trailing = text.last() == Some(&b'|')
                    && !(text.len() >= 2 && text[text.len() - 2] == b'\\');
                let written = (leading, trailing);
                let want = *expected.get_or_insert(written);
                if written == want {
                    continue;
                }
                out.push(
                    Diagnostic::new(
                        &Self::META,
                        row,
                        format!(
                            "table row with pipes {}, expected {}",
                            style_name(written),
                            style_name(want)
                        ),
                    )
                    .with_label("pipe style differs")
                    .with_help("write the outer pipes like the other rows"),
                );
            }
        }
    }
}
