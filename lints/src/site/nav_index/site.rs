//! The navigation as the site index keeps it.

use std::collections::HashSet;
use std::sync::OnceLock;

use super::super::{NavFacts, SiteIndex};
use super::NavIndex;

impl SiteIndex {
    /// The site's just-the-docs navigation.
    pub fn nav(&self) -> &NavIndex {
        self.nav.built.get_or_init(|| NavIndex::build(self))
    }

    /// Add the nav facts of a page not linted in this run.
    pub fn add_nav(&mut self, site_path: &str, facts: NavFacts) {
        self.nav.others.push((site_path.to_string(), facts));
        self.nav.built = OnceLock::new();
    }

    /// Add the nav facts of an HTML page: in the navigation, but not a page the linter
    /// lints, so [`SiteIndex::every_page_linted`] still speaks of the Markdown pages.
    pub fn add_html_nav(&mut self, site_path: &str, facts: NavFacts) {
        self.nav.html.push((site_path.to_string(), facts));
        self.nav.built = OnceLock::new();
    }

    /// Whether every Markdown page of the site was linted in this run (none was added by
    /// [`SiteIndex::add_nav`]).
    pub fn every_page_linted(&self) -> bool {
        self.nav.others.is_empty()
    }

    /// The source paths of the pages some page of this run links to; `None` when a page's
    /// links were parked until its own site pass (not on a just-the-docs site, see
    /// [`crate::engine::Page::park`]).
    pub fn linked_pages(&self) -> Option<&HashSet<String>> {
        self.nav
            .linked
            .get_or_init(|| {
                let mut linked = HashSet::new();
                for page in &self.pages {
                    for link in &page.own.as_deref()?.links {
                        if let crate::site::Target::Page(source) = self.resolve(page, link.url) {
                            linked.insert(source);
                        }
                    }
                }
                Some(linked)
            })
            .as_ref()
    }
}
