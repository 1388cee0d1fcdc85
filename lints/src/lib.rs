//! The pure core of handbook-lint.
//!
//! It parses a page into an owned [`Document`], holds the [`Lint`] trait, the registry and
//! every lint pass, and expresses fixes as byte-range edits. It does no I/O: no files, no
//! network, no printing, no clock.

pub mod blanks;
pub mod codec;
pub mod declare;
pub mod diagnostic;
pub mod document;
pub mod engine;
pub mod external;
pub mod fix;
pub mod front_matter;
pub mod lint;
pub mod model;
pub mod options;
pub mod registry;
pub mod rules;
pub mod scan;
pub mod schema;
pub mod site;
pub mod slug;
pub mod span;
pub mod suggest;
pub mod suppress;
pub mod yaml_events;

pub use diagnostic::{Applicability, Diagnostic, Edit, Fix, Severity};
pub use document::Document;
pub use engine::{check_file, Checked, RuleSet};
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
