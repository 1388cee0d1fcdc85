//! One page through the engine: its page lints, its suppression comments and the fix loop
//! over its page lints; the site pass (see [`super::Site`]) finishes it.

use crate::codec::{Reader, Writer};
use crate::diagnostic::{Applicability, Diagnostic};
use crate::document::Document;
use crate::fix::{fix_to_fixed_point, Linted};
use crate::lint::{Context, FileInfo, Lint, LintMeta};
use crate::options::LintOptions;
use crate::registry;
use crate::site::{OwnFacts, PageFacts, SiteConfig};
use crate::slug::PageIds;
use crate::suppress::Suppressions;

use super::RuleSet;

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
    check_file_in(text, file, lints, options, None)
}

/// [`check_file`] for a page of the site configured by `site`, when it is known.
pub fn check_file_in(
    text: String,
    file: &FileInfo,
    lints: &[&dyn Lint],
    options: &LintOptions,
    site: Option<&SiteConfig>,
) -> Checked {
    check_document(Document::parse(text), file, lints, options, site)
}

/// [`check_file_in`] on a page already parsed.
fn check_document(
    doc: Document,
    file: &FileInfo,
    lints: &[&dyn Lint],
    options: &LintOptions,
    site: Option<&SiteConfig>,
) -> Checked {
    let cx = Context {
        doc: &doc,
        file,
        options,
        catalog: registry::catalog(),
        site,
    };
    let mut out = Vec::new();
    for lint in lints {
        lint.check(&cx, &mut out);
    }
    let mut suppressions = Suppressions::new(&doc, lints, registry::catalog());
    suppressions.apply(&mut out);
    suppressions.report_unused_page_lints(&doc, &mut out);
    sort(&mut out);
    Checked {
        doc,
        diagnostics: out,
        suppressions,
    }
}

/// A page as the engine leaves it.
#[derive(Debug)]
pub struct Page {
    /// Its text after fixing, when fixes were asked for (`None` in a check: the text is the
    /// one given).
    pub text: Option<String>,
    /// Findings fixed, over every round.
    pub fixed: usize,
    /// What remains, sorted by position, with their configured severities once the page is
    /// finished.
    pub diagnostics: Vec<Diagnostic>,
    /// Lints whose fixes did not settle; their fixes were left out.
    pub unconverged: Vec<&'static str>,
    /// Until the site pass has run on the page.
    pub(super) pending: Option<Box<Pending>>,
}

/// What the site pass needs of a page.
#[derive(Debug)]
pub(super) struct Pending {
    pub suppressions: Suppressions,
    /// Taken by the site index (boxed: once taken, what a page keeps until the site pass
    /// runs is small).
    pub facts: Option<Box<PageFacts>>,
    /// The facts only the page's own site lints read, given back by [`Page::unpark`].
    pub own: Option<Box<OwnFacts>>,
    /// Whether the site's other pages read this page's links, so that its own facts are not
    /// parked: on a just-the-docs site, `orphan-page` asks whether any page links to each
    /// page; and where the run calls [`Page::share_links`].
    pub shared_links: bool,
}

// Kept for every page until its site pass: what is parked must not stay here inline.
#[cfg(target_pointer_width = "64")]
const _: () = assert!(std::mem::size_of::<Pending>() == 32);

/// A page that holds nothing but what its site pass needs ([`Page::shelve`]): what most pages
/// of a check of files on disk are once their findings wait in the tool's store. A run keeps
/// one page per file until its site pass, and this is two words where a [`Page`] is eleven.
/// A page without suppression comments (most) keeps no [`Pending`] box: only its facts until
/// the index takes them, then nothing on the heap (on a site of 20,000 pages, 0.64 MB of
/// boxes fewer while the pages wait).
#[derive(Debug)]
pub struct Shelved(Kept);

#[derive(Debug)]
enum Kept {
    /// What the site pass needs beside the facts: suppression comments, or the page's own
    /// facts.
    Pending(Box<Pending>),
    /// Nothing but the facts (taken by the index) and whether other pages read its links.
    Facts {
        facts: Option<Box<PageFacts>>,
        shared_links: bool,
    },
}

