use crate::declare_lint;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::document::LinkKind;
use crate::lint::{Context, Lint, LintMeta};
use crate::span::Span;

use super::closing_bracket;

declare_lint! {
    /// ## What it does
    /// Checks for links whose text starts or ends with blanks, such as `[ setup ](setup.md)`.
    /// This is markdownlint's `MD039` (`no-space-in-links`). Images are not checked.
    ///
    /// It is off by default: turn it on with `--extend-select link-text-spaces` or with
    /// `extend-select` in the configuration file.
    ///
    /// ## Why is this bad?
    /// The underline of the link runs over the blanks, which looks like a mistake.
    ///
    /// ## Example
    /// ```markdown
    /// Read the [ setup guide ](setup.md).
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// Read the [setup guide](setup.md).
    /// ```
    ///
    /// ## Fix safety
    /// The fix deletes the blanks inside the brackets. The link, its target and its words
    /// stay: safe.
    pub LinkTextSpaces {
        code: "HB859",
        name: "link-text-spaces",
        severity: Warning,
        fix: Always,
        group: Inline,
        enabled: false,
        phase: Page,
        markdownlint: ("MD039", "no-space-in-links"),
    }
}

impl Lint for LinkTextSpaces {
    fn meta(&self) -> &'static LintMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        let bytes = doc.text().as_bytes();
        for link in doc
            .links
            .iter()
            .filter(|l| !l.image && l.kind != LinkKind::Autolink)
        {
            let Some(close) = closing_bracket(bytes, link.span.start, link.span.end) else {
                continue;
            };
            let inner = Span::new(link.span.start + 1, close);
            let text = &bytes[inner.range()];
            let blank = |b: &&u8| **b == b' ' || **b == b'\t';
            let lead = text.iter().take_while(blank).count();
            let trail = text.iter().rev().take_while(blank).count();
            if lead == text.len()
                || (lead == 0 && trail == 0)
                || doc.outside_markdown(link.span.start)
            {
                continue;
            }
            let mut edits = Vec::new();
            if lead > 0 {
                edits.push(Edit::delete(Span::new(inner.start, inner.start + lead)));
            }
            if trail > 0 {
                edits.push(Edit::delete(Span::new(inner.end - trail, inner.end)));
            }
            out.push(
                Diagnostic::new(
                    &Self::META,
                    link.span,
                    "link text with blanks inside its brackets",
                )
                .with_label("blanks inside the brackets")
                .with_fix(Fix::safe("Delete the blanks inside the brackets", edits)),
            );
        }
    }
}
