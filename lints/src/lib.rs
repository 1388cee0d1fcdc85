//! The pure core of handbook-lint.
//!
//! It parses a page into an owned [`Document`], holds the [`Lint`] trait, the registry and
//! every lint pass, and expresses fixes as byte-range edits. It does no I/O: no files, no
//! network, no printing, no clock.

pub mod declare;
pub mod diagnostic;
pub mod document;
pub mod external;
pub mod fix;
pub mod front_matter;
pub mod lint;
pub mod options;
pub mod registry;
pub mod rules;
pub mod scan;
pub mod site;
pub mod site_index;
pub mod slug;
pub mod span;
pub mod suppress;

pub use diagnostic::{Applicability, Diagnostic, Edit, Fix, Severity};
pub use document::Document;
pub use lint::{Context, FileInfo, Lint, LintMeta, SiteContext, SiteLint};
pub use options::LintOptions;
pub use span::{LineCol, LineIndex, Span};
pub use suppress::Suppressions;

/// Parse `text` and run `lints` on it with their default options; diagnostics come back
/// sorted by position, without those that suppression comments silence.
pub fn check(text: String, file: &FileInfo, lints: &[&dyn Lint]) -> (Document, Vec<Diagnostic>) {
    check_with(text, file, lints, &LintOptions::default())
}

/// [`check`] with option values for the lints.
pub fn check_with(
    text: String,
    file: &FileInfo,
    lints: &[&dyn Lint],
    options: &LintOptions,
) -> (Document, Vec<Diagnostic>) {
    let checked = check_file(text, file, lints, options);
    (checked.doc, checked.diagnostics)
}

/// What checking one page gave.
#[derive(Debug)]
pub struct Checked {
    pub doc: Document,
    /// Sorted by position; suppressed findings left out, unused suppressions of page lints in.
    pub diagnostics: Vec<Diagnostic>,
    /// The page's suppression comments: they also filter its site-wide findings, and report
    /// their own unused names once those have run.
    pub suppressions: Suppressions,
}

/// Parse `text`, run `lints` on it with `options` and apply its suppression comments.
pub fn check_file(
    text: String,
    file: &FileInfo,
    lints: &[&dyn Lint],
    options: &LintOptions,
) -> Checked {
    let doc = Document::parse(text);
    let cx = Context {
        doc: &doc,
        file,
        options,
    };
    let mut out = Vec::new();
    for lint in lints {
        lint.check(&cx, &mut out);
    }
    let mut suppressions = Suppressions::new(&doc, lints);
    suppressions.apply(&mut out);
    suppressions.report_unused_page_lints(&doc, &mut out);
    out.sort_by(|a, b| {
        (a.span.start, a.span.end, a.lint.code).cmp(&(b.span.start, b.span.end, b.lint.code))
    });
    Checked {
        doc,
        diagnostics: out,
        suppressions,
    }
}
