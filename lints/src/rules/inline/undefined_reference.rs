use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use crate::declare_lint;
use crate::diagnostic::Diagnostic;
use crate::lint::{Context, Lint, LintMeta};
use crate::options::{OptionField, OptionKind, Options};
use crate::span::{SortedSpans, Span};

use super::{bracket_pairs, normalize_label, normalize_label_into};

declare_lint! {
    /// ## What it does
    /// Checks for reference links and images whose label has no definition on the page:
    /// `[guide][setup]` (full) and `[setup][]` (collapsed) with no `[setup]: …` line. This
    /// is markdownlint's `MD052` (`reference-links-images`). By default it does not read the
    /// shortcut form `[setup]` (too often plain text in brackets). Footnotes (`[^1]`), code,
    /// Liquid and `{::comment}` blocks are not read.
    ///
    /// ## Why is this bad?
    /// Without its definition the link is no link: kramdown prints the brackets and the
    /// label as text.
    ///
    /// ## Example
    /// ```markdown
    /// Read the [setup guide][setup].
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// Read the [setup guide][setup].
    ///
    /// [setup]: setup.md
    /// ```
    ///
    /// ## Options
    /// - `shortcut-syntax` (boolean, default false; markdownlint's `shortcut_syntax`): read
    ///   the shortcut form `[setup]` too: every text in brackets that is no link then needs a
    ///   definition, or its brackets escaped (`\[setup\]`).
    /// - `ignored-labels` (list of strings, default `["x"]`; markdownlint's
    ///   `ignored_labels`): labels never reported, compared as labels are (case and runs of
    ///   blanks aside); `x` is the mark of a done task (`- [x]`).
    pub UndefinedReference {
        code: "HB853",
        name: "undefined-reference",
        severity: Warning,
        fix: None,
        group: Inline,
        enabled: true,
        phase: Page,
        markdownlint: ("MD052", "reference-links-images"),
        options: ReferenceLabelsOptions,
    }
}

/// Options of [`UndefinedReference`].
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct ReferenceLabelsOptions {
    #[serde(alias = "shortcut_syntax")]
    pub shortcut_syntax: bool,
    #[serde(alias = "ignored_labels")]
    pub ignored_labels: Vec<String>,
}

impl Default for ReferenceLabelsOptions {
    fn default() -> Self {
        ReferenceLabelsOptions {
            shortcut_syntax: false,
            ignored_labels: vec!["x".into()],
        }
    }
}

impl Options for ReferenceLabelsOptions {
    const FIELDS: &'static [OptionField] = &[
        OptionField {
            name: "shortcut-syntax",
            aliases: &["shortcut_syntax"],
            kind: OptionKind::Bool,
            doc: "Read the shortcut form `[label]` too.",
        },
        OptionField {
            name: "ignored-labels",
            aliases: &["ignored_labels"],
            kind: OptionKind::StringList,
            doc: "Labels never reported.",
        },
    ];
}

impl Lint for UndefinedReference {
    fn meta(&self) -> &'static LintMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        let options = cx.options.get::<ReferenceLabelsOptions>();
        let shortcut = options.shortcut_syntax;
        let (text, bytes) = (doc.text(), doc.text().as_bytes());
        // Where the page holds `][`: without the shortcut form, only a block with one can
        // hold a reference, and a page without any has nothing to read.
        let joints: Vec<usize> = match shortcut {
            true => Vec::new(),
            false => memchr::memmem::find_iter(bytes, b"][").collect(),
        };
        if !shortcut && joints.is_empty() {
            return;
        }
        let ignored: HashSet<String> = options
            .ignored_labels
            .iter()
            .map(|l| normalize_label(l))
            .collect();
        let defined: HashSet<&str> = doc.definitions.iter().map(|d| d.label.as_str()).collect();
        // Sorted on the first label that needs it: most pages have none.
        let links = std::cell::OnceCell::new();
        // Each label's key is written into this one buffer.
        let mut key_buf = String::new();
        for block in &doc.blocks {
            // A full or collapsed reference (`[text][label]`, `[label][]`) holds `][`.
            let k = joints.partition_point(|&j| j < block.start);
            if !shortcut && joints.get(k).is_none_or(|&j| j + 2 > block.end) {
                continue;
            }
            // Each bracket's partner, found once for the block (looking each up by scanning
            // ahead would be quadratic on a line of `[`).
            let pairs = bracket_pairs(bytes, block.start, block.end);
            let close_of = |open: usize| {
                pairs
                    .binary_search_by_key(&open, |p| p.0)
                    .ok()
                    .map(|k| pairs[k].1)
            };
            let mut i = block.start;
            while let Some(open) = memchr::memchr(b'[', &bytes[i..block.end]).map(|p| i + p) {
                i = open + 1;
                if open > 0 && bytes[open - 1] == b'\\' {
                    continue;
                }
                let Some(close) = close_of(open) else {
                    continue;
                };
                let (label, end) = match bytes.get(close + 1) {
                    Some(b'[') => {
                        let Some(end) = close_of(close + 1) else {
                            continue;
                        };
                        let label = &text[close + 2..end];
                        // A label cannot hold brackets: `[a][[b]](url)` is text, then a link.
                        if label.contains(['[', ']']) {
                            continue;
                        }
                        match label.trim().is_empty() {
                            true => (&text[open + 1..close], end),
                            false => (label, end),
                        }
                    }
                    // `[label]` alone: a shortcut reference, not a definition or an inline link.
                    Some(b'(' | b':') => continue,
                    _ if shortcut => (&text[open + 1..close], close),
                    _ => continue,
                };
                let key = normalize_label_into(label, &mut key_buf);
                let span = Span::new(
                    open - usize::from(open > 0 && bytes[open - 1] == b'!'),
                    end + 1,
                );
                i = end + 1;
                let skip = key.is_empty()
                    || key.starts_with('^')
                    || (end == close && label.contains(['[', ']']))
                    || defined.contains(key)
                    || ignored.contains(key)
                    || doc.in_verbatim(Span::new(open, open + 1))
                    || doc.outside_markdown(open)
                    || links
                        .get_or_init(|| {
                            SortedSpans::new(doc.links.iter().map(|l| l.span).collect())
                        })
                        .touch(span);
                if skip {
                    continue;
                }
                out.push(
                    Diagnostic::new(
                        &Self::META,
                        span,
                        format!("reference `{}` has no definition", label.trim()),
                    )
                    .with_label("undefined label")
                    .with_help(format!(
                        "add a definition line `[{}]: destination`",
                        label.trim()
                    )),
                );
            }
        }
    }
}
