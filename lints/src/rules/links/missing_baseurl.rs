use crate::declare_lint;
use crate::diagnostic::Diagnostic;
use crate::lint::{LintMeta, SiteContext, SiteLint};
use crate::site::Target;

declare_lint! {
    /// ## What it does
    /// Checks for site-absolute links and images (`/docs/setup/`) that lead to a page or
    /// file of the site only when the site's `baseurl` is put in front of them.
    ///
    /// A site published under a `baseurl` (a GitHub project site is published under
    /// `/<repository>`) serves its pages there: `/docs/setup/` is looked up at the root of
    /// the server, outside the site. The `baseurl` is the one of `_config.yml`.
    ///
    /// ## Why is this bad?
    /// The link works in a local preview served at the root, and gives a 404 page on the
    /// published site. Reviewers rarely notice, since the path looks right.
    ///
    /// ## Example
    /// With `baseurl: /handbook` in `_config.yml`:
    /// ```markdown
    /// See [the setup guide](/docs/setup/).
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// See [the setup guide]({{ site.baseurl }}/docs/setup/), or
    /// [the setup guide]({{ '/docs/setup/' | relative_url }}).
    /// ```
    pub MissingBaseurl {
        code: "HB109",
        name: "missing-baseurl",
        severity: Error,
        fix: None,
        group: Links,
        enabled: true,
        phase: Site,
    }
}

impl SiteLint for MissingBaseurl {
    fn meta(&self) -> &'static LintMeta {
        &Self::META
    }

    fn check(&self, cx: &SiteContext<'_>, out: &mut Vec<Diagnostic>) {
        let base = &cx.index.baseurl;
        for link in &cx.page.links {
            let Target::WithoutBaseurl { .. } = cx.index.resolve(cx.page, &link.url) else {
                continue;
            };
            let shown = link.url.split(['#', '?']).next().unwrap_or(&link.url);
            out.push(
                Diagnostic::new(
                    &Self::META,
                    link.span,
                    format!("link target `{shown}` misses the site's baseurl `{base}`"),
                )
                .with_label(format!("published at `{base}{shown}`"))
                .with_help(format!(
                    "start the link with `{{{{ site.baseurl }}}}`, or write `{base}{shown}`"
                )),
            );
        }
    }
}
