//! The site's just-the-docs navigation, built once from every page's [`NavFacts`]: which
//! page each `parent:` names, the siblings under each parent, and the pages that share an
//! output URL.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, OnceLock};

use super::nav::{NavConfig, NavFacts};
use super::SiteIndex;

/// The nav data a [`SiteIndex`] keeps: the configuration, the facts of pages not linted in
/// this run, and the navigation built on first use.
#[derive(Debug, Default)]
pub struct NavSite {
    pub(super) config: NavConfig,
    pub(super) others: Vec<(String, NavFacts)>,
    /// The facts of the HTML pages (never linted; not counted as pages not linted).
    pub(super) html: Vec<(String, NavFacts)>,
    pub(super) built: OnceLock<NavIndex>,
    pub(super) linked: OnceLock<Option<HashSet<String>>>,
}

/// A page in the navigation.
#[derive(Debug)]
pub struct NavPage {
    /// The path of the page's facts (kept once).
    pub site_path: Arc<str>,
    pub group: String,
    pub title: Option<Box<str>>,
    pub parent: Option<Box<str>>,
    pub grand_parent: Option<Box<str>>,
    pub ancestor: Option<Box<str>>,
    pub nav_order: Option<super::NavOrder>,
    pub has_children: bool,
    /// `has_children: false`: the page's children are listed nowhere.
    pub hides_children: bool,
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

/// How far up an `ancestor:` is looked for.
const ANCESTOR_DEPTH: usize = 8;

/// How many pages are resolved within one another at most, while the navigation is built.
const MAX_NEST: usize = 64;

/// A page's parent while the navigation is built.
#[derive(Clone, Debug)]
enum Memo {
    Todo,
    Busy,
    Done(Resolved),
}

/// The navigation of the whole site.
#[derive(Debug, Default)]
pub struct NavIndex {
    pub config: NavConfig,
    pub pages: Vec<NavPage>,
    /// (group, title) -> pages with that title.
    titles: HashMap<(String, String), Vec<usize>>,
    pub by_path: HashMap<Arc<str>, usize>,
    /// What each page's `parent:` names.
    pub resolved: Vec<Resolved>,
    /// Pages whose parent resolves to each page.
    pub children: Vec<Vec<usize>>,
    /// The top-level pages of each navigation.
    top: HashMap<String, Vec<usize>>,
    /// URL -> the sources published there, when more than one is.
    pub shared_urls: HashMap<String, Vec<String>>,
    /// group -> (title lowercased, title) of its pages, sorted, each title once.
    lowered: HashMap<String, Vec<(String, String)>>,
    /// (group, title lowercased and trimmed) -> the titles that read so, sorted.
    folded: HashMap<(String, String), Vec<String>>,
    /// The cycles of parents (each in the order of its parents).
    cycles: Vec<Vec<usize>>,
    /// Page -> (its cycle in `cycles`, its place there), for the pages on a cycle.
    cycle_of: Vec<Option<(usize, usize)>>,
    /// Page -> the pages listed beside it with the same `nav_order` (itself included, by
    /// path), for the pages with a title and an order that are listed.
    same_order: Vec<Option<usize>>,
    /// The groups of `same_order`.
    order_groups: Vec<Vec<usize>>,
    /// (group, wanted) -> the title nearest to it, as found already.
    nearest: Mutex<HashMap<(String, String), Option<String>>>,
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
            // A page whose own facts are parked is in no navigation (`Page::park`).
            .filter_map(|p| Some((p.site_path.clone(), &p.own.as_deref()?.nav)))
            .chain(
                index
                    .nav
                    .others
                    .iter()
                    .map(|(p, f)| (Arc::from(p.as_str()), f)),
            )
            .chain(
                index
                    .nav
                    .html
                    .iter()
                    .map(|(p, f)| (Arc::from(p.as_str()), f)),
            );
        for (path, f) in facts {
            let Some(group) = &f.group else { continue };
            let value = |t: Option<&super::NavText>| t.map(|t| t.value.clone());
            let i = nav.pages.len();
            if let Some(t) = &f.title {
                nav.titles
                    .entry((group.clone(), t.value.to_string()))
                    .or_default()
                    .push(i);
            }
            nav.by_path.insert(path.clone(), i);
            nav.pages.push(NavPage {
                site_path: path,
                group: group.clone(),
                title: value(f.title.as_ref()),
                parent: value(f.parent.as_deref()),
                grand_parent: value(f.grand_parent.as_deref()),
                ancestor: value(f.ancestor.as_deref()),
                nav_order: f.nav_order.as_ref().map(|(o, _)| o.clone()),
                has_children: f.has_children,
                hides_children: f.hides_children,
                nav_exclude: f.nav_exclude,
            });
        }
        nav.resolve_all();
        nav.fold_titles();
        nav.find_cycles();
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
        nav.group_orders();
        // The pages that share a URL, in runs of sorted (URL, source) pairs.
        let by_url = index.table.shared_page_urls();
        for run in by_url.chunk_by(|a, b| a.0 == b.0) {
            nav.shared_urls.insert(
                run[0].0.to_string(),
                run.iter().map(|&(_, s)| s.to_string()).collect(),
            );
        }
        nav
    }

