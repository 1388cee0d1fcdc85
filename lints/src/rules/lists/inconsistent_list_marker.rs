use serde::{Deserialize, Serialize};

use crate::declare_lint;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::lint::{Context, Lint, LintMeta};
use crate::model::Kind;
use crate::options::{OptionField, OptionKind, Options};

declare_lint! {
    /// ## What it does
    /// Checks that every bullet list item of a page uses the same marker (`-`, `*` or `+`)
    /// as the first bullet of the page, or the marker its `style` option names. This is
    /// markdownlint's `MD004` (`ul-style`); its `sublist` style is not supported. Ordered
    /// lists are not checked.
    ///
    /// It is off by default: turn it on with `--extend-select inconsistent-list-marker` or with `extend-select`
    /// in the configuration file.
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
    /// The fix replaces the marker of every item of the list with the expected marker,
    /// so the list stays one list and renders as before: it is safe. When the list stands
    /// right after or before another bullet list that already uses that marker, the change
    /// joins the two lists into one, which changes the page: then the fix is unsafe.
    ///
    /// ## Options
    /// - `style` (string, default `consistent`): `consistent` (the page's first marker),
    ///   `asterisk` (`*`), `plus` (`+`) or `dash` (`-`).
    pub InconsistentListMarker {
        code: "HB650",
        name: "inconsistent-list-marker",
        severity: Warning,
        fix: Always,
        group: Lists,
        enabled: false,
        phase: Page,
        markdownlint: ("MD004", "ul-style"),
        options: UlStyleOptions,
    }
}

/// Options of [`InconsistentListMarker`].
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct UlStyleOptions {
    pub style: UlStyle,
}

/// The bullet marker expected.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum UlStyle {
    /// The page's first.
    #[default]
    Consistent,
    Asterisk,
    Plus,
    Dash,
}

impl Options for UlStyleOptions {
    const FIELDS: &'static [OptionField] = &[OptionField {
        name: "style",
        aliases: &[],
        kind: OptionKind::OneOf(&["consistent", "asterisk", "plus", "dash"]),
        doc: "consistent, asterisk, plus or dash.",
    }];
}

impl Lint for InconsistentListMarker {
    fn meta(&self) -> &'static LintMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let (tree, bytes) = (&cx.doc.tree, cx.doc.text().as_bytes());
        let marker_of = |list| {
            tree.items(list)
                .next()
                .and_then(|i| tree.item(i))
                .map(|i| bytes[i.marker.start])
        };
        let bullet = |list| tree.list(list).is_some_and(|l| !l.ordered);
        let mut first: Option<u8> = match cx.options.get::<UlStyleOptions>().style {
            UlStyle::Consistent => None,
            UlStyle::Asterisk => Some(b'*'),
            UlStyle::Plus => Some(b'+'),
            UlStyle::Dash => Some(b'-'),
        };
        let configured = first.is_some();
        for &list in tree.of_kind(Kind::List) {
            let Some(written) = marker_of(list).filter(|_| bullet(list)) else {
                continue;
            };
            let expected = *first.get_or_insert(written);
            if written == expected {
                continue;
            }
            // Every item of the list changes together, so the list stays one list; it joins
            // a neighbouring list that already has the expected marker, which is unsafe.
            let markers: Vec<_> = tree
                .items(list)
                .filter_map(|i| tree.item(i))
                .map(|i| i.marker)
                .collect();
            let edits: Vec<Edit> = markers
                .iter()
                .map(|m| Edit::replace(*m, (expected as char).to_string()))
                .collect();
            let joins = neighbours(tree, list)
                .into_iter()
                .flatten()
                .any(|n| bullet(n) && marker_of(n) == Some(expected));
            let (written, expected) = (written as char, expected as char);
            let title = format!("Replace `{written}` with `{expected}` in this list");
            let fix = if joins {
                Fix::unsafe_(title, edits)
            } else {
                Fix::safe(title, edits)
            };
            for marker in markers {
                out.push(
                    Diagnostic::new(
                        &Self::META,
                        marker,
                        if configured {
                            format!("list marker `{written}` is not the configured `{expected}`")
                        } else {
                            format!(
                                "list marker `{written}` differs from the page's first, `{expected}`"
                            )
                        },
                    )
                    .with_label("inconsistent marker")
                    .with_fix(fix.clone()),
                );
            }
        }
    }
}

/// The nodes right before and after `id` under the same parent.
fn neighbours(
    tree: &crate::model::Tree,
    id: crate::model::NodeId,
) -> [Option<crate::model::NodeId>; 2] {
    let Some(parent) = tree.parent(id) else {
        return [None, None];
    };
    // One walk over the siblings, no list of them.
    let mut siblings = tree.children(parent);
    let mut before = None;
    for s in siblings.by_ref() {
        if s == id {
            return [before, siblings.next()];
        }
        before = Some(s);
    }
    // Not found (never: `id` is among its parent's children): as if it came first.
    [None, tree.children(parent).nth(1)]
}
