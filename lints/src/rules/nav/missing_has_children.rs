use crate::declare_lint;
use crate::diagnostic::Diagnostic;
use crate::lint::{LintMeta, SiteContext, SiteLint};

declare_lint! {
    /// ## What it does
    /// Checks for pages that other pages name as their `parent` but that do not set
    /// `has_children: true`, on sites built with a just-the-docs version before 0.10. The
    /// version is read from `remote_theme: just-the-docs/just-the-docs@v…` or from the
    /// Gemfile (or `Gemfile.lock`); when it is unknown, nothing is reported.
    ///
    /// A page that sets `has_children: false` is left alone: in every release that hides
    /// its children on purpose (the theme's documentation names it as a way to leave them
    /// out of the navigation), and the lints that compare siblings skip those children.
    ///
    /// ## Why is this bad?
    /// Before 0.10, just-the-docs shows a page's children only when it has
    /// `has_children: true`: without it, the children are missing from the sidebar.
    ///
    /// ## Example
    /// ```markdown
    /// ---
    /// title: Guides
    /// ---
    /// ```
    /// with pages that set `parent: Guides`.
    ///
    /// ## Use instead
    /// ```markdown
    /// ---
    /// title: Guides
    /// has_children: true
    /// ---
    /// ```
    pub MissingHasChildren {
        code: "HB317",
        name: "missing-has-children",
        severity: Warning,
        fix: None,
        group: Nav,
        enabled: true,
        phase: Site,
    }
}

impl SiteLint for MissingHasChildren {
    fn meta(&self) -> &'static LintMeta {
        &Self::META
    }

    fn check(&self, cx: &SiteContext<'_>, out: &mut Vec<Diagnostic>) {
        let f = &cx.own.nav;
        if f.group.is_none() || f.has_children || f.hides_children {
            return;
        }
        let nav = cx.index.nav();
        let Some(version) = nav.config.version.filter(|v| *v < (0, 10, 0)) else {
            return;
        };
        let Some(&own) = nav.by_path.get(&cx.page.site_path) else {
            return;
        };
        let Some(&first) = nav.children[own].first() else {
            return;
        };
        let span = f.title.as_ref().map_or(f.head, |t| t.span);
        out.push(
            Diagnostic::new(
                &Self::META,
                span,
                "the page is a parent and has no `has_children: true`",
            )
            .with_label(format!(
                "just-the-docs {}.{} hides its children, such as `{}`",
                version.0, version.1, nav.pages[first].site_path
            ))
            .with_help("add `has_children: true` to the front matter"),
        );
    }
}