// A run's slot for a shelved page is this and where its record is (its tag in a niche).
#[cfg(target_pointer_width = "64")]
const _: () = assert!(std::mem::size_of::<Shelved>() == 16);

impl Shelved {
    /// The page as it was shelved, less the facts the index took.
    pub fn into_page(self) -> Page {
        let pending = match self.0 {
            Kept::Pending(pending) => pending,
            Kept::Facts {
                facts,
                shared_links,
            } => Box::new(Pending {
                // A page without suppression comments has the default (empty) ones.
                suppressions: Suppressions::default(),
                facts,
                own: None,
                shared_links,
            }),
        };
        Page {
            text: None,
            fixed: 0,
            diagnostics: Vec::new(),
            unconverged: Vec::new(),
            pending: Some(pending),
        }
    }
}

/// A page lent to [`super::Site::build`], which takes its facts: a [`Page`] or a [`Shelved`]
/// one, so that a run need not turn its shelved pages back into pages to index them.
/// (Where its facts are; none for a page no site pass follows.)
pub struct Waiting<'p>(Option<&'p mut Option<Box<PageFacts>>>);

impl<'p> From<&'p mut Page> for Waiting<'p> {
    fn from(page: &'p mut Page) -> Self {
        Waiting(page.pending.as_mut().map(|p| &mut p.facts))
    }
}

impl<'p> From<&'p mut Shelved> for Waiting<'p> {
    fn from(page: &'p mut Shelved) -> Self {
        Waiting(Some(match &mut page.0 {
            Kept::Pending(pending) => &mut pending.facts,
            Kept::Facts { facts, .. } => facts,
        }))
    }
}

impl Waiting<'_> {
    /// Whether the page has facts for the site index to take.
    pub fn has_facts(&self) -> bool {
        self.0.as_ref().is_some_and(|f| f.is_some())
    }

    /// The page's facts, taken for the site index.
    pub(super) fn take_facts(self) -> Option<Box<PageFacts>> {
        self.0.and_then(Option::take)
    }
}

impl Page {
    /// Whether the site pass has still to run on this page.
    pub fn is_pending(&self) -> bool {
        self.pending.is_some()
    }

    /// The page as a [`Shelved`] one when it holds nothing but what its site pass needs (no
    /// text, findings or fixes; [`Shelved::into_page`] gives it back), else the page as it was.
    /// A page no site pass follows is finished already: it is not shelved.
    pub fn shelve(mut self) -> Result<Shelved, Page> {
        let bare = self.text.is_none()
            && self.fixed == 0
            && self.diagnostics.is_empty()
            && self.unconverged.is_empty();
        match self.pending.take() {
            // Only its facts, when the rest is what `Shelved::into_page` would give back:
            // its box is freed on the thread that made it, and made again (one at a time)
            // only when the page is finished.
            Some(mut pending) if bare => Ok(Shelved(
                match pending.own.is_none() && pending.suppressions.directives().is_empty() {
                    true => Kept::Facts {
                        facts: pending.facts.take(),
                        shared_links: pending.shared_links,
                    },
                    false => Kept::Pending(pending),
                },
            )),
            pending => {
                self.pending = pending;
                Err(self)
            }
        }
    }

    /// Write the facts only this page's own site lints read to `w` and let them go, when
    /// its site pass has still to run and no other page reads them; [`Page::unpark`] reads
    /// them back. A flag byte comes first, so a page with nothing parked writes one byte.
    pub fn park(&mut self, w: &mut Writer) {
        let own = match self.can_park() {
            true => self
                .pending
                .as_mut()
                .and_then(|p| p.facts.as_mut())
                .and_then(|f| f.own.take()),
            false => None,
        };
        w.bool(own.is_some());
        if let Some(own) = own {
            own.encode(w);
        }
    }

