use crate::declare_lint;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::lint::{Context, Lint, LintMeta};
use crate::span::Span;

declare_lint! {
    /// ## What it does
    /// Checks that a page ends with a line ending. This is markdownlint's `MD047`
    /// (`single-trailing-newline`). An empty page is not reported.
    ///
    /// It is off by default: turn it on with `--extend-select missing-final-newline` or with
    /// `extend-select` in the configuration file.
    ///
    /// ## Why is this bad?
    /// Many tools expect text files to end with a line ending: `cat` runs the next prompt
    /// into the last line, and each edit at the end shows as a change of two lines in diffs.
    ///
    /// ## Example
    /// ```markdown
    /// The last line.⏎̸
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// The last line.⏎
    /// ```
    ///
    /// ## Fix safety
    /// The fix adds the page's line ending (`\r\n` when its lines end so). It is safe.
    pub MissingFinalNewline {
        code: "HB803",
        name: "missing-final-newline",
        severity: Warning,
        fix: Always,
        group: Whitespace,
        enabled: false,
        phase: Page,
        markdownlint: ("MD047", "single-trailing-newline"),
    }
}

impl Lint for MissingFinalNewline {
    fn meta(&self) -> &'static LintMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let text = cx.doc.text();
        if text.is_empty() || text.ends_with('\n') || text.ends_with('\r') {
            return;
        }
        let eol = match text.find('\n') {
            Some(i) if i > 0 && text.as_bytes()[i - 1] == b'\r' => "\r\n",
            _ => "\n",
        };
        let last = cx.doc.lines.line_start(cx.doc.lines.line_count());
        out.push(
            Diagnostic::new(
                &Self::META,
                Span::new(last, text.len()),
                "page does not end with a line ending",
            )
            .with_label("last line")
            .with_fix(Fix::safe(
                "Add a line ending",
                vec![Edit::insert(text.len(), eol)],
            )),
        );
    }
}
