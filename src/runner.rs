//! The parallel runner: one rayon task per file reads, parses and runs every per-file lint.

use std::panic::{catch_unwind, AssertUnwindSafe};

use std::sync::Arc;

use handbook_lints::external::ExternalResults;
use handbook_lints::fix::fix_until_stable_with;
use handbook_lints::front_matter;
use handbook_lints::site_index::{PageFacts, SiteConfig, SiteIndex};
use handbook_lints::{
    site, Applicability, Diagnostic, Document, FileInfo, LintMeta, SiteContext, Suppressions,
};
use rayon::prelude::*;

use crate::config::Rules;
use crate::discover::SourceFile;
use crate::fix_writer::{unified_diff, write_fixed};

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

/// What linting one file gave.
#[derive(Debug)]
pub struct FileReport {
    pub display: String,
    pub outcome: Outcome,
}

/// Why a file could not be linted, and where in it when that is known.
#[derive(Debug)]
pub struct FileError {
    /// 1-based line and column.
    pub at: Option<(usize, usize)>,
    pub message: String,
}

impl FileError {
    pub fn new(message: impl Into<String>) -> Self {
        FileError {
            at: None,
            message: message.into(),
        }
    }

    /// `path:line:col: message`, or `path: message`.
    pub fn render(&self, path: &str) -> String {
        match self.at {
            Some((line, column)) => format!("{path}:{line}:{column}: {}", self.message),
            None => format!("{path}: {}", self.message),
        }
    }
}

