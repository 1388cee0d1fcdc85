//! The files of a site and the URLs its pages are published at, as the site index keeps
//! them: one record for each, found by source path or by URL through hash tables of the
//! records' places (4 bytes an entry, hashing the string the record holds), not maps keyed
//! and valued by shared strings. Every page of a site is in these tables until the site pass
//! ends.

use std::hash::BuildHasher;
use std::sync::Arc;

use hashbrown::HashTable;
use rustc_hash::FxBuildHasher;

/// No place: a file without a URL, or not linted in this run.
const NONE: u32 = u32::MAX;

/// One file of the site.
#[derive(Debug)]
pub(super) struct File {
    /// The source path (a linted page's is the `Arc` of its facts).
    pub(super) source: Arc<str>,
    /// The place in [`FileTable::urls`] of the URL last published for it, or `NONE`.
    url: u32,
    /// The place of its facts in `SiteIndex::pages` when it was linted in this run, or
    /// `NONE`.
    page: u32,
}

impl File {
    /// The place of its facts in `SiteIndex::pages`, when it was linted in this run.
    pub(super) fn page(&self) -> Option<usize> {
        (self.page != NONE).then_some(self.page as usize)
    }

    /// Whether a URL was published for it (a page, post or document).
    pub(super) fn has_url(&self) -> bool {
        self.url != NONE
    }
}

/// One URL a page is published at, and the file published there: of two claiming it, the
/// one added last.
#[derive(Debug)]
pub(super) struct Url {
    pub(super) url: Arc<str>,
    pub(super) file: u32,
}

// One of each for every page of a site, kept until its site pass.
#[cfg(target_pointer_width = "64")]
const _: () = assert!(size_of::<File>() == 24 && size_of::<Url>() == 24);

#[derive(Debug, Default)]
pub(super) struct FileTable {
    files: Vec<File>,
    urls: Vec<Url>,
    /// Places in `files`, by source path.
    by_source: HashTable<u32>,
    /// Places in `urls`, by URL.
    by_url: HashTable<u32>,
}

fn hash(s: &str) -> u64 {
    FxBuildHasher.hash_one(s)
}

/// `i` as a place in a table: a site has fewer than 4 billion files.
fn place(i: usize) -> u32 {
    u32::try_from(i).expect("fewer than 4 billion files in a site")
}

impl FileTable {
    /// A table with room for `files` files: sized once, so that it is not grown (old and
    /// new tables at once) while a site of many pages is indexed.
    pub(super) fn with_capacity(files: usize) -> FileTable {
        FileTable {
            files: Vec::with_capacity(files),
            by_source: HashTable::with_capacity(files),
            ..FileTable::default()
        }
    }

    /// Room for `more` URLs, made once for the same reason.
    pub(super) fn reserve_urls(&mut self, more: usize) {
        self.urls.reserve_exact(more);
        let urls = &self.urls;
        self.by_url.reserve(more, |&u| hash(&urls[u as usize].url));
    }

    /// The place of the file at `source`.
    pub(super) fn find(&self, source: &str) -> Option<u32> {
        self.find_hashed(hash(source), source)
    }

    fn find_hashed(&self, h: u64, source: &str) -> Option<u32> {
        let files = &self.files;
        let found = self
            .by_source
            .find(h, |&f| *files[f as usize].source == *source);
        found.copied()
    }

    /// The file at `source`, when it is one of the site.
    pub(super) fn file_at(&self, source: &str) -> Option<&File> {
        self.find(source).map(|f| self.file(f))
    }

    pub(super) fn file(&self, f: u32) -> &File {
        &self.files[f as usize]
    }

    /// The place of the file at `source`, added when it is new (with `source` made into
    /// the `Arc` kept, so that a page's path is shared with its facts).
    pub(super) fn add<S: AsRef<str> + Into<Arc<str>>>(&mut self, source: S) -> u32 {
        let h = hash(source.as_ref());
        if let Some(f) = self.find_hashed(h, source.as_ref()) {
            return f;
        }
        let f = place(self.files.len());
        self.files.push(File {
            source: source.into(),
            url: NONE,
            page: NONE,
        });
        let files = &self.files;
        self.by_source
            .insert_unique(h, f, |&g| hash(&files[g as usize].source));
        f
    }

