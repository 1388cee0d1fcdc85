use crate::declare_lint;
use crate::diagnostic::Diagnostic;
use crate::lint::{LintMeta, SiteContext, SiteLint};
use crate::site::Target;

declare_lint! {
    /// ## What it does
    /// Checks that every relative or site-absolute link and image leads to a page or file of
    /// the site, resolved the way the published site resolves it.
    ///
    /// Links to `.md` files are resolved from the source file's folder, as the
    /// jekyll-relative-links plugin of GitHub Pages turns them into page URLs. Other paths are
    /// resolved from the page's published URL (its `permalink`, the site's permalink style,
    /// collections, `index.md` as a folder URL), with the site's `baseurl`; a page is found
    /// with or without `.html` and the trailing `/`. A `\` is read as `/`, as browsers read it.
    /// Pages made by jekyll-redirect-from are real URLs: `redirect_from` adds redirect pages,
    /// and a page with `redirect_to` is published as a page that sends the reader on, so
    /// links to it work, while its own content (links, headings) is not published: its
    /// links are not checked, and a `#fragment` into it finds nothing.
    /// Files of `exclude` (less those `include` names again) are not published, and those
    /// of `keep_files` are not either: a build in CI starts from an empty `_site`.
    /// Links with a scheme (the site's own `url` included, see `hardcoded-site-url`) and
    /// protocol-relative links are not checked here. A
    /// destination built with Liquid is checked when its value is known without building
    /// the site: `{{ site.x }}` and `{{ page.x }}` with plain values, `{{ page.url }}`, and
    /// the filters `relative_url`, `absolute_url`, `append`, `prepend`, `downcase`,
    /// `upcase`, `capitalize`, `replace`, `slugify` and `default`; any other Liquid leaves
    /// it unchecked. `{% link path %}` and `{% include_relative path %}` must name a file
    /// of the site: Jekyll's build fails otherwise.
    ///
    /// ## Why is this bad?
    /// The reader gets a 404 page. Broken relative links are the most common defect of a
    /// handbook that is reorganised, and the easiest to miss in review.
    ///
    /// ## Example
    /// ```markdown
    /// See the [data stories guide](guides/data-stories.md).
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// See the [data stories guide](publishing/data-stories.md).
    /// ```
    pub BrokenRelativeLink {
        code: "HB102",
        name: "broken-relative-link",
        severity: Error,
        fix: None,
        group: Links,
        enabled: true,
        phase: Site,
    }
}

impl SiteLint for BrokenRelativeLink {
    fn meta(&self) -> &'static LintMeta {
        &Self::META
    }

    fn check(&self, cx: &SiteContext<'_>, out: &mut Vec<Diagnostic>) {
        for r in &cx.own.file_refs {
            if !cx.index.has_file(&r.source) {
                let d = Diagnostic::new(
                    &Self::META,
                    r.span,
                    format!(
                        "`{{% {} %}}` names `{}`, which does not exist",
                        r.tag, r.source
                    ),
                )
                .with_label("Jekyll stops the build here");
                out.push(match cx.index.nearest(&r.source) {
                    Some(near) => d.with_help(format!("the nearest existing page is `{near}`")),
                    None => d.with_help("name an existing file of the site"),
                });
            }
        }
        for link in &cx.own.links {
            let path = match cx.index.resolve(cx.page, link.url) {
                Target::Missing { path } => path,
                // Resolves with the baseurl added: `missing-baseurl` reports it.
                _ => continue,
            };
            let shown = link.url.split(['#', '?']).next().unwrap_or(link.url);
            let d = Diagnostic::new(
                &Self::META,
                link.span,
                format!("link target `{shown}` does not exist"),
            )
            .with_label(format!(
                "resolves to `/{path}`, which is not a page or file of the site"
            ));
            out.push(match cx.index.nearest(&path) {
                Some(near) => d.with_help(format!("the nearest existing page is `{near}`")),
                None => d.with_help("link to an existing page, or create the page"),
            });
        }
    }
}
