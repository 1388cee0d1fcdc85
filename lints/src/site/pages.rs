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

    /// The URL Jekyll publishes the page at `site_path` under (without `baseurl`), or `None`
    /// for a collection document that is not output.
    pub fn url_of(&self, site_path: &str, front_matter_permalink: Option<&str>) -> Option<String> {
        if let Some(p) = front_matter_permalink {
            return Some(format!("/{}", p.trim_start_matches('/')));
        }
        let (stem, _) = site_path.rsplit_once('.').unwrap_or((site_path, ""));
        let pretty = self.permalink == "pretty" || self.permalink.ends_with('/');
        if let Some(url) = self.collection_url(site_path, pretty) {
            return url;
        }
        if let Some(url) = post_url(stem, pretty, &self.permalink) {
            return Some(url);
        }
        let (dir, base) = match stem.rsplit_once('/') {
            Some((d, b)) => (format!("/{d}/"), b),
            None => ("/".to_string(), stem),
        };
        Some(if base == "index" {
            dir
        } else if pretty {
            format!("{dir}{base}/")
        } else {
            format!("{dir}{base}.html")
        })
    }

    /// The URL of the page `site_path` read from its whole `text` (its front matter's
    /// `permalink` applies): for a page of the site that is not linted in this run.
    pub fn url_of_text(&self, site_path: &str, text: &str) -> Option<String> {
        let permalink = match front_matter::split(text) {
            front_matter::Split::Closed { yaml, .. } => {
                front_matter::parse_yaml(&text[yaml.range()], yaml.start)
                    .ok()
                    .flatten()
                    .and_then(|d| {
                        d.get("permalink")
                            .and_then(|p| p.as_str())
                            .map(String::from)
                    })
            }
            _ => None,
        };
        self.url_of(site_path, permalink.as_deref())
    }

    /// For a document of one of the site's collections: `Some(None)` when the collection is
    /// not output, `Some(Some(url))` when it is; `None` for any other file.
    fn collection_url(&self, site_path: &str, pretty: bool) -> Option<Option<String>> {
        let prefix = if self.collections_dir.is_empty() {
            String::new()
        } else {
            format!("{}/", self.collections_dir)
        };
        let rest = site_path.strip_prefix(&prefix)?;
        let (dir, inner) = rest.strip_prefix('_').and_then(|r| r.split_once('/'))?;
        let c = self.collections.iter().find(|c| c.name == dir)?;
        if !c.output {
            return Some(None);
        }
        let (inner_stem, _) = inner.rsplit_once('.').unwrap_or((inner, ""));
        let template = c.permalink.clone().unwrap_or_else(|| {
            if pretty {
                "/:collection/:path/".into()
            } else {
                "/:collection/:path:output_ext".into()
            }
        });
        let name = inner_stem.rsplit('/').next().unwrap_or(inner_stem);
        Some(Some(
            template
                .replace(":collection", &c.name)
                .replace(":path", inner_stem)
                .replace(":name", name)
                .replace(":title", name)
                .replace(":output_ext", ".html"),
        ))
    }
}

/// `en/news/_posts/2019-03-05-title` -> `/en/news/2019/03/05/title/` (pretty) or `….html`:
/// the folders above `_posts` are the post's categories.
fn post_url(stem: &str, pretty: bool, style: &str) -> Option<String> {
    let (categories, name) = stem
        .rsplit_once("/_posts/")
        .or_else(|| stem.strip_prefix("_posts/").map(|n| ("", n)))?;
    let name = name.rsplit('/').next()?;
    let b = name.as_bytes();
    let dated = b.len() > 11
        && b[4] == b'-'
        && b[7] == b'-'
        && b[10] == b'-'
        && [0, 1, 2, 3, 5, 6, 8, 9]
            .iter()
            .all(|&i| b[i].is_ascii_digit());
    if !dated {
        return None;
    }
    let (year, month, day, title) = (&name[..4], &name[5..7], &name[8..10], &name[11..]);
    let categories: Vec<&str> = categories.split('/').filter(|c| !c.is_empty()).collect();
    let cats = if categories.is_empty() {
        String::new()
    } else {
        format!("/{}", categories.join("/"))
    };
    Some(match style {
        "none" => format!("{cats}/{title}{}", if pretty { "/" } else { ".html" }),
        _ if pretty => format!("{cats}/{year}/{month}/{day}/{title}/"),
        _ => format!("{cats}/{year}/{month}/{day}/{title}.html"),
    })
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
        // Outside `collections_dir`, `_steps` is not the collection.
        assert_eq!(c.url_of("_steps/y.md", None).unwrap(), "/_steps/y/");
    }

    #[test]
    fn url_of_text_reads_the_permalink_of_the_front_matter() {
        let c = SiteConfig::for_tests("pretty");
        let text = "---\ntitle: x\npermalink: /elsewhere/\n---\n# x\n";
        assert_eq!(c.url_of_text("a/b.md", text).unwrap(), "/elsewhere/");
        assert_eq!(
            c.url_of_text("a/b.md", "# no front matter\n").unwrap(),
            "/a/b/"
        );
        assert_eq!(c.url_of_text("a/b.md", "---\n: [\n---\n").unwrap(), "/a/b/");
    }
}
