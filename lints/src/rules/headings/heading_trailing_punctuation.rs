use serde::{Deserialize, Serialize};

use crate::declare_lint;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::lint::{Context, Lint, LintMeta};
use crate::options::{OptionField, OptionKind, Options};
use crate::span::Span;

use super::{atx_line, text_start};

declare_lint! {
    /// ## What it does
    /// Checks for headings whose text ends with punctuation (by default one of
    /// `.,;:!` and their full-width forms). This is markdownlint's `MD026`
    /// (`no-trailing-punctuation`). A character reference such as `&amp;` is not
    /// punctuation, nor is the `}` of a Liquid output.
    ///
    /// It is off by default: turn it on with `--extend-select heading-trailing-punctuation`
    /// or with `extend-select` in the configuration file.
    ///
    /// ## Why is this bad?
    /// A heading is a title, not a sentence; the punctuation also ends up in the heading's
    /// id (`#setup` becomes `#setup-`… for some characters) and in the table of contents.
    ///
    /// ## Example
    /// ```markdown
    /// ## Setup:
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// ## Setup
    /// ```
    ///
    /// ## Fix safety
    /// The fix deletes the punctuation. The heading's text changes: it is unsafe.
    ///
    /// ## Options
    /// - `punctuation` (string, default `.,;:!。，；：！`): the characters reported.
    pub HeadingTrailingPunctuation {
        code: "HB610",
        name: "heading-trailing-punctuation",
        severity: Warning,
        fix: Always,
        group: Headings,
        enabled: false,
        phase: Page,
        markdownlint: ("MD026", "no-trailing-punctuation"),
        options: TrailingPunctuationOptions,
    }
}

/// Options of [`HeadingTrailingPunctuation`].
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct TrailingPunctuationOptions {
    pub punctuation: String,
}

impl Default for TrailingPunctuationOptions {
    fn default() -> Self {
        TrailingPunctuationOptions {
            punctuation: ".,;:!。，；：！".into(),
        }
    }
}

impl Options for TrailingPunctuationOptions {
    const FIELDS: &'static [OptionField] = &[OptionField {
        name: "punctuation",
        aliases: &[],
        kind: OptionKind::String,
        doc: "Characters a heading may not end with.",
    }];
}

impl Lint for HeadingTrailingPunctuation {
    fn meta(&self) -> &'static LintMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        let text = doc.text();
        let bytes = text.as_bytes();
        let punctuation = &cx.options.get::<TrailingPunctuationOptions>().punctuation;
        let table = doc.line_table();
        for h in &doc.headings {
            let Some(line) = table.get(doc.lines.line_of(h.span.start)) else {
                continue;
            };
            // The heading's own text: on its first line (ATX) without the closing hashes.
            let end = if h.setext {
                let own = doc.lines.line_end(text, line_of_start(doc, h.span));
                own.min(h.span.end)
            } else {
                let from = text_start(bytes, line).max(line.span.start);
                let from = if line.list_depth > 0 {
                    h.span.start
                } else {
                    from
                };
                match atx_line(bytes, from, line.span.end) {
                    Some(atx) => atx.text.end,
                    None => continue,
                }
            };
            let content = text[h.span.start.min(end)..end].trim_end();
            let Some(last) = content.chars().last() else {
                continue;
            };
            let at = h.span.start + content.len() - last.len_utf8();
            let entity = last == ';' && is_reference(content);
            if !punctuation.contains(last) || entity || doc.outside_markdown(at) {
                continue;
            }
            let span = Span::new(at, at + last.len_utf8());
            out.push(
                Diagnostic::new(
                    &Self::META,
                    span,
                    format!("heading ends with punctuation `{last}`"),
                )
                .with_label("trailing punctuation")
                .with_fix(Fix::unsafe_(
                    "Delete the punctuation",
                    vec![Edit::delete(span)],
                )),
            );
        }
    }
}

fn line_of_start(doc: &crate::document::Document, span: Span) -> usize {
    doc.lines.line_of(span.start)
}

/// Whether `text` ends with a character reference (`&amp;`, `&#169;`, `&#x1F600;`).
fn is_reference(text: &str) -> bool {
    let Some(amp) = text.rfind('&') else {
        return false;
    };
    let name = &text[amp + 1..text.len() - 1];
    let name = name.strip_prefix('#').unwrap_or(name);
    !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric())
}
