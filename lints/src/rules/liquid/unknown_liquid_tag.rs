use crate::declare_lint;
use crate::diagnostic::Diagnostic;
use crate::lint::{LintMeta, SiteContext, SiteLint};
use crate::suggest;

declare_lint! {
    /// ## What it does
    /// Checks for Liquid tags (`{% name … %}`) that neither Liquid, nor Jekyll, nor a plugin
    /// the site runs, nor the site's `_plugins/` define, in pages that Jekyll renders with
    /// Liquid (files with front matter).
    ///
    /// Known: Liquid's tags (`assign`, `capture`, `case`/`when`, `comment`, `cycle`,
    /// `decrement`, `increment`, `for`, `break`, `continue`, `if`/`elsif`/`else`, `unless`,
    /// `ifchanged`, `include`, `raw`, `tablerow`, `echo`, `liquid`, `render`, `doc`) and their
    /// `end…` tags; Jekyll's (`highlight`, `include_relative`, `link`, `post_url`); those of
    /// the plugins named in `_config.yml` or the Gemfile (`seo` of jekyll-seo-tag,
    /// `feed_meta`, `gist`, `avatar`, `include_cached`, `last_modified_at`, `octicon`,
    /// `twitter`, `toc`), `gist` on GitHub Pages, `seo` and `include_cached` with the
    /// just-the-docs theme; and the names `_plugins/*.rb` give to `register_tag`.
    ///
    /// Nothing is reported when the site runs a plugin or theme whose tags are not known
    /// here, or when its `_plugins/` register tags in a way not read here.
    ///
    /// ## Why is this bad?
    /// Liquid stops on an unknown tag: Jekyll fails the build with
    /// `Liquid syntax error: Unknown tag`.
    ///
    /// ## Example
    /// ```markdown
    /// {% youtube dQw4w9WgXcQ %}
    /// ```
    ///
    /// ## Use instead
    /// Add the plugin that defines the tag to `plugins:` (and the Gemfile), or write the
    /// HTML it would produce.
    pub UnknownLiquidTag {
        code: "HB403",
        name: "unknown-liquid-tag",
        severity: Warning,
        fix: None,
        group: Liquid,
        enabled: true,
        phase: Site,
    }
}

impl SiteLint for UnknownLiquidTag {
    fn meta(&self) -> &'static LintMeta {
        &Self::META
    }

    fn check(&self, cx: &SiteContext<'_>, out: &mut Vec<Diagnostic>) {
        let tags = &cx.own.liquid.tags;
        if tags.is_empty() {
            return;
        }
        let Some(known) = cx.index.known_tags() else {
            return;
        };
        for tag in tags {
            if known
                .binary_search_by(|k| k.as_str().cmp(&tag.name))
                .is_ok()
            {
                continue;
            }
            let near = suggest::did_you_mean(&tag.name, known, 2);
            out.push(
                Diagnostic::new(
                    &Self::META,
                    tag.span,
                    format!("Liquid tag `{}` is not defined on this site{near}", tag.name),
                )
                .with_label("Jekyll stops the build here")
                .with_help(
                    "add the plugin that defines the tag, or wrap the text in `{% raw %}` if it is not Liquid",
                ),
            );
        }
    }
}
