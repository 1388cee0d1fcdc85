use crate::declare_lint;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::document::LinkKind;
use crate::lint::{Context, Lint, LintMeta};

declare_lint! {
    /// ## What it does
    /// Checks for addresses written bare in the text, such as `https://example.com` or
    /// `team@example.com`, rather than as a link. This is markdownlint's `MD034`
    /// (`no-bare-urls`). Code, HTML, Liquid and link text are not read.
    ///
    /// kramdown correction: GitHub's preview links a bare address, but kramdown's GFM parser
    /// does not, so on the published Jekyll page it is plain text the reader cannot click.
    /// It is still off by default, as bare addresses are common in handbooks written for
    /// GitHub: turn it on with `--extend-select bare-url` or with `extend-select` in the
    /// configuration file.
    ///
    /// ## Why is this bad?
    /// The reader has to copy the address by hand; on the published site it does not look
    /// like a link at all.
    ///
    /// ## Example
    /// ```markdown
    /// The handbook lives at https://example.com/handbook.
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// The handbook lives at <https://example.com/handbook>.
    /// ```
    ///
    /// ## Fix safety
    /// The fix wraps the address in `<` `>`, which CommonMark renders as the same link and
    /// kramdown renders as a link at all: safe. After a `[label]:` the brackets turn the
    /// line into a reference definition, and an entity (`&amp;`) in the address is decoded
    /// in text but not between the brackets: unsafe there. A `www.` address without a scheme
    /// gets no fix (`<www.example.com>` is no link).
    pub BareUrl {
        code: "HB855",
        name: "bare-url",
        severity: Warning,
        fix: Sometimes,
        group: Inline,
        enabled: false,
        phase: Page,
        markdownlint: ("MD034", "no-bare-urls"),
    }
}

impl Lint for BareUrl {
    fn meta(&self) -> &'static LintMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        let bytes = doc.text().as_bytes();
        for link in doc.links.iter().filter(|l| l.kind == LinkKind::Autolink) {
            let written = doc.slice(link.span);
            let inside_link = doc
                .links
                .iter()
                .any(|o| o.kind != LinkKind::Autolink && o.span.covers(link.span));
            let bracketed = link.span.start > 0 && bytes[link.span.start - 1] == b'<';
            // The text of an HTML element, as in `<a href="…">https://…</a>`.
            let in_element = link.span.start > 0
                && bytes[link.span.start - 1] == b'>'
                && bytes[link.span.end..].starts_with(b"</");
            if written.starts_with('<')
                || bracketed
                || in_element
                || inside_link
                || doc.in_verbatim(link.span)
                || doc.outside_markdown(link.span.start)
            {
                continue;
            }
            let schemed =
                written.contains("://") || (written.contains('@') && !written.starts_with("www."));
            let mut d =
                Diagnostic::new(&Self::META, link.span, format!("bare address `{written}`"))
                    .with_label("kramdown does not link this")
                    .with_help("write the address as a link");
            if schemed {
                // After `[label]:` the brackets make the line a reference definition, which
                // the page does not show: not safe there.
                let line_start = doc.lines.line_start(doc.lines.line_of(link.span.start));
                let before = doc.text()[line_start..link.span.start].trim_end();
                let title = "Wrap the address in `<` `>`";
                let edits = vec![
                    Edit::insert(link.span.start, "<"),
                    Edit::insert(link.span.end, ">"),
                ];
                // An entity (`&gt;`) is decoded in text but not between `<` `>`.
                d = d.with_fix(if before.ends_with("]:") || written.contains('&') {
                    Fix::unsafe_(title, edits)
                } else {
                    Fix::safe(title, edits)
                });
            }
            out.push(d);
        }
    }
}
