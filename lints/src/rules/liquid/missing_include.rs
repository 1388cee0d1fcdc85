use crate::declare_lint;
use crate::diagnostic::Diagnostic;
use crate::lint::{LintMeta, SiteContext, SiteLint};

declare_lint! {
    /// ## What it does
    /// Checks that every `{% include NAME %}` with a literal name, in a page that Jekyll
    /// renders with Liquid, names a file of the site's includes folder (`_includes/`, or
    /// `includes_dir`) or an include of its theme.
    ///
    /// The includes of just-the-docs (as a gem or a remote theme) are known. With another
    /// theme, which may provide any include, nothing is reported. Names built with Liquid
    /// (`{% include {{ page.banner }} %}`) are not checked.
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
        for include in &cx.page.liquid.includes {
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
            out.push(match (theme, cx.index.nearest(&path)) {
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