    /// Resolve each page's parent once, remembered: an `ancestor:` looks up the parents of
    /// the candidates, which are resolved (and remembered) on the way.
    fn resolve_all(&mut self) {
        let mut memo = vec![Memo::Todo; self.pages.len()];
        for i in 0..self.pages.len() {
            self.resolve_memo(i, &mut memo, 0);
        }
        self.resolved = memo
            .into_iter()
            .map(|m| match m {
                Memo::Done(r) => r,
                _ => Resolved::Unknown,
            })
            .collect();
    }

    /// The pages of `group` titled `title` (exactly, as just-the-docs compares).
    pub fn titled(&self, group: &str, title: &str) -> &[usize] {
        self.titles
            .get(&(group.to_string(), title.to_string()))
            .map_or(&[], Vec::as_slice)
    }

    /// The titles of each group lowercased, once, for [`NavIndex::same_but_case`] and
    /// [`NavIndex::nearest_title`].
    fn fold_titles(&mut self) {
        for (group, title) in self.titles.keys() {
            let lower = title.to_lowercase();
            self.folded
                .entry((group.clone(), lower.trim().to_string()))
                .or_default()
                .push(title.clone());
            self.lowered
                .entry(group.clone())
                .or_default()
                .push((lower, title.clone()));
        }
        for titles in self.folded.values_mut() {
            titles.sort_unstable();
        }
        for titles in self.lowered.values_mut() {
            titles.sort_unstable();
        }
    }

    /// The titles of `group` that read as `wanted` (lowercased and trimmed) once lowercased
    /// and trimmed, sorted.
    pub fn same_but_case(&self, group: &str, wanted: &str) -> &[String] {
        self.folded
            .get(&(group.to_string(), wanted.to_string()))
            .map_or(&[], Vec::as_slice)
    }

    /// The title of `group` nearest to `wanted` (lowercased) within `limit` edits, for a
    /// "did you mean"; each `wanted` is measured against the titles once.
    pub fn nearest_title(&self, group: &str, wanted: &str, limit: usize) -> Option<String> {
        let key = (group.to_string(), wanted.to_string());
        if let Some(found) = self.nearest.lock().ok().and_then(|m| m.get(&key).cloned()) {
            return found;
        }
        let titles = self.lowered.get(group).map_or(&[][..], Vec::as_slice);
        let near = crate::suggest::closest(wanted, titles.iter().map(|(l, _)| l.as_str()), limit)
            .and_then(|n| titles.iter().find(|(l, _)| l == n))
            .map(|(_, t)| t.clone());
        if let Ok(mut m) = self.nearest.lock() {
            m.insert(key, near.clone());
        }
        near
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
        self.resolve_with(group, parent, grand_parent, ancestor, own, |nav, c, a| {
            nav.has_ancestor(c, a, depth, &mut |nav: &NavIndex, at: usize| {
                nav.resolved.get(at).cloned()
            })
        })
    }

