use serde::{Deserialize, Serialize};

use crate::declare_lint;
use crate::diagnostic::Diagnostic;
use crate::lint::{Context, Lint, LintMeta};
use crate::model::Kind;
use crate::options::{OptionField, OptionKind, Options};
use crate::span::Span;

declare_lint! {
    /// ## What it does
    /// Checks that thematic breaks (horizontal rules) are written one way, such as `---`
    /// everywhere. This is markdownlint's `MD035` (`hr-style`). The front matter's `---`
    /// lines are not thematic breaks.
    ///
    /// It is off by default: turn it on with `--extend-select inconsistent-thematic-break`
    /// or with `extend-select` in the configuration file.
    ///
    /// ## Why is this bad?
    /// Mixed forms make the source harder to scan; and `---` right under a line of text
    /// makes that text a heading, where `***` does not.
    ///
    /// ## Example
    /// ```markdown
    /// ---
    ///
    /// * * *
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// ---
    ///
    /// ---
    /// ```
    ///
    /// ## Options
    /// - `style` (string, default `consistent`): `consistent` (the page's first break), or
    ///   the break as it must be written (`---`, `***`, `* * *`…).
    pub InconsistentThematicBreak {
        code: "HB720",
        name: "inconsistent-thematic-break",
        severity: Warning,
        fix: None,
        group: Blocks,
        enabled: false,
        phase: Page,
        markdownlint: ("MD035", "hr-style"),
        options: HrStyleOptions,
    }
}

/// Options of [`InconsistentThematicBreak`].
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct HrStyleOptions {
    pub style: String,
}

impl Default for HrStyleOptions {
    fn default() -> Self {
        HrStyleOptions {
            style: "consistent".into(),
        }
    }
}

impl Options for HrStyleOptions {
    const FIELDS: &'static [OptionField] = &[OptionField {
        name: "style",
        aliases: &[],
        kind: OptionKind::String,
        doc: "consistent, or the thematic break as it must be written.",
    }];
}

impl Lint for InconsistentThematicBreak {
    fn meta(&self) -> &'static LintMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        let style = &cx.options.get::<HrStyleOptions>().style;
        let mut expected: Option<String> = (style != "consistent").then(|| style.clone());
        for &hr in doc.tree.of_kind(Kind::ThematicBreak) {
            let span = doc.tree.span(hr);
            let line = doc
                .lines
                .line_span(doc.text(), doc.lines.line_of(span.start));
            // The whole line: a break stands alone on it.
            let written = doc.slice(line).trim();
            if written.is_empty() || doc.outside_markdown(span.start) {
                continue;
            }
            let want = expected.get_or_insert_with(|| written.to_string());
            if written == want {
                continue;
            }
            let at = line.start + doc.slice(line).find(written).unwrap_or(0);
            out.push(
                Diagnostic::new(
                    &Self::META,
                    Span::new(at, at + written.len()),
                    format!("thematic break written `{written}`, expected `{want}`"),
                )
                .with_label("break style differs")
                .with_help(format!("write `{want}`")),
            );
        }
    }
}
