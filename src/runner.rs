//! The tool's part of a run: read every file, map the engine over them in parallel (one
//! failure or panic is one file's), check external links online when the engine's site pass
//! needs them, and write each fixed file once.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Arc;

use handbook_lints::engine::{self, Page, PageRun, RuleSet, Site};
use handbook_lints::external::ExternalResults;
use handbook_lints::{Applicability, Diagnostic, FileInfo};
use rayon::prelude::*;

use crate::discover::SourceFile;
use crate::fix_writer::{unified_diff, write_fixed};
pub use crate::read::{decode, read_text, FileError};

pub mod excerpt;
mod original;
use excerpt::Excerpt;
pub use excerpt::Keep;
use original::{Original, Text};

/// What to do with fixes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Report only.
    Check,
    /// Apply fixes up to `allowed` and write the files (`--fix`).
    Fix { allowed: Applicability },
    /// Compute the fixes and show them as a diff, writing nothing (`--diff`).
    Diff { allowed: Applicability },
}

impl Mode {
    /// Up to which applicability fixes are made; `None` in a check.
    pub fn allowed(self) -> Option<Applicability> {
        match self {
            Mode::Check => None,
            Mode::Fix { allowed } | Mode::Diff { allowed } => Some(allowed),
        }
    }
}

/// What linting one file gave.
#[derive(Debug)]
pub struct FileReport {
    pub display: String,
    pub outcome: Outcome,
}

#[derive(Debug)]
pub enum Outcome {
    /// Linted (and fixed). The text is kept only when there is something to show with it.
    Checked {
        /// What remains after fixing.
        diagnostics: Vec<Diagnostic>,
        text: Option<String>,
        /// In a check of files on disk, what the reporters need of the text instead of it.
        excerpt: Option<Excerpt>,
        /// Findings fixed (or that `--diff` would fix).
        fixed: usize,
        /// `--diff`: the unified diff of the fixes.
        diff: Option<String>,
        /// Lints whose fixes did not settle within the round cap.
        unconverged: Vec<&'static str>,
    },
    /// The file could not be linted.
    Failed(FileError),
}

impl FileReport {
    pub fn diagnostics(&self) -> &[Diagnostic] {
        match &self.outcome {
            Outcome::Checked { diagnostics, .. } => diagnostics,
            Outcome::Failed(_) => &[],
        }
    }
}

/// What the site pass should do with external links.
pub enum ExternalCheck<'a> {
    /// Do not check them (`--offline`, or no external-link lint selected).
    Off,
    /// Check them online with these settings.
    Online(&'a crate::links::Settings),
}

/// One file between reading and reporting.
enum Slot {
    Linted {
        info: FileInfo,
        /// The text as read: what a fixed file must still hold when it is written.
        original: Original,
        page: Page,
    },
    Failed(FileError),
}

/// Lint every file with its rules (`rules[i]` for `files[i]`), run the site pass when any
/// file has site lints, and in the fix modes fix, diff or write each file once. Reports come
/// back in the order of `files`, with notes for the terminal (the network is down, the link
/// cache could not be written); of a file's text they keep what a format reading `keep` needs.
pub fn run(
    files: &[SourceFile],
    rules: &[Arc<RuleSet>],
    mode: Mode,
    external: ExternalCheck<'_>,
    keep: Keep,
) -> (Vec<FileReport>, Vec<String>) {
    let read = |file: &SourceFile| read_text(&file.path);
    lint_all(files, rules, mode, external, read, Some(keep))
}

/// Lint (and in the fix modes, fix) `text` from standard input as the file `file`, with the
/// site pass over the other pages of its site as they are on disk. Nothing is written: in
/// `Mode::Fix` the outcome's text is the fixed text, kept whenever something was fixed; in
/// `Mode::Diff` it has the diff. External links are not checked.
pub fn lint_stdin(file: &SourceFile, text: String, rules: Arc<RuleSet>, mode: Mode) -> Outcome {
    let rules = [rules];
    let text = std::sync::Mutex::new(Some(text));
    let read = |_: &SourceFile| {
        Ok(text
            .lock()
            .map(|mut t| t.take())
            .ok()
            .flatten()
            .unwrap_or_default())
    };
    let (reports, _) = lint_all(
        std::slice::from_ref(file),
        &rules,
        mode,
        ExternalCheck::Off,
        read,
        None,
    );
    // The first report is the file's; findings in `_config.yml` may follow.
    match reports.into_iter().next() {
        Some(report) => report.outcome,
        None => Outcome::Failed(FileError::new("nothing was linted")),
    }
}

