use serde::{Deserialize, Serialize};

use crate::blanks;
use crate::declare_lint;
use crate::diagnostic::Diagnostic;
use crate::lint::{Context, Lint, LintMeta};
use crate::model::Kind;
use crate::options::{OptionField, OptionKind, Options};
use crate::span::Span;

declare_lint! {
    /// ## What it does
    /// Checks that a fenced code block has a blank line above and below it (the start and
    /// end of the page, its front matter and the edge of a list item or quote count as
    /// blank). This is markdownlint's `MD031` (`blanks-around-fences`).
    ///
    /// kramdown correction: a block attribute list right under the closing fence
    /// (`{: .lineno }`) belongs to the block; the blank line is looked for under it, and no
    /// fix separates them.
    ///
    /// It is off by default: turn it on with `--extend-select fence-without-blank-lines` or
    /// with `extend-select` in the configuration file.
    ///
    /// ## Why is this bad?
    /// Fences squeezed between paragraphs are hard to spot in the source, and Markdown
    /// readers other than kramdown's GFM parser and CommonMark (kramdown's own parser among
    /// them) read a fence right under text as part of the paragraph.
    ///
    /// ## Example
    /// ````markdown
    /// Run:
    /// ```sh
    /// make
    /// ```
    /// ````
    ///
    /// ## Use instead
    /// ````markdown
    /// Run:
    ///
    /// ```sh
    /// make
    /// ```
    /// ````
    ///
    /// ## Fix safety
    /// The fix inserts the missing blank line. Outside lists and quotes the page renders as
    /// before: safe. Inside a list item a blank line can make the list loose: unsafe. Inside
    /// a block quote there is no fix.
    ///
    /// ## Options
    /// - `list-items` (boolean, default true; markdownlint's `list_items`): check fences
    ///   inside list items too.
    pub FenceWithoutBlankLines {
        code: "HB700",
        name: "fence-without-blank-lines",
        severity: Warning,
        fix: Sometimes,
        group: Code,
        enabled: false,
        phase: Page,
        markdownlint: ("MD031", "blanks-around-fences"),
        options: BlanksAroundFencesOptions,
    }
}

/// Options of [`FenceWithoutBlankLines`].
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct BlanksAroundFencesOptions {
    #[serde(alias = "list_items")]
    pub list_items: bool,
}

impl Default for BlanksAroundFencesOptions {
    fn default() -> Self {
        BlanksAroundFencesOptions { list_items: true }
    }
}

impl Options for BlanksAroundFencesOptions {
    const FIELDS: &'static [OptionField] = &[OptionField {
        name: "list-items",
        aliases: &["list_items"],
        kind: OptionKind::Bool,
        doc: "Check fences inside list items too.",
    }];
}

impl Lint for FenceWithoutBlankLines {
    fn meta(&self) -> &'static LintMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        let list_items = cx.options.get::<BlanksAroundFencesOptions>().list_items;
        for code in doc.tree.code_blocks().iter().filter(|c| c.fenced) {
            let span = doc.tree.span(code.node);
            let in_item = doc.tree.depth_in(code.node, Kind::Item) > 0;
            if doc.outside_markdown(span.start) || (in_item && !list_items) {
                continue;
            }
            let first = doc.lines.line_of(span.start);
            let last = doc.lines.line_of(span.end.max(span.start + 1) - 1);
            let around = blanks::around(doc, code.node, first, last);
            let text = doc.text();
            let sides = [
                (around.missing_above(1), around.top, first, "above"),
                (
                    around.missing_below(1).filter(|_| code.closed),
                    around.bottom + 1,
                    last,
                    "below",
                ),
            ];
            for (missing, at_line, fence_line, side) in sides {
                let Some(n) = missing else { continue };
                let fence = Span::new(
                    doc.lines.line_start(fence_line).max(span.start),
                    doc.lines.line_end(text, fence_line).min(span.end),
                );
                let title = format!("Insert a blank line {side} the code block");
                let mut d = Diagnostic::new(
                    &Self::META,
                    fence,
                    format!("code fence without a blank line {side} it"),
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
