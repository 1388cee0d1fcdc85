use crate::declare_lint;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::lint::{Context, Lint, LintMeta};
use crate::model::Kind;

use super::{is_toc, marker_indent};

declare_lint! {
    /// ## What it does
    /// Checks that the items of one list start at the same column as its first item. In an
    /// ordered list the numbers may also be right-aligned (` 9.` over `10.`). This is
    /// markdownlint's `MD005` (`list-indent`). kramdown's `{:toc}` lists are not checked.
    ///
    /// It is off by default: turn it on with `--extend-select inconsistent-list-indent` or
    /// with `extend-select` in the configuration file.
    ///
    /// ## Why is this bad?
    /// An item indented a little more than its siblings looks nested but is not; indented a
    /// little more again, it becomes nested: the source does not show the list's shape.
    ///
    /// ## Example
    /// ```markdown
    /// - Install the tools
    ///  - Clone the handbook
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// - Install the tools
    /// - Clone the handbook
    /// ```
    ///
    /// ## Fix safety
    /// The fix re-indents the item's marker line to its first sibling's column. The lines
    /// after it keep their indentation, which may then belong elsewhere: unsafe.
    pub InconsistentListIndent {
        code: "HB651",
        name: "inconsistent-list-indent",
        severity: Warning,
        fix: Always,
        group: Lists,
        enabled: false,
        phase: Page,
        markdownlint: ("MD005", "list-indent"),
    }
}

impl Lint for InconsistentListIndent {
    fn meta(&self) -> &'static LintMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let (doc, tree) = (cx.doc, &cx.doc.tree);
        for &list in tree.of_kind(Kind::List) {
            let span = tree.span(list);
            if is_toc(doc, list) || doc.outside_markdown(span.start) {
                continue;
            }
            let ordered = tree.list(list).is_some_and(|l| l.ordered);
            let mut markers = tree
                .items(list)
                .filter_map(|i| tree.item(i))
                .map(|i| (marker_indent(doc, i.marker), i.marker));
            let Some((first_indent, first_marker)) = markers.next() else {
                continue;
            };
            let right = first_indent.len() + first_marker.len();
            for (indent, marker) in markers {
                let aligned = indent.len() == first_indent.len()
                    || (ordered && indent.len() + marker.len() == right);
                if aligned {
                    continue;
                }
                let want = first_indent.len();
                out.push(
                    Diagnostic::new(
                        &Self::META,
                        marker,
                        format!(
                            "list item indented by {}, its first sibling by {want}",
                            indent.len()
                        ),
                    )
                    .with_label("inconsistent indentation")
                    .with_fix(Fix::unsafe_(
                        "Indent the item like its first sibling",
                        vec![Edit::replace(indent, " ".repeat(want))],
                    )),
                );
            }
        }
    }
}
