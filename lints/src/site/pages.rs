//! Which files of a Jekyll site are pages, and the URL Jekyll publishes each one under:
//! pages, posts and collection documents.

use super::SiteConfig;
use crate::front_matter;

/// Folders whose Markdown files Jekyll never renders as pages.
const NOT_PAGE_DIRS: &[&str] = &[
    "_site",
    "_includes",
    "_layouts",
    "_sass",
    "_data",
    "_plugins",
    "vendor",
    "node_modules",
    "gemfiles",
];

/// Files at the site root that are about the repository, not pages of the site.
const REPO_DOCS: &[&str] = &[
    "readme",
    "changelog",
    "license",
    "licence",
    "contributing",
    "code_of_conduct",
    "security",
];

/// Whether Jekyll would render `site_path` (relative to the site root, `/` separators) as a
/// page or collection document, so that it needs front matter.
///
/// Not pages: files under `_site/`, `_includes/`, `_layouts/`, `vendor/`, `node_modules/` and
/// other folders Jekyll reads for other purposes; anything Jekyll skips by default (names
/// starting with `.` or `#`, ending with `~`, and `_`-folders other than `_posts`, `_drafts`
/// and the site's `collections`); README, CHANGELOG, LICENSE and the like at the root.
pub fn is_page(site_path: &str, collections: &[String]) -> bool {
    is_page_with(site_path, |name| collections.iter().any(|c| c == name))
}

/// [`is_page`], with `is_collection` telling whether a name (without its `_`) is one of the
/// site's collections.
fn is_page_with(site_path: &str, is_collection: impl Fn(&str) -> bool) -> bool {
    let lower = site_path.to_ascii_lowercase();
    if !(lower.ends_with(".md") || lower.ends_with(".markdown")) {
        return false;
    }
    is_rendered_with(site_path, is_collection)
}

/// Whether Jekyll renders `site_path` when it has front matter, whatever its extension: the
/// folders and names of [`is_page`].
fn is_rendered_with(site_path: &str, is_collection: impl Fn(&str) -> bool) -> bool {
    let parts: Vec<&str> = site_path.split('/').collect();
    let (dirs, file) = parts.split_at(parts.len() - 1);
    let file = file[0];
    if file.starts_with(['.', '#', '_']) || file.ends_with('~') {
        return false;
    }
    for dir in dirs {
        if NOT_PAGE_DIRS.contains(dir) || dir.starts_with(['.', '#']) {
            return false;
        }
        if let Some(name) = dir.strip_prefix('_') {
            let known = name == "posts" || name == "drafts" || is_collection(name);
            if !known {
                return false;
            }
        }
    }
    if dirs.is_empty() {
        let stem = file.split('.').next().unwrap_or("").to_ascii_lowercase();
        if REPO_DOCS.contains(&stem.as_str()) {
            return false;
        }
    }
    true
}

impl SiteConfig {
    /// [`is_page`] with this site's collections.
    pub fn is_page(&self, site_path: &str) -> bool {
        is_page_with(site_path, |name| {
            self.collections.iter().any(|c| c.name == name)
        })
    }

    /// Whether `site_path` is an HTML page (`.html`, `.htm`) in a place Jekyll renders it
    /// (when it has front matter): a page of the navigation that is not Markdown.
    pub fn is_html_page(&self, site_path: &str) -> bool {
        let lower = site_path.to_ascii_lowercase();
        (lower.ends_with(".html") || lower.ends_with(".htm"))
            && is_rendered_with(site_path, |name| {
                self.collections.iter().any(|c| c.name == name)
            })
    }

    /// The URL Jekyll publishes the page at `site_path` under (without `baseurl`), with
    /// this `permalink` in its front matter, or `None` when it is not published.
    pub fn url_of(&self, site_path: &str, front_matter_permalink: Option<&str>) -> Option<String> {
        let mut entries = Vec::new();
        if let Some(p) = front_matter_permalink {
            let node = |v: &str| front_matter::YamlNode {
                span: crate::span::Span::new(0, 0),
                value: front_matter::YamlValue::Str(v.to_string()),
            };
            entries.push((node("permalink"), node(p)));
        }
        let fm = front_matter::YamlNode {
            span: crate::span::Span::new(0, 0),
            value: front_matter::YamlValue::Map(entries),
        };
        self.publish(site_path, Some(&fm)).url
    }

