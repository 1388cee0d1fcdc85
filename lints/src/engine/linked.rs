//! The pages a run's linted pages link to by relative path: all of its other pages that a
//! folder which is not a Jekyll site needs to read (they matter only as link targets), so
//! that one file named in a folder of thousands of pages does not read them all.

use std::collections::HashSet;
use std::sync::Arc;

use super::site::Site;

impl Site {
    /// The pages of the site not linted in this run that a linted page links to by a
    /// relative path (`other.md`, `../guide/`, `setup.html#install`), when every link of
    /// the linted pages to a path of the site names one of its files. `None` when one does
    /// not (a path from the site root, or a page's `permalink` rather than a file): then
    /// only every page's front matter tells where the link goes, and when a linted page's
    /// links were parked (the runner keeps them, `Page::share_links`, where it asks this).
    pub fn linked_unlinted_pages(&self) -> Option<Vec<Arc<str>>> {
        let known: HashSet<&str> = self
            .index()
            .file_paths()
            .flat_map(|f| [key(f), folder_key(f)])
            .collect();
        let mut wanted = HashSet::new();
        for page in self.pages() {
            let dir = page.site_path.rsplit_once('/').map_or("", |(d, _)| d);
            // Parked facts: only every page's front matter tells where the links go.
            let own = page.own.as_deref()?;
            for link in &own.links {
                match relative_target(dir, link.url)? {
                    Some(target) if known.contains(key(&target)) => {
                        wanted.insert(key(&target).to_string());
                    }
                    Some(_) => return None,
                    None => {}
                }
            }
        }
        let pages = self.unlinted_pages().into_iter();
        Some(
            pages
                .filter(|p| wanted.contains(key(p)) || wanted.contains(folder_key(p)))
                .collect(),
        )
    }
}

/// The site path a relative link from folder `dir` points to: `Some(None)` for a link that
/// is not to a path of the site (a URL with a scheme, a fragment alone), `None` for a path
/// that only the site's URLs can resolve (from the site root, or above it).
fn relative_target(dir: &str, url: &str) -> Option<Option<String>> {
    let path = url.split(['#', '?']).next().unwrap_or("");
    if path.is_empty() || path.contains(':') {
        return Some(None);
    }
    if path.starts_with('/') {
        return None;
    }
    let path = crate::site::percent_decode(path);
    let mut parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    Some(Some(parts.join("/")))
}

/// A path without its page extension: a link to `setup`, `setup.html` or `setup.md` is
/// to the page `setup.md`.
fn key(path: &str) -> &str {
    let path = path.trim_end_matches('/');
    for ext in [".md", ".markdown", ".html", ".htm"] {
        if let Some(stem) = path.strip_suffix(ext) {
            return stem;
        }
    }
    path
}

/// The folder of an index or README page (a link to the folder is to that page).
fn folder_key(path: &str) -> &str {
    let (dir, name) = path.rsplit_once('/').unwrap_or(("", path));
    let stem = key(name).to_ascii_lowercase();
    if stem == "index" || stem == "readme" {
        dir
    } else {
        "\u{0}"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_targets_are_resolved_from_the_page_folder() {
        let target =
            |dir: &str, url: &str| relative_target(dir, url).map(|t| t.unwrap_or_default());
        assert_eq!(target("a/b", "../c/d.md#x").as_deref(), Some("a/c/d.md"));
        assert_eq!(target("", "./e%20f.md").as_deref(), Some("e f.md"));
        assert_eq!(target("a", "https://x.org/y.md").as_deref(), Some(""));
        assert_eq!(target("a", "#top").as_deref(), Some(""));
        assert_eq!(target("", "../out.md"), None);
        assert_eq!(target("a", "/abs.md"), None);
        assert_eq!(key("a/setup.html"), "a/setup");
        assert_eq!(folder_key("guide/README.md"), "guide");
    }
}
