//! Which pages just-the-docs lists: a page is shown only where every page above it is shown
//! and lists its children.

use super::{NavIndex, Resolved};

/// How many parents up a page's place is followed; a longer chain (a cycle) is not shown.
const DEPTH: usize = 64;

impl NavIndex {
    /// Whether the parent of `page` lists none of its children: `has_children: false`.
    pub fn hidden_by_parent(&self, page: usize) -> bool {
        matches!(self.resolved[page], Resolved::Parent(p) if self.pages[p].hides_children)
    }

    /// Whether `page` is in the sidebar: it has a title and no `nav_exclude`, its parent
    /// resolves, and each page above it is in the sidebar and lists its children. A parent
    /// lists them unless it sets `has_children: false`; before just-the-docs 0.10, only
    /// when it sets `has_children: true`.
    pub fn in_sidebar(&self, page: usize) -> bool {
        let old = self.config.version.is_some_and(|v| v < (0, 10, 0));
        let mut at = page;
        for _ in 0..DEPTH {
            let p = &self.pages[at];
            if p.title.is_none() || p.nav_exclude {
                return false;
            }
            match self.resolved[at] {
                Resolved::TopLevel => return true,
                Resolved::Parent(up) => {
                    let parent = &self.pages[up];
                    if parent.hides_children || (old && !parent.has_children) {
                        return false;
                    }
                    at = up;
                }
                _ => return false,
            }
        }
        false
    }
}
