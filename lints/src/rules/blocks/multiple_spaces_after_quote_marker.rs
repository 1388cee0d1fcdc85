use serde::{Deserialize, Serialize};

use crate::declare_lint;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::lint::{Context, Lint, LintMeta};
use crate::model::{Kind, LineContext};
use crate::options::{OptionField, OptionKind, Options};
use crate::span::Span;

declare_lint! {
    /// ## What it does
    /// Checks for block quote lines with more than one space after the `>`, such as
    /// `>  Ask first`, or `>  - Ask first` where a list of the quote starts an item. This
    /// is markdownlint's `MD027` (`no-multiple-space-blockquote`). The other lines of lists
    /// and code in quotes are not checked, since their indentation means something.
    ///
    /// It is off by default: turn it on with
    /// `--extend-select multiple-spaces-after-quote-marker` or with `extend-select` in the
    /// configuration file.
    ///
    /// ## Why is this bad?
    /// The extra spaces render the same, until there are four of them and the quote holds
    /// a code block instead of text.
    ///
    /// ## Example
    /// ```markdown
    /// >  Ask in the team channel first.
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// > Ask in the team channel first.
    /// ```
    ///
    /// ## Fix safety
    /// The fix leaves one space. Fewer than four extra spaces never make code: safe, but
    /// before a list marker, where the item's indentation decides which of the next lines
    /// belong to it: unsafe there.
    ///
    /// ## Options
    /// - `list-items` (boolean, default true; markdownlint's `list_items`): check the lines
    ///   that start a list item in the quote.
    pub MultipleSpacesAfterQuoteMarker {
        code: "HB721",
        name: "multiple-spaces-after-quote-marker",
        severity: Warning,
        fix: Always,
        group: Blocks,
        enabled: false,
        phase: Page,
        markdownlint: ("MD027", "no-multiple-space-blockquote"),
        options: QuoteSpacesOptions,
    }
}

/// Options of [`MultipleSpacesAfterQuoteMarker`].
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct QuoteSpacesOptions {
    #[serde(alias = "list_items")]
    pub list_items: bool,
}

impl Default for QuoteSpacesOptions {
    fn default() -> Self {
        QuoteSpacesOptions { list_items: true }
    }
}

impl Options for QuoteSpacesOptions {
    const FIELDS: &'static [OptionField] = &[OptionField {
        name: "list-items",
        aliases: &["list_items"],
        kind: OptionKind::Bool,
        doc: "Check the lines that start a list item in the quote.",
    }];
}

impl Lint for MultipleSpacesAfterQuoteMarker {
    fn meta(&self) -> &'static LintMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        let bytes = doc.text().as_bytes();
        let list_items = cx.options.get::<QuoteSpacesOptions>().list_items;
        for line in doc.line_table().lines() {
            if line.quote_depth == 0 || line.context != LineContext::Body {
                continue;
            }
            // After the last `>` of the line's quote markers.
            let start = line.text_start(bytes);
            let Some(gt) = bytes[line.span.start..start]
                .iter()
                .rposition(|b| *b == b'>')
            else {
                continue;
            };
            let after = line.span.start + gt + 1;
            let n = bytes[after..line.span.end]
                .iter()
                .take_while(|b| **b == b' ')
                .count();
            if !(2..=4).contains(&n)
                || after + n >= line.span.end
                || doc.outside_markdown(after + n)
            {
                continue;
            }
            let item = line.list_depth > 0;
            if item && !(list_items && starts_quoted_item(doc, after + n)) {
                continue;
            }
            let extra = Span::new(after + 1, after + n);
            let (title, edits) = ("Leave one space after `>`", vec![Edit::delete(extra)]);
            out.push(
                Diagnostic::new(
                    &Self::META,
                    Span::new(after, after + n),
                    format!("{n} spaces after the quote marker"),
                )
                .with_label("one space is enough")
                .with_fix(if item {
                    Fix::unsafe_(title, edits)
                } else {
                    Fix::safe(title, edits)
                }),
            );
        }
    }
}

/// Whether a list item starts at `at`, in a list that the block quote holds directly.
fn starts_quoted_item(doc: &crate::Document, at: usize) -> bool {
    let tree = &doc.tree;
    tree.of_kind_in(Kind::Item, Span::new(at, at + 1))
        .iter()
        .any(|&item| {
            let list = tree.parent(item);
            tree.span(item).start == at
                && list
                    .and_then(|l| tree.parent(l))
                    .is_some_and(|q| tree.kind(q) == Kind::BlockQuote)
        })
}
