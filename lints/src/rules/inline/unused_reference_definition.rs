use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::declare_lint;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::document::LinkKind;
use crate::lint::{Context, Lint, LintMeta};
use crate::options::{OptionField, OptionKind, Options};
use crate::span::Span;

declare_lint! {
    /// ## What it does
    /// Checks for link reference definitions (`[setup]: setup.md`) that no link or image of
    /// the page uses, and for a second definition of a label (only the first counts). This
    /// is markdownlint's `MD053` (`link-image-reference-definitions`). The comment idiom
    /// `[//]: # (…)` is not reported (see `ignored-definitions`).
    ///
    /// ## Why is this bad?
    /// An unused definition is usually the trace of a link that was meant to be there, or of
    /// a label misspelled in the link: the link the reader should see is missing.
    ///
    /// ## Example
    /// ```markdown
    /// Read the setup guide.
    ///
    /// [setup]: setup.md
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// Read the [setup guide][setup].
    ///
    /// [setup]: setup.md
    /// ```
    ///
    /// ## Fix safety
    /// The fix deletes the definition line. A definition renders nothing, but a template or
    /// an include may still use the label: unsafe.
    ///
    /// ## Options
    /// - `ignored-definitions` (list of strings, default `["//"]`; markdownlint's
    ///   `ignored_definitions`): labels never reported.
    pub UnusedReferenceDefinition {
        code: "HB854",
        name: "unused-reference-definition",
        severity: Warning,
        fix: Always,
        group: Inline,
        enabled: true,
        phase: Page,
        markdownlint: ("MD053", "link-image-reference-definitions"),
        options: ReferenceDefinitionsOptions,
    }
}

/// Options of [`UnusedReferenceDefinition`].
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct ReferenceDefinitionsOptions {
    #[serde(alias = "ignored_definitions")]
    pub ignored_definitions: Vec<String>,
}

impl Default for ReferenceDefinitionsOptions {
    fn default() -> Self {
        ReferenceDefinitionsOptions {
            ignored_definitions: vec!["//".into()],
        }
    }
}

impl Options for ReferenceDefinitionsOptions {
    const FIELDS: &'static [OptionField] = &[OptionField {
        name: "ignored-definitions",
        aliases: &["ignored_definitions"],
        kind: OptionKind::StringList,
        doc: "Labels never reported.",
    }];
}

impl Lint for UnusedReferenceDefinition {
    fn meta(&self) -> &'static LintMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        let options = cx.options.get::<ReferenceDefinitionsOptions>();
        let mut used = vec![false; doc.definitions.len()];
        for link in doc.links.iter().filter(|l| l.kind == LinkKind::Reference) {
            if let Some(i) = link.definition {
                used[i] = true;
            }
        }
        let text = doc.text();
        // (line with its ending, message) of each unused definition, in order.
        let mut found: Vec<(Span, Span, String)> = Vec::new();
        // The first definition of each label: on a page of many definitions through a map,
        // where a search of the definitions for each one would be quadratic. Built for the
        // first unused definition: most pages have none.
        let defs = &doc.definitions;
        let first_of = std::cell::OnceCell::new();
        let first = |i: usize, label: &str| match defs.len() > 16 {
            true => {
                let map = first_of.get_or_init(|| {
                    let mut map: HashMap<&str, usize> = HashMap::new();
                    for (i, d) in defs.iter().enumerate() {
                        map.entry(d.label.as_str()).or_insert(i);
                    }
                    map
                });
                map.get(label) == Some(&i)
            }
            false => defs.iter().position(|o| o.label == label) == Some(i),
        };
        let ignored_labels = std::cell::OnceCell::new();
        for (i, d) in defs.iter().enumerate() {
            // A link names the first definition of its label (see the model's lowering), so
            // a used definition is the first of its label: nothing to report.
            if used[i] {
                debug_assert!(first(i, &d.label));
                continue;
            }
            let ignored = ignored_labels
                .get_or_init(|| {
                    options
                        .ignored_definitions
                        .iter()
                        .map(|l| l.to_lowercase())
                        .collect::<Vec<_>>()
                })
                .contains(&d.label);
            if ignored || d.label.starts_with('^') {
                continue;
            }
            let first = first(i, &d.label);
            let n = doc.lines.line_of(d.dest.start);
            let line = doc.lines.line_span(text, n);
            if doc.outside_markdown(line.start) {
                continue;
            }
            let next = if n < doc.lines.line_count() {
                doc.lines.line_start(n + 1)
            } else {
                line.end
            };
            let message = if first {
                format!("reference definition `{}` is not used", d.label)
            } else {
                format!(
                    "reference `{}` is defined twice; this one is never used",
                    d.label
                )
            };
            found.push((line, Span::new(line.start, next), message));
        }
        // Unused definitions on consecutive lines go in one edit: every finding of the run
        // deletes the run, so that fixes never stand side by side.
        let mut i = 0;
        while i < found.len() {
            let mut j = i + 1;
            while j < found.len() && found[j].1.start == found[j - 1].1.end {
                j += 1;
            }
            let run = Span::new(found[i].1.start, found[j - 1].1.end);
            let fix = Fix::unsafe_("Delete the unused definitions", vec![Edit::delete(run)]);
            for (line, _, message) in &found[i..j] {
                out.push(
                    Diagnostic::new(&Self::META, *line, message.clone())
                        .with_label("unused definition")
                        .with_fix(fix.clone()),
                );
            }
            i = j;
        }
    }
}
