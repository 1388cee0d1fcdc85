//! The site pass: each site's index from its pages' owned facts, the site lints on every page,
//! and the fix loop continued with the site lints' fixes.

use crate::diagnostic::{Applicability, Diagnostic};
use crate::external::ExternalResults;
use crate::fix::{fix_to_fixed_point, Linted};
use crate::lint::{FileInfo, SiteContext};
use crate::site::{NavFacts, OwnFacts, PageFacts, Publication, SiteConfig, SiteIndex};

use super::page::{check_file_in, finish, sort, Page, Waiting};
use super::RuleSet;
use std::sync::Arc;

/// One site of a run: its configuration and its index, built from the owned facts of the
/// pages linted in this run and the URLs of its other pages.
pub struct Site {
    config: SiteConfig,
    index: SiteIndex,
    /// `owners[k]` is the caller's number of the page `index.pages()[k]` came from.
    owners: Vec<usize>,
}

impl Site {
    /// Index the site whose files (paths from its root, `/` separators, pages included) are
    /// `files`, from its `pages` linted in this run (each with the caller's number for it),
    /// taking their facts. The index keeps the paths of `files` itself (sharing each page's
    /// with its facts): `files` may borrow them from a list the caller frees after.
    pub fn build<'p>(
        config: &SiteConfig,
        files: impl IntoIterator<Item = impl AsRef<str> + Into<Arc<str>>>,
        pages: impl IntoIterator<Item = (usize, impl Into<Waiting<'p>>)>,
    ) -> Site {
        // Taken as they come: the facts are boxed, so a growing list moves only pointers,
        // and no list of every page is made first.
        let (mut owners, mut facts) = (Vec::new(), Vec::new());
        for (owner, page) in pages {
            if let Some(f) = page.into().take_facts() {
                owners.push(owner);
                facts.push(f);
            }
        }
        Site {
            index: SiteIndex::new(config, facts, files),
            config: config.clone(),
            owners,
        }
    }

    /// The pages of the site not linted in this run, in the order of their paths: they still
    /// have URLs, which [`Site::add_unlinted_page`] reads from their text.
    pub fn unlinted_pages(&self) -> Vec<Arc<str>> {
        self.index.unlinted_files_where(is_markdown)
    }

    /// The site's index.
    pub(super) fn index(&self) -> &SiteIndex {
        &self.index
    }

    /// The facts of the pages indexed so far.
    pub(super) fn pages(&self) -> &[Box<PageFacts>] {
        self.index.pages()
    }

    /// The HTML pages of the site, in the order of their paths: just-the-docs lists them in
    /// the navigation beside the Markdown pages; [`Site::add_html_page`] reads their front
    /// matter.
    pub fn html_pages(&self) -> Vec<Arc<str>> {
        self.index.files_where(|p| self.config.is_html_page(p))
    }

    /// Add the navigation facts of an HTML page, from its text (its front matter is enough);
    /// a file without front matter is not a page, and is left out.
    pub fn add_html_page(&mut self, site_path: &str, text: &str) {
        if !matches!(
            crate::front_matter::split(text),
            crate::front_matter::Split::Closed { .. }
        ) {
            return;
        }
        let (_, nav) = self.read_page(site_path, text);
        self.index.add_html_nav(site_path, nav);
    }

    /// Add what Jekyll publishes for a page not linted in this run, from its text.
    pub fn add_unlinted_page(&mut self, site_path: &str, text: &str) {
        let (published, nav) = self.read_page(site_path, text);
        self.index.add_nav(site_path, nav);
        self.index.add_page(site_path, published);
    }

    /// What Jekyll publishes for the page at `site_path` with `text`, and its navigation
    /// facts.
    fn read_page(&self, site_path: &str, text: &str) -> (Publication, NavFacts) {
        let published = self.config.publish_text(site_path, text);
        let nav = NavFacts::from_text(text, site_path, published.url.is_some(), &self.config);
        (published, nav)
    }

    /// Every file Jekyll writes for the site, as the path it is served at (without the
    /// `baseurl`): what `tests/jekyll_sites.rs` compares with the real Jekyll.
    pub fn published(&mut self) -> Vec<String> {
        self.index.settle_readmes();
        self.index.published()
    }

    /// Once every page is added: the READMEs that become their folder's index; and the
    /// ids of the pages no link asks for dropped, unless the run fixes (`fix`). Returns the
    /// pages (places in [`Site::owners`]) whose ids were parked (`Page::park_ids`) and that a
    /// link asks for: [`Site::give_ids`] gives each back before the site pass.
    #[must_use]
    pub fn settle(&mut self, fix: Option<Applicability>) -> Vec<usize> {
        self.index.settle_readmes();
        self.index.drop_unasked_ids(fix.is_some())
    }

    /// Give back the ids the `k`-th page parked, from the bytes `r` that [`Page::park_ids`]
    /// wrote.
    pub fn give_ids(&mut self, k: usize, r: &mut crate::codec::Reader<'_>) -> std::io::Result<()> {
        let ids = super::page::parked_ids(r)?
            .ok_or_else(|| crate::codec::invalid("ids parked but not written"))?;
        self.index.give_ids(k, ids);
        Ok(())
    }

    /// Whether every Markdown page of the site was linted in this run.
    pub fn every_page_linted(&self) -> bool {
        self.index.every_page_linted()
    }

    /// The caller's numbers of the indexed pages, in index order: `finish_page(k, …)` is
    /// for the page numbered `owners()[k]`.
    pub fn owners(&self) -> &[usize] {
        &self.owners
    }