/// [`run`], with the text of each file from `read`; files are written (and read again when
/// reported) only when `on_disk` says what to keep of their text.
fn lint_all(
    files: &[SourceFile],
    rules: &[Arc<RuleSet>],
    mode: Mode,
    external: ExternalCheck<'_>,
    read: impl Fn(&SourceFile) -> Result<String, FileError> + Sync,
    on_disk: Option<Keep>,
) -> (Vec<FileReport>, Vec<String>) {
    let write = on_disk.is_some();
    let site = rules.iter().any(|r| r.has_site_lints());
    let fix = mode.allowed();
    // Only a check of files on disk can read a file again (standard input cannot).
    let reread = on_disk.filter(|_| mode == Mode::Check);
    // Offline, the pages keep no external links for the site pass.
    let online = matches!(external, ExternalCheck::Online(_));
    // Each file is read by the thread that lints it: reading, decoding and checking the
    // bytes are a tenth of a run, too much to leave on one thread.
    let mut slots: Vec<Slot> = files
        .par_iter()
        .zip(rules)
        .map(|(file, rules)| {
            let original = match read(file) {
                Ok(text) => text,
                Err(e) => return Slot::Failed(e),
            };
            let info = file_info(file);
            let config = site.then_some(&file.site.config);
            let run = PageRun {
                fix,
                site: config,
                external_links: online,
            };
            match isolate(|| engine::lint_page_with(original, &info, rules, run)) {
                Ok((page, original)) => Slot::Linted {
                    info,
                    original: match reread {
                        Some(keep) => Original::dropped(&original, &page.diagnostics, keep),
                        None => Original::Kept(original),
                    },
                    page,
                },
                Err(e) => Slot::Failed(e),
            }
        })
        .collect();
    let (notes, config_reports) = if site {
        site_pass(files, rules, &mut slots, fix, external)
    } else {
        (Vec::new(), Vec::new())
    };
    let mut reports: Vec<FileReport> = files
        .par_iter()
        .zip(slots)
        .map(|(file, slot)| FileReport {
            display: file.display.clone(),
            outcome: match slot {
                Slot::Linted { original, page, .. } => {
                    match (original.into_text(file, &page, &read), reread) {
                        // Read again for the site pass's findings: only an excerpt is kept.
                        (Ok(Text::Whole(original)), Some(keep)) if !page.diagnostics.is_empty() => {
                            let spans = page.diagnostics.iter().map(|d| (d.span.start, d.span.end));
                            excerpted(Excerpt::new(&original, spans, keep), page)
                        }
                        (Ok(Text::Whole(original)), _) => {
                            outcome(file, original, page, mode, write)
                        }
                        (Ok(Text::Excerpt(excerpt)), _) => excerpted(excerpt, page),
                        (Ok(Text::None), _) => checked(String::new(), page, None),
                        (Err(e), _) => Outcome::Failed(e),
                    }
                }
                Slot::Failed(e) => Outcome::Failed(e),
            },
        })
        .collect();
    reports.extend(config_reports);
    (reports, notes)
}