    /// The file at place `f` is the page of `SiteIndex::pages` at `page`.
    pub(super) fn set_page(&mut self, f: u32, page: usize) {
        self.files[f as usize].page = place(page);
    }

    /// Publish the file at place `f` at `url`: a later file published there takes the URL
    /// from an earlier one, and a file keeps the URL published for it last (as inserts into
    /// maps from URL to source and from source to URL would).
    pub(super) fn publish(&mut self, f: u32, url: Arc<str>) {
        let h = hash(&url);
        let urls = &self.urls;
        let u = match self.by_url.find(h, |&u| *urls[u as usize].url == *url) {
            Some(&u) => {
                self.urls[u as usize].file = f;
                u
            }
            None => {
                let u = place(self.urls.len());
                self.urls.push(Url { url, file: f });
                let urls = &self.urls;
                self.by_url
                    .insert_unique(h, u, |&v| hash(&urls[v as usize].url));
                u
            }
        };
        self.files[f as usize].url = u;
    }

    /// The file published at `url`.
    pub(super) fn at_url(&self, url: &str) -> Option<&File> {
        let urls = &self.urls;
        let u = self
            .by_url
            .find(hash(url), |&u| *urls[u as usize].url == *url)?;
        Some(self.file(urls[*u as usize].file))
    }

    /// Every file of the site, in the order added.
    pub(super) fn files(&self) -> &[File] {
        &self.files
    }

    /// Every URL published, with the place of its file, in the order first published.
    pub(super) fn urls(&self) -> &[Url] {
        &self.urls
    }

    /// (URL, source path) of the files whose last URL is also another file's, sorted: found
    /// by counting the files at each URL, not by sorting a pair for every page (on a site of
    /// 20,000 pages, a megabyte at the peak of the run for the few URLs that are shared).
    pub(super) fn shared_page_urls(&self) -> Vec<(&str, &str)> {
        let mut count = vec![0u32; self.urls.len()];
        for f in self.files.iter().filter(|f| f.has_url()) {
            count[f.url as usize] += 1;
        }
        let mut shared: Vec<(&str, &str)> = self
            .files
            .iter()
            .filter(|f| f.has_url() && count[f.url as usize] > 1)
            .map(|f| (&*self.urls[f.url as usize].url, &*f.source))
            .collect();
        shared.sort_unstable();
        shared
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// As inserts into maps from URL to source and from source to URL: a URL claimed twice
    /// is the later file's, and a file published twice keeps its later URL.
    #[test]
    fn the_later_claim_wins() {
        let mut table = FileTable::with_capacity(1);
        let (a, b) = (table.add("a.md"), table.add(String::from("b.md")));
        assert_eq!(table.add(Arc::<str>::from("a.md")), a, "added once");
        table.reserve_urls(1);
        table.publish(a, "/x/".into());
        table.publish(b, "/x/".into());
        assert_eq!(table.at_url("/x/").map(|f| &*f.source), Some("b.md"));
        table.publish(a, "/y/".into());
        assert_eq!(table.at_url("/y/").map(|f| &*f.source), Some("a.md"));
        assert_eq!(table.at_url("/x/").map(|f| &*f.source), Some("b.md"));
        assert!(table.shared_page_urls().is_empty(), "a.md moved to /y/");
        let d = table.add("d.md");
        table.publish(d, "/x/".into());
        assert_eq!(table.shared_page_urls(), [("/x/", "b.md"), ("/x/", "d.md")]);
        assert_eq!(table.urls().len(), 2);
        assert!(table.file_at("c.md").is_none() && table.file(a).page().is_none());
        table.set_page(b, 0);
        assert_eq!(table.file_at("b.md").and_then(File::page), Some(0));
    }
}
