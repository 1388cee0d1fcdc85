use crate::declare_lint;
use crate::diagnostic::Diagnostic;
use crate::lint::{Context, Lint, LintMeta};

declare_lint! {
    /// ## What it does
    /// Reports a part of a very large page that was not parsed as Markdown, so that no lint
    /// that reads Markdown structure (links, headings, lists, tables, emphasis...) checked it.
    ///
    /// A page over 1 MiB is parsed a piece at a time, cut between top-level blocks (before a
    /// paragraph that follows a blank line, or before a heading, outside code and HTML
    /// blocks), so that memory stays bounded. A stretch of more than 2 MiB with no such
    /// place to cut (one paragraph, list, table or quote of that size) is left unparsed
    /// and reported here. Lints that read lines (line length, trailing spaces...), the front
    /// matter, Liquid and kramdown attribute lists still check it.
    ///
    /// ## Why is this bad?
    /// Its links, headings and other Markdown go unchecked. Such a block is almost always
    /// generated or pasted by mistake; Jekyll, too, is slow on it.
    ///
    /// ## Example
    /// A paragraph of three megabytes: thousands of lines with no blank line between them.
    ///
    /// ## Use instead
    /// Blank lines between paragraphs, or the data in a file of `_data/` rendered by a
    /// template.
    pub UnparsedBlock {
        code: "HB002",
        name: "unparsed-block",
        severity: Warning,
        fix: None,
        group: Tool,
        enabled: true,
        phase: Page,
    }
}

impl Lint for UnparsedBlock {
    fn meta(&self) -> &'static LintMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let text = cx.doc.text().as_bytes();
        for &span in &cx.doc.unparsed {
            // Reported at its first line that is not blank.
            let first = text[span.range()]
                .iter()
                .position(|b| !b.is_ascii_whitespace())
                .map_or(span.start, |i| span.start + i);
            let mib = span.len() as f64 / f64::from(1 << 20);
            out.push(
                Diagnostic::new(
                    &Self::META,
                    cx.doc
                        .lines
                        .line_span(cx.doc.text(), cx.doc.lines.line_of(first)),
                    format!(
                        "{mib:.1} MiB of Markdown with no blank line or heading to cut it at \
                         was not parsed: links and other Markdown in it are not checked"
                    ),
                )
                .with_label("unparsed from here")
                .with_help("split it with blank lines between paragraphs"),
            );
        }
    }
}
