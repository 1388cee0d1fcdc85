use serde::{Deserialize, Serialize};

use crate::declare_lint;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::lint::{Context, Lint, LintMeta};
use crate::model::LineContext;
use crate::options::{OptionField, OptionKind, Options};
use crate::span::Span;

declare_lint! {
    /// ## What it does
    /// Checks for more blank lines in a row than `maximum` (one by default), outside code
    /// blocks and the front matter. This is markdownlint's `MD012` (`no-multiple-blanks`).
    ///
    /// It is off by default: turn it on with `--extend-select multiple-blank-lines` or with
    /// `extend-select` in the configuration file.
    ///
    /// ## Why is this bad?
    /// Extra blank lines render as nothing and only stretch the source.
    ///
    /// ## Example
    /// ```markdown
    /// Install the tools.
    ///
    ///
    /// Clone the handbook.
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// Install the tools.
    ///
    /// Clone the handbook.
    /// ```
    ///
    /// ## Fix safety
    /// The fix deletes the extra blank lines. Outside code one blank line and several mean
    /// the same: it is safe.
    ///
    /// ## Options
    /// - `maximum` (integer, default 1): blank lines allowed in a row.
    pub MultipleBlankLines {
        code: "HB802",
        name: "multiple-blank-lines",
        severity: Warning,
        fix: Always,
        group: Whitespace,
        enabled: false,
        phase: Page,
        markdownlint: ("MD012", "no-multiple-blanks"),
        options: MultipleBlanksOptions,
    }
}

/// Options of [`MultipleBlankLines`].
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct MultipleBlanksOptions {
    pub maximum: usize,
}

impl Default for MultipleBlanksOptions {
    fn default() -> Self {
        MultipleBlanksOptions { maximum: 1 }
    }
}

impl Options for MultipleBlanksOptions {
    const FIELDS: &'static [OptionField] = &[OptionField {
        name: "maximum",
        aliases: &[],
        kind: OptionKind::Integer,
        doc: "Blank lines allowed in a row.",
    }];
}

impl Lint for MultipleBlankLines {
    fn meta(&self) -> &'static LintMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        let maximum = cx.options.get::<MultipleBlanksOptions>().maximum;
        let lines = doc.line_table().lines();
        let blank = |i: usize| {
            let l = &lines[i];
            l.blank
                && !matches!(
                    l.context,
                    LineContext::FrontMatter
                        | LineContext::FencedCode
                        | LineContext::IndentedCode
                        | LineContext::HtmlBlock
                )
        };
        let counted = |i: usize| blank(i) && !doc.outside_markdown(lines[i].span.start);
        // The page's last line has no ending: a run that reaches it is one line shorter.
        let real = |i: usize, run: usize| match i + run == lines.len()
            && lines[i + run - 1].span.is_empty()
        {
            true => run - 1,
            false => run,
        };
        let mut i = 0;
        while i < lines.len() {
            if !blank(i) {
                i += 1;
                continue;
            }
            // A stretch of blank lines no longer than allowed holds no finding: whether its
            // lines are Markdown is asked only of a longer one.
            let stretch = i + (i..lines.len()).take_while(|&j| blank(j)).count();
            if real(i, stretch - i) <= maximum {
                i = stretch;
                continue;
            }
            while i < stretch {
                if !counted(i) {
                    i += 1;
                    continue;
                }
                let run = (i..stretch).take_while(|&j| counted(j)).count();
                let real = real(i, run);
                if real > maximum {
                    out.push(finding(doc, lines, i, real, maximum));
                }
                i += run;
            }
        }
    }
}

/// The finding for `real` blank lines from line index `first`, `maximum` allowed.
fn finding(
    doc: &crate::document::Document,
    lines: &[crate::model::lines::Line],
    first: usize,
    real: usize,
    maximum: usize,
) -> Diagnostic {
    let first_extra = first + maximum;
    let end = lines[first + real - 1].span.end;
    let end = end + line_ending_len(doc.text(), end);
    let extra = Span::new(lines[first_extra].span.start, end);
    let n = real - maximum;
    let plural = if n == 1 { "" } else { "s" };
    Diagnostic::new(
        &MultipleBlankLines::META,
        Span::empty(lines[first_extra].span.start),
        format!("{real} blank lines in a row, {maximum} allowed"),
    )
    .with_label("extra blank lines")
    .with_fix(Fix::safe(
        format!("Delete {n} blank line{plural}"),
        vec![Edit::delete(extra)],
    ))
}

/// The length of the line ending at `at` (0 at the end of the page).
fn line_ending_len(text: &str, at: usize) -> usize {
    match &text.as_bytes()[at..] {
        [b'\r', b'\n', ..] => 2,
        [b'\n' | b'\r', ..] => 1,
        _ => 0,
    }
}