    /// Write the page's heading ids to `w` and let them go, when its site pass has still to
    /// run. For a check only (a fix keeps every page's ids): most pages' ids no link asks
    /// for; [`super::Site::settle`] names the pages whose ids a link does ask for, and
    /// [`super::Site::give_ids`] reads them back. A flag byte comes first, and
    /// [`skip_parked_ids`] passes over what follows.
    pub fn park_ids(&mut self, w: &mut Writer) {
        // A page without ids keeps its empty set: nothing would be freed.
        let parks = self.can_park_ids();
        let facts = self.pending.as_mut().and_then(|p| p.facts.as_mut());
        let ids = facts.filter(|_| parks).and_then(|f| {
            f.ids_parked = true;
            f.ids.take()
        });
        w.bool(ids.is_some());
        if let Some(ids) = ids {
            let mut blob = Writer(Vec::new());
            ids.encode(&mut blob);
            w.bytes(&blob.0);
        }
    }

    /// Whether [`Page::park_ids`] would write more than its flag.
    pub fn can_park_ids(&self) -> bool {
        let facts = self.pending.as_ref().and_then(|p| p.facts.as_ref());
        facts.is_some_and(|f| f.ids.as_ref().is_some_and(|ids| !ids.is_empty()))
    }

    /// Keep the page's own facts (its links among them) in memory until its site pass, for
    /// a run that reads other pages through its links (`Site::linked_unlinted_pages`):
    /// [`Page::park`] leaves them.
    pub fn share_links(&mut self) {
        if let Some(p) = self.pending.as_mut() {
            p.shared_links = true;
        }
    }

    /// Whether [`Page::park`] would write more than its flag: not when other pages read
    /// the page's links, nor when it is in a just-the-docs navigation (the site's
    /// navigation is built from its facts).
    pub fn can_park(&self) -> bool {
        self.pending.as_ref().is_some_and(|p| {
            let own = p.facts.as_ref().and_then(|f| f.own.as_deref());
            // A page is in a navigation only on a just-the-docs site, whose links are shared
            // already: the second test guards the navigation index if that ever changes.
            !p.shared_links && own.is_some_and(|o| o.nav.group.is_none())
        })
    }

    /// Read back what [`Page::park`] wrote, before the page's site pass.
    pub fn unpark(&mut self, r: &mut Reader<'_>) -> std::io::Result<()> {
        if !r.bool()? {
            return Ok(());
        }
        let own = OwnFacts::decode(r)?;
        if let Some(p) = self.pending.as_mut() {
            p.own = Some(Box::new(own));
        }
        Ok(())
    }
}

/// Pass over what [`Page::park_ids`] wrote.
pub fn skip_parked_ids(r: &mut Reader<'_>) -> std::io::Result<()> {
    if r.bool()? {
        r.bytes()?;
    }
    Ok(())
}

/// The ids [`Page::park_ids`] wrote, if it wrote any.
pub(super) fn parked_ids(r: &mut Reader<'_>) -> std::io::Result<Option<PageIds>> {
    Ok(match r.bool()? {
        true => {
            let mut blob = Reader(r.bytes()?);
            let ids = PageIds::decode(&mut blob)?;
            if !blob.0.is_empty() {
                return Err(crate::codec::invalid("bytes after the ids"));
            }
            Some(ids)
        }
        false => None,
    })
}

/// How [`lint_page_with`] runs a page.
#[derive(Clone, Copy, Debug)]
pub struct PageRun<'a> {
    /// Up to which applicability fixes are made; `None` in a check.
    pub fix: Option<Applicability>,
    /// The site's configuration, when the site pass follows.
    pub site: Option<&'a SiteConfig>,
    /// Whether the site pass checks external links online: without it the page keeps none
    /// of them for the site pass.
    pub external_links: bool,
}

/// Lint `text` as the file `file` with `rules` and, when `fix` says up to which
/// applicability, fix it to a fixed point of its page lints. With `site` (the site pass
/// follows) the page keeps what the site pass needs; without, it is finished now.
pub fn lint_page(
    text: String,
    file: &FileInfo,
    rules: &RuleSet,
    fix: Option<Applicability>,
    site: Option<&SiteConfig>,
) -> Page {
    let run = PageRun {
        fix,
        site,
        external_links: true,
    };
    lint_page_with(text, file, rules, run).0
}

