use crate::declare_lint;
use crate::diagnostic::Diagnostic;
use crate::lint::{LintMeta, SiteContext, SiteLint};

declare_lint! {
    /// ## What it does
    /// Checks for pages with the same `nav_order` as a sibling: a page listed under the same
    /// parent (or at the top level of the same navigation).
    ///
    /// Pages whose parent sets `has_children: false` are not checked: just-the-docs lists
    /// them nowhere.
    ///
    /// ## Why is this bad?
    /// just-the-docs sorts pages by `nav_order`; the order of pages with equal values is
    /// unstable, and may change from one build to the next.
    ///
    /// ## Example
    /// ```markdown
    /// ---
    /// title: Upload data
    /// nav_order: 4
    /// ---
    /// ```
    /// while its sibling `Review` also has `nav_order: 4`.
    ///
    /// ## Use instead
    /// ```markdown
    /// ---
    /// title: Upload data
    /// nav_order: 5
    /// ---
    /// ```
    pub DuplicateNavOrder {
        code: "HB314",
        name: "duplicate-nav-order",
        severity: Warning,
        fix: None,
        group: Nav,
        enabled: true,
        phase: Site,
    }
}

impl SiteLint for DuplicateNavOrder {
    fn meta(&self) -> &'static LintMeta {
        &Self::META
    }

    fn check(&self, cx: &SiteContext<'_>, out: &mut Vec<Diagnostic>) {
        let f = &cx.own.nav;
        let (Some(_), Some((order, span))) = (&f.group, &f.nav_order) else {
            return;
        };
        if f.nav_exclude || f.title.is_none() {
            return;
        }
        let nav = cx.index.nav();
        let Some(&own) = nav.by_path.get(&cx.page.site_path) else {
            return;
        };
        if nav.hidden_by_parent(own) {
            return; // `has_children: false` on the parent: listed nowhere
        }
        // At most this many of the other pages are named.
        const NAMED: usize = 5;
        let group = nav.same_order(own);
        if group.len() < 2 || nav.pages[own].nav_order.as_ref() != Some(order) {
            return;
        }
        let same: Vec<&str> = group
            .iter()
            .filter(|&&s| s != own)
            .take(NAMED)
            .map(|&s| &*nav.pages[s].site_path)
            .collect();
        let more = match group.len() - 1 - same.len() {
            0 => String::new(),
            n => format!(" and {n} more"),
        };
        let shown = match order {
            crate::site::NavOrder::Number(n) => n.to_string(),
            crate::site::NavOrder::Text(t) => format!("\"{t}\""),
        };
        out.push(
            Diagnostic::new(
                &Self::META,
                *span,
                format!(
                    "`nav_order: {shown}` is also the order of `{}`{more}",
                    same.join("`, `")
                ),
            )
            .with_label("the order of these pages may change from build to build")
            .with_help("give each sibling page its own `nav_order`"),
        );
    }
}