// One per file, and nearly all are `Checked`: boxing its fields would buy nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug)]
pub enum Outcome {
    /// Linted (and fixed). The text is kept only when there is something to show with it.
    Checked {
        /// What remains after fixing.
        diagnostics: Vec<Diagnostic>,
        text: Option<String>,
        /// Findings fixed (or that `--diff` would fix).
        fixed: usize,
        /// `--diff`: the unified diff of the fixes.
        diff: Option<String>,
        /// Lints whose fixes did not settle within the round cap.
        unconverged: Vec<&'static str>,
        /// What the site index needs from this page (when site lints run).
        facts: Option<Box<PageFacts>>,
        /// The page's suppression comments, for its site-wide findings.
        suppressions: Suppressions,
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

/// Lint every file in parallel with its rules (`rules[i]` for `files[i]`); reports come back
/// in the order of `files`. When any file runs site lints, each page's facts are kept for the
/// site-wide pass.
pub fn lint_files(files: &[SourceFile], rules: &[Arc<Rules>], mode: Mode) -> Vec<FileReport> {
    let site = rules.iter().any(|r| !r.site_lints.is_empty());
    files
        .par_iter()
        .zip(rules)
        .map(|(file, rules)| FileReport {
            display: file.display.clone(),
            outcome: lint_file(file, rules, mode, site),
        })
        .collect()
}

fn lint_file(file: &SourceFile, rules: &Rules, mode: Mode, site: bool) -> Outcome {
    let text = match read_text(&file.path) {
        Ok(text) => text,
        Err(e) => return Outcome::Failed(e),
    };
    let info = file_info(file);
    let config = site.then_some(&file.site.config);
    let outcome = lint_text(text.clone(), &info, rules, mode, &file.display, config);
    if let (
        Mode::Fix { .. },
        Outcome::Checked {
            text: Some(new),
            fixed,
            ..
        },
    ) = (mode, &outcome)
    {
        if *fixed > 0 && *new != text {
            if let Err(e) = write_fixed(&file.path, &text, new) {
                return Outcome::Failed(e);
            }
        }
    }
    outcome
}

/// The site-wide pass: build each site's index from its pages' facts and every file of the
/// site, run each page's site lints on it, and add what they find to the reports.
pub fn lint_sites(files: &[SourceFile], rules: &[Arc<Rules>], reports: &mut [FileReport]) {
    if rules.iter().all(|r| r.site_lints.is_empty()) {
        return;
    }
    let sites = index_sites(files, reports);
    run_site_lints(&sites, files, rules, reports, None);
}

/// One site's index, and for each of its pages the report it came from.
pub struct IndexedSite {
    pub index: SiteIndex,
    /// `owners[k]` is the index in the reports of `index.pages()[k]`.
    owners: Vec<usize>,
}

/// Build each site's index from its pages' facts (taken out of the reports) and every file of
/// the site.
pub fn index_sites(files: &[SourceFile], reports: &mut [FileReport]) -> Vec<IndexedSite> {
    // Group the files by site (the same `Arc<Site>`).
    let mut sites: Vec<(&std::sync::Arc<crate::discover::Site>, Vec<usize>)> = Vec::new();
    for (i, f) in files.iter().enumerate() {
        match sites
            .iter_mut()
            .find(|(s, _)| std::sync::Arc::ptr_eq(s, &f.site))
        {
            Some((_, members)) => members.push(i),
            None => sites.push((&f.site, vec![i])),
        }
    }
    let mut indexed = Vec::new();
    for (site, members) in sites {
        // The index owns the facts: take them out of the reports.
        let mut owners = Vec::new();
        let mut pages = Vec::new();
        for &i in &members {
            if let Outcome::Checked { facts, .. } = &mut reports[i].outcome {
                if let Some(f) = facts.take() {
                    owners.push(i);
                    pages.push(*f);
                }
            }
        }
        let all_files = site.all_files();
        let linted: std::collections::HashSet<String> =
            pages.iter().map(|p| p.site_path.clone()).collect();
        let mut index = SiteIndex::new(&site.config.baseurl, pages, all_files.iter().cloned());
        // Pages of the site that were not linted in this run still have URLs.
        for path in all_files
            .iter()
            .filter(|p| !linted.contains(p.as_str()) && site::is_page(p, &site.collections))
        {
            let Ok(text) = read_text(&site.root.join(path)) else {
                continue;
            };
            let permalink = match front_matter::split(&text) {
                front_matter::Split::Closed { yaml, .. } => {
                    front_matter::parse_yaml(&text[yaml.range()], yaml.start)
                        .ok()
                        .flatten()
                        .and_then(|d| {
                            d.get("permalink")
                                .and_then(|p| p.as_str())
                                .map(String::from)
                        })
                }
                _ => None,
            };
            if let Some(url) = site.config.url_of(path, permalink.as_deref()) {
                index.add_page(path, url);
            }
        }
        indexed.push(IndexedSite { index, owners });
    }
    indexed
}

/// Every distinct external URL of the linted pages, in first-seen order.
pub fn external_urls(sites: &[IndexedSite]) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    let mut urls = Vec::new();
    for site in sites {
        for page in site.index.pages() {
            for link in &page.external {
                if seen.insert(link.url.as_str()) {
                    urls.push(link.url.clone());
                }
            }
        }
    }
    urls
}

/// Run the site lints on every linted page and add their findings to the reports.
pub fn run_site_lints(
    sites: &[IndexedSite],
    files: &[SourceFile],
    rules: &[Arc<Rules>],
    reports: &mut [FileReport],
    external: Option<&ExternalResults>,
) {
    for site in sites {
        let index = &site.index;
        let found: Vec<(usize, Vec<Diagnostic>)> = index
            .pages()
            .par_iter()
            .zip(site.owners.par_iter())
            .filter_map(|(page, &i)| {
                let cx = SiteContext {
                    index,
                    page,
                    external,
                };
                let mut out = Vec::new();
                for lint in &rules[i].site_lints {
                    lint.check(&cx, &mut out);
                }
                rules[i].set_severities(&mut out);
                (!out.is_empty()).then_some((i, out))
            })
            .collect();
        let mut found: std::collections::HashMap<usize, Vec<Diagnostic>> =
            found.into_iter().collect();
        for &i in &site.owners {
            if let Outcome::Checked {
                diagnostics,
                text,
                suppressions,
                ..
            } = &mut reports[i].outcome
            {
                let before = diagnostics.len();
                if let Some(mut more) = found.remove(&i) {
                    suppressions.apply(&mut more);
                    diagnostics.append(&mut more);
                    diagnostics.sort_by_key(|d| (d.span.start, d.span.end, d.lint.code));
                }
                // The lints that ran: without the online check the external-link lints did
                // not, and a suppression naming them is not unused.
                let ran: Vec<&'static LintMeta> = rules[i]
                    .site_lints
                    .iter()
                    .map(|l| l.meta())
                    .filter(|m| external.is_some() || !m.is_external())
                    .collect();
                let mut unused = Vec::new();
                suppressions.report_unused_site_lints(&ran, &mut unused);
                rules[i].set_severities(&mut unused);
                diagnostics.append(&mut unused);
                diagnostics.sort_by_key(|d| (d.span.start, d.span.end, d.lint.code));
                if text.is_none() && diagnostics.len() > before {
                    *text = read_text(&files[i].path).ok();
                }
            }
        }
    }
}

/// Where `file` stands in its site.
pub fn file_info(file: &SourceFile) -> FileInfo {
    let site_path = file.site.site_path(&file.path);
    FileInfo {
        is_page: site::is_page(&site_path, &file.site.collections),
        site_path,
    }
}

/// Lint (and in the fix modes, fix) `text` as the file described by `info`. A panic in a
/// lint is reported as a failure of this file, not of the run. In `Mode::Fix` the returned
/// text is the fixed text, kept whenever something was fixed.
pub fn lint_text(
    text: String,
    info: &FileInfo,
    rules: &Rules,
    mode: Mode,
    display: &str,
    site: Option<&SiteConfig>,
) -> Outcome {
    let facts =
        |doc: &Document| site.map(|c| Box::new(PageFacts::from_document(doc, &info.site_path, c)));
    let result = catch_unwind(AssertUnwindSafe(|| match mode {
        Mode::Check => {
            let checked = handbook_lints::check_file(text, info, &rules.lints, &rules.options);
            let (doc, mut diagnostics) = (checked.doc, checked.diagnostics);
            let mut suppressions = checked.suppressions;
            if site.is_none() {
                // No site pass follows: the suppressions are complete now.
                suppressions.report_unused_site_lints(&[], &mut diagnostics);
            }
            rules.set_severities(&mut diagnostics);
            let text = (!diagnostics.is_empty()).then(|| doc.text().to_string());
            Outcome::Checked {
                diagnostics,
                text,
                fixed: 0,
                diff: None,
                unconverged: Vec::new(),
                facts: facts(&doc),
                suppressions,
            }
        }
        Mode::Fix { allowed } | Mode::Diff { allowed } => {
            let original = text.clone();
            let mut out = fix_until_stable_with(text, info, &rules.lints, &rules.options, allowed);
            if site.is_none() {
                out.suppressions
                    .report_unused_site_lints(&[], &mut out.remaining);
            }
            rules.set_severities(&mut out.remaining);
            let changed = out.text != original;
            let diff = (matches!(mode, Mode::Diff { .. }) && changed)
                .then(|| unified_diff(display, &original, &out.text));
            // The text is kept whenever it differs from the file: findings of the site pass point
            // into it.
            let keep = !out.remaining.is_empty() || changed;
            let facts = site.and_then(|_| facts(&Document::parse(out.text.clone())));
            Outcome::Checked {
                diagnostics: out.remaining,
                text: keep.then_some(out.text),
                fixed: out.fixed,
                diff,
                unconverged: out.unconverged,
                facts,
                suppressions: out.suppressions,
            }
        }
    }));
    result.unwrap_or_else(|panic| {
        let what = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        Outcome::Failed(FileError::new(format!(
            "internal error while linting (please report it): {what}"
        )))
    })
}

/// Read a file as UTF-8 text, with a clear reason when that is not possible.
pub fn read_text(path: &std::path::Path) -> Result<String, FileError> {
    let bytes =
        std::fs::read(path).map_err(|e| FileError::new(format!("cannot read file: {e}")))?;
    decode(bytes)
}

/// Decode bytes as UTF-8 text; binary data and invalid UTF-8 are errors that say where.
pub fn decode(bytes: Vec<u8>) -> Result<String, FileError> {
    let head = &bytes[..bytes.len().min(8192)];
    if memchr_nul(head) {
        return Err(FileError::new("not a text file (it contains NUL bytes)"));
    }
    String::from_utf8(bytes).map_err(|e| {
        let bytes = e.as_bytes();
        let at = e.utf8_error().valid_up_to();
        let line = bytes[..at].iter().filter(|b| **b == b'\n').count() + 1;
        let line_start = bytes[..at]
            .iter()
            .rposition(|b| *b == b'\n')
            .map_or(0, |p| p + 1);
        let column = String::from_utf8_lossy(&bytes[line_start..at])
            .chars()
            .count()
            + 1;
        FileError {
            at: Some((line, column)),
            message: format!(
                "not valid UTF-8 (byte 0x{:02X}); save the file as UTF-8",
                bytes[at]
            ),
        }
    })
}

fn memchr_nul(bytes: &[u8]) -> bool {
    bytes.contains(&0)
}

/// What the site pass should do with external links.
pub enum ExternalCheck<'a> {
    /// Do not check them (`--offline`, or no external-link lint selected).
    Off,
    /// Check them online with these settings.
    Online(&'a crate::links::Settings),
}

/// The site-wide pass, online part included: index the sites, check the external links once
/// each, run the site lints, and in the fix modes apply the site lints' fixes. Returns notes
/// for the terminal (the network is down, the cache could not be written).
pub fn site_pass(
    files: &[SourceFile],
    rules: &[Arc<Rules>],
    reports: &mut [FileReport],
    mode: Mode,
    external: ExternalCheck<'_>,
) -> Vec<String> {
    let mut notes = Vec::new();
    if rules.iter().all(|r| r.site_lints.is_empty()) {
        return notes;
    }
    let sites = index_sites(files, reports);
    let checked = match external {
        ExternalCheck::Online(settings) => {
            let urls = external_urls(&sites);
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
    run_site_lints(
        &sites,
        files,
        rules,
        reports,
        checked.as_ref().map(|r| &r.results),
    );
    if let Mode::Fix { allowed } | Mode::Diff { allowed } = mode {
        for (file, report) in files.iter().zip(reports.iter_mut()) {
            if let Err(e) = apply_site_fixes(file, report, mode, allowed) {
                report.outcome = Outcome::Failed(e);
            }
        }
    }
    notes
}

/// Apply the fixes the site lints found (their spans point into the text the page's facts
/// came from: the text after the per-file fixes). Each fix is applied whole or not at all;
/// the findings left are moved to their place in the new text.
fn apply_site_fixes(
    file: &SourceFile,
    report: &mut FileReport,
    mode: Mode,
    allowed: Applicability,
) -> Result<(), FileError> {
    let Outcome::Checked {
        diagnostics,
        text: Some(text),
        fixed,
        diff,
        ..
    } = &mut report.outcome
    else {
        return Ok(());
    };
    let site_fixable = |d: &Diagnostic| {
        d.fix.as_ref().is_some_and(|f| f.applicability <= allowed)
            && handbook_lints::registry::site_lints()
                .iter()
                .any(|l| std::ptr::eq(l.meta(), d.lint))
    };
    let (fixable, mut rest): (Vec<Diagnostic>, Vec<Diagnostic>) = std::mem::take(diagnostics)
        .into_iter()
        .partition(site_fixable);
    if fixable.is_empty() {
        *diagnostics = rest;
        return Ok(());
    }
    let applied = handbook_lints::fix::apply_fixes(text, &fixable, allowed);
    // A fix whose edits were not chosen (it overlapped another) stays a finding.
    for d in fixable {
        let edits = &d.fix.as_ref().expect("fixable").edits;
        if !edits.iter().all(|e| applied.edits.contains(e)) {
            rest.push(d);
        }
    }
    for d in &mut rest {
        d.span = shift(d.span, &applied.edits);
        d.fix = None;
    }
    rest.sort_by_key(|d| (d.span.start, d.span.end, d.lint.code));
    *diagnostics = rest;
    *fixed += applied.fixes;
    match mode {
        // The file must still be the text the findings came from: edits made while the links
        // were checked are never overwritten (the write refuses a file that changed).
        Mode::Fix { .. } => write_fixed(&file.path, text, &applied.text)?,
        Mode::Diff { .. } => {
            let original = read_text(&file.path)?;
            *diff = Some(unified_diff(&file.display, &original, &applied.text));
        }
        Mode::Check => {}
    }
    *text = applied.text;
    Ok(())
}

/// Where `span` of the old text lies after `edits` (sorted, non-overlapping) were applied.
fn shift(span: handbook_lints::Span, edits: &[handbook_lints::Edit]) -> handbook_lints::Span {
    let map = |offset: usize| {
        let mut delta: isize = 0;
        for e in edits {
            if e.span.end <= offset {
                delta += e.replacement.len() as isize - e.span.len() as isize;
            } else if e.span.start < offset {
                // Inside an edit: the edit's start.
                return (e.span.start as isize + delta) as usize;
            }
        }
        (offset as isize + delta) as usize
    };
    handbook_lints::Span::new(map(span.start), map(span.end))
}
