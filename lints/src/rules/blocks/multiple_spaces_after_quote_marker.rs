use crate::declare_lint;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::lint::{Context, Lint, LintMeta};
use crate::model::LineContext;
use crate::span::Span;

declare_lint! {
    /// ## What it does
    /// Checks for block quote lines with more than one space after the `>`, such as
    /// `>  Ask first`. This is markdownlint's `MD027` (`no-multiple-space-blockquote`).
    /// Lines inside lists and code in quotes are not checked, since their indentation
    /// means something.
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
    /// The fix leaves one space. Fewer than four extra spaces never make code: safe.
    pub MultipleSpacesAfterQuoteMarker {
        code: "HB721",
        name: "multiple-spaces-after-quote-marker",
        severity: Warning,
        fix: Always,
        group: Blocks,
        enabled: false,
        phase: Page,
        markdownlint: ("MD027", "no-multiple-space-blockquote"),
    }
}

impl Lint for MultipleSpacesAfterQuoteMarker {
    fn meta(&self) -> &'static LintMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        let bytes = doc.text().as_bytes();
        for line in doc.line_table().lines() {
            if line.quote_depth == 0 || line.list_depth > 0 || line.context != LineContext::Body {
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
            let extra = Span::new(after + 1, after + n);
            out.push(
                Diagnostic::new(
                    &Self::META,
                    Span::new(after, after + n),
                    format!("{n} spaces after the quote marker"),
                )
                .with_label("one space is enough")
                .with_fix(Fix::safe(
                    "Leave one space after `>`",
                    vec![Edit::delete(extra)],
                )),
            );
        }
    }
}
