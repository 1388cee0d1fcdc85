use serde::{Deserialize, Serialize};

use crate::blanks;
use crate::declare_lint;
use crate::diagnostic::Diagnostic;
use crate::lint::{Context, Lint, LintMeta};
use crate::model::LineContext;
use crate::options::{OptionField, OptionKind, Options};

declare_lint! {
    /// ## What it does
    /// Checks that a heading has a blank line above and below it (by default one; the start
    /// and the end of the page, its front matter and the edge of a list item or quote count
    /// as blank). This is markdownlint's `MD022` (`blanks-around-headings`).
    ///
    /// kramdown correction: a block attribute list right under the heading (`{: .no_toc }`,
    /// `{: .fs-9 }`) belongs to it, so the blank line is looked for under the attribute list,
    /// and no fix ever separates them. One alone on the line above the heading, after a blank
    /// line, belongs to the heading too.
    ///
    /// It is off by default: turn it on with `--extend-select heading-without-blank-lines` or
    /// with `extend-select` in the configuration file.
    ///
    /// ## Why is this bad?
    /// Headings squeezed between paragraphs are hard to spot in the source, and other
    /// Markdown tools (not kramdown or CommonMark) read text right after a heading line
    /// differently.
    ///
    /// ## Example
    /// ```markdown
    /// Read this first.
    /// ## Setup
    /// Install the tools.
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// Read this first.
    ///
    /// ## Setup
    ///
    /// Install the tools.
    /// ```
    ///
    /// ## Fix safety
    /// The fix inserts the missing blank lines. Outside lists and quotes the page renders as
    /// before: safe. Inside a list item a blank line can make the list loose (its items
    /// become paragraphs): unsafe. Inside a block quote there is no fix.
    ///
    /// ## Options
    /// - `lines-above` (integer, default 1; markdownlint's `lines_above`): blank lines
    ///   wanted above, `-1` for any number.
    /// - `lines-below` (integer, default 1; markdownlint's `lines_below`): blank lines
    ///   wanted below, `-1` for any number.
    /// - `include-front-matter` (boolean, default false; markdownlint's
    ///   `include_front_matter`): the front matter counts as content, so a heading right
    ///   under its closing `---` wants the blank lines above it too.
    pub HeadingWithoutBlankLines {
        code: "HB606",
        name: "heading-without-blank-lines",
        severity: Warning,
        fix: Sometimes,
        group: Headings,
        enabled: false,
        phase: Page,
        markdownlint: ("MD022", "blanks-around-headings"),
        options: BlanksAroundHeadingsOptions,
    }
}

/// Options of [`HeadingWithoutBlankLines`].
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct BlanksAroundHeadingsOptions {
    #[serde(alias = "lines_above")]
    pub lines_above: i64,
    #[serde(alias = "lines_below")]
    pub lines_below: i64,
    #[serde(alias = "include_front_matter")]
    pub include_front_matter: bool,
}

impl Default for BlanksAroundHeadingsOptions {
    fn default() -> Self {
        BlanksAroundHeadingsOptions {
            lines_above: 1,
            lines_below: 1,
            include_front_matter: false,
        }
    }
}

impl Options for BlanksAroundHeadingsOptions {
    const FIELDS: &'static [OptionField] = &[
        OptionField {
            name: "lines-above",
            aliases: &["lines_above"],
            kind: OptionKind::Integer,
            doc: "Blank lines wanted above a heading (-1: any).",
        },
        OptionField {
            name: "lines-below",
            aliases: &["lines_below"],
            kind: OptionKind::Integer,
            doc: "Blank lines wanted below a heading (-1: any).",
        },
        OptionField {
            name: "include-front-matter",
            aliases: &["include_front_matter"],
            kind: OptionKind::Bool,
            doc: "The front matter counts as content above the first heading.",
        },
    ];
}

impl Lint for HeadingWithoutBlankLines {
    fn meta(&self) -> &'static LintMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        let options = cx.options.get::<BlanksAroundHeadingsOptions>();
        for h in doc
            .headings
            .iter()
            .filter(|h| !doc.outside_markdown(h.span.start))
        {
            let first = doc.lines.line_of(h.span.start);
            let last = doc
                .lines
                .line_of(h.span.end.saturating_sub(1).max(h.span.start));
            let mut around = blanks::around(doc, h.node, first, last);
            if options.include_front_matter {
                // The closing `---` right above the blanks is content, not the page's edge.
                let above = around.top.saturating_sub(around.above + 1);
                let table = doc.line_table();
                if table
                    .get(above)
                    .is_some_and(|l| l.context == LineContext::FrontMatter)
                {
                    around.top_edge = false;
                }
            }
            let missing = [
                (
                    around.missing_above(options.lines_above),
                    around.top,
                    "above",
                ),
                (
                    around.missing_below(options.lines_below),
                    around.bottom + 1,
                    "below",
                ),
            ];
            for (lines, at_line, side) in missing {
                let Some(n) = lines else { continue };
                let title = format!("Insert a blank line {side} the heading");
                let mut d = Diagnostic::new(
                    &Self::META,
                    h.span,
                    format!("heading without a blank line {side} it"),
                )
                .with_label(format!("blank line missing {side}"));
                if let Some(fix) = around.fix(doc, at_line, n, title) {
                    d = d.with_fix(fix);
                }
                out.push(d);
            }
        }
    }
}
