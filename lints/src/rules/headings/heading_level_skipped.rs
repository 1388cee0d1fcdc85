use serde::{Deserialize, Serialize};

use crate::declare_lint;
use crate::diagnostic::Diagnostic;
use crate::lint::{Context, Lint, LintMeta};
use crate::options::{OptionField, OptionKind, Options};

use super::has_title;

declare_lint! {
    /// ## What it does
    /// Checks that heading levels go down one at a time: an `h2` may follow an `h1`, not an
    /// `h3`. Going back up any number of levels is fine. This is markdownlint's `MD001`
    /// (`heading-increment`).
    ///
    /// The first heading of the page may have any level: a just-the-docs page often starts at
    /// `##` under the title the theme prints from the front matter. Headings inside
    /// `{::comment}` and `{::nomarkdown}` blocks are not read.
    ///
    /// markdownlint (since 0.38) counts a front matter `title` as the page's `h1` by default,
    /// so that a page whose first heading is an `h3` is reported. just-the-docs prints no
    /// `h1` from the title: as a correction for it, that is off here until
    /// `front-matter-title` names the key.
    ///
    /// It is off by default: turn it on with `--extend-select heading-level-skipped` or with
    /// `extend-select` in the configuration file.
    ///
    /// ## Why is this bad?
    /// The table of contents (`{:toc}`) and screen readers present headings as an outline: a
    /// skipped level shows an empty level in it.
    ///
    /// ## Example
    /// ```markdown
    /// # Onboarding
    /// ### First day
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// # Onboarding
    /// ## First day
    /// ```
    ///
    /// ## Options
    /// - `front-matter-title` (string, default empty; markdownlint's `front_matter_title`):
    ///   the front matter key whose value the layout prints as an `h1` (`title`), or empty
    ///   when it prints none. When the page sets that key, its first heading is measured from
    ///   `h1`. markdownlint's regular expression (`^\s*title\s*[:=]`) is read as the key it
    ///   names.
    pub HeadingLevelSkipped {
        code: "HB600",
        name: "heading-level-skipped",
        severity: Warning,
        fix: None,
        group: Headings,
        enabled: false,
        phase: Page,
        markdownlint: ("MD001", "heading-increment"),
        options: HeadingIncrementOptions,
    }
}

/// Options of [`HeadingLevelSkipped`].
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct HeadingIncrementOptions {
    #[serde(alias = "front_matter_title")]
    pub front_matter_title: String,
}

impl Options for HeadingIncrementOptions {
    const FIELDS: &'static [OptionField] = &[OptionField {
        name: "front-matter-title",
        aliases: &["front_matter_title"],
        kind: OptionKind::String,
        doc: "Front matter key the layout prints as an h1; empty: none.",
    }];
}

impl Lint for HeadingLevelSkipped {
    fn meta(&self) -> &'static LintMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        let options = cx.options.get::<HeadingIncrementOptions>();
        // A title the layout prints is the page's h1.
        let mut previous: Option<u8> = has_title(doc, &options.front_matter_title).then_some(1);
        for h in doc
            .headings
            .iter()
            .filter(|h| !doc.outside_markdown(h.span.start))
        {
            if let Some(before) = previous.filter(|&p| h.level > p + 1) {
                let expected = before + 1;
                out.push(
                    Diagnostic::new(
                        &Self::META,
                        h.span,
                        format!("heading level jumps from h{before} to h{}", h.level),
                    )
                    .with_label(format!("expected h{expected} or higher"))
                    .with_help(format!("make this heading an h{expected}")),
                );
            }
            previous = Some(h.level);
        }
    }
}
