use crate::declare_lint;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::external::{with_verdicts, Verdict};
use crate::lint::{LintMeta, SiteContext, SiteLint};

declare_lint! {
    /// ## What it does
    /// Reports an external link that answers only after one or more permanent redirects
    /// (301 or 308), and offers to rewrite it to the address it ends at. Temporary
    /// redirects (302, 303, 307) are not reported: the first address is still the one to
    /// link.
    ///
    /// ## Why is this bad?
    /// A permanent redirect is the site telling you its page has moved. Each redirect costs
    /// the reader a round trip, and old addresses are the first to break when the site is
    /// reorganised again.
    ///
    /// ## Example
    /// ```markdown
    /// See the [portal](http://data.example.gov/home).
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// See the [portal](https://data.example.gov/).
    /// ```
    ///
    /// ## Fix safety
    /// The fix is unsafe: the final address is what the server answered today, and it may
    /// be a generic landing page (a login form, a language chooser) rather than the page
    /// the author meant. Review the new address before keeping it. A `#fragment` of the
    /// original link is kept. Links whose destination is written with escapes or entities
    /// are reported without a fix.
    pub RedirectedLink {
        code: "HB106",
        name: "redirected-link",
        severity: Warning,
        fix: Sometimes,
        group: External,
        enabled: true,
        phase: External,
    }
}

impl SiteLint for RedirectedLink {
    fn meta(&self) -> &'static LintMeta {
        &Self::META
    }

    fn check(&self, cx: &SiteContext<'_>, out: &mut Vec<Diagnostic>) {
        let moved = with_verdicts(cx.page.external(), cx.external, |v| match v {
            Verdict::Redirected { to } => Some(to),
            _ => None,
        });
        for (link, to) in moved {
            let mut target = to.clone();
            if let (Some((_, fragment)), false) = (link.url.split_once('#'), to.contains('#')) {
                target = format!("{to}#{fragment}");
            }
            let d = Diagnostic::new(
                &Self::META,
                link.span,
                format!("`{}` redirects permanently to `{target}`", link.url),
            )
            .with_label("moved permanently");
            out.push(if link.rewritable {
                d.with_fix(Fix::unsafe_(
                    format!("link `{target}` instead"),
                    vec![Edit::replace(link.span, target.clone())],
                ))
            } else {
                d.with_help(format!("link `{target}` instead"))
            });
        }
    }
}
