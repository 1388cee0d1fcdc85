use crate::declare_lint;
use crate::diagnostic::Diagnostic;
use crate::lint::{LintMeta, SiteContext, SiteLint};
use crate::site::NavOrder;

declare_lint! {
    /// ## What it does
    /// Checks for a `nav_order` that is a quoted number (`nav_order: "2"`), and for a text
    /// `nav_order` among sibling pages ordered by numbers.
    ///
    /// Pages whose parent sets `has_children: false` are not checked: just-the-docs lists
    /// them nowhere.
    ///
    /// ## Why is this bad?
    /// just-the-docs sorts numbers by value and texts alphabetically, and puts every page
    /// ordered by a number before every page ordered by a text: a quoted `"10"` comes before
    /// `"2"`, and after every unquoted number.
    ///
    /// ## Example
    /// ```markdown
    /// ---
    /// title: Upload data
    /// nav_order: "4"
    /// ---
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// ---
    /// title: Upload data
    /// nav_order: 4
    /// ---
    /// ```
    pub NavOrderType {
        code: "HB315",
        name: "nav-order-type",
        severity: Warning,
        fix: None,
        group: Nav,
        enabled: true,
        phase: Site,
    }
}

impl SiteLint for NavOrderType {
    fn meta(&self) -> &'static LintMeta {
        &Self::META
    }

    fn check(&self, cx: &SiteContext<'_>, out: &mut Vec<Diagnostic>) {
        let f = &cx.own.nav;
        let (Some(_), Some((NavOrder::Text(text), span))) = (&f.group, &f.nav_order) else {
            return;
        };
        if text.trim().parse::<f64>().is_ok() {
            out.push(
                Diagnostic::new(
                    &Self::META,
                    *span,
                    format!("`nav_order` is the text \"{text}\", not a number"),
                )
                .with_label("sorted as a text, after every number")
                .with_help("remove the quotes"),
            );
            return;
        }
        let nav = cx.index.nav();
        let Some(&own) = nav.by_path.get(&cx.page.site_path) else {
            return;
        };
        if nav.hidden_by_parent(own) {
            return; // `has_children: false` on the parent: listed nowhere
        }
        let numbered = nav
            .siblings(own)
            .into_iter()
            .any(|s| matches!(nav.pages[s].nav_order, Some(NavOrder::Number(_))));
        if numbered {
            out.push(
                Diagnostic::new(
                    &Self::META,
                    *span,
                    format!("`nav_order` is the text \"{text}\" while sibling pages use numbers"),
                )
                .with_label("listed after every sibling ordered by a number")
                .with_help("order the sibling pages with numbers only, or with texts only"),
            );
        }
    }
}
