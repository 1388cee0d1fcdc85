//! How a link resolves on the published site: rewritten by jekyll-relative-links when it
//! names a source file, otherwise followed by the browser from the page's URL, and served as
//! GitHub Pages serves files (`/a` finds `/a.html` and `/a/index.html`).

use std::borrow::Cow;

use memchr::{memchr, memchr2};

use super::paths::{normalize, parent, percent_decode};
use super::{PageFacts, SiteIndex, Target};

impl SiteIndex {
    /// Resolve `url`, written on the page `from`, the way the published site does: links to
    /// source files rewritten to their URL by jekyll-relative-links when it runs (in pages;
    /// in documents when `relative_links: collections: true`), other paths relative to the
    /// page's URL, site-absolute paths under the `baseurl`, `\` read as `/` as browsers do.
    pub fn resolve(&self, from: &PageFacts, url: &str) -> Target {
        let url: Cow<str> = if memchr(b'\\', url.as_bytes()).is_some() {
            url.replace('\\', "/").into()
        } else {
            url.into()
        };
        let path = memchr2(b'#', b'?', url.as_bytes()).map_or(&*url, |end| &url[..end]);
        if path.is_empty() || super::paths::has_scheme(path) || path.starts_with("//") {
            return Target::NotChecked;
        }
        let path: Cow<str> = if memchr(b'%', path.as_bytes()).is_some() {
            percent_decode(path).into()
        } else {
            path.into()
        };
        let ends_with = |ext: &str| {
            path.len() >= ext.len()
                && path.as_bytes()[path.len() - ext.len()..].eq_ignore_ascii_case(ext.as_bytes())
        };
        let markdown = ends_with(".md") || ends_with(".markdown");
        let (rewrites, in_documents) = self.relative_links;
        if markdown && rewrites && (in_documents || !from.document) {
            let base = if path.starts_with('/') {
                ""
            } else {
                parent(&from.site_path)
            };
            let source = normalize(&format!("{base}/{path}"));
            if let Some(file) = self.table.file_at(&source).filter(|f| f.has_url()) {
                return if file.page().is_some() {
                    Target::Page(source)
                } else {
                    Target::File
                };
            }
            // Not a page: the link stays as written, and may name a copied file.
            return match self.follow(from, &path) {
                Some(Target::Missing { .. }) | None => Target::Missing { path: source },
                Some(t) => t,
            };
        }
        self.follow(from, &path).unwrap_or(Target::NotChecked)
    }

    /// Follow `path` as a browser does from the page `from`: `None` when the page has no
    /// URL to start from.
    fn follow(&self, from: &PageFacts, path: &str) -> Option<Target> {
        let absolute = if let Some(rooted) = path.strip_prefix('/') {
            let base = self.baseurl.trim_start_matches('/');
            let under = rooted
                .strip_prefix(base)
                .filter(|r| base.is_empty() || r.is_empty() || r.starts_with('/'));
            match under {
                Some(r) => normalize(r),
                None => {
                    // Outside the baseurl: nothing of the site is there.
                    let p = normalize(rooted);
                    return Some(match self.find(&p, path.ends_with('/')) {
                        Some(_) => Target::WithoutBaseurl { path: p },
                        None => Target::Missing { path: p },
                    });
                }
            }
        } else {
            let page_url = from
                .url
                .as_deref()
                .or(from.published.as_ref().and_then(|p| p.copy.as_deref()))?;
            let dir = if page_url.ends_with('/') {
                page_url
            } else {
                parent(page_url)
            };
            normalize(&format!("{dir}/{path}"))
        };
        Some(
            self.find(&absolute, path.ends_with('/'))
                .unwrap_or(Target::Missing { path: absolute }),
        )
    }

