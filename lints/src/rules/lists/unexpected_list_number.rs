use serde::{Deserialize, Serialize};

use crate::declare_lint;
use crate::diagnostic::Diagnostic;
use crate::lint::{Context, Lint, LintMeta};
use crate::model::Kind;
use crate::options::{OptionField, OptionKind, Options};

use super::is_toc;

declare_lint! {
    /// ## What it does
    /// Checks the numbers of ordered list items: all `1.` (or all `0.`), or counting up by
    /// one from `1.` (or `0.`). This is markdownlint's `MD029` (`ol-prefix`). kramdown's
    /// `1. TOC` + `{:toc}` lists are not checked.
    ///
    /// kramdown numbers every ordered list from 1, whatever number its first item has: a
    /// list written from `3.` shows `1.`, so it is reported, as markdownlint does.
    ///
    /// It is off by default: turn it on with `--extend-select unexpected-list-number` or with
    /// `extend-select` in the configuration file.
    ///
    /// ## Why is this bad?
    /// The page numbers the items from 1, whatever the source says: a
    /// source that says `1. 2. 5.` shows `1. 2. 3.`, and a reader who refers to "step 5"
    /// finds step 3.
    ///
    /// ## Example
    /// ```markdown
    /// 1. Install
    /// 2. Clone
    /// 5. Serve
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// 1. Install
    /// 2. Clone
    /// 3. Serve
    /// ```
    ///
    /// ## Options
    /// - `style` (string, default `one_or_ordered`): `one` (every item `1.`), `ordered`
    ///   (counting up from the first), `one_or_ordered` (either, as the first two items
    ///   show) or `zero` (every item `0.`).
    pub UnexpectedListNumber {
        code: "HB653",
        name: "unexpected-list-number",
        severity: Warning,
        fix: None,
        group: Lists,
        enabled: false,
        phase: Page,
        markdownlint: ("MD029", "ol-prefix"),
        options: OlPrefixOptions,
    }
}

/// Options of [`UnexpectedListNumber`].
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct OlPrefixOptions {
    pub style: String,
}

impl Default for OlPrefixOptions {
    fn default() -> Self {
        OlPrefixOptions {
            style: "one_or_ordered".into(),
        }
    }
}

impl Options for OlPrefixOptions {
    const FIELDS: &'static [OptionField] = &[OptionField {
        name: "style",
        aliases: &[],
        kind: OptionKind::String,
        doc: "one, ordered, one_or_ordered or zero.",
    }];
}

impl Lint for UnexpectedListNumber {
    fn meta(&self) -> &'static LintMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let (doc, tree) = (cx.doc, &cx.doc.tree);
        let style = cx.options.get::<OlPrefixOptions>().style.replace('-', "_");
        for &list in tree.of_kind(Kind::List) {
            let ordered = tree.list(list).is_some_and(|l| l.ordered);
            let span = tree.span(list);
            if !ordered || is_toc(doc, list) || doc.outside_markdown(span.start) {
                continue;
            }
            let items: Vec<_> = tree
                .items(list)
                .filter_map(|i| tree.item(i))
                .filter_map(|i| {
                    let digits = &doc.slice(i.marker)[..i.marker.len().saturating_sub(1)];
                    digits.parse::<u64>().ok().map(|n| (n, i.marker))
                })
                .collect();
            let Some(&(first, _)) = items.first() else {
                continue;
            };
            let second = items.get(1).map(|i| i.0);
            // kramdown numbers every ordered list from 1, whatever its first number says.
            let start = first.min(1);
            let same = |n: u64| (0..).map(move |_| n);
            let expected: Box<dyn Iterator<Item = u64>> = match style.as_str() {
                "one" => Box::new(same(1)),
                "zero" => Box::new(same(0)),
                "ordered" => Box::new(start..),
                _ if first <= 1 && second == Some(first) => Box::new(same(first)),
                _ => Box::new(start..),
            };
            for ((n, marker), want) in items.iter().zip(expected) {
                if *n == want {
                    continue;
                }
                out.push(
                    Diagnostic::new(
                        &Self::META,
                        *marker,
                        format!("list item numbered {n}, expected {want}"),
                    )
                    .with_label("unexpected number")
                    .with_help(format!("number this item {want}")),
                );
            }
        }
    }
}
