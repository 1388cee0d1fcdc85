use serde::{Deserialize, Serialize};

use crate::declare_lint;
use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::lint::{Context, Lint, LintMeta};
use crate::model::Heading;
use crate::options::{OptionField, OptionKind, Options};
use crate::span::Span;

use super::{atx_line, text_start};

declare_lint! {
    /// ## What it does
    /// Checks that the headings of a page are, in order, the ones the `headings` option
    /// lists. This is markdownlint's `MD043` (`required-headings`). Each entry is written as
    /// an ATX heading, `#` marks for the level and the text as written in the source (`##
    /// Install`), whatever style the page uses; three entries are wildcards: `*` stands for
    /// zero or more headings of any level and text, `+` for one or more, `?` for exactly
    /// one. Only the first heading that does not fit is reported; when the page ends before
    /// the list does, its last line of text is. A kramdown attribute list after the heading text
    /// (`## Install {#install}`, `{: .note}`) is not part of the text compared.
    ///
    /// It is off by default and does nothing until `headings` is set: turn it on with
    /// `--extend-select missing-required-headings` or `extend-select` in the configuration
    /// file, and set its options under `[lints.missing-required-headings]`.
    ///
    /// ## Why is this bad?
    /// Pages of one kind (a runbook, a decision record) are easier to read and to keep up
    /// when they share a structure; a missing section is often missing content.
    ///
    /// ## Example
    /// With `headings = ["# Runbook", "## Symptoms", "## Steps", "*"]`:
    /// ```markdown
    /// # Runbook
    /// ## Steps
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// # Runbook
    /// ## Symptoms
    /// ## Steps
    /// ### Rollback
    /// ```
    ///
    /// ## Options
    /// - `headings` (list of strings, default empty: nothing is checked): the headings the
    ///   page must have, in order, such as `"## Usage"`, and the wildcards `*` (zero or more
    ///   headings), `+` (one or more) and `?` (exactly one).
    /// - `match-case` (boolean, default false; markdownlint's `match_case`): compare the
    ///   heading texts with their case; by default `## usage` fits `## Usage`.
    pub MissingRequiredHeadings {
        code: "HB613",
        name: "missing-required-headings",
        severity: Warning,
        fix: None,
        group: Headings,
        enabled: false,
        phase: Page,
        markdownlint: ("MD043", "required-headings"),
        options: RequiredHeadingsOptions,
    }
}

/// Options of [`MissingRequiredHeadings`].
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct RequiredHeadingsOptions {
    pub headings: Vec<String>,
    #[serde(alias = "match_case")]
    pub match_case: bool,
}

impl Options for RequiredHeadingsOptions {
    const FIELDS: &'static [OptionField] = &[
        OptionField {
            name: "headings",
            aliases: &[],
            kind: OptionKind::StringList,
            doc: "The headings a page must have, in order (`## Text`, or `*`, `+`, `?`).",
        },
        OptionField {
            name: "match-case",
            aliases: &["match_case"],
            kind: OptionKind::Bool,
            doc: "Compare heading texts with their case.",
        },
    ];
}

