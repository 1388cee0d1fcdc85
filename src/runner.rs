//! The tool's part of a run: read every file, map the engine over them in parallel (one
//! failure or panic is one file's), check external links online when the engine's site pass
//! needs them, and write each fixed file once.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Arc;

use handbook_lints::engine::{self, Page, PageRun, RuleSet, Shelved, Waiting};
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
mod site;
pub mod store;
pub mod totals;
use original::{Original, Text};
use site::site_pass;
pub use store::Reports;
use store::Spill;

/// How many files a run without a site pass lints and reports at once: enough that the
/// threads rarely wait for the last file of a chunk, few enough that what a chunk holds (its
/// files' reports, and in the fix modes their texts) stays small.
const CHUNK: usize = 256;

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

// A run holds one per file until its site pass: most are a shelved page (two words) and
// where its record is (one); the rest are boxed.
#[cfg(target_pointer_width = "64")]
const _: () = assert!(std::mem::size_of::<Slot>() == 24);

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

/// One file between reading and reporting; a run holds one per file until its site pass is
/// done, so it holds no more than it must (where the file stands in its site is worked out
/// again when the site pass needs it).
enum Slot {
    /// Every page of a check of files on disk that its site pass follows: its findings and
    /// its text's fingerprint wait in the store (`Original::Stored`), and of the page only
    /// what its site pass needs is kept.
    Shelved { loc: store::Loc, page: Shelved },
    /// Boxed, so that the many shelved slots are not the size of a page: a page with its text
    /// or findings in memory (the fix modes, standard input, a run without a site pass).
    Linted(Box<Linted>),
    /// Boxed: most runs have no failures, and an error is six words.
    Failed(Box<FileError>),
}

/// A page held whole until its site pass, with what is kept of its text.
struct Linted {
    /// The text as read: what a fixed file must still hold when it is written.
    original: Original,
    page: Page,
}

impl Slot {
    /// `page` linted from `original`, shelved when it can be.
    fn linted(original: Original, page: Page) -> Slot {
        let page = match original {
            Original::Stored { loc } => match page.shelve() {
                Ok(page) => return Slot::Shelved { loc, page },
                Err(page) => page,
            },
            _ => page,
        };
        Slot::Linted(Box::new(Linted { original, page }))
    }

    fn failed(e: FileError) -> Slot {
        Slot::Failed(Box::new(e))
    }

    /// The page, lent to its site's index (none for a file that failed).
    fn waiting(&mut self) -> Option<Waiting<'_>> {
        match self {
            Slot::Shelved { page, .. } => Some(Waiting::from(page)),
            Slot::Linted(linted) => Some(Waiting::from(&mut linted.page)),
            Slot::Failed(_) => None,
        }
    }

    /// Where the file's record is in the store, when it has one ([`Original::loc`]).
    fn loc(&self) -> Option<store::Loc> {
        match self {
            Slot::Shelved { loc, .. } => Some(*loc),
            Slot::Linted(linted) => linted.original.loc(),
            Slot::Failed(_) => None,
        }
    }
}

