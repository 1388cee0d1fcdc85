use crate::declare_lint;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::lint::{Context, Lint, LintMeta};
use crate::span::Span;

use super::{atx_line, paragraph_lines};

declare_lint! {
    /// ## What it does
    /// Checks for paragraph lines that look like an ATX heading without the space after the
    /// hashes, such as `#Setup`. This is markdownlint's `MD018` (`no-missing-space-atx`).
    ///
    /// Lines of code, Liquid (`{% if %}`), `{::comment}` blocks and list items are not read,
    /// nor lines closed by hashes (`#Setup#`, see `missing-space-in-closed-heading`), nor a
    /// keycap emoji (`#️⃣`). Unlike markdownlint, a hash followed by a digit (`#135 by
    /// @someone`, an issue number in a changelog) is not reported: nobody means it as a
    /// heading.
    ///
    /// ## Why is this bad?
    /// Neither kramdown's GFM parser nor CommonMark reads `#Setup` as a heading: the reader
    /// sees the hash and the text in a paragraph, and the section is missing from the table
    /// of contents.
    ///
    /// ## Example
    /// ```markdown
    /// #Setup
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// # Setup
    /// ```
    ///
    /// ## Fix safety
    /// The fix inserts a space after the hashes. It turns the paragraph into a heading, which
    /// is what the author meant but changes the page (and a line such as `#hashtag` was maybe
    /// not meant as a heading): it is unsafe.
    pub MissingSpaceAfterHash {
        code: "HB602",
        name: "missing-space-after-hash",
        severity: Warning,
        fix: Always,
        group: Headings,
        enabled: true,
        phase: Page,
        markdownlint: ("MD018", "no-missing-space-atx"),
    }
}

impl Lint for MissingSpaceAfterHash {
    fn meta(&self) -> &'static LintMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let bytes = cx.doc.text().as_bytes();
        // Only a line with no blank right after its hashes can be a finding: that is asked
        // first, of the text, before the tree is.
        let no_gap = |rest: &[u8]| {
            let hashes = rest.iter().take_while(|b| **b == b'#').count();
            rest.get(hashes).is_some_and(|b| !matches!(b, b' ' | b'\t'))
        };
        for (line, at) in paragraph_lines(cx.doc, no_gap) {
            let Some(atx) = atx_line(bytes, at, line.span.end) else {
                continue;
            };
            let next = bytes.get(atx.open.end).copied();
            let keycap = bytes[atx.open.end..].starts_with("\u{fe0f}\u{20e3}".as_bytes());
            if !atx.gap.is_empty()
                || atx.text.is_empty()
                || atx.close.is_some()
                || keycap
                || matches!(next, Some(b'\\' | b'{' | b'0'..=b'9'))
                || cx.doc.outside_markdown(atx.open.end)
            {
                continue;
            }
            let span = Span::new(atx.open.start, atx.text.end);
            out.push(
                Diagnostic::new(
                    &Self::META,
                    span,
                    "no space after the hashes: this line is not a heading",
                )
                .with_label("space missing after the hashes")
                .with_fix(Fix::unsafe_(
                    "Insert a space after the hashes",
                    vec![Edit::insert(atx.open.end, " ")],
                )),
            );
        }
    }
}
