//! The `Lint` trait, lint metadata and the context a lint reads.

use crate::diagnostic::{Diagnostic, Severity};
use crate::document::Document;

/// Whether a lint offers fixes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FixAvailability {
    None,
    /// Some findings carry a fix.
    Sometimes,
    /// Every finding carries a fix.
    Always,
}

/// What a lint is: code, name, default severity and documentation.
#[derive(Debug)]
pub struct LintMeta {
    /// `HB` and three digits: 0xx the tool's own comments, 1xx links, 3xx front matter and
    /// navigation, 5xx kramdown syntax.
    pub code: &'static str,
    /// Kebab-case name of the problem.
    pub name: &'static str,
    pub default_severity: Severity,
    pub fix: FixAvailability,
    /// The doc comment of the lint's type, as written (one ` ` after `///` kept).
    pub raw_docs: &'static str,
    /// The options it accepts (documented in its `## Options` section).
    pub options: &'static [crate::options::OptionMeta],
}

impl LintMeta {
    /// The documentation as Markdown.
    pub fn docs(&self) -> String {
        let mut out = String::with_capacity(self.raw_docs.len());
        for line in self.raw_docs.lines() {
            out.push_str(line.strip_prefix(' ').unwrap_or(line));
            out.push('\n');
        }
        out
    }

    /// The first sentence of the "What it does" section.
    pub fn summary(&self) -> String {
        let docs = self.docs();
        let body = docs
            .split("## What it does")
            .nth(1)
            .unwrap_or(&docs)
            .trim_start();
        let para = body.split("\n\n").next().unwrap_or("");
        let para = para.split_whitespace().collect::<Vec<_>>().join(" ");
        match para.find(". ") {
            Some(i) => para[..=i].to_string(),
            None => para,
        }
    }

    /// True when `key` names this lint by code or name.
    pub fn is_named(&self, key: &str) -> bool {
        self.code.eq_ignore_ascii_case(key) || self.name == key
    }
}

/// Facts about the file being linted that do not come from its text.
#[derive(Clone, Debug)]
pub struct FileInfo {
    /// Path relative to the site root, with `/` separators.
    pub site_path: String,
    /// Whether Jekyll would render this file as a page (see [`crate::site::is_page`]).
    pub is_page: bool,
}

/// What a lint reads.
pub struct Context<'a> {
    pub doc: &'a Document,
    pub file: &'a FileInfo,
    /// Option values for this file (each lint reads its own, by its meta).
    pub options: &'a crate::options::LintOptions,
}

/// A lint pass over one document.
pub trait Lint: Send + Sync {
    fn meta(&self) -> &'static LintMeta;
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>);
}

/// What a site-wide lint reads: the whole site's index and one page's facts.
pub struct SiteContext<'a> {
    pub index: &'a crate::site_index::SiteIndex,
    pub page: &'a crate::site_index::PageFacts,
    /// The online checker's verdicts; `None` when external links are not checked.
    pub external: Option<&'a crate::external::ExternalResults>,
}

/// A lint pass that needs the whole site (links between pages). It runs after every page
/// has been parsed, over the pages' owned facts.
pub trait SiteLint: Send + Sync {
    fn meta(&self) -> &'static LintMeta;
    fn check(&self, cx: &SiteContext<'_>, out: &mut Vec<Diagnostic>);
}

/// Declare a lint type: its doc comment becomes its documentation.
///
/// ```ignore
/// declare_lint! {
///     /// ## What it does
///     /// …
///     pub BackslashLinkPath, "HB101", "backslash-link-path", Warning, Always
/// }
/// ```
///
/// A lint with options lists them last: `…, Error, None, options: &[OptionMeta { … }]`.
#[macro_export]
macro_rules! declare_lint {
    (@options) => { &[] };
    (@options $options:expr) => { $options };
    ($(#[doc = $doc:literal])* $vis:vis $ty:ident, $code:literal, $name:literal, $severity:ident, $fix:ident $(, options: $options:expr)?) => {
        $(#[doc = $doc])*
        #[derive(Clone, Copy, Debug, Default)]
        $vis struct $ty;

        impl $ty {
            pub const META: $crate::lint::LintMeta = $crate::lint::LintMeta {
                code: $code,
                name: $name,
                default_severity: $crate::diagnostic::Severity::$severity,
                fix: $crate::lint::FixAvailability::$fix,
                raw_docs: concat!($($doc, "\n"),*),
                options: $crate::declare_lint!(@options $($options)?),
            };
        }
    };
}
