use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::declare_lint;
use crate::diagnostic::Diagnostic;
use crate::lint::{LintMeta, SiteContext, SiteLint};
use crate::options::{OptionField, OptionKind, Options};
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
    ///
    /// ## Options
    /// - `ignore-case` (boolean, default false; markdownlint's `ignore_case`): a fragment
    ///   matches an id whatever the case of its letters (browsers compare them exactly).
    /// - `ignored-pattern` (string, default empty; markdownlint's `ignored_pattern`): a
    ///   regular expression; fragments it matches are not checked (ids that a script or a
    ///   plugin adds, such as `^figure-`). Lookaround and backreferences are not supported.
    pub BrokenLinkFragment {
        code: "HB104",
        name: "broken-link-fragment",
        severity: Error,
        fix: None,
        group: Links,
        enabled: true,
        phase: Site,
        markdownlint: ("MD051", "link-fragments"),
        options: LinkFragmentsOptions,
    }
}

/// Options of [`BrokenLinkFragment`].
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct LinkFragmentsOptions {
    #[serde(alias = "ignore_case")]
    pub ignore_case: bool,
    #[serde(alias = "ignored_pattern")]
    pub ignored_pattern: Pattern,
}

impl Options for LinkFragmentsOptions {
    const FIELDS: &'static [OptionField] = &[
        OptionField {
            name: "ignore-case",
            aliases: &["ignore_case"],
            kind: OptionKind::Bool,
            doc: "Match ids whatever the case of their letters.",
        },
        OptionField {
            name: "ignored-pattern",
            aliases: &["ignored_pattern"],
            kind: OptionKind::String,
            doc: "Regular expression of fragments not to check; empty: none.",
        },
    ];
}

/// A regular expression, compiled when the options are read; empty matches nothing.
#[derive(Clone, Debug, Default)]
pub struct Pattern(Option<regex::Regex>);

impl Pattern {
    pub fn is_match(&self, text: &str) -> bool {
        self.0.as_ref().is_some_and(|r| r.is_match(text))
    }

    fn as_str(&self) -> &str {
        self.0.as_ref().map_or("", |r| r.as_str())
    }
}

impl PartialEq for Pattern {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Serialize for Pattern {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Pattern {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        if text.is_empty() {
            return Ok(Pattern(None));
        }
        regex::RegexBuilder::new(&text)
            .size_limit(1 << 20)
            .build()
            .map(|r| Pattern(Some(r)))
            .map_err(|e| serde::de::Error::custom(format!("invalid regular expression: {e}")))
    }
}

impl SiteLint for BrokenLinkFragment {
    fn meta(&self) -> &'static LintMeta {
        &Self::META
    }

    fn check(&self, cx: &SiteContext<'_>, out: &mut Vec<Diagnostic>) {
        let options = cx.options.get::<LinkFragmentsOptions>();
        for link in &cx.own.links {
            let Some((path, fragment)) = link.url.split_once('#') else {
                continue;
            };
            let fragment = percent_decode(fragment);
            if fragment.is_empty()
                || fragment.eq_ignore_ascii_case("top")
                || options.ignored_pattern.is_match(&fragment)
            {
                continue;
            }
            let target = if path.is_empty() {
                cx.page.site_path.to_string()
            } else {
                match cx.index.resolve(cx.page, link.url) {
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
            if options.ignore_case {
                let lower = fragment.to_lowercase();
                let folded = |id: &str| id.to_lowercase() == lower;
                if ids.contains(&lower) || ids.exact().any(folded) {
                    continue;
                }
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
            out.push(match closest(&fragment.to_lowercase(), ids.exact(), limit) {
                Some(id) => d.with_help(format!("did you mean `#{id}`?")),
                None => d.with_help("link to the id of an existing heading; `handbook-lint` computes ids as kramdown does"),
            });
        }
    }
}
