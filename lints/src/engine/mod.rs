//! The lint engine: everything a run does between a page's text and its findings, as data in
//! and data out. No files, no network, no threads: the tool reads the files, maps the calls
//! over its threads, checks external links online and writes fixed files.
//!
//! A run, page by page:
//!
//! 1. [`lint_page`] on every page: the page lints, suppression comments, and in the fix modes
//!    the fix loop over the page lints. Without a site pass the page is finished here.
//! 2. [`Site::build`] for each site, from its pages' owned facts; the tool reads the pages
//!    the run did not lint ([`Site::unlinted_pages`]) and hands their text to
//!    [`Site::add_unlinted_page`]. [`external_urls`] says what the online checker must check.
//! 3. [`Site::finish_page`] on every page: the site lints (with the checker's verdicts), their
//!    suppressions, the fix loop continued with page and site fixes together, unused
//!    suppressions and the configured severities.
//!
//! [`lint_site`] does all three on a site held in memory.

mod config_comments;
mod configure;
mod linked;
mod page;
mod rules;
mod site;

pub use page::{
    check_file, check_file_in, lint_page, lint_page_with, skip_parked_ids, Checked, Page, PageRun,
    Shelved, Waiting,
};
pub use rules::RuleSet;
pub use site::{external_urls, lint_config, Site};

use crate::diagnostic::Applicability;
use crate::external::ExternalResults;
use crate::lint::FileInfo;
use crate::site::SiteConfig;

