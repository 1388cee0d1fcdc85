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
            if self.sources.contains_key(source.as_str()) {
                return if self.by_source.contains_key(source.as_str()) {
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
    /// `output_file` names each URL's file.
    pub(super) fn page_at(&self, file: &str) -> Option<&std::sync::Arc<str>> {
        let folder = file.strip_suffix("index.html").filter(|u| u.ends_with('/'));
        let named = file.strip_suffix(".html").filter(|u| {
            !u.ends_with('/') && !u.rsplit('/').next().is_some_and(|n| n.contains('.'))
        });
        let itself = file.rsplit('/').next().is_some_and(|n| n.contains('.'));
        [folder, named, itself.then_some(file)]
            .into_iter()
            .flatten()
            .find_map(|u| self.urls.get(u))
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
            if let Some(source) = self.page_at(&file) {
                return Some(if self.by_source.contains_key(source) {
                    Target::Page(source.to_string())
                } else {
                    Target::File
                });
            }
            if self.statics.contains_key(&file) {
                return Some(Target::File);
            }
        }
        None
    }
}
