use crate::declare_lint;
use crate::diagnostic::Diagnostic;
use crate::lint::{LintMeta, SiteContext, SiteLint};

declare_lint! {
    /// ## What it does
    /// Checks for pages that set `parent`, `nav_order` or `has_children` (in their front
    /// matter or from the site's `defaults`) but have no `title`.
    ///
    /// ## Why is this bad?
    /// just-the-docs leaves pages without a title out of the navigation, and children name
    /// their parent by its title: the settings are meant for the sidebar, and the page is not
    /// in it.
    ///
    /// ## Example
    /// ```markdown
    /// ---
    /// parent: Guides
    /// nav_order: 2
    /// ---
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// ---
    /// title: Installing
    /// parent: Guides
    /// nav_order: 2
    /// ---
    /// ```
    pub NavTitleMissing {
        code: "HB316",
        name: "nav-title-missing",
        severity: Warning,
        fix: None,
        group: Nav,
        enabled: true,
        phase: Site,
    }
}

impl SiteLint for NavTitleMissing {
    fn meta(&self) -> &'static LintMeta {
        &Self::META
    }

    fn check(&self, cx: &SiteContext<'_>, out: &mut Vec<Diagnostic>) {
        let f = &cx.own.nav;
        if f.group.is_none() || f.title.is_some() || !f.in_navigation() || f.nav_exclude {
            return;
        }
        let (key, span) = if let Some(p) = &f.parent {
            ("parent", p.span)
        } else if let Some((_, span)) = &f.nav_order {
            ("nav_order", *span)
        } else {
            ("has_children", f.head)
        };
        out.push(
            Diagnostic::new(
                &Self::META,
                span,
                format!("the page sets `{key}` but has no `title`"),
            )
            .with_label("pages without a title are left out of the navigation")
            .with_help("add a `title:` to the front matter"),
        );
    }
}
