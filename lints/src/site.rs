//! Which files of a Jekyll site are pages.

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
            let known =
                name == "posts" || name == "drafts" || collections.iter().any(|c| c == name);
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

#[cfg(test)]
mod tests {
    use super::is_page;

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
}
