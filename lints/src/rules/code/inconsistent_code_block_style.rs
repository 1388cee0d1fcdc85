use serde::{Deserialize, Serialize};

use crate::declare_lint;
use crate::diagnostic::Diagnostic;
use crate::lint::{Context, Lint, LintMeta};
use crate::options::{OptionField, OptionKind, Options};
use crate::span::Span;

declare_lint! {
    /// ## What it does
    /// Checks that code blocks are written one way: fenced (```` ``` ````) or indented by
    /// four spaces. This is markdownlint's `MD046` (`code-block-style`).
    ///
    /// It is off by default: turn it on with `--extend-select inconsistent-code-block-style`
    /// or with `extend-select` in the configuration file.
    ///
    /// ## Why is this bad?
    /// An indented block cannot name its language, so it is not highlighted; and a line
    /// indented by accident becomes code.
    ///
    /// ## Example
    /// ````markdown
    /// ```sh
    /// make
    /// ```
    ///
    ///     make test
    /// ````
    ///
    /// ## Use instead
    /// ````markdown
    /// ```sh
    /// make
    /// ```
    ///
    /// ```sh
    /// make test
    /// ```
    /// ````
    ///
    /// ## Options
    /// - `style` (string, default `consistent`): `consistent` (the page's first block),
    ///   `fenced` or `indented`.
    pub InconsistentCodeBlockStyle {
        code: "HB702",
        name: "inconsistent-code-block-style",
        severity: Warning,
        fix: None,
        group: Code,
        enabled: false,
        phase: Page,
        markdownlint: ("MD046", "code-block-style"),
        options: CodeBlockStyleOptions,
    }
}

/// Options of [`InconsistentCodeBlockStyle`].
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct CodeBlockStyleOptions {
    pub style: String,
}

impl Default for CodeBlockStyleOptions {
    fn default() -> Self {
        CodeBlockStyleOptions {
            style: "consistent".into(),
        }
    }
}

impl Options for CodeBlockStyleOptions {
    const FIELDS: &'static [OptionField] = &[OptionField {
        name: "style",
        aliases: &[],
        kind: OptionKind::String,
        doc: "consistent, fenced or indented.",
    }];
}

impl Lint for InconsistentCodeBlockStyle {
    fn meta(&self) -> &'static LintMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        let mut expected = match cx.options.get::<CodeBlockStyleOptions>().style.as_str() {
            "fenced" => Some(true),
            "indented" => Some(false),
            _ => None,
        };
        for code in doc.tree.code_blocks() {
            let span = doc.tree.span(code.node);
            if doc.outside_markdown(span.start) {
                continue;
            }
            let want = *expected.get_or_insert(code.fenced);
            if code.fenced == want {
                continue;
            }
            let name = |fenced: bool| if fenced { "fenced" } else { "indented" };
            let line_end = doc
                .lines
                .line_end(doc.text(), doc.lines.line_of(span.start));
            out.push(
                Diagnostic::new(
                    &Self::META,
                    Span::new(span.start, line_end.clamp(span.start, span.end)),
                    format!("{} code block, expected {}", name(code.fenced), name(want)),
                )
                .with_label("code block style differs")
                .with_help(format!("write the block {}", name(want))),
            );
        }
    }
}
