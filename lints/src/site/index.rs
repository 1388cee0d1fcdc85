//! The site index: every page's output URL and every file of the site, built from the
//! pages' facts, and how a link resolves against it (as Jekyll and a browser do), with the
//! nearest page for a "did you mean".

use std::sync::Arc;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use super::table::FileTable;
use super::{PageFacts, Publication, SiteConfig};

/// Every page's URL and every file of the site. A page's source path and URL are kept once
/// (`Arc<str>`), in one record each of [`FileTable`].
#[derive(Debug, Default)]
pub struct SiteIndex {
    pub baseurl: String,
    /// The site's `url` (`""` when unset), for `hardcoded-site-url`.
    pub site_url: String,
    /// Every file of the site (pages and other files), the URL each page, post or document
    /// is published at, and the place of the facts of each page linted in this run.
    pub(super) table: FileTable,
    /// The output files two URLs are written to (`/a/` and `/a/index.html`) -> the place in
    /// `table` of the last page added there, which Jekyll writes last (see `page_at`);
    /// empty on almost every site.
    pub(super) shared_files: HashMap<String, u32>,
    /// Every other file Jekyll writes (static files, Markdown copies, redirect pages): only
    /// whether one is there is asked.
    pub(super) statics: HashSet<Box<str>>,
    /// Whether jekyll-relative-links rewrites links to source files, and in documents too.
    pub(super) relative_links: (bool, bool),
    /// The facts of the pages linted in this run, in the boxes the pages kept them in (not
    /// moved into one block, which would hold them twice while it is filled).
    #[allow(clippy::vec_box)]
    pub(super) pages: Vec<Box<PageFacts>>,
    /// READMEs waiting for [`SiteIndex::settle_readmes`]: (folder URL, place in `table`).
    readmes: Vec<(String, u32)>,
    /// What the site gives Liquid: theme, plugins, `_plugins` tags.
    pub liquid: super::SiteLiquid,
    /// For `nearest` on a large site: the places of the URLs in `table`, by the top folder
    /// of the URL or of its source path.
    pub(super) by_top: std::sync::OnceLock<HashMap<String, Vec<u32>>>,
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
        self.table.find(source).is_some()
    }
}

impl SiteIndex {
    /// `files` are all files of the site (source paths, `/` separators), pages included.
    pub fn new(
        config: &SiteConfig,
        pages: Vec<Box<PageFacts>>,
        files: impl IntoIterator<Item = impl AsRef<str> + Into<Arc<str>>>,
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
        let files = files.into_iter();
        // Room for both: a walk of a whole site lists only the files it does not lint.
        index.table = FileTable::with_capacity(files.size_hint().0 + pages.len());
        // A page's source path is kept once, in its facts: the table shares it. Of a page
        // given twice, the later facts are the page's.
        for (k, p) in pages.iter().enumerate() {
            let f = index.table.add(p.site_path.clone());
            index.table.set_page(f, k);
        }
        // Every Markdown file may be a page with a URL.
        let mut markdown = 0;
        for f in files {
            let md = is_markdown(f.as_ref());
            let url = (!md).then(|| config.static_url(f.as_ref())).flatten();
            if index.table.find(f.as_ref()).is_none() {
                markdown += usize::from(md);
                index.table.add(f);
            }
            if let Some(url) = url {
                index.statics.insert(output_file(&url).into());
            }
        }
        index.table.reserve_urls(pages.len() + markdown);
        if config.plugin("jekyll-redirect-from") {
            index.statics.insert("/redirects.json".into());
        }
        for p in &pages {
            let none = Publication::default();
            let published = p.published.as_deref().unwrap_or(&none);
            let f = index
                .table
                .find(&p.site_path)
                .expect("every page was added above");
            index.add_published(f, p.url.as_ref(), published);
        }
        index.pages = pages;
        index
    }

    /// Add what Jekyll publishes for one Markdown file, at place `f` in the table.
    fn add_published(&mut self, f: u32, url: Option<&Arc<str>>, p: &Publication) {
        if let Some(url) = url {
            self.note_shared_file(url, f);
            self.table.publish(f, url.clone());
        }
        for url in p.copy.iter().chain(&p.redirects) {
            self.statics.insert(output_file(url).into());
        }
        if let Some(readme) = &p.readme {
            self.readmes.push((readme.clone(), f));
        }
        self.by_top = std::sync::OnceLock::new();
    }

    /// The READMEs that jekyll-readme-index makes their folder's index, once every page is
    /// known: only where the folder has no index of its own.
    pub fn settle_readmes(&mut self) {
        for (url, f) in std::mem::take(&mut self.readmes) {
            let taken = ["", "index.html", "index.htm", "index.xhtml", "index.xml"]
                .iter()
                .any(|i| {
                    let u = output_file(&format!("{url}{i}"));
                    self.page_at(&u).is_some() || self.statics.contains(u.as_str())
                });
            if !taken {
                self.note_shared_file(&url, f);
                self.table.publish(f, Arc::from(url));
                self.by_top = std::sync::OnceLock::new();
            }
        }
    }

    /// Every file Jekyll writes, as the path it is served at (`/a/index.html` for `/a/`).
    pub fn published(&self) -> Vec<String> {
        let urls = self.table.urls().iter().map(|u| output_file(&u.url));
        let mut out: Vec<String> = urls.collect();
        out.extend(self.statics.iter().map(|s| s.to_string()));
        out.sort();
        out.dedup();
        out
    }

    /// The source paths of every file of the site (pages included), in no order.
    pub fn file_paths(&self) -> impl Iterator<Item = &str> {
        self.table.files().iter().map(|f| &*f.source)
    }

    /// The files of the site (pages included) whose source path `keep` accepts, in the
    /// order of their paths.
    pub fn files_where(&self, keep: impl Fn(&str) -> bool) -> Vec<Arc<str>> {
        self.sorted_paths(self.table.files().iter().filter(|f| keep(&f.source)))
    }

    /// [`SiteIndex::files_where`], of the files not linted in this run (with no facts).
    pub fn unlinted_files_where(&self, keep: impl Fn(&str) -> bool) -> Vec<Arc<str>> {
        let files = self.table.files().iter();
        self.sorted_paths(files.filter(|f| f.page().is_none() && keep(&f.source)))
    }

    fn sorted_paths<'a>(
        &self,
        files: impl Iterator<Item = &'a super::table::File>,
    ) -> Vec<Arc<str>> {
        let mut files: Vec<Arc<str>> = files.map(|f| f.source.clone()).collect();
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
        let k = self.table.file_at(source)?.page()?;
        self.pages[k].ids.as_deref()
    }

    /// Add a page that was not linted in this run (so it has no facts) by what Jekyll
    /// publishes for it.
    pub fn add_page(&mut self, site_path: &str, mut published: Publication) {
        let url: Option<Arc<str>> = published.url.take().map(Into::into);
        let f = self.table.add(site_path);
        self.add_published(f, url.as_ref(), &published);
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
            ids_parked: false,
            linked: None,
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
