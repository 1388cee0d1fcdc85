use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::declare_lint;
use crate::diagnostic::Diagnostic;
use crate::lint::{Context, Lint, LintMeta};
use crate::options::{OptionField, OptionKind, Options};

declare_lint! {
    /// ## What it does
    /// Checks for headings with the same text as an earlier heading of the page. This is
    /// markdownlint's `MD024` (`no-duplicate-heading`). The text compared is the rendered
    /// text (markup removed), as kramdown makes the heading's id from it.
    ///
    /// It is off by default: turn it on with `--extend-select duplicate-heading` or with
    /// `extend-select` in the configuration file.
    ///
    /// ## Why is this bad?
    /// kramdown gives the second heading the id `setup-1`: a link to `#setup` always lands on
    /// the first one, and readers cannot tell the sections apart in the table of contents.
    ///
    /// ## Example
    /// ```markdown
    /// ## Setup
    /// ## Setup
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// ## Setup on macOS
    /// ## Setup on Linux
    /// ```
    ///
    /// ## Options
    /// - `siblings-only` (boolean, default false; markdownlint's `siblings_only`): only
    ///   report a heading whose text repeats a heading under the same parent heading.
    pub DuplicateHeading {
        code: "HB608",
        name: "duplicate-heading",
        severity: Warning,
        fix: None,
        group: Headings,
        enabled: false,
        phase: Page,
        markdownlint: ("MD024", "no-duplicate-heading"),
        options: DuplicateHeadingOptions,
    }
}

/// Options of [`DuplicateHeading`].
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct DuplicateHeadingOptions {
    #[serde(alias = "siblings_only")]
    pub siblings_only: bool,
}

impl Options for DuplicateHeadingOptions {
    const FIELDS: &'static [OptionField] = &[OptionField {
        name: "siblings-only",
        aliases: &["siblings_only"],
        kind: OptionKind::Bool,
        doc: "Only compare headings under the same parent heading.",
    }];
}

impl Lint for DuplicateHeading {
    fn meta(&self) -> &'static LintMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        // One heading cannot repeat another.
        if doc.headings.len() < 2 {
            return;
        }
        let siblings = cx.options.get::<DuplicateHeadingOptions>().siblings_only;
        // `path[l]`: the index of the open heading of level `l + 1`, to tell siblings apart.
        let mut path: [Option<usize>; 6] = [None; 6];
        // The first heading of each (scope, text), with its start: searched in a list on a
        // page of few headings, in a map on a page of many (where a search of the list for
        // every heading would be quadratic).
        let many = doc.headings.len() > 16;
        let mut list: Vec<(Option<usize>, &str, usize)> = Vec::new();
        let mut map: HashMap<(Option<usize>, &str), usize> = HashMap::new();
        for (i, h) in doc.headings.iter().enumerate() {
            if doc.outside_markdown(h.span.start) {
                continue;
            }
            let level = usize::from(h.level.clamp(1, 6));
            let parent = path[..level - 1].iter().rev().find_map(|p| *p);
            path[level - 1] = Some(i);
            path[level..].iter_mut().for_each(|p| *p = None);
            let text = h.text.trim();
            let scope = if siblings { parent } else { None };
            let earlier = match many {
                true => map.get(&(scope, text)).copied(),
                false => list
                    .iter()
                    .find(|(s, t, _)| *s == scope && *t == text)
                    .map(|e| e.2),
            };
            match earlier {
                Some(start) => out.push(
                    Diagnostic::new(
                        &Self::META,
                        h.span,
                        format!(
                            "heading `{text}` repeats the heading on line {}",
                            doc.lines.line_of(start)
                        ),
                    )
                    .with_label("duplicate heading")
                    .with_help("give this section a heading of its own"),
                ),
                // Kept by where it starts: its line is looked up only for a repeat.
                None => {
                    let start = h.span.start;
                    if many {
                        map.insert((scope, text), start);
                    } else {
                        list.push((scope, text, start));
                    }
                }
            }
        }
    }
}