/// The site pass: index each site, check the external links once each when asked, and
/// finish every page with its site lints. Returns the notes for the terminal and the
/// findings in each site's `_config.yml`.
fn site_pass(
    files: &[SourceFile],
    rules: &[Arc<RuleSet>],
    slots: &mut [Slot],
    fix: Option<Applicability>,
    external: ExternalCheck<'_>,
) -> (Vec<String>, Vec<FileReport>) {
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
    let mut at: Vec<Option<(usize, usize)>> = vec![None; files.len()];
    for (g, dir) in groups.iter().enumerate() {
        let pages = slots
            .iter_mut()
            .enumerate()
            .filter_map(|(i, slot)| match slot {
                Slot::Linted { page, .. } if group_of[i] == g => Some((i, page)),
                _ => None,
            });
        let built = isolate(|| {
            let all_files = dir.all_files();
            let mut site = Site::build(&dir.config, all_files, pages);
            let heading = dir.config.plugin("jekyll-titles-from-headings");
            // A folder that is not a Jekyll site: its other pages matter only as the targets
            // of the linted pages' links, so one page named in a folder of thousands reads
            // only those it links to (all of them when a link may be to a `permalink`).
            let whole = dir.is_jekyll() || dir.walked_whole();
            let linked = (!whole)
                .then(|| site.linked_unlinted_pages(all_files))
                .flatten();
            let others = linked.unwrap_or_else(|| site.unlinted_pages(all_files));
            for path in others {
                // Only the front matter: a page's URL comes from it, and a site of many pages
                // is then read in a fraction of the time and memory (and the first heading,
                // a title when jekyll-titles-from-headings gives one).
                if let Some(head) = crate::read::read_front_matter(&dir.root.join(path), heading) {
                    site.add_unlinted_page(path, &head);
                }
            }
            let html = if whole {
                site.html_pages(all_files)
            } else {
                Vec::new()
            };
            for path in html {
                if let Some(head) = crate::read::read_front_matter(&dir.root.join(path), false) {
                    site.add_html_page(path, &head);
                }
            }
            site.settle();
            site
        });
        let site = match built {
            Ok(site) => site,
            Err(e) => {
                // The site could not be indexed: its pages are reported as not linted.
                for (i, slot) in slots.iter_mut().enumerate() {
                    if group_of[i] == g && matches!(slot, Slot::Linted { .. }) {
                        *slot = Slot::Failed(FileError::new(format!(
                            "its site could not be indexed: {}",
                            e.message
                        )));
                    }
                }
                continue;
            }
        };
        for (k, &i) in site.owners().iter().enumerate() {
            at[i] = Some((sites.len(), k));
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
    let verdicts: Option<&ExternalResults> = checked.as_ref().map(|r| &r.results);
    slots
        .par_iter_mut()
        .zip(at)
        .zip(rules)
        .for_each(|((slot, at), rules)| {
            let (Slot::Linted { info, page, .. }, Some((g, k))) = (&mut *slot, at) else {
                return;
            };
            let done = isolate(|| sites[g].finish_page(k, page, info, rules, fix, verdicts));
            if let Err(e) = done {
                *slot = Slot::Failed(e);
            }
        });
    // A large site's index takes a while to free: the pool does it beside what follows. A
    // pool that is this thread alone (one file) would never run the job: freed here.
    if rayon::current_num_threads() > 1 {
        rayon::spawn(move || drop(sites));
    } else {
        drop(sites);
    }
    (notes, config_reports)
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
        .display
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

/// A linted page as the reporters see it; in the fix modes its one write or its diff.
fn outcome(file: &SourceFile, original: String, page: Page, mode: Mode, write: bool) -> Outcome {
    let changed = page.text.as_ref().is_some_and(|t| *t != original);
    let mut diff = None;
    match mode {
        Mode::Fix { .. } if changed && page.fixed > 0 && write => {
            let fixed = page.text.as_deref().unwrap_or_default();
            if let Err(e) = write_fixed(&file.path, &original, fixed) {
                return Outcome::Failed(e);
            }
        }
        Mode::Diff { .. } if changed => {
            let fixed = page.text.as_deref().unwrap_or_default();
            diff = Some(unified_diff(&file.display, &original, fixed));
        }
        _ => {}
    }
    checked(original, page, diff)
}

/// A checked page reported from an excerpt of its text.
fn excerpted(excerpt: Excerpt, page: Page) -> Outcome {
    Outcome::Checked {
        text: None,
        excerpt: Some(excerpt),
        diagnostics: page.diagnostics,
        fixed: page.fixed,
        diff: None,
        unconverged: page.unconverged,
    }
}

fn checked(original: String, page: Page, diff: Option<String>) -> Outcome {
    let changed = page.text.as_ref().is_some_and(|t| *t != original);
    let keep = !page.diagnostics.is_empty() || changed;
    Outcome::Checked {
        text: keep.then(|| page.text.unwrap_or(original)),
        excerpt: None,
        diagnostics: page.diagnostics,
        fixed: page.fixed,
        diff,
        unconverged: page.unconverged,
    }
}

/// Where `file` stands in its site.
pub fn file_info(file: &SourceFile) -> FileInfo {
    let site_path = file.site.site_path(&file.path);
    FileInfo {
        is_page: file.site.config.is_page(&site_path),
        site_path,
    }
}

/// Run `f`; a panic in a lint is reported as a failure of this file, not of the run.
fn isolate<T>(f: impl FnOnce() -> T) -> Result<T, FileError> {
    catch_unwind(AssertUnwindSafe(f)).map_err(|panic| {
        let what = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        FileError::new(format!(
            "internal error while linting (please report it): {what}"
        ))
    })
}
