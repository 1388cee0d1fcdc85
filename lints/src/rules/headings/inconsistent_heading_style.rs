use serde::{Deserialize, Serialize};

use crate::declare_lint;
use crate::diagnostic::Diagnostic;
use crate::lint::{Context, Lint, LintMeta};
use crate::options::{OptionField, OptionKind, Options};

declare_lint! {
    /// ## What it does
    /// Checks that the headings of a page are written in one style: ATX (`## Title`), closed
    /// ATX (`## Title ##`) or setext (`Title` over `---`). This is markdownlint's `MD003`
    /// (`heading-style`).
    ///
    /// It is off by default: turn it on with `--extend-select inconsistent-heading-style` or
    /// with `extend-select` in the configuration file.
    ///
    /// ## Why is this bad?
    /// Mixed styles make the source harder to scan and to search: `grep '^## '` misses the
    /// setext headings.
    ///
    /// ## Example
    /// ```markdown
    /// # Onboarding
    ///
    /// First day
    /// ---------
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// # Onboarding
    ///
    /// ## First day
    /// ```
    ///
    /// ## Options
    /// - `style` (string, default `consistent`): `consistent` (the first heading's style),
    ///   `atx`, `atx_closed`, `setext`, `setext_with_atx` (setext for levels 1 and 2, ATX
    ///   below) or `setext_with_atx_closed`.
    pub InconsistentHeadingStyle {
        code: "HB601",
        name: "inconsistent-heading-style",
        severity: Warning,
        fix: None,
        group: Headings,
        enabled: false,
        phase: Page,
        markdownlint: ("MD003", "heading-style"),
        options: HeadingStyleOptions,
    }
}

/// Options of [`InconsistentHeadingStyle`].
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct HeadingStyleOptions {
    pub style: String,
}

impl Default for HeadingStyleOptions {
    fn default() -> Self {
        HeadingStyleOptions {
            style: "consistent".into(),
        }
    }
}

impl Options for HeadingStyleOptions {
    const FIELDS: &'static [OptionField] = &[OptionField {
        name: "style",
        aliases: &[],
        kind: OptionKind::String,
        doc: "consistent, atx, atx_closed, setext, setext_with_atx or setext_with_atx_closed.",
    }];
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Style {
    Atx,
    AtxClosed,
    Setext,
}

impl Style {
    fn name(self) -> &'static str {
        match self {
            Style::Atx => "atx",
            Style::AtxClosed => "atx_closed",
            Style::Setext => "setext",
        }
    }
}

impl Lint for InconsistentHeadingStyle {
    fn meta(&self) -> &'static LintMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        let options = cx.options.get::<HeadingStyleOptions>();
        let mut first: Option<Style> = None;
        let style = options.style.replace('-', "_");
        for h in doc
            .headings
            .iter()
            .filter(|h| !doc.outside_markdown(h.span.start))
        {
            let Some(info) = doc.tree.heading(h.node) else {
                continue;
            };
            let written = match (info.setext, info.closing.is_some()) {
                (true, _) => Style::Setext,
                (false, true) => Style::AtxClosed,
                (false, false) => Style::Atx,
            };
            let expected = match style.as_str() {
                "atx" => Style::Atx,
                "atx_closed" => Style::AtxClosed,
                "setext" => Style::Setext,
                "setext_with_atx" if h.level <= 2 => Style::Setext,
                "setext_with_atx" => Style::Atx,
                "setext_with_atx_closed" if h.level <= 2 => Style::Setext,
                "setext_with_atx_closed" => Style::AtxClosed,
                _ => *first.get_or_insert(written),
            };
            // A setext heading cannot be written below level 2: ATX is the only choice there.
            if written == expected || (expected == Style::Setext && h.level > 2) {
                continue;
            }
            out.push(
                Diagnostic::new(
                    &Self::META,
                    h.span,
                    format!(
                        "heading written in {} style, expected {}",
                        written.name(),
                        expected.name()
                    ),
                )
                .with_label("heading style differs")
                .with_help(format!("write this heading in {} style", expected.name())),
            );
        }
    }
}
