use crate::declare_lint;
use crate::diagnostic::Diagnostic;
use crate::lint::{LintMeta, SiteContext, SiteLint};
use crate::site::{percent_decode, Target};
use crate::suggest::closest;

declare_lint! {
    /// ## What it does
    /// Checks that a link's `#fragment` names a heading or an element of the page it points
    /// to: on the same page (`#costs`) or on another page of the site (`budget.md#costs`).
    ///
    /// Heading ids are computed as kramdown computes them for the site's Markdown input
    /// (`kramdown: input:`, GFM by default, as on GitHub Pages), with `-1`, `-2` for repeated
    /// headings; `{#id}` after a heading, `#id` in attribute lists and `id` / `name` in raw
    /// HTML count too. `#top` and an empty fragment always work. A heading built with Liquid
    /// (`## Costs of {{ site.title }}`) gives an id pattern from its known text
    /// (`costs-of-…`), so the page's other fragments are still checked. Pages not linted in
    /// this run are not checked.
    ///
    /// ## Why is this bad?
    /// The link opens the right page at the wrong place: the reader lands at the top and has
    /// to search for the section. Fragments break silently whenever a heading is reworded.
    ///
    /// ## Example
    /// ```markdown
    /// ## Data quality checks
    ///
    /// See [the checks](#quality-checks).
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// ## Data quality checks
    ///
    /// See [the checks](#data-quality-checks).
    /// ```
    pub BrokenLinkFragment {
        code: "HB104",
        name: "broken-link-fragment",
        severity: Error,
        fix: None,
        group: Links,
        enabled: true,
        phase: Site,
        markdownlint: ("MD051", "link-fragments"),
    }
}

impl SiteLint for BrokenLinkFragment {
    fn meta(&self) -> &'static LintMeta {
        &Self::META
    }

    fn check(&self, cx: &SiteContext<'_>, out: &mut Vec<Diagnostic>) {
        for link in &cx.page.links {
            let Some((path, fragment)) = link.url.split_once('#') else {
                continue;
            };
            let fragment = percent_decode(fragment);
            if fragment.is_empty() || fragment.eq_ignore_ascii_case("top") {
                continue;
            }
            let target = if path.is_empty() {
                cx.page.site_path.clone()
            } else {
                match cx.index.resolve(cx.page, &link.url) {
                    Target::Page(p) => p,
                    _ => continue,
                }
            };
            let Some(ids) = cx.index.ids(&target) else {
                continue;
            };
            if ids.contains(&fragment) {
                continue;
            }
            let place = if path.is_empty() {
                "this page".to_string()
            } else {
                format!("`{target}`")
            };
            let d = Diagnostic::new(
                &Self::META,
                link.span,
                format!("`#{fragment}` is not an id on {place}"),
            )
            .with_label("no heading or element has this id");
            let limit = fragment.chars().count() / 2 + 1;
            out.push(match closest(&fragment.to_lowercase(), &ids.exact, limit) {
                Some(id) => d.with_help(format!("did you mean `#{id}`?")),
                None => d.with_help("link to the id of an existing heading; `handbook-lint` computes ids as kramdown does"),
            });
        }
    }
}
