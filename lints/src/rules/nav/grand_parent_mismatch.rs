use crate::declare_lint;
use crate::diagnostic::Diagnostic;
use crate::lint::{LintMeta, SiteContext, SiteLint};
use crate::site::Resolved;

declare_lint! {
    /// ## What it does
    /// Checks for pages whose `grand_parent:` (or `ancestor:`) is not above any page with
    /// the `parent:` title: pages have that title, but none under the title given.
    ///
    /// ## Why is this bad?
    /// just-the-docs lists the page under the parent that matches both titles; when none
    /// does, the page is left out of the sidebar.
    ///
    /// ## Example
    /// The page `Setup` is under `Windows`, and:
    /// ```markdown
    /// ---
    /// title: Drivers
    /// parent: Setup
    /// grand_parent: Linux
    /// ---
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// ---
    /// title: Drivers
    /// parent: Setup
    /// grand_parent: Windows
    /// ---
    /// ```
    pub GrandParentMismatch {
        code: "HB312",
        name: "grand-parent-mismatch",
        severity: Error,
        fix: None,
        group: Nav,
        enabled: true,
        phase: Site,
    }
}

impl SiteLint for GrandParentMismatch {
    fn meta(&self) -> &'static LintMeta {
        &Self::META
    }

    fn check(&self, cx: &SiteContext<'_>, out: &mut Vec<Diagnostic>) {
        let f = &cx.own.nav;
        let (Some(group), Some(parent)) = (&f.group, &f.parent) else {
            return;
        };
        let Some(given) = f.grand_parent.as_ref().or(f.ancestor.as_ref()) else {
            return;
        };
        let nav = cx.index.nav();
        let resolved = nav.resolve_facts(&cx.page.site_path, f);
        if resolved != Resolved::Mismatch {
            return;
        }
        let key = if f.grand_parent.is_some() {
            "grand_parent"
        } else {
            "ancestor"
        };
        let mut above: Vec<&str> = nav
            .titled(group, &parent.value)
            .iter()
            .filter_map(|&p| nav.pages[p].parent.as_deref())
            .collect();
        above.sort_unstable();
        above.dedup();
        let help = if above.is_empty() {
            format!("the pages titled `{}` are at the top level", parent.value)
        } else {
            format!(
                "the pages titled `{}` are under `{}`",
                parent.value,
                above.join("`, `")
            )
        };
        out.push(
            Diagnostic::new(
                &Self::META,
                given.span,
                format!(
                    "no page titled `{}` is under `{}`",
                    parent.value, given.value
                ),
            )
            .with_label(format!("`{key}` matches no parent"))
            .with_help(help),
        );
    }
}
