use serde::{Deserialize, Serialize};

use crate::declare_lint;
use crate::diagnostic::Diagnostic;
use crate::lint::{Context, Lint, LintMeta};
use crate::model::Kind;
use crate::options::{OptionField, OptionKind, Options};

declare_lint! {
    /// ## What it does
    /// Checks that emphasis (`*a*`, `_a_`) is written with one marker: asterisks or underscores. This is
    /// markdownlint's `MD049` (`emphasis-style`). Code, Liquid and `{::comment}` blocks are not read.
    ///
    /// It is off by default: turn it on with `--extend-select inconsistent-emphasis-marker` or with
    /// `extend-select` in the configuration file.
    ///
    /// ## Why is this bad?
    /// Mixed markers make the source harder to scan, and underscores do not work inside a
    /// word.
    ///
    /// ## Example
    /// ```markdown
    /// A *emphasis* then a _emphasis_.
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// A *emphasis* then a *emphasis*.
    /// ```
    ///
    /// ## Fix safety
    /// The fix replaces the markers. It is safe, except when underscores would stand
    /// inside a word, where they stop working: unsafe.
    ///
    /// ## Options
    /// - `style` (string, default `consistent`): `consistent` (the page's first),
    ///   `asterisk` or `underscore`.
    pub InconsistentEmphasisMarker {
        code: "HB857",
        name: "inconsistent-emphasis-marker",
        severity: Warning,
        fix: Always,
        group: Inline,
        enabled: false,
        phase: Page,
        markdownlint: ("MD049", "emphasis-style"),
        options: EmphasisStyleOptions,
    }
}

/// Options of [`InconsistentEmphasisMarker`].
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct EmphasisStyleOptions {
    pub style: String,
}

impl Default for EmphasisStyleOptions {
    fn default() -> Self {
        EmphasisStyleOptions {
            style: "consistent".into(),
        }
    }
}

impl Options for EmphasisStyleOptions {
    const FIELDS: &'static [OptionField] = &[OptionField {
        name: "style",
        aliases: &[],
        kind: OptionKind::String,
        doc: "consistent, asterisk or underscore.",
    }];
}

impl Lint for InconsistentEmphasisMarker {
    fn meta(&self) -> &'static LintMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let style = &cx.options.get::<EmphasisStyleOptions>().style;
        out.extend(super::emphasis_style(
            cx,
            Kind::Emphasis,
            1,
            style,
            &Self::META,
        ));
    }
}