/// [`lint_page`], handing `text` back as it was given: in a check it is the parsed page's
/// own text, not a copy.
pub fn lint_page_with(
    text: String,
    file: &FileInfo,
    rules: &RuleSet,
    run: PageRun<'_>,
) -> (Page, String) {
    let PageRun {
        fix,
        site,
        external_links,
    } = run;
    // The page is parsed once: its `configure-file` comments choose the rules that check it.
    let doc = Document::parse(text);
    let own = super::configure::configured(&doc, rules);
    let rules = own.as_ref().unwrap_or(rules);
    let checked = check_document(doc, file, &rules.page_lints, &rules.options, site);
    let facts = |doc: &Document| {
        site.map(|c| PageFacts::from_document_with(doc, &file.site_path, c, external_links))
    };
    let (mut page, suppressions, facts, original) = match fix {
        None => {
            let facts = facts(&checked.doc);
            let page = Page {
                text: None,
                fixed: 0,
                diagnostics: checked.diagnostics,
                unconverged: Vec::new(),
                pending: None,
            };
            (page, checked.suppressions, facts, checked.doc.into_text())
        }
        Some(allowed) => {
            // The check above is the fix loop's first round.
            let Checked {
                doc,
                diagnostics,
                suppressions,
            } = checked;
            let first = Linted {
                diagnostics,
                suppressions,
            };
            let original = doc.into_text();
            let out = fix_to_fixed_point(
                original.clone(),
                allowed,
                Vec::new(),
                rules.page_lints.len(),
                Some(first),
                |t| page_round(t, file, rules, site),
            );
            let (text, facts) = match site {
                Some(_) => {
                    let doc = Document::parse(out.text);
                    let facts = facts(&doc);
                    (doc.into_text(), facts)
                }
                None => (out.text, None),
            };
            let page = Page {
                text: Some(text),
                fixed: out.fixed,
                diagnostics: out.remaining,
                unconverged: out.unconverged,
                pending: None,
            };
            (page, out.suppressions, facts, original)
        }
    };
    match site {
        Some(_) => {
            page.pending = Some(Box::new(Pending {
                suppressions,
                facts: facts.map(Box::new),
                own: None,
                shared_links: site.is_some_and(|c| c.nav.theme),
            }))
        }
        // No site pass follows: the suppressions are complete now.
        None => finish(&mut page, suppressions, rules, &[]),
    }
    // A site's findings are kept until they are reported: in a vector of their number.
    page.diagnostics = crate::site::kept::exact(std::mem::take(&mut page.diagnostics));
    (page, original)
}

/// One round of the page lints on `text`.
pub(super) fn page_round(
    text: String,
    file: &FileInfo,
    rules: &RuleSet,
    site: Option<&SiteConfig>,
) -> Linted {
    let checked = check_file_in(text, file, &rules.page_lints, &rules.options, site);
    Linted {
        diagnostics: checked.diagnostics,
        suppressions: checked.suppressions,
    }
}

/// The last step of every page: unused suppressions of the site lints that `ran`, then the
/// configured severities.
pub(super) fn finish(
    page: &mut Page,
    mut suppressions: Suppressions,
    rules: &RuleSet,
    ran: &[&'static LintMeta],
) {
    let before = page.diagnostics.len();
    suppressions.report_unused_site_lints(ran, &mut page.diagnostics);
    if page.diagnostics.len() > before {
        sort(&mut page.diagnostics);
    }
    rules.set_severities(&mut page.diagnostics);
}

/// By position, then code; stable, so that findings at one place keep the order they were
/// found in (page lints, site lints, unused suppressions).
pub(super) fn sort(diagnostics: &mut [Diagnostic]) {
    // Stable, and its buffer holds keys, not findings: a page of a million findings needs
    // tens of megabytes less.
    diagnostics.sort_by_cached_key(|d| (d.span.start, d.span.end, d.lint.code));
}
