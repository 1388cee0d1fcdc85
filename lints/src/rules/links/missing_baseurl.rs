use crate::declare_lint;
use crate::diagnostic::{Diagnostic, Edit, Fix};
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
    ///
    /// ## Fix safety
    /// The fix puts `{{ site.baseurl }}` in front of the destination
    /// (`/docs/setup/` becomes `{{ site.baseurl }}/docs/setup/`): Jekyll writes the same
    /// `baseurl` there, so the published link leads where the lint says. It is an insertion
    /// that leaves the destination as written, where `relative_url` would need the path
    /// quoted inside the Liquid. It is safe, and offered only, where the destination is
    /// written in the link itself (not in a reference definition) in plain characters (no
    /// Liquid, blanks, quotes or escapes), on a page whose Liquid Jekyll renders (it has
    /// front matter and no `render_with_liquid: false`).
    pub MissingBaseurl {
        code: "HB109",
        name: "missing-baseurl",
        severity: Error,
        fix: Sometimes,
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
        for link in &cx.own.links {
            let Target::WithoutBaseurl { .. } = cx.index.resolve(cx.page, link.url) else {
                continue;
            };
            let shown = link.url.split(['#', '?']).next().unwrap_or(link.url);
            let d = Diagnostic::new(
                &Self::META,
                link.span,
                format!("link target `{shown}` misses the site's baseurl `{base}`"),
            )
            .with_label(format!("published at `{base}{shown}`"))
            .with_help(format!(
                "start the link with `{{{{ site.baseurl }}}}`, or write `{base}{shown}`"
            ));
            out.push(if link.plain && cx.own.liquid.renders {
                d.with_fix(Fix::safe(
                    "start the link with `{{ site.baseurl }}`",
                    vec![Edit::insert(link.span.start, "{{ site.baseurl }}")],
                ))
            } else {
                d
            });
        }
    }
}
