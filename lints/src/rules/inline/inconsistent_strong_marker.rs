use serde::{Deserialize, Serialize};

use crate::declare_lint;
use crate::diagnostic::Diagnostic;
use crate::lint::{Context, Lint, LintMeta};
use crate::model::Kind;
use crate::options::{OptionField, OptionKind, Options};

declare_lint! {
    /// ## What it does
    /// Checks that strong emphasis (`**a**`, `__a__`) is written with one marker: asterisks or underscores. This is
    /// markdownlint's `MD050` (`strong-style`). Code, Liquid and `{::comment}` blocks are not read.
    ///
    /// It is off by default: turn it on with `--extend-select inconsistent-strong-marker` or with
    /// `extend-select` in the configuration file.
    ///
    /// ## Why is this bad?
    /// Mixed markers make the source harder to scan, and underscores do not work inside a
    /// word.
    ///
    /// ## Example
    /// ```markdown
    /// A **strong** then a __strong__.
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// A **strong** then a **strong**.
    /// ```
    ///
    /// ## Fix safety
    /// The fix replaces the markers. It is safe, except when underscores would stand
    /// inside a word, where they stop working: unsafe.
    ///
    /// ## Options
    /// - `style` (string, default `consistent`): `consistent` (the page's first),
    ///   `asterisk` or `underscore`.
    pub InconsistentStrongMarker {
        code: "HB858",
        name: "inconsistent-strong-marker",
        severity: Warning,
        fix: Always,
        group: Inline,
        enabled: false,
        phase: Page,
        markdownlint: ("MD050", "strong-style"),
        options: StrongStyleOptions,
    }
}

/// Options of [`InconsistentStrongMarker`].
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct StrongStyleOptions {
    pub style: String,
}

impl Default for StrongStyleOptions {
    fn default() -> Self {
        StrongStyleOptions {
            style: "consistent".into(),
        }
    }
}

impl Options for StrongStyleOptions {
    const FIELDS: &'static [OptionField] = &[OptionField {
        name: "style",
        aliases: &[],
        kind: OptionKind::String,
        doc: "consistent, asterisk or underscore.",
    }];
}

impl Lint for InconsistentStrongMarker {
    fn meta(&self) -> &'static LintMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let style = &cx.options.get::<StrongStyleOptions>().style;
        out.extend(super::emphasis_style(
            cx,
            Kind::Strong,
            2,
            style,
            &Self::META,
        ));
    }
}