/// Lint (and with `fix`, fix) the pages of one site held in memory: `pages` are the pages
/// to lint with their text, `files` every file of the site (pages included), `others` the
/// text of pages not linted here that give their URLs. Returns the pages in the order given.
pub fn lint_site(
    config: &SiteConfig,
    files: &[String],
    pages: Vec<(FileInfo, String)>,
    others: &[(String, String)],
    rules: &RuleSet,
    fix: Option<Applicability>,
    external: Option<&ExternalResults>,
) -> Vec<Page> {
    let mut linted: Vec<Page> = pages
        .iter()
        .map(|(info, text)| lint_page(text.clone(), info, rules, fix, Some(config)))
        .collect();
    let mut site = Site::build(config, files.iter().cloned(), linted.iter_mut().enumerate());
    for path in site.unlinted_pages() {
        if let Some((_, text)) = others.iter().find(|(p, _)| **p == *path) {
            site.add_unlinted_page(&path, text);
        }
    }
    for path in site.html_pages() {
        if let Some((_, text)) = others.iter().find(|(p, _)| **p == *path) {
            site.add_html_page(&path, text);
        }
    }
    // No page parked its ids: none to give back.
    let _ = site.settle(fix);
    for (k, &i) in site.owners().iter().enumerate() {
        site.finish_page(k, &mut linted[i], &pages[i].0, rules, fix, external);
    }
    linted
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::external::Verdict;

    /// A page fix and a site fix on one page: both made in the one fix loop, the text
    /// returned once, and nothing left to fix.
    #[test]
    fn page_and_site_fixes_settle_in_one_loop() {
        let text = "---\ntitle: T\n---\n[a](http://a.example/x) and [b](c\\d.md)\n";
        let mut verdicts = ExternalResults::new();
        let https = "https://a.example/x".to_string();
        verdicts.insert("http://a.example/x", Verdict::Insecure { https });
        let info = FileInfo {
            site_path: "p.md".into(),
            is_page: true,
        };
        let files = ["p.md".to_string(), "c/d.md".to_string()];
        let pages = lint_site(
            &SiteConfig::default(),
            &files,
            vec![(info, text.to_string())],
            &[],
            &RuleSet::defaults(),
            Some(Applicability::Unsafe),
            Some(&verdicts),
        );
        let page = &pages[0];
        assert_eq!(
            page.text.as_deref(),
            Some("---\ntitle: T\n---\n[a](https://a.example/x) and [b](c/d.md)\n")
        );
        assert_eq!(page.fixed, 2);
        assert!(page.unconverged.is_empty());
        assert!(!page.is_pending());
        assert!(
            page.diagnostics.iter().all(|d| d.fix.is_none()),
            "{:?}",
            page.diagnostics
        );
    }

    /// A page with nothing but its site pass to come is shelved, indexed and finished as a
    /// page; one with findings, or with a text (a fix), is not shelved.
    #[test]
    fn only_a_bare_page_is_shelved() {
        let config = SiteConfig::default();
        let info = FileInfo {
            site_path: "p.md".into(),
            is_page: true,
        };
        let rules = RuleSet::defaults();
        let lint = |text: &str, fix| lint_page(text.into(), &info, &rules, fix, Some(&config));
        let bare = lint("---\ntitle: P\n---\n[r](r.md)\n", None);
        let mut shelved = bare.shelve().expect("a bare page is shelved");
        let files = ["p.md".to_string(), "q.md".to_string()];
        let site = Site::build(&config, files.clone(), [(7, &mut shelved)]);
        assert_eq!(site.owners(), [7]);
        let mut page = shelved.into_page();
        assert!(page.is_pending() && page.text.is_none() && page.fixed == 0);
        assert!(page.diagnostics.is_empty() && page.unconverged.is_empty());
        // Its facts went to the index: its site findings are found.
        site.finish_page(0, &mut page, &info, &rules, None, None);
        assert!(!page.is_pending());
        let codes: Vec<&str> = page.diagnostics.iter().map(|d| d.lint.code).collect();
        assert_eq!(codes, ["HB102"], "{:?}", page.diagnostics);

        let found = lint("# P\n", None);
        let back = found
            .shelve()
            .expect_err("a page with findings is not shelved");
        assert!(!back.diagnostics.is_empty() && back.is_pending());
        let fixed = lint("# P\n", Some(Applicability::Unsafe));
        let back = fixed.shelve().expect_err("a fixed page is not shelved");
        assert!(back.text.is_some() && back.fixed == 1);
    }

    /// The text given comes back unchanged, in a check and in a fix, with the site pass to
    /// follow and without.
    #[test]
    fn lint_page_with_hands_the_text_back() {
        let text = "---\ntitle: T\n---\n[b](c\\d.md) <https://a.example/>\n";
        let info = FileInfo {
            site_path: "p.md".into(),
            is_page: true,
        };
        let config = SiteConfig::default();
        for fix in [None, Some(Applicability::Unsafe)] {
            for site in [None, Some(&config)] {
                let run = PageRun {
                    fix,
                    site,
                    external_links: false,
                };
                let (page, back) = lint_page_with(text.into(), &info, &RuleSet::defaults(), run);
                assert_eq!(back, text);
                assert_eq!(page.text.is_some(), fix.is_some());
                assert_eq!(page.is_pending(), site.is_some());
            }
        }
    }

    /// A page whose own facts were parked as bytes and given back finds what it finds
    /// when they stay in memory; a page whose links are shared keeps them.
    #[test]
    fn parked_facts_find_the_same() {
        let config = SiteConfig::parse("baseurl: /hb\nurl: https://example.org\n").unwrap();
        let files = ["a.md", "b.md", "d.md", "x.png"].map(String::from);
        let texts = [
            "---\ntitle: A\n---\n# A\n\n[b](b.md#nope) [c](c.md) {% link y.md %} \
             {% frobnicate %} {% include gone.html %}\n",
            // Fixes that depend on parked flags: a plain destination on a page that
            // renders Liquid.
            "---\ntitle: B\npermalink: /b/\n---\n# B\n\n[a](a.md#a) [x](x.png) [z](z/) \
             [s](https://example.org/hb/a/) [r](/a.html)\n",
            // Ids no link asks for.
            "# D\n\n## Two\n",
        ];
        let info = |p: &str| FileInfo {
            site_path: p.into(),
            is_page: true,
        };
        let rules = RuleSet::every();
        let whole = lint_site(
            &config,
            &files,
            texts
                .iter()
                .zip(&files)
                .map(|(t, p)| (info(p), t.to_string()))
                .collect(),
            &[],
            &rules,
            None,
            None,
        );
        let mut parked = Vec::new();
        let mut pages: Vec<Page> = texts
            .iter()
            .zip(&files)
            .map(|(t, p)| {
                let mut page = lint_page(t.to_string(), &info(p), &rules, None, Some(&config));
                let mut w = crate::codec::Writer(Vec::new());
                assert!(page.can_park() && page.can_park_ids());
                // As the tool's store writes them: the ids first.
                page.park_ids(&mut w);
                page.park(&mut w);
                assert!(!page.can_park() && !page.can_park_ids());
                parked.push(w.0);
                page
            })
            .collect();
        let mut site = Site::build(&config, files.clone(), pages.iter_mut().enumerate());
        // The ids of a and b are asked for by the other's links; d's by none.
        assert_eq!(site.settle(None), [0, 1]);
        for k in [0, 1] {
            site.give_ids(k, &mut crate::codec::Reader(&parked[k]))
                .unwrap();
        }
        for (k, page) in pages.iter_mut().enumerate() {
            let mut r = crate::codec::Reader(&parked[k]);
            skip_parked_ids(&mut r).unwrap();
            page.unpark(&mut r).unwrap();
            assert!(r.0.is_empty());
            site.finish_page(k, page, &info(&files[k]), &rules, None, None);
        }
        let codes = |pages: &[Page]| -> Vec<(&str, usize, String, bool)> {
            let found = |d: &crate::Diagnostic| {
                (
                    d.lint.code,
                    d.span.start,
                    d.message.clone(),
                    d.fix.is_some(),
                )
            };
            pages
                .iter()
                .flat_map(|p| p.diagnostics.iter().map(found))
                .collect()
        };
        assert_eq!(codes(&pages), codes(&whole));
        // A broken fragment, two missing pages, a missing `{% link %}` file, an unknown
        // tag, a missing include, a hard-coded site URL and a link without the baseurl
        // (both with fixes).
        let found = codes(&whole);
        assert!(found.len() >= 8, "{found:?}");
        assert!(found.iter().filter(|f| f.3).count() >= 2, "{found:?}");
        let mut shared = lint_page(texts[0].into(), &info("a.md"), &rules, None, Some(&config));
        shared.share_links();
        assert!(!shared.can_park());
        let mut w = crate::codec::Writer(Vec::new());
        shared.park(&mut w);
        assert_eq!(w.0, [0]);
    }
}
