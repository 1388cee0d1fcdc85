//! The site index: every page's output URL and every file of the site, built from the
//! pages' facts, and how a link resolves against it (as Jekyll and a browser do), with the
//! nearest page for a "did you mean".

use std::sync::Arc;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use super::{PageFacts, Publication, SiteConfig};

/// Every page's URL and every file of the site. A page's source path and URL are kept once
/// (`Arc<str>`) however many maps name them.
#[derive(Debug, Default)]
pub struct SiteIndex {
    pub baseurl: String,
    /// The site's `url` (`""` when unset), for `hardcoded-site-url`.
    pub site_url: String,
    /// Published URL of a page, post or document -> source path.
    pub(super) urls: HashMap<Arc<str>, Arc<str>>,
    /// The output files two URLs are written to (`/a/` and `/a/index.html`) -> the source
    /// of the last page added there, which Jekyll writes last (see `page_at`); empty on
    /// almost every site.
    pub(super) shared_files: HashMap<String, Arc<str>>,
    /// Every other file Jekyll writes (static files, Markdown copies, redirect pages) ->
    /// source path.
    pub(super) statics: HashMap<String, Arc<str>>,
    /// Whether jekyll-relative-links rewrites links to source files, and in documents too.
    pub(super) relative_links: (bool, bool),
    /// Source paths of pages, and of every other file of the site (a page's path is the
    /// `Arc` of its facts).
    pub(super) files: HashSet<Arc<str>>,
    /// The facts of the pages linted in this run, in the boxes the pages kept them in (not
    /// moved into one block, which would hold them twice while it is filled).
    #[allow(clippy::vec_box)]
    pub(super) pages: Vec<Box<PageFacts>>,
    /// Source path -> index into `pages`.
    pub(super) by_source: HashMap<Arc<str>, usize>,
    /// Source path -> URL of every page, post and document with one.
    pub(super) sources: HashMap<Arc<str>, Arc<str>>,
    /// READMEs waiting for [`SiteIndex::settle_readmes`]: (folder URL, source).
    readmes: Vec<(String, Arc<str>)>,
    /// What the site gives Liquid: theme, plugins, `_plugins` tags.
    pub liquid: super::SiteLiquid,
    /// For `nearest` on a large site: (URL, source) pairs by the top folder of either.
    pub(super) by_top: std::sync::OnceLock<HashMap<String, Vec<super::nearest::Candidate>>>,
    /// For `nearest` on a smaller site: every page's URL and source path, listed once.
    pub(super) candidates: std::sync::OnceLock<Vec<super::nearest::Candidate>>,
    /// [`super::SiteLiquid::known_tags`] of `liquid`, made once.
    known_tags: std::sync::OnceLock<Option<Vec<String>>>,
    /// The just-the-docs navigation (see `nav_index`).
    pub(super) nav: super::NavSite,
}

/// The file Jekyll writes for `url`: `index.html` in a folder, `.html` added to a name
/// without an extension.
pub(super) fn output_file(url: &str) -> String {
    if url.ends_with('/') {
        format!("{url}index.html")
    } else if url.rsplit('/').next().is_some_and(|n| n.contains('.')) {
        url.to_string()
    } else {
        format!("{url}.html")
    }
}