    /// The source of the page, post or document Jekyll writes at `file` (the URL `/a/` at
    /// `/a/index.html`, `/a` at `/a.html`, `/a.json` at itself): found from the URLs, as
    /// `output_file` names each URL's file; where two URLs are written to one file, the page
    /// added last (as Jekyll writes it last).
    pub(super) fn page_at(&self, file: &str) -> Option<&super::table::File> {
        let folder = file.strip_suffix("index.html").filter(|u| u.ends_with('/'));
        let named = file.strip_suffix(".html").filter(|u| {
            !u.ends_with('/') && !u.rsplit('/').next().is_some_and(|n| n.contains('.'))
        });
        let itself = file.rsplit('/').next().is_some_and(|n| n.contains('.'));
        if let Some(&f) = self.shared_files.get(file) {
            return Some(self.table.file(f));
        }
        [folder, named, itself.then_some(file)]
            .into_iter()
            .flatten()
            .find_map(|u| self.table.at_url(u))
    }

    /// Before `url` is added for the file at place `f`: when a page is written to the same
    /// file already (another URL for it, or the same URL), the page added last is the one
    /// there.
    pub(super) fn note_shared_file(&mut self, url: &str, f: u32) {
        let file = super::index::output_file(url);
        if self.page_at(&file).is_some() {
            self.shared_files.insert(file, f);
        }
    }

    /// `path` is `a/b` (no leading `/`): the file GitHub Pages serves for it, as a page of
    /// the site or another file. `a/b/` (`dir`) serves `a/b/index.html`; `a/b` serves
    /// `a/b`, `a/b.html` or (redirected to `a/b/`) `a/b/index.html`.
    pub(super) fn find(&self, path: &str, dir: bool) -> Option<Target> {
        let mut file = String::with_capacity(path.len() + 12);
        let candidates: &[&str] = match (path.is_empty(), dir) {
            (true, _) => &["index.html"],
            (false, true) => &["/index.html"],
            (false, false) => &["", ".html", "/index.html"],
        };
        for suffix in candidates {
            file.clear();
            file.push('/');
            file.push_str(path);
            file.push_str(suffix);
            if let Some(page) = self.page_at(&file) {
                return Some(if page.page().is_some() {
                    Target::Page(page.source.to_string())
                } else {
                    Target::File
                });
            }
            if self.statics.contains(file.as_str()) {
                return Some(Target::File);
            }
        }
        None
    }

    /// Drop the ids of the pages no linted page links to with a `#fragment` (most pages of
    /// most sites): `broken-link-fragment` asks for no others, and a site of many pages
    /// then keeps no ids for them until its site pass. Only in a check without fixes: a fix
    /// may change where a link leads. Each page's list of such links is dropped either way.
    ///
    /// Returns the pages (places in [`SiteIndex::pages`]) whose ids were parked
    /// (`Page::park_ids`) and that a link asks for: [`SiteIndex::give_ids`] gives them back.
    pub fn drop_unasked_ids(&mut self, keep_all: bool) -> Vec<usize> {
        let mut asked = vec![keep_all; self.pages.len()];
        for (i, page) in self.pages.iter().enumerate() {
            for path in page.fragment_links() {
                if path.is_empty() {
                    asked[i] = true;
                } else if let Target::Page(source) = self.resolve(page, path) {
                    if let Some(k) = self.table.file_at(&source).and_then(|f| f.page()) {
                        asked[k] = true;
                    }
                }
            }
        }
        let mut parked = Vec::new();
        for (k, (page, asked)) in self.pages.iter_mut().zip(asked).enumerate() {
            page.forget_fragment_links();
            if !asked {
                page.ids = None;
                page.ids_parked = false;
            } else if page.ids_parked {
                parked.push(k);
            }
        }
        parked
    }

    /// The parked ids of the `k`-th page, read back (see [`SiteIndex::drop_unasked_ids`]).
    pub fn give_ids(&mut self, k: usize, ids: crate::slug::PageIds) {
        let page = &mut self.pages[k];
        page.ids = Some(Box::new(ids));
        page.ids_parked = false;
    }
}

#[cfg(test)]
mod tests {
    use super::super::index::output_file;
    use super::super::{Publication, SiteConfig};
    use super::*;

    fn index(urls: &[(&str, &str)]) -> SiteIndex {
        let mut index = SiteIndex::new(&SiteConfig::default(), Vec::new(), Vec::<String>::new());
        for (source, url) in urls {
            let published = Publication {
                url: Some(url.to_string()),
                ..Publication::default()
            };
            index.add_page(source, published);
        }
        index
    }

