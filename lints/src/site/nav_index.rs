//! The site's just-the-docs navigation, built once from every page's [`NavFacts`]: which
//! page each `parent:` names, the siblings under each parent, and the pages that share an
//! output URL.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use super::nav::{NavConfig, NavFacts};
use super::SiteIndex;

/// The nav data a [`SiteIndex`] keeps: the configuration, the facts of pages not linted in
/// this run, and the navigation built on first use.
#[derive(Debug, Default)]
pub struct NavSite {
    pub(super) config: NavConfig,
    pub(super) others: Vec<(String, NavFacts)>,
    pub(super) built: OnceLock<NavIndex>,
    pub(super) linked: OnceLock<HashSet<String>>,
}

/// A page in the navigation.
#[derive(Debug)]
pub struct NavPage {
    pub site_path: String,
    pub group: String,
    pub title: Option<String>,
    pub parent: Option<String>,
    pub grand_parent: Option<String>,
    pub ancestor: Option<String>,
    pub nav_order: Option<super::NavOrder>,
    pub has_children: bool,
    pub nav_exclude: bool,
}

/// Which page a `parent:` names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Resolved {
    /// No `parent:`: a top-level page of its navigation.
    TopLevel,
    /// The page (an index into [`NavIndex::pages`]).
    Parent(usize),
    /// No page has that title.
    Unknown,
    /// Pages have that title, but none under the `grand_parent` or `ancestor` given.
    Mismatch,
    /// Several pages have that title and nothing decides between them.
    Ambiguous(Vec<usize>),
}

/// The navigation of the whole site.
#[derive(Debug, Default)]
pub struct NavIndex {
    pub config: NavConfig,
    pub pages: Vec<NavPage>,
    /// (group, title) -> pages with that title.
    titles: HashMap<(String, String), Vec<usize>>,
    pub by_path: HashMap<String, usize>,
    /// What each page's `parent:` names.
    pub resolved: Vec<Resolved>,
    /// Pages whose parent resolves to each page.
    pub children: Vec<Vec<usize>>,
    /// The top-level pages of each navigation.
    top: HashMap<String, Vec<usize>>,
    /// URL -> the sources published there, when more than one is.
    pub shared_urls: HashMap<String, Vec<String>>,
}

impl NavIndex {
    pub(super) fn build(index: &SiteIndex) -> NavIndex {
        let mut nav = NavIndex {
            config: index.nav.config.clone(),
            ..NavIndex::default()
        };
        let facts = index
            .pages
            .iter()
            .map(|p| (&p.site_path, &p.nav))
            .chain(index.nav.others.iter().map(|(p, f)| (p, f)));
        for (path, f) in facts {
            let Some(group) = &f.group else { continue };
            let value = |t: &Option<super::NavText>| t.as_ref().map(|t| t.value.clone());
            let i = nav.pages.len();
            if let Some(t) = &f.title {
                nav.titles
                    .entry((group.clone(), t.value.clone()))
                    .or_default()
                    .push(i);
            }
            nav.by_path.insert(path.clone(), i);
            nav.pages.push(NavPage {
                site_path: path.clone(),
                group: group.clone(),
                title: value(&f.title),
                parent: value(&f.parent),
                grand_parent: value(&f.grand_parent),
                ancestor: value(&f.ancestor),
                nav_order: f.nav_order.as_ref().map(|(o, _)| o.clone()),
                has_children: f.has_children,
                nav_exclude: f.nav_exclude,
            });
        }
        nav.resolved = (0..nav.pages.len())
            .map(|i| {
                let p = &nav.pages[i];
                nav.resolve(
                    &p.group,
                    p.parent.as_deref(),
                    p.grand_parent.as_deref(),
                    p.ancestor.as_deref(),
                    Some(i),
                    8,
                )
            })
            .collect();
        nav.children = vec![Vec::new(); nav.pages.len()];
        for (i, r) in nav.resolved.iter().enumerate() {
            match r {
                Resolved::Parent(p) => nav.children[*p].push(i),
                Resolved::TopLevel => {
                    let group = nav.pages[i].group.clone();
                    nav.top.entry(group).or_default().push(i);
                }
                _ => {}
            }
        }
        let mut by_url: HashMap<&str, Vec<&str>> = HashMap::new();
        for (source, url) in &index.sources {
            by_url.entry(url).or_default().push(source);
        }
        for (url, mut sources) in by_url {
            if sources.len() > 1 {
                sources.sort_unstable();
                nav.shared_urls.insert(
                    url.to_string(),
                    sources.into_iter().map(String::from).collect(),
                );
            }
        }
        nav
    }

