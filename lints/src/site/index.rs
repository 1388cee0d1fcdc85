//! The site index: every page's output URL and every file of the site, built from the
//! pages' facts, and how a link resolves against it (as Jekyll and a browser do), with the
//! nearest page for a "did you mean".

use std::collections::{HashMap, HashSet};

use super::paths::{normalize, parent, percent_decode};
use super::PageFacts;
use crate::suggest::distance_within;

/// Every page's URL and every file of the site.
#[derive(Debug, Default)]
pub struct SiteIndex {
    pub baseurl: String,
    /// Published URL -> source path.
    urls: HashMap<String, String>,
    /// Source paths of pages, and of every other file of the site.
    files: HashSet<String>,
    /// The facts of the pages linted in this run.
    pages: Vec<PageFacts>,
    /// Source path -> index into `pages`.
    by_source: HashMap<String, usize>,
    /// For `nearest` on a large site: (URL, source) pairs by the top folder of either.
    by_top: std::sync::OnceLock<HashMap<String, Vec<(String, String)>>>,
}

/// The first segment of a path, lowercase, without its extension: `Guides/A.md` -> `guides`.
fn top_folder(path: &str) -> String {
    let first = path.trim_start_matches('/').split('/').next().unwrap_or("");
    let first = first.rsplit_once('.').map_or(first, |(stem, _)| stem);
    first.to_ascii_lowercase()
}

/// Where a link leads.
#[derive(Debug, PartialEq, Eq)]
pub enum Target {
    /// Another site, `mailto:`, Liquid we do not evaluate, or a fragment of this page.
    NotChecked,
    /// A page of the site, by source path.
    Page(String),
    /// Another file of the site (an image, a PDF, a page not linted in this run).
    File,
    Missing {
        path: String,
    },
}

impl Target {
    pub fn exists(&self) -> bool {
        matches!(self, Target::Page(_) | Target::File)
    }
}

impl SiteIndex {
    /// Whether `source` (a path from the site root) is a file of the site.
    pub fn has_file(&self, source: &str) -> bool {
        self.files.contains(source)
    }
}

impl SiteIndex {
    /// `files` are all files of the site (source paths, `/` separators), pages included.
    pub fn new(
        baseurl: &str,
        pages: Vec<PageFacts>,
        files: impl IntoIterator<Item = String>,
    ) -> SiteIndex {
        let mut index = SiteIndex {
            baseurl: baseurl.to_string(),
            files: files.into_iter().collect(),
            ..SiteIndex::default()
        };
        for (i, p) in pages.iter().enumerate() {
            if let Some(url) = &p.url {
                index.urls.insert(url.clone(), p.site_path.clone());
            }
            index.files.insert(p.site_path.clone());
            index.by_source.insert(p.site_path.clone(), i);
        }
        index.pages = pages;
        index
    }

    /// The pages linted in this run, in the order they were given.
    pub fn pages(&self) -> &[PageFacts] {
        &self.pages
    }

