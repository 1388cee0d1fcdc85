//! The `Lint` and `SiteLint` traits and the context a lint reads. What a lint is (its
//! declaration) lives in [`crate::declare`].

pub use crate::declare::{Catalog, FixAvailability, Group, LintMeta, Markdownlint, Phase};
use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::options::LintOptions;

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
    /// Option values for this file: a lint reads its own, `cx.options.get::<ItsOptions>()`.
    pub options: &'a LintOptions,
    /// Every lint of the run, for a lint that reads lint names (suppression comments).
    pub catalog: Catalog,
    /// The site's configuration when the page is linted as part of its Jekyll site: what a
    /// page lint needs to evaluate the page's Liquid ([`crate::site::Scope`]).
    pub site: Option<&'a crate::site::SiteConfig>,
}

/// A lint pass over one document.
pub trait Lint: Send + Sync {
    fn meta(&self) -> &'static LintMeta;
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>);
}

/// What a site-wide lint reads: the whole site's index and one page's facts.
pub struct SiteContext<'a> {
    pub index: &'a crate::site::SiteIndex,
    pub page: &'a crate::site::PageFacts,
    /// The facts of the page its own site lints read: its links, Liquid file references,
    /// tags and includes, navigation facts.
    pub own: &'a crate::site::OwnFacts,
    /// The online checker's verdicts; `None` when external links are not checked.
    pub external: Option<&'a crate::external::ExternalResults>,
    /// Option values for the page: a lint reads its own, `cx.options.get::<ItsOptions>()`.
    pub options: &'a LintOptions,
}

/// A lint pass that needs the whole site (links between pages). It runs after every page
/// has been parsed, over the pages' owned facts.
pub trait SiteLint: Send + Sync {
    fn meta(&self) -> &'static LintMeta;
    fn check(&self, cx: &SiteContext<'_>, out: &mut Vec<Diagnostic>);
    /// Findings in the text of the site's `_config.yml` (spans into `text`), for a lint
    /// about the configuration itself; most site lints have none. The tool reads the file
    /// and calls [`crate::engine::lint_config`].
    fn check_config(&self, _text: &str, _out: &mut Vec<Diagnostic>) {}
}
