use crate::declare_lint;
use crate::diagnostic::Diagnostic;
use crate::lint::{LintMeta, SiteContext, SiteLint};
use crate::site::Resolved;

declare_lint! {
    /// ## What it does
    /// Checks for pages whose `parent:` is the title of several pages of their navigation,
    /// when neither `grand_parent:` nor `ancestor:` says which one is meant.
    ///
    /// ## Why is this bad?
    /// just-the-docs lists the page under every page with that title: it appears twice in
    /// the sidebar, once where it does not belong.
    ///
    /// ## Example
    /// Two pages titled `Setup` (one under `Windows`, one under `Linux`), and:
    /// ```markdown
    /// ---
    /// title: Drivers
    /// parent: Setup
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
    pub AmbiguousNavParent {
        code: "HB311",
        name: "ambiguous-nav-parent",
        severity: Warning,
        fix: None,
        group: Nav,
        enabled: true,
        phase: Site,
    }
}

impl SiteLint for AmbiguousNavParent {
    fn meta(&self) -> &'static LintMeta {
        &Self::META
    }

    fn check(&self, cx: &SiteContext<'_>, out: &mut Vec<Diagnostic>) {
        let f = &cx.own.nav;
        let (Some(_), Some(parent)) = (&f.group, &f.parent) else {
            return;
        };
        let nav = cx.index.nav();
        let resolved = nav.resolve_facts(&cx.page.site_path, f);
        let Resolved::Ambiguous(pages) = resolved else {
            return;
        };
        let under: Vec<String> = pages
            .iter()
            .map(|&p| match &nav.pages[p].parent {
                Some(up) => format!("`{}` (under `{up}`)", nav.pages[p].site_path),
                None => format!("`{}`", nav.pages[p].site_path),
            })
            .collect();
        out.push(
            Diagnostic::new(
                &Self::META,
                parent.span,
                format!(
                    "{} pages are titled `{}`: {}",
                    pages.len(),
                    parent.value,
                    under.join(", ")
                ),
            )
            .with_label("the page is listed under each of them")
            .with_help("add `grand_parent:` (the title above the parent) or `ancestor:`"),
        );
    }
}
