//! The site pass of a run: each site indexed from its pages' facts (and the pages the run did
//! not lint), the external links checked online once each, and the findings in each site's
//! `_config.yml`.

use std::sync::{Arc, Mutex};

use handbook_lints::engine::{self, RuleSet, Site};
use handbook_lints::Applicability;

use super::store::Spill;
use super::{isolate, ExternalCheck, FileError, FileReport, Outcome, Slot};
use crate::codec::Reader;
use crate::discover::SourceFile;

/// The site pass: index each site and check the external links once each when asked; each
/// page is then finished with its site lints ([`SitePass`]). Returns the pass, the notes for
/// the terminal and the findings in each site's `_config.yml`.
pub(super) fn site_pass(
    files: &[SourceFile],
    rules: &[Arc<RuleSet>],
    slots: &mut [Slot],
    stored: &Mutex<Spill>,
    external: ExternalCheck<'_>,
    fix: Option<Applicability>,
) -> (Option<SitePass>, Vec<String>, Vec<FileReport>) {
    // Group the files by site (the same `Arc<Site>`).
    let mut groups: Vec<&Arc<crate::discover::Site>> = Vec::new();
    let group_of: Vec<usize> = files
        .iter()
        .map(
            |f| match groups.iter().position(|s| Arc::ptr_eq(s, &f.site)) {
                Some(g) => g,
                None => {
                    groups.push(&f.site);
                    groups.len() - 1
                }
            },
        )
        .collect();
    let mut sites = Vec::with_capacity(groups.len());
    // Whether each site's `_config.yml` is reported: when the whole site was asked for (its
    // folder walked), or every page of it was linted; not for a page named alone.
    let mut whole = vec![false; groups.len()];
    // Where each file's page is: (site, place in its index).
    let mut at: Vec<Option<(u32, u32)>> = vec![None; files.len()];
    for (g, dir) in groups.iter().enumerate() {
        // The site's files given to lint that bring no facts (not read, or with no site
        // lint) are still files of the site, listed with those a walk of it did not lint.
        for (i, slot) in slots.iter_mut().enumerate() {
            if group_of[i] == g && !slot.waiting().is_some_and(|w| w.has_facts()) {
                dir.not_linted(&files[i].path);
            }
        }
        let built = isolate(|| {
            let pages = slots
                .iter_mut()
                .enumerate()
                .filter(|(i, _)| group_of[*i] == g)
                .filter_map(|(i, slot)| Some((i, slot.waiting()?)));
            // The site's list of its other files (in one string) read into the index, which
            // keeps a page's path as its facts do, and freed once the index is built.
            let mut site = Site::build(&dir.config, dir.take_files().iter(), pages);
            let heading = dir.config.plugin("jekyll-titles-from-headings");
            // A folder that is not a Jekyll site: its other pages matter only as the targets
            // of the linted pages' links, so one page named in a folder of thousands reads
            // only those it links to (all of them when a link may be to a `permalink`).
            let whole = !dir.reads_only_linked_pages();
            let linked = (!whole).then(|| site.linked_unlinted_pages()).flatten();
            let others = linked.unwrap_or_else(|| site.unlinted_pages());
            for path in others {
                // Only the front matter: a page's URL comes from it, and a site of many pages
                // is then read in a fraction of the time and memory (and the first heading,
                // a title when jekyll-titles-from-headings gives one).
                if let Some(head) = crate::read::read_front_matter(&dir.root.join(&*path), heading)
                {
                    site.add_unlinted_page(&path, &head);
                }
            }
            let html = if whole { site.html_pages() } else { Vec::new() };
            for path in html {
                if let Some(head) = crate::read::read_front_matter(&dir.root.join(&*path), false) {
                    site.add_html_page(&path, &head);
                }
            }
            // The ids a link asks for, of the pages that parked them in the store.
            for k in site.settle(fix) {
                let i = site.owners()[k];
                let loc = slots[i].loc();
                let mut spill = stored.lock().unwrap_or_else(|p| p.into_inner());
                let read = loc
                    .ok_or_else(|| std::io::Error::other("parked ids not in the store"))
                    .and_then(|loc| spill.get(loc))
                    .and_then(|record| site.give_ids(k, &mut Reader(&record)));
                // The whole site fails: without these ids, other pages' fragment links
                // would silently go unchecked.
                if let Err(e) = read {
                    return Err(FileError::new(format!(
                        "cannot read the heading ids back: {e}"
                    )));
                }
            }
            Ok(site)
        })
        .and_then(|built| built);
        let site = match built {
            Ok(site) => site,
            Err(e) => {
                // The site could not be indexed: its pages are reported as not linted.
                for (i, slot) in slots.iter_mut().enumerate() {
                    if group_of[i] == g && !matches!(slot, Slot::Failed(_)) {
                        *slot = Slot::failed(FileError::new(format!(
                            "its site could not be indexed: {}",
                            e.message
                        )));
                    }
                }
                continue;
            }
        };
        for (k, &i) in site.owners().iter().enumerate() {
            at[i] = Some((sites.len() as u32, k as u32));
        }
        whole[g] = dir.walked_whole() || site.every_page_linted();
        sites.push(site);
    }
    let config_reports = groups
        .iter()
        .enumerate()
        .filter(|&(g, _)| whole[g])
        .filter_map(|(g, dir)| {
            let first = group_of.iter().position(|&x| x == g)?;
            config_report(&files[first], dir, &rules[first])
        })
        .collect();
    let mut notes = Vec::new();
    let checked = match external {
        ExternalCheck::Online(settings) => {
            let urls = engine::external_urls(&sites);
            if urls.is_empty() {
                None
            } else {
                let report = crate::links::check(&urls, settings);
                notes.extend(report.network_down.clone());
                notes.extend(
                    report
                        .cache_error
                        .as_ref()
                        .map(|e| format!("the link cache was not saved: {e}")),
                );
                // Network down: nothing was checked, so as offline, suppressions of the
                // external-link lints are not judged.
                report.network_down.is_none().then_some(report)
            }
        }
        ExternalCheck::Off => None,
    };
    let pass = SitePass { sites, at, checked };
    (Some(pass), notes, config_reports)
}

/// What finishing each page needs of the site pass: each site's index, where each file's
/// page is in it, and the online checker's verdicts.
pub(super) struct SitePass {
    pub sites: Vec<Site>,
    /// For each file, its page's (site, place in its index); kept as long as the pages are,
    /// so in 12 bytes a file, not 24 (no run has four billion files).
    pub at: Vec<Option<(u32, u32)>>,
    pub checked: Option<crate::links::Report>,
}

/// The findings of the site lints in the `_config.yml` of `dir` (the site of `file`, linted
/// with `rules`), when there are any.
fn config_report(
    file: &SourceFile,
    dir: &crate::discover::Site,
    rules: &RuleSet,
) -> Option<FileReport> {
    let text = std::fs::read_to_string(dir.root.join("_config.yml")).ok()?;
    let diagnostics = engine::lint_config(&text, rules);
    if diagnostics.is_empty() {
        return None;
    }
    // Shown as the site's pages are: `file`'s display with its site path replaced.
    let site_path = dir.site_path(&file.path);
    let prefix = file
        .display()
        .strip_suffix(site_path.as_str())
        .unwrap_or_default();
    Some(FileReport {
        display: format!("{prefix}_config.yml"),
        outcome: Outcome::Checked {
            diagnostics,
            text: Some(text),
            excerpt: None,
            fixed: 0,
            diff: None,
            unconverged: Vec::new(),
        },
    })
}
