use crate::declare_lint;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::lint::{Context, Lint, LintMeta};
use crate::span::Span;

declare_lint! {
    /// ## What it does
    /// Checks for links written with their parts swapped: `(text)[destination]` instead of
    /// `[text](destination)`. This is markdownlint's `MD011` (`no-reversed-links`). Code,
    /// Liquid and footnote references (`(see)[^1]`) are not read.
    ///
    /// ## Why is this bad?
    /// It is no link: the reader sees the parentheses, the brackets and the address as
    /// text.
    ///
    /// ## Example
    /// ```markdown
    /// Read the (setup guide)[setup.md].
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// Read the [setup guide](setup.md).
    /// ```
    ///
    /// ## Fix safety
    /// The fix swaps the brackets and the parentheses. The text becomes a link, which is
    /// what the author meant but changes the page: it is unsafe.
    pub ReversedLink {
        code: "HB850",
        name: "reversed-link",
        severity: Warning,
        fix: Always,
        group: Inline,
        enabled: true,
        phase: Page,
        markdownlint: ("MD011", "no-reversed-links"),
    }
}

impl Lint for ReversedLink {
    fn meta(&self) -> &'static LintMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        let bytes = doc.text().as_bytes();
        // Every finding holds `)[`: a page without one (nearly all) is read once.
        if memchr::memmem::find(bytes, b")[").is_none() {
            return;
        }
        let joint = memchr::memmem::Finder::new(b")[");
        for block in &doc.blocks {
            let mut i = block.start;
            while let Some(at) = joint.find(&bytes[i..block.end]).map(|p| i + p) {
                i = at + 1;
                // `(text)` before, `[destination]` after, each on one line and not empty.
                // Neither part may hold a bracket, parenthesis or line break, so each search
                // stops at the first of those (a line of `a)[` stays linear).
                let stop = |b: &u8| matches!(b, b'(' | b')' | b'[' | b']' | b'\n');
                let open = match bytes[block.start..at].iter().rposition(stop) {
                    Some(p) if bytes[block.start + p] == b'(' => block.start + p,
                    _ => continue,
                };
                let close = match bytes[at + 2..block.end].iter().position(stop) {
                    Some(p) if bytes[at + 2 + p] == b']' => at + 2 + p,
                    _ => continue,
                };
                let text = &doc.text()[open + 1..at];
                let dest = &doc.text()[at + 2..close];
                let plain =
                    |s: &str| !s.trim().is_empty() && !s.contains(['\n', '(', ')', '[', ']']);
                let escaped = open > 0 && bytes[open - 1] == b'\\';
                let span = Span::new(open, close + 1);
                let skip = !plain(text)
                    || !plain(dest)
                    || dest.starts_with('^')
                    || escaped
                    || bytes.get(close + 1) == Some(&b'(')
                    || doc.in_verbatim(span)
                    || doc.outside_markdown(open)
                    || overlaps_a_link(doc, span);
                if skip {
                    continue;
                }
                out.push(
                    Diagnostic::new(&Self::META, span, "link written with its parts reversed")
                        .with_label("`(text)[destination]`")
                        .with_fix(Fix::unsafe_(
                            "Swap to `[text](destination)`",
                            vec![Edit::replace(span, format!("[{text}]({dest})"))],
                        )),
                );
                i = close + 1;
            }
        }
    }
}

/// Whether `span` overlaps a link or image. Links are in source order: a link that overlaps
/// starts inside `span`, or is the link (or the image in it) starting last before it.
fn overlaps_a_link(doc: &crate::document::Document, span: Span) -> bool {
    let links = &doc.links;
    let after = links.partition_point(|l| l.span.start < span.end);
    links[..after]
        .iter()
        .rev()
        .take_while(|l| l.span.start >= span.start)
        .any(|l| l.span.overlaps(span))
        || links[..after]
            .iter()
            .rev()
            .skip_while(|l| l.span.start >= span.start)
            .take(2)
            .any(|l| l.span.overlaps(span))
}