    /// The site pass for the `k`-th indexed page, linted as `file` with `rules`: its site
    /// lints (with the online checker's verdicts when external links were checked), their
    /// suppressions, then, when a site lint's fix applies, the fix loop again with page and
    /// site fixes together (the page's own facts recomputed from its text each round, the
    /// rest of the index as it was); last, unused suppressions and severities.
    pub fn finish_page(
        &self,
        k: usize,
        page: &mut Page,
        file: &FileInfo,
        rules: &RuleSet,
        fix: Option<Applicability>,
        external: Option<&ExternalResults>,
    ) {
        let Some(pending) = page.pending.take() else {
            return;
        };
        let mut suppressions = pending.suppressions;
        let facts = &self.index.pages()[k];
        // Kept in the facts, or parked and given back (`Page::unpark`): a run that parks a
        // page's facts must give them back, or the page would lose its site findings.
        let own = match (facts.own.as_deref(), pending.own.as_deref()) {
            (Some(own), _) | (None, Some(own)) => own,
            (None, None) => panic!(
                "the facts of {} were parked and not given back",
                file.site_path
            ),
        };
        let mut found = self.site_findings(facts, own, rules, external);
        if !found.is_empty() {
            suppressions.apply(&mut found);
            // Exactly the room needed: a page of a million findings must not double.
            page.diagnostics.reserve_exact(found.len());
            page.diagnostics.append(&mut found);
            sort(&mut page.diagnostics);
        }
        if let (Some(allowed), Some(text)) = (fix, page.text.take()) {
            let site_fix = page.diagnostics.iter().any(|d| {
                d.fix.as_ref().is_some_and(|f| f.applicability <= allowed)
                    && !page.unconverged.contains(&d.lint.name)
                    && rules
                        .site_lints
                        .iter()
                        // By code, not by address: `&Self::META` of a constant is not one
                        // address everywhere (the compiler decides), and comparing
                        // addresses left site fixes out in some builds.
                        .any(|l| l.meta().code == d.lint.code)
            });
            if !site_fix {
                page.text = Some(text);
            } else {
                let first = Linted {
                    diagnostics: std::mem::take(&mut page.diagnostics),
                    suppressions,
                };
                let out = fix_to_fixed_point(
                    text,
                    allowed,
                    std::mem::take(&mut page.unconverged),
                    rules.lint_count(),
                    Some(first),
                    |t| self.round(t, file, rules, external),
                );
                page.text = Some(out.text);
                page.fixed += out.fixed;
                page.diagnostics = out.remaining;
                page.unconverged = out.unconverged;
                suppressions = out.suppressions;
            }
        }
        let ran = rules.site_lints_that_ran(external.is_some());
        finish(page, suppressions, rules, &ran);
    }

    /// The site lints of `rules` on `page`.
    fn site_findings(
        &self,
        page: &PageFacts,
        own: &OwnFacts,
        rules: &RuleSet,
        external: Option<&ExternalResults>,
    ) -> Vec<Diagnostic> {
        let cx = SiteContext {
            index: &self.index,
            page,
            own,
            external,
            options: &rules.options,
        };
        let mut out = Vec::new();
        for lint in &rules.site_lints {
            lint.check(&cx, &mut out);
        }
        out
    }

    /// One round of the fix loop in the site pass: the page lints on `text`, then the site
    /// lints on the facts of `text`.
    fn round(
        &self,
        text: String,
        file: &FileInfo,
        rules: &RuleSet,
        external: Option<&ExternalResults>,
    ) -> Linted {
        let checked = check_file_in(
            text,
            file,
            &rules.page_lints,
            &rules.options,
            Some(&self.config),
        );
        let mut facts = PageFacts::from_document_with(
            &checked.doc,
            &file.site_path,
            &self.config,
            external.is_some(),
        );
        let own = facts.take_own();
        let mut suppressions = checked.suppressions;
        let mut diagnostics = checked.diagnostics;
        let mut found = self.site_findings(&facts, &own, rules, external);
        suppressions.apply(&mut found);
        diagnostics.append(&mut found);
        sort(&mut diagnostics);
        Linted {
            diagnostics,
            suppressions,
        }
    }
}

/// The findings of the site lints of `rules` in the text of the site's `_config.yml`, with
/// their configured severities, in order. YAML comments suppress them
/// (`# handbook-lint-disable-next-line HB319`), and unused ones are reported.
pub fn lint_config(text: &str, rules: &RuleSet) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for lint in &rules.site_lints {
        lint.check_config(text, &mut out);
    }
    super::config_comments::apply(text, rules, &mut out);
    rules.set_severities(&mut out);
    sort(&mut out);
    out
}

/// Every distinct external URL of the pages linted in `sites`, in first-seen order: what the
/// online checker is asked about.
pub fn external_urls(sites: &[Site]) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    let mut urls = Vec::new();
    for site in sites {
        for page in site.index.pages() {
            for link in page.external() {
                if seen.insert(link.url.as_str()) {
                    urls.push(link.url.clone());
                }
            }
        }
    }
    urls
}

/// Markdown, as Jekyll's `markdown_ext` default names it.
fn is_markdown(path: &str) -> bool {
    let lower = path.rsplit('/').next().unwrap_or("").to_ascii_lowercase();
    [".md", ".markdown", ".mkdown", ".mkdn", ".mkd"]
        .iter()
        .any(|e| lower.ends_with(e))
}
