use serde::{Deserialize, Serialize};

use crate::declare_lint;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::document::{Document, Placement};
use crate::lint::{Context, Lint, LintMeta};
use crate::model::{Kind, LineContext};
use crate::options::{OptionField, OptionKind, Options};

use super::{line_ending, text_start};

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
}

impl Default for BlanksAroundHeadingsOptions {
    fn default() -> Self {
        BlanksAroundHeadingsOptions {
            lines_above: 1,
            lines_below: 1,
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
    ];
}

impl Lint for HeadingWithoutBlankLines {
    fn meta(&self) -> &'static LintMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        let options = cx.options.get::<BlanksAroundHeadingsOptions>();
        let table = doc.line_table();
        let eol = line_ending(doc.text());
        for h in doc
            .headings
            .iter()
            .filter(|h| !doc.outside_markdown(h.span.start))
        {
            let first = doc.lines.line_of(h.span.start);
            let mut last = doc
                .lines
                .line_of(h.span.end.saturating_sub(1).max(h.span.start));
            while last < table.len() && attr_line(doc, last + 1) {
                last += 1;
            }
            let mut top = first;
            if top > 2 && attr_line(doc, top - 1) && blank(doc, top - 2) {
                top -= 1;
            }
            let container = doc
                .tree
                .ancestors(h.node)
                .find(|&a| matches!(doc.tree.kind(a), Kind::Item | Kind::BlockQuote));
            let in_quote = container.is_some_and(|c| {
                doc.tree.kind(c) == Kind::BlockQuote || doc.tree.depth_in(c, Kind::BlockQuote) > 0
            });
            let bounds = container.map(|c| doc.tree.span(c));
            let inside = |n: usize| {
                n >= 1
                    && n <= table.len()
                    && table.get(n).is_some_and(|l| {
                        l.context != LineContext::FrontMatter
                            && bounds.is_none_or(|b| b.contains(l.span.start) || l.blank)
                    })
                    && bounds.is_none_or(|b| {
                        doc.lines.line_of(b.start) <= n && n <= doc.lines.line_of(b.end.max(1) - 1)
                    })
            };
            let above = (1..top)
                .rev()
                .take_while(|&n| inside(n) && blank(doc, n))
                .count();
            let reaches_top = !inside(top - above - 1);
            let below = (last + 1..=table.len())
                .take_while(|&n| inside(n) && blank(doc, n))
                .count();
            let reaches_end = !inside(last + below + 1);
            let wanted = |w: i64, got: usize, edge: bool| {
                (w >= 0 && !edge && got < w as usize).then(|| w as usize - got)
            };
            let missing = [
                (
                    wanted(options.lines_above, above, reaches_top),
                    top,
                    "above",
                ),
                (
                    wanted(options.lines_below, below, reaches_end),
                    last + 1,
                    "below",
                ),
            ];
            for (lines, at_line, side) in missing {
                let Some(n) = lines else { continue };
                let at = doc.lines.line_start(at_line);
                let title = format!("Insert a blank line {side} the heading");
                let edits = vec![Edit::insert(at, eol.repeat(n))];
                let fix = match container {
                    _ if in_quote => None,
                    Some(_) => Some(Fix::unsafe_(title, edits)),
                    None => Some(Fix::safe(title, edits)),
                };
                let mut d = Diagnostic::new(
                    &Self::META,
                    h.span,
                    format!("heading without a blank line {side} it"),
                )
                .with_label(format!("blank line missing {side}"));
                if let Some(fix) = fix {
                    d = d.with_fix(fix);
                }
                out.push(d);
            }
        }
    }
}

/// Line `n` is blank, or holds only the `>` markers of its quotes.
fn blank(doc: &Document, n: usize) -> bool {
    let Some(line) = doc.line_table().get(n) else {
        return false;
    };
    let bytes = doc.text().as_bytes();
    let at = text_start(bytes, line);
    line.blank
        || bytes[at..line.span.end]
            .iter()
            .all(|b| *b == b' ' || *b == b'\t')
}

/// Line `n` holds a block attribute list and nothing else.
fn attr_line(doc: &Document, n: usize) -> bool {
    let Some(line) = doc.line_table().get(n) else {
        return false;
    };
    doc.attr_lists
        .iter()
        .any(|a| a.placement == Placement::Block && line.span.covers(a.span))
}
