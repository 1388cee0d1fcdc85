//! Unit tests of the navigation index.
use super::*;
use std::cell::Cell;

thread_local! {
    /// How many times a parent was resolved.
    pub(super) static RESOLVES: Cell<usize> = const { Cell::new(0) };
}

fn page(title: &str, parent: Option<&str>, ancestor: Option<&str>) -> NavPage {
    NavPage {
        site_path: format!("{title}.md").into(),
        group: String::new(),
        title: Some(title.into()),
        parent: parent.map(Box::from),
        grand_parent: None,
        ancestor: ancestor.map(Box::from),
        nav_order: None,
        has_children: false,
        hides_children: false,
        nav_exclude: false,
    }
}

fn nav_of(pages: Vec<NavPage>) -> NavIndex {
    let mut nav = NavIndex::default();
    for (i, p) in pages.iter().enumerate() {
        let t = p.title.as_deref().unwrap().to_string();
        nav.titles.entry((p.group.clone(), t)).or_default().push(i);
    }
    nav.pages = pages;
    nav.resolve_all();
    nav.fold_titles();
    nav.find_cycles();
    nav
}

/// Pages titled alike, each under that title and an `ancestor:`: each candidate's
/// parents are looked up once, not again for every page that names them (k^8).
#[test]
fn ancestor_resolution_is_bounded() {
    let k = 40;
    let pages = (0..k).map(|_| page("X", Some("X"), Some("Y"))).collect();
    RESOLVES.with(|n| n.set(0));
    let nav = nav_of(pages);
    let resolves = RESOLVES.with(Cell::get);
    assert!(resolves <= 2 * k, "{resolves} resolutions for {k} pages");
    assert!(nav.resolved.iter().all(|r| *r == Resolved::Mismatch));
}

#[test]
fn ancestor_picks_the_page_under_it() {
    let nav = nav_of(vec![
        page("A", None, None),
        page("B", None, None),
        page("S", Some("A"), None),
        page("S", Some("B"), None),
        page("C", Some("S"), Some("B")),
    ]);
    assert_eq!(nav.resolved[4], Resolved::Parent(3));
    assert_eq!(nav.resolved[2], Resolved::Parent(0));
}