    /// What Jekyll publishes for the Markdown file `site_path` read from its whole `text`:
    /// for a page of the site that is not linted in this run.
    pub fn publish_text(&self, site_path: &str, text: &str) -> super::Publication {
        match front_matter::split(text) {
            front_matter::Split::Closed { yaml, .. } => {
                let data = front_matter::parse_yaml(&text[yaml.range()], yaml.start)
                    .ok()
                    .flatten();
                let empty = front_matter::YamlNode {
                    span: yaml,
                    value: front_matter::YamlValue::Map(Vec::new()),
                };
                self.publish(site_path, Some(data.as_ref().unwrap_or(&empty)))
            }
            _ => self.publish(site_path, None),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_and_not_pages() {
        let none: Vec<String> = Vec::new();
        let docs = vec!["docs".to_string()];
        assert!(is_page("index.md", &none));
        assert!(is_page("a/b/c.markdown", &none));
        assert!(is_page("en/news/_posts/2020-01-01-x.md", &none));
        assert!(is_page("_docs/x.md", &docs));
        assert!(is_page("docs/README.md", &none));
        assert!(!is_page("README.md", &none));
        assert!(!is_page("_docs/x.md", &none));
        assert!(!is_page("_includes/x.md", &none));
        assert!(!is_page("vendor/bundle/x.md", &none));
        assert!(!is_page(".github/x.md", &none));
        assert!(!is_page("_draft.md", &none));
        assert!(!is_page("page.html", &none));
    }

    #[test]
    fn is_page_with_the_site_config_knows_its_collections() {
        let c = SiteConfig::for_tests("pretty");
        assert!(c.is_page("_steps/x.md"));
        assert!(!c.is_page("_docs/x.md"));
        assert!(c.is_page("_posts/2020-01-01-x.md"));
        assert!(!c.is_page("README.md"));
    }

    #[test]
    fn urls_follow_jekyll() {
        let config = SiteConfig::for_tests;
        let pretty = config("pretty");
        assert_eq!(pretty.url_of("index.md", None).unwrap(), "/");
        assert_eq!(pretty.url_of("a/index.md", None).unwrap(), "/a/");
        assert_eq!(pretty.url_of("a/b.md", None).unwrap(), "/a/b/");
        assert_eq!(
            pretty.url_of("docs/_steps/x/y.md", None).unwrap(),
            "/steps/x/y/"
        );
        assert_eq!(
            pretty.url_of("a/b.md", Some("/custom/")).unwrap(),
            "/custom/"
        );
        let date = config("");
        assert_eq!(date.url_of("a/b.md", None).unwrap(), "/a/b.html");
        assert_eq!(
            date.url_of("docs/_steps/y.md", None).unwrap(),
            "/steps/y.html"
        );
        assert_eq!(
            pretty
                .url_of("en/news/_posts/2019-03-05-rubygems.md", None)
                .unwrap(),
            "/en/news/2019/03/05/rubygems/"
        );
        assert_eq!(
            date.url_of("_posts/2019-03-05-x.md", None).unwrap(),
            "/2019/03/05/x.html"
        );
    }

    #[test]
    fn collections_without_output_have_no_url() {
        let mut c = SiteConfig::for_tests("pretty");
        c.collections[0].output = false;
        assert_eq!(c.url_of("docs/_steps/y.md", None), None);
        // Outside `collections_dir`, `_steps` is not the collection: Jekyll skips it.
        assert_eq!(c.url_of("_steps/y.md", None), None);
    }

    #[test]
    fn publish_text_reads_the_front_matter() {
        let c = SiteConfig::for_tests("pretty");
        let text = "---\ntitle: x\npermalink: /elsewhere/\n---\n# x\n";
        let url = |text: &str| c.publish_text("a/b.md", text).url;
        assert_eq!(url(text).unwrap(), "/elsewhere/");
        // GitHub Pages' optional front matter.
        assert_eq!(url("# no front matter\n").unwrap(), "/a/b/");
        assert_eq!(c.publish_text("a/b.md", "# x\n").copy.unwrap(), "/a/b.md");
        assert_eq!(url("---\n: [\n---\n").unwrap(), "/a/b/");
        assert_eq!(url("---\npublished: false\n---\n"), None);
    }

    #[test]
    fn redirect_to_publishes_a_redirect_page() {
        let mut c = SiteConfig::for_tests("pretty");
        let text = "---\nredirect_to: https://example.org/\n---\n# x\n";
        assert!(
            !c.publish_text("a.md", text).redirect_to,
            "without the plugin"
        );
        c.plugins.push("jekyll-redirect-from".into());
        let p = c.publish_text("a.md", text);
        assert!(p.redirect_to && p.url.as_deref() == Some("/a/"));
        // Ruby's truth, as jekyll-redirect-from reads it: an empty text redirects (to "", the
        // fixture site redirect-to shows it), null, false and a list of nulls do not.
        let redirects = |fm: &str| {
            c.publish_text("a.md", &format!("---\n{fm}\n---\n"))
                .redirect_to
        };
        assert!(redirects("redirect_to: ''"));
        assert!(redirects("redirect_to: [~, /b/]"));
        for no in [
            "redirect_to: ~",
            "redirect_to: false",
            "redirect_to: []",
            "redirect_to: [~]",
        ] {
            assert!(!redirects(no), "{no}");
        }
        let d = SiteConfig::parse(
            "plugins: [jekyll-redirect-from]\ndefaults:\n  - scope: {path: old}\n    values: {redirect_to: /new/}\n",
        )
        .unwrap();
        assert!(
            d.publish_text("old/a.md", "---\ntitle: a\n---\n")
                .redirect_to,
            "from defaults"
        );
        assert!(
            !d.publish_text("old/b.md", "---\nredirect_to: false\n---\n")
                .redirect_to
        );
        assert!(!d.publish_text("a.md", "---\ntitle: a\n---\n").redirect_to);
    }
}
