use serde::{Deserialize, Serialize};

use crate::declare_lint;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::lint::{Context, Lint, LintMeta};
use crate::model::Kind;
use crate::options::{OptionField, OptionKind, Options};
use crate::span::Span;

use super::is_toc;

declare_lint! {
    /// ## What it does
    /// Checks the number of spaces between a list marker and the item's text: one by
    /// default, set apart for bullet and ordered lists, and for lists whose items are one
    /// paragraph (`single`) or several (`multi`, a loose list). This is markdownlint's
    /// `MD030` (`list-marker-space`). kramdown's `{:toc}` lists are not checked.
    ///
    /// It is off by default: turn it on with `--extend-select list-marker-spacing` or with
    /// `extend-select` in the configuration file.
    ///
    /// ## Why is this bad?
    /// The spaces after the marker set the column where the item's text and its nested
    /// blocks start: uneven spacing makes nesting hard to get right.
    ///
    /// ## Example
    /// ```markdown
    /// -   Install the tools
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// - Install the tools
    /// ```
    ///
    /// ## Fix safety
    /// The fix sets the number of spaces. For an item of one line it is safe; for a longer
    /// item the lines after it keep their indentation, which may then belong elsewhere:
    /// unsafe.
    ///
    /// ## Options
    /// - `ul-single`, `ol-single`, `ul-multi`, `ol-multi` (integers, default 1;
    ///   markdownlint's `ul_single`, `ol_single`, `ul_multi`, `ol_multi`): spaces after the
    ///   marker of a bullet (`ul`) or ordered (`ol`) list, tight (`single`) or loose (`multi`).
    pub ListMarkerSpacing {
        code: "HB654",
        name: "list-marker-spacing",
        severity: Warning,
        fix: Always,
        group: Lists,
        enabled: false,
        phase: Page,
        markdownlint: ("MD030", "list-marker-space"),
        options: ListMarkerSpaceOptions,
    }
}

/// Options of [`ListMarkerSpacing`].
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct ListMarkerSpaceOptions {
    #[serde(alias = "ul_single")]
    pub ul_single: usize,
    #[serde(alias = "ol_single")]
    pub ol_single: usize,
    #[serde(alias = "ul_multi")]
    pub ul_multi: usize,
    #[serde(alias = "ol_multi")]
    pub ol_multi: usize,
}

impl Default for ListMarkerSpaceOptions {
    fn default() -> Self {
        ListMarkerSpaceOptions {
            ul_single: 1,
            ol_single: 1,
            ul_multi: 1,
            ol_multi: 1,
        }
    }
}

const fn field(name: &'static str, alias: &'static [&'static str]) -> OptionField {
    OptionField {
        name,
        aliases: alias,
        kind: OptionKind::Integer,
        doc: "Spaces after the list marker.",
    }
}

impl Options for ListMarkerSpaceOptions {
    const FIELDS: &'static [OptionField] = &[
        field("ul-single", &["ul_single"]),
        field("ol-single", &["ol_single"]),
        field("ul-multi", &["ul_multi"]),
        field("ol-multi", &["ol_multi"]),
    ];
}

impl Lint for ListMarkerSpacing {
    fn meta(&self) -> &'static LintMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let (doc, tree) = (cx.doc, &cx.doc.tree);
        let bytes = doc.text().as_bytes();
        let o = cx.options.get::<ListMarkerSpaceOptions>();
        for &list in tree.of_kind(Kind::List) {
            let Some(info) = tree.list(list) else {
                continue;
            };
            let span = tree.span(list);
            if is_toc(doc, list) || doc.outside_markdown(span.start) {
                continue;
            }
            let want = match (info.ordered, info.tight) {
                (false, true) => o.ul_single,
                (true, true) => o.ol_single,
                (false, false) => o.ul_multi,
                (true, false) => o.ol_multi,
            };
            for item in tree.items(list).filter_map(|i| tree.item(i)) {
                let after = item.marker.end;
                // The spaces stop before the line's end (a line ends at `\r` or `\n`): counted
                // before the line is looked up, which the usual count spares.
                let n = bytes[after..].iter().take_while(|b| **b == b' ').count();
                if n == want {
                    continue;
                }
                let line_end = doc.lines.line_end(doc.text(), doc.lines.line_of(after));
                // An empty item, or text after a tab, is not measured.
                if after + n >= line_end || bytes[after + n] == b'\t' {
                    continue;
                }
                let spaces = Span::new(after, after + n);
                let item_span = tree.span(item.node);
                let one_line = doc
                    .lines
                    .line_of(item_span.end.max(item_span.start + 1) - 1)
                    == doc.lines.line_of(after);
                let title = format!("Put {want} space(s) after the marker");
                let edits = vec![Edit::replace(spaces, " ".repeat(want))];
                // Moving the content column changes what belongs to the item: the next
                // line that is not blank must stay outside it, before and after.
                let line = doc.lines.line_of(after);
                let line_start = doc.lines.line_start(line);
                let next_indent = (line + 1..=doc.lines.line_count())
                    .map(|l| {
                        let (start, end) =
                            (doc.lines.line_start(l), doc.lines.line_end(doc.text(), l));
                        let text = &bytes[start..end];
                        (text.iter().all(|b| *b == b' ' || *b == b'\t'), text)
                    })
                    .take(64)
                    .find(|(blank, _)| !blank)
                    .map_or(0, |(_, text)| {
                        text.iter().take_while(|b| **b == b' ').count()
                    });
                let column = after - line_start;
                let stays_outside = next_indent < (column + n).min(column + want);
                let fix = if one_line && n < 4 && want < 5 && stays_outside {
                    Fix::safe(title, edits)
                } else {
                    Fix::unsafe_(title, edits)
                };
                out.push(
                    Diagnostic::new(
                        &Self::META,
                        Span::new(item.marker.start, spaces.end),
                        format!("{n} spaces after the list marker, expected {want}"),
                    )
                    .with_label("marker spacing")
                    .with_fix(fix),
                );
            }
        }
    }
}