impl Lint for MissingRequiredHeadings {
    fn meta(&self) -> &'static LintMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        let options = cx.options.get::<RequiredHeadingsOptions>();
        let required = &options.headings;
        if required.is_empty() {
            return;
        }
        let fold = |s: &str| {
            let s = s.trim();
            if options.match_case {
                s.to_owned()
            } else {
                s.to_lowercase()
            }
        };
        // `next`: the entry the coming heading is compared with; `skipping`: a `*` or `+`
        // before it may still take headings that do not fit it.
        let mut next = 0;
        let mut skipping = false;
        let mut any = false;
        for h in doc.headings.iter() {
            if doc.outside_markdown(h.span.start) {
                continue;
            }
            any = true;
            let actual = format!(
                "{} {}",
                "#".repeat(usize::from(h.level)),
                source_text(doc, h)
            );
            match required.get(next).map(String::as_str) {
                Some("*") => {
                    // Zero headings for the `*` when this one is the entry after it.
                    if required
                        .get(next + 1)
                        .is_some_and(|e| fold(e) == fold(&actual))
                    {
                        next += 2;
                        skipping = false;
                    } else {
                        next += 1;
                        skipping = true;
                    }
                }
                Some("+") => {
                    next += 1;
                    skipping = true;
                }
                Some("?") => next += 1,
                Some(entry) if fold(entry) == fold(&actual) => {
                    next += 1;
                    skipping = false;
                }
                _ if skipping => {}
                expected => {
                    let message = match expected {
                        Some(e) => {
                            format!("found heading `{actual}` where `{}` is required", e.trim())
                        }
                        None => format!("found heading `{actual}` after the last required heading"),
                    };
                    out.push(
                        Diagnostic::new(&Self::META, h.span, message)
                            .with_label("unexpected heading")
                            .with_help(help(required)),
                    );
                    return;
                }
            }
        }
        let left = &required[next.min(required.len())..];
        let missing = match left {
            [] => None,
            [star] if star.trim() == "*" => None,
            [first, ..] => Some(first),
        };
        let Some(missing) = missing else {
            return;
        };
        if !any && required.iter().all(|e| e.trim() == "*") {
            return;
        }
        let text = doc.text();
        let end = text.trim_end().len();
        let line = doc.lines.line_of(end.saturating_sub(1));
        let span = doc.lines.line_span(text, line.max(1));
        out.push(
            Diagnostic::new(
                &Self::META,
                span,
                format!("page ends before the required heading `{}`", missing.trim()),
            )
            .with_label("end of the page")
            .with_help(help(required)),
        );
    }
}

fn help(required: &[String]) -> String {
    let list: Vec<&str> = required.iter().map(|e| e.trim()).collect();
    format!(
        "give the page the required headings, in order: {}",
        list.join(", ")
    )
}

/// The heading's text as written (markup kept), on one line (a setext heading's lines
/// above its underline), without closing hashes or a kramdown attribute list after it.
fn source_text(doc: &Document, h: &Heading) -> String {
    let text = doc.text();
    let bytes = text.as_bytes();
    let table = doc.line_table();
    let first = doc.lines.line_of(h.span.start);
    let last = doc
        .lines
        .line_of(h.span.end.saturating_sub(1).max(h.span.start));
    let lines = if h.setext {
        first..last.max(first + 1)
    } else {
        first..first + 1
    };
    let attr = h
        .attr_list
        .and_then(|i| doc.attr_lists.get(i))
        .map(|a| a.span);
    let mut parts: Vec<&str> = Vec::new();
    for n in lines {
        let Some(line) = table.get(n) else { continue };
        let mut from = text_start(bytes, line).max(line.span.start);
        if line.list_depth > 0 {
            from = from.max(h.span.start);
        }
        let mut span = if h.setext {
            Span::new(from, line.span.end)
        } else {
            match atx_line(bytes, from, line.span.end) {
                Some(atx) => atx.text,
                None => Span::new(h.span.start, line.span.end.max(h.span.start)),
            }
        };
        if let Some(a) = attr.filter(|a| a.start >= span.start && a.start <= span.end) {
            span = Span::new(span.start, a.start);
        }
        let part = strip_attr_list(text[span.start..span.end].trim_end());
        let part = part.trim();
        if !part.is_empty() {
            parts.push(part);
        }
    }
    parts.join(" ")
}

/// `text` without a kramdown attribute list that ends it (`{#id}`, `{: .class}`, `{.class}`),
/// for one the page's attribute lists do not place on the heading (a setext heading's).
fn strip_attr_list(text: &str) -> &str {
    if !text.ends_with('}') {
        return text;
    }
    match text.rfind('{') {
        Some(at) if matches!(text.as_bytes().get(at + 1), Some(b':' | b'#' | b'.')) => &text[..at],
        _ => text,
    }
}
