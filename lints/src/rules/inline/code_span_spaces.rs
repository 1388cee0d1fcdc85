use crate::declare_lint;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::lint::{Context, Lint, LintMeta};
use crate::model::Kind;
use crate::span::Span;

declare_lint! {
    /// ## What it does
    /// Checks for code spans with blanks right inside the backticks, such as `` ` make` ``.
    /// This is markdownlint's `MD038` (`no-space-in-code`). One space on each side of a
    /// code that starts or ends with a backtick (`` `` ` `` ``) is how a backtick is written,
    /// and is not reported.
    ///
    /// kramdown correction: kramdown does not read a code span whose code starts with a
    /// blank, so on a Jekyll page `` ` make` `` prints the backticks as text and pairs the
    /// second one with the next backtick of the paragraph. It is still off by default, as
    /// a padded code span is sometimes meant (`` `<< ` ``): turn it on with
    /// `--extend-select code-span-spaces` or with `extend-select` in the configuration file.
    ///
    /// ## Why is this bad?
    /// On the published page the code is not shown as code, and the text around it may be.
    ///
    /// ## Example
    /// ```markdown
    /// Run ` make` first.
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// Run `make` first.
    /// ```
    ///
    /// ## Fix safety
    /// The fix deletes the blanks. With exactly one space on each side CommonMark already
    /// strips them, so the page is the same: safe. Otherwise the code shown changes: unsafe.
    pub CodeSpanSpaces {
        code: "HB856",
        name: "code-span-spaces",
        severity: Warning,
        fix: Always,
        group: Inline,
        enabled: false,
        phase: Page,
        markdownlint: ("MD038", "no-space-in-code"),
    }
}

impl Lint for CodeSpanSpaces {
    fn meta(&self) -> &'static LintMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        let bytes = doc.text().as_bytes();
        for &code in doc.tree.of_kind(Kind::CodeSpan) {
            let span = doc.tree.span(code);
            let raw = &bytes[span.range()];
            let ticks = raw.iter().take_while(|b| **b == b'`').count();
            if raw.len() < 2 * ticks + 1 || doc.outside_markdown(span.start) {
                continue;
            }
            let inner = Span::new(span.start + ticks, span.end - ticks);
            let content = &bytes[inner.range()];
            let blank = |b: &&u8| **b == b' ' || **b == b'\t';
            let lead = content.iter().take_while(blank).count();
            let trail = content.iter().rev().take_while(blank).count();
            if lead == content.len() || (lead == 0 && trail == 0) {
                continue;
            }
            let text = &content[lead..content.len() - trail];
            let escape =
                lead == 1 && trail == 1 && (text.starts_with(b"`") || text.ends_with(b"`"));
            if escape || content.contains(&b'\n') {
                continue;
            }
            let mut edits = Vec::new();
            if lead > 0 {
                edits.push(Edit::delete(Span::new(inner.start, inner.start + lead)));
            }
            if trail > 0 {
                edits.push(Edit::delete(Span::new(inner.end - trail, inner.end)));
            }
            let title = "Delete the blanks inside the backticks";
            let fix = if lead == 1 && trail == 1 {
                Fix::safe(title, edits)
            } else {
                Fix::unsafe_(title, edits)
            };
            out.push(
                Diagnostic::new(
                    &Self::META,
                    span,
                    "code span with blanks inside its backticks",
                )
                .with_label("kramdown does not read this as code")
                .with_fix(fix),
            );
        }
    }
}
