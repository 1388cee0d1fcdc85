use crate::declare_lint;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::lint::{Context, Lint, LintMeta};
use crate::model::Kind;

declare_lint! {
    /// ## What it does
    /// Checks that every bullet list item of a page uses the same marker (`-`, `*` or `+`)
    /// as the first bullet of the page. This is markdownlint's `MD004` (`ul-style`) with its
    /// default style, `consistent`. Ordered lists are not checked.
    ///
    /// ## Why is this bad?
    /// Mixed markers make the source harder to scan and to edit. Worse, changing the
    /// marker in the middle of a list silently starts a new list: `- a` followed by `* b`
    /// renders as two lists, with a gap between them.
    ///
    /// ## Example
    /// ```markdown
    /// - Install the tools
    /// * Clone the handbook
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// - Install the tools
    /// - Clone the handbook
    /// ```
    ///
    /// ## Fix safety
    /// The fix replaces the marker byte with the page's first marker, as markdownlint does.
    /// It is safe: the items and their text stay as they are. Where a marker change had
    /// split one list in two, the fix joins them, which is what the author meant.
    pub InconsistentListMarker, "HB650", "inconsistent-list-marker", Warning, Always
}

impl Lint for InconsistentListMarker {
    fn meta(&self) -> &'static LintMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let (tree, bytes) = (&cx.doc.tree, cx.doc.text().as_bytes());
        let mut first: Option<u8> = None;
        for &list in tree.of_kind(Kind::List) {
            if tree.list(list).is_none_or(|l| l.ordered) {
                continue;
            }
            for item in tree.items(list) {
                let Some(marker) = tree.item(item).map(|i| i.marker) else {
                    continue;
                };
                let written = bytes[marker.start];
                let expected = *first.get_or_insert(written);
                if written == expected {
                    continue;
                }
                let (written, expected) = (written as char, expected as char);
                out.push(
                    Diagnostic::new(
                        &Self::META,
                        marker,
                        format!(
                            "list marker `{written}` differs from the page's first, `{expected}`"
                        ),
                    )
                    .with_label("inconsistent marker")
                    .with_fix(Fix::safe(
                        format!("Replace `{written}` with `{expected}`"),
                        vec![Edit::replace(marker, expected.to_string())],
                    )),
                );
            }
        }
    }
}
