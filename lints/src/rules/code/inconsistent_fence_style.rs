use serde::{Deserialize, Serialize};

use crate::declare_lint;
use crate::diagnostic::Diagnostic;
use crate::lint::{Context, Lint, LintMeta};
use crate::options::{OptionField, OptionKind, Options};
use crate::span::Span;

declare_lint! {
    /// ## What it does
    /// Checks that code fences use one character: backticks (```` ``` ````) or tildes
    /// (`~~~`). This is markdownlint's `MD048` (`code-fence-style`).
    ///
    /// It is off by default: turn it on with `--extend-select inconsistent-fence-style` or
    /// with `extend-select` in the configuration file.
    ///
    /// ## Why is this bad?
    /// Mixed fences make the source harder to scan and to search.
    ///
    /// ## Example
    /// ````markdown
    /// ```sh
    /// make
    /// ```
    ///
    /// ~~~sh
    /// make test
    /// ~~~
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
    /// - `style` (string, default `consistent`): `consistent` (the page's first fence),
    ///   `backtick` or `tilde`.
    pub InconsistentFenceStyle {
        code: "HB703",
        name: "inconsistent-fence-style",
        severity: Warning,
        fix: None,
        group: Code,
        enabled: false,
        phase: Page,
        markdownlint: ("MD048", "code-fence-style"),
        options: CodeFenceStyleOptions,
    }
}

/// Options of [`InconsistentFenceStyle`].
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct CodeFenceStyleOptions {
    pub style: String,
}

impl Default for CodeFenceStyleOptions {
    fn default() -> Self {
        CodeFenceStyleOptions {
            style: "consistent".into(),
        }
    }
}

impl Options for CodeFenceStyleOptions {
    const FIELDS: &'static [OptionField] = &[OptionField {
        name: "style",
        aliases: &[],
        kind: OptionKind::String,
        doc: "consistent, backtick or tilde.",
    }];
}

impl Lint for InconsistentFenceStyle {
    fn meta(&self) -> &'static LintMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        let mut expected = match cx.options.get::<CodeFenceStyleOptions>().style.as_str() {
            "backtick" => Some(b'`'),
            "tilde" => Some(b'~'),
            _ => None,
        };
        for code in doc.tree.code_blocks().iter().filter(|c| c.fenced) {
            let span = doc.tree.span(code.node);
            if doc.outside_markdown(span.start) {
                continue;
            }
            let want = *expected.get_or_insert(code.fence_char);
            if code.fence_char == want {
                continue;
            }
            let name = |c: u8| if c == b'`' { "backticks" } else { "tildes" };
            out.push(
                Diagnostic::new(
                    &Self::META,
                    Span::new(span.start, span.start + code.fence_len),
                    format!(
                        "code fence of {}, expected {}",
                        name(code.fence_char),
                        name(want)
                    ),
                )
                .with_label("fence style differs")
                .with_help(format!("fence the block with {}", name(want))),
            );
        }
    }
}
