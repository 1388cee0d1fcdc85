use crate::declare_lint;
use crate::diagnostic::Diagnostic;
use crate::lint::{LintMeta, SiteContext, SiteLint};

declare_lint! {
    /// ## What it does
    /// Checks for published pages that readers cannot find by browsing: not in the
    /// just-the-docs navigation (no title, `nav_exclude`, a parent that is not found, or a
    /// page above it that is not listed or does not list its children: `has_children:
    /// false`, or no `has_children: true` before just-the-docs 0.10) and linked from no
    /// other page. It runs only when every page of the site is linted
    /// (the links of the others are not read), and on sites that use just-the-docs (the
    /// navigation of other themes is not known). The home page is left alone.
    ///
    /// It is off by default: a site may mean some pages to be reached by search or from
    /// outside.
    ///
    /// ## Why is this bad?
    /// A page nobody reaches is not read, and goes stale without anyone noticing.
    ///
    /// ## Example
    /// ```markdown
    /// ---
    /// title: Old setup
    /// nav_exclude: true
    /// ---
    /// ```
    /// and no page links to it.
    ///
    /// ## Use instead
    /// Link to the page from a page that readers reach, list it in the navigation, or
    /// remove it.
    pub OrphanPage {
        code: "HB321",
        name: "orphan-page",
        severity: Info,
        fix: None,
        group: Nav,
        enabled: false,
        phase: Site,
    }
}

impl SiteLint for OrphanPage {
    fn meta(&self) -> &'static LintMeta {
        &Self::META
    }

    fn check(&self, cx: &SiteContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some(url) = cx.page.url.as_deref() else {
            return;
        };
        if url == "/" || url == "/index.html" {
            return;
        }
        let nav = cx.index.nav();
        if !nav.config.theme || !cx.index.every_page_linted() {
            return;
        }
        let listed = nav
            .by_path
            .get(&cx.page.site_path)
            .is_some_and(|&p| nav.in_sidebar(p));
        // Without every page's links (parked), no page is called an orphan.
        let linked = cx.index.linked_pages();
        if listed || linked.is_none_or(|l| l.contains(&*cx.page.site_path)) {
            return;
        }
        out.push(
            Diagnostic::new(
                &Self::META,
                cx.own.nav.head,
                format!("no page links to `{url}`, and it is not in the navigation"),
            )
            .with_label("readers cannot browse to this page")
            .with_help("link to it from another page, or list it in the navigation"),
        );
    }
}
