use crate::declare_lint;
use crate::diagnostic::Diagnostic;
use crate::lint::{Context, Lint, LintMeta};

declare_lint! {
    /// ## What it does
    /// Checks that heading levels go down one at a time: an `h2` may follow an `h1`, not an
    /// `h3`. Going back up any number of levels is fine. This is markdownlint's `MD001`
    /// (`heading-increment`).
    ///
    /// The first heading of the page may have any level: a just-the-docs page often starts at
    /// `##` under the title the theme prints from the front matter. Headings inside
    /// `{::comment}` and `{::nomarkdown}` blocks are not read.
    ///
    /// It is off by default: turn it on with `--extend-select heading-level-skipped` or with
    /// `extend-select` in the configuration file.
    ///
    /// ## Why is this bad?
    /// The table of contents (`{:toc}`) and screen readers present headings as an outline: a
    /// skipped level shows an empty level in it.
    ///
    /// ## Example
    /// ```markdown
    /// # Onboarding
    /// ### First day
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// # Onboarding
    /// ## First day
    /// ```
    pub HeadingLevelSkipped {
        code: "HB600",
        name: "heading-level-skipped",
        severity: Warning,
        fix: None,
        group: Headings,
        enabled: false,
        phase: Page,
        markdownlint: ("MD001", "heading-increment"),
    }
}

impl Lint for HeadingLevelSkipped {
    fn meta(&self) -> &'static LintMeta {
        &Self::META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        let mut previous: Option<u8> = None;
        for h in doc
            .headings
            .iter()
            .filter(|h| !doc.outside_markdown(h.span.start))
        {
            if let Some(before) = previous.filter(|&p| h.level > p + 1) {
                let expected = before + 1;
                out.push(
                    Diagnostic::new(
                        &Self::META,
                        h.span,
                        format!("heading level jumps from h{before} to h{}", h.level),
                    )
                    .with_label(format!("expected h{expected} or higher"))
                    .with_help(format!("make this heading an h{expected}")),
                );
            }
            previous = Some(h.level);
        }
    }
}
