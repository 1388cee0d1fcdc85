use crate::declare_lint;
use crate::diagnostic::Diagnostic;
use crate::lint::{LintMeta, SiteContext, SiteLint};

declare_lint! {
    /// ## What it does
    /// Checks for pages published at the same URL as another page, post or document of the
    /// site: two `permalink:` values that are the same, or a permalink that is another page's
    /// URL.
    ///
    /// ## Why is this bad?
    /// Jekyll writes one file over the other: one of the two pages is not published, and
    /// which one depends on the order Jekyll reads them in.
    ///
    /// ## Example
    /// ```markdown
    /// ---
    /// title: Setup (old)
    /// permalink: /setup/
    /// ---
    /// ```
    /// while `setup.md` is published at `/setup/`.
    ///
    /// ## Use instead
    /// ```markdown
    /// ---
    /// title: Setup (old)
    /// permalink: /setup/old/
    /// ---
    /// ```
    pub DuplicatePermalink {
        code: "HB318",
        name: "duplicate-permalink",
        severity: Error,
        fix: None,
        group: Nav,
        enabled: true,
        phase: Site,
    }
}

impl SiteLint for DuplicatePermalink {
    fn meta(&self) -> &'static LintMeta {
        &Self::META
    }

    fn check(&self, cx: &SiteContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some(url) = cx.page.url.as_deref() else {
            return;
        };
        let nav = cx.index.nav();
        let Some(sources) = nav.shared_urls.get(url) else {
            return;
        };
        let others: Vec<&str> = sources
            .iter()
            .map(String::as_str)
            .filter(|s| *s != &*cx.page.site_path)
            .collect();
        if others.is_empty() {
            return;
        }
        let span = cx.own.nav.permalink.unwrap_or(cx.own.nav.head);
        out.push(
            Diagnostic::new(
                &Self::META,
                span,
                format!("`{}` is published at `{url}` too", others.join("`, `")),
            )
            .with_label("Jekyll writes one page over the other")
            .with_help("give each page its own `permalink`"),
        );
    }
}