    /// Resolve `url`, written on the page `from`, the way the published site does: links to
    /// `.md` files relative to the source file (jekyll-relative-links), other paths relative to
    /// the page's URL, `\` read as `/` as browsers do.
    pub fn resolve(&self, from: &PageFacts, url: &str) -> Target {
        let url: std::borrow::Cow<str> = if url.contains('\\') {
            url.replace('\\', "/").into()
        } else {
            url.into()
        };
        let path = url.split(['#', '?']).next().unwrap_or("");
        let has_scheme = path.find(':').is_some_and(|i| {
            path[..i]
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"+.-".contains(&b))
                && i > 0
        });
        if path.is_empty() || has_scheme || path.starts_with("//") {
            return Target::NotChecked;
        }
        let path: std::borrow::Cow<str> = if path.contains('%') {
            percent_decode(path).into()
        } else {
            path.into()
        };
        let ends_with = |ext: &str| {
            path.len() >= ext.len()
                && path.as_bytes()[path.len() - ext.len()..].eq_ignore_ascii_case(ext.as_bytes())
        };
        if ends_with(".md") || ends_with(".markdown") {
            let base = if path.starts_with('/') {
                ""
            } else {
                parent(&from.site_path)
            };
            let source = normalize(&format!("{base}/{path}"));
            return if self.by_source.contains_key(&source) {
                Target::Page(source)
            } else if self.files.contains(&source) {
                Target::File
            } else {
                Target::Missing { path: source }
            };
        }
        let absolute = if path.starts_with('/') {
            let p = path
                .strip_prefix(&self.baseurl)
                .filter(|r| r.is_empty() || r.starts_with('/'))
                .unwrap_or(&path);
            normalize(p)
        } else {
            let Some(page_url) = &from.url else {
                return Target::NotChecked;
            };
            let dir = if page_url.ends_with('/') {
                page_url.as_str()
            } else {
                parent(page_url)
            };
            normalize(&format!("{dir}/{path}"))
        };
        self.find(&absolute, path.ends_with('/'))
            .unwrap_or(Target::Missing { path: absolute })
    }

    /// The ids of the page at `source`: `None` when unknown (not linted in this run, or a
    /// heading built with Liquid).
    pub fn ids(&self, source: &str) -> Option<&HashSet<String>> {
        self.by_source
            .get(source)
            .and_then(|&i| self.pages[i].ids.as_ref())
    }

    /// `path` is `a/b` (no leading `/`): a published URL or a file of the site.
    fn find(&self, path: &str, dir: bool) -> Option<Target> {
        // `/a/b`, `/a/b/`, `/a/b.html`, and `/a/b.html` read as `/a/b` and `/a/b/`.
        let mut url = String::with_capacity(path.len() + 7);
        url.push('/');
        url.push_str(path);
        let bare_len = url.strip_suffix(".html").map_or(url.len(), str::len);
        let mut hit = self.urls.get(&url);
        for suffix in ["/", ".html"] {
            if hit.is_none() {
                url.truncate(path.len() + 1);
                url.push_str(suffix);
                hit = self.urls.get(&url);
            }
        }
        for suffix in ["", "/"] {
            if hit.is_none() && bare_len < path.len() + 1 {
                url.truncate(bare_len);
                url.push_str(suffix);
                hit = self.urls.get(&url);
            }
        }
        if let Some(source) = hit {
            return Some(if self.by_source.contains_key(source) {
                Target::Page(source.clone())
            } else {
                Target::File
            });
        }
        let file = (!dir && self.files.contains(path))
            || self.files.contains(&format!("{path}/index.html"))
            || path.is_empty();
        file.then_some(Target::File)
    }

    /// The page whose URL or source path is closest to `path`, for a "did you mean"; for a
    /// path to a `.md` file, the source path is named, otherwise the URL.
    pub fn nearest(&self, path: &str) -> Option<String> {
        let want = path.trim_matches('/').to_ascii_lowercase();
        let source_wanted = want.ends_with(".md") || want.ends_with(".markdown");
        let want_stem = want.rsplit_once('.').map_or(want.as_str(), |(s, _)| s);
        let limit = want_stem.chars().count() / 3 + 1;
        let mut best: Option<(usize, String)> = None;
        // On a large site, look only in the same top folder: a typo rarely changes that.
        let candidates: Box<dyn Iterator<Item = (&String, &String)>> = if self.urls.len() > 1000 {
            let by_top = self.by_top.get_or_init(|| {
                let mut map: HashMap<String, Vec<(String, String)>> = HashMap::new();
                for (url, source) in &self.urls {
                    let (a, b) = (top_folder(url), top_folder(source));
                    if a != b {
                        map.entry(b)
                            .or_default()
                            .push((url.clone(), source.clone()));
                    }
                    map.entry(a)
                        .or_default()
                        .push((url.clone(), source.clone()));
                }
                map
            });
            match by_top.get(&top_folder(want_stem)) {
                Some(list) => Box::new(list.iter().map(|(u, s)| (u, s))),
                None => return None,
            }
        } else {
            Box::new(self.urls.iter())
        };
        for (url, source) in candidates {
            // Cheap first: a length difference alone can rule a page out.
            if url.len().abs_diff(want_stem.len()) > limit + 6
                && source.len().abs_diff(want_stem.len()) > limit + 10
            {
                continue;
            }
            let u = url.trim_matches('/').to_ascii_lowercase();
            let s = source
                .rsplit_once('.')
                .map_or(source.as_str(), |(s, _)| s)
                .to_ascii_lowercase();
            let bound = best.as_ref().map_or(limit, |(d, _)| (*d).min(limit));
            let d = [
                distance_within(want_stem, u.trim_end_matches(".html"), bound),
                distance_within(want_stem, &s, bound),
            ]
            .into_iter()
            .flatten()
            .min();
            let shown = if source_wanted { source } else { url };
            if let Some(d) = d {
                if best
                    .as_ref()
                    .is_none_or(|(bd, bs)| (d, shown.as_str()) < (*bd, bs.as_str()))
                {
                    best = Some((d, shown.clone()));
                }
            }
        }
        best.map(|(_, shown)| shown)
    }

    /// Add a page that was not linted in this run (so it has no facts) by its URL.
    pub fn add_page(&mut self, site_path: &str, url: String) {
        self.urls.insert(url, site_path.to_string());
        self.by_top = std::sync::OnceLock::new();
        self.files.insert(site_path.to_string());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site::SiteConfig;

    fn config(permalink: &str) -> SiteConfig {
        SiteConfig::for_tests(permalink)
    }

    #[test]
    fn links_resolve_like_the_published_site() {
        let c = config("pretty");
        let page = |p: &str| PageFacts {
            site_path: p.into(),
            url: c.url_of(p, None),
            links: vec![],
            ids: Some(Default::default()),
            file_refs: vec![],
            external: vec![],
        };
        let pages = [
            page("faq.md"),
            page("publishing/identify-data.md"),
            page("index.md"),
        ];
        let index = SiteIndex::new("/handbook", pages.to_vec(), ["assets/logo.png".to_string()]);
        let faq = &pages[0];
        // From /faq/, a relative path is relative to /faq/.
        let page = |p: &str| Target::Page(p.to_string());
        assert_eq!(
            index.resolve(faq, "../publishing/identify-data"),
            page("publishing/identify-data.md")
        );
        assert_eq!(
            index.resolve(faq, "publishing/identify-data.md"),
            page("publishing/identify-data.md")
        );
        assert_eq!(
            index.resolve(faq, "/handbook/publishing/identify-data/"),
            page("publishing/identify-data.md")
        );
        assert_eq!(index.resolve(faq, "/assets/logo.png"), Target::File);
        assert_eq!(
            index.resolve(faq, "publishing\\identify-data.md"),
            page("publishing/identify-data.md")
        );
        assert!(matches!(
            index.resolve(faq, "guides/data_stories.md"),
            Target::Missing { .. }
        ));
        assert_eq!(
            index.resolve(faq, "https://example.org/x"),
            Target::NotChecked
        );
        assert_eq!(index.resolve(faq, "#top"), Target::NotChecked);
        assert_eq!(
            index.nearest("publishing/identify_data").as_deref(),
            Some("/publishing/identify-data/")
        );
        assert_eq!(
            index.nearest("publishing/identify_data.md").as_deref(),
            Some("publishing/identify-data.md")
        );
    }

    #[test]
    fn nearest_on_a_large_site_looks_in_the_same_top_folder() {
        let pages = (0..1500).map(|i| format!("guides/page-{i:04}.md"));
        let mut index = SiteIndex::new("", Vec::new(), pages.clone());
        for p in pages {
            let url = format!("/{}.html", p.trim_end_matches(".md"));
            index.add_page(&p, url);
        }
        index.add_page("faq.md", "/faq.html".into());
        assert_eq!(
            index.nearest("guides/page_0042").as_deref(),
            Some("/guides/page-0042.html")
        );
        assert_eq!(
            index.nearest("Guides/page-0042.md").as_deref(),
            Some("guides/page-0042.md")
        );
        assert_eq!(index.nearest("fac").as_deref(), None, "another top folder");
        assert_eq!(index.nearest("faq.md").as_deref(), Some("faq.md"));
        assert_eq!(index.nearest("assets/images/x.png"), None);
    }
}
