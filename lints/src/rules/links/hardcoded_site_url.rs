use crate::declare_lint;
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::lint::{LintMeta, SiteContext, SiteLint};
use crate::site::own_path;

declare_lint! {
    /// ## What it does
    /// Checks for links and images to the site's own address: a destination that starts
    /// with the `url` and `baseurl` of `_config.yml`, such as
    /// `https://example.gov/handbook/docs/setup/` on a site with `url: https://example.gov`
    /// and `baseurl: /handbook`. `http` and `https` are the same address here. A
    /// destination built with Liquid (`{{ site.url }}{{ site.baseurl }}/…`, `absolute_url`)
    /// asks for the full address on purpose, and is not reported.
    ///
    /// Such links stay external links: the online checker asks the published site for
    /// them (`broken-external-link`), and `broken-relative-link` does not judge them, as
    /// html-proofer does not on the built site. Once fixed to `{{ site.baseurl }}/…` they
    /// are checked offline against the site's pages like any site-absolute link.
    ///
    /// ## Why is this bad?
    /// The link leaves the copy of the site the reader is on: a local preview, a pull
    /// request's preview or a fork's site all send the reader to the published site, which
    /// may not have the page yet. Moving the site to another address breaks every such link.
    ///
    /// ## Example
    /// With `url: https://example.gov` and `baseurl: /handbook` in `_config.yml`:
    /// ```markdown
    /// See [the setup guide](https://example.gov/handbook/docs/setup/).
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// See [the setup guide]({{ site.baseurl }}/docs/setup/).
    /// ```
    ///
    /// ## Fix safety
    /// The fix replaces the site's address with `{{ site.baseurl }}`, as `missing-baseurl`
    /// writes site-absolute links. It is unsafe: the published link is no longer absolute,
    /// which changes where it leads from a preview, and a copy of the page outside the site
    /// (a feed, an e-mail) loses the address. It is offered only where the destination is
    /// written in the link itself in plain characters, on a page whose Liquid Jekyll renders.
    pub HardcodedSiteUrl {
        code: "HB110",
        name: "hardcoded-site-url",
        severity: Warning,
        fix: Sometimes,
        group: Links,
        enabled: true,
        phase: Site,
    }
}

impl SiteLint for HardcodedSiteUrl {
    fn meta(&self) -> &'static LintMeta {
        &Self::META
    }

    fn check(&self, cx: &SiteContext<'_>, out: &mut Vec<Diagnostic>) {
        let (site, base) = (&cx.index.site_url, &cx.index.baseurl);
        for link in &cx.own.links {
            // `{{ site.url }}…` and `absolute_url` ask for the address: that is a choice.
            let Some(rest) = own_path(link.url, site, base).filter(|_| !link.liquid) else {
                continue;
            };
            let relative = if rest.starts_with('/') {
                format!("{{{{ site.baseurl }}}}{rest}")
            } else {
                format!("{{{{ site.baseurl }}}}/{rest}")
            };
            let d = Diagnostic::new(
                &Self::META,
                link.span,
                format!("link to `{}` names the site's own address", link.url),
            )
            .with_label(format!("the site's `url` and `baseurl` are `{site}{base}`"))
            .with_help(format!("link to `{relative}` instead"));
            // `{{ site.baseurl }}//host/…` would be an address on another host when the
            // baseurl is empty: no fix for a path that starts with `//`.
            let fixable = link.plain && cx.own.liquid.renders && !rest.starts_with("//");
            out.push(if fixable {
                d.with_fix(Fix::unsafe_(
                    format!("link to `{relative}`"),
                    vec![Edit::replace(link.span, relative)],
                ))
            } else {
                d
            });
        }
    }
}