/// Lint every file with its rules (`rules[i]` for `files[i]`), run the site pass when any
/// file has site lints, and in the fix modes fix, diff or write each file once. Reports come
/// back in the order of `files` (each passed through `filter` first), with notes for the
/// terminal (the network is down, the link cache could not be written); of a file's text
/// they keep what a format reading `keep` needs.
pub fn run(
    files: &[SourceFile],
    rules: &[Arc<RuleSet>],
    mode: Mode,
    external: ExternalCheck<'_>,
    keep: Keep,
    filter: &(dyn Fn(&SourceFile, &mut FileReport) + Sync),
) -> (Reports, Vec<String>) {
    let read = |file: &SourceFile| read_text(&file.path);
    lint_all(files, rules, mode, external, read, Some(keep), filter)
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
        &|_, _| {},
    );
    // The first report is the file's; findings in `_config.yml` may follow.
    let first = reports.each().next();
    match first {
        Some(Ok(report)) => report.outcome,
        Some(Err(e)) => Outcome::Failed(FileError::new(e.to_string())),
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
    filter: &(dyn Fn(&SourceFile, &mut FileReport) + Sync),
) -> (Reports, Vec<String>) {
    let write = on_disk.is_some();
    let site = rules.iter().any(|r| r.has_site_lints());
    let fix = mode.allowed();
    // Only a check of files on disk can read a file again (standard input cannot).
    let reread = on_disk.filter(|_| mode == Mode::Check);
    // Offline, the pages keep no external links for the site pass.
    let online = matches!(external, ExternalCheck::Online(_));
    // In a check of files on disk, each page's findings wait for the site pass in the store,
    // not in memory.
    let stored = std::sync::Mutex::new(Spill::new(store::spill_limit()));
    // Each file is read by the thread that lints it: reading, decoding and checking the
    // bytes are a tenth of a run, too much to leave on one thread. Where a site pass follows,
    // the page's findings wait for it in the store (`store`).
    let lint = |file: &SourceFile,
                rules: &Arc<RuleSet>,
                store: Option<&std::sync::Mutex<Spill>>|
     -> Slot {
        let original = match read(file) {
            Ok(text) => text,
            Err(e) => return Slot::failed(e),
        };
        let info = file_info(file);
        let config = site.then_some(&file.site.config);
        let run = PageRun {
            fix,
            site: config,
            external_links: online,
        };
        match isolate(|| engine::lint_page_with(original, &info, rules, run)) {
            Ok((mut page, original)) => {
                // Its other pages are found through the links of those linted.
                if file.site.reads_only_linked_pages() {
                    page.share_links();
                }
                let original = match reread {
                    Some(keep) => match store {
                        Some(stored) => Original::dropped(&original, &page.diagnostics, keep)
                            .store(&mut page, stored),
                        None => Original::dropped(&original, &page.diagnostics, keep),
                    },
                    None => Original::Kept(original),
                };
                Slot::linted(original, page)
            }
            Err(e) => Slot::failed(e),
        }
    };
    let mut slots: Vec<Slot> = if site {
        files
            .par_iter()
            .zip(rules)
            .map(|(file, rules)| lint(file, rules, Some(&stored)))
            .collect()
    } else {
        Vec::new()
    };
    let (pass, mut notes, config_reports) = if site {
        site_pass(files, rules, &mut slots, &stored, external, fix)
    } else {
        (None, Vec::new(), Vec::new())
    };
    let verdicts: Option<&ExternalResults> = pass
        .as_ref()
        .and_then(|p| p.checked.as_ref())
        .map(|r| &r.results);
    // One file finished: its stored findings given back, its site pass, and its outcome (in
    // the fix modes, its one write or its diff).
    let finish = |i: usize, slot: Slot, record: Option<std::io::Result<Vec<u8>>>| -> Outcome {
        let (original, mut page) = match slot {
            Slot::Shelved { loc, page } => (Original::Stored { loc }, page.into_page()),
            Slot::Linted(linted) => (linted.original, linted.page),
            Slot::Failed(e) => return Outcome::Failed(*e),
        };
        let restored = match record {
            None => Ok(original),
            Some(bytes) => bytes.and_then(|bytes| original.restore(&mut page, &bytes)),
        };
        let original = match restored {
            Ok(original) => original,
            Err(e) => {
                return Outcome::Failed(FileError::new(format!(
                    "its findings could not be read back: {e}"
                )))
            }
        };
        if let Some((pass, Some((g, k)))) = pass.as_ref().map(|p| (p, p.at[i])) {
            let (g, k) = (g as usize, k as usize);
            let info = file_info(&files[i]);
            let done = isolate(|| {
                pass.sites[g].finish_page(k, &mut page, &info, &rules[i], fix, verdicts)
            });
            if let Err(e) = done {
                return Outcome::Failed(e);
            }
        }
        let file = &files[i];
        match (original.into_text(file, &page, &read), reread) {
            // Read again for the site pass's findings: only an excerpt is kept.
            (Ok(Text::Whole(original)), Some(keep)) if !page.diagnostics.is_empty() => {
                let spans = page.diagnostics.iter().map(|d| (d.span.start, d.span.end));
                excerpted(Excerpt::new(&original, spans, keep), page)
            }
            (Ok(Text::Whole(original)), _) => outcome(file, original, page, mode, write),
            (Ok(Text::Excerpt(excerpt)), _) => excerpted(excerpt, page),
            (Ok(Text::None), _) => checked(String::new(), page, None),
            (Err(e), _) => Outcome::Failed(e),
        }
    };
    // Finished, reported and stored a batch of files at a time: what is held of findings at
    // once is a batch's. The reports follow the pages' findings in one store.
    let mut reports = Reports::after(match stored.into_inner() {
        Ok(spill) => spill,
        Err(poisoned) => poisoned.into_inner(),
    });
    let report = |i: usize, slot: Slot, record: Option<std::io::Result<Vec<u8>>>| {
        let mut report = FileReport {
            display: files[i].display().to_string(),
            outcome: finish(i, slot, record),
        };
        filter(&files[i], &mut report);
        (store::encode_report(&report), store::Tally::of(&report))
    };
    if !site {
        // Nothing reads the sites' lists of their files.
        for (i, file) in files.iter().enumerate() {
            if i == 0 || !Arc::ptr_eq(&file.site, &files[i - 1].site) {
                file.site.drop_files();
            }
        }
        // No site pass: each file is finished as soon as it is linted, a chunk of files at a
        // time, so that what a run holds does not grow with the number of files.
        for (c, chunk) in files.chunks(CHUNK).enumerate() {
            let encoded: Vec<(Vec<u8>, store::Tally)> = chunk
                .par_iter()
                .enumerate()
                .map(|(j, file)| {
                    let i = c * CHUNK + j;
                    report(i, lint(file, &rules[i], None), None)
                })
                .collect();
            for (bytes, tally) in encoded {
                reports.push_encoded(&bytes, tally);
            }
        }
    }
    // Each batch's slots are moved out as it is finished (the list itself is freed at the
    // end, as before).
    let mut slots = slots.into_iter();
    let mut first = 0;
    loop {
        let batch: Vec<Slot> = slots.by_ref().take(store::BATCH).collect();
        if batch.is_empty() {
            break;
        }
        // The stored findings of the batch, read in order on this thread.
        let records: Vec<Option<std::io::Result<Vec<u8>>>> = batch
            .iter()
            .map(|slot| slot.loc().map(|loc| reports.record(loc)))
            .collect();
        let at = first;
        first += batch.len();
        let encoded: Vec<(Vec<u8>, store::Tally)> = batch
            .into_par_iter()
            .zip(records)
            .enumerate()
            .map(|(j, (slot, record))| report(at + j, slot, record))
            .collect();
        for (bytes, tally) in encoded {
            reports.push_encoded(&bytes, tally);
        }
    }
    // A large site's index takes a while to free: the pool does it beside what follows. A
    // pool that is this thread alone (one file) would never run the job: freed here.
    if rayon::current_num_threads() > 1 {
        rayon::spawn(move || drop(pass));
    } else {
        drop(pass);
    }
    reports.extend(config_reports);
    notes.extend(reports.spill_note());
    (reports, notes)
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
            diff = Some(unified_diff(file.display(), &original, fixed));
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
