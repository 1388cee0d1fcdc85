use crate::declare_lint;
use crate::diagnostic::Diagnostic;
use crate::lint::{LintMeta, SiteContext, SiteLint};
use crate::site::Resolved;

declare_lint! {
    /// ## What it does
    /// Checks for pages whose `parent:` titles lead back to the page itself: a page that is
    /// its own parent, or `A` under `B` under `A`.
    ///
    /// ## Why is this bad?
    /// No page of the cycle is under a top-level page, so just-the-docs shows none of them
    /// in the sidebar.
    ///
    /// ## Example
    /// ```markdown
    /// ---
    /// title: Setup
    /// parent: Install
    /// ---
    /// ```
    /// and the page `Install` has `parent: Setup`.
    ///
    /// ## Use instead
    /// Give the top page of the group no `parent:` (or the title of a page above both).
    pub NavCycle {
        code: "HB313",
        name: "nav-cycle",
        severity: Error,
        fix: None,
        group: Nav,
        enabled: true,
        phase: Site,
    }
}

impl SiteLint for NavCycle {
    fn meta(&self) -> &'static LintMeta {
        &Self::META
    }

    fn check(&self, cx: &SiteContext<'_>, out: &mut Vec<Diagnostic>) {
        let f = &cx.own.nav;
        let (Some(_), Some(parent)) = (&f.group, &f.parent) else {
            return;
        };
        let nav = cx.index.nav();
        let Some(&own) = nav.by_path.get(&cx.page.site_path) else {
            return;
        };
        let message = if f.title.as_ref().is_some_and(|t| t.value == parent.value)
            && nav.resolved[own] == Resolved::Unknown
        {
            format!("the page is its own parent `{}`", parent.value)
        } else if let Some(cycle) = nav.cycle(own) {
            let titles: Vec<&str> = cycle
                .iter()
                .chain([&own])
                .map(|&p| nav.pages[p].title.as_deref().unwrap_or(""))
                .collect();
            format!(
                "the parents of this page lead back to it: `{}`",
                titles.join("` → `")
            )
        } else {
            return;
        };
        out.push(
            Diagnostic::new(&Self::META, parent.span, message)
                .with_label("no page of the cycle is shown in the navigation")
                .with_help(
                    "give the top page of these no `parent:`, or the title of a page above them",
                ),
        );
    }
}