fn is_markdown(path: &str) -> bool {
    let lower = path.rsplit('/').next().unwrap_or("").to_ascii_lowercase();
    [".md", ".markdown", ".mkdown", ".mkdn", ".mkd"]
        .iter()
        .any(|e| lower.ends_with(e))
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
    /// A site-absolute path that misses the `baseurl`: it resolves only when the baseurl is
    /// added, so it is broken on the published site.
    WithoutBaseurl {
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
        config: &SiteConfig,
        pages: Vec<Box<PageFacts>>,
        files: impl IntoIterator<Item = String>,
    ) -> SiteIndex {
        let mut index = SiteIndex {
            baseurl: config.baseurl.clone(),
            site_url: config.site_url().to_string(),
            liquid: super::SiteLiquid {
                plugins: config.plugins.clone(),
                github_pages: config.builder == super::Builder::GitHubPages,
                version: config.nav.version,
                ..config.liquid.clone()
            },
            relative_links: (
                config.plugin("jekyll-relative-links"),
                config.relative_links_in_collections,
            ),
            nav: super::NavSite {
                config: config.nav.clone(),
                ..Default::default()
            },
            ..SiteIndex::default()
        };
        // A page's source path is kept once, in its facts: the maps share it.
        for (i, p) in pages.iter().enumerate() {
            index.by_source.insert(p.site_path.clone(), i);
        }
        index.files = files
            .into_iter()
            .map(|f| match index.by_source.get_key_value(f.as_str()) {
                Some((source, _)) => source.clone(),
                None => Arc::from(f),
            })
            .collect();
        for f in &index.files {
            if !is_markdown(f) {
                if let Some(url) = config.static_url(f) {
                    index.statics.insert(output_file(&url), f.clone());
                }
            }
        }
        if config.plugin("jekyll-redirect-from") {
            index
                .statics
                .insert("/redirects.json".into(), Arc::from(""));
        }
        for p in &pages {
            let none = Publication::default();
            let published = p.published.as_deref().unwrap_or(&none);
            index.add_published(&p.site_path, p.url.as_ref(), published);
            if !index.files.contains(&*p.site_path) {
                index.files.insert(p.site_path.clone());
            }
        }
        index.pages = pages;
        index
    }

    /// Add what Jekyll publishes for one Markdown file.
    fn add_published(&mut self, source: &Arc<str>, url: Option<&Arc<str>>, p: &Publication) {
        if let Some(url) = url {
            let url = url.clone();
            self.note_shared_file(&url, source);
            self.sources.insert(source.clone(), url.clone());
            self.urls.insert(url, source.clone());
        }
        for url in p.copy.iter().chain(&p.redirects) {
            self.statics.insert(output_file(url), source.clone());
        }
        if let Some(readme) = &p.readme {
            self.readmes.push((readme.clone(), source.clone()));
        }
        self.by_top = std::sync::OnceLock::new();
        self.candidates = std::sync::OnceLock::new();
    }

    /// The READMEs that jekyll-readme-index makes their folder's index, once every page is
    /// known: only where the folder has no index of its own.
    pub fn settle_readmes(&mut self) {
        for (url, source) in std::mem::take(&mut self.readmes) {
            let taken = ["", "index.html", "index.htm", "index.xhtml", "index.xml"]
                .iter()
                .any(|i| {
                    let u = output_file(&format!("{url}{i}"));
                    self.page_at(&u).is_some() || self.statics.contains_key(&u)
                });
            if !taken {
                let url: Arc<str> = Arc::from(url);
                self.note_shared_file(&url, &source);
                self.sources.insert(source.clone(), url.clone());
                self.urls.insert(url, source);
            }
        }
    }

    /// Every file Jekyll writes, as the path it is served at (`/a/index.html` for `/a/`).
    pub fn published(&self) -> Vec<String> {
        let mut out: Vec<String> = self.urls.keys().map(|u| output_file(u)).collect();
        out.extend(self.statics.keys().cloned());
        out.sort();
        out.dedup();
        out
    }

    /// The source paths of every file of the site (pages included), in no order.
    pub fn file_paths(&self) -> impl Iterator<Item = &str> {
        self.files.iter().map(|f| &**f)
    }

    /// The files of the site (pages included) whose source path `keep` accepts, in the
    /// order of their paths.
    pub fn files_where(&self, keep: impl Fn(&str) -> bool) -> Vec<Arc<str>> {
        let mut files: Vec<Arc<str>> = self.files.iter().filter(|f| keep(f)).cloned().collect();
        files.sort_unstable();
        files
    }

    /// The pages linted in this run, in the order they were given.
    pub fn pages(&self) -> &[Box<PageFacts>] {
        &self.pages
    }

    /// Every Liquid tag the site can use ([`super::SiteLiquid::known_tags`]), made once.
    pub fn known_tags(&self) -> Option<&[String]> {
        self.known_tags
            .get_or_init(|| self.liquid.known_tags())
            .as_deref()
    }

    /// The ids of the page at `source`: `None` when unknown (not linted in this run, or a
    /// heading built with Liquid) or when no link asks for them (dropped or never given
    /// back, see [`SiteIndex::drop_unasked_ids`]).
    pub fn ids(&self, source: &str) -> Option<&crate::slug::PageIds> {
        self.by_source
            .get(source)
            .and_then(|&i| self.pages[i].ids.as_deref())
    }

    /// Add a page that was not linted in this run (so it has no facts) by what Jekyll
    /// publishes for it.
    pub fn add_page(&mut self, site_path: &str, mut published: Publication) {
        let url: Option<Arc<str>> = published.url.take().map(Into::into);
        let source = match self.files.get(site_path) {
            Some(source) => source.clone(),
            None => Arc::from(site_path),
        };
        self.add_published(&source, url.as_ref(), &published);
        self.files.insert(source);
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
            url: c.url_of(p, None).map(Into::into),
            document: false,
            published: None,
            own: None,
            ids: Some(Default::default()),
            fragment_links: Box::default(),
            ids_parked: false,
            external: Box::default(),
        };
        let pages = [
            page("faq.md"),
            page("publishing/identify-data.md"),
            page("index.md"),
        ];
        let c = SiteConfig {
            baseurl: "/handbook".into(),
            ..config("pretty")
        };
        let index = SiteIndex::new(
            &c,
            pages.iter().cloned().map(Box::new).collect(),
            ["assets/logo.png".to_string()],
        );
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
        assert_eq!(
            index.resolve(faq, "/handbook/assets/logo.png"),
            Target::File
        );
        // Without the baseurl, the published site has nothing there.
        assert_eq!(
            index.resolve(faq, "/assets/logo.png"),
            Target::WithoutBaseurl {
                path: "assets/logo.png".into()
            }
        );
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
}