    /// [`NavIndex::resolve`], with `above(nav, candidate, title)` telling whether a page
    /// above the candidate is titled `title`.
    fn resolve_with(
        &self,
        group: &str,
        parent: Option<&str>,
        grand_parent: Option<&str>,
        ancestor: Option<&str>,
        own: Option<usize>,
        mut above: impl FnMut(&NavIndex, usize, &str) -> bool,
    ) -> Resolved {
        #[cfg(test)]
        tests::RESOLVES.with(|n| n.set(n.get() + 1));
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
            found.retain(|&c| above(self, c, a));
        }
        // With neither, a top-level page of that title wins: just-the-docs lists the page
        // under no deeper page of the same title (0.10+; before, a page under a second-level
        // one needed `grand_parent`).
        if grand_parent.is_none() && ancestor.is_none() {
            let top = |c: &usize| self.pages[*c].parent.is_none();
            if found.iter().any(top) {
                found.retain(top);
            }
        }
        match found.len() {
            0 => Resolved::Mismatch,
            1 => Resolved::Parent(found[0]),
            _ => Resolved::Ambiguous(found),
        }
    }

    /// What the page `i`'s `parent:` names, while the navigation is built: each page is
    /// resolved once (`memo`); a page whose parent depends on itself through `ancestor:`
    /// sees itself without a parent. `nest` counts the pages being resolved on the way
    /// (bounded: the stack stays small).
    fn resolve_memo(&self, i: usize, memo: &mut [Memo], nest: usize) -> Option<Resolved> {
        match &memo[i] {
            Memo::Done(r) => return Some(r.clone()),
            Memo::Busy => return None,
            Memo::Todo if nest > MAX_NEST => return None,
            Memo::Todo => {}
        }
        memo[i] = Memo::Busy;
        let p = &self.pages[i];
        let r = self.resolve_with(
            &p.group,
            p.parent.as_deref(),
            p.grand_parent.as_deref(),
            p.ancestor.as_deref(),
            Some(i),
            |nav, c, a| {
                nav.has_ancestor(c, a, ANCESTOR_DEPTH, &mut |nav: &NavIndex, at: usize| {
                    nav.resolve_memo(at, memo, nest + 1)
                })
            },
        );
        memo[i] = Memo::Done(r.clone());
        Some(r)
    }

    /// Which page the `parent:` of the page `site_path` with the facts `facts` names (the
    /// facts as they are now, in the fix loop).
    pub fn resolve_facts(&self, site_path: &str, facts: &NavFacts) -> Resolved {
        fn text(t: &Option<Box<super::NavText>>) -> Option<&str> {
            t.as_deref().map(|t| &*t.value)
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
            ANCESTOR_DEPTH,
        )
    }

    /// Whether a page above `page` (up to `depth` parents) is titled `title`; `resolved`
    /// tells what a page's `parent:` names. Walks up once: O(depth).
    fn has_ancestor(
        &self,
        page: usize,
        title: &str,
        depth: usize,
        resolved: &mut dyn FnMut(&NavIndex, usize) -> Option<Resolved>,
    ) -> bool {
        let mut at = page;
        for _ in 0..depth {
            let p = &self.pages[at];
            if p.parent.is_none() {
                return false;
            }
            if p.parent.as_deref() == Some(title) || p.grand_parent.as_deref() == Some(title) {
                return true;
            }
            match resolved(self, at) {
                Some(Resolved::Parent(up)) => at = up,
                _ => return false,
            }
        }
        false
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
        let (id, at) = (*self.cycle_of.get(page)?)?;
        let cycle = &self.cycles[id];
        Some(cycle[at..].iter().chain(&cycle[..at]).copied().collect())
    }

    /// Find the cycles of parents once: each page is walked up from once (every page has
    /// one parent at most).
    fn find_cycles(&mut self) {
        const NEW: u8 = 0;
        const WALKING: u8 = 1;
        const DONE: u8 = 2;
        let n = self.pages.len();
        let mut state = vec![NEW; n];
        // Place of each page in the walk under way.
        let mut place = vec![0usize; n];
        self.cycle_of = vec![None; n];
        for start in 0..n {
            let mut path = Vec::new();
            let mut at = start;
            while state[at] == NEW {
                state[at] = WALKING;
                place[at] = path.len();
                path.push(at);
                match self.resolved[at] {
                    Resolved::Parent(up) => at = up,
                    _ => break,
                }
            }
            if state[at] == WALKING && matches!(self.resolved[at], Resolved::Parent(_)) {
                let cycle = path[place[at]..].to_vec();
                let id = self.cycles.len();
                for (k, &p) in cycle.iter().enumerate() {
                    self.cycle_of[p] = Some((id, k));
                }
                self.cycles.push(cycle);
            }
            for &p in &path {
                state[p] = DONE;
            }
        }
    }

    /// Group the pages listed with a title and a `nav_order` by their parent and order,
    /// once: [`NavIndex::same_order`].
    fn group_orders(&mut self) {
        let mut groups: HashMap<(Option<usize>, &str, String), usize> = HashMap::new();
        self.same_order = vec![None; self.pages.len()];
        for (i, p) in self.pages.iter().enumerate() {
            if p.title.is_none() || p.nav_exclude {
                continue;
            }
            let order = match &p.nav_order {
                Some(super::NavOrder::Number(n)) if n.is_nan() => continue,
                // 0.0 and -0.0 are the same order.
                Some(super::NavOrder::Number(n)) => format!("n{}", (n + 0.0).to_bits()),
                Some(super::NavOrder::Text(t)) => format!("t{t}"),
                None => continue,
            };
            let under = match self.resolved[i] {
                Resolved::Parent(up) => Some(up),
                Resolved::TopLevel => None,
                _ => continue,
            };
            let next = self.order_groups.len();
            let g = *groups.entry((under, &p.group, order)).or_insert(next);
            if g == next {
                self.order_groups.push(Vec::new());
            }
            self.order_groups[g].push(i);
            self.same_order[i] = Some(g);
        }
        let pages = &self.pages;
        for g in &mut self.order_groups {
            g.sort_unstable_by(|&a, &b| pages[a].site_path.cmp(&pages[b].site_path));
        }
    }

    /// The pages listed beside `page` (under the same parent) with its `nav_order`, itself
    /// included, by path; empty for a page without a title or an order, or not listed.
    pub fn same_order(&self, page: usize) -> &[usize] {
        match self.same_order.get(page).copied().flatten() {
            Some(g) => &self.order_groups[g],
            None => &[],
        }
    }
}

mod shown;
mod site;

#[cfg(test)]
mod tests;
