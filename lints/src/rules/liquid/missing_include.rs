use crate::declare_lint;
use crate::diagnostic::Diagnostic;
use crate::lint::{LintMeta, SiteContext, SiteLint};

declare_lint! {
    /// ## What it does
    /// Checks that every `{% include NAME %}` with a literal name, in a page that Jekyll
    /// renders with Liquid, names a file of the site's includes folder (`_includes/`, or
    /// `includes_dir`) or an include of its theme.
    ///
    /// The includes of just-the-docs (as a gem or a remote theme) are known for each release
    /// from 0.3 on, and the release is the one the site pins (`remote_theme: …@v0.4.2`, the
    /// Gemfile or `Gemfile.lock`): an include that only a later release ships is reported
    /// (`toc_heading_custom.html` on 0.3.3), and one that a release no longer ships too
    /// (`nav.html` from 0.7). With no pinned release, an include of any release is accepted.
    /// With another theme, which may provide any include, nothing is reported. Names built
    /// with Liquid (`{% include {{ page.banner }} %}`) are not checked.
    ///
    /// ## Why is this bad?
    /// Jekyll stops the build: `Could not locate the included file`.
    ///
    /// ## Example
    /// ```markdown
    /// {% include banner.html %}
    /// ```
    /// (with no `_includes/banner.html`)
    ///
    /// ## Use instead
    /// Create `_includes/banner.html`, or include a file that exists.
    pub MissingInclude {
        code: "HB404",
        name: "missing-include",
        severity: Error,
        fix: None,
        group: Liquid,
        enabled: true,
        phase: Site,
    }
}

impl SiteLint for MissingInclude {
    fn meta(&self) -> &'static LintMeta {
        &Self::META
    }

    fn check(&self, cx: &SiteContext<'_>, out: &mut Vec<Diagnostic>) {
        let liquid = &cx.index.liquid;
        for include in &cx.own.liquid.includes {
            let path = format!("{}/{}", liquid.includes_dir, include.name);
            if cx.index.has_file(&path) {
                continue;
            }
            let theme = match liquid.theme_include(&include.name) {
                Some(false) => liquid.theme.as_deref(),
                _ => continue,
            };
            let d = Diagnostic::new(
                &Self::META,
                include.span,
                format!("included file `{path}` does not exist"),
            )
            .with_label("Jekyll stops the build here");
            let newer = liquid
                .version
                .zip(crate::site::first_release(&include.name))
                .filter(|(pinned, first)| first > pinned);
            out.push(match (theme, cx.index.nearest(&path)) {
                (Some(t), _) if newer.is_some() => {
                    let ((a, b, c), (x, y, z)) = newer.unwrap_or_default();
                    d.with_help(format!(
                        "`{t}` ships `{}` from {x}.{y}.{z} on and the site pins {a}.{b}.{c}: \
                         upgrade the theme, or create `{path}`",
                        include.name
                    ))
                }
                (_, Some(near)) if near.starts_with(&liquid.includes_dir) => {
                    d.with_help(format!("the nearest existing file is `{near}`"))
                }
                (Some(t), _) => d.with_help(format!(
                    "create `{path}`, or include a file of `{t}` or of `{}/`",
                    liquid.includes_dir
                )),
                (None, _) => d.with_help(format!("create `{path}`, or include an existing file")),
            });
        }
    }
}
