use serde::{Deserialize, Serialize};

use crate::declare_lint;
use crate::diagnostic::Diagnostic;
use crate::lint::{Context, Lint, LintMeta};
use crate::model::Kind;
use crate::options::{OptionField, OptionKind, Options};

declare_lint! {
    /// ## What it does
    /// Checks for paragraphs made of one emphasised line and nothing else, such as
    /// `**Setup**`, used where a heading belongs. This is markdownlint's `MD036`
    /// (`no-emphasis-as-heading`). A line ending with punctuation (`**Note:**`, see
    /// `punctuation`) is a label, not a heading, and is not reported; nor are paragraphs in
    /// lists, quotes and tables, or followed by a kramdown attribute list (`{: .label }`,
    /// just-the-docs' styling of a short line).
    ///
    /// It is off by default: turn it on with `--extend-select emphasis-as-heading` or with
    /// `extend-select` in the configuration file.
    ///
    /// ## Why is this bad?
    /// Bold text looks like a heading to a sighted reader, but it is not in the table of
    /// contents, has no id to link to and is not a heading for screen readers.
    ///
    /// ## Example
    /// ```markdown
    /// **Setup**
    ///
    /// Install the tools.
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// ## Setup
    ///
    /// Install the tools.
    /// ```
    ///
    /// ## Options
    /// - `punctuation` (string, default `.,;:!?。，；：！？`): a line ending with one of
    ///   these is not reported.
    pub EmphasisAsHeading {
        code: "HB611",
        name: "emphasis-as-heading",
        severity: Warning,
        fix: None,
        group: Headings,
        enabled: false,
        phase: Page,
        markdownlint: ("MD036", "no-emphasis-as-heading"),
        options: EmphasisAsHeadingOptions,
    }
}

/// Options of [`EmphasisAsHeading`].
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct EmphasisAsHeadingOptions {
    pub punctuation: String,
}

impl Default for EmphasisAsHeadingOptions {
    fn default() -> Self {
        EmphasisAsHeadingOptions {
            punctuation: ".,;:!?。，；：！？".into(),
        }
    }
}

impl Options for EmphasisAsHeadingOptions {
    const FIELDS: &'static [OptionField] = &[OptionField {
        name: "punctuation",
        aliases: &[],
        kind: OptionKind::String,
        doc: "A line ending with one of these characters is not reported.",
    }];
}

impl Lint for EmphasisAsHeading {
    fn meta(&self) -> &'static LintMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let (doc, tree) = (cx.doc, &cx.doc.tree);
        let text = doc.text();
        let punctuation = &cx.options.get::<EmphasisAsHeadingOptions>().punctuation;
        for &p in tree.of_kind(Kind::Paragraph) {
            if tree.parent(p) != Some(0) {
                continue;
            }
            let mut children = tree.children(p);
            let (Some(only), None) = (children.next(), children.next()) else {
                continue;
            };
            if !matches!(tree.kind(only), Kind::Emphasis | Kind::Strong) {
                continue;
            }
            // Inside: text only (emphasis may nest, as in `***Setup***`), on one line.
            let plain = tree
                .descendants(only)
                .all(|n| matches!(tree.kind(n), Kind::Text | Kind::Emphasis | Kind::Strong));
            let span = tree.span(p);
            let written = text.get(span.range()).unwrap_or("").trim_end();
            let inner = written.trim_matches(|c| c == '*' || c == '_').trim();
            let line = doc.lines.line_of(span.start);
            let attributed = doc
                .attr_lists
                .iter()
                .any(|a| doc.lines.line_of(a.span.start) == line + 1);
            if !plain
                || written.contains('\n')
                || inner.is_empty()
                || inner
                    .chars()
                    .last()
                    .is_some_and(|c| punctuation.contains(c))
                || attributed
                || doc.outside_markdown(span.start)
            {
                continue;
            }
            out.push(
                Diagnostic::new(
                    &Self::META,
                    tree.span(only),
                    "emphasised line used as a heading",
                )
                .with_label("not a heading")
                .with_help("write a heading (`##`) instead of emphasis"),
            );
        }
    }
}