    /// The pages of `group` titled `title` (exactly, as just-the-docs compares).
    pub fn titled(&self, group: &str, title: &str) -> &[usize] {
        self.titles
            .get(&(group.to_string(), title.to_string()))
            .map_or(&[], Vec::as_slice)
    }

    /// The titles of `group`, for a "did you mean".
    pub fn titles_of<'a>(&'a self, group: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.titles
            .keys()
            .filter(move |(g, _)| g == group)
            .map(|(_, t)| t.as_str())
    }

    /// Which page `parent` names for a page of `group` (itself `own`, left out), with its
    /// `grand_parent` and `ancestor`; `depth` bounds the ancestors followed.
    pub fn resolve(
        &self,
        group: &str,
        parent: Option<&str>,
        grand_parent: Option<&str>,
        ancestor: Option<&str>,
        own: Option<usize>,
        depth: usize,
    ) -> Resolved {
        let Some(parent) = parent else {
            return Resolved::TopLevel;
        };
        let mut found: Vec<usize> = self
            .titled(group, parent)
            .iter()
            .copied()
            .filter(|&c| Some(c) != own)
            .collect();
        if found.is_empty() {
            return Resolved::Unknown;
        }
        if let Some(g) = grand_parent {
            found.retain(|&c| self.pages[c].parent.as_deref() == Some(g));
        }
        if let Some(a) = ancestor {
            found.retain(|&c| self.has_ancestor(c, a, depth));
        }
        match found.len() {
            0 => Resolved::Mismatch,
            1 => Resolved::Parent(found[0]),
            _ => Resolved::Ambiguous(found),
        }
    }

    /// Which page the `parent:` of the page `site_path` with the facts `facts` names (the
    /// facts as they are now, in the fix loop).
    pub fn resolve_facts(&self, site_path: &str, facts: &NavFacts) -> Resolved {
        fn text(t: &Option<super::NavText>) -> Option<&str> {
            t.as_ref().map(|t| t.value.as_str())
        }
        let Some(group) = &facts.group else {
            return Resolved::TopLevel;
        };
        self.resolve(
            group,
            text(&facts.parent),
            text(&facts.grand_parent),
            text(&facts.ancestor),
            self.by_path.get(site_path).copied(),
            8,
        )
    }

    /// Whether a page above `page` is titled `title`.
    fn has_ancestor(&self, page: usize, title: &str, depth: usize) -> bool {
        let p = &self.pages[page];
        if depth == 0 || p.parent.is_none() {
            return false;
        }
        if p.parent.as_deref() == Some(title) || p.grand_parent.as_deref() == Some(title) {
            return true;
        }
        match self.resolve(
            &p.group,
            p.parent.as_deref(),
            p.grand_parent.as_deref(),
            p.ancestor.as_deref(),
            Some(page),
            depth - 1,
        ) {
            Resolved::Parent(up) => self.has_ancestor(up, title, depth - 1),
            _ => false,
        }
    }

    /// The pages listed beside `page` under the same parent (itself left out).
    pub fn siblings(&self, page: usize) -> Vec<usize> {
        let listed: &[usize] = match &self.resolved[page] {
            Resolved::Parent(p) => &self.children[*p],
            Resolved::TopLevel => self
                .top
                .get(&self.pages[page].group)
                .map_or(&[], Vec::as_slice),
            _ => &[],
        };
        listed
            .iter()
            .copied()
            .filter(|&c| c != page && !self.pages[c].nav_exclude)
            .collect()
    }

    /// The pages of a cycle of parents through `page` (itself first), when there is one.
    pub fn cycle(&self, page: usize) -> Option<Vec<usize>> {
        let mut path = vec![page];
        let mut at = page;
        while let Resolved::Parent(up) = self.resolved[at] {
            if up == page {
                return Some(path);
            }
            if path.contains(&up) || path.len() > self.pages.len() {
                return None;
            }
            path.push(up);
            at = up;
        }
        None
    }
}

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

    /// Whether every page of the site was linted in this run (none was added by
    /// [`SiteIndex::add_nav`]).
    pub fn every_page_linted(&self) -> bool {
        self.nav.others.is_empty()
    }

    /// The source paths of the pages some page of this run links to.
    pub fn linked_pages(&self) -> &HashSet<String> {
        self.nav.linked.get_or_init(|| {
            let mut linked = HashSet::new();
            for page in &self.pages {
                for link in &page.links {
                    if let super::Target::Page(source) = self.resolve(page, &link.url) {
                        linked.insert(source);
                    }
                }
            }
            linked
        })
    }
}
