use crate::blanks;
use crate::declare_lint;
use crate::diagnostic::Diagnostic;
use crate::lint::{Context, Lint, LintMeta};
use crate::model::Kind;

declare_lint! {
    /// ## What it does
    /// Checks for two block quotes separated only by blank lines. This is markdownlint's
    /// `MD028` (`no-blanks-blockquote`).
    ///
    /// It is off by default: turn it on with `--extend-select blank-line-in-quote` or with
    /// `extend-select` in the configuration file.
    ///
    /// ## Why is this bad?
    /// The blank line ends the first quote: kramdown, like CommonMark, prints two quotes
    /// where the author probably meant one with two paragraphs; other renderers print one.
    ///
    /// ## Example
    /// ```markdown
    /// > Ask in the team channel first.
    ///
    /// > Then open an issue.
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// > Ask in the team channel first.
    /// >
    /// > Then open an issue.
    /// ```
    pub BlankLineInQuote {
        code: "HB722",
        name: "blank-line-in-quote",
        severity: Warning,
        fix: None,
        group: Blocks,
        enabled: false,
        phase: Page,
        markdownlint: ("MD028", "no-blanks-blockquote"),
    }
}

impl Lint for BlankLineInQuote {
    fn meta(&self) -> &'static LintMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let (doc, tree) = (cx.doc, &cx.doc.tree);
        for &quote in tree.of_kind(Kind::BlockQuote) {
            let Some(parent) = tree.parent(quote) else {
                continue;
            };
            let mut siblings = tree.children(parent).skip_while(|&c| c != quote);
            siblings.next();
            let Some(next) = siblings
                .next()
                .filter(|&n| tree.kind(n) == Kind::BlockQuote)
            else {
                continue;
            };
            let end = tree.span(quote).end;
            let top = doc.lines.line_of(tree.span(quote).start);
            let mut last = doc.lines.line_of(end.max(1) - 1);
            while last > top
                && blanks::blank(doc, last)
                && !doc.text()[doc.lines.line_span(doc.text(), last).range()].contains('>')
            {
                last -= 1;
            }
            let first_next = doc.lines.line_of(tree.span(next).start);
            let between = last + 1..first_next;
            if between.is_empty() || !between.clone().all(|n| blanks::blank(doc, n)) {
                continue;
            }
            let line = doc.lines.line_span(doc.text(), last + 1);
            out.push(
                Diagnostic::new(&Self::META, line, "blank line between two block quotes")
                    .with_label("ends the quote")
                    .with_help("start the line with `>` to keep one quote, or separate the quotes with text"),
            );
        }
    }
}