    #[test]
    fn page_at_finds_the_page_written_to_each_file() {
        let urls = [
            "/",
            "/a/",
            "/b",
            "/c.json",
            "/v1.2/page",
            "/v1.2/",
            "/d.e/f.html",
            "/g.h/i",
            "/j/.k",
            "/l/m.n/",
            "/o/index",
            "/p/feed.xml",
        ];
        let sources: Vec<String> = (0..urls.len()).map(|n| format!("s{n}.md")).collect();
        let pairs: Vec<(&str, &str)> = sources.iter().map(String::as_str).zip(urls).collect();
        let index = index(&pairs);
        for (source, url) in pairs {
            let file = output_file(url);
            assert_eq!(
                index.page_at(&file).map(|f| &*f.source),
                Some(source),
                "{url} -> {file}"
            );
        }
        // Files no URL is written to.
        for file in [
            "/b",
            "/v1.2/page",
            "/g.h/i",
            "/o/index",
            "/a/index.htm",
            "/x.html",
        ] {
            assert!(index.page_at(file).is_none(), "{file}");
        }
    }

    /// `/a/` and `/a/index.html` are both written to `/a/index.html`: Jekyll writes its
    /// pages in order, and the one written last is served (checked with Jekyll 4.3).
    #[test]
    fn of_two_urls_written_to_one_file_the_last_page_is_there() {
        for (first, second) in [("/a/", "/a/index.html"), ("/a/index.html", "/a/")] {
            let index = index(&[("one.md", first), ("two.md", second)]);
            let there = index.page_at("/a/index.html").map(|f| &*f.source);
            assert_eq!(there, Some("two.md"));
        }
        let index = index(&[("one.md", "/r.html"), ("two.md", "/r"), ("three.md", "/r")]);
        let there = index.page_at("/r.html").map(|f| &*f.source);
        assert_eq!(there, Some("three.md"));
        assert_eq!(index.published(), ["/r.html"]);
    }

    /// Only the pages a `#fragment` link of a linted page leads to keep their ids: the page
    /// itself for `#x`, the page `b.md#x` resolves to for the others.
    #[test]
    fn a_check_keeps_the_ids_links_ask_for() {
        let config = SiteConfig::for_tests("pretty");
        let facts = |path: &str, text: &str| {
            let doc = crate::document::Document::parse(text.to_string());
            Box::new(PageFacts::from_document(&doc, path, &config))
        };
        let pages = || {
            vec![
                facts(
                    "a.md",
                    "# A\n\n[b](b.md#two) [c](c.md) [out](https://x.org/#y)\n",
                ),
                facts("b.md", "# B\n\n## Two\n"),
                facts("c.md", "# C\n\n[top](#c)\n"),
                facts("d.md", "# D\n"),
            ]
        };
        let kept = |keep_all: bool| {
            let mut index = SiteIndex::new(&config, pages(), Vec::<String>::new());
            assert!(index.drop_unasked_ids(keep_all).is_empty());
            assert!(index.pages().iter().all(|p| p.fragment_links().is_empty()));
            ["a.md", "b.md", "c.md", "d.md"].map(|p| index.ids(p).is_some())
        };
        assert_eq!(kept(false), [false, true, true, false]);
        assert_eq!(kept(true), [true; 4]);
        assert!(pages().iter().all(|p| p.ids.is_some()));
        // Parked ids: the pages asked for are named, to be given back; the others dropped.
        let mut index = SiteIndex::new(&config, pages(), Vec::<String>::new());
        let parked: Vec<_> = index.pages.iter_mut().map(|p| p.ids.take()).collect();
        index.pages.iter_mut().for_each(|p| p.ids_parked = true);
        assert_eq!(index.drop_unasked_ids(false), [1, 2]);
        assert!(index.pages.iter().all(|p| p.ids.is_none()));
        assert_eq!(
            index.pages.iter().map(|p| p.ids_parked).collect::<Vec<_>>(),
            [false, true, true, false]
        );
        index.give_ids(1, *parked[1].clone().unwrap());
        assert!(index.ids("b.md").unwrap().contains("two") && !index.pages[1].ids_parked);
    }
}
