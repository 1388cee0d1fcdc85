use serde::{Deserialize, Serialize};

use crate::declare_lint;
use crate::diagnostic::Diagnostic;
use crate::lint::{Context, Lint, LintMeta};
use crate::options::{OptionField, OptionKind, Options};

use super::has_title;

declare_lint! {
    /// ## What it does
    /// Checks that a page has at most one top-level heading (`#`, or the level set by
    /// `level`). This is markdownlint's `MD025` (`single-title`, `single-h1`).
    ///
    /// Jekyll correction: markdownlint counts a front matter `title` as the page's first
    /// top-level heading, so on a just-the-docs page, whose layout does not print the title,
    /// every `#` heading is reported. Here the front matter counts only when
    /// `front-matter-title` names a key, for a layout that prints it. No fix is offered:
    /// demoting headings changes every id and link to them.
    ///
    /// It is off by default: turn it on with `--extend-select multiple-top-level-headings` or
    /// with `extend-select` in the configuration file.
    ///
    /// ## Why is this bad?
    /// The top-level heading is the page's title: two of them leave readers and search
    /// engines unsure what the page is about.
    ///
    /// ## Example
    /// ```markdown
    /// # Onboarding
    /// # First day
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// # Onboarding
    /// ## First day
    /// ```
    ///
    /// ## Options
    /// - `level` (integer, default 1): the level of the title heading.
    /// - `front-matter-title` (string, default empty; markdownlint's `front_matter_title`):
    ///   the front matter key whose value the layout prints as the title (`title`), or empty
    ///   when it prints none. markdownlint's regular expression (`^\s*title\s*[:=]`) is read
    ///   as the key it names.
    pub MultipleTopLevelHeadings {
        code: "HB609",
        name: "multiple-top-level-headings",
        severity: Warning,
        fix: None,
        group: Headings,
        enabled: false,
        phase: Page,
        markdownlint: ("MD025", "single-title"),
        options: SingleTitleOptions,
    }
}

/// Options of [`MultipleTopLevelHeadings`].
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct SingleTitleOptions {
    pub level: u8,
    #[serde(alias = "front_matter_title")]
    pub front_matter_title: String,
}

impl Default for SingleTitleOptions {
    fn default() -> Self {
        SingleTitleOptions {
            level: 1,
            front_matter_title: String::new(),
        }
    }
}

impl Options for SingleTitleOptions {
    const FIELDS: &'static [OptionField] = &[
        OptionField {
            name: "level",
            aliases: &[],
            kind: OptionKind::Integer,
            doc: "Level of the title heading.",
        },
        OptionField {
            name: "front-matter-title",
            aliases: &["front_matter_title"],
            kind: OptionKind::String,
            doc: "Front matter key the layout prints as the title; empty: none.",
        },
    ];
}

impl Lint for MultipleTopLevelHeadings {
    fn meta(&self) -> &'static LintMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        let options = cx.options.get::<SingleTitleOptions>();
        let titled = has_title(doc, &options.front_matter_title);
        let mut first: Option<usize> = None;
        for h in doc.headings.iter().filter(|h| h.level == options.level) {
            if doc.outside_markdown(h.span.start) {
                continue;
            }
            let line = doc.lines.line_of(h.span.start);
            let label = match first {
                None if !titled => {
                    first = Some(line);
                    continue;
                }
                None => "the front matter sets the title".to_string(),
                Some(l) => format!("the title is on line {l}"),
            };
            out.push(
                Diagnostic::new(
                    &Self::META,
                    h.span,
                    format!("second top-level heading (h{}) on the page", h.level),
                )
                .with_label(label)
                .with_help("make this heading one level lower"),
            );
        }
    }
}
