use serde::{Deserialize, Serialize};

use crate::declare_lint;
use crate::diagnostic::Diagnostic;
use crate::lint::{Context, Lint, LintMeta};
use crate::model::Kind;
use crate::options::{OptionField, OptionKind, Options};
use crate::span::Span;

declare_lint! {
    /// ## What it does
    /// Checks for raw HTML elements in Markdown, such as `<br>` or `<div>`, other than
    /// those allowed. This is markdownlint's `MD033` (`no-inline-html`). Closing tags and
    /// comments are not reported, nor anything inside a kramdown `{::nomarkdown}` block
    /// (kramdown correction: markdownlint reports the HTML there, which kramdown outputs
    /// as written on purpose).
    ///
    /// just-the-docs pages use some HTML on purpose (`<span class="label">`, `<details>`):
    /// list those elements in `allowed-elements`.
    ///
    /// It is off by default: turn it on with `--extend-select inline-html` or with
    /// `extend-select` in the configuration file.
    ///
    /// ## Why is this bad?
    /// kramdown does not read Markdown inside most HTML blocks, and raw HTML ties the page
    /// to one theme's styles.
    ///
    /// ## Example
    /// ```markdown
    /// Ask first.<br>Then open an issue.
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// Ask first.
    ///
    /// Then open an issue.
    /// ```
    ///
    /// ## Options
    /// - `allowed-elements` (list of strings, default empty; markdownlint's
    ///   `allowed_elements`): element names allowed anywhere.
    /// - `table-allowed-elements` (list of strings, default empty; markdownlint's
    ///   `table_allowed_elements`): element names allowed in table cells, in place of
    ///   `allowed-elements` when set.
    pub InlineHtml {
        code: "HB861",
        name: "inline-html",
        severity: Warning,
        fix: None,
        group: Inline,
        enabled: false,
        phase: Page,
        markdownlint: ("MD033", "no-inline-html"),
        options: InlineHtmlOptions,
    }
}

/// Options of [`InlineHtml`].
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct InlineHtmlOptions {
    #[serde(alias = "allowed_elements")]
    pub allowed_elements: Vec<String>,
    #[serde(alias = "table_allowed_elements")]
    pub table_allowed_elements: Vec<String>,
}

impl Options for InlineHtmlOptions {
    const FIELDS: &'static [OptionField] = &[
        OptionField {
            name: "allowed-elements",
            aliases: &["allowed_elements"],
            kind: OptionKind::StringList,
            doc: "Element names allowed anywhere.",
        },
        OptionField {
            name: "table-allowed-elements",
            aliases: &["table_allowed_elements"],
            kind: OptionKind::StringList,
            doc: "Element names allowed in table cells (in place of allowed-elements when set).",
        },
    ];
}

impl Lint for InlineHtml {
    fn meta(&self) -> &'static LintMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        let o = cx.options.get::<InlineHtmlOptions>();
        let bytes = doc.text().as_bytes();
        for html in &doc.html {
            let mut i = html.start;
            while let Some(lt) = memchr::memchr(b'<', &bytes[i..html.end]).map(|p| i + p) {
                i = lt + 1;
                let name_len = bytes[lt + 1..html.end]
                    .iter()
                    .take_while(|b| b.is_ascii_alphanumeric() || **b == b'-')
                    .count();
                if name_len == 0 || !bytes[lt + 1].is_ascii_alphabetic() {
                    continue;
                }
                let name = doc.text()[lt + 1..lt + 1 + name_len].to_ascii_lowercase();
                let in_table = doc.tree.innermost(lt, Kind::TableCell).is_some();
                let allowed = if in_table && !o.table_allowed_elements.is_empty() {
                    &o.table_allowed_elements
                } else {
                    &o.allowed_elements
                };
                if allowed.iter().any(|a| a.eq_ignore_ascii_case(&name)) || doc.outside_markdown(lt)
                {
                    continue;
                }
                out.push(
                    Diagnostic::new(
                        &Self::META,
                        Span::new(lt, lt + 1 + name_len),
                        format!("raw HTML element `{name}`"),
                    )
                    .with_label("inline HTML")
                    .with_help("write it in Markdown, or allow the element"),
                );
            }
        }
    }
}
