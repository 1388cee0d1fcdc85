use crate::declare_lint;
use crate::diagnostic::Diagnostic;
use crate::document::{Document, LinkKind, Placement};
use crate::lint::{Context, Lint, LintMeta};
use crate::span::Span;

use super::closing_bracket;

declare_lint! {
    /// ## What it does
    /// Checks for images without alternative text, such as `![](team.png)`. This is
    /// markdownlint's `MD045` (`no-alt-text`).
    ///
    /// kramdown correction: an attribute list glued to the image that sets `alt`
    /// (`![](team.png){: alt="The team" }`) gives it its text.
    ///
    /// ## Why is this bad?
    /// Screen readers announce the file name or nothing; the text also shows when the image
    /// does not load.
    ///
    /// ## Example
    /// ```markdown
    /// ![](team.png)
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// ![The data team at the 2024 offsite](team.png)
    /// ```
    pub MissingAltText {
        code: "HB852",
        name: "missing-alt-text",
        severity: Warning,
        fix: None,
        group: Inline,
        enabled: true,
        phase: Page,
        markdownlint: ("MD045", "no-alt-text"),
    }
}

impl Lint for MissingAltText {
    fn meta(&self) -> &'static LintMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        let bytes = doc.text().as_bytes();
        for link in doc
            .links
            .iter()
            .filter(|l| l.image && l.kind != LinkKind::Autolink)
        {
            let open = link.span.start + 1;
            let Some(close) = closing_bracket(bytes, open, link.span.end) else {
                continue;
            };
            let alt = doc.text()[open + 1..close].trim();
            // Only a list starting where the image ends can be glued to it.
            let at_end = Span::new(link.span.end, link.span.end + 1);
            let glued_alt = Document::starting_in(&doc.attr_lists, |a| a.span.start, at_end)
                .iter()
                .any(|a| a.placement == Placement::Glued && doc.slice(a.span).contains("alt="));
            if !alt.is_empty() || glued_alt || doc.outside_markdown(link.span.start) {
                continue;
            }
            out.push(
                Diagnostic::new(&Self::META, link.span, "image without alternative text")
                    .with_label("no alt text")
                    .with_help("describe the image between the brackets"),
            );
        }
    }
}
