use crate::declare_lint;
use crate::diagnostic::Diagnostic;
use crate::document::LinkKind;
use crate::lint::{Context, Lint, LintMeta};

declare_lint! {
    /// ## What it does
    /// Checks for links that lead nowhere: an empty destination (`[Setup]()`) or a bare `#`
    /// (`[Setup](#)`), written inline or in a reference definition. This is markdownlint's
    /// `MD042` (`no-empty-links`).
    ///
    /// ## Why is this bad?
    /// The reader clicks and nothing happens, or the page jumps to its top: the link was a
    /// placeholder that never got its target.
    ///
    /// ## Example
    /// ```markdown
    /// Read the [setup guide]().
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// Read the [setup guide](setup.md).
    /// ```
    pub EmptyLink {
        code: "HB851",
        name: "empty-link",
        severity: Warning,
        fix: None,
        group: Inline,
        enabled: true,
        phase: Page,
        markdownlint: ("MD042", "no-empty-links"),
    }
}

impl Lint for EmptyLink {
    fn meta(&self) -> &'static LintMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        for link in doc.links.iter().filter(|l| !l.image) {
            let written = match link.kind {
                LinkKind::Inline => link.dest.map_or("", |d| doc.slice(d)),
                LinkKind::Reference => match link.definition {
                    Some(i) => doc.slice(doc.definitions[i].dest),
                    None => continue,
                },
                LinkKind::Autolink => continue,
            };
            let written = written.trim();
            if !(written.is_empty() || written == "#") || doc.outside_markdown(link.span.start) {
                continue;
            }
            // `[text](<>)` and `[text]()` both land here; a Liquid destination never does.
            let what = if written.is_empty() {
                "link with an empty destination"
            } else {
                "link to `#`, the top of the page"
            };
            out.push(
                Diagnostic::new(&Self::META, link.span, what)
                    .with_label("leads nowhere")
                    .with_help("give the link its target, or remove the link"),
            );
        }
    }
}
