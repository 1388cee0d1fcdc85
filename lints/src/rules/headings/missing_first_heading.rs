use serde::{Deserialize, Serialize};

use crate::declare_lint;
use crate::diagnostic::Diagnostic;
use crate::lint::{Context, Lint, LintMeta};
use crate::model::Kind;
use crate::span::Span;

use super::has_title;

declare_lint! {
    /// ## What it does
    /// Checks that the first thing on a page is a top-level heading (`#`, or the level set by
    /// `level`), unless the front matter sets the title. This is markdownlint's `MD041`
    /// (`first-line-heading`, `first-line-h1`).
    ///
    /// HTML comments, Liquid tags, kramdown `{::comment}` blocks and attribute lists before
    /// the heading are not content. A front matter key named by `front-matter-title` (by
    /// default `title`, as markdownlint) stands for the heading.
    ///
    /// It is off by default: on a just-the-docs site the layout shows the navigation title
    /// and many pages start with text. Turn it on with `--extend-select missing-first-heading`
    /// or with `extend-select` in the configuration file.
    ///
    /// ## Why is this bad?
    /// A page without a title heading has no title in the page's outline and in some
    /// previews.
    ///
    /// ## Example
    /// ```markdown
    /// This page explains the setup.
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// # Setup
    ///
    /// This page explains the setup.
    /// ```
    ///
    /// ## Options
    /// - `level` (integer, default 1): the level of the title heading.
    /// - `front-matter-title` (string, default `title`; markdownlint's `front_matter_title`):
    ///   the front matter key that stands for the title; empty to always want a heading.
    ///   markdownlint's regular expression (`^\s*title\s*[:=]`) is read as the key it names.
    /// - `allow-preamble` (boolean, default false; markdownlint's `allow_preamble`): allow
    ///   content before the first heading, which must still have the level; a page without
    ///   any heading is then not reported.
    pub MissingFirstHeading {
        code: "HB612",
        name: "missing-first-heading",
        severity: Warning,
        fix: None,
        group: Headings,
        enabled: false,
        phase: Page,
        markdownlint: ("MD041", "first-line-heading"),
        options: FirstLineHeadingOptions,
    }
}

/// Options of [`MissingFirstHeading`].
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct FirstLineHeadingOptions {
    pub level: u8,
    #[serde(alias = "front_matter_title")]
    pub front_matter_title: String,
    #[serde(alias = "allow_preamble")]
    pub allow_preamble: bool,
}

impl Default for FirstLineHeadingOptions {
    fn default() -> Self {
        FirstLineHeadingOptions {
            level: 1,
            front_matter_title: "title".into(),
            allow_preamble: false,
        }
    }
}

impl crate::options::Options for FirstLineHeadingOptions {
    const FIELDS: &'static [crate::options::OptionField] = &[
        crate::options::OptionField {
            name: "level",
            aliases: &[],
            kind: crate::options::OptionKind::Integer,
            doc: "Level of the title heading.",
        },
        crate::options::OptionField {
            name: "front-matter-title",
            aliases: &["front_matter_title"],
            kind: crate::options::OptionKind::String,
            doc: "Front matter key that stands for the title heading; empty: none.",
        },
        crate::options::OptionField {
            name: "allow-preamble",
            aliases: &["allow_preamble"],
            kind: crate::options::OptionKind::Bool,
            doc: "Allow content before the first heading.",
        },
    ];
}

impl Lint for MissingFirstHeading {
    fn meta(&self) -> &'static LintMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        let options = cx.options.get::<FirstLineHeadingOptions>();
        if has_title(doc, &options.front_matter_title) {
            return;
        }
        // The first block that is content: not an HTML comment, not Liquid or a kramdown
        // extension, not blank (attribute lists and Liquid are blanked for the parser).
        let text = doc.text();
        // With a preamble allowed, the first heading.
        let first = doc.tree.children(0).find(|&b| {
            let span = doc.tree.span(b);
            let written = text.get(span.range()).unwrap_or("").trim();
            let comment = doc.tree.kind(b) == Kind::HtmlBlock
                && written.starts_with("<!--")
                && written.ends_with("-->");
            let content = !written.is_empty() && !comment && !doc.outside_markdown(span.start);
            content && (!options.allow_preamble || doc.tree.heading(b).is_some())
        });
        let Some(first) = first else {
            return;
        };
        let heading = doc.tree.heading(first);
        if heading.is_some_and(|h| h.level == options.level) {
            return;
        }
        let span = doc.tree.span(first);
        let line_end = doc.lines.line_end(text, doc.lines.line_of(span.start));
        out.push(
            Diagnostic::new(
                &Self::META,
                Span::new(span.start, line_end.clamp(span.start, span.end)),
                format!("page does not start with an h{} heading", options.level),
            )
            .with_label("first content of the page")
            .with_help(format!("start the page with an h{} title", options.level)),
        );
    }
}
